"""Composing the whole map from a view: which rows each visible layer draws, the static
base (basemap, outlines, presentation furniture) and the dynamic overlays. The app, the
offline HTML download and the tests all build maps here."""

from __future__ import annotations

from dataclasses import dataclass, field

import folium
import geopandas as gpd

from geo.gazetteer import Gazetteer
from geo.indicators import area_values
from geo.select import PlaceFilter, filter_places, member_places
from layers import registry
from layers.assets import assert_offline, offline_map
from layers.basemaps import Basemap
from layers.boundaries import boundary_layers
from layers.datum import SHIFTS
from layers.indicators import classify, indicator_layer
from layers.legend import (
    LEGEND_CSS,
    indicator_entries,
    legend_entries,
    legend_html,
    precision_entry,
)
from layers.links import LinksOverlay, link_arcs
from layers.overlay import legend_box, north_arrow, title_box
from layers.places import PlacesOverlay, place_features
from layers.projects import project_features, under_way
from layers.structures import structure_extents
from layers.style import BOUNDARY_COLORS
from layers.user import UserLayerView, user_legend_entries, user_overlays


@dataclass
class MapView:
    """Everything that decides what the map draws."""

    basemap: Basemap
    lang: str = "zh"
    layers: list[str] = field(default_factory=lambda: list(registry.DEFAULT_LAYERS))
    criteria: PlaceFilter = field(default_factory=PlaceFilter)
    labels: str = "off"
    place: str = ""
    structure: str = ""
    link: str = ""
    center: tuple[float, float] = (23.25, 113.1)
    zoom: float = 8
    tile_key: str = ""
    indicator: str = ""
    indicator_year: int = 0
    year: int = 0  # 0: every year; else only what exists or is being built by then
    project: str = ""
    user_layers: tuple[UserLayerView, ...] = ()
    user_feature: str = ""  # selected uploaded feature, ``key:row``

    def kinds(self, drawn_by: str) -> set[str]:
        """Place or link kinds drawn by the visible layers."""
        return {
            k
            for i in self.layers
            if registry.BY_ID[i].drawn_by == drawn_by
            for k in registry.BY_ID[i].rows
        }


def shown_places(gz: Gazetteer, view: MapView) -> gpd.GeoDataFrame:
    """Places that pass the filters and belong to a visible layer."""
    places = filter_places(gz, view.criteria)
    places = places[places["kind"].isin(view.kinds("places"))]
    if view.year:
        first = gz.timeline.groupby("place_id")["start_year"].min()
        later = set(first.index[first > view.year])
        places = places[~places.index.isin(later)]
    return places


def shown_projects(gz: Gazetteer, view: MapView) -> gpd.GeoDataFrame:
    """Major projects when their layer is on, narrowed to those under way in ``view.year``."""
    if "projects" not in view.layers:
        return gz.projects.iloc[0:0]
    projects = gz.projects
    if view.criteria.plans:
        projects = projects[projects["plan_id"].isin(view.criteria.plans)]
    return under_way(projects, view.year or None)


def indicator_values(gz: Gazetteer, view: MapView) -> gpd.GeoDataFrame | None:
    """Plan areas with the chosen indicator's values, or ``None`` when none is chosen."""
    if not view.indicator:
        return None
    return area_values(gz, view.indicator, view.indicator_year)


def shown_links(gz: Gazetteer, view: MapView) -> gpd.GeoDataFrame:
    """Links of the visible link layers (and of the filtered plans), plus the selected one."""
    links = gz.links[gz.links["kind"].isin(view.kinds("links"))]
    if view.criteria.plans:
        links = links[links["plan_id"].isin(view.criteria.plans)]
    if view.link and view.link not in links.index:
        links = gz.links.loc[sorted({*links.index, view.link})]
    return links


def highlighted(gz: Gazetteer, view: MapView) -> frozenset[str]:
    """The selected place and the members of the selected structure."""
    ids = {view.place} if view.place else set()
    if view.structure:
        ids |= set(member_places(gz, view.structure))
    return frozenset(ids)


