"""The scene of a view: drawing units in order with a drawer each on the map and on the
print, strategy and selection drawn even when their layers are off, and the view's
selection rules."""

from __future__ import annotations

import pytest

from geo.select import member_places
from layers.compose import BASE_DRAWERS, OVERLAY_DRAWERS
from layers.printing.drawers import PRINT_DRAWERS
from viewmodel.registry import DRAW_ORDER, LAYERS
from viewmodel.scene import scene
from viewmodel.view import FeatureRef, ObjectRef, View, parse_ref, ref_text


def test_every_drawer_of_the_registry_draws_on_the_map_and_on_the_print():
    assert {spec.drawn_by for spec in LAYERS} <= set(DRAW_ORDER)
    assert set(OVERLAY_DRAWERS) | set(BASE_DRAWERS) == set(DRAW_ORDER) == set(PRINT_DRAWERS)


def test_units_come_bottom_to_top_and_every_legend_row_names_one(gz):
    view = View(layers=tuple(spec.id for spec in LAYERS), indicator="rd_institution_coverage")
    drawn = scene(gz, (), view.replace(indicator_year=2025))
    assert [u.drawer for u in drawn.units] == list(DRAW_ORDER[:-1])
    units = {u.key for u in drawn.units}
    rows = [e for group in drawn.legend for e in group.entries]
    assert {e.unit for e in rows if e.unit} == units


def test_a_strategy_is_drawn_and_highlighted_with_its_layer_off(gz):
    drawn = scene(gz, (), View(strategy="kaiping_1plus4"))
    assert list(drawn.structures.index) == ["kaiping_1plus4"]
    assert drawn.highlights == frozenset(member_places(gz, "kaiping_1plus4"))
    assert drawn.selection.structures.empty  # not exported as “current filter”
    assert any(e.unit == "structures" for g in drawn.legend for e in g.entries)


def test_the_selected_link_is_drawn_with_every_link_layer_off(gz):
    link = gz.links.index[0]
    view = View(layers=("labs",), selected=ObjectRef("link", link))
    drawn = scene(gz, (), view)
    assert list(drawn.links.index) == [link] and drawn.selection.links.empty


def test_selecting_a_structure_opens_the_strategy_and_clearing_steps_back():
    view = View().select(ObjectRef("structure", "s")).select(ObjectRef("place", "p"))
    assert view.strategy == "s" and view.selected == ObjectRef("place", "p")
    assert view.cleared() == View(strategy="s") and view.cleared().cleared() == View()


@pytest.mark.parametrize(
    "ref",
    [ObjectRef("place", "jiangmen_neutrino_lab"), ObjectRef("link", "a:b"), FeatureRef("u1", 3)],
)
def test_click_payload_round_trip(ref):
    assert parse_ref(ref_text(ref)) == ref


@pytest.mark.parametrize("text", [None, 3, "", "place:", "user:u1", "user:u1:x", "spaceport:1"])
def test_anything_else_in_a_click_payload_selects_nothing(text):
    assert parse_ref(text) is None
