"""The planner's map in real headless Chromium, every non-loopback request blocked:
markers and boundaries, filters, search, citations, structures, language and shared URLs."""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from itertools import pairwise

import pytest
import shapely
from shapely.geometry import LineString, Point
from shapely.ops import polylabel

from geo.select import member_places
from layers.printing.drawers import _arc
from tests.browser import chromium_path, map_frame, offline_page, running_app
from viewmodel.focus import PRECISION_ZOOM
from viewmodel.scene import scene
from viewmodel.view import View

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian chromium for the browser tests")
    pytest.skip("chromium is not installed", allow_module_level=True)

PLACE_MARKERS = """() => {
  const ids = [];
  map_div.eachLayer(l => {
    const p = l instanceof L.CircleMarker && l.feature && l.feature.properties;
    if (p && p.ref && p.ref.startsWith("place:")) ids.push(p.ref.slice(6)); });
  return ids;
}"""
"""Ids of the place markers (zones carry ``place:`` refs too, but are areas)."""
HIGHLIGHTED = """() => {
  const ids = [];
  map_div.eachLayer(l => {
    const p = l instanceof L.CircleMarker && l.feature && l.feature.properties;
    if (p && p.h && p.ref && p.ref.startsWith("place:")) ids.push(p.ref.slice(6)); });
  return ids;
}"""
MARKER_POINT = """(id) => {
  let found = null;
  map_div.eachLayer(l => { if (l instanceof L.CircleMarker && l.feature
    && l.feature.properties.ref === "place:" + id) found = l; });
  const p = map_div.layerPointToContainerPoint(found._point);
  return [p.x, p.y];
}"""


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


def leaflet(page):
    """The Leaflet iframe's frame object once the map is drawn."""
    map_frame(page)
    return next(f for f in page.frames if "streamlit_folium" in f.url)


