"""Selecting rows of the gazetteer: the filters a view applies and the rows they keep — the
one implementation that the map, the table, the print and the export all go through — and
the relations of one place."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.gazetteer import Gazetteer, per_gazetteer


@dataclass(frozen=True)
class Filters:
    """What the rows are narrowed to; an empty tuple means “any”, ``year`` 0 every year.

    A place matches a plan when that plan cites it, an industry when one of its industries
    contains the term, and a year when its first dated phase starts by then; a project
    matches a year when it is under way in it.
    """

    plans: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    year: int = 0

    def describe(self) -> str:
        """The filters as ``name=a,b; …`` for metadata (``everything`` when none is set)."""
        parts = [
            f"{f.name}={','.join(value) if isinstance(value, tuple) else value}"
            for f in fields(self)
            if (value := getattr(self, f.name))
        ]
        return "; ".join(parts) or "everything"


@dataclass(frozen=True, eq=False)
class Selection:
    """The rows of each table that a view or a command keeps, and how they were chosen."""

    places: gpd.GeoDataFrame
    links: gpd.GeoDataFrame
    structures: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame
    projects: gpd.GeoDataFrame
    plans: tuple[str, ...]
    description: str = "everything"


def _later_than(gz: Gazetteer, year: int) -> set[str]:
    """Places whose first dated phase starts after ``year``."""
    first = gz.timeline.groupby("place_id")["start_year"].min()
    return set(first.index[first > year])


def _place_mask(gz: Gazetteer, filters: Filters) -> np.ndarray:
    """Which places meet every filter, as a boolean array over ``gz.places``."""
    places = gz.places
    mask = np.ones(len(places), dtype=bool)
    if filters.plans:
        wanted = set(filters.plans)
        mask &= _list_test(places["plans"], lambda plans: bool(wanted.intersection(plans)))
    for name, column in (("cities", "city"), ("kinds", "kind"), ("statuses", "status")):
        if values := getattr(filters, name):
            mask &= places[column].isin(values).to_numpy()
    if filters.industries:
        terms = filters.industries
        mask &= _list_test(
            places["industries"], lambda items: any(t in item for t in terms for item in items)
        )
    if filters.precisions:
        mask &= places["precision"].isin(filters.precisions).to_numpy()
    if filters.year:
        mask &= ~places.index.isin(list(_later_than(gz, filters.year)))
    return mask


def _list_test(lists: pd.Series, test) -> np.ndarray:
    """``test`` of each list of a list column, asked once per distinct list object (the
    gazetteer shares one list among the rows that have the same one)."""
    answers: dict[int, bool] = {}
    return np.fromiter(
        (answers[id(v)] if id(v) in answers else answers.setdefault(id(v), test(v)) for v in lists),
        dtype=bool,
        count=len(lists),
    )


def select_places(
    gz: Gazetteer, filters: Filters, kinds: Collection[str] | None = None
) -> gpd.GeoDataFrame:
    """Places meeting every filter, and of ``kinds`` when given (the visible layers')."""
    return _rows(gz.places, _kinds_mask(gz, _place_mask(gz, filters), kinds))


def _rows(frame: gpd.GeoDataFrame, mask: np.ndarray) -> gpd.GeoDataFrame:
    """The rows of ``frame`` that ``mask`` keeps; all of them without copying their data
    (a shallow copy: pandas copies on write, so the gazetteer's rows stay untouched)."""
    return frame.copy(deep=False) if mask.all() else frame[mask]


def _kinds_mask(gz: Gazetteer, mask: np.ndarray, kinds: Collection[str] | None) -> np.ndarray:
    return mask if kinds is None else mask & gz.places["kind"].isin(list(kinds)).to_numpy()


def _by_plan(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return frame[frame["plan_id"].isin(filters.plans)] if filters.plans else frame


def select_links(
    gz: Gazetteer, filters: Filters, kinds: Collection[str] | None = None
) -> gpd.GeoDataFrame:
    """Links of the filtered plans, and of ``kinds`` when given."""
    links = _by_plan(gz.links, filters)
    return links if kinds is None else links[links["kind"].isin(list(kinds))]


def select_structures(gz: Gazetteer, filters: Filters) -> gpd.GeoDataFrame:
    """Named strategies of the filtered plans."""
    return _by_plan(gz.structures, filters)


def select_zones(
    gz: Gazetteer, filters: Filters, mask: np.ndarray | None = None
) -> gpd.GeoDataFrame:
    """Zones (schematic extents of places made of towns) of the places meeting ``filters``
    (``mask``: those places, when already known), whichever layers show the places."""
    mask = _place_mask(gz, filters) if mask is None else mask
    return gz.zones[mask[gz.places.index.get_indexer(gz.zones["place_id"])]]


def select_projects(gz: Gazetteer, filters: Filters) -> gpd.GeoDataFrame:
    """Major projects of the filtered plans, under way in ``filters.year`` when set."""
    projects = _by_plan(gz.projects, filters)
    if filters.year:
        year = filters.year
        projects = projects[(projects["start_year"] <= year) & (year <= projects["end_year"])]
    return projects


def select(
    gz: Gazetteer,
    filters: Filters,
    place_kinds: Collection[str] | None = None,
    link_kinds: Collection[str] | None = None,
    structures: bool = True,
    projects: bool = True,
    zones: bool = True,
    description: str | None = None,
) -> Selection:
    """The rows of every table that ``filters`` keep; ``place_kinds`` and ``link_kinds``
    (``None``: all) and the three flags say which kinds of rows are wanted at all."""
    mask = _place_mask(gz, filters)
    return Selection(
        places=_rows(gz.places, _kinds_mask(gz, mask, place_kinds)),
        links=select_links(gz, filters, link_kinds),
        structures=select_structures(gz, filters) if structures else gz.structures.iloc[0:0],
        zones=select_zones(gz, filters, mask) if zones else gz.zones.iloc[0:0],
        projects=select_projects(gz, filters) if projects else gz.projects.iloc[0:0],
        plans=tuple(filters.plans or gz.plans.index),
        description=filters.describe() if description is None else description,
    )


@per_gazetteer
def industry_terms(gz: Gazetteer, minimum: int = 2) -> list[str]:
    """Industry terms named for at least ``minimum`` places, most frequent first."""
    counts = pd.Series([i for items in gz.places["industries"] for i in items]).value_counts()
    return list(counts[counts >= minimum].index)


@per_gazetteer
def place_cities(gz: Gazetteer) -> list[str]:
    """The cities the places lie in, sorted."""
    return sorted(gz.places["city"].unique())


def structures_of(gz: Gazetteer, place_id: str) -> gpd.GeoDataFrame:
    """Structures that list ``place_id`` among their members."""
    return gz.structures[gz.structures["members"].map(lambda m: place_id in m)]


def links_of(gz: Gazetteer, place_id: str) -> gpd.GeoDataFrame:
    """Links that start, pass through or end at ``place_id``."""
    links = gz.links
    touches = (links["from_id"] == place_id) | (links["to_id"] == place_id)
    touches |= links["via"].map(lambda via: place_id in via)
    return links[touches]


def member_places(gz: Gazetteer, structure_id: str) -> list[str]:
    """Place ids among a structure's members (area members are left out)."""
    return [m for m in gz.structures.at[structure_id, "members"] if m in gz.places.index]


def unknown_plan(gz: Gazetteer, plans: tuple[str, ...] | list[str]) -> str | None:
    """The message for the first of ``plans`` the gazetteer does not have, or ``None``:
    ``unknown plan '999'; known: 000, 001, …`` (the same for export, print and the app)."""
    for plan_id in plans:
        if plan_id not in gz.plans.index:
            return f"unknown plan {plan_id!r}; known: {', '.join(gz.plans.index)}"
    return None
