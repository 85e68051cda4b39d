"""The offline HTML download opens in a browser that can reach nothing at all."""

from __future__ import annotations

import os

import pytest

from layers.compose import standalone_html
from tests.browser import chromium_path, offline_page
from viewmodel.scene import scene
from viewmodel.view import View

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian chromium for the browser tests")
    pytest.skip("chromium is not installed", allow_module_level=True)

COUNT = """() => { let n = 0; for (const k in window) {
  const v = window[k]; if (v instanceof L.Map) v.eachLayer(l => {
    if (l instanceof L.CircleMarker && l.feature
        && (l.feature.properties.ref || "").startsWith("place:")) n++; }); }
  return n; }"""


def test_standalone_html_renders_with_no_network(gz, tmp_path):
    drawn = scene(gz, (), View(labels="zh", subtitle="测试"))
    html = standalone_html(drawn)
    path = tmp_path / "map.html"
    path.write_bytes(html)
    assert b"cdn." not in html and b"unpkg" not in html
    with offline_page() as (page, log):
        page.goto(path.as_uri())
        page.wait_for_function(f"({COUNT})() === {len(drawn.places)}", timeout=30_000)
        assert page.get_by_text("粤港澳大湾区创新布局地图").count() == 1
        # at the regional zoom only national places are labelled (by tier), and the
        # basemap names the cities
        assert page.locator(".gba-label").count() >= 5
        assert page.locator(".gba-name").filter(has_text="广州").count() == 1
        assert log.blocked == []
