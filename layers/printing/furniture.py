"""The layout furniture of a print: paper and pixel sizes, type sizes for the output, the
legend of the rows shown, the title box, the scale bar with the north arrow, the locator
inset and the source line. Each piece is built unplaced; :mod:`~layers.printing.layout`
chooses where it goes and :func:`place` puts it there."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from matplotlib.legend import Legend  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.offsetbox import (  # noqa: E402
    AnchoredOffsetbox,
    DrawingArea,
    HPacker,
    TextArea,
    VPacker,
)
from matplotlib.patches import Patch, Polygon, Rectangle  # noqa: E402

from geo import boundaries  # noqa: E402
from geo.texts import Text, t  # noqa: E402
from layers.printing.fonts import plain_text  # noqa: E402
from layers.printing.themes import Theme  # noqa: E402
from viewmodel.legend import LegendEntry, LegendGroup  # noqa: E402

PAPER_MM = {"A4": (297, 210), "A3": (420, 297)}
PAPER_DPI = 150
MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^"}
REGION_BBOX = (111.9, 21.45, 114.45, 25.25)
"""Extent when a view has nothing to frame: the five plans' cities with the estuary."""
GUANGDONG_EXTENT = (109.5, 20.1, 117.5, 25.6)
CHINA_EXTENT = (73.0, 17.0, 135.5, 54.0)
"""Extents of the locator: Guangdong, or China for frames too large to locate in it."""
CHINA_ABOVE = 0.12
"""Share of the Guangdong locator's area above which a frame is located in China."""
FRAME_MIN = 0.04
"""Smallest side of the frame drawn in the locator, as a share of the locator's side."""
INSET_HEIGHT = 0.24
"""Height of the locator as a share of the map's."""
LEGEND_MAX_HEIGHT = 0.62
"""Tallest legend as a share of the map's height; a longer one gets more columns."""


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


@dataclass(frozen=True)
class TypeSizes:
    """Font sizes in points for a figure ``height`` inches high: shares of the height, so a
    slide reads the same projected at any resolution (the title's capitals are ~3 % of the
    height)."""

    height: float

    def _share(self, share: float) -> float:
        return self.height * 72 * share

    @property
    def title(self) -> float:
        """The title."""
        return self._share(0.040)

    @property
    def subtitle(self) -> float:
        """The subtitle."""
        return self._share(0.021)

    @property
    def legend(self) -> float:
        """Legend rows, scale bar, north arrow."""
        return self._share(0.0165)

    @property
    def label(self) -> float:
        """Names on the map."""
        return self._share(0.0165)

    @property
    def basemap(self) -> float:
        """City and water names of the basemap."""
        return self._share(0.0185)

    @property
    def source(self) -> float:
        """The source line."""
        return self._share(0.0115)


def handle(entry: LegendEntry, size: float, theme: Theme):
    """The matplotlib legend handle of a legend row, its symbols ``size`` points across."""
    if entry.symbol in MARKERS:
        return Line2D(
            [],
            [],
            marker=MARKERS[entry.symbol],
            color="none",
            markerfacecolor=entry.color,
            markeredgecolor=theme.marker_edge,
            markersize=size,
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
            markeredgecolor=entry.color if ring else theme.muted,
            markeredgewidth=size / 6,
            markersize=size * 1.1,
            linestyle="none",
            label=entry.label,
        )
    if entry.symbol == "fill":
        return Patch(facecolor=entry.color, alpha=0.8, edgecolor=theme.text, label=entry.label)
    if entry.symbol == "area":
        indicator = entry.unit == "indicator"  # classes: as opaque as the fills they stand for
        return Patch(
            facecolor=entry.color,
            alpha=0.8 if indicator else 0.3,
            edgecolor=theme.text if indicator else entry.color,
            linestyle="-" if indicator else "--",
            label=entry.label,
        )
    line = Line2D([], [], color=entry.color, lw=size / 4, label=entry.label)
    if entry.dash:
        line.set_dashes([float(v) for v in entry.dash.split()])
    return line


def legend(
    ax,
    groups: Sequence[LegendGroup],
    errors: Mapping[str, str],
    lang: str,
    theme: Theme,
    size: float,
    map_height: float,
) -> Legend:
    """The legend of ``groups`` (group titles bold; a row whose drawing unit failed carries
    the reason), type ``size`` points, in as many columns as keep it under
    :data:`LEGEND_MAX_HEIGHT` of the map's ``map_height`` pixels. Unplaced."""
    handles = []
    for group in groups:
        if group.title:
            handles.append(Patch(color="none", label=plain_text(group.title)))
        for entry in group.entries:
            label = plain_text(entry.label)
            if entry.unit in errors:
                label += " — " + plain_text(t("layer_failed", lang, reason=errors[entry.unit]))
            shown = LegendEntry(entry.symbol, entry.color, label, entry.dash, entry.unit)
            handles.append(handle(shown, size * 0.75, theme))
    row = size * 1.45 * ax.figure.dpi / 72
    columns = max(1, math.ceil(len(handles) * row / (LEGEND_MAX_HEIGHT * map_height)))
    handles = _no_orphans(handles, columns)
    box = ax.legend(
        handles=handles,
        loc="lower left",
        fontsize=size,
        ncols=columns,
        frameon=True,
        framealpha=0.94,
        facecolor=theme.paper,
        edgecolor=theme.edge,
        labelcolor=theme.text,
        borderpad=0.6,
        borderaxespad=0,
        labelspacing=0.35,
        handlelength=1.5,
        columnspacing=1.2,
    )
    box.set_zorder(10)
    for text, item in zip(box.get_texts(), handles, strict=True):
        if _is_title(item):
            text.set_fontweight("bold")
    return box


