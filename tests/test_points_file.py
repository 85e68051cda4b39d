"""The places sent once: the file of every place's columns, named by its content, and the
small view a rerun sends instead (which rows are shown, language, labels, highlights)."""

from __future__ import annotations

import base64
import json
import os

import numpy as np
import pandas as pd
import pytest

from layers.datum import SHIFTS
from layers.places import place_columns, place_view, published_places
from layers.points_file import publish, shown_code


def decoded(code: dict, n: int) -> list[bool]:
    """Rows a shown code keeps, read as its docstring describes the two forms."""
    if "r" in code:
        rows: list[bool] = []
        for j, length in enumerate(code["r"]):
            rows += [j % 2 == 1] * length
        return rows
    bits = base64.b64decode(code["b"])
    return [bool(bits[i // 8] >> (i % 8) & 1) for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 300, 100_000])
def test_shown_codes_read_back_as_the_rows(n):
    rng = np.random.default_rng(n)
    for mask in (
        np.ones(n, bool),
        np.zeros(n, bool),
        rng.random(n) < 0.3,  # scattered: bits
        np.arange(n) % 1000 < 400,  # long runs: runs
    ):
        assert decoded(shown_code(mask), n) == mask.tolist()


def test_a_view_of_100k_places_stays_small():
    n = 100_000
    scattered = np.random.default_rng(1).random(n) < 0.5
    assert "b" in shown_code(scattered)
    assert len(json.dumps(shown_code(scattered))) < n / 6 + 100  # one bit a row, base64
    assert shown_code(np.ones(n, bool)) == {"r": [0, n]}


def test_the_file_is_named_by_its_content(tmp_path):
    first = publish({"a": [1, 2], "name": "港口镇"}, tmp_path)
    again = publish({"a": [1, 2], "name": "港口镇"}, tmp_path)
    other = publish({"a": [1, 3], "name": "港口镇"}, tmp_path)
    assert first == again and first.key != other.key
    assert json.loads(first.path.read_text(encoding="utf-8")) == {"a": [1, 2], "name": "港口镇"}
    assert first.url.endswith(f"{first.key}.json") and first.path.name == f"{first.key}.json"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [first.path.name, other.path.name]
    )  # no temporary file left


def test_the_file_holds_both_names_and_every_place(gz):
    data = place_columns(gz.places)
    assert data["id"] == gz.places.index.tolist()
    assert data["zh"] == gz.places["name_zh"].tolist()
    assert data["en"] == gz.places["name_en"].tolist()
    assert len(data["x"]) == len(data["y"]) == len(data["s"]) == len(data["z"]) == len(gz.places)
    assert all(row[3] in (True, False) for row in data["S"])  # the precision flag


def test_one_file_per_datum_made_once(gz):
    wgs = published_places(gz.places, SHIFTS["WGS84"])
    assert published_places(gz.places, SHIFTS["WGS84"]) == wgs
    assert published_places(gz.places, SHIFTS["GCJ-02"]).key != wgs.key


def test_the_view_shows_the_selected_rows_and_highlights_only_shown_ones():
    everything = pd.Index(["a", "b", "c", "d"])
    view = place_view(everything, pd.Index(["b", "d"]), "en", "both", frozenset({"a", "d"}))
    assert decoded(view["v"], 4) == [False, True, False, True]
    assert view["h"] == [3] and view["l"] == "en" and view["m"] == "both"
    with pytest.raises(ValueError):
        place_view(everything, pd.Index(["b", "e"]), "zh")


def test_old_files_of_other_content_are_removed(tmp_path):
    old = publish({"a": 1}, tmp_path)
    stale = old.path.stat().st_mtime - 8 * 86_400
    os.utime(old.path, (stale, stale))
    recent = publish({"a": 2}, tmp_path)
    assert not old.path.exists() and recent.path.exists()
    assert publish({"a": 1}, tmp_path).path.exists()  # written again when used again
