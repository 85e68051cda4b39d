"""Two app servers on one database, in real headless Chromium, offline: server A publishes
an uploaded layer; server B (another ``streamlit run`` process on another port) lists and
draws it; the owner deletes it on A and B no longer lists it."""

from __future__ import annotations

import os
import re

import pytest
import shapely

from geo.db.cluster import APP_ROLE, DATABASE
from geo.db.errors import DatabaseError
from geo.db.published import delete_layer, get_layer, publish_layer, published_layers
from tests.browser import chromium_path, map_frame, offline_page, running_app
from tests.test_db_published import points_frame

pytestmark = pytest.mark.browser

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian chromium for the browser tests")
    pytest.skip("chromium is not installed", allow_module_level=True)

OWNER = "浏览器测试员"
CSV = "name,lon,lat\n团队企业甲,113.0810,22.5770\n团队企业乙,113.3900,22.5200\n".encode()
REFS = """(prefix) => {
  const found = [];
  map_div.eachLayer(l => { const p = l.feature && l.feature.properties;
    if (p && p.ref && p.ref.startsWith(prefix)) found.push(p.ref); });
  return found.sort();
}"""


def sidebar(page):
    return page.locator("[data-testid='stSidebar']")


def open_team(page) -> None:
    """Open the sidebar's team section (collapsed while nothing is published)."""
    owner = sidebar(page).get_by_label("我的姓名（发布者）", exact=True)
    if not owner.is_visible():
        sidebar(page).get_by_text("团队图层", exact=True).first.click()
    owner.wait_for(timeout=30_000)


def test_a_layer_published_on_one_server_is_drawn_and_deleted_on_another(pg_cluster, app_db):
    env = {"GBA_DATABASE_URL": pg_cluster.url(APP_ROLE, DATABASE)}
    with running_app(env=env) as url_a, running_app(env=env) as url_b:
        assert url_a != url_b
        with offline_page() as (page_a, log):
            page_a.goto(url_a)
            map_frame(page_a)
            open_team(page_a)
            owner = sidebar(page_a).get_by_label("我的姓名（发布者）", exact=True)
            owner.fill(OWNER)
            owner.press("Enter")
            upload = sidebar(page_a).locator("[data-testid='stFileUploader']")
            if not upload.is_visible():
                sidebar(page_a).get_by_text("我的数据", exact=True).first.click()
            upload.locator("input[type='file']").set_input_files(
                files=[{"name": "团队名单.csv", "mimeType": "text/csv", "buffer": CSV}]
            )
            sidebar(page_a).get_by_role("button", name="发布给团队").click()
            sidebar(page_a).get_by_text("已发布“团队名单”（2 个要素）").wait_for(timeout=60_000)
            [layer] = [x for x in published_layers(app_db) if x.owner == OWNER]
            assert (layer.name, layer.feature_count) == ("团队名单", 2)

            page_b = page_a.context.new_page()
            page_b.goto(url_b)
            frame_b = map_frame(page_b)
            open_team(page_b)
            entry = sidebar(page_b).get_by_text(f"团队名单 · {OWNER}", exact=False)
            entry.wait_for(timeout=30_000)
            assert sidebar(page_b).get_by_role("button", name="删除").count() == 0  # no name
            entry.click()  # tick its box: draw it
            inner = next(f for f in page_b.frames if "streamlit_folium" in f.url)
            prefix = f"user:p{layer.layer_id}:"
            inner.wait_for_function(f"({REFS})('{prefix}').length === 2", timeout=60_000)
            page_b.get_by_text("团队名单：显示视图内全部 2 个要素。").wait_for(timeout=30_000)
            assert frame_b.locator(".leaflet-container").count() == 1

            sidebar(page_a).get_by_role("button", name="删除").click()
            sidebar(page_a).get_by_text("已删除“团队名单”。").wait_for(timeout=30_000)
            with pytest.raises(DatabaseError):
                get_layer(app_db, layer.layer_id)

            page_b.reload()
            map_frame(page_b)
            open_team(page_b)
            sidebar(page_b).get_by_text("还没有发布的图层。").or_(
                sidebar(page_b).get_by_role("checkbox").first
            ).first.wait_for(timeout=30_000)
            assert sidebar(page_b).get_by_text(f"团队名单 · {OWNER}").count() == 0
            assert page_a.get_by_text("Traceback").count() == 0
            assert page_b.get_by_text("Traceback").count() == 0
            assert log.blocked == []


def test_the_map_asks_again_for_its_extent_when_zoomed(pg_cluster, app_db):
    """Over the cap the whole region shows counts per cell; zoomed in to a district the map
    reports its new bounds and the same layer comes back as features."""
    frame = points_frame(12_000, seed=37)
    layer = publish_layer(
        app_db,
        frame,
        name="缩放图层",
        owner=OWNER,
        source_format="csv",
        source_crs="EPSG:4326",
        report={"findings": [], "user_columns": list(frame.columns)},
    )
    env = {"GBA_DATABASE_URL": pg_cluster.url(APP_ROLE, DATABASE)}
    try:
        with running_app(env=env) as url, offline_page() as (page, log):
            page.goto(url)
            map_frame(page)
            open_team(page)
            sidebar(page).get_by_text(f"缩放图层 · {OWNER}", exact=False).click()
            counts = re.compile(r"缩放图层：视图内 \d+ 个要素（超过 10000 个）")
            page.get_by_text(counts).wait_for(timeout=60_000)
            inner = next(f for f in page.frames if "streamlit_folium" in f.url)
            inner.evaluate("() => { map_div.setView([22.52, 113.38], 13); }")
            page.get_by_text("缩放图层：显示视图内全部").wait_for(timeout=60_000)
            prefix = f"user:p{layer.layer_id}:"
            inner.wait_for_function(f"({REFS})('{prefix}').length > 0", timeout=60_000)
            bounds = inner.evaluate("map_div.getBounds().toBBoxString()").split(",")
            box = shapely.box(*map(float, bounds))
            in_view = int(shapely.intersects(frame.geometry.values, box).sum())
            page.get_by_text(f"缩放图层：显示视图内全部 {in_view} 个要素。").wait_for(
                timeout=30_000
            )
            assert log.blocked == []
    finally:
        delete_layer(app_db, layer.layer_id, OWNER)
