"""The scene of a view: drawing units in order with a drawer each on the map and on the
print, strategy and selection drawn even when their layers are off, and the view's
selection rules."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import shape

from geo.select import Filters, member_places
from geo.texts import LAYERS as LAYER_TITLES
from layers.compose import BASE_DRAWERS, OVERLAY_DRAWERS, standalone_html
from layers.datum import identity
from layers.links import link_marks
from layers.printing.drawers import PRINT_DRAWERS
from layers.zones import draw_zones
from viewmodel.registry import DEFAULT_LAYERS, DRAW_ORDER, LAYERS
from viewmodel.scene import scene
from viewmodel.style import HIGHLIGHT_COLOR, LINK_STYLES, ZONE_COLOR
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


def test_zones_are_on_by_default_and_follow_the_filters(gz):
    assert "zones" in DEFAULT_LAYERS
    everything = scene(gz, (), View())
    assert set(everything.zones.index) == set(gz.zones.index)
    zhongshan = scene(gz, (), View(filters=Filters(plans=("003",))))
    expected = {z for z in gz.zones.index if "003" in gz.places.at[z, "plans"]}
    assert set(zhongshan.zones.index) == expected
    assert "zhongshan_science_city" in expected and "taishan_industrial_new_town" not in expected
    assert set(zhongshan.selection.zones.index) == expected  # what “current filter” exports
    off = scene(gz, (), View(layers=("labs",)))
    assert off.zones.empty and "zones" not in {u.key for u in off.units}


def test_the_zones_layer_has_its_own_legend_row_saying_schematic(gz):
    for lang in ("zh", "en"):
        rows = [e for g in scene(gz, (), View(lang=lang)).legend for e in g.entries]
        (row,) = [e for e in rows if e.unit == "zones"]
        assert row.symbol == "area" and row.color == ZONE_COLOR
        assert row.label == LAYER_TITLES["zones"](lang)
    assert "示意" in LAYER_TITLES["zones"].zh and "schematic" in LAYER_TITLES["zones"].en


def test_a_zone_is_drawn_under_the_points_and_clicks_open_its_place(gz):
    drawn = scene(gz, (), View(lang="en", selected=ObjectRef("place", "zhongshan_science_city")))
    keys = [u.key for u in drawn.units]
    assert keys.index("zones") < keys.index("links") < keys.index("places")
    (layer,) = draw_zones(drawn, drawn.units[keys.index("zones")], identity)
    features = layer.data["features"]
    assert {f["properties"]["ref"] for f in features} == {f"place:{z}" for z in gz.zones.index}
    assert all(parse_ref(f["properties"]["ref"]).kind == "place" for f in features)
    science = next(f for f in features if f["properties"]["ref"] == "place:zhongshan_science_city")
    assert science["properties"]["selected"]  # the open place's zone is drawn strong
    assert "schematic extent" in science["properties"]["title"]
    assert "南区街道" in science["properties"]["title"]
    areas = [
        shapely.area(shape(f["geometry"])) for f in features if not f["properties"]["selected"]
    ]
    assert areas == sorted(areas, reverse=True)  # a zone inside another stays clickable


def test_local_links_are_rings_at_their_point_that_carry_the_click_payload(gz):
    local = gz.links[gz.links["local"]]
    assert len(local) > 0 and local.geometry.isna().all()
    drawn = scene(gz, (), View(layers=("ties",)))
    arcs, rings = link_marks(gz, drawn.links, "zh")
    assert not {a["id"] for a in arcs} & set(local.index)
    assert {r["id"] for r in rings} == set(local.index) & set(drawn.links.index)
    for ring in rings:
        point = gz.anchor(gz.links.at[ring["id"], "from_id"])
        assert ring["p"] == [round(point.y, 4), round(point.x, 4)]
        assert parse_ref(f"link:{ring['id']}") == ObjectRef("link", ring["id"])
        assert gz.links.at[ring["id"], "name_zh"] in ring["label"] and "同点联系" in ring["label"]
    by_point = {}
    for ring in rings:
        by_point.setdefault(tuple(ring["p"]), []).append(ring["r"])
    assert any(len(radii) > 1 for radii in by_point.values())
    assert all(len(set(radii)) == len(radii) for radii in by_point.values())
    assert [r["r"] for r in rings] == sorted((r["r"] for r in rings), reverse=True)
    rows = [e for g in drawn.legend for e in g.entries if e.symbol == "ring"]
    assert [r.color for r in rows] == [LINK_STYLES["platform_tie"].color]


def test_a_selected_local_link_is_drawn_strong_with_every_layer_off(gz):
    link = gz.links.index[gz.links["local"]][0]
    drawn = scene(gz, (), View(layers=(), selected=ObjectRef("link", link)))
    assert list(drawn.links.index) == [link]
    arcs, (ring,) = link_marks(gz, drawn.links, "en", link)
    assert arcs == []
    assert ring["permanent"] and ring["style"]["color"] == HIGHLIGHT_COLOR
    assert "(local link)" in ring["label"]
    page = standalone_html(drawn).decode("utf-8")
    assert "GBA.addRings" in page and link in page
