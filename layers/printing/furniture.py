"""The layout furniture of a print: paper and pixel sizes, the map frame, the legend of the
scene's rows, scale bar, north arrow, locator inset, title, subtitle and source line."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib.legend import Legend  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402

from geo import boundaries  # noqa: E402
from geo.texts import Text, interface_lang, t  # noqa: E402
from layers.printing.fonts import plain_text  # noqa: E402
from viewmodel.legend import LegendEntry, LegendGroup  # noqa: E402
from viewmodel.style import BOUNDARY_COLORS, INDICATOR_FILL_OPACITY  # noqa: E402

PAPER_MM = {"A4": (297, 210), "A3": (420, 297)}
PAPER_DPI = 150
MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^"}
REGION_BBOX = (111.9, 21.45, 114.45, 25.25)
"""Default extent: the five plans' cities with the Pearl River estuary."""


class PrintError(Exception):
    """A print request that cannot be carried out; the message says why."""


def parse_size(size: str, scale: float) -> tuple[float, float, float]:
    """Figure (width in, height in, dpi) for ``1920x1080``-style pixels or a paper size."""
    if scale <= 0 or scale > 6:
        raise PrintError("scale must be between 0 and 6")
    if size.upper() in PAPER_MM:
        width_mm, height_mm = PAPER_MM[size.upper()]
        return width_mm / 25.4, height_mm / 25.4, PAPER_DPI * scale
    try:
        width, height = (int(v) for v in size.lower().split("x"))
    except ValueError:
        raise PrintError(f"size {size!r} is not WIDTHxHEIGHT (e.g. 1920x1080), A4 or A3") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise PrintError("width and height must be between 200 and 8000 pixels")
    return width / 100, height / 100, 100 * scale


def fit_bbox(bbox: Sequence[float], aspect: float) -> tuple[float, float, float, float]:
    """Grow ``bbox`` so that its ground width/height matches the axes ``aspect``."""
    minx, miny, maxx, maxy = bbox
    cos = math.cos(math.radians((miny + maxy) / 2))
    width, height = (maxx - minx) * cos, maxy - miny
    if width / height < aspect:
        grow = (height * aspect / cos - (maxx - minx)) / 2
        minx, maxx = minx - grow, maxx + grow
    else:
        grow = ((maxx - minx) * cos / aspect - height) / 2
        miny, maxy = miny - grow, maxy + grow
    return minx, miny, maxx, maxy


def handle(entry: LegendEntry):
    """The matplotlib legend handle of a legend row."""
    if entry.symbol in MARKERS:
        return Line2D(
            [],
            [],
            marker=MARKERS[entry.symbol],
            color="none",
            markerfacecolor=entry.color,
            markeredgecolor="white",
            markersize=7,
            label=entry.label,
        )
    if entry.symbol in ("ring", "halo"):  # a hollow ring (local link) or a grey dot's halo
        ring = entry.symbol == "ring"
        return Line2D(
            [],
            [],
            marker="o",
            color="none",
            markerfacecolor="none" if ring else "#bbbbbb",
            markeredgecolor=entry.color,
            markeredgewidth=1.4 if ring else 1.0,
            markersize=8 if ring else 7,
            linestyle="none",
            label=entry.label,
        )
    if entry.symbol == "fill":
        return Patch(
            facecolor=entry.color,
            alpha=INDICATOR_FILL_OPACITY,
            edgecolor="#34495e",
            label=entry.label,
        )
    if entry.symbol == "area":
        return Patch(
            facecolor=entry.color,
            alpha=0.25,
            edgecolor=entry.color,
            linestyle="--",
            label=entry.label,
        )
    line = Line2D([], [], color=entry.color, lw=2, label=entry.label)
    if entry.dash:
        line.set_dashes([float(v) for v in entry.dash.split()])
    return line


def legend(ax, groups: Sequence[LegendGroup], errors: Mapping[str, str], lang: str) -> Legend:
    """The legend of the scene's rows at the top right; group titles bold, and a row whose
    drawing unit failed carries the reason."""
    handles = []
    for group in groups:
        if group.title:
            handles.append(Patch(color="none", label=plain_text(group.title)))
        for entry in group.entries:
            label = plain_text(entry.label)
            if entry.unit in errors:
                label += " — " + plain_text(t("layer_failed", lang, reason=errors[entry.unit]))
            handles.append(handle(LegendEntry(entry.symbol, entry.color, label, entry.dash)))
    box = ax.legend(
        handles=handles,
        loc="upper right",
        fontsize=7,
        frameon=True,
        framealpha=0.92,
        borderpad=0.6,
        labelspacing=0.35,
        handlelength=1.6,
    )
    box.set_zorder(10)
    for text, item in zip(box.get_texts(), handles, strict=True):
        if isinstance(item, Patch) and item.get_facecolor()[3] == 0:
            text.set_fontweight("bold")
    return box


def _nice_length(km: float) -> float:
    exponent = 10 ** math.floor(math.log10(km))
    return max(v * exponent for v in (1, 2, 5, 10) if v * exponent <= km)


