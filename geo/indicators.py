"""Plan targets by concept: which plans share an indicator, and each plan area's baseline,
target and growth for a year. Printed text is never turned into a number."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.gazetteer import Gazetteer

AREA_ORDER = {"province": 0, "city": 1, "county": 2}
"""Drawing order: coarser areas first, so a county plan is drawn over its city's."""


def keys_by_coverage(gz: Gazetteer) -> list[str]:
    """Indicator keys, those shared by most plans first."""
    counts = gz.indicators.groupby("indicator_key")["plan_id"].nunique()
    return list(counts.sort_values(ascending=False, kind="stable").index)


def shared_keys(gz: Gazetteer) -> list[str]:
    """Indicator keys that at least two plans set."""
    counts = gz.indicators.groupby("indicator_key")["plan_id"].nunique()
    return [k for k in keys_by_coverage(gz) if counts[k] >= 2]


def key_years(gz: Gazetteer, key: str) -> list[int]:
    """Years for which any plan gives a value of ``key``."""
    rows = gz.indicators[gz.indicators["indicator_key"] == key]
    return sorted(set(rows["year"]))


def _growth(base: float, target: float, years: int) -> float | None:
    if pd.isna(base) or pd.isna(target) or base <= 0 or years <= 0:
        return None
    return ((target / base) ** (1 / years) - 1) * 100


def area_values(gz: Gazetteer, key: str, year: int) -> gpd.GeoDataFrame:
    """One row per plan that sets ``key``: its area polygon, the value for ``year`` (number
    or printed text), the baseline, the final target and the implied annual growth (%).
    Rows are ordered coarse areas first."""
    rows = gz.indicators[gz.indicators["indicator_key"] == key]
    records = []
    for plan_id, group in rows.groupby("plan_id"):
        at_year = group[group["year"] == year]
        if at_year.empty:
            continue
        base = group[group["value_kind"] == "baseline"].sort_values("year").tail(1)
        target = group[group["value_kind"] == "target"].sort_values("year").tail(1)
        current = at_year.iloc[0]
        base_value = base["value"].iloc[0] if len(base) else float("nan")
        target_value = target["value"].iloc[0] if len(target) else float("nan")
        span = (target["year"].iloc[0] - base["year"].iloc[0]) if len(base) and len(target) else 0
        area_id = gz.plans.at[plan_id, "area_id"]
        area = gz.areas.loc[area_id]
        records.append(
            {
                "plan_id": plan_id,
                "area_id": area_id,
                "area_zh": area["name_zh"],
                "area_en": area["name_en"],
                "level": area["level"],
                "indicator_zh": current["indicator_zh"],
                "indicator_en": current["indicator_en"],
                "unit": current["unit"],
                "year": year,
                "value_kind": current["value_kind"],
                "value": current["value"],
                "value_text": current["value_text"],
                "baseline_year": int(base["year"].iloc[0]) if len(base) else None,
                "baseline_text": base["value_text"].iloc[0] if len(base) else "",
                "target_year": int(target["year"].iloc[0]) if len(target) else None,
                "target_text": target["value_text"].iloc[0] if len(target) else "",
                "change_text": target["change_text"].iloc[0] if len(target) else "",
                "growth_pct": _growth(base_value, target_value, span),
                "geometry": area.geometry,
            }
        )
    frame = (
        gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")
        if records
        else (
            gpd.GeoDataFrame(columns=["plan_id", "geometry"], geometry="geometry", crs="EPSG:4326")
        )
    )
    if records:
        frame = frame.sort_values("level", key=lambda s: s.map(AREA_ORDER)).reset_index(drop=True)
    return frame


def comparison(gz: Gazetteer, key: str) -> pd.DataFrame:
    """For one indicator: per plan, baseline and final target as printed and as numbers,
    with the implied annual growth; for the comparison chart and table."""
    years = key_years(gz, key)
    final = area_values(gz, key, years[-1]) if years else pd.DataFrame()
    columns = [
        "plan_id",
        "area_zh",
        "area_en",
        "unit",
        "baseline_year",
        "baseline_text",
        "target_year",
        "target_text",
        "change_text",
        "growth_pct",
    ]
    if final.empty:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(final[columns])
    rows = gz.indicators[gz.indicators["indicator_key"] == key]
    value = rows.drop_duplicates(["plan_id", "year"]).set_index(["plan_id", "year"])["value"]
    table["baseline"] = [
        value.get((p, y)) for p, y in zip(table["plan_id"], table["baseline_year"], strict=True)
    ]
    table["target"] = [
        value.get((p, y)) for p, y in zip(table["plan_id"], table["target_year"], strict=True)
    ]
    return table


def comparison_gaps(gz: Gazetteer, key: str) -> dict[str, list[str]]:
    """Plans that :func:`comparison` of ``key`` draws no bar for, and why: ``unset`` (the
    plan sets no such target), ``other_year`` (it does, but not for the compared year) and
    ``words`` (its values for that comparison are printed in words, not numbers)."""
    rows = gz.indicators[gz.indicators["indicator_key"] == key]
    years = key_years(gz, key)
    at_final = set(rows.loc[rows["year"] == years[-1], "plan_id"]) if years else set()
    table = comparison(gz, key)
    wordy = table["baseline"].isna() & table["target"].isna() if len(table) else []
    return {
        "unset": [p for p in gz.plans.index if p not in set(rows["plan_id"])],
        "other_year": sorted(set(rows["plan_id"]) - at_final),
        "words": sorted(table.loc[wordy, "plan_id"]) if len(table) else [],
    }
