"""``python -m geo db init|load|status`` and ``python -m geo export --format postgis``.

The database is the one of ``GBA_DATABASE_URL`` (schema ``--schema``, else
``GBA_DATABASE_SCHEMA``, else ``gba``); run ``init`` and ``load`` as the owner role.
"""

from __future__ import annotations

import argparse
import os
import sys

from geo.db.connect import DEFAULT_SCHEMA, SCHEMA_VARIABLE, URL_VARIABLE, database_url
from geo.db.errors import DatabaseError
from geo.gazetteer import GazetteerError

EXIT_OK, EXIT_FAILED = 0, 1


def add_db_parser(sub: argparse._SubParsersAction) -> None:
    """The ``db`` command and its subcommands."""
    db = sub.add_parser("db", help=f"set up and load the optional PostGIS store ({URL_VARIABLE})")
    db.add_argument(
        "--schema", help=f"schema of the app's tables (default ${SCHEMA_VARIABLE} or gba)"
    )
    actions = db.add_subparsers(dest="db_command", required=True)
    init = actions.add_parser(
        "init", help="create or upgrade the schema (idempotent); run as the owner role"
    )
    init.add_argument(
        "--app-role",
        help="role the app servers connect as: read access and publishing, no DDL",
    )
    actions.add_parser("load", help="replace the gazetteer in the database, all or nothing")
    actions.add_parser("status", help="schema version, last load, published layers")


def add_postgis_export_options(export: argparse.ArgumentParser) -> None:
    """``--dsn`` and ``--schema`` of ``export --format postgis``."""
    export.add_argument(
        "--dsn", help=f"PostGIS database for --format postgis (default ${URL_VARIABLE})"
    )
    export.add_argument("--schema", default="public", help="schema for --format postgis")


def _open(args: argparse.Namespace):
    from geo.db.connect import Database

    url = database_url()
    if url is None:
        raise DatabaseError("no_url")
    schema = args.schema or os.environ.get(SCHEMA_VARIABLE) or DEFAULT_SCHEMA
    return Database(url, schema, max_size=1).open()


def run_db(args: argparse.Namespace, gazetteer) -> int:
    """Run a ``db`` subcommand; ``gazetteer()`` loads ``data/`` (for init and load)."""
    from geo.db import gazetteer_store, published

    try:
        with _open(args) as db:
            if args.db_command == "init":
                applied, created = gazetteer_store.init_schema(db, gazetteer(), args.app_role)
                for migration in applied:
                    print(f"migration {migration.version}: {migration.description}")
                print(f"schema {db.schema} at version {migration_version(db)}")
                if created:
                    print("gazetteer tables created (empty): run python -m geo db load")
                if args.app_role:
                    print(f"role {args.app_role}: read, publish and delete layers; no DDL")
            elif args.db_command == "load":
                counts = gazetteer_store.store_gazetteer(db, gazetteer())
                print("loaded " + ", ".join(f"{n} {k}" for k, n in counts.items()))
            else:
                print(f"schema {db.schema} at version {migration_version(db)}")
                print(f"gazetteer loaded at {gazetteer_store.loaded_at(db) or 'never'}")
                for layer in published.published_layers(db):
                    print(
                        f"layer {layer.layer_id} {layer.name!r} by {layer.owner} "
                        f"at {layer.published_at:%Y-%m-%d %H:%M}: {layer.feature_count} features"
                    )
    except DatabaseError as exc:
        print(f"error: {exc.message('en')}", file=sys.stderr)
        return EXIT_FAILED
    except GazetteerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def migration_version(db) -> int:
    """The schema version of ``db``."""
    from geo.db.migrations import current_version

    with db.reading() as cur:
        return current_version(cur, db.schema)


def postgis_export(gz, args: argparse.Namespace, selection):
    """``export --format postgis`` of the ``selection`` (a :class:`geo.select.Selection`) of
    ``gz`` to ``--dsn`` (else ``GBA_DATABASE_URL``).

    Raises
    ------
    geo.export.ExportError
        No database given, or the export failed (nothing written).
    """
    from geo.db.postgis_export import export_postgis
    from geo.export import ExportError

    dsn = args.dsn or database_url()
    if not dsn:
        raise ExportError(f"--format postgis needs --dsn or {URL_VARIABLE}")
    return export_postgis(gz, args.layer, args.crs, dsn, args.schema, selection)
