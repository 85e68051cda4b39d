"""Team mode of the page (AppTest, no browser) against the throw-away PostgreSQL cluster of
tests/pg.py: the gazetteer comes from the database and a new load is noticed; published
layers are listed and drawn by the map's extent, as features or as counts per grid cell; a
database that cannot be reached gives one message and the page runs from data/."""

from __future__ import annotations

import dataclasses

import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo.db.cluster import APP_ROLE, DATABASE, OWNER_ROLE, free_port
from geo.db.connect import Database
from geo.db.gazetteer_store import init_schema, store_gazetteer
from geo.db.published import delete_layer, publish_layer
from tests.test_app import APP, captions
from tests.test_db_published import points_frame

PLACE = "cuishanhu_hitech_zone"
WIDE = (111.5, 21.5, 114.5, 24.5)
"""The extent of ``points_frame``: every point of it."""
NARROW = (113.15, 22.2, 113.65, 22.8)


def team_app(monkeypatch, url: str | None, schema: str = "gba", bounds=None) -> AppTest:
    """The page with ``GBA_DATABASE_URL`` = ``url``; ``bounds`` as if the map reported them."""
    monkeypatch.delenv("GBA_DATABASE_URL", raising=False)
    if url is not None:
        monkeypatch.setenv("GBA_DATABASE_URL", url)
    monkeypatch.setenv("GBA_DATABASE_SCHEMA", schema)
    at = AppTest.from_file(APP, default_timeout=180)
    if bounds is not None:
        west, south, east, north = bounds
        at.session_state["map"] = {
            "bounds": {
                "_southWest": {"lng": west, "lat": south},
                "_northEast": {"lng": east, "lat": north},
            }
        }
    return at.run()


def renamed(gz, name_zh: str):
    """``gz`` with one place renamed."""
    places = gz.places.copy()
    places.loc[PLACE, "name_zh"] = name_zh
    return dataclasses.replace(gz, places=places)


def found(at: AppTest, query: str) -> str | None:
    at.text_input(key="w_query").set_value(query).run()
    return at.query_params.get("place")


def test_the_gazetteer_comes_from_the_database_and_a_reload_is_noticed(
    pg_cluster, owner_db, gz, monkeypatch
):
    with Database(pg_cluster.url(OWNER_ROLE, DATABASE), "apptest") as owner:
        init_schema(owner, gz, APP_ROLE)
        store_gazetteer(owner, renamed(gz, "数据库里的地名甲"))
        url = pg_cluster.url(APP_ROLE, DATABASE)
        at = team_app(monkeypatch, url, "apptest")
        assert not at.exception and not at.warning
        assert "地名库来自团队数据库" in captions(at)
        assert found(at, "数据库里的地名甲") == PLACE

        store_gazetteer(owner, renamed(gz, "数据库里的地名乙"))
        at = team_app(monkeypatch, url, "apptest")
        assert found(at, "数据库里的地名乙") == PLACE
        at.text_input(key="w_query").set_value("数据库里的地名甲").run()
        assert any("数据库里的地名甲" in i.value for i in at.info)  # no hit any more


def _publish(db, frame, name: str, owner: str = "应用测试"):
    return publish_layer(
        db,
        frame,
        name=name,
        owner=owner,
        source_format="csv",
        source_crs="EPSG:4326",
        report={"findings": [], "user_columns": list(frame.columns)},
    )


def _in(frame, bbox) -> int:
    return int(shapely.intersects(frame.geometry.values, shapely.box(*bbox)).sum())


def test_a_published_layer_is_listed_and_drawn_by_the_map_extent(pg_cluster, app_db, monkeypatch):
    frame = points_frame(12_000, seed=23)
    layer = _publish(app_db, frame, "应用图层")
    url = pg_cluster.url(APP_ROLE, DATABASE)
    try:
        at = team_app(monkeypatch, url, bounds=WIDE)
        box = at.checkbox(key=f"team_draw_{layer.layer_id}")
        assert "应用图层 · 应用测试" in box.label and "12000" in box.label
        assert not box.value
        box.check().run()
        assert not at.exception
        assert f"应用图层：视图内 {len(frame)} 个要素（超过 10000 个）" in captions(at)

        at = team_app(monkeypatch, url, bounds=NARROW)
        at.checkbox(key=f"team_draw_{layer.layer_id}").check().run()
        assert f"应用图层：显示视图内全部 {_in(frame, NARROW)} 个要素" in captions(at)
    finally:
        delete_layer(app_db, layer.layer_id, "应用测试")


def test_only_the_owner_name_gets_a_delete_button_and_deleting_unlists(
    pg_cluster, app_db, monkeypatch
):
    layer = _publish(app_db, points_frame(50, seed=29), "待删除图层", owner="王科长")
    at = team_app(monkeypatch, pg_cluster.url(APP_ROLE, DATABASE))
    delete = f"team_delete_{layer.layer_id}"
    assert at.checkbox(key=f"team_draw_{layer.layer_id}")
    assert delete not in [b.key for b in at.button]
    at.text_input(key="team_owner").set_value("王科长").run()
    at.button(key=delete).click().run()
    assert any("已删除“待删除图层”" in s.value for s in at.success)
    assert f"team_draw_{layer.layer_id}" not in [c.key for c in at.checkbox]


def test_an_unreachable_database_gives_one_message_and_the_files_are_used(gz, monkeypatch):
    monkeypatch.delenv("GBA_DATABASE_URL", raising=False)
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["GBA_DATABASE_URL"] = f"postgresql://gba_app@127.0.0.1:{free_port()}/gba"
    at.run()
    assert not at.exception and not at.error
    [warning] = [w.value for w in at.warning]
    assert warning.startswith("无法连接数据库 gba_app@127.0.0.1:") and "\n" not in warning
    assert warning.endswith("已改用本地数据文件（data/），团队图层不可用。")
    assert f"/ {len(gz.places)} 处地点" in captions(at)
    assert "team_owner" not in [i.key for i in at.text_input]
    assert found(at, "cuishanhu") == PLACE


@pytest.mark.parametrize("url", ["", "   "])
def test_an_empty_variable_is_file_mode(url, gz, monkeypatch):
    at = team_app(monkeypatch, url)
    assert not at.exception and not at.warning
    assert "team_owner" not in [i.key for i in at.text_input]
    assert "地名库来自团队数据库" not in captions(at)
