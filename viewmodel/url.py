"""The view as URL query parameters — the one codec between a shared link and a
:class:`~viewmodel.view.View`.

Parsing never fails: a value that is not an id of the data, or a number out of range, is
dropped and reported. Reports are grouped per parameter (a link with 5,000 unknown layer
ids gives one message, with a count and the first few values, each shortened), so a
hostile or mangled link can neither flood the page nor echo itself back.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass

from geo.gazetteer import Gazetteer
from geo.schema import PLACE_KINDS, PRECISIONS, STATUSES
from geo.select import industry_terms
from geo.texts import LANGS, t
from viewmodel.basemaps import BY_ID as BASEMAPS
from viewmodel.registry import ALL_LAYERS, DEFAULT_LAYERS
from viewmodel.view import LABEL_MODES, ObjectRef, View

FILTER_LISTS = ("plans", "cities", "kinds", "industries", "statuses", "precisions")
SELECTION_PARAMS = {"place": "place", "link": "link", "project": "project"}
"""URL parameter -> kind of the selected row (``structure`` is the strategy)."""
TEXT_LIMITS = {"q": 100, "title": 60, "subtitle": 100}
"""Longest text kept from the free-text parameters (search, title, subtitle)."""
NUMBER_LIMITS = {
    "lat": (-85.0, 85.0),
    "lng": (-180.0, 180.0),
    "zoom": (3, 18),
    "iyear": (2000, 2050),
    "year": (2000, 2050),
}
PARAMS = (
    "lang",
    *FILTER_LISTS,
    "layers",
    "labels",
    "basemap",
    "place",
    "structure",
    "link",
    "project",
    "ind",
    "iyear",
    "year",
    "q",
    "title",
    "subtitle",
    "present",
    "lat",
    "lng",
    "zoom",
)
"""Every parameter a link may carry."""
VALUES_SHOWN = 3
VALUE_CHARS = 24
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass(frozen=True)
class Options:
    """The ids each parameter accepts, taken from the data and the registries."""

    choices: Mapping[str, Container[str]]

    @classmethod
    def of(cls, gz: Gazetteer) -> Options:
        """The options of the gazetteer ``gz``; place ids are asked of the gazetteer's own
        index (no second set of 100k ids)."""
        choices = {
            "lang": LANGS,
            "plans": gz.plans.index,
            "cities": gz.places["city"].unique(),
            "kinds": PLACE_KINDS,
            "industries": industry_terms(gz),
            "statuses": STATUSES,
            "precisions": PRECISIONS,
            "layers": ALL_LAYERS,
            "labels": LABEL_MODES,
            "basemap": BASEMAPS,
            "structure": gz.structures.index,
            "link": gz.links.index,
            "project": gz.projects.index,
            "ind": gz.indicator_keys.index,
        }
        sets = {name: frozenset(values) for name, values in choices.items()}
        return cls({**sets, "place": gz.places.index})


def _number(name: str, raw: str) -> float | int | None:
    low, high = NUMBER_LIMITS[name]
    try:
        value = float(raw) if isinstance(low, float) else int(raw)
    except ValueError:
        return None
    return value if low <= value <= high else None


def from_query(params: Mapping[str, str], options: Options) -> tuple[View, list[tuple[str, str]]]:
    """The view of a link's query parameters (the last value of each name).

    Returns
    -------
    (View, list of (name, value))
        The view, and every parameter value that was not recognised and was ignored.
    """
    ignored: list[tuple[str, str]] = []
    fields: dict[str, object] = {}
    filters: dict[str, object] = {}
    centre: dict[str, float] = {}
    choices = options.choices
    for name, raw in params.items():
        if name not in PARAMS:
            ignored.append((name, raw))
        elif name in FILTER_LISTS or name == "layers":
            values = [v for v in raw.split(",") if v]
            good = tuple(dict.fromkeys(v for v in values if v in choices[name]))
            ignored += [(name, v) for v in values if v not in choices[name]]
            if name != "layers":
                filters[name] = good
            elif raw == "" or good:  # an empty value means no layer; only junk: the default
                fields["layers"] = tuple(i for i in ALL_LAYERS if i in good)
        elif name in ("lang", "labels", "basemap", "ind"):
            if raw in choices[name]:
                fields[{"ind": "indicator"}.get(name, name)] = raw
            else:
                ignored.append((name, raw))
        elif name in (*SELECTION_PARAMS, "structure"):
            if raw and raw not in choices[name]:
                ignored.append((name, raw))
            elif name == "structure":
                fields["strategy"] = raw
            elif raw:
                fields["selected"] = ObjectRef(SELECTION_PARAMS[name], raw)
        elif name in TEXT_LIMITS:
            fields[{"q": "query"}.get(name, name)] = raw[: TEXT_LIMITS[name]]
        elif name == "present":
            if raw in ("0", "1"):
                fields["present"] = raw == "1"
            else:
                ignored.append((name, raw))
        else:
            value = _number(name, raw)
            if value is None:
                ignored.append((name, raw))
            elif name == "year":
                filters["year"] = value
            elif name in ("lat", "lng"):
                centre[name] = value
            else:
                fields[{"iyear": "indicator_year"}.get(name, name)] = value
    default = View().centre
    fields["centre"] = (centre.get("lat", default[0]), centre.get("lng", default[1]))
    return View(**fields).with_filters(**filters), ignored


def to_query(view: View) -> dict[str, str]:
    """The query parameters of ``view``, leaving out what equals the default (the bounds and
    an uploaded feature's selection are not part of a link)."""
    default = View()
    query: dict[str, str] = {}
    if view.lang != default.lang:
        query["lang"] = view.lang
    for name in FILTER_LISTS:
        if getattr(view.filters, name):
            query[name] = ",".join(getattr(view.filters, name))
    if view.layers != DEFAULT_LAYERS:
        query["layers"] = ",".join(view.layers)
    for name, value, usual in (
        ("labels", view.labels, default.labels),
        ("basemap", view.basemap, default.basemap),
        ("structure", view.strategy, ""),
        ("ind", view.indicator, ""),
        ("q", view.query, ""),
        ("title", view.title, ""),
        ("subtitle", view.subtitle, ""),
    ):
        if value != usual:
            query[name] = value
    selected = view.selected
    if isinstance(selected, ObjectRef) and selected.kind in SELECTION_PARAMS.values():
        query[selected.kind] = selected.id
    for name, value in (("iyear", view.indicator_year), ("year", view.filters.year)):
        if value:
            query[name] = str(value)
    if view.present:
        query["present"] = "1"
    if view.centre != default.centre:
        query["lat"], query["lng"] = (f"{v:.5f}" for v in view.centre)
    if view.zoom != default.zoom:
        query["zoom"] = str(view.zoom)
    return query


def _short(value: str) -> str:
    """``value`` as one short line: control characters removed, long text cut."""
    text = _CONTROL.sub(" ", value).strip()
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


def _some(values: list[str], lang: str) -> str:
    shown = t("report_list_separator", lang).join(_short(v) for v in values[:VALUES_SHOWN])
    return shown + (" …" if len(values) > VALUES_SHOWN else "")


def ignored_messages(ignored: list[tuple[str, str]], lang: str) -> list[str]:
    """One message per parameter with ignored values (with their count and the first few,
    shortened), and one for all unknown parameters; at most ``len(PARAMS) + 1`` messages."""
    by_name: dict[str, list[str]] = {}
    unknown: list[tuple[str, str]] = []
    for name, value in ignored:
        if name in PARAMS:
            by_name.setdefault(name, []).append(value)
        else:
            unknown.append((name, value))
    groups = [(name, [(name, v) for v in values]) for name, values in by_name.items()]
    messages = []
    for name, pairs in [*groups, *([("", unknown)] if unknown else [])]:
        if len(pairs) == 1:
            name, value = pairs[0]
            messages.append(t("unknown_param", lang, name=_short(name), value=_short(value)))
        elif name:
            values = [v for _, v in pairs]
            messages.append(
                t("url_values_ignored", lang, name=name, n=len(values), values=_some(values, lang))
            )
        else:
            names = [n for n, _ in pairs]
            messages.append(t("url_params_ignored", lang, n=len(names), values=_some(names, lang)))
    return messages
