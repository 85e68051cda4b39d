"""Selection takes the user there, in real headless Chromium (offline): strategies picked one
after another each fill the map, a search hit is named on the map at the zoom its precision
allows, the wheel scrolls the page until the map is clicked, and online tiles that cannot
load give way to the offline base with a notice."""

from __future__ import annotations

import json
import os
import re

import pytest

from geo.indicators import key_years, keys_by_coverage
from geo.select import member_places
from geo.texts import LANGUAGE_NAMES, t
from tests.browser import chromium_path, offline_page, running_app
from tests.test_map_browser import choose, leaflet, wait_markers
from viewmodel.focus import PRECISION_ZOOM
from viewmodel.view import DEFAULT_ZOOM

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian chromium for the browser tests")
    pytest.skip("chromium is not installed", allow_module_level=True)

STRATEGIES = ("guangqing_3parks_1city", "zhongshan_3plus4_003", "kaiping_1plus4")
CONTAINS = """(points) => {
  const b = map_div.getBounds();
  return points.every(([lat, lon]) => b.contains([lat, lon]));
}"""
FILLED = """([south, west, north, east]) => {
  const a = map_div.latLngToContainerPoint([north, west]);
  const b = map_div.latLngToContainerPoint([south, east]), size = map_div.getSize();
  return Math.max((b.x - a.x) / size.x, (b.y - a.y) / size.y);
}"""
"""The share of the map's width or height that an extent fills (the larger)."""
COVERED = """() => { const f = document.querySelector(".gba-focus-label").getBoundingClientRect();
  return [...document.querySelectorAll(".leaflet-gbaLabels-pane > div")].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.left < f.right && f.left < r.right
      && r.top < f.bottom && f.top < r.bottom;
  }).map(el => el.textContent); }"""
"""Texts of the map's other labels that the picked object's name would cover."""
FOCUS_LABEL = """() => { const el = document.querySelector(".gba-focus-label");
  if (!el) return null;
  const r = el.getBoundingClientRect(), m = map_div.getContainer().getBoundingClientRect();
  return {text: el.textContent, inside: r.left >= m.left && r.right <= m.right
    && r.top >= m.top && r.bottom <= m.bottom}; }"""


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


def test_each_strategy_picked_in_a_row_fills_the_map(app_url, gz):
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        previous = ""
        for structure in STRATEGIES:
            choose(page, "空间战略", gz.structures.at[structure, "name_zh"])
            members = gz.places.loc[member_places(gz, structure)]
            points = members[["lat", "lon"]].to_numpy().tolist()
            frame.wait_for_function(
                f"({CONTAINS})({points}) && map_div.getZoom() > {DEFAULT_ZOOM}"
                f" && JSON.stringify(map_div.getBounds()) !== {json.dumps(previous)}",
                timeout=30_000,
            )
            previous = frame.evaluate("JSON.stringify(map_div.getBounds())")
            west, south, east, north = gz.structures.at[structure, "geometry"].bounds
            assert frame.evaluate(FILLED, [south, west, north, east]) > 0.5
            label = frame.evaluate(FOCUS_LABEL)
            assert label == {"text": gz.structures.at[structure, "name_zh"], "inside": True}
            frame.wait_for_function(f"({COVERED})().length === 0", timeout=10_000)


def test_a_search_hit_is_named_on_the_map_at_its_precision(app_url, gz):
    place = gz.places.loc["cuishanhu_hitech_zone"]
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        box = page.get_by_label("搜索地点（中文、英文或拼音）")
        box.fill("翠山湖")
        box.press("Enter")
        zoom = PRECISION_ZOOM[place["precision"]]
        frame.wait_for_function(f"map_div.getZoom() === {zoom}", timeout=30_000)
        frame.wait_for_function(f"({FOCUS_LABEL})()?.text === {place['name_zh']!r}")
        assert frame.evaluate(FOCUS_LABEL)["inside"]
        centre = frame.evaluate(
            "(() => { const c = map_div.getCenter(); return [c.lat, c.lng]; })()"
        )
        assert abs(centre[0] - place.lat) < 0.01 and abs(centre[1] - place.lon) < 0.01
        page.get_by_role("heading", name=place["name_zh"]).wait_for()
        assert page.get_by_role("heading", name=place["name_zh"]).is_visible()


def test_the_wheel_scrolls_the_page_until_the_map_is_clicked(app_url):
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        box = page.locator("iframe[title*='streamlit_folium']").bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        zoom = frame.evaluate("map_div.getZoom()")
        scrolled = "document.querySelector('[data-testid=stMain]')?.scrollTop ?? window.scrollY"
        before = page.evaluate(scrolled)
        page.mouse.move(x, y)
        page.mouse.wheel(0, 300)
        frame.locator(".gba-wheel-hint.gba-shown").wait_for(timeout=5_000)
        assert frame.locator(".gba-wheel-hint").inner_text() == t("wheel_hint", "zh")
        page.wait_for_function(f"({scrolled}) > {before}", timeout=5_000)
        assert frame.evaluate("map_div.getZoom()") == zoom
        page.mouse.click(x, y)
        page.mouse.wheel(0, -300)
        frame.wait_for_function(f"map_div.getZoom() > {zoom}", timeout=5_000)


