"""Thematic layers read as their legend says: swatches filled like the areas, a size key for
the project circles, places dimmed while a plan target colours the areas."""

from __future__ import annotations

import re

import pandas as pd

from geo.indicators import key_years, keys_by_coverage
from geo.texts import t
from layers.compose import overlays
from layers.datum import identity
from layers.indicators import DimmedPlaces, indicator_layer
from layers.legend import symbol_svg
from layers.places import draw_places
from layers.projects import project_features
from viewmodel.legend import key_investments
from viewmodel.scene import scene
from viewmodel.view import View


def indicator_view(gz, lang="zh", **changes) -> View:
    key = keys_by_coverage(gz)[0]
    return View(lang=lang, indicator=key, indicator_year=key_years(gz, key)[-1], **changes)


def test_indicator_swatches_are_filled_as_the_areas(gz):
    drawn = scene(gz, (), indicator_view(gz))
    rows = drawn.legend[0].entries
    layer = indicator_layer(drawn.choropleth.values, list(drawn.choropleth.classes), "zh")
    fills = {}
    for feature in layer.data["features"]:
        style = layer.style_function(feature)
        fills[style["fillColor"]] = style["fillOpacity"]
    classes = [row for row in rows if row.unit == "indicator"]
    assert len(classes) >= 2 and {row.color for row in classes} == set(fills)
    for row in classes:
        svg = symbol_svg(row)
        colour = re.search(r'fill="(#[0-9a-f]{6})"', svg).group(1)
        opacity = float(re.search(r'fill-opacity="([0-9.]+)"', svg).group(1))
        assert (colour, opacity) == (row.color, fills[row.color])


def test_places_are_dimmed_while_a_target_colours_the_areas(gz):
    for view, dimmed in ((View(), False), (indicator_view(gz), True)):
        drawn = scene(gz, (), view)
        places = next(u for u in drawn.units if u.drawer == "places")
        elements = draw_places(drawn, places, identity)
        assert any(isinstance(e, DimmedPlaces) for e in elements) == dimmed
        rows = [e.label for g in drawn.legend for e in g.entries]
        assert (t("legend_dimmed", "zh") in rows) == dimmed


def test_the_size_key_draws_round_investments_at_the_map_radius(gz):
    view = View(layers=(*View().layers, "projects"))
    drawn = scene(gz, (), view)
    projects = drawn.projects
    assert len(projects) > 1
    largest = float(projects["investment_yi"].max())
    values = key_investments(largest)
    assert values[0] <= largest and len(values) >= 2 and values == sorted(values, reverse=True)
    key = [e for g in drawn.legend for e in g.entries if e.size]
    assert [e.label for e in key] == [t("investment_short", "zh", yi=v, bn=v / 10) for v in values]
    # the map draws a project of exactly the key's investment at the key's radius
    for value, entry in zip(values, key, strict=True):
        probe = projects.iloc[[0]].assign(investment_yi=value)
        both = projects.iloc[[projects["investment_yi"].argmax()]]
        data = project_features(pd.concat([both, probe]), "zh")
        radius = data["S"][data["s"][1]][2]
        assert abs(radius - entry.size) < 0.06
        assert f'r="{entry.size:.1f}"' in symbol_svg(entry)
    assert not overlays(drawn).errors


def test_round_investments():
    assert key_investments(230) == [200, 20, 5]
    assert key_investments(12) == [10, 2, 0.2]
    assert key_investments(0) == []


def test_the_comparison_note_accounts_for_every_plan(gz):
    from geo.indicators import shared_keys
    from ui.compare import gaps_note

    for key in shared_keys(gz):
        for lang in ("zh", "en"):
            note = gaps_note(gz, key, lang)
            assert all(plan in note for plan in gz.plans.index), (key, lang, note)
