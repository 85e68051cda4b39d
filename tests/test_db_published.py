"""Published layers in PostGIS: all-or-nothing publishing, reading by extent, deleting by
owner only, and a second server process seeing the same layers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import pytest
import shapely

from geo.db.cluster import APP_ROLE, DATABASE
from geo.db.errors import DatabaseError
from geo.db.published import (
    delete_layer,
    get_layer,
    layer_density,
    layer_in_view,
    layer_report,
    publish_layer,
    publish_user_layer,
    published_layers,
    read_layer,
    read_user_layer,
)
from geo.upload.layer import load_user_file
from tests.browser import ROOT
from tests.strict_frames import assert_frames_identical

ZHONGSHAN = (113.15, 22.2, 113.65, 22.8)


def mixed_frame() -> gpd.GeoDataFrame:
    """Every column type an uploaded layer has, missing values in each, and rows without
    geometry."""
    return gpd.GeoDataFrame(
        {
            "名称": pd.Series(["翠亨新区", None, '企业 "A"', "007"], dtype="str"),
            "code": pd.Series(["007", "x", None, "<b>"], dtype=object),
            "员工": pd.Series([12, None, 7, 2**53 + 1], dtype="Int64"),
            "score": [0.1, float("nan"), float("inf"), -1e-300],
            "listed": pd.Series([True, None, False, True], dtype="boolean"),
        },
        geometry=[
            shapely.Point(113.38, 22.52),
            None,
            shapely.Polygon([(113.2, 22.3), (113.3, 22.3), (113.3, 22.4), (113.2, 22.3)]),
            shapely.Point(112.69, 22.37),
        ],
        crs="EPSG:4326",
    )


def points_frame(n: int, seed: int = 7) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(111.5, 114.5, n).round(6), rng.uniform(21.5, 24.5, n).round(6)
    return gpd.GeoDataFrame(
        {"name": [f"企业{i}" for i in range(n)], "value": rng.integers(0, 100, n)},
        geometry=gpd.points_from_xy(lon, lat),
        crs="EPSG:4326",
    )


def _publish(db, frame, name="企业名单", owner="李工"):
    report = {"findings": [{"code": "geocoded", "rows": [1, 2]}], "text": "报告 <ok>"}
    return publish_layer(
        db,
        frame,
        name=name,
        owner=owner,
        source_format="csv",
        source_crs="EPSG:4326",
        report=report,
    )


def _count(db, table: str, where: str = "true", params=()) -> int:
    with db.reading() as cur:
        cur.execute(f"SELECT count(*) FROM {db.schema}.{table} WHERE {where}", list(params))
        return cur.fetchone()[0]


def test_publish_and_read_back_exactly(app_db):
    frame = mixed_frame()
    layer = _publish(app_db, frame)
    assert layer.feature_count == 4 and layer.located_count == 3
    assert layer.bounds == pytest.approx((112.69, 22.3, 113.38, 22.52))
    assert_frames_identical(read_layer(app_db, layer.layer_id), frame)
    assert layer_report(app_db, layer.layer_id)["text"] == "报告 <ok>"
    assert get_layer(app_db, layer.layer_id) == layer
    assert layer in published_layers(app_db)


def test_view_by_extent_and_density(app_db):
    frame = points_frame(20_000)
    layer = _publish(app_db, frame, name="big")
    expected = frame[shapely.intersects(frame.geometry.values, shapely.box(*ZHONGSHAN))]
    rows = layer_in_view(app_db, layer.layer_id, ZHONGSHAN, limit=100_000)
    assert rows.total == len(expected) > 0
    assert_frames_identical(rows.frame, expected)
    first = layer_in_view(app_db, layer.layer_id, ZHONGSHAN, limit=10)
    assert first.truncated and first.total == len(expected)
    assert list(first.frame.index) == list(expected.index[:10])
    cells = layer_density(app_db, layer.layer_id, ZHONGSHAN, cell=0.1)
    assert cells["count"].sum() == len(expected) and len(cells) > 10


def test_view_query_uses_the_gist_index(owner_db, app_db):
    layer = _publish(app_db, points_frame(50_000, seed=3), name="indexed")
    with psycopg.connect(owner_db.url, autocommit=True) as conn:
        conn.execute("ANALYZE gba.published_features")
        plan = conn.execute(
            "EXPLAIN SELECT fid FROM gba.published_features WHERE layer_id = %s AND "
            "geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326) "
            "AND ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 4326)) LIMIT 5000",
            [layer.layer_id, *ZHONGSHAN, *ZHONGSHAN],
        ).fetchall()
    assert "published_features_geom" in "\n".join(row[0] for row in plan)


def test_only_the_owner_deletes(app_db):
    layer = _publish(app_db, mixed_frame(), name="mine", owner="王科长")
    with pytest.raises(DatabaseError) as caught:
        delete_layer(app_db, layer.layer_id, "李工")
    assert caught.value.code == "not_owner" and "王科长" in caught.value.message("zh")
    assert get_layer(app_db, layer.layer_id) == layer
    delete_layer(app_db, layer.layer_id, "王科长")
    assert _count(app_db, "published_features", "layer_id = %s", [layer.layer_id]) == 0
    with pytest.raises(DatabaseError) as caught:
        get_layer(app_db, layer.layer_id)
    assert caught.value.code == "no_layer"


def test_a_failure_mid_way_leaves_nothing(pg_cluster, app_db):
    """The database refuses row 500 of 1000 (a trigger the test installs as superuser)."""
    with psycopg.connect(pg_cluster.url(database=DATABASE), autocommit=True) as conn:
        conn.execute(
            "CREATE FUNCTION gba.refuse_500() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF NEW.fid = 500 THEN RAISE EXCEPTION 'disk full at row 500'; END IF; "
            "RETURN NEW; END $$"
        )
        conn.execute(
            "CREATE TRIGGER refuse_500 BEFORE INSERT ON gba.published_features "
            "FOR EACH ROW EXECUTE FUNCTION gba.refuse_500()"
        )
        try:
            with pytest.raises(DatabaseError) as caught:
                _publish(app_db, points_frame(1_000), name="half")
        finally:
            conn.execute("DROP TRIGGER refuse_500 ON gba.published_features")
            conn.execute("DROP FUNCTION gba.refuse_500()")
    assert "disk full at row 500" in caught.value.message("en")
    assert _count(app_db, "published_layers", "name = 'half'") == 0
    assert (
        _count(
            app_db,
            "published_features",
            "NOT EXISTS (SELECT 1 FROM "
            "gba.published_layers l WHERE l.layer_id = published_features.layer_id)",
        )
        == 0
    )


def test_a_connection_lost_mid_copy_leaves_nothing(pg_cluster, app_db):
    outcome = {}

    def publish():
        try:
            outcome["layer"] = _publish(app_db, points_frame(300_000, seed=5), name="killed")
        except DatabaseError as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=publish)
    worker.start()
    with psycopg.connect(pg_cluster.url(database=DATABASE), autocommit=True) as conn:
        killed = False
        while worker.is_alive() and not killed:
            killed = conn.execute(
                "SELECT bool_or(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE query LIKE 'COPY%%published_features%%' AND state = 'active'"
            ).fetchone()[0]
            time.sleep(0.005)
    worker.join()
    assert killed and "error" in outcome, "the COPY ended before it could be interrupted"
    assert _count(app_db, "published_layers", "name = 'killed'") == 0


def test_refused_before_writing(app_db):
    frame = mixed_frame()
    frame.loc[0, "code"] = "a\x00b"
    before = _count(app_db, "published_layers")
    with pytest.raises(DatabaseError) as caught:
        _publish(app_db, frame)
    assert caught.value.code == "nul_text" and "code" in caught.value.message("en")
    with pytest.raises(DatabaseError) as caught:
        _publish(app_db, mixed_frame(), owner="  ")
    assert caught.value.code == "no_owner"
    assert _count(app_db, "published_layers") == before


def test_readers_cannot_write(app_db):
    with pytest.raises(DatabaseError, match="read-only transaction"):
        with app_db.reading() as cur:
            cur.execute("DELETE FROM gba.published_layers")


def test_an_uploaded_file_round_trips_as_a_user_layer(app_db, gz):
    data = "名称,城市\n翠亨新区,中山市\n江门职业技术学院,江门市\n不存在的地方,江门市\n".encode()
    layer = load_user_file(data, "名单.csv", gz)
    assert layer.geocoded is not None
    published = publish_user_layer(app_db, layer, "李工")
    back = read_user_layer(app_db, published.layer_id)
    assert (back.name, back.source_format, back.source_crs) == (
        layer.name,
        layer.source_format,
        layer.source_crs,
    )
    assert_frames_identical(back.frame, layer.frame)
    assert_frames_identical(back.geocoded, layer.geocoded)
    assert back.findings == layer.findings
    for lang in ("zh", "en"):
        assert [f.message(lang) for f in back.findings] == [f.message(lang) for f in layer.findings]


SECOND_SERVER = """
import json, sys
from geo.db.connect import Database
from geo.db.published import layer_in_view, published_layers, publish_layer
from tests.test_db_published import ZHONGSHAN, points_frame
with Database.from_env() as db:
    seen = {l.name: l.layer_id for l in published_layers(db)}
    total = layer_in_view(db, seen[sys.argv[1]], ZHONGSHAN, limit=10).total
    mine = publish_layer(db, points_frame(100, seed=11), name="from-server-2", owner="陈工",
                         source_format="geojson", source_crs="EPSG:4326", report={})
print(json.dumps({"total": total, "published": mine.layer_id}))
"""


def test_a_second_server_process_sees_and_publishes(pg_cluster, app_db):
    frame = points_frame(5_000, seed=9)
    layer = _publish(app_db, frame, name="from-server-1")
    env = {**os.environ, "GBA_DATABASE_URL": pg_cluster.url(APP_ROLE, DATABASE)}
    done = subprocess.run(
        [sys.executable, "-c", SECOND_SERVER, "from-server-1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    in_view = shapely.intersects(frame.geometry.values, shapely.box(*ZHONGSHAN)).sum()
    assert answer["total"] == in_view > 0
    theirs = get_layer(app_db, answer["published"])
    assert (theirs.name, theirs.owner, theirs.feature_count) == ("from-server-2", "陈工", 100)
    assert_frames_identical(read_layer(app_db, theirs.layer_id), points_frame(100, seed=11))
    assert layer in published_layers(app_db)
