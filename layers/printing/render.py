"""The print renderer: a figure of the requested size, the basemap, every drawing unit of
the scene through :data:`~layers.printing.drawers.PRINT_DRAWERS` (each on its own: a unit
that fails is removed and its legend rows say why), then legend, furniture and labels."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from layers.compose import failure_reason  # noqa: E402
from layers.printing import furniture  # noqa: E402
from layers.printing.drawers import PRINT_DRAWERS, Canvas, draw_land, label_places  # noqa: E402
from layers.printing.fonts import cjk_font  # noqa: E402
from layers.printing.furniture import REGION_BBOX, PrintError  # noqa: E402
from viewmodel.scene import Scene  # noqa: E402
from viewmodel.style import BOUNDARY_COLORS  # noqa: E402

FORMATS = ("png", "pdf", "svg")
MAP_BOTTOM = 0.055
"""Share of the figure's height below the map, for the source line."""
METADATA = {
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "Producer": None},
    "svg": {"Date": None},
}
"""Metadata left out so that the same input gives the same bytes."""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintOptions:
    """The medium of a print (what it shows is the scene)."""

    size: str = "1920x1080"  # WxH pixels, or A4 / A3 (landscape)
    scale: float = 2.0
    inset: bool = True
    date: str = ""


@dataclass(frozen=True)
class Printed:
    """What a print drew: place ids inside the frame, those of the scene outside it, the
    uploaded points, the drawing units that failed (key -> reason) and the pixel size of a
    PNG."""

    places: tuple[str, ...]
    outside: tuple[str, ...]
    user_points: int
    errors: dict[str, str]
    width_px: int = 0
    height_px: int = 0


def _canvas(scene: Scene, options: PrintOptions) -> tuple[Canvas, float]:
    width_in, height_in, dpi = furniture.parse_size(options.size, options.scale)
    bbox = scene.view.bounds or REGION_BBOX
    if not (bbox[0] < bbox[2] and bbox[1] < bbox[3]):
        raise PrintError("bbox must be minlon,minlat,maxlon,maxlat with min < max")
    fig = plt.figure(figsize=(width_in, height_in), dpi=dpi)
    ax = fig.add_axes([0.0, MAP_BOTTOM, 1.0, 1.0 - MAP_BOTTOM])
    width, height = width_in, height_in * (1.0 - MAP_BOTTOM)
    bbox = furniture.fit_bbox(bbox, width / height)
    ax.set_xlim(bbox[0], bbox[2])
    ax.set_ylim(bbox[1], bbox[3])
    ax.set_aspect(1 / math.cos(math.radians((bbox[1] + bbox[3]) / 2)), adjustable="box")
    ax.set_facecolor(BOUNDARY_COLORS["sea"])
    ax.set_xticks([])
    ax.set_yticks([])
    return Canvas(fig, ax, bbox, (bbox[2] - bbox[0]) / (width * 72)), dpi


def _draw_units(canvas: Canvas, scene: Scene) -> dict[str, str]:
    """Every unit of the scene in order; a failed unit's artists are taken off again."""
    errors = {}
    for unit in scene.units:
        before = set(canvas.ax.get_children())
        try:
            PRINT_DRAWERS[unit.drawer](canvas, scene, unit)
        except Exception as exc:  # one unit's failure must not lose the print
            log.exception("printing %s failed", unit.key)
            errors[unit.key] = failure_reason(exc)
            for artist in set(canvas.ax.get_children()) - before:
                artist.remove()
    return errors


def render_print(scene: Scene, options: PrintOptions, out: Path) -> Printed:
    """Draw ``scene`` and save it to ``out`` (.png, .pdf or .svg): the view's extent (the
    region by default), layers, strategy, selection, year and plan target, with title,
    subtitle, legend, scale bar, north arrow, source line and optional locator inset.

    Raises
    ------
    PrintError
        Unknown format, bad size or extent.
    """
    fmt = Path(out).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise PrintError(f"output must end in .png, .pdf or .svg, not {Path(out).suffix!r}")
    view, lang = scene.view, scene.lang
    plt.rcParams.update(
        {
            "font.family": [cjk_font()],
            "svg.hashsalt": "gba-layout-map",
            "svg.fonttype": "none",
            "axes.unicode_minus": False,
            "pdf.fonttype": 42,
        }
    )
    canvas, dpi = _canvas(scene, options)
    fig, ax = canvas.fig, canvas.ax
    try:
        draw_land(canvas)
        ax.set_xlim(canvas.bbox[0], canvas.bbox[2])  # geopandas may move the limits
        ax.set_ylim(canvas.bbox[1], canvas.bbox[3])
        errors = _draw_units(canvas, scene)
        obstacles = [furniture.legend(ax, scene.legend, errors, lang)]
        furniture.scale_bar(ax, canvas.bbox)
        furniture.north_arrow(ax, lang)
        if options.inset:
            obstacles.append(furniture.inset(ax, canvas.bbox))
        title_lang = "both" if view.labels == "both" else lang
        default = furniture.default_titles(
            scene.gz.plans, view.filters.plans, view.filters.year, title_lang
        )
        obstacles += furniture.titles(ax, view.title or default[0], view.subtitle or default[1])
        plans = scene.gz.plans.loc[list(scene.selection.plans)]
        furniture.source_line(fig, plans, options.date, lang)
        label_places(canvas, obstacles)
        ax.set_xlabel("")  # geopandas labels the axes with the CRS; a map needs none
        ax.set_ylabel("")
        fig.savefig(out, dpi=dpi, metadata=METADATA[fmt])
        width, height = fig.get_size_inches()
    finally:
        plt.close(fig)
    pixels = (round(width * dpi), round(height * dpi)) if fmt == "png" else (0, 0)
    return Printed(tuple(canvas.drawn), tuple(canvas.outside), canvas.user_points, errors, *pixels)
