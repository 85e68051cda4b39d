"""Plan targets on the map: values shown equal indicators.csv, text is never a number."""

from __future__ import annotations

import math

import numpy as np
import pytest

from geo.indicators import area_values, comparison, comparison_gaps, key_years, shared_keys
from viewmodel.choropleth import class_color, classify


def test_shared_keys_are_set_by_several_plans(gz):
    keys = shared_keys(gz)
    assert keys
    for key in keys:
        assert gz.indicators.loc[gz.indicators["indicator_key"] == key, "plan_id"].nunique() >= 2


@pytest.mark.parametrize("key_index", range(3))
def test_area_values_equal_the_table(gz, key_index):
    keys = shared_keys(gz)
    if key_index >= len(keys):
        pytest.skip("fewer shared keys")
    key = keys[key_index]
    for year in key_years(gz, key):
        values = area_values(gz, key, year)
        for row in values.itertuples():
            source = gz.indicators[
                (gz.indicators["indicator_key"] == key)
                & (gz.indicators["plan_id"] == row.plan_id)
                & (gz.indicators["year"] == year)
            ].iloc[0]
            assert row.value_text == source["value_text"]
            if math.isnan(source["value"]):
                assert math.isnan(row.value)
            else:
                assert row.value == source["value"]
            assert row.area_id == gz.plans.at[row.plan_id, "area_id"]


def test_counties_are_drawn_over_their_city(gz):
    for key in shared_keys(gz):
        levels = list(area_values(gz, key, key_years(gz, key)[-1])["level"])
        assert levels == sorted(levels, key={"city": 1, "county": 2}.get)


def test_text_values_stay_text(gz):
    textual = gz.indicators[gz.indicators["value"].isna() & (gz.indicators["value_text"] != "")]
    assert len(textual)
    row = textual.iloc[0]
    values = area_values(gz, row["indicator_key"], row["year"])
    shown = values[values["plan_id"] == row["plan_id"]].iloc[0]
    assert shown["value_text"] == row["value_text"] and math.isnan(shown["value"])
    assert class_color(shown["value"], classify(values["value"].to_numpy(dtype=float))) == "#bdbdbd"


def test_classes_cover_every_number():
    values = np.array([1.2, 3.4, 2.0, 9.9, 5.5, 7.7, np.nan])
    classes = classify(values)
    assert classes[0].low == 1.2 and classes[-1].high == 9.9
    assert len({class_color(v, classes) for v in values[:-1]}) > 1


def test_comparison_growth_is_the_compound_rate(gz):
    for key in shared_keys(gz):
        table = comparison(gz, key)
        for row in table.itertuples():
            if row.growth_pct is not None and not math.isnan(row.growth_pct):
                years = row.target_year - row.baseline_year
                expected = ((row.target / row.baseline) ** (1 / years) - 1) * 100
                assert abs(row.growth_pct - expected) < 1e-9


def test_every_plan_is_in_the_comparison_chart_or_said_why_not(gz):
    for key in shared_keys(gz):
        gaps = comparison_gaps(gz, key)
        table = comparison(gz, key)
        barred = set(table.loc[table["baseline"].notna() | table["target"].notna(), "plan_id"])
        said = set(gaps["unset"]) | set(gaps["other_year"]) | set(gaps["words"])
        assert barred | said == set(gz.plans.index) and not barred & said, key
        setting = set(gz.indicators.loc[gz.indicators["indicator_key"] == key, "plan_id"])
        assert set(gaps["unset"]) == set(gz.plans.index) - setting
