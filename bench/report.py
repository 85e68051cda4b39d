"""The benchmark's tables: ours against the naive baseline, the targets, and scaling."""

from __future__ import annotations

import math
import os
import platform
import subprocess
from dataclasses import dataclass
from importlib.metadata import version


@dataclass
class Row:
    """One figure: ours, the baseline's, and the target it is held to (if any)."""

    name: str
    unit: str
    ours: float | None
    naive: float | None
    target: float | None = None
    target_text: str = ""
    lower_is_better: bool = True
    naive_at_least: bool = False  # the baseline timed out: ``naive`` is a lower bound

    @property
    def ratio(self) -> float | None:
        """Baseline ÷ ours (how many times better we are)."""
        if self.ours in (None, 0) or self.naive is None:
            return None
        return self.naive / self.ours

    @property
    def met(self) -> str:
        """Whether the target is met: ``yes``, ``NO``, or empty without a target."""
        if self.target is None:
            return ""
        if self.ours is None:
            return "NO"
        ok = self.ours <= self.target if self.lower_is_better else self.ours >= self.target
        return "yes" if ok else "NO"


def fmt(value: float | None, unit: str = "") -> str:
    """A figure with sensible digits; ``—`` when missing."""
    if value is None:
        return "—"
    if unit == "×":
        return f"{value:.1f}×"
    digits = 0 if abs(value) >= 100 else (1 if abs(value) >= 10 else 2)
    return f"{value:,.{digits}f}"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def figures_table(rows: list[Row]) -> str:
    """Ours, baseline, ratio, target and whether it is met, one line per figure."""
    body = [
        [
            f"{r.name} ({r.unit})",
            fmt(r.ours),
            ("> " if r.naive_at_least else "") + fmt(r.naive),
            ("> " if r.naive_at_least and r.ratio else "") + fmt(r.ratio, "×"),
            r.target_text or "",
            r.met,
        ]
        for r in rows
    ]
    return markdown_table(["figure", "ours", "naive", "naive ÷ ours", "target", "met?"], body)


def growth(sizes: list[int], values: list[float | None]) -> str:
    """Exponent ``b`` of ``value ∝ N^b`` between the smallest and largest N measured."""
    pairs = [(n, v) for n, v in zip(sizes, values, strict=True) if v]
    if len(pairs) < 2:
        return "—"
    (n0, v0), (n1, v1) = pairs[0], pairs[-1]
    return f"N^{math.log(v1 / v0) / math.log(n1 / n0):.2f}"


def machine() -> str:
    """Cores, RAM, OS, Python, Chromium and library versions of this machine."""
    with open("/proc/meminfo", encoding="ascii") as info:
        ram_kb = int(info.readline().split()[1])
    chromium = subprocess.run(
        ["chromium", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"- CPU: {os.cpu_count()} cores ({platform.machine()}), RAM {ram_kb / 1024 / 1024:.1f} GB, "
        f"{platform.platform()}\n"
        f"- Python {platform.python_version()}, Streamlit {version('streamlit')}, "
        f"streamlit-folium {version('streamlit-folium')}, folium {version('folium')}\n"
        f"- Browser: {chromium or 'chromium'} (headless, Playwright), cold cache per page\n"
        f"- Load average when the run ended: {load}"
    )