def _is_title(handle) -> bool:
    return isinstance(handle, Patch) and handle.get_facecolor()[3] == 0 and handle.get_label()


def _no_orphans(handles: list, columns: int) -> list:
    """``handles`` with blank rows pushing a group title that would end a column to the
    top of the next (the legend fills its columns top to bottom)."""
    if columns < 2:
        return handles
    per_column = math.ceil(len(handles) / columns)
    out: list = []
    for item in handles:
        if _is_title(item) and len(out) % per_column == per_column - 1:
            out.append(Patch(color="none", label=" "))
        out.append(item)
    return out


def _anchored(ax, child, theme: Theme, frame: bool = True) -> AnchoredOffsetbox:
    box = AnchoredOffsetbox(
        loc="lower left",
        child=child,
        pad=0.45,
        borderpad=0,
        frameon=frame,
        bbox_to_anchor=(0, 0),
        bbox_transform=ax.transAxes,
    )
    box.patch.set_facecolor(theme.paper)
    box.patch.set_edgecolor(theme.edge)
    box.patch.set_alpha(0.94)
    box.patch.set_boxstyle("round,pad=0,rounding_size=0.3")
    box.set_zorder(12)
    ax.add_artist(box)
    return box


def _em(char: str) -> float:
    """Rough advance of ``char`` in ems: Chinese full width, Latin about half."""
    return 1.0 if ord(char) >= 0x2E80 else 0.56


def wrap(text: str, size: float, width: float) -> str:
    """``text`` broken into lines of at most ``width`` points at type ``size`` (at spaces
    where there are any, else between characters)."""
    lines, line = [], ""
    for word in text.split(" ") if " " in text else list(text):
        joined = f"{line} {word}" if line and " " in text else line + word
        if line and sum(_em(c) for c in joined) * size > width:
            lines.append(line)
            line = word
        else:
            line = joined
    return "\n".join([*lines, line])


def title_box(ax, title: str, subtitle: str, theme: Theme, sizes: TypeSizes):
    """Title and subtitle in one box, wrapped to 55 % of the slide's width. Unplaced."""
    width = ax.figure.get_size_inches()[0] * 72 * 0.55
    title = wrap(title, sizes.title, width)
    subtitle = wrap(subtitle, sizes.subtitle, width)
    rows = [
        TextArea(
            plain_text(title),
            textprops={"fontsize": sizes.title, "fontweight": "bold", "color": theme.text},
        )
    ]
    if subtitle:
        rows.append(
            TextArea(
                plain_text(subtitle), textprops={"fontsize": sizes.subtitle, "color": theme.muted}
            )
        )
    return _anchored(ax, VPacker(children=rows, pad=0, sep=sizes.subtitle * 0.35), theme)


def _nice_length(km: float) -> float:
    exponent = 10 ** math.floor(math.log10(km))
    return max(v * exponent for v in (1, 2, 5, 10) if v * exponent <= km)


def scale_box(ax, bbox: Sequence[float], map_width_pt: float, lang: str, theme: Theme, size: float):
    """North arrow and a scale bar of a round length (about a sixth of the map's width) in
    one box. Unplaced."""
    minx, miny, maxx, maxy = bbox
    km_per_pt = (maxx - minx) * 111.32 * math.cos(math.radians((miny + maxy) / 2)) / map_width_pt
    length_km = _nice_length(map_width_pt / 6 * km_per_pt)
    bar_pt = length_km / km_per_pt
    tick = size * 0.4
    bar = DrawingArea(bar_pt, tick * 1.6)
    bar.add_artist(Rectangle((0, 0), bar_pt / 2, tick * 0.55, fc=theme.text, ec=theme.text, lw=0.6))
    bar.add_artist(
        Rectangle((bar_pt / 2, 0), bar_pt / 2, tick * 0.55, fc=theme.paper, ec=theme.text, lw=0.6)
    )
    for x in (0, bar_pt):
        bar.add_artist(Line2D([x, x], [0, tick * 1.4], color=theme.text, lw=0.8))
    label = TextArea(f"{length_km:g} km", textprops={"fontsize": size, "color": theme.text})
    scale = VPacker(children=[label, bar], align="center", pad=0, sep=size * 0.2)
    arrow = DrawingArea(size * 1.2, size * 2.2)
    w = size * 1.2
    arrow.add_artist(
        Polygon(
            [(0, 0), (w / 2, size * 1.6), (w, 0), (w / 2, size * 0.45)],
            closed=True,
            fc=theme.text,
            ec=theme.text,
            lw=0.6,
        )
    )
    north = VPacker(
        children=[
            TextArea(
                t("north", lang),
                textprops={"fontsize": size, "fontweight": "bold", "color": theme.text},
            ),
            arrow,
        ],
        align="center",
        pad=0,
        sep=size * 0.1,
    )
    return _anchored(ax, HPacker(children=[north, scale], align="bottom", pad=0, sep=size), theme)


