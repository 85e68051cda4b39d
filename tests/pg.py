"""Fixtures of the database tests: one throw-away PostgreSQL + PostGIS cluster for the
session (skipped only when the Debian binaries are missing; scripts/test.sh installs them),
provisioned as docs/deploy.md says, with the schema initialised and the gazetteer loaded."""

from __future__ import annotations

import pytest

from geo.db.cluster import APP_ROLE, DATABASE, OWNER_ROLE, TempCluster, postgres_bindir


@pytest.fixture(scope="session")
def pg_cluster():
    if postgres_bindir() is None:
        pytest.skip("PostgreSQL/PostGIS binaries not installed (scripts/test.sh installs them)")
    cluster = TempCluster().start()
    try:
        cluster.provision()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def owner_db(pg_cluster, gz):
    """The database as the owner role, initialised (app role granted) and loaded."""
    from geo.db.connect import Database
    from geo.db.gazetteer_store import init_schema, store_gazetteer

    with Database(pg_cluster.url(OWNER_ROLE, DATABASE)) as db:
        init_schema(db, gz, APP_ROLE)
        store_gazetteer(db, gz)
        yield db


@pytest.fixture(scope="session")
def app_db(owner_db, pg_cluster):
    """The same database as the app role (what every app server connects as)."""
    from geo.db.connect import Database

    with Database(pg_cluster.url(APP_ROLE, DATABASE)) as db:
        yield db