def legend_markup(gz: Gazetteer, view: MapView) -> str:
    """Legend of the visible layers, the kinds actually drawn and the indicator classes."""
    drawn = set(shown_places(gz, view)["kind"])
    groups = legend_entries(view.layers, view.lang, drawn)
    values = indicator_values(gz, view)
    if values is not None and len(values):
        classes = classify(values["value"].to_numpy(dtype=float))
        has_text = bool(values["value"].isna().any())
        key = gz.indicator_keys.loc[view.indicator]
        title = (
            key["key_zh"] if view.lang == "zh" else key["key_en"]
        ) + f" · {view.indicator_year}"
        groups = [
            (title, indicator_entries(classes, values["unit"].iloc[0], view.lang, has_text)),
            *groups,
        ]
    if view.user_layers:
        title = "我的数据" if view.lang == "zh" else "My data"
        groups = [*groups, (title, user_legend_entries(list(view.user_layers)))]
    return legend_html(groups, [precision_entry(view.lang)])


def base_map(
    gz: Gazetteer,
    view: MapView,
    title: tuple[str, str] | None = None,
    inline_detail: bool = False,
) -> folium.Map:
    """The static part: basemap tiles or the vector base, outlines and, with a ``title``
    (presentation mode), the title box, legend and north arrow. ``inline_detail`` embeds
    the detailed outlines instead of fetching them from the app when zoomed in."""
    fmap = offline_map(
        BOUNDARY_COLORS["sea"],
        LEGEND_CSS,
        location=view.center,
        zoom_start=view.zoom,
        prefer_canvas=True,
        control_scale=True,
        zoom_snap=0.5,
        zoom_control=title is None,
    )
    basemap = view.basemap
    for url, attribution in basemap.tile_urls(view.tile_key):
        folium.TileLayer(url, attr=attribution, subdomains=basemap.subdomains, max_zoom=18).add_to(
            fmap
        )
    for layer in boundary_layers(
        basemap.datum, basemap.offline, "counties" in view.layers, inline_detail
    ):
        layer.add_to(fmap)
    if title is not None:
        title_box(*title).add_to(fmap)
        legend_box(legend_markup(gz, view)).add_to(fmap)
        north_arrow().add_to(fmap)
    if basemap.offline:
        assert_offline(fmap)
    return fmap


def overlays(gz: Gazetteer, view: MapView) -> list[folium.FeatureGroup]:
    """The dynamic part: structures, links and places, redrawn without reloading the map."""
    shift = SHIFTS[view.basemap.datum]
    indicator_fg = folium.FeatureGroup(name="indicator")
    values = indicator_values(gz, view)
    if values is not None and len(values):
        indicator_layer(values, view.lang, shift)[0].add_to(indicator_fg)
    structures_fg = folium.FeatureGroup(name="structures")
    if "structures" in view.layers or view.structure:
        chosen = (
            gz.structures if "structures" in view.layers else gz.structures.loc[[view.structure]]
        )
        structure_extents(chosen, view.lang, view.structure or None, shift).add_to(structures_fg)
    links_fg = folium.FeatureGroup(name="links")
    arcs = link_arcs(gz, shown_links(gz, view), view.lang, view.link or None, shift)
    LinksOverlay(arcs).add_to(links_fg)
    projects_fg = folium.FeatureGroup(name="projects")
    projects = shown_projects(gz, view)
    if len(projects):
        PlacesOverlay(project_features(projects, view.lang, view.project, shift), False).add_to(
            projects_fg
        )
    places_fg = folium.FeatureGroup(name="places")
    data = place_features(
        shown_places(gz, view), view.lang, view.labels, highlighted(gz, view), shift
    )
    PlacesOverlay(data, view.labels != "off").add_to(places_fg)
    user_fg = folium.FeatureGroup(name="user")
    for layer in view.user_layers:
        for element in user_overlays(layer, view.labels != "off", view.user_feature, shift):
            element.add_to(user_fg)
    return [indicator_fg, structures_fg, links_fg, projects_fg, places_fg, user_fg]


def standalone_html(gz: Gazetteer, view: MapView, title: tuple[str, str]) -> bytes:
    """The map of ``view`` as one HTML file with every asset inlined: opens offline."""
    fmap = base_map(gz, view, title, inline_detail=True)
    for group in overlays(gz, view):
        group.add_to(fmap)
    return fmap.get_root().render().encode("utf-8")
