"""Data the map fetches once: JSON files the app serves statically, named by the hash of
their content, and the compact form in which a rerun says which of their rows are shown.

The app serves ``static/`` (``server.enableStaticServing``); a file written here is at
``app/static/points/<hash>.json``. The name changes whenever the content does, so the map
can keep what it fetched for as long as its page lives (see ``GBA.addPlaceView``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "points"
STATIC_URL = "app/static/points/"
"""Where the files are written, and their URL relative to the app's root."""
HASH_CHARS = 16
KEEP_DAYS = 7
"""Files of other content not written or used for this long are removed when a new one is
written (a server still using one writes it again: :func:`publish` on each page)."""


@dataclass(frozen=True)
class DataFile:
    """One written file: its content hash (the key the map caches it by), URL and path."""

    key: str
    url: str
    path: Path

    def text(self) -> str:
        """The file's JSON text."""
        return self.path.read_text(encoding="utf-8")


def publish(data: dict, folder: Path = STATIC_DIR) -> DataFile:
    """Write ``data`` as compact JSON to ``folder/<hash>.json``, atomically and only when
    no file of that content is there yet; the written file."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_CHARS]
    path = folder / f"{key}.json"
    if path.is_file():
        path.touch()
    else:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        _prune(folder, path)
    return DataFile(key, f"{STATIC_URL}{key}.json", path)


def _prune(folder: Path, keep: Path) -> None:
    """Remove the files of ``folder`` older than ``KEEP_DAYS``, but ``keep``."""
    oldest = time.time() - KEEP_DAYS * 86_400
    for old in folder.glob("*.json"):
        try:
            if old != keep and old.stat().st_mtime < oldest:
                old.unlink()
        except OSError:  # removed by another process meanwhile
            continue


def shown_code(mask: np.ndarray) -> dict:
    """Which rows are shown, in the shorter of two forms: ``{"r": runs}``, the lengths of
    alternating runs of hidden and shown rows starting with hidden ones (a filter keeps
    whole kinds or plans: few runs), or ``{"b": bits}``, one bit per row (row ``i`` is bit
    ``i % 8`` of byte ``i // 8``), base64."""
    mask = np.asarray(mask, dtype=bool)
    edges = np.flatnonzero(np.diff(mask.astype(np.int8))) + 1
    bounds = np.concatenate([[0], edges, [len(mask)]])
    runs = np.diff(bounds).tolist()
    if len(mask) and mask[0]:
        runs.insert(0, 0)
    bits = base64.b64encode(np.packbits(mask, bitorder="little").tobytes()).decode("ascii")
    as_runs = json.dumps(runs, separators=(",", ":"))
    return {"r": runs} if len(as_runs) <= len(bits) else {"b": bits}
