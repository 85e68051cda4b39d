"""The view: everything the user chose about what the map shows, as one immutable value.

The URL (:mod:`viewmodel.url`), the sidebar and the map's clicks produce a :class:`View`;
:func:`viewmodel.scene.scene` turns it into what is drawn. Ids only, never display labels:
a view reads the same in every language.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from geo.select import Filters
from viewmodel.basemaps import DEFAULT_BASEMAP
from viewmodel.registry import DEFAULT_LAYERS

DEFAULT_CENTRE = (23.25, 113.1)
DEFAULT_ZOOM = 8
LABEL_MODES = ("auto", "off", "zh", "en", "both")
OBJECT_KINDS = ("place", "link", "structure", "project")


@dataclass(frozen=True)
class ObjectRef:
    """A row of the gazetteer: a place, link, structure (strategy) or project, by id."""

    kind: str
    id: str


@dataclass(frozen=True)
class FeatureRef:
    """A feature of an uploaded layer: the layer's session key (``u1`` …) and its row."""

    layer: str
    row: int


Ref = ObjectRef | FeatureRef


def ref_kind(ref: Ref) -> str:
    """``place``, ``link``, ``structure``, ``project`` or ``user`` (an uploaded feature)."""
    return "user" if isinstance(ref, FeatureRef) else ref.kind


def ref_id(ref: Ref) -> str:
    """The id within its kind: a row id, or ``<layer>:<row>`` for an uploaded feature."""
    return f"{ref.layer}:{ref.row}" if isinstance(ref, FeatureRef) else ref.id


def ref_text(ref: Ref) -> str:
    """A reference as the map carries it: ``<kind>:<id>`` (``place:<id>``, ``link:<id>``,
    ``structure:<id>``, ``project:<id>`` or ``user:<layer>:<row>``)."""
    return f"{ref_kind(ref)}:{ref_id(ref)}"


def parse_ref(text: object) -> Ref | None:
    """The reference :func:`ref_text` wrote, or ``None`` for anything else."""
    if not isinstance(text, str):
        return None
    kind, _, rest = text.partition(":")
    if kind in OBJECT_KINDS and rest:
        return ObjectRef(kind, rest)
    layer, _, row = rest.rpartition(":")
    if kind == "user" and layer and row.isdigit():
        return FeatureRef(layer, int(row))
    return None


@dataclass(frozen=True)
class View:
    """What the map shows.

    Attributes
    ----------
    lang : str
        Language of the interface and of the legend, ``zh`` or ``en``.
    filters : Filters
        Plans, cities, kinds, industries, statuses, precisions and year.
    layers : tuple of str
        Visible layers (ids of :data:`viewmodel.registry.LAYERS`).
    strategy : str
        The structure whose members are highlighted and whose extent is drawn, or ``""``.
    selected : ObjectRef or FeatureRef or None
        The place, link, project or uploaded feature whose card is open.
    indicator, indicator_year : str, int
        The plan target coloured on the map (``""``: none) and its year.
    basemap : str
        Basemap id (:data:`viewmodel.basemaps.BASEMAPS`).
    labels : str
        Name labels: ``auto`` (the interface language; the scene resolves it), ``off``,
        ``zh``, ``en`` or ``both``. Which places are labelled at a zoom depends on their tier
        (:data:`viewmodel.style.LABEL_MIN_ZOOM`).
    centre, zoom : (lat, lon), int
        The map's centre and zoom.
    bounds : (min lon, min lat, max lon, max lat) or None
        The map's extent when the map has reported it (prints use it).
    present : bool
        Presentation mode: the map alone with title, legend, scale bar and north arrow.
    title, subtitle : str
        Title and subtitle of presentation mode and prints (``""``: the default ones).
    query : str
        The search box.
    """

    lang: str = "zh"
    filters: Filters = field(default_factory=Filters)
    layers: tuple[str, ...] = DEFAULT_LAYERS
    strategy: str = ""
    selected: Ref | None = None
    indicator: str = ""
    indicator_year: int = 0
    basemap: str = DEFAULT_BASEMAP
    labels: str = "auto"
    centre: tuple[float, float] = DEFAULT_CENTRE
    zoom: int = DEFAULT_ZOOM
    bounds: tuple[float, float, float, float] | None = None
    present: bool = False
    title: str = ""
    subtitle: str = ""
    query: str = ""

    def replace(self, **changes: object) -> View:
        """A copy with ``changes``."""
        return dataclasses.replace(self, **changes)

    def with_filters(self, **changes: object) -> View:
        """A copy whose filters have ``changes``."""
        return self.replace(filters=dataclasses.replace(self.filters, **changes))

    def select(self, ref: Ref | None) -> View:
        """Open ``ref``: a structure becomes the strategy (its card shows and the open card
        closes); anything else becomes the selection, keeping the strategy highlighted."""
        if isinstance(ref, ObjectRef) and ref.kind == "structure":
            return self.replace(strategy=ref.id, selected=None)
        return self.replace(selected=ref)

    def cleared(self) -> View:
        """One step back: close the open card, or drop the strategy when none is open."""
        if self.selected is not None:
            return self.replace(selected=None)
        return self.replace(strategy="")

    def selected_object(self, kind: str) -> str:
        """Id of the selected gazetteer row of ``kind`` (``place``, ``link``, ``project``), or
        ``""``."""
        ref = self.selected
        return ref.id if isinstance(ref, ObjectRef) and ref.kind == kind else ""
