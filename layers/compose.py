"""The web map of a scene: the static base (basemap, outlines, presentation furniture) and
the dynamic overlays, one feature group per drawing unit of the scene. The app, the offline
HTML download and the tests all build maps here.

Drawing goes through one dispatch, :data:`OVERLAY_DRAWERS`, keyed by the drawer names of
the layer registry; each unit is drawn on its own, so a unit that fails (say, an uploaded
file with a geometry the map script cannot take) leaves an empty group and a reason for its
legend rows, and everything else is drawn.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

import folium
from branca.element import Element

from geo.texts import t
from layers.assets import assert_offline, offline_map
from layers.boundaries import BasemapNames, MapSetup, boundary_layers
from layers.datum import SHIFTS, Shift
from layers.focus import VIEW_CSS, MapTexts, TileFallback, WheelGuard
from layers.indicators import draw_indicator
from layers.legend import LEGEND_CSS, legend_html
from layers.links import draw_links
from layers.overlay import legend_box, north_arrow, title_box
from layers.places import PlacesInline, draw_places, published_places
from layers.projects import draw_projects
from layers.structures import draw_structures
from layers.user import draw_user
from layers.verbatim import VerbatimMacro
from layers.zones import draw_zones
from viewmodel.basemaps import BY_ID, DEFAULT_BASEMAP, Basemap
from viewmodel.scene import DrawUnit, Scene, busiest_cities, plans_extent
from viewmodel.style import BOUNDARY_COLORS
from viewmodel.titles import view_titles
from viewmodel.view import DEFAULT_CENTRE, DEFAULT_ZOOM

BASE_DRAWERS = ("boundaries",)
"""Drawers of the static base (:func:`base_map`): outlines are not redrawn on a rerun."""
OVERLAY_DRAWERS: dict[str, Callable[[Scene, DrawUnit, Shift], list]] = {
    "indicator": draw_indicator,
    "structures": draw_structures,
    "zones": draw_zones,
    "links": draw_links,
    "projects": draw_projects,
    "places": draw_places,
    "user": draw_user,
}
"""Drawer name (``drawn_by`` of the registry) -> map drawer of the dynamic overlays, one
from the module of each kind of layer; with :data:`BASE_DRAWERS`, every drawer of
:data:`viewmodel.registry.DRAW_ORDER`."""
REASON_CHARS = 120
FIT_PADDING = (24, 24)
"""Pixels kept free around the plans' places when the default view fits them."""
log = logging.getLogger(__name__)


def failure_reason(exc: BaseException) -> str:
    """A short, one-line reason for a drawing failure (shown in the legend)."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


@dataclass
class Overlays:
    """The drawn overlays: one group per drawing unit, and the reason of each unit that
    could not be drawn (unit key -> reason)."""

    groups: list[folium.FeatureGroup]
    errors: dict[str, str]


def overlays(scene: Scene, basemap: Basemap | None = None) -> Overlays:
    """The dynamic part, redrawn without reloading the map: every overlay unit of the scene,
    bottom to top, shifted to the ``basemap``'s datum (the view's basemap by default)."""
    shift = SHIFTS[(basemap or BY_ID[scene.view.basemap]).datum]
    groups, errors = [], {}
    for unit in scene.units:
        if unit.drawer not in OVERLAY_DRAWERS:
            continue
        group = folium.FeatureGroup(name=unit.key)
        try:
            for element in OVERLAY_DRAWERS[unit.drawer](scene, unit, shift):
                element.add_to(group)
        except Exception as exc:  # one unit's failure must not take the map down
            log.exception("drawing %s failed", unit.key)
            errors[unit.key] = failure_reason(exc)
            group = folium.FeatureGroup(name=unit.key)
        groups.append(group)
    return Overlays(groups, errors)


def legend_markup(scene: Scene, errors: dict[str, str] | None = None) -> str:
    """The scene's legend as HTML, with the reason of every unit that failed to draw."""
    return legend_html(scene.legend, errors, scene.lang)


def titles(scene: Scene) -> tuple[str, str]:
    """Title and subtitle of the view, the same as its print's (:mod:`viewmodel.titles`)."""
    return view_titles(scene.gz, scene.view)


