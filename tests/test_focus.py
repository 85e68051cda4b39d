"""Where the map goes when something is picked: zoom by precision, strategy extents, labels."""

from __future__ import annotations

from geo.upload.layer import UserLayer
from viewmodel.focus import EXTENT_ZOOM, PRECISION_ZOOM, layer_focus, selection_focus
from viewmodel.scene import scene
from viewmodel.view import ObjectRef, View


def focus_of(gz, ref, lang="zh", layers=()):
    return selection_focus(scene(gz, layers, View(lang=lang).select(ref)))


def test_a_place_is_shown_no_closer_than_its_precision_allows(gz):
    for precision, zoom in (("county", 11), ("city", 9), ("town", 13)):
        place_id = gz.places.index[gz.places["precision"] == precision][0]
        focus = focus_of(gz, ObjectRef("place", place_id), "en")
        place = gz.places.loc[place_id]
        assert focus.max_zoom == zoom
        assert focus.label == place["name_en"]
        if place_id not in gz.zones.index:
            assert focus.bounds == (place.lon, place.lat, place.lon, place.lat)
            assert focus.at == (place.lon, place.lat)


def test_a_county_seat_point_is_never_shown_at_street_zoom(gz):
    seats = gz.places[gz.places["precision"].isin(["county", "city"])].index
    assert len(seats) > 50
    assert all(focus_of(gz, ObjectRef("place", p)).max_zoom <= 11 for p in seats)
    assert PRECISION_ZOOM["site"] > PRECISION_ZOOM["town"] > PRECISION_ZOOM["county"]


def test_a_strategy_fits_its_extent_and_is_named_at_its_top(gz):
    focus = focus_of(gz, ObjectRef("structure", "zhongshan_3plus4_003"))
    row = gz.structures.loc["zhongshan_3plus4_003"]
    assert focus.bounds == row.geometry.bounds
    assert focus.label == row["name_zh"]
    west, south, east, north = focus.bounds
    assert focus.at == ((west + east) / 2, north)
    for member in row["members"]:
        lon, lat = gz.places.at[member, "lon"], gz.places.at[member, "lat"]
        assert west <= lon <= east and south <= lat <= north
    # members at town precision: the fit may go to town zoom, never past the extent cap
    assert focus.max_zoom == min(EXTENT_ZOOM, PRECISION_ZOOM["town"])


def test_a_link_a_project_and_nothing(gz):
    link_id = gz.links.index[~gz.links["local"]][0]
    focus = focus_of(gz, ObjectRef("link", link_id))
    assert focus.bounds == gz.links.at[link_id, "geometry"].bounds
    project = gz.projects.iloc[0]
    focus = focus_of(gz, ObjectRef("project", project["project_id"]))
    assert focus.max_zoom == PRECISION_ZOOM[gz.places.at[project["place_id"], "precision"]]
    assert selection_focus(scene(gz, (), View())) is None


def test_an_uploaded_layer_is_fitted_whole(gz):
    import geopandas as gpd
    from shapely.geometry import Point

    frame = gpd.GeoDataFrame(
        {"name": ["a", "b"]}, geometry=[Point(113.0, 22.5), Point(113.4, 22.9)], crs=4326
    )
    layer = UserLayer("pts", "csv", frame, "EPSG:4326", [], key="u1")
    view_scene = scene(gz, (layer,), View())
    focus = layer_focus(view_scene, "u1")
    assert focus.bounds == (113.0, 22.5, 113.4, 22.9) and focus.label == ""
    assert layer_focus(view_scene, "u9") is None
