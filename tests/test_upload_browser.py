"""Uploading one's own data in real headless Chromium, offline: the layer joins the map,
legend, search and card; a name that is HTML stays text everywhere and never runs; a bad
file gets a message and leaves the other layers alone."""

from __future__ import annotations

import os

import pytest

from tests import hostile
from tests.browser import chromium_path, map_frame, offline_page, running_app

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian chromium for the browser tests")
    pytest.skip("chromium is not installed", allow_module_level=True)

XSS = "<img src=x onerror=alert(1)>"
CSV = f"name,lon,lat\n{XSS},113.0810,22.5770\n上传测试企业,113.3900,22.5200\n".encode()
USER_FEATURES = """() => {
  const found = {};
  map_div.eachLayer(l => { const p = l.feature && l.feature.properties;
    if (p && p.ref && p.ref.startsWith("user:")) found[p.ref] =
      l.getTooltip() ? l.getTooltip().getContent().textContent : null; });
  return found;
}"""


BUDGET = {"wall": 20, "cpu": 15}
"""Budgets of the test server's upload readers: a breach comes in seconds."""


@pytest.fixture(scope="module")
def app_url():
    budget = ",".join(f"{k}={v}" for k, v in BUDGET.items())
    with running_app(env={"GBA_UPLOAD_BUDGET": budget}) as url:
        yield url


def map_with_enterprises(page):
    """Open the app, upload the two-row enterprises CSV; the map's frame once it is drawn."""
    map_frame(page)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    upload(page, "enterprises.csv", CSV)
    frame.wait_for_function(f"Object.keys(({USER_FEATURES})()).length === 2", timeout=60_000)
    return frame


def upload(page, name: str, data: bytes, mime: str = "text/csv") -> None:
    sidebar = page.locator("[data-testid='stSidebar']")
    if not sidebar.locator("[data-testid='stFileUploader']").is_visible():
        sidebar.get_by_text("我的数据", exact=True).first.click()
    sidebar.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )


def test_uploaded_html_name_is_shown_as_text_everywhere(app_url):
    dialogs: list[str] = []
    with offline_page() as (page, log):
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(app_url)
        map_frame(page)
        frame = next(f for f in page.frames if "streamlit_folium" in f.url)
        upload(page, "enterprises.csv", CSV)
        frame.wait_for_function(f"Object.keys(({USER_FEATURES})()).length === 2", timeout=60_000)
        # the new layer is fitted: both points on the map, closer than the regional view
        frame.wait_for_function(
            "map_div.getZoom() > 9 && [[22.577, 113.081], [22.52, 113.39]].every("
            "p => map_div.getBounds().contains(p))",
            timeout=30_000,
        )
        tooltips = frame.evaluate(USER_FEATURES)
        assert sorted(tooltips.values()) == sorted([XSS, "上传测试企业"])
        page.locator(".gba-legend").get_by_text("enterprises").wait_for(timeout=30_000)

        box = page.get_by_label("搜索地点（中文、英文或拼音）")
        box.fill("onerror")
        box.press("Enter")
        page.get_by_role("heading", name=XSS).wait_for(timeout=30_000)  # the card's title
        frame.wait_for_function("map_div.getZoom() === 13", timeout=30_000)

        assert page.locator("img[src='x']").count() == 0
        assert frame.locator("img[src='x']").count() == 0
        assert dialogs == []
        assert log.blocked == [], log.blocked


def test_a_bad_file_gets_a_message_and_keeps_the_good_layer(app_url):
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = map_with_enterprises(page)
        upload(page, "broken.kml", b"<kml><Doc", "application/xml")
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_text("broken.kml 未能读取", exact=False).wait_for(timeout=60_000)
        assert len(frame.evaluate(USER_FEATURES)) == 2
        assert page.get_by_text("Traceback").count() == 0


def test_a_nested_collection_is_drawn_and_a_file_over_budget_gets_a_message(app_url, gz, tmp_path):
    from tests.test_map_browser import default_count, wait_markers

    nested = hostile.nested_collection(tmp_path).read_bytes()
    endless = hostile.recursive_view(tmp_path).read_bytes()
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = map_with_enterprises(page)
        upload(page, "nested.geojson", nested, "application/geo+json")
        frame.wait_for_function(f"Object.keys(({USER_FEATURES})()).length === 3", timeout=60_000)
        page.locator(".gba-legend-row").filter(has_text="nested").wait_for(timeout=30_000)
        assert page.locator(".gba-legend-error").count() == 0
        upload(page, "endless.gpkg", endless, "application/geopackage+sqlite3")
        sidebar = page.locator("[data-testid='stSidebar']")
        message = sidebar.get_by_text("endless.gpkg 未能读取", exact=False)
        message.wait_for(timeout=90_000)
        # the wall-clock or the CPU budget, whichever the machine's load lets end it first
        assert any(f"{seconds} 秒" in message.inner_text() for seconds in BUDGET.values())
        wait_markers(frame, f"ids.length === {default_count(gz)}")  # the plans' layers
        assert len(frame.evaluate(USER_FEATURES)) == 3  # and the other uploads
        assert page.get_by_text("Traceback").count() == 0
