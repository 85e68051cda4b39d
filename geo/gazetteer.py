"""Load the validated gazetteer as GeoDataFrames: the one source the map, print and
export are all built from.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import LineString, MultiPoint, Point

from geo import boundaries
from geo.diskcache import cached, files_digest
from geo.geocode import seat_or_interior
from geo.provenance import DEFAULT_PLANS_DIR
from geo.tables import DEFAULT_DATA_DIR, split_list
from geo.validate import Problem, Report, validate_tables
from geo.zones import EXTENT_METHOD, multipolygon, zone_extent

WGS84 = "EPSG:4326"
R = TypeVar("R")


class GazetteerError(Exception):
    """The data tables are invalid; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems[:50])
        more = f"\n… and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} data problem(s):\n{lines}{more}")


@dataclass(frozen=True)
class Gazetteer:
    """All tables of ``data/``, typed and with geometries in WGS84."""

    plans: pd.DataFrame
    areas: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    mentions: pd.DataFrame
    links: gpd.GeoDataFrame
    structures: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame
    indicators: pd.DataFrame
    projects: gpd.GeoDataFrame
    indicator_keys: pd.DataFrame
    timeline: pd.DataFrame
    notes: tuple[str, ...] = ()

    def anchor(self, ref: str) -> Point:
        """Point of a place id, or of an area id (its anchor point)."""
        return _anchor(self.places, self.areas, ref)


def per_gazetteer(func: Callable[..., R]) -> Callable[..., R]:
    """``func(gz, *args)`` computed once per gazetteer and arguments, kept while the
    gazetteer lives (it never changes): for what every rerun of the page asks again. The
    value is shared: callers read it, never change it."""
    results: dict[tuple, tuple[weakref.ref, R]] = {}

    @functools.wraps(func)
    def once(gz: Gazetteer, *args, **kwargs) -> R:
        key = (id(gz), args, tuple(sorted(kwargs.items())))
        found = results.get(key)
        if found is not None and found[0]() is gz:
            return found[1]
        value = func(gz, *args, **kwargs)
        results[key] = (weakref.ref(gz), value)
        weakref.finalize(gz, results.pop, key, None)
        return value

    return once


def _anchor(places: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, ref: str) -> Point:
    return places.geometry[ref] if ref in places.index else areas.at[ref, "anchor"]


def _areas(table: pd.DataFrame) -> gpd.GeoDataFrame:
    """Areas with polygons and anchors: the seat of government (``anchor_source`` says whose)."""
    polygons = boundaries.polygons_for(table["adcode"], table["level"])
    gdf = gpd.GeoDataFrame(table.copy(), geometry=polygons.values, crs=WGS84)
    gdf["adcode"] = gdf["adcode"].astype(int)
    names = dict(zip(table["area_id"], table["name_zh"], strict=True))
    parents = [names.get(p, "") for p in gdf["parent_id"]]
    anchors = list(map(seat_or_interior, gdf["name_zh"], gdf["level"], gdf.geometry, parents))
    gdf["anchor"] = [Point(a.lon, a.lat) for a in anchors]
    gdf["anchor_source"] = [a.source for a in anchors]
    return gdf.set_index("area_id", drop=False)


def _shared_lists(keys, make) -> list[list[str]]:
    """``make(key)`` for each of ``keys``, one list object per distinct key: rows with the
    same list share it (and its strings), which a 100k-place gazetteer needs to stay lean
    in memory and in the disk cache. The lists are read, never changed in place."""
    made: dict = {}
    return [made[key] if key in made else made.setdefault(key, make(key)) for key in keys]


def _places(table: pd.DataFrame, mentions: pd.DataFrame) -> gpd.GeoDataFrame:
    df = table.copy()
    df["lon"] = df["lon"].astype(float)
    df["lat"] = df["lat"].astype(float)
    for column in ("aliases", "industries", "member_towns"):
        df[column] = _shared_lists(df[column], split_list)
    plans_of: dict[str, set[str]] = {}
    for place_id, plan_id in zip(mentions["place_id"], mentions["plan_id"], strict=True):
        plans_of.setdefault(place_id, set()).add(plan_id)
    df["plans"] = _shared_lists(
        (frozenset(plans_of.get(pid, ())) for pid in df["place_id"]), sorted
    )
    geometry = gpd.points_from_xy(df["lon"], df["lat"])
    return gpd.GeoDataFrame(df, geometry=geometry, crs=WGS84).set_index("place_id", drop=False)


