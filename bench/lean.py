"""Server-side figures of issue 18: peak RSS of the server and the Python run of a rerun.

Usage::

    python -m bench.lean rss [--sizes 0,100000] [--reruns 4]
    python -m bench.lean script [--sizes 0,100000]
    python -m bench.lean rerun [--sizes 0,10000] [--repeat 3]

- **rss**: for each size (0: the default data; N: ``data/`` plus N synthetic places from
  :func:`bench.synth.write_data_dir`), the disk cache is filled by one start of the app,
  then a fresh ``streamlit run app.py`` is opened in headless Chromium; the server's
  ``VmRSS`` and ``VmHWM`` (peak) are read after the map's first paint and again after
  ``--reruns`` filter and language changes.
- **script**: the page script's own memory, without Streamlit's server and transport:
  a fresh Python process (disk cache filled by one before it) imports the app's modules,
  then runs the page once with ``AppTest``; its ``VmRSS`` after the imports, after the
  run, and its peak.
- **rerun**: the page script run in this process by Streamlit's ``AppTest`` (no browser,
  no transport): milliseconds of one run after a language change, a filter change and a
  strategy pick, each done and undone ``--repeat`` times (median).

Prints one table per mode; no figure is asserted.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import write_data_dir  # noqa: E402
from geo.tables import DEFAULT_DATA_DIR, read_table  # noqa: E402
from tests.browser import ROOT  # noqa: E402


def data_dir(size: int, work: Path) -> Path:
    """The default data folder (``size`` 0), else a synthetic one in ``work``."""
    return DEFAULT_DATA_DIR if size == 0 else write_data_dir(work / f"data-{size}", size)


def status_mb(pid: int) -> tuple[float, float]:
    """``VmRSS`` and ``VmHWM`` of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def server_rss(folder: Path, reruns: int, timeout_s: float = 300) -> dict[str, float]:
    """RSS and peak RSS of a fresh server after first paint and after ``reruns`` reruns."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from bench import pages
    from bench.run import KIND_LABEL, KIND_OPTION, LANG_LABEL
    from geo.texts import LANGUAGE_NAMES
    from tests.browser import RequestLog, loopback_only, start_app, stop_app, wait_healthy

    expected = len(read_table(folder / "places.csv"))
    spec = pages.PageSpec("ours", "app.py", pages.OURS_COUNT, expected)
    env = {"GBA_DATA_DIR": str(folder)}
    out: dict[str, float] = {}
    with sync_playwright() as playwright:
        browser = pages.launch_browser(playwright)
        for fill in (True, False):  # the first start fills the disk cache
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            page = context.new_page()
            loopback_only(context, RequestLog(), pages.Meter(context, page).serve_outside)
            proc, url = start_app("app.py", env)
            try:
                wait_healthy(proc, url, timeout_s)
                begin = time.perf_counter()
                page.goto(url, wait_until="commit")
                pages._wait_count(page, spec.count_js, expected, timeout_s)
                if fill:
                    continue
                out["paint_s"] = time.perf_counter() - begin
                page.wait_for_timeout(1500)
                out["rss_paint"], out["hwm_paint"] = status_mb(proc.pid)
                steps = [
                    pages.Step("filter", lambda p: pages._filter(p, KIND_LABEL, KIND_OPTION)),
                    pages.Step("filter", lambda p: pages._filter(p, KIND_LABEL, None)),
                    pages.Step("lang", pages.click_radio(LANG_LABEL, LANGUAGE_NAMES["en"])),
                    pages.Step("lang", pages.click_radio(LANG_LABEL, LANGUAGE_NAMES["zh"])),
                ]
                for i in range(reruns):
                    try:
                        pages.run_step(page, spec, steps[i % len(steps)], timeout_s)
                    except AttributeError:  # a language switch redraws the tabs: no frame
                        page.wait_for_selector(pages.FRAME, timeout=timeout_s * 1000)
                    except PlaywrightError as exc:
                        print(f"  rerun {i}: {str(exc).splitlines()[0][:100]}", flush=True)
                page.wait_for_timeout(1500)
                out["rss_reruns"], out["hwm_reruns"] = status_mb(proc.pid)
            finally:
                stop_app(proc)
                context.close()
        browser.close()
    return out


def _script_once(folder: Path) -> None:
    """Print, as JSON, this process's RSS after the app's imports and after one page run."""
    from streamlit.testing.v1 import AppTest

    for node in ast.parse((ROOT / "app.py").read_text(encoding="utf-8")).body:
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        names += [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        for name in names:
            importlib.import_module(name)  # what the page imports, before it runs
    os.environ["GBA_DATA_DIR"] = str(folder)
    imported, _ = status_mb(os.getpid())
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    ran, peak = status_mb(os.getpid())
    print(json.dumps({"imports": imported, "run": ran, "peak": peak}))


def script_memory(folder: Path) -> dict[str, float]:
    """:func:`_script_once` in a fresh process, after one that fills the disk cache."""
    command = [sys.executable, "-m", "bench.lean", "script-once", "--data", str(folder)]
    for _ in range(2):
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _key(at, kind: str, name: str) -> str:
    """Key of the ``kind`` widget bound to the view field ``name`` (with or without the
    language in it)."""
    for widget in getattr(at, kind):
        if widget.key and widget.key.split(".")[0] == f"w_{name}":
            return widget.key
    raise LookupError(f"no {kind} bound to {name}")


def python_reruns(folder: Path, repeat: int) -> dict[str, float]:
    """Median ms of the page script run after each change, run by ``AppTest``."""
    from streamlit.testing.v1 import AppTest

    os.environ["GBA_DATA_DIR"] = str(folder)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    at.run()
    strategy = read_table(folder / "structures.csv")["structure_id"].iloc[0]

    def lang(value: str) -> Callable:
        return lambda: at.radio(key=_key(at, "radio", "lang")).set_value(value).run()

    def kinds(value: list) -> Callable:
        return lambda: at.multiselect(key=_key(at, "multiselect", "kinds")).set_value(value).run()

    def pick(value: str) -> Callable:
        return lambda: at.selectbox(key=_key(at, "selectbox", "strategy")).set_value(value).run()

    changes = {
        "language": (lang("en"), lang("zh")),
        "filter": (kinds(["university"]), kinds([])),
        "strategy": (pick(strategy), pick("")),
    }
    out = {}
    for name, (do, undo) in changes.items():
        times = []
        for _ in range(repeat):
            for act in (do, undo):
                begin = time.perf_counter()
                act()
                times.append((time.perf_counter() - begin) * 1000)
                if at.exception:
                    raise RuntimeError(at.exception[0].message)
        out[name] = statistics.median(times)
    return out


def main() -> None:
    """Measure and print the figures of the chosen mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("rss", "script", "rerun", "script-once"))
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default=None)
    parser.add_argument("--reruns", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.mode == "script-once":
        _script_once(args.data)
        return
    sizes = [int(s) for s in (args.sizes or ("0,10000" if args.mode == "rerun" else "0,100000"))
             .split(",")]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        for size in sizes:
            folder = data_dir(size, Path(tmp))
            label = "default" if size == 0 else f"+{size:,}"
            if args.mode == "rss":
                f = server_rss(folder, args.reruns)
                print(
                    f"{label:>9}: paint {f['paint_s']:.1f} s | after paint RSS "
                    f"{f['rss_paint']:.0f} MB, peak {f['hwm_paint']:.0f} MB | after "
                    f"{args.reruns} reruns RSS {f['rss_reruns']:.0f} MB, peak "
                    f"{f['hwm_reruns']:.0f} MB",
                    flush=True,
                )
            elif args.mode == "script":
                f = script_memory(folder)
                print(
                    f"{label:>9}: page script in-process: RSS after imports {f['imports']:.0f} MB,"
                    f" after the first run {f['run']:.0f} MB, peak {f['peak']:.0f} MB",
                    flush=True,
                )
            else:
                f = python_reruns(folder, args.repeat)
                shown = ", ".join(f"{name} {ms:.0f} ms" for name, ms in f.items())
                print(f"{label:>9}: Python run per rerun (median): {shown}", flush=True)


if __name__ == "__main__":
    main()
