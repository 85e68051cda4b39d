"""The gazetteer in PostGIS: schema init and migrations, load, read back equal, roles."""

from __future__ import annotations

import dataclasses

import psycopg
import pytest

from geo.cli import main
from geo.db.cluster import APP_ROLE, DATABASE, OWNER_ROLE
from geo.db.connect import Database
from geo.db.errors import DatabaseError
from geo.db.gazetteer_store import (
    frame_fields,
    init_schema,
    loaded_at,
    read_gazetteer,
    store_gazetteer,
)
from geo.db.migrations import LATEST_VERSION, MIGRATIONS
from tests.strict_frames import assert_frames_identical


def _same_gazetteer(back, gz) -> None:
    for name in frame_fields():
        assert_frames_identical(getattr(back, name), getattr(gz, name))
    assert back.notes == gz.notes


def test_read_back_equals_the_files(app_db, gz):
    _same_gazetteer(read_gazetteer(app_db), gz)


def test_init_is_idempotent_and_versioned(owner_db, gz):
    applied, created = init_schema(owner_db, gz, APP_ROLE)
    assert (applied, created) == ([], False)
    with owner_db.reading() as cur:
        cur.execute(f"SELECT version, description FROM {owner_db.schema}.schema_version ORDER BY 1")
        assert cur.fetchall() == [(m.version, m.description) for m in MIGRATIONS]
    assert LATEST_VERSION == MIGRATIONS[-1].version


def test_tables_have_keys_foreign_keys_srid_and_gist(owner_db):
    with owner_db.reading() as cur:
        cur.execute(
            "SELECT f_table_name, f_geometry_column, srid, type FROM geometry_columns "
            "WHERE f_table_schema = %s",
            [owner_db.schema],
        )
        geometry = {(t, c): (srid, kind) for t, c, srid, kind in cur.fetchall()}
        cur.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = %s",
            [owner_db.schema],
        )
        indexes = cur.fetchall()
        cur.execute(
            "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND connamespace = %s::regnamespace",
            [owner_db.schema],
        )
        foreign = {(t.split(".")[-1], d) for t, d in cur.fetchall()}
    assert geometry[("places", "geometry")] == (4326, "POINT")
    assert geometry[("links", "geometry")] == (4326, "LINESTRING")
    assert geometry[("structures", "geometry")] == (4326, "MULTIPOLYGON")
    assert geometry[("areas", "anchor")] == (4326, "POINT")
    assert all(srid == 4326 for srid, _ in geometry.values())
    for table, column in geometry:
        assert any(t == table and "gist" in d and column in d for t, d in indexes), table
    assert any(
        t == "mentions" and "(place_id) REFERENCES gba.places(place_id)" in d for t, d in foreign
    )
    assert any(t == "indicators" and "REFERENCES gba.indicator_keys" in d for t, d in foreign)


def test_app_role_cannot_change_the_schema(app_db):
    statements = [
        "CREATE TABLE gba.intruder (x integer)",
        "CREATE TABLE public.intruder (x integer)",
        "DROP TABLE gba.places",
        "ALTER TABLE gba.places ADD COLUMN x integer",
        "DELETE FROM gba.places",
        "INSERT INTO gba.plans (fid, plan_id) VALUES (99, 'x')",
        "CREATE SCHEMA intruder",
    ]
    for statement in statements:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with psycopg.connect(app_db.url, autocommit=True) as conn:
                conn.execute(statement)


def test_failed_load_keeps_the_previous_gazetteer(owner_db, app_db, gz):
    before = loaded_at(app_db)
    orphan = gz.mentions.copy()
    orphan.loc[0, "place_id"] = "no_such_place"
    with pytest.raises(DatabaseError) as caught:
        store_gazetteer(owner_db, dataclasses.replace(gz, mentions=orphan))
    assert "foreign key" in caught.value.message("en")
    assert loaded_at(app_db) == before
    _same_gazetteer(read_gazetteer(app_db), gz)


def test_a_new_column_flows_through(pg_cluster, gz):
    """A column another table gains (e.g. a review note) is stored and read back, and
    dropped again when the data loses it."""
    places = gz.places.copy()
    places.insert(len(places.columns) - 1, "review_note", "checked on site")
    wider = dataclasses.replace(gz, places=places)
    url = pg_cluster.url(OWNER_ROLE, DATABASE)
    with Database(url, schema="gba_wider") as db:
        applied, created = init_schema(db, gz)
        assert [m.version for m in applied] == [m.version for m in MIGRATIONS] and created
        store_gazetteer(db, wider)
        _same_gazetteer(read_gazetteer(db), wider)
        store_gazetteer(db, gz)
        _same_gazetteer(read_gazetteer(db), gz)


def test_uninitialised_and_unloaded_schemas_say_what_to_run(pg_cluster, gz):
    url = pg_cluster.url(OWNER_ROLE, DATABASE)
    with Database(url, schema="gba_empty") as db:
        with pytest.raises(DatabaseError) as caught:
            read_gazetteer(db)
        assert caught.value.code == "not_initialised"
        assert "python -m geo db init" in caught.value.message("en")
        init_schema(db, gz)
        with pytest.raises(DatabaseError) as caught:
            read_gazetteer(db)
        assert caught.value.code == "not_loaded"
        assert "db load" in caught.value.message("zh")


def test_unreachable_database_is_one_clear_error():
    with pytest.raises(DatabaseError) as caught:
        Database("postgresql://nobody:secret@127.0.0.1:1/none").open()
    assert caught.value.code == "cannot_connect"
    assert "secret" not in caught.value.message("en")


def test_db_cli_status_and_missing_url(pg_cluster, owner_db, monkeypatch, capsys):
    monkeypatch.delenv("GBA_DATABASE_URL", raising=False)
    assert main(["db", "status"]) == 1
    assert "GBA_DATABASE_URL" in capsys.readouterr().err
    monkeypatch.setenv("GBA_DATABASE_URL", pg_cluster.url(APP_ROLE, DATABASE))
    assert main(["db", "status"]) == 0
    out = capsys.readouterr().out
    assert f"schema gba at version {LATEST_VERSION}" in out and "gazetteer loaded at 20" in out
    monkeypatch.setenv("GBA_DATABASE_URL", pg_cluster.url(APP_ROLE, DATABASE))
    assert main(["db", "load"]) == 1
    assert "lack of rights" in capsys.readouterr().err