REPEATED_MENTION_COLUMNS = ("plan_id", "section", "quote", "role", "named_as")
"""Columns of ``mentions.csv`` whose few values repeat on many rows (one quote cites many
places): kept as categoricals, so 100k mentions hold each text once."""


def _mentions(table: pd.DataFrame) -> pd.DataFrame:
    return table.astype(dict.fromkeys(REPEATED_MENTION_COLUMNS, "category"))


def _end_names(places: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, ref: str) -> tuple[str, str]:
    table = places if ref in places.index else areas
    return table.at[ref, "name_zh"], table.at[ref, "name_en"]


def _link_line(points: list[Point]) -> LineString | None:
    """The line through ``points`` without repeated vertices; ``None`` when they are all one
    point (a *local* link: no valid line exists)."""
    kept = [p for i, p in enumerate(points) if i == 0 or not p.equals(points[i - 1])]
    return LineString(kept) if len(kept) >= 2 else None


def _local_reason(row, anchor, names) -> str:
    """Why a link has no line: which ends share which point."""
    ends = [row.from_id, *row.via, row.to_id]
    point = anchor(ends[0])
    listed = "、".join(dict.fromkeys(names(ref)[0] for ref in ends))
    return f"all ends ({listed}) are located at one point ({point.x:.5f}, {point.y:.5f})"


def _links(table: pd.DataFrame, anchor, names) -> gpd.GeoDataFrame:
    """Links as lines through their ends; unnamed links are named "A → B" from their ends.

    A link whose ends all lie on one point (a lab and the science centre it belongs to, both
    at one town seat) has no valid line: its geometry is empty (``None``), ``local`` is true
    and ``local_reason`` says which ends share which point.
    """
    df = table.copy()
    df["via"] = df["via"].map(split_list)
    df["name_derived"] = df["name_zh"].str.strip() == ""
    for index in df.index[df["name_derived"]]:
        (from_zh, from_en), (to_zh, to_en) = (
            names(df.at[index, "from_id"]),
            names(df.at[index, "to_id"]),
        )
        df.at[index, "name_zh"] = f"{from_zh} → {to_zh}"
        df.at[index, "name_en"] = f"{from_en} → {to_en}"
    lines = [
        _link_line([anchor(r) for r in [row.from_id, *row.via, row.to_id]])
        for row in df.itertuples()
    ]
    df["local"] = [line is None for line in lines]
    df["local_reason"] = [
        _local_reason(row, anchor, names) if line is None else ""
        for row, line in zip(df.itertuples(), lines, strict=True)
    ]
    return gpd.GeoDataFrame(df, geometry=lines, crs=WGS84).set_index("link_id", drop=False)


STRUCTURE_POINT_BUFFER = 0.02
"""Degrees (≈ 2 km) around a structure whose member places span no area (one place, or
places on a line), so every extent is a polygon."""


def _in_region(geometry) -> bool:
    return boundaries.region_outline().intersects(geometry)


