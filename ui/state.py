"""The view as URL query parameters: language, filters, layers, basemap, selection, centre
and zoom. Parsing never fails: an unknown value is dropped and reported."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

LIST_FIELDS = ("plans", "cities", "kinds", "industries", "statuses", "precisions", "layers")
CHOICE_FIELDS = ("lang", "labels", "basemap", "place", "structure", "link", "project", "ind")
SELECTION_FIELDS = ("place", "structure", "link", "project", "ind")
"""Choice fields whose empty value means “nothing chosen”."""
YEAR_LIMITS = (2000, 2050)
DEFAULT_CENTER = (23.25, 113.1)
DEFAULT_ZOOM = 8


@dataclass
class ViewState:
    """Everything a shared link restores."""

    lang: str = "zh"
    plans: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    precisions: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)
    labels: str = "off"
    basemap: str = "vector"
    place: str = ""
    structure: str = ""
    link: str = ""
    project: str = ""
    ind: str = ""
    iyear: int = 0
    year: int = 0
    q: str = ""
    present: bool = False
    lat: float = DEFAULT_CENTER[0]
    lng: float = DEFAULT_CENTER[1]
    zoom: int = DEFAULT_ZOOM


def parse_query(
    params: dict[str, str], options: dict[str, set[str]], default_layers: list[str]
) -> tuple[ViewState, list[tuple[str, str]]]:
    """A :class:`ViewState` from query parameters.

    Parameters
    ----------
    params : dict
        Query parameters (last value of each name).
    options : dict
        Allowed values of each list or choice field.
    default_layers : list of str
        Layers shown when the URL names none.

    Returns
    -------
    (ViewState, list of (name, value))
        The state, and every parameter value that was not recognised and was ignored.
    """
    state = ViewState(layers=list(default_layers))
    ignored: list[tuple[str, str]] = []
    known = {f.name for f in fields(ViewState)}
    for name, raw in params.items():
        if name not in known:
            ignored.append((name, raw))
            continue
        if name in LIST_FIELDS:
            values = [v for v in raw.split(",") if v]
            good = [v for v in values if v in options[name]]
            ignored += [(name, v) for v in values if v not in options[name]]
            if name != "layers" or raw == "" or good:
                setattr(state, name, good)
        elif name in CHOICE_FIELDS:
            if raw in options[name] or (name in SELECTION_FIELDS and raw == ""):
                setattr(state, name, raw)
            else:
                ignored.append((name, raw))
        elif name == "q":
            state.q = raw[:100]
        elif name == "present":
            if raw in ("0", "1"):
                state.present = raw == "1"
            else:
                ignored.append((name, raw))
        else:
            try:
                value = float(raw) if name in ("lat", "lng") else int(raw)
            except ValueError:
                ignored.append((name, raw))
                continue
            limits = {
                "lat": (-85, 85),
                "lng": (-180, 180),
                "zoom": (3, 18),
                "iyear": YEAR_LIMITS,
                "year": YEAR_LIMITS,
            }[name]
            if limits[0] <= value <= limits[1]:
                setattr(state, name, value)
            else:
                ignored.append((name, raw))
    return state, ignored


def to_query(state: ViewState, default_layers: list[str]) -> dict[str, str]:
    """Query parameters of ``state``, leaving out what equals the default."""
    default = asdict(ViewState(layers=list(default_layers)))
    query = {}
    for name, value in asdict(state).items():
        if value == default[name]:
            continue
        if name in LIST_FIELDS:
            query[name] = ",".join(value)
        elif name in ("lat", "lng"):
            query[name] = f"{value:.5f}"
        elif name == "present":
            query[name] = "1" if value else "0"
        else:
            query[name] = str(value)
    return query
