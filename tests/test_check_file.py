"""``python -m geo check-file``: exit 0 with a report for good files, 2 with one line for bad."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def check_file(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", "check-file", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def good_csv(tmp_path) -> Path:
    path = tmp_path / "enterprises.csv"
    path.write_bytes("名称,经度,纬度\n甲公司,113.39,22.52\n乙公司,,\n".encode("gbk"))
    return path


def test_good_file_reports_in_chinese(good_csv):
    result = check_file(str(good_csv))
    assert result.returncode == 0, result.stderr
    assert "格式：CSV" in result.stdout
    assert "要素：2" in result.stdout
    assert "第 2 行" in result.stdout
    assert "GBK" in result.stdout
    assert result.stderr == ""


def test_good_file_reports_in_english_with_declared_crs(good_csv):
    result = check_file(str(good_csv), "--lang", "en", "--crs", "EPSG:4490", "--encoding", "gbk")
    assert result.returncode == 0, result.stderr
    assert "Format: CSV" in result.stdout
    assert "CRS: EPSG:4490" in result.stdout
    assert "declared coordinate system EPSG:4490" in result.stdout


def test_bad_file_one_line_in_each_language(tmp_path):
    path = tmp_path / "evil.kml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE k [<!ENTITY a "b">]><kml>&a;</kml>')
    zh = check_file(str(path))
    en = check_file(str(path), "--lang", "en")
    assert zh.returncode == en.returncode == 2
    assert zh.stdout == en.stdout == ""
    assert len(zh.stderr.strip().splitlines()) == len(en.stderr.strip().splitlines()) == 1
    assert "DTD" in zh.stderr and "安全" in zh.stderr
    assert "refused for safety" in en.stderr
    assert "Traceback" not in zh.stderr + en.stderr


def test_missing_file_and_unknown_column(tmp_path, good_csv):
    missing = check_file(str(tmp_path / "nope.csv"), "--lang", "en")
    assert missing.returncode == 2
    assert missing.stderr.strip().startswith("Cannot open the file")
    column = check_file(str(good_csv), "--name-column", "地址", "--lang", "en")
    assert column.returncode == 2
    assert "no column '地址'" in column.stderr and "名称" in column.stderr
