"""The readable map in real headless Chromium, offline (issue 13): the basemap names the
cities a planner looks for, in the interface language; labels never overlap each other,
the map's controls or legend, nor leave the frame; nothing piles up (overlapping places
are one count badge, which a click expands); arcs to places out of view end at the edge
with the far end's name; Leaflet's attribution has no flag; the canvas point cloud groups
too."""

from __future__ import annotations

import math
import os
from itertools import combinations

import folium
import numpy as np
import pandas as pd
import pytest

from geo.placenames import placenames
from layers.assets import map_js, offline_map
from layers.compose import standalone_html
from layers.grouping import CLOUD_CELL_PX, fan_offsets, group_circles
from layers.places import PlacesOverlay, point_columns
from tests.browser import chromium_path, map_frame, offline_page, running_app
from viewmodel.scene import scene
from viewmodel.view import View

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian chromium for the browser tests")
    pytest.skip("chromium is not installed", allow_module_level=True)

LABEL_BOXES = """() => [...document.querySelectorAll(
    '.gba-label, .gba-name, .gba-arc-label, .gba-edge-label')].map(e => {
  const r = e.getBoundingClientRect(); return [e.textContent, r.x, r.y, r.width, r.height]; })"""
CONTROL_BOXES = """() => [...document.querySelectorAll('.leaflet-control')].map(e => {
  const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })
  .filter(b => b[2] > 0 && b[3] > 0)"""
MAP_BOX = """() => { const r = document.querySelector('.leaflet-container').getBoundingClientRect();
  return [r.x, r.y, r.width, r.height]; }"""
DRAWN = """() => { const out = [], s = map_div.getSize();
  map_div.eachLayer(l => {
    const ref = l.feature && l.feature.properties && l.feature.properties.ref || "";
    const marker = l instanceof L.CircleMarker && /^(place|project):/.test(ref) && !l._grouped;
    if ((marker || l instanceof GBA.Badge) && l._point) {
      const p = map_div.layerPointToContainerPoint(l._point);
      if (p.x >= 0 && p.y >= 0 && p.x <= s.x && p.y <= s.y)
        out.push([p.x, p.y, l._radius, l instanceof GBA.Badge ? l.options.count : 1]); } });
  return out; }"""
BOUNDS = """(() => { const b = map_div.getBounds();
  return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()"""
PILE_TOLERANCE_PX = 3.0
CITIES = {
    "zh": ["广州", "深圳", "香港", "中山", "江门", "清远"],
    "en": ["Guangzhou", "Shenzhen", "Hong Kong", "Zhongshan", "Jiangmen", "Qingyuan"],
}


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


def leaflet(page):
    map_frame(page)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function("document.querySelectorAll('.gba-name').length > 5", timeout=60_000)
    frame.wait_for_timeout(500)  # the placement reruns once the markers are grouped
    return frame


def overlap(a, b) -> float:
    """Area shared by two boxes (x, y, w, h)."""
    dx = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    dy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(dx, 0) * max(dy, 0)


def assert_labels_clear(frame) -> list[str]:
    """No two labels overlap, none touches a map control (zoom, legend, title, scale,
    attribution) and all lie inside the map; the label texts."""
    labels = frame.evaluate(LABEL_BOXES)
    controls = frame.evaluate(CONTROL_BOXES)
    x, y, w, h = frame.evaluate(MAP_BOX)
    for (ta, *a), (tb, *b) in combinations(labels, 2):
        assert overlap(a, b) < 1, (ta, tb)
    for text, *box in labels:
        assert all(overlap(box, c) < 1 for c in controls), text
        assert box[0] >= x and box[1] >= y, text
        assert box[0] + box[2] <= x + w + 0.5 and box[1] + box[3] <= y + h + 0.5, text
    return [label[0] for label in labels]


def assert_no_pile(frame) -> list:
    """No two drawn markers or badges overlap by more than a few pixels."""
    drawn = frame.evaluate(DRAWN)
    for a, b in combinations(drawn, 2):
        gap = math.dist(a[:2], b[:2]) - a[2] - b[2]
        assert gap > -PILE_TOLERANCE_PX, (a, b)
    return drawn


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_default_map_names_the_cities_without_collisions_or_piles(app_url, gz, lang):
    with offline_page() as (page, log):
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{app_url}/?lang={lang}")
        frame = leaflet(page)
        names = set(
            frame.evaluate("[...document.querySelectorAll('.gba-name')].map(e => e.textContent)")
        )
        assert set(CITIES[lang]) <= names
        assert_labels_clear(frame)
        drawn = assert_no_pile(frame)
        # every place of the view is a marker or inside a badge
        badges = [d for d in drawn if d[3] > 1]
        assert badges and max(d[3] for d in badges) > 2
        # the attribution names Leaflet, without the flag of Leaflet 1.9
        attribution = frame.locator(".leaflet-control-attribution")
        assert "Leaflet" in attribution.inner_text()
        assert attribution.locator("svg").count() == 0
        assert log.blocked == [] and errors == []


def test_arcs_out_of_view_end_at_the_edge_with_the_far_end_named(app_url, gz):
    ends = gz.links["from_id"].tolist() + gz.links["to_id"].tolist()
    names = {
        (gz.places if ref in gz.places.index else gz.areas).at[ref, "name_zh"]: gz.anchor(ref)
        for ref in ends
    }
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        south, west, north, east = frame.evaluate(BOUNDS)
        edge = frame.evaluate(
            "[...document.querySelectorAll('.gba-edge-label')].map(e => e.textContent)"
        )
        assert edge, "no arc end out of view is named"
        for text in edge:
            point = names[text]
            assert not (west <= point.x <= east and south <= point.y <= north), text
        assert frame.locator(".gba-edge-arrow").count() >= len(edge)


