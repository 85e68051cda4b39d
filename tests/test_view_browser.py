"""One view, drawn the same everywhere, in real headless Chromium (offline): what a user did
when the view's copies drifted apart — switching the language, picking strategies one after
another, printing with a year, exporting the current filter, reading the English card — and
a link flooded with junk."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile

import pytest
from playwright.sync_api import Error as PlaywrightError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from geo.select import Filters, industry_terms, member_places, select_places
from geo.texts import KINDS, LAYERS, PRECISIONS, STATUSES
from tests.browser import chromium_path, offline_page, running_app, section_button
from tests.test_map_browser import HIGHLIGHTED, PLACE_MARKERS, choose, leaflet, wait_markers
from ui.sidebar import YEARS
from viewmodel.registry import DEFAULT_LAYERS
from viewmodel.scene import scene
from viewmodel.view import View

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian chromium for the browser tests")
    pytest.skip("chromium is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def app_url():
    with running_app() as url:
        yield url


def sidebar_widget(page, label: str):
    """The sidebar multiselect or selectbox labelled ``label``."""
    widgets = page.locator(
        "[data-testid='stSidebar'] [data-testid='stMultiSelect'], "
        "[data-testid='stSidebar'] [data-testid='stSelectbox']"
    )
    return widgets.filter(has=page.get_by_text(label, exact=True)).first


def chips(page, label: str) -> list[str]:
    """The chosen options of the sidebar multiselect ``label``, as the page shows them."""
    tags = sidebar_widget(page, label).locator("[data-tag]")
    return tags.evaluate_all("tags => tags.map(t => t.getAttribute('aria-label'))")


def set_year(page, year: int) -> None:
    """Move the sidebar's year slider from “all years” to ``year`` with the keyboard."""
    slider = page.locator("[data-testid='stSidebar'] [data-testid='stSlider'] input")
    slider.first.focus()
    for _ in range(YEARS.index(year)):
        slider.first.press("ArrowRight")


def markers(page, predicate: str) -> list[str]:
    """Place ids on the map once they satisfy ``predicate``, looking again for the map's
    frame when the page replaced it (switching the language redraws the page's tabs)."""
    for _ in range(3):
        try:
            return wait_markers(leaflet(page), predicate)
        except PlaywrightError as exc:
            if "detached" not in str(exc):
                raise
    return wait_markers(leaflet(page), predicate)


def pick(page, label: str, option: str, nth: int = 0) -> None:
    """Pick ``option`` in the ``nth`` selectbox labelled ``label`` in the main area."""
    boxes = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']")
    boxes.filter(has=page.get_by_text(label, exact=True)).nth(nth).locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()


def test_switching_the_language_both_ways_keeps_every_layer_and_place(app_url, gz):
    universities = int((gz.places["kind"] == "university").sum())
    total = len(gz.places)
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, f"ids.length === {len(scene(gz, (), View()).places)}")
        choose(page, "类型", KINDS["university"].zh)
        wait_markers(frame, f"ids.length === {universities}")
        for lang, language, shown, layers_label in (
            ("en", "English", f"Showing {universities} of {total} places", "Layers"),
            ("zh", "中文", f"显示 {universities} / {total} 处地点", "图层"),
        ):
            page.get_by_text(language, exact=True).click()
            page.get_by_text(shown).wait_for(timeout=30_000)
            ids = markers(page, f"ids.length === {universities}")
            assert set(gz.places.loc[ids, "kind"]) == {"university"}
            assert chips(page, layers_label) == [LAYERS[i](lang) for i in DEFAULT_LAYERS]
            kind_label = "Kind" if lang == "en" else "类型"
            assert chips(page, kind_label) == [KINDS["university"](lang)]


def map_arguments(payload: str | bytes) -> list[dict]:
    """Arguments of the map component (st_folium) in one WebSocket frame from the server."""
    if isinstance(payload, str):
        return []
    message = ForwardMsg.FromString(payload)
    if message.WhichOneof("type") != "delta":
        return []
    element = message.delta.new_element
    if element.WhichOneof("type") != "component_instance":
        return []
    component = element.component_instance
    return [json.loads(component.json_args)] if "folium" in component.component_name else []


