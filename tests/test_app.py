"""Page logic through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import re
from html import escape

from streamlit.testing.v1 import AppTest

from geo.texts import PRECISIONS
from tests.browser import ROOT

APP = str(ROOT / "app.py")


def run(query: dict | None = None, env: dict | None = None, monkeypatch=None) -> AppTest:
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.run()


def open_export_tab(at: AppTest) -> AppTest:
    """Open the export tab (its panel is drawn only while it is open)."""
    at.session_state["tab"] = "tab_export"
    return at.run()


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_app_runs_on_default_data(gz):
    at = run()
    assert not at.exception
    assert at.title[0].value == "粤港澳大湾区创新布局地图"
    assert not at.error and not at.warning
    assert f"/ {len(gz.places)} 处地点" in captions(at)


def test_app_refuses_invalid_data_with_the_validator_message(data_copy, monkeypatch):
    data_copy.set("places.csv", 0, "kind", "spaceport")
    at = run(env={"GBA_DATA_DIR": str(data_copy.root)}, monkeypatch=monkeypatch)
    assert not at.exception
    assert "数据校验未通过" in at.error[0].value
    assert "places.csv:2: kind: unknown value 'spaceport'" in at.get("code")[0].proto.code_text


def test_filter_widget_changes_the_count(gz):
    at = run()
    at.multiselect(key="w_kinds").set_value(["lab_facility"]).run()
    labs = int((gz.places["kind"] == "lab_facility").sum())
    assert f"显示 {labs} / {len(gz.places)}" in captions(at)
    assert at.query_params["kinds"] == "lab_facility"


def test_empty_filter_result_says_so():
    at = run({"cities": "中山市", "kinds": "energy_site"})
    assert any("没有地点" in i.value for i in at.info)


def test_search_without_hit_says_so():
    at = run()
    at.text_input(key="w_query").set_value("zzzzqqq").run()
    assert any("zzzzqqq" in i.value for i in at.info)


def test_search_selects_the_hit_and_shows_its_card(gz):
    at = run()
    at.text_input(key="w_query").set_value("cuishanhu").run()
    assert at.query_params["place"] == "cuishanhu_hitech_zone"
    assert gz.places.at["cuishanhu_hitech_zone", "name_zh"] in [s.value for s in at.subheader]


def test_unknown_query_values_are_reported_in_the_current_language():
    at = run({"lang": "en", "basemap": "mars", "place": "nowhere"})
    texts = " ".join(w.value for w in at.warning)
    assert "basemap=mars" in texts and "place=nowhere" in texts and "not recognised" in texts
    assert not at.exception


def test_missing_tianditu_key_falls_back_with_a_message(monkeypatch):
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    at = run({"basemap": "tianditu_vec_zh"})
    assert any("TIANDITU_KEY" in w.value for w in at.warning)
    assert not at.exception


def test_gcj02_basemap_shows_the_datum_badge():
    at = run({"basemap": "gaode", "lang": "en"})
    assert any("GCJ-02" in w.value for w in at.warning)


def test_structure_selection_opens_its_card(gz):
    at = run({"structure": "kaiping_1plus4"})
    assert gz.structures.at["kaiping_1plus4", "name_zh"] in [s.value for s in at.subheader]
    member = gz.places.at["town_shuikou", "name_zh"]
    assert any(b.label == member for b in at.button)


def test_place_card_lists_every_citation(gz):
    at = run({"place": "cuishanhu_hitech_zone"})
    markdown = " ".join(m.value for m in at.markdown)
    for quote in gz.mentions.loc[gz.mentions["place_id"] == "cuishanhu_hitech_zone", "quote"]:
        assert quote.replace("&", "&amp;") in markdown


def test_language_switch():
    at = run()
    at.radio(key="w_lang").set_value("en").run()
    assert at.title[0].value == "GBA Innovation Layout Map"
    assert at.query_params["lang"] == "en"


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_presentation_mode_shows_the_map_its_controls_and_a_way_back():
    at = run({"present": "1", "title": "翠亨新区招商推介"})
    assert not at.exception
    assert len(at.title) == 0
    labels = [b.label for b in at.button]
    assert {"退出演示模式", "适配当前筛选", "适配所选对象", "生成幻灯片 PNG"} <= set(labels)
    assert at.text_input(key="w_title").value == "翠亨新区招商推介"
    assert "title=" in at.code[0].value and "present=1" in at.code[0].value
    _button(at, "退出演示模式").click().run()
    assert at.title[0].value == "粤港澳大湾区创新布局地图"


def test_presentation_mode_goes_to_a_strategy_and_makes_its_slide(gz):
    at = run({"present": "1"})
    at.selectbox(key="p_strategy.zh").set_value("zhongshan_3plus4_003").run()
    assert not at.exception
    assert at.session_state["view"].strategy == "zhongshan_3plus4_003"
    assert at.query_params["structure"] == "zhongshan_3plus4_003"
    legend = "".join(m.value for m in at.markdown)
    assert "高新区" in legend and "实验室与大科学装置" in legend
    _button(at, "生成幻灯片 PNG").click().run()
    assert not at.exception and not at.error
    assert at.session_state["slide_file"][:8] == b"\x89PNG\r\n\x1a\n"


def test_gis_export_from_the_app(gz):
    at = open_export_tab(run({"lang": "en"}))
    at.selectbox(key="g_layer").set_value("places")
    at.selectbox(key="g_fmt").set_value("geojson")
    at.selectbox(key="g_crs").set_value("EPSG:4547")
    at.button(key="g_make").click().run()
    assert any("gpkg" in e.value for e in at.error)  # impossible pair: a visible notice
    at.selectbox(key="g_fmt").set_value("gpkg")
    at.button(key="g_make").click().run()
    assert not at.error
    name, data, warnings = at.session_state["gis_file"]
    assert name.endswith(".zip") and len(data) > 1000
    assert any("EPSG:4546" in w.value for w in at.warning)


def test_slide_image_from_the_app():
    at = open_export_tab(run({"plans": "000"}))
    at.selectbox(key="p_size").set_value("1920x1080")
    at.selectbox(key="p_scale").set_value(1)
    at.button(key="p_make").click().run()
    name, data, kind, printed = at.session_state["print_file"]
    assert name == "gba-layout.png" and data[:8] == b"\x89PNG\r\n\x1a\n"
    assert any(f"{len(printed.places)} " in c.value for c in at.caption)


def test_language_switch_both_ways_keeps_every_layer_and_filter(gz):
    at = run({"kinds": "university,lab_facility"})
    count = int(gz.places["kind"].isin(["university", "lab_facility"]).sum())
    layers = at.multiselect(key="w_layers").value
    for lang, shown in (("en", f"Showing {count} of"), ("zh", f"显示 {count} / ")):
        at.radio(key="w_lang").set_value(lang).run()
        assert shown in captions(at)
        assert at.multiselect(key="w_layers").value == layers
        assert at.multiselect(key="w_kinds").value == ["university", "lab_facility"]


def test_three_strategies_picked_in_a_row_are_each_selected(gz):
    at = run()
    for structure in ("guangqing_3parks_1city", "zhongshan_3plus4_003", "kaiping_1plus4"):
        at.selectbox(key="w_strategy").set_value(structure).run()
        assert at.query_params["structure"] == structure
        assert gz.structures.at[structure, "name_zh"] in [s.value for s in at.subheader]


def test_a_flood_of_junk_in_the_link_gives_few_short_messages():
    junk = ",".join(f"layer{i}" for i in range(5000))
    at = run({"lang": "en", "layers": junk, "basemap": "x" * 60_000})
    assert not at.exception and len(at.warning) == 2
    assert all(len(w.value) < 200 for w in at.warning)


def test_the_english_card_gives_the_english_meaning_of_the_precision(gz):
    at = run({"lang": "en", "place": "cuishanhu_hitech_zone"})
    precision = gz.places.at["cuishanhu_hitech_zone", "precision"]
    markdown = " ".join(m.value for m in at.markdown)
    assert PRECISIONS[precision].meaning.en in markdown
    assert PRECISIONS[precision].meaning.zh not in markdown


def test_the_card_says_where_the_location_comes_from(gz):
    zone = gz.places.loc["zhongshan_science_city"]
    at = run({"place": "zhongshan_science_city"})
    assert not at.exception
    markdown = " ".join(m.value for m in at.markdown)
    assert "位置来源" in markdown and zone["location_quote"] in markdown
    assert gz.plans.at[zone["location_source"], "title_zh"] in markdown  # the plan itself
    assert "组成镇街" in markdown and "大涌镇" in markdown
    assert "示意" in captions(at)
    juno = gz.places.loc["jiangmen_neutrino_lab"]
    title, _, url = (part.strip() for part in juno["location_source"].partition("|"))
    at = run({"lang": "en", "place": "jiangmen_neutrino_lab"})
    markdown = " ".join(m.value for m in at.markdown)
    assert "Location source" in markdown and f"href='{escape(url, quote=True)}'" in markdown
    assert escape(title) in markdown and juno["location_quote"] in markdown


def test_the_card_gives_the_name_the_plan_uses(gz):
    mention = gz.mentions[gz.mentions["named_as"] != ""].iloc[0]
    at = run({"place": mention["place_id"]})
    text = re.sub(r"<[^>]+>", "", " ".join(m.value for m in at.markdown))
    assert f"规划用名：{escape(mention['named_as'])}" in text


def test_a_local_link_card_says_its_ends_share_one_point(gz):
    link = gz.links.index[gz.links["local"]][0]
    at = run({"lang": "en", "link": link})
    assert not at.exception
    assert "Local link: all its ends sit on one point" in captions(at)