def scale_bar(ax, bbox: Sequence[float]) -> None:
    """A scale bar of a round length at the bottom left."""
    minx, miny, maxx, maxy = bbox
    km_per_deg = 111.32 * math.cos(math.radians((miny + maxy) / 2))
    length_km = _nice_length((maxx - minx) * km_per_deg / 5)
    x0, y0 = minx + (maxx - minx) * 0.03, miny + (maxy - miny) * 0.05
    x1 = x0 + length_km / km_per_deg
    ax.plot([x0, x1], [y0, y0], color="#222", lw=2.5, zorder=9, solid_capstyle="butt")
    for x in (x0, x1):
        ax.plot([x, x], [y0, y0 + (maxy - miny) * 0.008], color="#222", lw=1, zorder=9)
    ax.text(
        (x0 + x1) / 2,
        y0 + (maxy - miny) * 0.012,
        f"{length_km:g} km",
        ha="center",
        va="bottom",
        fontsize=8,
        zorder=9,
    )


def north_arrow(ax, lang: str) -> None:
    """A north arrow at the left, below the title."""
    ax.annotate(
        "",
        xy=(0.03, 0.83),
        xytext=(0.03, 0.76),
        xycoords="axes fraction",
        arrowprops={"arrowstyle": "-|>", "lw": 2, "color": "#222", "mutation_scale": 18},
        zorder=9,
    )
    ax.text(
        0.03,
        0.84,
        t("north", lang),
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        zorder=9,
    )


def inset(ax, bbox: Sequence[float]):
    """A Greater Bay Area locator at the bottom right with the printed extent in red."""
    box = ax.inset_axes([0.74, 0.015, 0.25, 0.24])
    boundaries.simplified("land").plot(ax=box, facecolor="#ede8dc", edgecolor="#999", linewidth=0.3)
    boundaries.simplified("city").plot(ax=box, facecolor="none", edgecolor="#bbb", linewidth=0.2)
    minx, miny, maxx, maxy = bbox
    box.add_patch(
        Rectangle((minx, miny), maxx - minx, maxy - miny, fill=False, edgecolor="#c0392b", lw=1.2)
    )
    box.set_xlim(109.5, 117.5)
    box.set_ylim(20.1, 25.6)
    box.set_aspect(1 / math.cos(math.radians(23)))
    box.set_facecolor(BOUNDARY_COLORS["sea"])
    box.set_xticks([])
    box.set_yticks([])
    box.set_xlabel("")
    box.set_ylabel("")
    box.set_zorder(11)
    return box


TITLE_BOXES = (
    (0.985, {"fontsize": 20, "fontweight": "bold", "color": "#1b2631"}, "0.4", "#ccc", 0.93),
    (0.905, {"fontsize": 10, "color": "#333"}, "0.3", "none", 0.85),
)
"""Title, then subtitle: height (axes fraction), font, box padding, edge and opacity."""


def titles(ax, title: str, subtitle: str) -> list:
    """Title and subtitle boxes at the top left; the artists (label obstacles)."""
    return [
        ax.text(
            0.012,
            y,
            plain_text(text),
            transform=ax.transAxes,
            va="top",
            ha="left",
            zorder=12,
            bbox={"boxstyle": f"round,pad={pad}", "fc": "white", "ec": edge, "alpha": alpha},
            **font,
        )
        for text, (y, font, pad, edge, alpha) in zip((title, subtitle), TITLE_BOXES, strict=True)
    ]


def default_titles(plans, plan_ids: Sequence[str], year: int, lang: str) -> tuple[str, str]:
    """Title and subtitle of a print of the plans ``plan_ids`` (one plan: its own; else the
    region's), the subtitle saying the year when one is chosen; the title in both languages
    for ``lang`` ``both``."""
    text_lang = interface_lang(lang)
    if len(plan_ids) == 1:
        plan = plans.loc[plan_ids[0]]
        city = Text(plan["city"], plan["title_en"].split(" ")[0])
        title = Text(
            t("print_title_plan", "zh", city=city.zh), t("print_title_plan", "en", city=city.en)
        )
        subtitle = Text(
            t("print_subtitle_plan", "zh", title=plan["title_zh"]),
            t("print_subtitle_plan", "en", title=plan["title_en"]),
        )(text_lang)
    else:
        title = Text(t("print_title_region", "zh"), t("print_title_region", "en"))
        subtitle = t("print_subtitle_region", text_lang)
    if year:
        subtitle = t("print_as_of", text_lang, subtitle=subtitle, year=year)
    return title(lang), subtitle


def source_line(fig, plans, date: str, lang: str) -> None:
    """Plans, boundary and seat sources, basemap and date along the bottom edge."""
    names = [
        Text(c, e.split(" ")[0])(lang)
        for c, e in zip(plans["city"], plans["title_en"], strict=True)
    ]
    cities = t("print_cities_separator", lang).join(names)
    fig.text(
        0.008,
        0.02,
        t("print_sources", lang, cities=cities, date=date),
        fontsize=7,
        color="#444",
        va="bottom",
        ha="left",
    )