def place(artist, box: Sequence[float], ax) -> None:
    """Put a legend or anchored box with its lower left corner at the pixel box ``box``."""
    x, y = ax.transAxes.inverted().transform((box[0], box[1]))
    artist.set_bbox_to_anchor((x, y), transform=ax.transAxes)


def inset_extent(bbox: Sequence[float]) -> tuple[tuple[float, float, float, float], bool]:
    """The locator's extent for a frame ``bbox`` and whether it is China's (frames too big to
    locate in Guangdong's)."""
    gx0, gy0, gx1, gy1 = GUANGDONG_EXTENT
    share = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]) / ((gx1 - gx0) * (gy1 - gy0))
    china = share > CHINA_ABOVE
    return (CHINA_EXTENT if china else GUANGDONG_EXTENT), china


def inset_aspect(extent: Sequence[float]) -> float:
    """Width / height of a locator of ``extent`` drawn at true shape."""
    cos = math.cos(math.radians((extent[1] + extent[3]) / 2))
    return (extent[2] - extent[0]) * cos / (extent[3] - extent[1])


@lru_cache(maxsize=1)
def _china_paths():
    """China's provinces, coarsely simplified, as paths (the China locator; decoded once)."""
    import shapely
    from matplotlib.path import Path

    from layers.printing.basemap import ring_paths

    provinces = boundaries.provinces()
    simple = shapely.simplify(provinces.geometry.values, 0.08)
    focus = provinces["adcode"].isin(boundaries.REGION_PROVINCE_ADCODES).to_numpy()
    paths = [Path.make_compound_path(*ring_paths(g)) for g in simple]
    return tuple(paths), tuple(focus)


def inset(ax, box: Sequence[float], bbox: Sequence[float], theme: Theme):
    """The locator in the pixel ``box``: Guangdong (or China with the region filled, for a
    large frame) with the printed extent ``bbox`` as a frame at least
    :data:`FRAME_MIN` of the locator wide."""
    from matplotlib.collections import PathCollection

    from layers.printing.basemap import outline_paths

    x0, y0 = ax.transAxes.inverted().transform((box[0], box[1]))
    x1, y1 = ax.transAxes.inverted().transform((box[2], box[3]))
    locator = ax.inset_axes([x0, y0, x1 - x0, y1 - y0])
    extent, china = inset_extent(bbox)
    if china:
        paths, focus = _china_paths()
        colors = [theme.inset_focus if f else theme.land for f in focus]
        locator.add_collection(
            PathCollection(paths, facecolors=colors, edgecolors=theme.city, linewidths=0.3)
        )
    else:
        land = outline_paths("land", 0.01)
        locator.add_collection(
            PathCollection(land, facecolors=theme.land, edgecolors=theme.city, linewidths=0.4)
        )
        cities = outline_paths("city", 0.01)
        locator.add_collection(
            PathCollection(
                cities, facecolors=theme.inset_focus, edgecolors=theme.edge, linewidths=0.2
            )
        )
    minx, miny, maxx, maxy = bbox
    ex0, ey0, ex1, ey1 = extent
    width = max(maxx - minx, FRAME_MIN * (ex1 - ex0))
    height = max(maxy - miny, FRAME_MIN * (ey1 - ey0))
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    locator.add_patch(
        Rectangle(
            (cx - width / 2, cy - height / 2), width, height, fill=False, ec=theme.frame, lw=1.6
        )
    )
    locator.set_xlim(ex0, ex1)
    locator.set_ylim(ey0, ey1)
    locator.set_aspect("auto")
    locator.set_facecolor(theme.sea)
    locator.set_xticks([])
    locator.set_yticks([])
    for spine in locator.spines.values():
        spine.set_edgecolor(theme.edge)
        spine.set_linewidth(0.8)
    locator.set_zorder(11)
    return locator


def source_line(fig, plans, date: str, lang: str, theme: Theme, size: float, bottom: float):
    """Plans, boundary and seat sources, basemap and date in the strip below the map (of
    height ``bottom``, a share of the figure)."""
    names = [
        Text(c, e.split(" ")[0])(lang)
        for c, e in zip(plans["city"], plans["title_en"], strict=True)
    ]
    cities = t("print_cities_separator", lang).join(names)
    return fig.text(
        0.008,
        bottom / 2,
        t("print_sources", lang, cities=cities, date=date),
        fontsize=size,
        color=theme.muted,
        va="center",
        ha="left",
    )
