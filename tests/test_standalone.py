"""The offline HTML download opens in a browser that can reach nothing at all."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layers.compose import standalone_html
from tests.browser import chromium_path, offline_page
from viewmodel.scene import scene
from viewmodel.view import View

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"

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
        # basemap names the cities (labels are placed just after the markers are drawn)
        page.wait_for_function("document.querySelectorAll('.gba-label').length >= 5")
        assert page.locator(".gba-name").filter(has_text="广州").count() == 1
        assert log.blocked == []


def _plan_place_ids(plan_id: str) -> set[str]:
    """Places a plan mentions, read from the mentions table itself."""
    with open(DATA_DIR / "mentions.csv", encoding="utf-8") as handle:
        return {row["place_id"] for row in csv.DictReader(handle) if row["plan_id"] == plan_id}


def test_the_html_command_writes_the_view_with_a_title(tmp_path):
    out = tmp_path / "zhongshan.html"
    title = '中山 <b>"3+4"</b>'
    done = subprocess.run(
        [sys.executable, "-m", "geo", "html", "--out", str(out), "--plan", "003"]
        + ["--title", title, "--lang", "en", "--bbox", "113.1,22.2,113.7,22.8"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    expected = len(_plan_place_ids("003"))
    assert f"({expected} places" in done.stdout
    page_text = out.read_text(encoding="utf-8")
    assert "<title>中山 &lt;b&gt;&quot;3+4&quot;&lt;/b&gt;" in page_text
    assert "<b>" not in page_text.split("</title>")[0]
    with offline_page() as (page, log):
        page.goto(out.as_uri())
        page.wait_for_function(f"({COUNT})() === {expected}", timeout=30_000)
        assert page.title().startswith('中山 <b>"3+4"</b>')
        west, south, east, north = page.evaluate(
            """() => { for (const k in window) { const v = window[k];
              if (v instanceof L.Map) { const b = v.getBounds();
                return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; } } }"""
        )
        assert west <= 113.1 and east >= 113.7 and south <= 22.2 and north >= 22.8
        assert east - west < 2.0  # fitted to the box, not the province
        assert log.blocked == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--out", "map.shp"], "must end in .html"),
        (["--out", "map.html", "--plan", "999"], "unknown plan '999'"),
        (["--out", "missing/map.html"], "does not exist"),
        (["--out", "map.html", "--strategy", "nope"], "unknown strategy 'nope'"),
    ],
)
def test_the_html_command_refuses_bad_options_in_one_line(tmp_path, options, message):
    done = subprocess.run(
        [sys.executable, "-m", "geo", "html", *options],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
