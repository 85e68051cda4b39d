"""The view in the URL: round trip, defaults left out, unknown values ignored and reported."""

from ui.state import ViewState, parse_query, to_query

OPTIONS = {
    "plans": {"000", "001"},
    "cities": {"江门市"},
    "kinds": {"university"},
    "industries": {"生物医药"},
    "statuses": {"existing"},
    "precisions": {"town"},
    "layers": {"platforms", "labs"},
    "lang": {"zh", "en"},
    "labels": {"off", "zh"},
    "basemap": {"vector", "osm"},
    "place": {"juno"},
    "structure": {"s1"},
    "link": {"l1"},
}
DEFAULT_LAYERS = ["platforms", "labs"]


def test_round_trip():
    state = ViewState(
        lang="en",
        plans=["001"],
        kinds=["university"],
        layers=["labs"],
        basemap="osm",
        place="juno",
        lat=22.5,
        lng=113.25,
        zoom=11,
        q="翠山湖",
    )
    query = to_query(state, DEFAULT_LAYERS)
    back, ignored = parse_query(query, OPTIONS, DEFAULT_LAYERS)
    assert ignored == [] and back == state


def test_defaults_are_left_out():
    assert to_query(ViewState(layers=DEFAULT_LAYERS), DEFAULT_LAYERS) == {}


def test_unknown_values_are_ignored_and_reported():
    state, ignored = parse_query(
        {"lang": "fr", "kinds": "university,spaceport", "zoom": "99", "foo": "1", "lat": "x"},
        OPTIONS,
        DEFAULT_LAYERS,
    )
    assert state.lang == "zh" and state.kinds == ["university"] and state.zoom == 8
    assert set(ignored) == {
        ("lang", "fr"),
        ("kinds", "spaceport"),
        ("zoom", "99"),
        ("foo", "1"),
        ("lat", "x"),
    }


def test_no_layers_is_a_valid_choice():
    state, _ = parse_query({"layers": ""}, OPTIONS, DEFAULT_LAYERS)
    assert state.layers == []
