"""Measuring one Streamlit map page in headless Chromium: cold start to first paint,
bytes transferred, filter rerun latency and the server's peak RSS.

Definitions (also in ``docs/benchmarks.md``):

- **first paint**: wall time from launching ``streamlit run`` to the first animation frame
  in which the map iframe holds every expected place marker (our canvas layer reports
  the count; the naive page has one ``.leaflet-marker-icon`` per place, the floor its
  one circle), measured in a fresh browser context (cold cache).
- **payload**: bytes the page received until then plus 1.5 s of quiet: HTTP responses
  (``encodedDataLength`` from the Chrome DevTools protocol) plus WebSocket frames, plus
  the bytes of outside assets served from local copies.
- **rerun**: time from choosing or removing a kind in the sidebar filter to the animation
  frame in which the map shows the new number of places.
- **peak RSS**: ``VmHWM`` of the Streamlit server process after all of the above.
"""

from __future__ import annotations

import base64
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from tests.browser import (
    CHROMIUM_FLAGS,
    RequestLog,
    chromium_path,
    loopback_only,
    section_button,
    start_app,
    stop_app,
    wait_healthy,
)

FRAME = "iframe[title*='streamlit_folium']"
LEAFLET_DIR = Path(__import__("xstatic.pkg.leaflet", fromlist=["BASE_DIR"]).BASE_DIR)
DEBIAN_JQUERY = Path("/usr/share/javascript/jquery/jquery.min.js")
"""Debian's jQuery (package libjs-jquery): folium's popups need it."""

OURS_COUNT = """() => {
  const G = window.GBA;
  if (!G || !G.placeLayers || !document.querySelector('.leaflet-overlay-pane canvas')) return -1;
  return G.placeLayers.filter(l => l._map && !l.isProjects)
    .reduce((s, l) => s + (l.count ? l.count() : l.getLayers().length), 0);
}"""
NAIVE_COUNT = """() => {
  const icons = document.querySelectorAll('.leaflet-marker-icon');
  return icons.length && icons[0].complete && icons[0].naturalWidth ? icons.length : -1;
}"""
FLOOR_COUNT = """() => document.querySelectorAll('path.leaflet-interactive').length"""


@dataclass(frozen=True)
class PageSpec:
    """One page to measure: the script, its data and how to read its marker count."""

    name: str
    script: str
    count_js: str
    expected: int
    env: dict = field(default_factory=dict)
    kind_label: str = ""  # sidebar filter to change for reruns ("" = no rerun test)
    kind_option: str = ""
    kind_expected: int = 0
    reruns: dict = field(default_factory=dict)  # name -> (do Step, undo Step), timed in turn
    journey: tuple = ()  # Steps of the scripted journey, timed once each in order


@dataclass
class PageRun:
    """Figures of one page run; ``error`` says why a figure is missing."""

    first_paint_ms: float | None = None
    payload_bytes: int | None = None
    rerun_ms: list[float] = field(default_factory=list)
    step_ms: dict[str, list[float]] = field(default_factory=dict)
    journey_ms: list[float] = field(default_factory=list)
    journey_steps: int = 0  # steps the journey has (all must finish for a total)
    peak_rss_mb: float | None = None
    stubbed: set[str] = field(default_factory=set)
    error: str = ""

    @property
    def rerun_median_ms(self) -> float | None:
        """Median rerun latency, or ``None`` when none was measured."""
        return statistics.median(self.rerun_ms) if self.rerun_ms else None

    def step_median_ms(self, name: str) -> float | None:
        """Median latency of the rerun ``name`` (language, strategy …), if measured."""
        values = self.step_ms.get(name)
        return statistics.median(values) if values else None

    @property
    def journey_total_ms(self) -> float | None:
        """Total time of the scripted journey, if every step finished."""
        done = self.journey_ms and len(self.journey_ms) == self.journey_steps
        return sum(self.journey_ms) if done else None


