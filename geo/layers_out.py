"""The exportable layers: GeoDataFrames (or a plain table) built from the gazetteer, with
the export attributes, optionally narrowed to some plans and kinds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo import boundaries
from geo.boundaries import REGION_PROVINCE_ADCODES
from geo.gazetteer import ZONE_COLUMNS, Gazetteer
from geo.schema import COLUMNS

PLACE_COLUMNS = [*COLUMNS["places.csv"], "plans"]
LINK_COLUMNS = [*COLUMNS["links.csv"], "name_derived", "local", "local_reason"]
STRUCTURE_COLUMNS = [*COLUMNS["structures.csv"], "geometry_derived"]
ZONE_COLUMNS = [*ZONE_COLUMNS, "geometry_derived", "extent_method"]
"""Export attributes: the table's columns plus what the loader derives."""


@dataclass(frozen=True)
class Scope:
    """Which rows to export; empty tuples mean everything."""

    plans: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def describe(self) -> str:
        """Human-readable filter, for metadata."""
        parts = [
            f"plans={','.join(self.plans)}" if self.plans else "",
            f"kinds={','.join(self.kinds)}" if self.kinds else "",
        ]
        return "; ".join(p for p in parts if p) or "everything"


EVERYTHING = Scope()


def _by_plan(frame: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    return frame[frame["plan_id"].isin(scope.plans)] if scope.plans else frame


def places_layer(gz: Gazetteer, scope: Scope = EVERYTHING) -> gpd.GeoDataFrame:
    """Places with the export attributes (lists as lists)."""
    places = gz.places
    if scope.plans:
        places = places[places["plans"].map(lambda p: bool(set(p) & set(scope.plans)))]
    if scope.kinds:
        places = places[places["kind"].isin(scope.kinds)]
    return places[PLACE_COLUMNS + ["geometry"]].reset_index(drop=True)


def links_layer(gz: Gazetteer, scope: Scope = EVERYTHING) -> gpd.GeoDataFrame:
    """Corridors and directed links as LineStrings from ``from_id`` (via ``via``) to ``to_id``.

    A *local* link (all ends on one point) has a null geometry, ``local`` true and
    ``local_reason`` saying why: a line of zero length is invalid in GDAL and PostGIS, a null
    geometry is valid everywhere and keeps the link's attributes in the file.
    """
    return _by_plan(gz.links, scope)[LINK_COLUMNS + ["geometry"]].reset_index(drop=True)


def structures_layer(gz: Gazetteer, scope: Scope = EVERYTHING) -> gpd.GeoDataFrame:
    """Named strategies with a derived extent (member areas' union + member points' hull)."""
    frame = _by_plan(gz.structures, scope)
    return frame[STRUCTURE_COLUMNS + ["geometry"]].reset_index(drop=True)


def zones_layer(gz: Gazetteer, scope: Scope = EVERYTHING) -> gpd.GeoDataFrame:
    """Zones made of towns (中山科学城, 翠亨新区 …) with their schematic extent: the union of
    the member towns' Voronoi cells, ``geometry_derived`` true; not a boundary."""
    zones = gz.zones
    if scope.plans or scope.kinds:
        kept = set(places_layer(gz, scope)["place_id"])
        zones = zones[zones["place_id"].isin(kept)]
    return zones[ZONE_COLUMNS + ["geometry"]].reset_index(drop=True)


def indicators_layer(gz: Gazetteer, scope: Scope = EVERYTHING) -> pd.DataFrame:
    """Plan targets, one row per (plan, indicator, year); a table without geometry."""
    return _by_plan(gz.indicators, scope).reset_index(drop=True)


def projects_layer(gz: Gazetteer, scope: Scope = EVERYTHING) -> gpd.GeoDataFrame:
    """Major projects, located at the place each one builds."""
    return _by_plan(gz.projects, scope).reset_index(drop=True)


def boundaries_layer(gz: Gazetteer, scope: Scope = EVERYTHING) -> gpd.GeoDataFrame:
    """City polygons of Guangdong, Hong Kong and Macau and county polygons of Guangdong."""
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
