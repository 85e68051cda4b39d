"""The benchmark's report is written for any set of sizes asked (issue 18: ``--sizes 10000``
crashed when no size was small enough to be exported and printed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import build, pages, run


@pytest.fixture
def quick_build(monkeypatch):
    """Server figures without the minutes of real builds: each one a fixed figure."""
    monkeypatch.setattr(build, "load_seconds", lambda data_dir: (None, 1.0, 0.2))
    monkeypatch.setattr(build, "ours_build_seconds", lambda gz: 0.1)
    monkeypatch.setattr(build, "naive_build_seconds", lambda data_dir: (2.0, 1_000_000))
    monkeypatch.setattr(build, "export_print_seconds", lambda data_dir: (3.0, 4.0))
    monkeypatch.setattr(build, "naive_export_print_seconds", lambda data_dir: (5.0, 6.0))


def _page(paint: float) -> pages.PageRun:
    return pages.PageRun(first_paint_ms=paint, payload_bytes=3_000_000, rerun_ms=[200.0],
                         peak_rss_mb=300.0)  # fmt: skip


@pytest.mark.parametrize("sizes", [[10_000], [1_000, 10_000]])
def test_report_for_sizes(quick_build, tmp_path: Path, sizes: list[int]):
    dirs = {n: tmp_path / f"n{n}" for n in sizes}
    server = run.server_figures(dirs)
    assert set(server["files"]) == {"default", *[n for n in sizes if n <= run.FILES_MAX]}
    scaled = {n: {"ours": _page(6000.0), "naive": _page(60000.0), "empty_cache": _page(7000.0),
                  "floor": _page(4000.0)} for n in sizes}  # fmt: skip
    default = {"ours": _page(5000.0), "naive": _page(9000.0), "empty_cache": _page(6000.0),
               "floor": _page(4000.0)}  # fmt: skip
    out = tmp_path / "benchmarks.md"
    text = run.write_report(out, default, scaled, server, 60.0)
    assert out.read_text(encoding="utf-8").strip() == text.strip()
    if 1_000 in sizes:
        assert "Export and print with 1,000 synthetic places: gpkg 3.00 s" in text
    else:
        assert "Export and print were not run on synthetic places" in text
    assert "| 10k: first paint − floor (ms) | 2,000 |" in text