def test_zoomed_in_towns_are_named_and_labels_stay_clear(app_url):
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        # 中山 at zoom 12: towns are named, places sharing a seat fanned out
        frame.evaluate("map_div.setView([22.52, 113.39], 12, {animate: false}) && 1")
        frame.wait_for_timeout(800)
        assert_labels_clear(frame)
        towns = frame.evaluate(
            "[...document.querySelectorAll('.gba-name-town')].map(e => e.textContent)"
        )
        south, west, north, east = frame.evaluate(BOUNDS)
        in_view = {
            n.name_zh
            for n in placenames()
            if n.level == "town" and west <= n.lon <= east and south <= n.lat <= north
        }
        assert len(towns) >= 2 and set(towns) <= in_view
        assert_no_pile(frame)


def test_clicking_a_badge_zooms_until_it_parts(app_url):
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        zoom = frame.evaluate("map_div.getZoom()")
        x, y, count = frame.evaluate(
            """(() => { let best = null; map_div.eachLayer(l => { if (l instanceof GBA.Badge
              && (!best || l.options.count > best.options.count)) best = l; });
              const p = map_div.layerPointToContainerPoint(best._point);
              return [p.x, p.y, best.options.count]; })()"""
        )
        container = frame.locator(".leaflet-container")
        container.scroll_into_view_if_needed()
        container.click(position={"x": x, "y": y})
        frame.wait_for_function(f"map_div.getZoom() > {zoom}", timeout=10_000)
        frame.wait_for_timeout(800)
        biggest = frame.evaluate(
            "(() => { let n = 0; map_div.eachLayer(l => { if (l instanceof GBA.Badge)"
            " n = Math.max(n, l.options.count); }); return n; })()"
        )
        assert biggest < count


def test_the_legend_inside_the_offline_html_is_never_covered(gz, tmp_path):
    """The standalone HTML keeps the legend inside the map (the app's presentation mode
    shows it beside the map); no label may run under it."""
    path = tmp_path / "map.html"
    path.write_bytes(standalone_html(scene(gz, (), View())))
    with offline_page() as (page, log):
        page.goto(path.as_uri())
        page.wait_for_function("document.querySelectorAll('.gba-name').length > 5", timeout=60_000)
        page.wait_for_timeout(500)  # the placement reruns once the markers are grouped
        assert page.locator(".gba-legend").count() == 1
        texts = assert_labels_clear(page)
        assert "广州" in texts
        assert log.blocked == []


def test_point_cloud_groups_its_points_into_badges(tmp_path):
    rng = np.random.default_rng(7)
    n = 5000
    lon, lat = rng.normal(113.3, 0.15, n), rng.normal(22.6, 0.12, n)
    styles = pd.DataFrame({"c": ["#1f77b4"] * n, "s": ["circle"] * n, "r": [4.0] * n, "k": False})
    data = point_columns([f"p{i}" for i in range(n)], lon, lat, styles)
    data.update(t=[f"p{i}" for i in range(n)], n=[], h=[])
    fmap = offline_map("#c6dbea", location=(22.6, 113.3), zoom_start=10, prefer_canvas=True)
    group = folium.FeatureGroup(name="places").add_to(fmap)
    PlacesOverlay(data, False).add_to(group)
    path = tmp_path / "cloud.html"
    fmap.save(str(path))
    with offline_page() as (page, log):
        page.goto(path.as_uri())
        page.wait_for_function("GBA.placeLayers && GBA.placeLayers[0]._badges", timeout=30_000)
        drawn = page.evaluate("GBA.placeLayers[0].drawnCircles()")
        badges = page.evaluate("GBA.placeLayers[0]._badges.map(b => b.members.length)")
        assert badges and sum(badges) + (len(drawn) - len(badges)) <= n
        for a, b in combinations(drawn, 2):
            assert math.dist(a[:2], b[:2]) - a[2] - b[2] > -PILE_TOLERANCE_PX
        # places arrive in a group already on the map when their columns are fetched
        again = page.evaluate(
            "() => { const map = GBA.placeLayers[0]._map, g = L.featureGroup().addTo(map);"
            " return GBA.addPlaces(g, GBA.placeLayers[0]._d, false).count(); }"
        )
        assert again == n
        assert log.blocked == []


def test_the_browser_groups_exactly_as_the_prints(tmp_path):
    """gba_groups.js is a port of layers/grouping.py: same groups, same fan-out."""
    page_html = tmp_path / "groups.html"
    scripts = "".join(f'<script src="{uri}"></script>' for _, uri in map_js()[:3])
    page_html.write_text(f"<html><body>{scripts}</body></html>", encoding="utf-8")
    rng = np.random.default_rng(11)
    cases = []
    for n, cell in [(60, None), (300, None), (2000, CLOUD_CELL_PX)]:
        x, y = rng.normal(400, 90, n).tolist(), rng.normal(300, 70, n).tolist()
        r = rng.choice([4.0, 5.0, 6.0, 9.0], n).tolist()
        cases.append((x, y, r, cell))
    with offline_page() as (page, _):
        page.goto(page_html.as_uri())
        for x, y, r, cell in cases:
            browser = page.evaluate("([x, y, r, c]) => GBA.group(x, y, r, c)", [x, y, r, cell])
            assert browser == group_circles(x, y, r, cell=cell)
        for n, radius in [(2, 5.0), (18, 9.0)]:
            offsets = page.evaluate("([n, r]) => GBA.fanOffsets(n, r)", [n, radius])
            expected = [v for o in fan_offsets(n, radius) for v in o]
            assert [v for o in offsets for v in o] == pytest.approx(expected, abs=0.011)
