"""Benchmark the slide print against a plain geopandas ``plot()`` of the same places.

Usage: ``.venv/bin/python bench/print.py [--size 1920x1080] [--scale 2] [--runs 3]``

Both draw the default view's places (the region, labels in Chinese) into a figure of the
same size and DPI and save a PNG; the baseline is ``places.plot(ax=...)`` with the basemap
outlines (``boundaries.simplified('land')``) and nothing else — no furniture, no names, no
pile-ups. Prints the median seconds of each and their ratio (target: ≤ 2).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from geo import boundaries  # noqa: E402
from geo.gazetteer import load_gazetteer  # noqa: E402
from layers.printing.furniture import parse_size  # noqa: E402
from layers.printing.render import PrintOptions, render_print  # noqa: E402
from viewmodel.scene import scene  # noqa: E402
from viewmodel.view import View  # noqa: E402


def plain_plot(places, size: str, scale: float, out: Path, land: bool) -> None:
    """The baseline: the places as geopandas draws them (over the land outlines when
    ``land``), saved as PNG."""
    width, height, dpi = parse_size(size, scale)
    fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
    if land:
        boundaries.simplified("land").plot(ax=ax, facecolor="#f7f4ee", edgecolor="#7b7d7d")
    places.plot(ax=ax, column="kind", markersize=40)
    ax.set_xlim(109.6, 117.4)
    ax.set_ylim(20.1, 25.6)
    fig.savefig(out, dpi=dpi)
    plt.close(fig)


def timed(action, runs: int) -> float:
    """Median seconds of ``runs`` calls of ``action`` (after one warm-up call)."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Time both, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--scale", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    gz = load_gazetteer()
    drawn = scene(gz, (), View(labels="zh"))
    options = PrintOptions(args.size, args.scale, True, "2026-12-03")
    with tempfile.TemporaryDirectory() as tmp:
        slide = timed(lambda: render_print(drawn, options, Path(tmp) / "slide.png"), args.runs)
        plain, with_land = (
            timed(
                lambda land=land: plain_plot(
                    drawn.places, args.size, args.scale, Path(tmp) / "plain.png", land
                ),
                args.runs,
            )
            for land in (False, True)
        )
    print(f"places: {len(drawn.places)}; {args.size} @{args.scale:g}×, median of {args.runs}")
    print(f"slide print:                      {slide:6.2f} s")
    print(f"geopandas plot(), places only:    {plain:6.2f} s  ratio {slide / plain:5.2f}")
    print(f"geopandas plot(), places on land: {with_land:6.2f} s  ratio {slide / with_land:5.2f}")
    print("target: ratio to the places-only plot ≤ 2")


if __name__ == "__main__":
    main()