def peak_rss_mb(pid: int) -> float:
    """Peak resident set size (``VmHWM``) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def local_copy(url: str) -> tuple[bytes, str] | None:
    """Body and content type of a local copy of an outside asset (Leaflet, jQuery), if any.

    folium's icon path lacks a slash (``…/distmarker-icon.png``), so images are matched
    by the end of the name.
    """
    if "jquery" in url and DEBIAN_JQUERY.is_file():
        return DEBIAN_JQUERY.read_bytes(), "text/javascript"
    if "leaflet@" not in url:
        return None
    name = url.rsplit("/", 1)[-1]
    candidates = [LEAFLET_DIR / name, *(LEAFLET_DIR / "images").iterdir()]
    path = next((c for c in candidates if c.is_file() and name.endswith(c.name)), None)
    if path is None:
        return None
    kind = {"js": "text/javascript", "css": "text/css", "png": "image/png"}[path.suffix[1:]]
    return path.read_bytes(), kind


class Meter:
    """Counts bytes a page receives over HTTP and WebSocket through the DevTools protocol."""

    def __init__(self, context, page):
        self.bytes = 0
        self.stubbed: set[str] = set()
        session = context.new_cdp_session(page)
        session.on("Network.loadingFinished", self._http)
        session.on("Network.webSocketFrameReceived", self._frame)
        session.send("Network.enable")

    def _http(self, event: dict) -> None:
        self.bytes += int(event.get("encodedDataLength", 0))

    def _frame(self, event: dict) -> None:
        frame = event["response"]
        data = frame.get("payloadData", "")
        self.bytes += len(base64.b64decode(data)) if frame.get("opcode") == 2 else len(data)

    def serve_outside(self, route) -> None:
        """Answer an outside request from a local copy (counted), else with an empty body."""
        url = route.request.url
        found = local_copy(url)
        if found is None:
            self.stubbed.add(url)
            kind = "text/css" if url.endswith(".css") else "text/javascript"
            route.fulfill(status=200, body="/* not served offline */", content_type=kind)
            return
        body, kind = found
        self.bytes += len(body)
        route.fulfill(status=200, body=body, content_type=kind)


def map_frame(page, timeout_s: float = 30):
    """The map's frame, looked up again while the page rebuilds it (a language switch renames
    the tabs, and Streamlit replaces the frame inside them)."""
    deadline = time.monotonic() + timeout_s
    while True:
        element = page.query_selector(FRAME)
        frame = element.content_frame() if element is not None else None
        if frame is not None:
            return frame
        if time.monotonic() > deadline:
            raise TimeoutError(f"no map frame within {timeout_s:.0f} s")
        page.wait_for_timeout(50)


def _wait_count(page, spec_js: str, expected: int, timeout_s: float) -> None:
    """Wait (polling every animation frame) until the map frame draws ``expected`` places."""
    deadline = time.monotonic() + timeout_s
    page.wait_for_selector(FRAME, state="attached", timeout=timeout_s * 1000)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"map did not show {expected} places within {timeout_s:.0f} s")
        try:
            frame = map_frame(page)
            frame.wait_for_function(
                f"({spec_js})() === {expected}", polling="raf", timeout=left * 1000
            )
            return
        except Exception as exc:  # the iframe may navigate while we poll: poll again
            if "Timeout" in type(exc).__name__:
                raise TimeoutError(
                    f"map did not show {expected} places within {timeout_s:.0f} s"
                ) from exc


def _filter(page, label: str, option: str | None) -> float:
    """Choose ``option`` in the sidebar multiselect ``label`` (``None``: remove the last
    chosen); returns the ``perf_counter`` time of the click or key press that commits it.
    """
    box = (
        page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']")
        .filter(has=page.get_by_text(label, exact=True))
        .first
    )
    box.locator("input").click()
    if option is None:
        begin = time.perf_counter()
        page.keyboard.press("Backspace")
        return begin
    return _type_and_pick(page, option)


def _type_and_pick(page, option: str) -> float:
    """Type ``option`` into the open select box and click it; the ``perf_counter`` time of
    the click."""
    page.keyboard.type(option)
    choice = page.get_by_role("option", name=option, exact=True)
    choice.wait_for()
    begin = time.perf_counter()
    choice.click()
    return begin


WATCH_RUNS = """() => {
  if (window.__runs) return;
  window.__runs = [];
  const el = document.querySelector('[data-test-script-state]');
  new MutationObserver(() => window.__runs.push(
      [performance.now(), el.getAttribute('data-test-script-state')]))
    .observe(el, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
"""Records every change of the Streamlit page's script state (``running``, ``notRunning``)."""
RUN_DONE = """(since) => {
  let started = false;
  for (const [t, state] of window.__runs) {
    if (t < since) continue;
    if (state === 'running') started = true;
    else if (started) return true;
  }
  return false;
}"""
"""Whether a script run (the page's or a fragment's) started after ``since`` and ended."""


RUN_COUNT = """(caption) => {
  const shown = [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
    .map(e => e.textContent.trim()).find(t => t.startsWith(caption + ' '));
  return shown ? Number(shown.slice(caption.length + 1)) : null;
}"""
"""The run number a page shows in a caption ``<caption> N`` (the floor), or null."""


@dataclass(frozen=True)
class Step:
    """One user action and how to know it is done: the script run it starts has ended and,
    if ``count`` is given, the map shows that many places (``count_js`` of the page); if
    ``shows`` is given, that element is visible (a section without the map); else the map
    frame has painted its next frame."""

    name: str
    act: Callable  # act(page) -> perf_counter time of the committing click or key press
    count: int | None = None
    run_caption: str = ""  # the page counts its runs in a caption: done when it grows
    shows: str = ""  # CSS selector of what the step opens


def click_radio(label: str, option: str) -> Callable:
    """A Step action: pick ``option`` of the radio group labelled ``label``."""

    def act(page) -> float:
        group = page.locator("[data-testid='stRadio']").filter(
            has=page.get_by_text(label, exact=True)
        )
        choice = group.first.get_by_text(option, exact=True)
        choice.wait_for()
        begin = time.perf_counter()
        choice.click()
        return begin

    return act


def choose_select(label: str, option: str) -> Callable:
    """A Step action: pick ``option`` of the sidebar selectbox or multiselect ``label``."""

    def act(page) -> float:
        box = (
            page.locator(
                "[data-testid='stSidebar'] [data-testid='stSelectbox'], "
                "[data-testid='stSidebar'] [data-testid='stMultiSelect']"
            )
            .filter(has=page.get_by_text(label, exact=True))
            .first
        )
        box.locator("input").click()
        return _type_and_pick(page, option)

    return act


def click_tab(name: str) -> Callable:
    """A Step action: open the page section ``name`` (the switcher's button)."""

    def act(page) -> float:
        tab = section_button(page, name)
        begin = time.perf_counter()
        tab.click()
        return begin

    return act


def run_step(page, spec: PageSpec, step: Step, timeout_s: float) -> float:
    """Do ``step``; milliseconds from its committing click until it is done."""
    page.evaluate(WATCH_RUNS)
    since = page.evaluate("performance.now()")
    runs = page.evaluate(RUN_COUNT, step.run_caption) if step.run_caption else None
    begin = step.act(page)
    if runs is not None:
        page.wait_for_function(
            f"(n) => ({RUN_COUNT})({json.dumps(step.run_caption)}) > n",
            arg=runs, polling="raf", timeout=timeout_s * 1000,
        )  # fmt: skip
    else:
        page.wait_for_function(RUN_DONE, arg=since, polling="raf", timeout=timeout_s * 1000)
    if step.count is not None:
        _wait_count(page, spec.count_js, step.count, timeout_s)
    elif step.shows:
        page.locator(step.shows).first.wait_for(state="visible", timeout=timeout_s * 1000)
    else:  # the map frame's next animation frame: what the run changed is painted
        map_frame(page).evaluate("() => new Promise(r => requestAnimationFrame(() => r(0)))")
    ms = (time.perf_counter() - begin) * 1000
    page.keyboard.press("Escape")
    return ms


def measure_page(browser, spec: PageSpec, reruns: int, timeout_s: float = 120) -> PageRun:
    """Launch ``spec.script``, load it cold, time first paint, payload and reruns."""
    run = PageRun(journey_steps=len(spec.journey))
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    meter = Meter(context, page)
    loopback_only(context, RequestLog(), meter.serve_outside)
    start = time.perf_counter()
    proc, url = start_app(spec.script, spec.env)
    try:
        wait_healthy(proc, url, timeout_s)
        page.goto(url, wait_until="commit")
        _wait_count(page, spec.count_js, spec.expected, timeout_s)
        run.first_paint_ms = (time.perf_counter() - start) * 1000
        page.wait_for_timeout(1500)
        run.payload_bytes = meter.bytes
        if spec.kind_label:
            for i in range(reruns):
                page.wait_for_timeout(400)
                option = spec.kind_option if i % 2 == 0 else None
                begin = _filter(page, spec.kind_label, option)
                want = spec.kind_expected if option else spec.expected
                _wait_count(page, spec.count_js, want, timeout_s)
                run.rerun_ms.append((time.perf_counter() - begin) * 1000)
                page.keyboard.press("Escape")
        for name, (do, undo) in spec.reruns.items():
            for i in range(reruns):
                page.wait_for_timeout(400)
                step = do if i % 2 == 0 else undo
                run.step_ms.setdefault(name, []).append(run_step(page, spec, step, timeout_s))
        for step in spec.journey:
            page.wait_for_timeout(400)
            run.journey_ms.append(run_step(page, spec, step, timeout_s))
    except (TimeoutError, RuntimeError, PlaywrightError) as exc:
        run.error = str(exc).splitlines()[0][:120]
        if run.payload_bytes is None:
            run.payload_bytes = meter.bytes
    finally:
        if proc.poll() is None:
            run.peak_rss_mb = peak_rss_mb(proc.pid)
        stop_app(proc)
        context.close()
    run.stubbed = meter.stubbed
    return run


def launch_browser(playwright):
    """Debian's headless Chromium with the flags the tests use."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
