"""The view in the URL: round trip, defaults left out, unknown values ignored and reported
in groups (a flood of junk gives a few short messages)."""

from __future__ import annotations

import pytest

from geo.select import Filters
from viewmodel.registry import DEFAULT_LAYERS
from viewmodel.url import PARAMS, Options, from_query, ignored_messages, to_query
from viewmodel.view import FeatureRef, ObjectRef, View


@pytest.fixture(scope="module")
def options(gz) -> Options:
    return Options.of(gz)


def test_round_trip(options):
    view = View(
        lang="en",
        filters=Filters(plans=("001",), kinds=("university",), year=2025),
        layers=("labs", "structures"),
        strategy="kaiping_1plus4",
        selected=ObjectRef("place", "jiangmen_neutrino_lab"),
        indicator="rd_institution_coverage",
        indicator_year=2025,
        basemap="osm",
        labels="both",
        centre=(22.5, 113.25),
        zoom=11,
        present=True,
        title="翠山湖",
        subtitle="2025",
        query="cuishanhu",
    )
    back, ignored = from_query(to_query(view), options)
    assert ignored == [] and back == view


def test_defaults_are_left_out_and_uploaded_features_stay_out():
    assert to_query(View()) == {}
    assert to_query(View(selected=FeatureRef("u1", 3))) == {}


def test_unknown_values_are_ignored_and_reported(options):
    view, ignored = from_query(
        {"lang": "fr", "kinds": "university,spaceport", "zoom": "99", "foo": "1", "lat": "x"},
        options,
    )
    assert view.lang == "zh" and view.filters.kinds == ("university",) and view.zoom == 8
    assert set(ignored) == {
        ("lang", "fr"),
        ("kinds", "spaceport"),
        ("zoom", "99"),
        ("foo", "1"),
        ("lat", "x"),
    }
    messages = ignored_messages(ignored, "en")
    assert len(messages) == 5 and any("kinds=spaceport" in m for m in messages)


def test_no_layers_is_a_valid_choice_and_junk_layers_keep_the_default(options):
    assert from_query({"layers": ""}, options)[0].layers == ()
    assert from_query({"layers": "nope"}, options)[0].layers == DEFAULT_LAYERS


def test_structure_is_the_strategy_and_place_the_selection(options):
    view, _ = from_query({"structure": "kaiping_1plus4", "place": "wuyi_university"}, options)
    assert view.strategy == "kaiping_1plus4"
    assert view.selected == ObjectRef("place", "wuyi_university")


def test_a_flood_of_unknown_values_gives_one_short_message_per_parameter(options):
    junk = ",".join(f"layer{i}" for i in range(5000))
    long_value = "x" * 60_000
    names = {f"p{i}": "1" for i in range(300)}
    view, ignored = from_query(
        {"layers": junk, "basemap": long_value, "q": long_value, **names}, options
    )
    assert view.layers == DEFAULT_LAYERS and len(view.query) == 100
    for lang in ("zh", "en"):
        messages = ignored_messages(ignored, lang)
        assert len(messages) == 3 <= len(PARAMS)
        assert "5000" in messages[0] and "layer0" in messages[0] and "layer3" not in messages[0]
        assert "300" in messages[2]
        assert all(len(m) < 200 for m in messages), messages
    assert len(to_query(view)["q"]) == 100
