"""The scene: what a view draws. :func:`scene` is pure — (gazetteer, uploaded layers, view)
in, rows, extents, highlights, drawing units and legend rows out — and every renderer (the
web map and its legend, the table, the offline HTML, the print, the GIS export) draws the
scene it is given instead of selecting rows itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.anchors import strip_suffix
from geo.formats import flat
from geo.gazetteer import Gazetteer
from geo.indicators import area_values
from geo.layers_out import places_layer
from geo.placenames import REGION_BOUNDS
from geo.select import Selection, member_places, select
from geo.texts import column, t
from viewmodel.choropleth import ClassBreak, classify
from viewmodel.legend import (
    LegendGroup,
    indicator_group,
    layer_groups,
    local_link_group,
    seat_group,
    size_key,
    strategy_group,
    user_entry,
)
from viewmodel.registry import DRAW_ORDER, kinds_drawn
from viewmodel.view import FeatureRef, View

if TYPE_CHECKING:  # the reader's modules are not needed to draw a layer it read
    from geo.upload.layer import UserLayer


@dataclass(frozen=True, eq=False)
class Choropleth:
    """The plan target coloured on the map: each plan area's value for the year, classed."""

    values: gpd.GeoDataFrame  # geo.indicators.area_values
    classes: tuple[ClassBreak, ...]
    title: str


@dataclass(frozen=True)
class DrawUnit:
    """One piece of the map drawn on its own: a drawer and the key its legend rows carry."""

    key: str  # counties | indicator | structures | zones | links | projects | places | user:<key>
    drawer: str  # a name of viewmodel.registry.DRAW_ORDER


@dataclass(frozen=True, eq=False)
class Scene:
    """What a view draws.

    Attributes
    ----------
    gz : Gazetteer
        The data the rows come from (renderers read anchors and names from it).
    view : View
        The view the scene was made of.
    selection : Selection
        The rows the filters and visible layers keep: what the table lists, the print and
        the map draw and “current filter” exports.
    places, links, structures, zones, projects : GeoDataFrame
        Rows to draw: the selection's, plus the selected link and the strategy's extent
        when their layers are off. A *local* link (``local`` true: all its ends on one
        point) has no line geometry; renderers mark it at that point.
    choropleth : Choropleth or None
        The plan target coloured on the map.
    user_layers : tuple of UserLayer
        Uploaded layers, drawn over the plans' layers.
    highlights : frozenset of str
        Place ids drawn highlighted: the selected place and the strategy's members.
    units : tuple of DrawUnit
        What to draw, bottom to top.
    legend : tuple of LegendGroup
        The legend rows.
    """

    gz: Gazetteer
    view: View
    selection: Selection
    places: gpd.GeoDataFrame
    links: gpd.GeoDataFrame
    structures: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame
    projects: gpd.GeoDataFrame
    choropleth: Choropleth | None
    user_layers: tuple[UserLayer, ...]
    highlights: frozenset[str]
    units: tuple[DrawUnit, ...]
    legend: tuple[LegendGroup, ...]

    @property
    def lang(self) -> str:
        """The view's language."""
        return self.view.lang

    def place_table(self) -> pd.DataFrame:
        """The selection's places with their export attributes, as the table lists them."""
        return flat(places_layer(self.gz, self.selection)).drop(columns="geometry")

    def selected_feature(self, layer: UserLayer) -> int | None:
        """Row of ``layer`` that is selected, if any."""
        ref = self.view.selected
        return ref.row if isinstance(ref, FeatureRef) and ref.layer == layer.key else None


def _choropleth(gz: Gazetteer, view: View) -> Choropleth | None:
    if not view.indicator:
        return None
    values = area_values(gz, view.indicator, view.indicator_year)
    if values.empty:
        return None
    name = gz.indicator_keys.at[view.indicator, column("key", view.lang)]
    classes = tuple(classify(values["value"].to_numpy(dtype=float)))
    return Choropleth(values, classes, f"{name} · {view.indicator_year}")


