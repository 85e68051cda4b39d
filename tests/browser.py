"""Helpers for real-browser tests: run the Streamlit app on loopback as the README starts it
and drive Debian's Chromium with Playwright, every non-loopback request blocked, recorded
and failing the test."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def chromium_path() -> str | None:
    """Path of the system Chromium, or ``None`` when it is not installed."""
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


def free_port() -> int:
    """An unused TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(script: str) -> list[str]:
    """``streamlit run script``: the README's command, with no option of its own; whatever
    the app needs (usage statistics off, static files) comes from ``.streamlit/config.toml``.
    """
    return [sys.executable, "-m", "streamlit", "run", script]


def streamlit_env(port: int, env: dict | None = None) -> dict[str, str]:
    """The environment of a test server: loopback ``port``, no browser opened, and none of
    the caller's ``STREAMLIT_*`` settings (so the checked-in config is what runs)."""
    own = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    return {
        **own,
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_SERVER_HEADLESS": "true",
        **(env or {}),
    }


def wait_healthy(proc: subprocess.Popen, url: str, timeout: float) -> None:
    """Wait until the Streamlit server at ``url`` answers its health check."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stdout.read().decode(errors="replace"))
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError("streamlit did not become healthy")


def start_app(script: str = "app.py", env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run script`` on a free loopback port; return the process and URL."""
    port = free_port()
    proc = subprocess.Popen(
        streamlit_command(script),
        cwd=ROOT,
        env=streamlit_env(port, env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    return proc, f"http://127.0.0.1:{port}"


def stop_app(proc: subprocess.Popen) -> None:
    """Terminate a server started by :func:`start_app` (kill it after 10 s)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def running_app(script: str = "app.py", env: dict | None = None, timeout: float = 90):
    """Run ``streamlit run script`` on a free loopback port; yield its base URL."""
    proc, url = start_app(script, env)
    try:
        wait_healthy(proc, url, timeout)
        yield url
    finally:
        stop_app(proc)


@dataclass
class RequestLog:
    """URLs the page asked for, split into loopback ones and blocked outside ones."""

    local: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def is_loopback(url: str) -> bool:
    """Whether ``url`` is served from this machine (or inline: data:, blob:, about:, file:)."""
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome-extension", "file"):
        return True
    return parsed.hostname in LOOPBACK_HOSTS


def loopback_only(context, log: RequestLog, outside=None) -> None:
    """Route every request of a Playwright ``context``: loopback ones go through, outside
    ones are recorded in ``log`` and aborted, or answered by ``outside(route)`` when given.
    """

    def route(route_obj):
        url = route_obj.request.url
        if is_loopback(url):
            log.local.append(url)
            route_obj.continue_()
        else:
            log.blocked.append(url)
            (outside or (lambda r: r.abort()))(route_obj)

    context.route("**/*", route)


@contextmanager
def offline_page(width: int = 1600, height: int = 1000):
    """A Playwright page in headless Chromium where only loopback requests go through.

    Yields ``(page, log)``; ``log`` records every request. A request that tried to leave
    the machine fails the test when the page closes.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": width, "height": height})
        log = RequestLog()
        loopback_only(context, log)
        page = context.new_page()
        try:
            yield page, log
        finally:
            browser.close()
        assert not log.blocked, f"requests left the machine: {log.blocked[:5]}"


def map_frame(page, timeout: float = 60_000):
    """The iframe of the st_folium component once Leaflet has drawn the map in it."""
    page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=timeout)
    frame = page.frame_locator("iframe[title*='streamlit_folium']")
    frame.locator(".leaflet-container").wait_for(timeout=timeout)
    return frame


def section_button(page, name: str):
    """The button of the page section ``name`` (地图, 表格, 指标对比, … in the switcher above
    the map), as a user finds it."""
    return page.locator(".st-key-tab").get_by_role("radio", name=name, exact=True)