def _structures(
    table: pd.DataFrame, anchor, areas: gpd.GeoDataFrame, zones: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Extent of each structure, derived: union of member areas' polygons, member zones'
    schematic extents and the convex hull of the other member places' points, always a
    MultiPolygon. Only members in the region (Guangdong, Hong Kong, Macau) count, so a partner
    university in Beijing does not stretch a Zhongshan strategy to 40° N; a structure with no
    member in the region keeps all of them."""
    df = table.copy()
    df["members"] = df["members"].map(split_list)
    geoms = []
    for members in df["members"]:
        inside = [m for m in members if _in_region(_member_geometry(m, anchor, areas))]
        members = inside or members
        parts = [areas.geometry[m] for m in members if m in areas.index]
        parts += [zones.geometry[m] for m in members if m in zones.index]
        points = [anchor(m) for m in members if m not in areas.index and m not in zones.index]
        if points:
            hull = MultiPoint(points).convex_hull
            if hull.geom_type != "Polygon":
                hull = hull.buffer(STRUCTURE_POINT_BUFFER)
            parts.append(hull)
        geoms.append(multipolygon(shapely.union_all(parts)))
    gdf = gpd.GeoDataFrame(df, geometry=geoms, crs=WGS84)
    gdf["geometry_derived"] = True
    return gdf.set_index("structure_id", drop=False)


def _member_geometry(ref: str, anchor, areas: gpd.GeoDataFrame):
    return areas.geometry[ref] if ref in areas.index else anchor(ref)


ZONE_COLUMNS = [
    "place_id",
    "name_zh",
    "name_en",
    "kind",
    "city",
    "county",
    "town",
    "member_towns",
    "location_source",
    "location_quote",
]


def _zones(places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Places made of several towns, with their schematic extent (``geometry_derived``)."""
    rows = places[places["member_towns"].map(bool)]
    extents = [
        zone_extent(row.city, row.county, ";".join(row.member_towns)) for row in rows.itertuples()
    ]
    gdf = gpd.GeoDataFrame(rows[ZONE_COLUMNS].copy(), geometry=extents, crs=WGS84)
    gdf = gdf[gdf.geometry.notna()]
    gdf["geometry_derived"] = True
    gdf["extent_method"] = EXTENT_METHOD
    return gdf


def _indicators(table: pd.DataFrame) -> pd.DataFrame:
    """Typed indicator rows; ``value`` is NaN where the printed cell is text."""
    df = table.copy()
    df["year"] = df["year"].astype(int)
    df["value"] = pd.to_numeric(df["value"].replace("", None), errors="raise").astype(float)
    return df


def _projects(table: pd.DataFrame, places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Projects located at the place each one builds."""
    df = table.copy()
    for column in ("investment_yi", "area_mu"):
        df[column] = pd.to_numeric(df[column].replace("", None)).astype(float)
    for column in ("start_year", "end_year"):
        df[column] = df[column].astype(int)
    geometry = [places.geometry[pid] for pid in df["place_id"]]
    gdf = gpd.GeoDataFrame(df, geometry=geometry, crs=WGS84)
    return gdf.set_index("project_id", drop=False)


def build_gazetteer(report: Report) -> Gazetteer:
    """Turn the tables of a clean validation report into a :class:`Gazetteer`."""
    t = report.tables
    areas = _areas(t["areas.csv"])
    places = _places(t["places.csv"], t["mentions.csv"])

    def anchor(ref: str) -> Point:
        return _anchor(places, areas, ref)

    zones = _zones(places)
    return Gazetteer(
        plans=t["plans.csv"].set_index("plan_id", drop=False),
        areas=areas,
        places=places,
        mentions=_mentions(t["mentions.csv"]),
        links=_links(t["links.csv"], anchor, lambda ref: _end_names(places, areas, ref)),
        structures=_structures(t["structures.csv"], anchor, areas, zones),
        zones=zones,
        indicators=_indicators(t["indicators.csv"]),
        projects=_projects(t["projects.csv"], places),
        indicator_keys=t["indicator_keys.csv"].set_index("indicator_key", drop=False),
        timeline=t["timeline.csv"].astype({"start_year": int, "end_year": int}),
        notes=tuple(report.notes),
    )


def load_gazetteer(
    data_dir: Path = DEFAULT_DATA_DIR, plans_dir: Path = DEFAULT_PLANS_DIR
) -> Gazetteer:
    """Validate and load the gazetteer; nothing half-loads. The outcome (the gazetteer or
    its problems) is kept in the disk cache (:mod:`geo.diskcache`), keyed by the data and
    plan files, so a fresh process with unchanged files reads it instead of validating.

    Parameters
    ----------
    data_dir : Path
        Folder with the CSV tables.
    plans_dir : Path
        Folder with the plan texts (for the provenance check).

    Raises
    ------
    GazetteerError
        If any integrity check fails; the message lists file, line and problem.
    """
    data_dir, plans_dir = Path(data_dir), Path(plans_dir)
    outcome = cached(
        "gazetteer",
        files_digest([data_dir, plans_dir]),
        lambda: _validated(data_dir, plans_dir),
    )
    if isinstance(outcome, list):
        raise GazetteerError(outcome)
    return outcome


def _validated(data_dir: Path, plans_dir: Path) -> Gazetteer | list[Problem]:
    """The gazetteer of clean tables, else the validation's problems."""
    report = validate_tables(data_dir, plans_dir)
    return build_gazetteer(report) if report.ok else report.problems