def test_online_tiles_that_fail_give_the_offline_base_and_a_notice(app_url):
    with offline_page() as (page, log):
        page.goto(f"{app_url}/?basemap=osm")
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        notice = frame.locator(".gba-tile-notice")
        notice.wait_for(timeout=30_000)
        assert notice.inner_text() == t("tiles_failed", "zh")
        assert log.blocked and all("tile.openstreetmap.org" in url for url in log.blocked)
        assert frame.evaluate("""(() => { let tiles = 0, land = 0; map_div.eachLayer(l => {
            if (l instanceof L.TileLayer) tiles++;
            if (l instanceof L.Polygon && l.options.pane === "gbaFallback") land++; });
            return [tiles, land > 0]; })()""") == [0, True]
        assert all("tile.openstreetmap.org" in url for url in log.blocked)
        log.blocked.clear()  # only the online basemap's tiles, blocked on purpose


HAN_TEXT = """() => {
  const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (!/[\\u3400-\\u9fff]/.test(n.textContent) || el.closest("script, style")) continue;
    out.push({text: n.textContent.trim(), element: (el.textContent || "").trim(),
      quoted: !!el.closest("[lang^=zh]"), visible: el.getClientRects().length > 0});
  }
  return out;
}"""
"""Every text node with Chinese characters: its text, its element's whole text, whether it
sits in a quotation marked ``lang="zh"`` (a plan's words, kept in the original) and whether
it is rendered."""
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def chinese_outside_names(page) -> list[dict]:
    """Chinese text on the page and in the map that is neither a marked quotation nor next to
    its English name in the same element (e.g. “Kaiping City (开平市)”), nor the name of the
    language “中文” in the language switch (each language is offered in its own name)."""
    found = page.evaluate(HAN_TEXT) + leaflet(page).evaluate(HAN_TEXT)
    return [
        node
        for node in found
        if node["visible"]
        and not node["quoted"]
        and not LATIN_WORD.search(node["element"])
        and node["text"] != LANGUAGE_NAMES["zh"]
    ]


def test_english_pages_have_no_chinese_outside_proper_names(app_url, gz):
    with offline_page() as (page, _):
        page.goto(f"{app_url}/?lang=en")
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        page.get_by_text("Legend").first.wait_for()
        assert chinese_outside_names(page) == []
        box = page.get_by_label(t("search", "en"))
        box.fill("翠山湖")
        box.press("Enter")
        place = gz.places.loc["cuishanhu_hitech_zone"]
        page.get_by_role("heading", name=place["name_en"]).wait_for(timeout=30_000)
        frame.wait_for_function(f"({FOCUS_LABEL})()?.text === {place['name_en']!r}")
        assert frame.evaluate(FOCUS_LABEL)["inside"]
        location = page.locator("table.gba-facts tr", has_text="Location").first.inner_text()
        assert "Jiangmen · Kaiping City · Cuishanhu New Area (翠山湖新区)" in location
        hits = page.locator("[data-testid='stSidebar'] [role='radiogroup']").nth(1).inner_text()
        assert "· Jiangmen" in hits and "江门" not in hits
        assert chinese_outside_names(page) == []
        strategy = gz.structures.at["zhongshan_3plus4_003", "name_en"]
        choose(page, t("structure", "en"), strategy)
        page.get_by_role("heading", name=strategy).wait_for(timeout=30_000)
        frame.wait_for_function(f"({FOCUS_LABEL})()?.text === {strategy!r}")
        frame.wait_for_function(f"({COVERED})().length === 0", timeout=10_000)
        assert chinese_outside_names(page) == []


def test_in_indicator_mode_hovering_a_place_reads_the_area(app_url, gz):
    key = keys_by_coverage(gz)[0]
    year = key_years(gz, key)[-1]
    markers = """() => { const out = []; map_div.eachLayer(l => {
      const p = l instanceof L.CircleMarker && l.feature && l.feature.properties;
      if (p && p.ref && p.ref.startsWith("place:"))
        out.push([l.options.interactive, l.options.fillOpacity]); }); return out; }"""
    with offline_page() as (page, _):
        page.goto(f"{app_url}/?ind={key}&iyear={year}")
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        frame.wait_for_function(f"({markers})().every(([i, o]) => i === false && o < 0.5)")
        page.locator(".gba-legend").get_by_text(t("legend_dimmed", "zh")).wait_for()
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        assert all(i is not False and o > 0.5 for i, o in frame.evaluate(markers))
