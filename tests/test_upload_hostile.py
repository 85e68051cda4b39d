"""Hostile files (issue 16, corpus in tests/hostile.py, written to a temporary folder): each
gives a message and no traceback, within the budgets, through the reader, the isolated
worker and ``check-file``; CSV exports cannot run formulas. Budgets here are small so that
breaches come fast; the default budgets are measured in bench/uploads.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyogrio
import pytest

from geo.csv_safe import csv_bytes, neutralised
from geo.upload.errors import UploadError
from geo.upload.export import export_user_layer
from geo.upload.layer import load_user_file
from geo.upload.safety import Limits
from geo.upload.worker import Budget, budget_from_env, read_isolated, read_measured
from tests import hostile

ROOT = Path(__file__).resolve().parents[1]
FAST = Budget(wall_s=8, cpu_s=6, memory_mb=600)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return hostile.write_all(folder, hostile.SMALL)


def codes(layer) -> dict[str, str]:
    return {f.code: f.severity for f in layer.findings}


def refusal(path: Path, gz, **options) -> UploadError:
    with pytest.raises(UploadError) as caught:
        load_user_file(path.read_bytes(), path.name, gz, **options)
    for lang in ("zh", "en"):
        assert caught.value.message(lang).strip() and "\n" not in caught.value.message(lang)
    return caught.value


def test_nested_collections_are_flattened_and_noted(corpus, gz):
    layer = load_user_file(corpus["nested_collection"].read_bytes(), "nested.geojson", gz)
    geometry = layer.frame.geometry.iloc[0]
    assert [g.geom_type for g in geometry.geoms] == ["Point", "LineString"]
    assert codes(layer)["collection_flattened"] == "info"


def test_a_cpg_that_lies_falls_back_to_detection_and_a_wrong_declared_encoding_is_refused(
    corpus, gz
):
    layer = load_user_file(corpus["gbk_with_utf8_cpg"].read_bytes(), "gbk.zip", gz)
    assert list(layer.frame["名称"]) == ["江门企业", "中山企业"]
    assert codes(layer)["encoding_cpg_wrong"] == "warning"
    error = refusal(corpus["gbk_with_utf8_cpg"], gz, encoding="utf-8")
    assert error.code == "decode_failed_declared"


def test_a_garbage_prj_is_named_and_a_declared_crs_reads_the_file(corpus, gz):
    assumed = load_user_file(corpus["garbage_prj"].read_bytes(), "bad_prj.zip", gz)
    assert "prj_unreadable" in codes(assumed) and "crs_assumed" not in codes(assumed)
    declared = load_user_file(
        corpus["garbage_prj"].read_bytes(), "bad_prj.zip", gz, crs="EPSG:4547"
    )
    assert declared.source_crs == "EPSG:4547" and "prj_unreadable" in codes(declared)
    x, y = declared.frame.geometry.iloc[0].coords[0]
    assert abs(x - 113.08) < 1e-6 and abs(y - 22.58) < 1e-6
    assert "out_of_range" not in codes(declared)


def test_small_defects_each_get_their_finding(corpus, gz):
    xlsx = load_user_file(corpus["formula_xlsx"].read_bytes(), "f.xlsx", gz)
    formulas = next(f for f in xlsx.findings if f.code == "xlsx_formulas")
    assert formulas.rows == (0,) and "=SUM(B2:C2)" in formulas.message("en")
    wkt = load_user_file(corpus["bad_wkt_cell"].read_bytes(), "wkt.csv", gz)
    assert [g is None for g in wkt.frame.geometry] == [False, True, False]
    assert next(f for f in wkt.findings if f.code == "wkt_unreadable").rows == (1,)
    rtl = load_user_file(corpus["rtl_name_csv"].read_bytes(), "rtl.csv", gz)
    assert rtl.labels == ("reportcod.exe",)
    assert rtl.frame["name"].iloc[0] == "report\u202ecod.exe"  # the data keeps it
    assert codes(rtl)["bidi_controls"] == "warning"
    nul = refusal(corpus["nul_byte_csv"], gz)
    assert nul.code == "nul_byte" and "Line 2" in nul.message("en")


def test_csv_exports_neutralise_formulas_and_keep_numbers(corpus, gz, tmp_path):
    cells = ["=1+1", "+1", "-3.5", "-x", "@A", "\tx", "a=b", "-", None]
    assert [neutralised(v) for v in cells] == [
        "'=1+1",
        "+1",
        "-3.5",
        "'-x",
        "'@A",
        "'\tx",
        "a=b",
        "-",
        None,
    ]
    layer = load_user_file(corpus["formula_csv"].read_bytes(), "formulas.csv", gz)
    raw = list(layer.frame["name"])
    assert raw[1] == "=cmd|' /C calc'!A0"
    for crs in ("EPSG:4326", "EPSG:4547"):
        _, data = export_user_layer(layer, "csv", crs)
        text = data.decode("utf-8-sig")
        assert "\"'=HYPERLINK(" in text and "'=cmd|" in text and "'@SUM(1)" in text, crs
        assert ",=" not in text and ',"=' not in text and "\n=" not in text, crs
        assert "'-3.5" not in text and "-3.5" in text and "'-x" in text, crs
    for fmt in ("gpkg", "geojson"):
        name, data = export_user_layer(layer, fmt)
        (tmp_path / name).write_bytes(data)
        back = pyogrio.read_dataframe(tmp_path / name)
        assert list(back["name"]) == raw, fmt  # the raw value, unchanged
    assert csv_bytes(layer.frame[["name"]]).decode("utf-8-sig").splitlines()[1].startswith("\"'=")


def test_budgets_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GBA_UPLOAD_BUDGET", "wall=5, cpu=4")
    assert budget_from_env() == Budget(wall_s=5, cpu_s=4, memory_mb=1024)
    monkeypatch.setenv("GBA_UPLOAD_BUDGET", "disk=5")
    with pytest.raises(ValueError, match="unknown key"):
        budget_from_env()


def test_the_worker_hands_back_the_layer_and_the_reader_refusals(corpus, gz):
    layer = read_isolated(corpus["nested_collection"].read_bytes(), "nested.geojson", gz)
    assert layer.frame.crs == "EPSG:4326" and "collection_flattened" in codes(layer)
    path = hostile.kmz_bomb(corpus["nested_collection"].parent, size=30 * 2**20)
    limits = Limits(max_unzipped_bytes=20 * 2**20)  # the default is 200 MB (README)
    bomb, usage = read_measured(path.read_bytes(), path.name, gz, limits=limits, budget=FAST)
    assert isinstance(bomb, UploadError) and bomb.code == "zip_too_big"
    assert usage.wall_s < FAST.wall_s


def test_a_recursive_view_is_stopped_by_the_time_budget(corpus, gz):
    start = time.monotonic()
    result, usage = read_measured(
        corpus["recursive_view"].read_bytes(), "recursive.gpkg", gz, budget=FAST
    )
    assert isinstance(result, UploadError) and result.code == "budget_time"
    assert "8 s" in result.message("en") or "6 s" in result.message("en")
    assert time.monotonic() - start < FAST.wall_s + 3


def test_a_huge_field_is_stopped_by_the_memory_budget(tmp_path, gz):
    path = hostile.long_field_csv(tmp_path, size=45 * 2**20)
    result, usage = read_measured(path.read_bytes(), path.name, gz, budget=FAST)
    assert isinstance(result, UploadError) and result.code == "budget_memory"
    assert "600 MB" in result.message("en") and usage.max_rss_mb < FAST.memory_mb


def check_file(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", "check-file", *args, "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_check_file_exit_codes_and_no_traceback(corpus):
    clean = check_file(str(corpus["nested_collection"]))
    assert clean.returncode == 0 and "flattened" in clean.stdout, clean.stderr
    errors = check_file(str(corpus["garbage_prj"]))  # read as lon/lat: out of range
    assert errors.returncode == 1 and "Errors (1)" in errors.stdout, errors.stderr
    slow = check_file(str(corpus["recursive_view"]), env={"GBA_UPLOAD_BUDGET": "wall=6,cpu=5"})
    assert slow.returncode == 2 and slow.stdout == ""
    assert slow.stderr.strip().startswith("Reading this file took longer than the")
    for result in (clean, errors, slow):
        assert "Traceback" not in result.stderr and "Warning" not in result.stderr


def test_check_file_killed_leaves_no_folder_and_no_reader(corpus, tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "geo", "check-file", str(corpus["recursive_view"])],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(scratch), "GBA_UPLOAD_BUDGET": "wall=60"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(scratch.glob("gba-reader-*/result.pkl*")) and time.monotonic() < deadline:
        if any((f / "reader.log").exists() for f in scratch.glob("gba-reader-*")):
            break
        time.sleep(0.1)
    assert any(scratch.iterdir()), "the reader never started"
    time.sleep(1)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=15)
    assert list(scratch.iterdir()) == []
    stderr = proc.stderr.read().decode()
    assert "Traceback" not in stderr
    children = subprocess.run(
        ["pgrep", "-f", f"geo.upload.worker {scratch}"], capture_output=True, text=True
    )
    assert children.stdout.strip() == ""


def test_the_shipped_config_sends_nothing_out_and_refuses_oversized_uploads():
    import tomllib

    from geo.upload.safety import DEFAULT_LIMITS

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["maxUploadSize"] * 2**20 == DEFAULT_LIMITS.max_bytes


def test_folders_of_killed_servers_are_swept_once_their_readers_are_gone(tmp_path, monkeypatch):
    import tempfile

    from geo.upload import worker

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old, fresh, other = (tmp_path / n for n in ("gba-reader-old", "gba-reader-new", "mine"))
    for folder in (old, fresh, other):
        folder.mkdir()
        (folder / "request.pkl").write_bytes(b"x")
    long_ago = time.time() - 3600
    for folder in (old, other):
        os.utime(folder, (long_ago, long_ago))
    worker._sweep(Budget(wall_s=60))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gba-reader-new", "mine"]