def base_map(
    scene: Scene,
    errors: dict[str, str] | None = None,
    *,
    basemap: Basemap | None = None,
    tile_key: str = "",
    start: tuple[float, float, float] | None = None,
    inline: bool = False,
    guard_wheel: bool = False,
    legend: bool = True,
    texts: bool = True,
) -> folium.Map:
    """The static part: basemap tiles or the vector base, outlines and, in presentation mode,
    the title box, the legend (with the overlays' ``errors``) and north arrow.

    Parameters
    ----------
    scene : Scene
        What to draw.
    errors : dict, optional
        Reasons of overlay units that failed to draw (shown in the in-map legend).
    basemap, tile_key : Basemap, str
        The basemap drawn (the view's by default) and its key, if it needs one.
    start : (lat, lon, zoom), optional
        Where the map opens (the view's centre and zoom by default). The app keeps the
        session's first extent so that panning never rebuilds the map. The default view
        opens on the extent of the plans' places (:func:`viewmodel.scene.plans_extent`).
    inline : bool
        Embed the outlines and scripts instead of fetching them from the app's static
        files (a self-contained file).
    guard_wheel : bool
        Leave the scroll wheel to the page until the map is clicked (a map inside a page).
    legend : bool
        Draw the legend inside the map in presentation mode (the app shows it beside).
    texts : bool
        Draw the view's texts (:func:`map_texts`) into the base map. The app sends them
        with the overlays instead: st_folium rebuilds its frame whenever the base map
        changes, and a language switch then keeps it.
    """
    view = scene.view
    basemap = basemap or BY_ID[view.basemap]
    lat, lon, zoom = start or (*view.centre, view.zoom)
    fmap = offline_map(
        BOUNDARY_COLORS["sea"],
        LEGEND_CSS + VIEW_CSS,
        served=not inline,
        location=(lat, lon),
        zoom_start=zoom,
        prefer_canvas=True,
        control_scale=True,
        zoom_snap=0.5,
        zoom_control=not view.present,
    )
    if not basemap.offline:
        TileFallback(basemap.datum).add_to(fmap)
    if guard_wheel:
        WheelGuard().add_to(fmap)
    for url, attribution in basemap.tile_urls(tile_key):
        folium.TileLayer(url, attr=attribution, subdomains=basemap.subdomains, max_zoom=18).add_to(
            fmap
        )
    MapSetup().add_to(fmap)
    counties = any(unit.drawer in BASE_DRAWERS for unit in scene.units)
    for layer in boundary_layers(basemap.datum, basemap.offline, counties, inline):
        layer.add_to(fmap)
    if texts:
        for element in text_elements(scene, basemap):
            element.add_to(fmap)
    if (lat, lon, zoom) == (*DEFAULT_CENTRE, DEFAULT_ZOOM):
        fmap.fit_bounds(plans_extent(scene.gz), padding=FIT_PADDING)
    if view.present:
        title_box(*titles(scene)).add_to(fmap)
        if legend:
            legend_box(legend_markup(scene, errors)).add_to(fmap)
        north_arrow().add_to(fmap)
    if basemap.offline:
        assert_offline(fmap)
    return fmap


def text_elements(scene: Scene, basemap: Basemap) -> list[VerbatimMacro]:
    """What the map says in the view's language: the names of the offline basemap, the
    wheel hint and the notice for failed tiles."""
    lang = scene.lang
    elements: list[VerbatimMacro] = [MapTexts(t("wheel_hint", lang), t("tiles_failed", lang))]
    if basemap.offline:
        elements.append(BasemapNames(lang, basemap.datum, busiest_cities(scene.gz)))
    return elements


def map_texts(scene: Scene, basemap: Basemap) -> folium.FeatureGroup:
    """:func:`text_elements` as a group that st_folium sends with the overlays."""
    group = folium.FeatureGroup(name="texts")
    for element in text_elements(scene, basemap):
        element.add_to(group)
    return group


def standalone_html(scene: Scene) -> bytes:
    """The map of ``scene`` as one HTML file with every asset inlined, with title, legend
    and north arrow; on the offline base it opens with no network. A basemap that needs a
    key is replaced by the offline base, so that no key is written into the file."""
    view = scene.view
    basemap = view.basemap if not BY_ID[view.basemap].needs_key else DEFAULT_BASEMAP
    scene = replace(scene, view=view.replace(present=True, basemap=basemap))
    drawn = overlays(scene)
    fmap = base_map(scene, drawn.errors, inline=True)
    if any(unit.drawer == "places" for unit in scene.units):  # no app to fetch them from
        shift = SHIFTS[BY_ID[scene.view.basemap].datum]
        PlacesInline(published_places(scene.gz.places, shift)).add_to(fmap)
    for group in drawn.groups:
        group.add_to(fmap)
    if view.bounds is not None:
        west, south, east, north = view.bounds
        fmap.fit_bounds([[south, west], [north, east]])
    title, subtitle = titles(scene)
    page_title = f"{title} · {subtitle}" if subtitle else title
    fmap.get_root().header.add_child(
        Element(f"<title>{html.escape(page_title)}</title>"), name="page_title"
    )
    return fmap.get_root().render().encode("utf-8")
