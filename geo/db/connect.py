"""Connections: the database URL from the environment, one small pool per server process,
read-only transactions for readers and one transaction per write.

Every statement is parameterised (values as ``%s`` parameters, identifiers composed with
:mod:`psycopg.sql`); no value is ever formatted into SQL text.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from geo.db.errors import DatabaseError

URL_VARIABLE = "GBA_DATABASE_URL"
SCHEMA_VARIABLE = "GBA_DATABASE_SCHEMA"
POOL_VARIABLE = "GBA_DATABASE_POOL_SIZE"
DEFAULT_SCHEMA = "gba"
DEFAULT_POOL_SIZE = 4
CONNECT_TIMEOUT_S = 10
APPLICATION_NAME = "gba-layout-map"


def database_url(environ: dict[str, str] | None = None) -> str | None:
    """``GBA_DATABASE_URL`` if set and not blank, else ``None`` (the app then uses ``data/``)."""
    url = (os.environ if environ is None else environ).get(URL_VARIABLE, "").strip()
    return url or None


def describe(url: str) -> str:
    """``user@host:port/dbname`` of a URL, never its password."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(malformed URL)"
    host = info.get("host", "localhost")
    port = info.get("port", "5432")
    return f"{info.get('user', '')}@{host}:{port}/{info.get('dbname', '')}".lstrip("@")


def connect(url: str, **kwargs) -> psycopg.Connection:
    """One connection (for CLI commands); failures become :class:`DatabaseError`."""
    try:
        return psycopg.connect(
            url,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name=APPLICATION_NAME,
            **kwargs,
        )
    except psycopg.Error as exc:
        raise DatabaseError(
            "cannot_connect", {"where": describe(url), "reason": _first_line(exc)}
        ) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def failure(exc: psycopg.Error) -> DatabaseError:
    """A psycopg error as a :class:`DatabaseError` with the server's one-line reason."""
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return DatabaseError("no_privilege", {"reason": _first_line(exc)})
    return DatabaseError("failed", {"reason": _first_line(exc)})


class Database:
    """A pool of connections to one database and the schema the app's tables live in.

    Parameters
    ----------
    url : str
        libpq URL or key/value string (``postgresql://gba_app@db/gba``).
    schema : str
        Schema of the app's tables.
    max_size : int
        Most connections this process opens (each Streamlit server is one process).
    """

    def __init__(self, url: str, schema: str = DEFAULT_SCHEMA, max_size: int = DEFAULT_POOL_SIZE):
        self.url = url
        self.schema = schema
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max_size,
            open=False,
            timeout=CONNECT_TIMEOUT_S,
            kwargs={
                "autocommit": True,
                "application_name": APPLICATION_NAME,
                "options": "-c jit=off",  # JIT costs more than it saves on view queries
            },
            check=ConnectionPool.check_connection,
        )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Database:
        """The database of ``GBA_DATABASE_URL`` (schema ``GBA_DATABASE_SCHEMA``, default ``gba``).

        Raises
        ------
        DatabaseError
            ``no_url`` when the variable is not set.
        """
        env = os.environ if environ is None else environ
        url = database_url(env)
        if url is None:
            raise DatabaseError("no_url")
        size = int(env.get(POOL_VARIABLE, "") or DEFAULT_POOL_SIZE)
        return cls(url, env.get(SCHEMA_VARIABLE, "") or DEFAULT_SCHEMA, size)

    def open(self) -> Database:
        """Open the pool and wait for a first connection; returns ``self``.

        Raises
        ------
        DatabaseError
            ``cannot_connect``, with the server's reason, at once.
        """
        connect(self.url).close()
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as exc:
            self._pool.close()
            raise DatabaseError(
                "cannot_connect", {"where": describe(self.url), "reason": "timed out"}
            ) from exc
        return self

    def close(self) -> None:
        """Close every connection of the pool."""
        self._pool.close()

    def __enter__(self) -> Database:
        return self.open()

    def __exit__(self, *exc_info) -> None:
        self.close()

    def table(self, name: str) -> sql.Identifier:
        """The schema-qualified identifier of one of the app's tables."""
        return sql.Identifier(self.schema, name)

    @contextmanager
    def _transaction(self, first: str | None) -> Iterator[psycopg.Cursor]:
        try:
            with self._pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                if first:
                    cur.execute(first)
                yield cur
        except PoolTimeout as exc:
            raise DatabaseError(
                "cannot_connect", {"where": describe(self.url), "reason": "no free connection"}
            ) from exc
        except psycopg.Error as exc:
            raise failure(exc) from exc

    def reading(self) -> AbstractContextManager[psycopg.Cursor]:
        """A cursor in a read-only transaction on one snapshot (REPEATABLE READ): every
        query in it sees the same state, and it can never write."""
        return self._transaction("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    def writing(self) -> AbstractContextManager[psycopg.Cursor]:
        """A cursor in one transaction: all of it is committed, or none of it."""
        return self._transaction(None)
