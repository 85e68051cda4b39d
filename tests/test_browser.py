"""Real headless Chromium against the running app, every non-loopback request blocked."""

from __future__ import annotations

import os

import pytest

from tests.browser import chromium_path, map_frame, offline_page, running_app

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian chromium for the browser tests")
    pytest.skip("chromium is not installed", allow_module_level=True)

COUNT_MARKERS = """() => {
  let n = 0;
  map_div.eachLayer(layer => { if (layer instanceof L.CircleMarker) n++; });
  return n;
}"""


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


def leaflet_frame(page):
    map_frame(page)
    return next(f for f in page.frames if "streamlit_folium" in f.url)


def test_first_app_renders_all_places_offline(app_url, gz):
    with offline_page() as (page, log):
        page.goto(app_url)
        frame = leaflet_frame(page)
        frame.wait_for_function(f"({COUNT_MARKERS})() >= {len(gz.places)}", timeout=60_000)
        assert frame.evaluate(COUNT_MARKERS) == len(gz.places)
        assert frame.locator(".leaflet-overlay-pane canvas").count() >= 1
        assert frame.evaluate("typeof L.version") == "string"
        assert log.blocked == [], f"page tried to reach outside hosts: {log.blocked}"
        assert log.local, "no request was recorded"