TOOLTIPS = """() => {
  const out = {};
  map_div.eachLayer(l => {
    const p = l instanceof L.CircleMarker && l.feature && l.feature.properties;
    if (p && p.ref && p.ref.startsWith("place:"))
      out[p.ref.slice(6)] = l.getTooltip().getContent().textContent; });
  return out;
}"""


def test_a_language_switch_sends_the_view_not_the_places(app_url, gz):
    """The columns of every place travel once, as a static file; switching the language
    sends the map no place again (no place id in its overlays), and the map shows every
    place with its English name."""
    shown = scene(gz, (), View()).places
    zoned = set(gz.zones["place_id"])  # zones are areas that carry their place's id
    ids = [i for i in shown.index if i not in zoned]
    with offline_page() as (page, _):
        files, sent = [], []
        page.on("response", lambda r: files.append(r.url) if "/static/points/" in r.url else 0)
        page.on(
            "websocket",
            lambda ws: ws.on("framereceived", lambda data: sent.extend(map_arguments(data))),
        )
        page.goto(app_url)
        wait_markers(leaflet(page), f"ids.length === {len(shown)}")
        assert len(files) == 1
        sent.clear()
        page.get_by_text("English", exact=True).click()
        english = shown["name_en"].to_dict()
        for _ in range(3):  # the page rebuilds its tabs, and with them the map's frame
            try:
                leaflet(page).wait_for_function(
                    f"({TOOLTIPS})()[{json.dumps(ids[0])}] === {json.dumps(english[ids[0]])}",
                    timeout=30_000,
                )
                break
            except PlaywrightError as exc:
                if "detached" not in str(exc):
                    raise
        assert leaflet(page).evaluate(TOOLTIPS) == english
        overlays = [args["feature_group"] for args in sent if args.get("feature_group")]
        assert overlays, "the switch sent the map no overlays"
        text = " ".join(overlays).replace("\\u005f", "_")  # ids' “_” are sent escaped
        assert [i for i in ids if i in text] == []
        assert len(files) == 1


def test_three_strategies_picked_in_a_row_are_each_selected(app_url, gz):
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        drawn = set(scene(gz, (), View()).places.index)
        wait_markers(frame, f"ids.length === {len(drawn)}")
        for structure in ("guangqing_3parks_1city", "zhongshan_3plus4_003", "kaiping_1plus4"):
            choose(page, "空间战略", gz.structures.at[structure, "name_zh"])
            members = set(member_places(gz, structure)) & drawn
            frame.wait_for_function(
                f"new Set(({HIGHLIGHTED})()).size === {len(members)}"
                f" && ({HIGHLIGHTED})().every(id => {json.dumps(sorted(members))}.includes(id))",
                timeout=30_000,
            )
            page.wait_for_url(re.compile(f"structure={structure}"), timeout=30_000)
            page.get_by_role("heading", name=gz.structures.at[structure, "name_zh"]).wait_for()


def test_a_slide_image_with_a_year_draws_what_the_map_shows_that_year(app_url, gz):
    year = 2019
    expected = len(scene(gz, (), View(filters=Filters(year=year))).places)
    assert expected < len(gz.places)
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, f"ids.length === {len(gz.places)}")
        set_year(page, year)
        shown = wait_markers(frame, f"ids.length === {expected}")
        section_button(page, "导出").click()
        page.get_by_role("button", name="生成文件").first.click()
        caption = page.get_by_text("已绘制")
        caption.wait_for(timeout=120_000)
        drawn, outside = (int(n) for n in re.findall(r"\d+", caption.inner_text())[:2])
        assert drawn + outside == len(shown) == expected
        with page.expect_download() as download:
            page.get_by_role("button", name="下载 gba-layout.png").click()
        assert download.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def every_filter(gz) -> tuple[Filters, str]:
    """Filters of every kind (plan, city, kind, industry, status, precision, year) that keep
    some places, the year leaving out one the others keep; and the industry term."""
    for _, place in gz.places.iterrows():
        for term in industry_terms(gz):
            if not any(term in item for item in place["industries"]):
                continue
            filters = Filters(
                plans=(place["plans"][0],),
                cities=(place["city"],),
                kinds=(place["kind"],),
                industries=(term,),
                statuses=(place["status"],),
                precisions=(place["precision"],),
            )
            every_year = len(select_places(gz, filters))
            for year in YEARS[1:]:
                dated = Filters(**{**filters.__dict__, "year": year})
                if 0 < len(select_places(gz, dated)) < every_year:
                    return dated, term
    raise AssertionError("no filter combination in the data where the year matters")


