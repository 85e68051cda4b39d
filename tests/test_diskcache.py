"""The disk cache (issue 18): a fresh process reads what an earlier one computed, keyed by
the inputs' bytes, and a corrupt or stale entry is recomputed."""

from __future__ import annotations

import pytest

import geo.gazetteer
from geo import diskcache
from geo.gazetteer import GazetteerError, load_gazetteer
from geo.provenance import DEFAULT_PLANS_DIR
from tests.conftest import needs_plans


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "gba-layout-map"


def test_value_is_computed_once_and_read_back(cache_home):
    calls = []

    def compute():
        calls.append(1)
        return {"outline": [1.5, 2.5]}

    assert diskcache.cached("demo", "k1", compute) == {"outline": [1.5, 2.5]}
    assert diskcache.cached("demo", "k1", compute) == {"outline": [1.5, 2.5]}
    assert len(calls) == 1
    assert len(list(cache_home.glob("demo-*.pickle"))) == 1
    diskcache.cached("demo", "k2", compute)  # another key: computed again
    assert len(calls) == 2


def test_corrupt_entry_is_recomputed(cache_home):
    diskcache.cached("demo", "k", lambda: "first")
    (entry,) = cache_home.glob("demo-*.pickle")
    entry.write_bytes(b"\x80\x05not a pickle")
    assert diskcache.cached("demo", "k", lambda: "again") == "again"
    assert diskcache.cached("demo", "k", lambda: "third") == "again"


def test_unwritable_cache_still_computes(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert diskcache.cached("demo", "k", lambda: 42) == 42


def test_old_entries_are_pruned(cache_home):
    for i in range(diskcache.KEEP + 3):
        diskcache.cached("demo", f"k{i}", lambda: 0)
    assert len(list(cache_home.glob("demo-*.pickle"))) == diskcache.KEEP


def test_files_digest_follows_the_bytes(tmp_path):
    (tmp_path / "a.csv").write_text("x\n1\n")
    before = diskcache.files_digest([tmp_path])
    (tmp_path / "a.csv").write_text("x\n2\n")
    assert diskcache.files_digest([tmp_path]) != before


@needs_plans
def test_gazetteer_is_read_from_cache_and_an_edit_revalidates(cache_home, data_copy, monkeypatch):
    first = load_gazetteer(data_copy.root, DEFAULT_PLANS_DIR)
    real = geo.gazetteer.validate_tables

    def no_validation(*args):
        raise AssertionError("validated although the files did not change")

    monkeypatch.setattr(geo.gazetteer, "validate_tables", no_validation)
    again = load_gazetteer(data_copy.root, DEFAULT_PLANS_DIR)
    assert again.places.equals(first.places)
    assert again.structures.geometry.geom_equals(first.structures.geometry).all()

    monkeypatch.setattr(geo.gazetteer, "validate_tables", real)
    data_copy.set("places.csv", 0, "kind", "castle")
    with pytest.raises(GazetteerError, match="castle"):
        load_gazetteer(data_copy.root, DEFAULT_PLANS_DIR)
    with pytest.raises(GazetteerError, match="castle"):  # the problems are cached too
        monkeypatch.setattr(geo.gazetteer, "validate_tables", no_validation)
        load_gazetteer(data_copy.root, DEFAULT_PLANS_DIR)
