"""Uploads under load: what each hostile file costs the isolated reader, and the server's
memory over upload/remove cycles (issue 16).

``python -m bench.uploads hostile [FOLDER]`` reads every file of the hostile corpus
(tests/hostile.py, written to FOLDER or a temporary folder) through
:func:`geo.upload.worker.read_measured` with the default budgets and prints one row per
file: wall-clock and CPU seconds, the reader's peak RSS and the outcome.

``python -m bench.uploads cycles [N]`` starts the app as the README does, uploads a 5 MB
CSV in headless Chromium, waits for its layer in the legend, removes it, N times (10 by
default), and prints the server's RSS before, after each cycle and at the end. The target:
back within 10 % of the RSS after the first page load.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests import hostile
from tests.browser import (
    CHROMIUM_FLAGS,
    RequestLog,
    chromium_path,
    loopback_only,
    start_app,
    stop_app,
    wait_healthy,
)

_MB = 2**20
NOTE = "备注" * 60
"""A long text column: 5 MB of CSV in about 13,000 rows (what an enterprise list with
descriptions looks like), so that a cycle measures memory rather than drawing speed."""


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def hostile_table(folder: Path) -> list[str]:
    """One line per hostile file: size, wall, CPU, peak RSS of the reader, outcome."""
    from geo.gazetteer import load_gazetteer
    from geo.upload.errors import UploadError
    from geo.upload.worker import budget_from_env, read_measured

    gz = load_gazetteer()
    budget = budget_from_env()
    lines = [
        f"budget: wall {budget.wall_s:g} s, CPU {budget.cpu_s} s, memory {budget.memory_mb} MB",
        f"{'file':22} {'size MB':>8} {'wall s':>7} {'CPU s':>6} {'RSS MB':>7}  outcome",
    ]
    for name, path in hostile.write_all(folder).items():
        result, usage = read_measured(path.read_bytes(), path.name, gz, budget=budget)
        if isinstance(result, UploadError):
            outcome = f"{result.code}: {result.message('en')[:70]}"
        else:
            outcome = f"read, {len(result.frame)} rows, findings: " + ", ".join(
                sorted({f.code for f in result.findings if f.severity != "info"})
            )
        size = path.stat().st_size / _MB
        lines.append(
            f"{name:22} {size:8.2f} {usage.wall_s:7.1f} {usage.cpu_s:6.1f} "
            f"{usage.max_rss_mb:7.0f}  {outcome}"
        )
        print(lines[-1], flush=True)
    return lines


def _csv(size: int) -> bytes:
    rows = []
    total, i = 0, 0
    while total < size:
        row = f"企业{i},{113 + (i % 997) / 2000:.6f},{22.3 + (i % 991) / 2000:.6f},{NOTE}{i:08d}\n"
        rows.append(row)
        total += len(row.encode())
        i += 1
    return ("name,lon,lat,note\n" + "".join(rows)).encode()


def cycles(count: int) -> list[str]:
    """Upload and remove a 5 MB CSV ``count`` times; the server's RSS along the way."""
    from playwright.sync_api import sync_playwright

    data = _csv(5 * _MB)
    proc, url = start_app()
    lines = []
    try:
        wait_healthy(proc, url, 120)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            log = RequestLog()
            loopback_only(context, log)
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=120_000)
            time.sleep(5)
            start = rss_mb(proc.pid)
            print(f"after first page load: {start:.0f} MB", flush=True)
            lines.append(f"after first page load: {start:.0f} MB")
            sidebar = page.locator("[data-testid='stSidebar']")
            for cycle in range(1, count + 1):
                if not sidebar.locator("[data-testid='stFileUploader']").is_visible():
                    sidebar.get_by_text("我的数据", exact=True).first.click()
                t0 = time.monotonic()
                sidebar.locator(
                    "[data-testid='stFileUploader'] input[type='file']"
                ).set_input_files(
                    files=[{"name": "enterprises.csv", "mimeType": "text/csv", "buffer": data}]
                )
                legend = page.locator(".gba-legend-row").filter(has_text="enterprises")
                legend.wait_for(timeout=180_000)
                loaded = time.monotonic() - t0
                peak = rss_mb(proc.pid)
                remove = sidebar.get_by_label("Remove enterprises.csv")
                if not remove.is_visible():
                    sidebar.get_by_text("我的数据", exact=True).first.click()
                remove.click()
                legend.wait_for(state="detached", timeout=120_000)
                time.sleep(2)
                lines.append(
                    f"cycle {cycle:2}: read and drawn in {loaded:5.1f} s, RSS with the layer "
                    f"{peak:.0f} MB, after removing it {rss_mb(proc.pid):.0f} MB"
                )
                print(lines[-1], flush=True)
            end = rss_mb(proc.pid)
            change = 100 * (end - start) / start
            lines.append(f"end: {end:.0f} MB ({change:+.1f} % from the first page load)")
            browser.close()
            if log.blocked:
                lines.append(f"requests that tried to leave the machine: {log.blocked[:3]}")
    finally:
        stop_app(proc)
    return lines


def main(argv: list[str]) -> None:
    """``hostile [FOLDER]`` or ``cycles [N]``."""
    command = argv[0] if argv else "hostile"
    if command == "hostile":
        if len(argv) > 1:
            lines = hostile_table(Path(argv[1]))
        else:
            with tempfile.TemporaryDirectory(prefix="gba-hostile-") as folder:
                lines = hostile_table(Path(folder))
    else:
        lines = cycles(int(argv[1]) if len(argv) > 1 else 10)
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
