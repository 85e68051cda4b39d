"""Plan targets and projects in real Chromium: the choropleth and its legend, the
comparison chart, and the year slider narrowing the projects."""

from __future__ import annotations

import os

import pytest

from geo.indicators import key_years, keys_by_coverage
from tests.browser import chromium_path, offline_page, running_app, section_button
from tests.test_map_browser import leaflet

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian chromium for the browser tests")
    pytest.skip("chromium is not installed", allow_module_level=True)

FILLED_AREAS = """() => { const fills = []; map_div.eachLayer(l => {
  const p = l.feature && l.feature.properties;
  if (p && p.fill) fills.push(l.options.fillColor);
}); return fills; }"""
PROJECTS = """() => { const ids = []; map_div.eachLayer(l => {
  const ref = l.feature && l.feature.properties && l.feature.properties.ref;
  if (ref && ref.startsWith("project:")) ids.push(ref.slice(8)); }); return ids; }"""


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


def test_indicator_colours_the_areas_and_the_legend_shows_classes_and_unit(app_url, gz):
    key = keys_by_coverage(gz)[0]
    year = key_years(gz, key)[-1]
    rows = gz.indicators[(gz.indicators["indicator_key"] == key) & (gz.indicators["year"] == year)]
    unit = rows["unit"].iloc[0]
    with offline_page() as (page, log):
        page.goto(f"{app_url}/?ind={key}&iyear={year}")
        frame = leaflet(page)
        frame.wait_for_function(
            f"({FILLED_AREAS})().length === {rows['plan_id'].nunique()}", timeout=30_000
        )
        legend = page.locator(".gba-legend")
        legend.get_by_text(gz.indicator_keys.at[key, "key_zh"], exact=False).first.wait_for()
        if unit:
            assert legend.get_by_text(unit, exact=False).count() >= 1
        numbers = rows["value"].dropna()
        if len(numbers):
            assert legend.get_by_text(f"{numbers.min():g}", exact=False).count() >= 1
        assert log.blocked == []


def test_comparison_chart_renders(app_url):
    with offline_page() as (page, _):
        page.goto(app_url)
        leaflet(page)
        section_button(page, "指标对比").click()
        page.locator(
            "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg"
        ).first.wait_for(timeout=30_000)


def test_year_slider_changes_the_visible_projects(app_url, gz):
    with offline_page() as (page, _):
        page.goto(f"{app_url}/?layers=projects")
        frame = leaflet(page)
        frame.wait_for_function(f"({PROJECTS})().length === {len(gz.projects)}", timeout=30_000)
        slider = page.locator("[data-testid='stSidebar'] [data-testid='stSlider'] input").first
        slider.focus()
        slider.press("ArrowRight")  # “all years” → 2018
        built = gz.projects[(gz.projects["start_year"] <= 2018) & (gz.projects["end_year"] >= 2018)]
        frame.wait_for_function(f"({PROJECTS})().length === {len(built)}", timeout=30_000)
        assert set(frame.evaluate(PROJECTS)) == set(built.index)
