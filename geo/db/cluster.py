"""A throw-away PostgreSQL + PostGIS cluster in a temporary folder on a free local port, for
the tests and the benchmark. It uses ``initdb`` and ``pg_ctl`` of the Debian ``postgresql``
package; run as root, the server runs as the ``postgres`` system user (PostgreSQL refuses
root). Only 127.0.0.1 listens, with ``trust`` authentication: never use it for real data.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SUPERUSER = "gba_admin"
OWNER_ROLE, APP_ROLE, DATABASE = "gba_owner", "gba_app", "gba"
"""The roles and database of docs/deploy.md, as a DBA would create them."""


def postgres_bindir() -> Path | None:
    """Binaries of the newest installed PostgreSQL that has PostGIS, or ``None``."""
    found = []
    for bindir in Path("/").glob(BIN_GLOB.lstrip("/")):
        version = bindir.parent.name
        control = Path(f"/usr/share/postgresql/{version}/extension/postgis.control")
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists() and control.exists():
            found.append((int(version) if version.isdigit() else 0, bindir))
    return max(found)[1] if found else None


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TempCluster:
    """Start with :meth:`start` (or ``with TempCluster() as cluster``), stop with :meth:`stop`."""

    def __init__(self, bindir: Path | None = None):
        self.bindir = bindir or postgres_bindir()
        if self.bindir is None:
            raise FileNotFoundError("no PostgreSQL with PostGIS under " + BIN_GLOB)
        self.port = 0
        self.folder: Path | None = None
        self._prefix: list[str] = []

    def _run(self, *args: str) -> None:
        command = [*self._prefix, str(self.bindir / args[0]), *args[1:]]
        done = subprocess.run(command, cwd=self.folder, capture_output=True, text=True)
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip()}\n{tail}")

    def start(self) -> TempCluster:
        """``initdb`` a new cluster and start it on a free port; returns ``self``."""
        self.folder = Path(tempfile.mkdtemp(prefix="gba-pg-"))
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self._prefix = ["runuser", "-u", "postgres", "--"]
        data = str(self.folder / "data")
        self._run("initdb", "-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8")
        self.port = free_port()
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start")
        return self

    def url(self, user: str = SUPERUSER, database: str = "postgres") -> str:
        """Libpq URL of ``database`` as ``user``."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def provision(
        self, database: str = DATABASE, owner: str = OWNER_ROLE, app: str = APP_ROLE
    ) -> None:
        """What the DBA does once (docs/deploy.md): an owner role that owns the database,
        an app role, the database and the PostGIS extension in it."""
        with psycopg.connect(self.url(), autocommit=True) as conn:
            for role in (owner, app):
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(database), sql.Identifier(owner)
                )
            )
        with psycopg.connect(self.url(database=database), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION postgis")

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        if self.folder is None:
            return
        try:
            if (self.folder / "data" / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self) -> TempCluster:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
