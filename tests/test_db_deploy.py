"""The deployment of docs/deploy.md: the compose layout, the DBA's role script on a fresh
cluster, and a backup with pg_dump restored into a new database."""

from __future__ import annotations

import os
import subprocess

import geopandas as gpd
import psycopg
import pytest
import shapely
import yaml

from geo.cli import main
from geo.db.cluster import APP_ROLE, DATABASE, OWNER_ROLE, SUPERUSER, TempCluster
from geo.db.connect import Database
from geo.db.gazetteer_store import frame_fields, read_gazetteer
from geo.db.published import publish_layer, published_layers
from tests.browser import ROOT
from tests.strict_frames import assert_frames_identical


def test_compose_layout():
    """Syntax and shape only: Docker is not available where the tests run."""
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"db", "migrate", "app", "proxy", "backup"} <= set(services)
    assert services["db"]["image"].startswith("postgis/postgis:")
    assert services["app"]["deploy"]["replicas"] >= 2
    assert "gba_app:" in services["app"]["environment"]["GBA_DATABASE_URL"]
    assert "gba_owner:" in services["migrate"]["environment"]["GBA_DATABASE_URL"]
    assert "db init --app-role gba_app" in services["migrate"]["command"][-1]
    assert "/_stcore/health" in services["app"]["healthcheck"]["test"][-1]
    assert "pg_dump -Fc" in services["backup"]["entrypoint"][-1]
    for mount in services["proxy"]["volumes"] + services["db"]["volumes"][1:]:
        assert (ROOT / mount.split(":")[0]).is_file(), mount
    nginx = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "ip_hash;" in nginx and "proxy_set_header Upgrade $http_upgrade;" in nginx
    assert "server app:8501" in nginx


@pytest.fixture
def fresh_cluster(pg_cluster):
    """A second, empty cluster (the role script creates cluster-wide roles)."""
    with TempCluster() as cluster:
        yield cluster


def test_role_script_then_init_and_load(fresh_cluster, gz):
    url = fresh_cluster.url()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE gba")
    env = {
        **os.environ,
        "PATH": f"{fresh_cluster.bindir}:{os.environ['PATH']}",
        "PGHOST": "127.0.0.1",
        "PGPORT": str(fresh_cluster.port),
        "POSTGRES_USER": SUPERUSER,
        "POSTGRES_DB": DATABASE,
        "GBA_OWNER_PASSWORD": "owner secret",
        "GBA_APP_PASSWORD": "app secret",
    }
    subprocess.run(
        ["sh", str(ROOT / "deploy" / "initdb" / "20-gba-roles.sh")],
        env=env,
        check=True,
        capture_output=True,
    )
    owner, app = fresh_cluster.url(OWNER_ROLE, DATABASE), fresh_cluster.url(APP_ROLE, DATABASE)
    os.environ["GBA_DATABASE_URL"] = owner
    try:
        assert main(["db", "init", "--app-role", APP_ROLE]) == 0
        assert main(["db", "load"]) == 0
    finally:
        del os.environ["GBA_DATABASE_URL"]
    with Database(app) as db:
        back = read_gazetteer(db)
    assert_frames_identical(back.places, gz.places)
    for statement in ("CREATE TABLE public.x (i int)", "CREATE TABLE gba.x (i int)"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with psycopg.connect(app, autocommit=True) as conn:
                conn.execute(statement)


def test_pg_dump_backup_restores_everything(pg_cluster, owner_db, app_db, gz):
    frame = gpd.GeoDataFrame(
        {"名称": ["翠亨"]}, geometry=[shapely.Point(113.5, 22.4)], crs="EPSG:4326"
    )
    publish_layer(
        app_db,
        frame,
        name="备份",
        owner="李工",
        source_format="csv",
        source_crs="EPSG:4326",
        report={},
    )
    dump = pg_cluster.folder / "backup.dump"
    base = ["-h", "127.0.0.1", "-p", str(pg_cluster.port)]
    subprocess.run(
        [pg_cluster.bindir / "pg_dump", *base, "-U", OWNER_ROLE, "-Fc", "-f", dump, DATABASE],
        check=True,
        capture_output=True,
    )
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE restored OWNER gba_owner")
    subprocess.run(
        [pg_cluster.bindir / "pg_restore", *base, "-U", SUPERUSER, "-d", "restored", dump],
        check=True,
        capture_output=True,
    )
    with Database(pg_cluster.url(APP_ROLE, "restored")) as restored:
        back = read_gazetteer(restored)
        layers = published_layers(restored)
    for name in frame_fields():
        assert_frames_identical(getattr(back, name), getattr(gz, name))
    assert "备份" in [layer.name for layer in layers]
    assert layers == published_layers(owner_db)
