"""Selecting rows of the gazetteer: place filters and the relations of one place."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.gazetteer import Gazetteer


@dataclass(frozen=True)
class PlaceFilter:
    """Filter criteria; an empty tuple means “any”."""

    plans: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()


def filter_places(gz: Gazetteer, criteria: PlaceFilter) -> gpd.GeoDataFrame:
    """Places meeting every criterion (a place matches a plan when that plan cites it, and
    an industry when one of its industries contains the term)."""
    places = gz.places
    mask = pd.Series(True, index=places.index)
    if criteria.plans:
        mask &= places["plans"].map(lambda plans: bool(set(plans) & set(criteria.plans)))
    if criteria.cities:
        mask &= places["city"].isin(criteria.cities)
    if criteria.kinds:
        mask &= places["kind"].isin(criteria.kinds)
    if criteria.industries:
        mask &= places["industries"].map(
            lambda items: any(term in item for term in criteria.industries for item in items)
        )
    if criteria.statuses:
        mask &= places["status"].isin(criteria.statuses)
    if criteria.precisions:
        mask &= places["precision"].isin(criteria.precisions)
    return places[mask]


def industry_terms(gz: Gazetteer, minimum: int = 2) -> list[str]:
    """Industry terms named for at least ``minimum`` places, most frequent first."""
    counts = pd.Series([i for items in gz.places["industries"] for i in items]).value_counts()
    return list(counts[counts >= minimum].index)


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
