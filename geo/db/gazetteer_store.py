"""The gazetteer in the database: one table per frame of :class:`geo.gazetteer.Gazetteer`,
with columns derived from the frames (so columns and tables other branches add flow
through), loaded in one transaction and read back as an equal ``Gazetteer``.

Tables are keyed by the frame's index column; a column named like another table's key
(``place_id``, ``plan_id``, ``indicator_key`` …) that the schema requires is a foreign key
to it; the schema's required columns are ``NOT NULL`` and non-empty.
"""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import psycopg
from psycopg import sql

from geo.db.connect import Database
from geo.db.errors import DatabaseError
from geo.db.frames import TableSpec, copy_rows, create_table, read_rows, table_spec
from geo.db.migrations import Migration, check_version, migrate
from geo.gazetteer import Gazetteer
from geo.schema import COLUMNS, REQUIRED_VALUES

CATALOGUE = "gazetteer_tables"
LOAD = "gazetteer_load"


def frame_fields() -> list[str]:
    """Names of the ``Gazetteer`` fields that hold frames (one table each), in order."""
    return [f.name for f in dataclasses.fields(Gazetteer) if f.name != "notes"]


def gazetteer_specs(gz: Gazetteer) -> list[TableSpec]:
    """The table of every frame of ``gz``."""
    return [
        table_spec(name, getattr(gz, name), REQUIRED_VALUES.get(f"{name}.csv", ()))
        for name in frame_fields()
    ]


def foreign_keys(specs: list[TableSpec]) -> list[tuple[str, str, str]]:
    """(table, column, referenced table) for each required column named after another
    table's key (the first table keyed by a column owns it: ``zones`` are keyed by the
    ``place_id`` of ``places``)."""
    keys: dict[str, str] = {}
    for spec in specs:
        if spec.key:
            keys.setdefault(spec.key, spec.name)
    return [
        (spec.name, column, keys[column])
        for spec in specs
        for column in spec.required
        if column in keys and keys[column] != spec.name
    ]


def _stored_specs(cur: psycopg.Cursor, schema: str) -> list[TableSpec]:
    cur.execute(
        sql.SQL("SELECT spec FROM {} ORDER BY position").format(sql.Identifier(schema, CATALOGUE))
    )
    return [TableSpec.from_json(row[0]) for row in cur.fetchall()]


def sync_tables(cur: psycopg.Cursor, schema: str, specs: list[TableSpec]) -> bool:
    """Make the gazetteer tables match ``specs``; returns True when they were (re)created.

    When any table differs from what the catalogue records, every gazetteer table is
    dropped and created anew (they hold a snapshot of ``data/`` that a load replaces).
    Runs in the caller's transaction: readers keep seeing the old tables until it commits.
    """
    check_version(cur, schema)
    stored = _stored_specs(cur, schema)
    if [s.to_json() for s in stored] == [s.to_json() for s in specs]:
        return False
    for old in stored:
        cur.execute(
            sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(sql.Identifier(schema, old.name))
        )
    cur.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(schema, CATALOGUE)))
    for position, spec in enumerate(specs):
        create_table(cur, schema, spec)
        cur.execute(
            sql.SQL("INSERT INTO {} (name, position, spec) VALUES (%s, %s, %s)").format(
                sql.Identifier(schema, CATALOGUE)
            ),
            [spec.name, position, json.dumps(spec.to_json())],
        )
    for table, column, target in foreign_keys(specs):
        target_spec = next(s for s in specs if s.name == target)
        cur.execute(
            sql.SQL(
                "ALTER TABLE {} ADD FOREIGN KEY ({}) REFERENCES {} ({}) "
                "DEFERRABLE INITIALLY DEFERRED"
            ).format(
                sql.Identifier(schema, table),
                sql.Identifier(column),
                sql.Identifier(schema, target),
                sql.Identifier(target_spec.key),
            )
        )
    return True


def init_schema(
    db: Database, gz: Gazetteer, app_role: str | None = None
) -> tuple[list[Migration], bool]:
    """``python -m geo db init``: migrate the fixed tables, create the gazetteer tables of
    ``gz`` (empty) unless they already match, and grant ``app_role`` its rights.

    Returns
    -------
    (migrations applied, whether the gazetteer tables were created anew)
    """
    with db.writing() as cur:
        applied = migrate(cur, db.schema, app_role)
        created = sync_tables(cur, db.schema, gazetteer_specs(gz))
    return applied, created


def store_gazetteer(db: Database, gz: Gazetteer) -> dict[str, int]:
    """Replace the gazetteer in the database with ``gz``, all or nothing.

    Returns
    -------
    dict
        Rows written per table.
    """
    specs = gazetteer_specs(gz)
    counts = {}
    with db.writing() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"gba-load:{db.schema}"])
        sync_tables(cur, db.schema, specs)
        for spec in reversed(specs):
            cur.execute(sql.SQL("DELETE FROM {}").format(db.table(spec.name)))
        for spec in specs:
            counts[spec.name] = copy_rows(cur, db.schema, spec, getattr(gz, spec.name))
        cur.execute(
            sql.SQL(
                "INSERT INTO {} (loaded_at, notes, counts) VALUES (now(), %s, %s) "
                "ON CONFLICT (singleton) DO UPDATE SET loaded_at = excluded.loaded_at, "
                "notes = excluded.notes, counts = excluded.counts"
            ).format(db.table(LOAD)),
            [list(gz.notes), json.dumps(counts)],
        )
    return counts


def catalogue(cur: psycopg.Cursor, schema: str) -> dict[str, TableSpec]:
    """The gazetteer tables of ``schema`` by name, as last created."""
    check_version(cur, schema)
    return {spec.name: spec for spec in _stored_specs(cur, schema)}


def loaded_at(db: Database) -> pd.Timestamp | None:
    """When the gazetteer was last loaded (a cache key for the app), or ``None``."""
    with db.reading() as cur:
        check_version(cur, db.schema)
        cur.execute(sql.SQL("SELECT loaded_at FROM {}").format(db.table(LOAD)))
        row = cur.fetchone()
    return pd.Timestamp(row[0]) if row else None


def read_gazetteer(db: Database) -> Gazetteer:
    """The gazetteer as last loaded, from one consistent snapshot.

    Raises
    ------
    DatabaseError
        ``not_loaded`` before the first load; ``gazetteer_outdated`` when this program's
        gazetteer has a table the database lacks (run ``python -m geo db load``).
    """
    with db.reading() as cur:
        specs = catalogue(cur, db.schema)
        cur.execute(sql.SQL("SELECT notes FROM {}").format(db.table(LOAD)))
        row = cur.fetchone()
        if row is None:
            raise DatabaseError("not_loaded")
        missing = [name for name in frame_fields() if name not in specs]
        missing += [
            f"{name}.{column}"
            for name, spec in specs.items()
            for column in COLUMNS.get(f"{name}.csv", ())
            if column not in {c.name for c in spec.columns}
        ]
        if missing:
            raise DatabaseError("gazetteer_outdated", {"what": ", ".join(missing)})
        frames = {name: read_rows(cur, db.schema, specs[name]) for name in frame_fields()}
    return Gazetteer(**frames, notes=tuple(row[0]))