def wait_markers(frame, predicate: str, timeout: float = 30_000) -> list[str]:
    """Wait until the list of drawn place ids satisfies a JS predicate on ``ids``."""
    frame.wait_for_function(
        f"(() => {{ const ids = ({PLACE_MARKERS})(); return {predicate}; }})()", timeout=timeout
    )
    return frame.evaluate(PLACE_MARKERS)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar multiselect or selectbox labelled ``label``."""
    widget = page.locator(
        "[data-testid='stSidebar'] [data-testid='stMultiSelect'], "
        "[data-testid='stSidebar'] [data-testid='stSelectbox']"
    )
    box = widget.filter(has=page.get_by_text(label, exact=True)).first
    box.locator("input").click()
    page.keyboard.type(option)  # long option lists are virtualised: filter first
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def default_count(gz) -> int:
    return len(scene(gz, (), View()).places)


def test_markers_and_boundaries_render_offline(app_url, gz):
    with offline_page() as (page, log):
        page.goto(app_url)
        frame = leaflet(page)
        ids = wait_markers(frame, f"ids.length === {default_count(gz)}")
        assert "jiangmen_neutrino_lab" in ids
        assert frame.locator(".leaflet-overlay-pane canvas").count() >= 1
        # boundaries are GeoJSON layers with polygons
        polygons = frame.evaluate("""() => { let n = 0; map_div.eachLayer(l => {
            if (l instanceof L.Polygon) n++; }); return n; }""")
        assert polygons > 100
        assert log.blocked == [], log.blocked


def test_filter_changes_the_number_of_markers(app_url, gz):
    universities = int((gz.places["kind"] == "university").sum())
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, f"ids.length === {default_count(gz)}")
        choose(page, "类型", "高校")
        ids = wait_markers(frame, f"ids.length === {universities}")
        assert set(gz.places.loc[ids, "kind"]) == {"university"}


def test_search_zooms_to_its_hit(app_url, gz):
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        box = page.get_by_label("搜索地点（中文、英文或拼音）")
        box.fill("cuishanhu")
        box.press("Enter")
        place = gz.places.loc["cuishanhu_hitech_zone"]
        zoom = PRECISION_ZOOM[place["precision"]]
        frame.wait_for_function(f"map_div.getZoom() === {zoom}", timeout=30_000)
        center = frame.evaluate(
            "(() => { const c = map_div.getCenter(); return [c.lat, c.lng]; })()"
        )
        assert abs(center[0] - place.lat) < 0.01 and abs(center[1] - place.lon) < 0.01
        page.get_by_text(place["name_zh"]).first.wait_for()


def test_clicking_a_place_shows_its_citation(app_url, gz):
    quote = gz.mentions[gz.mentions["place_id"] == "jiangmen_neutrino_lab"]["quote"].iloc[0]
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, "ids.includes('jiangmen_neutrino_lab')")
        place = gz.places.loc["jiangmen_neutrino_lab"]
        frame.evaluate(f"map_div.setView([{place.lat}, {place.lon}], 13, {{animate: false}}) && 1")
        x, y = frame.evaluate(MARKER_POINT, "jiangmen_neutrino_lab")
        frame.locator(".leaflet-container").click(position={"x": x, "y": y})
        page.get_by_text(quote[:20]).first.wait_for(timeout=30_000)
        assert page.get_by_text("江门中微子实验室").count() >= 1


def test_structure_highlights_its_members(app_url, gz):
    structure = gz.structures[gz.structures["structure_id"] == "kaiping_1plus4"].iloc[0]
    members = set(member_places(gz, "kaiping_1plus4"))
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        choose(page, "空间战略", structure["name_zh"])
        frame.wait_for_function(f"({HIGHLIGHTED})().length === {len(members)}", timeout=30_000)
        assert set(frame.evaluate(HIGHLIGHTED)) == members
        page.get_by_text(structure["quote"][:15]).first.wait_for()


def test_language_switch_changes_the_legend(app_url):
    with offline_page() as (page, _):
        page.goto(app_url)
        leaflet(page)
        legend = page.locator(".gba-legend")
        legend.get_by_text("实验室与大科学装置").wait_for()
        page.get_by_text("English", exact=True).click()
        legend.get_by_text("Lab / big-science facility").wait_for(timeout=30_000)
        assert legend.get_by_text("实验室与大科学装置").count() == 0


def test_shared_url_restores_the_view(app_url, gz):
    universities = int((gz.places["kind"] == "university").sum())
    query = "lang=en&kinds=university&place=wuyi_university&lat=22.6&lng=113.05&zoom=10"
    with offline_page() as (page, _):
        page.goto(f"{app_url}/?{query}")
        frame = leaflet(page)
        wait_markers(frame, f"ids.length === {universities}")
        assert frame.evaluate("map_div.getZoom()") == 10
        page.get_by_role("heading", name=gz.places.at["wuyi_university", "name_en"]).wait_for()
        page.locator(".gba-legend").get_by_text("University / college").wait_for()
        assert re.search(r"kinds=university", page.url)


def test_bad_url_values_get_a_message_not_a_traceback(app_url):
    with offline_page() as (page, _):
        page.goto(f"{app_url}/?lang=fr&kinds=spaceport&zoom=abc")
        leaflet(page)
        page.get_by_text("lang=fr").first.wait_for()
        assert page.get_by_text("Traceback").count() == 0


CONTAINER_POINT = """([lat, lon]) => {
  const p = map_div.latLngToContainerPoint([lat, lon]);
  return [p.x, p.y];
}"""


def open_point(gz, zone_id: str) -> tuple[float, float]:
    """(lat, lon) inside a zone of the default view, clear of its markers (fanned out around
    shared seats) and of the corridor arcs over it, where a click can only hit the zone."""
    drawn = scene(gz, (), View())
    seats = Counter(zip(drawn.places["lon"], drawn.places["lat"], strict=True))
    obstacles = [Point(x, y).buffer(0.008 + 0.004 * math.sqrt(n)) for (x, y), n in seats.items()]
    for _, link in drawn.links[~drawn.links["local"]].iterrows():
        ends = [gz.anchor(r) for r in [link["from_id"], *link["via"], link["to_id"]]]
        for a, b in pairwise(ends):
            if not a.equals(b):
                obstacles.append(LineString(_arc((a.x, a.y), (b.x, b.y))).buffer(0.006))
    free = gz.zones.geometry[zone_id].difference(shapely.union_all(obstacles))
    largest = max(getattr(free, "geoms", [free]), key=lambda part: part.area)
    point = polylabel(largest, 1e-4)
    return point.y, point.x


def test_clicking_a_zone_opens_its_place(app_url, gz):
    zone = gz.places.loc["zhongshan_science_city"]
    lat, lon = open_point(gz, "zhongshan_science_city")
    with offline_page() as (page, log):
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        frame.evaluate(f"map_div.setView([{lat}, {lon}], 12, {{animate: false}}) && 1")
        x, y = frame.evaluate(CONTAINER_POINT, [lat, lon])
        container = frame.locator(".leaflet-container")
        container.scroll_into_view_if_needed()  # a click that scrolls first would miss
        container.hover(position={"x": x, "y": y})
        tooltip = frame.locator(".leaflet-tooltip").filter(has_text="示意范围")
        tooltip.first.wait_for(timeout=30_000)
        assert "非边界" in tooltip.first.inner_text()
        container.click(position={"x": x, "y": y})
        page.get_by_text(zone["location_quote"][:20]).first.wait_for(timeout=30_000)
        assert page.get_by_text("组成镇街").count() >= 1
        assert log.blocked == [] and errors == []


def test_clicking_a_local_link_ring_opens_its_card(app_url, gz):
    local = gz.links[gz.links["local"]]
    points = Counter(local["from_id"].map(lambda ref: gz.anchor(ref).coords[0]))
    link_id = next(
        i for i, ref in local["from_id"].items() if points[gz.anchor(ref).coords[0]] == 1
    )
    point = gz.anchor(local.at[link_id, "from_id"])
    ring = f"""() => {{ let n = 0; map_div.eachLayer(l => {{
        if (l instanceof L.CircleMarker && l.feature
            && l.feature.properties.ref === "link:{link_id}") n++; }}); return n; }}"""
    with offline_page() as (page, log):
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{app_url}/?layers=ties")
        frame = leaflet(page)
        frame.wait_for_function(f"({ring})() === 1", timeout=30_000)
        frame.evaluate(f"map_div.setView([{point.y}, {point.x}], 13, {{animate: false}}) && 1")
        x, y = frame.evaluate(CONTAINER_POINT, [point.y, point.x])
        container = frame.locator(".leaflet-container")
        container.scroll_into_view_if_needed()  # a click that scrolls first would miss
        container.click(position={"x": x, "y": y})
        page.get_by_text(gz.links.at[link_id, "quote"][:15]).first.wait_for(timeout=30_000)
        assert page.get_by_text("同点联系：各端位于同一点位").count() >= 1
        assert log.blocked == [] and errors == []
