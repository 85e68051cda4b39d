"""The exportable layers: GeoDataFrames (or a plain table) built from the gazetteer, with
the export attributes, optionally narrowed to the :class:`geo.select.Selection` of rows
(the app's current view, or the command line's filters)."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import pandas as pd

from geo import boundaries
from geo.boundaries import REGION_PROVINCE_ADCODES
from geo.gazetteer import ZONE_COLUMNS, Gazetteer
from geo.schema import COLUMNS
from geo.select import Selection

PLACE_COLUMNS = [*COLUMNS["places.csv"], "plans"]
LINK_COLUMNS = [*COLUMNS["links.csv"], "name_derived", "local", "local_reason"]
STRUCTURE_COLUMNS = [*COLUMNS["structures.csv"], "geometry_derived"]
ZONE_COLUMNS = [*ZONE_COLUMNS, "geometry_derived", "extent_method"]
"""Export attributes: the table's columns plus what the loader derives."""


def places_layer(gz: Gazetteer, selection: Selection | None = None) -> gpd.GeoDataFrame:
    """Places with the export attributes (lists as lists)."""
    places = gz.places if selection is None else selection.places
    return places[PLACE_COLUMNS + ["geometry"]].reset_index(drop=True)


def links_layer(gz: Gazetteer, selection: Selection | None = None) -> gpd.GeoDataFrame:
    """Corridors and directed links as LineStrings from ``from_id`` (via ``via``) to ``to_id``.

    A *local* link (all ends on one point) has a null geometry, ``local`` true and
    ``local_reason`` saying why: a line of zero length is invalid in GDAL and PostGIS, a null
    geometry is valid everywhere and keeps the link's attributes in the file.
    """
    links = gz.links if selection is None else selection.links
    return links[LINK_COLUMNS + ["geometry"]].reset_index(drop=True)


def structures_layer(gz: Gazetteer, selection: Selection | None = None) -> gpd.GeoDataFrame:
    """Named strategies with a derived extent (member areas' union + member points' hull)."""
    frame = gz.structures if selection is None else selection.structures
    return frame[STRUCTURE_COLUMNS + ["geometry"]].reset_index(drop=True)


def zones_layer(gz: Gazetteer, selection: Selection | None = None) -> gpd.GeoDataFrame:
    """Zones made of towns (中山科学城, 翠亨新区 …) with their schematic extent: the union of
    the member towns' Voronoi cells, ``geometry_derived`` true; not a boundary."""
    zones = gz.zones if selection is None else selection.zones
    return zones[ZONE_COLUMNS + ["geometry"]].reset_index(drop=True)


def indicators_layer(gz: Gazetteer, selection: Selection | None = None) -> pd.DataFrame:
    """Plan targets, one row per (plan, indicator, year); a table without geometry."""
    indicators = gz.indicators
    if selection is not None:
        indicators = indicators[indicators["plan_id"].isin(selection.plans)]
    return indicators.reset_index(drop=True)


def projects_layer(gz: Gazetteer, selection: Selection | None = None) -> gpd.GeoDataFrame:
    """Major projects, located at the place each one builds."""
    projects = gz.projects if selection is None else selection.projects
    return projects.reset_index(drop=True)


def boundaries_layer(gz: Gazetteer, selection: Selection | None = None) -> gpd.GeoDataFrame:
    """City polygons of Guangdong, Hong Kong and Macau and county polygons of Guangdong
    (the same whatever the selection)."""
    areas = gz.areas
    cities = boundaries.cities()
    region_cities = set(cities.index[cities["province_adcode"].isin(REGION_PROVINCE_ADCODES)])
    keep = (areas["level"] == "city") & areas["adcode"].isin(region_cities)
    keep |= (areas["level"] == "county") & areas["parent_id"].isin(areas.loc[keep, "area_id"])
    columns = ["area_id", "name_zh", "name_en", "level", "adcode", "parent_id", "geometry"]
    return areas.loc[keep, columns].reset_index(drop=True)


LAYERS: dict[str, Callable[..., pd.DataFrame]] = {
    "places": places_layer,
    "links": links_layer,
    "structures": structures_layer,
    "zones": zones_layer,
    "projects": projects_layer,
    "boundaries": boundaries_layer,
    "indicators": indicators_layer,
}
"""Exportable layers: name -> builder (a GeoDataFrame, or a DataFrame for tables)."""
ALL_LAYERS = "all"
