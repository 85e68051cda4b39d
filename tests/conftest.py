"""Shared fixtures: a scratch copy of data/ that a test may break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from geo.provenance import DEFAULT_PLANS_DIR
from geo.tables import DEFAULT_DATA_DIR, read_table

PLANS_PRESENT = DEFAULT_PLANS_DIR.is_dir()
needs_plans = pytest.mark.skipif(not PLANS_PRESENT, reason="../shared/plans not present")


class DataCopy:
    """A writable copy of the data folder with small editing helpers."""

    def __init__(self, root: Path):
        self.root = root

    def table(self, name: str) -> pd.DataFrame:
        return read_table(self.root / name)

    def save(self, name: str, table: pd.DataFrame) -> None:
        table.to_csv(self.root / name, index=False, encoding="utf-8", lineterminator="\n")

    def set(self, name: str, row: int, column: str, value: str) -> None:
        """Set one cell; ``row`` is the 0-based data row (file line ``row + 2``)."""
        table = self.table(name)
        table.at[row, column] = value
        self.save(name, table)

    def row_where(self, name: str, column: str, value: str) -> int:
        table = self.table(name)
        return int(table.index[table[column] == value][0])


@pytest.fixture
def data_copy(tmp_path) -> DataCopy:
    root = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, root)
    return DataCopy(root)


@pytest.fixture(scope="session")
def gz():
    from geo.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def gis_export(tmp_path_factory, gz):
    """``get(format, crs)``: the data files (no sidecars) of ``export --layer all`` in that
    format and CRS, written on first use and shared by every test of the session."""
    from geo.export import export

    cache: dict[tuple[str, str], list[Path]] = {}

    def get(fmt: str, crs: str) -> list[Path]:
        if (fmt, crs) not in cache:
            folder = tmp_path_factory.mktemp(f"{fmt}-{crs.replace(':', '')}")
            out = folder / ("layout.gpkg" if fmt == "gpkg" else "layout")
            result = export(gz, "all", fmt, crs, out)
            cache[fmt, crs] = [p for p in result.files if not p.name.endswith(".meta.json")]
        return cache[fmt, crs]

    return get


from tests.pg import app_db, owner_db, pg_cluster  # noqa: E402, F401  (database fixtures)
