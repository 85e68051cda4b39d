"""The app's fixed tables, created and upgraded by ordered migrations recorded in
``schema_version``. ``python -m geo db init`` runs :func:`migrate`; it is idempotent.

The gazetteer's own tables are not here: their columns are derived from the gazetteer
(:mod:`geo.db.gazetteer_store`), so columns added to ``data/`` flow through.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from geo.db.errors import DatabaseError


@dataclass(frozen=True)
class Migration:
    """One step: its version, what it does, and its statements (``{s}`` is the schema)."""

    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "gazetteer catalogue and published layers",
        (
            """CREATE TABLE {s}.gazetteer_load (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                loaded_at timestamptz NOT NULL,
                notes text[] NOT NULL,
                counts jsonb NOT NULL)""",
            """CREATE TABLE {s}.gazetteer_tables (
                name text PRIMARY KEY,
                position integer NOT NULL UNIQUE,
                spec jsonb NOT NULL)""",
            """CREATE TABLE {s}.published_layers (
                layer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL CHECK (name <> ''),
                owner text NOT NULL CHECK (owner <> ''),
                published_at timestamptz NOT NULL DEFAULT now(),
                source_format text NOT NULL,
                source_crs text NOT NULL,
                feature_count integer NOT NULL CHECK (feature_count >= 0),
                located_count integer NOT NULL CHECK (located_count BETWEEN 0 AND feature_count),
                columns jsonb NOT NULL CHECK (jsonb_typeof(columns) = 'array'),
                report jsonb NOT NULL,
                extent geometry(Geometry, 4326))""",
            """CREATE TABLE {s}.published_features (
                layer_id bigint NOT NULL
                    REFERENCES {s}.published_layers (layer_id) ON DELETE CASCADE,
                fid integer NOT NULL CHECK (fid >= 0),
                properties jsonb NOT NULL CHECK (jsonb_typeof(properties) = 'object'),
                geom geometry(Geometry, 4326),
                PRIMARY KEY (layer_id, fid))""",
            "CREATE INDEX published_features_geom ON {s}.published_features USING gist (geom)",
            "CREATE INDEX published_layers_extent ON {s}.published_layers USING gist (extent)",
            "CREATE INDEX published_layers_owner ON {s}.published_layers (owner)",
        ),
    ),
)
"""Every migration, in order; a new one is appended, never edited once released."""

LATEST_VERSION = MIGRATIONS[-1].version

READ_TABLES = ("gazetteer_load", "gazetteer_tables", "schema_version")
WRITE_TABLES = ("published_layers", "published_features")
"""What the app role may read, and where it may also insert and delete."""


def _compose(statement: str, schema: str) -> sql.Composed:
    return sql.SQL(statement).format(s=sql.Identifier(schema))


def current_version(cur: psycopg.Cursor, schema: str) -> int:
    """Version of ``schema``; 0 when it has no ``schema_version`` table."""
    name = sql.Identifier(schema, "schema_version").as_string(cur)
    cur.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
    if not cur.fetchone()[0]:
        return 0
    cur.execute(_compose("SELECT coalesce(max(version), 0) FROM {s}.schema_version", schema))
    return cur.fetchone()[0]


def check_version(cur: psycopg.Cursor, schema: str) -> None:
    """Refuse to work on a schema this program did not (or cannot) migrate.

    Raises
    ------
    DatabaseError
        ``not_initialised``, ``schema_outdated`` or ``schema_newer``.
    """
    have = current_version(cur, schema)
    if have == 0:
        raise DatabaseError("not_initialised", {"schema": schema})
    if have < LATEST_VERSION:
        raise DatabaseError("schema_outdated", {"have": have, "want": LATEST_VERSION})
    if have > LATEST_VERSION:
        raise DatabaseError("schema_newer", {"have": have, "want": LATEST_VERSION})


def ensure_postgis(cur: psycopg.Cursor) -> None:
    """Create the PostGIS extension if this role may; else say who must.

    Raises
    ------
    DatabaseError
        ``no_postgis`` when it is missing and cannot be created here.
    """
    cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
    if cur.fetchone():
        return
    try:
        with cur.connection.transaction():
            cur.execute("CREATE EXTENSION postgis")
    except psycopg.errors.InsufficientPrivilege as exc:
        raise DatabaseError("no_postgis") from exc


def migrate(cur: psycopg.Cursor, schema: str, app_role: str | None = None) -> list[Migration]:
    """Bring ``schema`` to :data:`LATEST_VERSION`; returns the migrations applied.

    Runs in the caller's transaction under an advisory lock, so two servers starting at
    once cannot both migrate. With ``app_role``, that role gets read access to every
    table (also tables created later by this owner) and insert/delete on the published
    layers, and nothing else: no CREATE on the schema.
    """
    cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"gba-migrate:{schema}"])
    ensure_postgis(cur)
    cur.execute(_compose("CREATE SCHEMA IF NOT EXISTS {s}", schema))
    cur.execute(
        _compose(
            """CREATE TABLE IF NOT EXISTS {s}.schema_version (
                version integer PRIMARY KEY,
                description text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())""",
            schema,
        )
    )
    have = current_version(cur, schema)
    if have > LATEST_VERSION:
        raise DatabaseError("schema_newer", {"have": have, "want": LATEST_VERSION})
    applied = [m for m in MIGRATIONS if m.version > have]
    for migration in applied:
        for statement in migration.statements:
            cur.execute(_compose(statement, schema))
        cur.execute(
            _compose(
                "INSERT INTO {s}.schema_version (version, description) VALUES (%s, %s)", schema
            ),
            [migration.version, migration.description],
        )
    if app_role:
        grant_app_role(cur, schema, app_role)
    return applied


def grant_app_role(cur: psycopg.Cursor, schema: str, role: str) -> None:
    """Give ``role`` what the app needs and no DDL right (see docs/deploy.md)."""
    ident = {"s": sql.Identifier(schema), "r": sql.Identifier(role)}
    statements = [
        "REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
        "REVOKE CREATE ON SCHEMA {s} FROM {r}",
        "GRANT USAGE ON SCHEMA {s} TO {r}",
        "GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {r}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT ON TABLES TO {r}",
    ]
    for statement in statements:
        cur.execute(sql.SQL(statement).format(**ident))
    for table in WRITE_TABLES:
        cur.execute(
            sql.SQL("GRANT INSERT, DELETE ON {t} TO {r}").format(
                t=sql.Identifier(schema, table), r=ident["r"]
            )
        )
