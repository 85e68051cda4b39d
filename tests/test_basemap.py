"""The static base of the web map (issue 13): the offline base carries the basemap names in
the interface language and opens on the plans' places; tile bases carry no names of ours;
Leaflet's attribution prefix has no flag; arcs know the names of their ends."""

from __future__ import annotations

import json
import re

from geo.anchors import strip_suffix
from layers.boundaries import LEAFLET_PREFIX
from layers.compose import base_map
from layers.links import link_marks
from viewmodel.basemaps import BY_ID
from viewmodel.scene import busiest_cities, plans_extent, scene
from viewmodel.view import View

NAMES = re.compile(r"GBA\.addBasemapNames\([^,]+, (\[.*?\]\])\);")


def html(gz, view: View, **kwargs) -> str:
    return base_map(scene(gz, (), view), **kwargs).get_root().render()


def names_in(page: str) -> list[list]:
    return json.loads(NAMES.search(page).group(1).replace("\\u005f", "_"))


def test_offline_base_names_cities_in_the_interface_language(gz):
    zh, en = names_in(html(gz, View())), names_in(html(gz, View(lang="en")))
    assert {"广州", "深圳", "香港", "中山", "江门", "清远"} <= {row[2] for row in zh}
    assert {"Guangzhou", "Hong Kong", "Macau", "Zhongshan"} <= {row[2] for row in en}
    assert len(zh) == len(en) > 1000  # towns included
    # the cities with the most plan places come first
    first = strip_suffix(gz.places["city"].value_counts().index[0])
    assert zh[0][2] == first


def test_tile_bases_carry_no_basemap_names_and_no_flag(gz):
    page = html(gz, View(basemap="osm"), basemap=BY_ID["osm"])
    assert "addBasemapNames" not in page
    prefix = re.search(r"setPrefix\((\"[^)]*\")\)", page).group(1)
    assert json.loads(prefix) == LEAFLET_PREFIX
    assert "<svg" not in LEAFLET_PREFIX and "leafletjs.com" in LEAFLET_PREFIX


def test_the_default_view_fits_the_plans_places_and_a_chosen_extent_does_not(gz):
    (south, west), (north, east) = plans_extent(gz)
    assert 21.5 < south < 22.5 and 112 < west < 113 and 24 < north < 25 and 114 < east < 115.5
    assert "fitBounds" in html(gz, View())
    assert "fitBounds" not in html(gz, View(), start=(22.6, 113.1, 10))
    assert busiest_cities(gz)[0] in {"江门", "中山"}


def test_arcs_know_the_names_of_their_ends(gz):
    drawn = scene(gz, (), View(lang="en"))
    arcs, _ = link_marks(gz, drawn.links, "en")
    names = {
        ref: (gz.places if ref in gz.places.index else gz.areas).at[ref, "name_en"]
        for ref in [*gz.links["from_id"], *gz.links["to_id"], *gz.links["via"].explode().dropna()]
    }
    assert arcs
    for arc in arcs:
        link = gz.links.loc[arc["id"]]
        ends = [link["from_id"], *link["via"], link["to_id"]]
        assert arc["from"] in {names[r] for r in ends[:-1]}
        assert arc["to"] in {names[r] for r in ends[1:]}