def test_exporting_the_current_filter_gives_the_places_on_the_map(app_url, gz):
    filters, term = every_filter(gz)
    plan = filters.plans[0]
    with offline_page() as (page, _):
        page.goto(app_url)
        frame = leaflet(page)
        wait_markers(frame, "ids.length > 0")
        choose(page, "规划", f"{plan} {gz.plans.at[plan, 'city']}")
        choose(page, "城市", filters.cities[0])
        choose(page, "类型", KINDS[filters.kinds[0]].zh)
        choose(page, "产业", term)
        choose(page, "状态", STATUSES[filters.statuses[0]].zh)
        choose(page, "定位精度", PRECISIONS[filters.precisions[0]].name.zh)
        set_year(page, filters.year)
        expected = set(select_places(gz, filters).index)
        wait_markers(frame, f"ids.length === {len(expected)}")
        on_map = set(frame.evaluate(PLACE_MARKERS))
        assert on_map == expected
        section_button(page, "导出").click()
        pick(page, "图层", "places")
        pick(page, "格式", "geojson", nth=1)  # the first is the slide image's
        page.get_by_role("button", name="生成文件").nth(1).click()
        name = "gba-layout-places-geojson-EPSG4326"
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name=f"下载 {name}.zip").click(timeout=60_000)
        archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
        document = json.loads(archive.read(f"{name}.geojson"))
        exported = {f["properties"]["place_id"] for f in document["features"]}
        assert exported == on_map
        meta = json.loads(archive.read(f"{name}.geojson.meta.json"))
        assert f"year={filters.year}" in meta["filter"] and f"industries={term}" in meta["filter"]


def test_the_english_card_gives_the_english_meaning_of_the_precision(app_url, gz):
    place = gz.places.loc["cuishanhu_hitech_zone"]
    precision = PRECISIONS[place["precision"]]
    with offline_page() as (page, _):
        page.goto(app_url)
        leaflet(page)
        page.get_by_text("English", exact=True).click()
        box = page.get_by_label("Search places (Chinese, English or pinyin)")
        box.fill("cuishanhu")
        box.press("Enter")
        page.get_by_role("heading", name=place["name_en"]).wait_for(timeout=30_000)
        card = page.locator("table.gba-facts")
        card.get_by_text(f"{precision.name.en} — {precision.meaning.en}").wait_for()
        assert card.get_by_text(precision.meaning.zh).count() == 0


def test_a_link_flooded_with_junk_gives_one_short_message_and_the_map(app_url, gz):
    junk = ",".join(f"layer{i}" for i in range(5000))
    with offline_page() as (page, _):
        page.goto(f"{app_url}/?lang=en&layers={junk}&basemap={'x' * 60_000}")
        frame = leaflet(page)
        wait_markers(frame, f"ids.length === {len(scene(gz, (), View()).places)}")
        alerts = page.locator("[data-testid='stAlert']")
        alerts.first.wait_for()
        texts = alerts.all_inner_texts()
        assert len(texts) == 2 and all(len(t) < 200 for t in texts), texts
        assert "5000 unrecognised values" in " ".join(texts)
        assert "layer4999" not in page.content() and "x" * 100 not in page.content()