def _units(
    view: View, choropleth: Choropleth | None, user_layers: Sequence[UserLayer]
) -> tuple[DrawUnit, ...]:
    shown = {
        "boundaries": "counties" in view.layers,
        "indicator": choropleth is not None,
        "structures": "structures" in view.layers or bool(view.strategy),
        "zones": "zones" in view.layers,
        "links": bool(kinds_drawn(view.layers, "links")) or bool(view.selected_object("link")),
        "projects": "projects" in view.layers,
        "places": bool(kinds_drawn(view.layers, "places")),
    }
    keys = {"boundaries": "counties"}
    units = [DrawUnit(keys.get(d, d), d) for d in DRAW_ORDER if shown.get(d)]
    return tuple(units) + tuple(DrawUnit(f"user:{layer.key}", "user") for layer in user_layers)


def plans_extent(gz: Gazetteer) -> list[list[float]]:
    """[[south, west], [north, east]] of the plans' places in Guangdong, Hong Kong and Macau
    (the Pearl River Delta and 清远; partners elsewhere in China left out): where the
    default view opens."""
    places = gz.places
    west, south, east, north = REGION_BOUNDS
    inside = places[places["lon"].between(west, east) & places["lat"].between(south, north)]
    return [
        [float(inside["lat"].min()), float(inside["lon"].min())],
        [float(inside["lat"].max()), float(inside["lon"].max())],
    ]


def busiest_cities(gz: Gazetteer) -> tuple[str, ...]:
    """Cities by the number of the plans' places in them, most first, without their suffix
    (中山, 江门 …): the city names the basemap places first."""
    cities = gz.places["city"].value_counts(sort=False)  # in order of first appearance
    counts = cities.groupby(cities.index.map(strip_suffix), sort=False).sum()
    return tuple(counts.sort_values(ascending=False, kind="stable").index)


def scene(gz: Gazetteer, user_layers: Sequence[UserLayer], view: View) -> Scene:
    """What ``view`` draws of ``gz`` and of the uploaded ``user_layers``; labels ``auto``
    become the interface language."""
    lang = view.lang
    if view.labels == "auto":
        view = view.replace(labels=lang)
    selection = select(
        gz,
        view.filters,
        kinds_drawn(view.layers, "places"),
        kinds_drawn(view.layers, "links"),
        structures="structures" in view.layers,
        projects="projects" in view.layers,
        zones="zones" in view.layers,
        description=f"{view.filters.describe()}; layers={','.join(view.layers) or '-'}",
    )
    links = selection.links
    link = view.selected_object("link")
    if link in gz.links.index and link not in links.index:
        links = gz.links[gz.links.index.isin([*links.index, link])]
    structures = selection.structures
    strategy = view.strategy if view.strategy in gz.structures.index else ""
    if strategy and strategy not in structures.index:
        structures = gz.structures.loc[[strategy]]
    place = view.selected_object("place")
    highlights = {place} if place else set()
    if strategy:
        highlights |= set(member_places(gz, strategy))
    choropleth = _choropleth(gz, view)
    legend = layer_groups(view.layers, lang, set(selection.places["kind"]))
    if choropleth is not None:
        values = choropleth.values
        legend.insert(
            0,
            indicator_group(
                choropleth.title,
                list(choropleth.classes),
                values["unit"].iloc[0],
                bool(values["value"].isna().any()),
                lang,
                dimmed=not selection.places.empty,
            ),
        )
    if "projects" in view.layers and not selection.projects.empty:
        legend = size_key(legend, selection.projects["investment_yi"].tolist(), lang)
    if strategy and "structures" not in view.layers:
        legend = strategy_group(legend, gz.structures.at[strategy, column("name", lang)], lang)
    local_kinds = set(links.loc[links["local"], "kind"])
    if local_kinds:
        legend = local_link_group(legend, local_kinds, lang)
    if user_layers:
        entries = tuple(
            user_entry(
                layer.name,
                layer.color,
                layer.shape,
                set(layer.frame.geometry.dropna().geom_type),
                layer.key,
            )
            for layer in user_layers
        )
        legend.append(LegendGroup(t("my_data", lang), entries))
    legend.append(seat_group(lang))
    return Scene(
        gz=gz,
        view=view,
        selection=selection,
        places=selection.places,
        links=links,
        structures=structures,
        zones=selection.zones,
        projects=selection.projects,
        choropleth=choropleth,
        user_layers=tuple(user_layers),
        highlights=frozenset(highlights),
        units=_units(view, choropleth, user_layers),
        legend=tuple(legend),
    )
