"""The print renderer: what you see is what you print. The view's scene is framed (the
view's own extent, else tight on the data it shows), the furniture is given the corners no
marker takes (the frame grows until there are such corners), every drawing unit is drawn
(each on its own: a unit that fails is removed and its legend rows say why), then the names
are placed greedily where they cover nothing."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

from geo.texts import interface_lang  # noqa: E402
from layers.compose import failure_reason  # noqa: E402
from layers.printing import furniture, layout  # noqa: E402
from layers.printing.basemap import NAME_PRIORITY, basemap_names  # noqa: E402
from layers.printing.drawers import (  # noqa: E402
    HIGHLIGHT_PRIORITY,
    PRINT_DRAWERS,
    Candidate,
    Canvas,
    draw_land,
)
from layers.printing.fonts import (
    cjk_font,  # noqa: E402
    plain_text,  # noqa: E402
)
from layers.printing.furniture import REGION_BBOX, PrintError, TypeSizes  # noqa: E402
from layers.printing.piles import SCREEN_PT, piles, print_zoom  # noqa: E402
from layers.printing.themes import THEMES, Theme  # noqa: E402
from layers.projects import project_radius  # noqa: E402
from viewmodel.framing import frame_boxes  # noqa: E402
from viewmodel.legend import legend_in_frame  # noqa: E402
from viewmodel.scene import Scene  # noqa: E402
from viewmodel.style import PLACE_STYLES, USER_RADIUS  # noqa: E402
from viewmodel.titles import view_titles  # noqa: E402

FORMATS = ("png", "pdf", "svg")
MAP_BOTTOM = 0.035
"""Share of the figure's height below the map, for the source line."""
REFERENCE_HEIGHT = 9.0
"""Figure height in inches (900 pixels at 100 dpi) at which symbols have their map size."""
METADATA = {
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "Producer": None},
    "svg": {"Date": None},
}
"""Metadata left out so that the same input gives the same bytes."""
LABEL_STYLES = {
    "place": {},
    "corridor": {"fontweight": "bold"},
    "area": {"fontweight": "bold"},
    "city": {"fontweight": "bold"},
    "water": {"fontstyle": "italic"},
    "county": {},
}
LABEL_SCALE = {
    "place": 1.0,
    "corridor": 1.08,
    "area": 1.08,
    "city": 1.25,
    "water": 1.1,
    "county": 0.95,
}
"""Type size of each style of name, relative to place names."""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintOptions:
    """The medium of a print (what it shows is the view's scene)."""

    size: str = "1920x1080"  # WxH pixels, or A4 / A3 (landscape)
    scale: float = 2.0
    inset: bool = True
    date: str = ""
    theme: str = "light"


@dataclass(frozen=True)
class Printed:
    """What a print drew: place ids inside the frame, those of the scene outside it, the
    uploaded points, the drawing units that failed (key -> reason), the pixel size of a
    PNG, the frame (min lon, min lat, max lon, max lat), title and subtitle."""

    places: tuple[str, ...]
    outside: tuple[str, ...]
    user_points: int
    errors: dict[str, str]
    width_px: int = 0
    height_px: int = 0
    frame: tuple[float, float, float, float] = REGION_BBOX
    title: str = ""
    subtitle: str = ""


@dataclass
class Slide:
    """A composed, unsaved print: the figure, the map axes, the furniture artists by name
    (``title``, ``legend``, ``scale``, ``inset``, ``source``), the name labels drawn and
    what was printed."""

    fig: object
    ax: object
    theme: Theme
    furniture: dict[str, object] = field(default_factory=dict)
    labels: list = field(default_factory=list)
    printed: Printed | None = None


def _symbol_boxes(
    scene: Scene, frame, map_box, unit: float, dpi: float
) -> tuple[np.ndarray, np.ndarray]:
    """Pixel boxes of every marker inside ``frame`` (places first, in scene order, then
    projects and uploaded points) and the owner id of each (a place's index among the
    places inside; ``-1`` for the others)."""
    places = scene.places
    inside = layout.inside(frame, places["lon"].to_numpy(), places["lat"].to_numpy())
    chosen = places.index[inside].isin(list(scene.highlights))
    drawn = piles(places[inside], frame, map_box, unit, dpi, chosen)
    diamond = np.array([PLACE_STYLES[k].shape == "diamond" for k in places["kind"][inside]])
    half = drawn.radius * np.where(diamond, 1.45, 1.1) + 1
    keep = drawn.single
    x, y, half = drawn.x[keep], drawn.y[keep], half[keep]
    badges = np.array([b[:3] for b in drawn.badges]).reshape(-1, 3)
    xs, ys, rs = [x, badges[:, 0]], [y, badges[:, 1]], [half, badges[:, 2] + 1]
    owners = [np.flatnonzero(keep), np.full(len(badges), -1)]
    if "projects" in {u.drawer for u in scene.units} and len(scene.projects):
        largest = float(scene.projects["investment_yi"].max())
        px, py = layout.to_pixels(
            frame, map_box, scene.projects.geometry.x, scene.projects.geometry.y
        )
        radius = [project_radius(v, largest) * 0.8 * unit for v in scene.projects["investment_yi"]]
        xs.append(px), ys.append(py), rs.append(np.asarray(radius) * dpi / 72 + 1)
        owners.append(np.full(len(px), -1))
    for layer in scene.user_layers:
        points = layer.frame.geometry[layer.frame.geometry.geom_type == "Point"]
        px, py = layout.to_pixels(frame, map_box, points.x, points.y)
        xs.append(px), ys.append(py), rs.append(np.full(len(px), USER_RADIUS * unit * dpi / 72))
        owners.append(np.full(len(px), -1))
    x, y, r = np.concatenate(xs), np.concatenate(ys), np.concatenate(rs)
    return np.column_stack([x - r, y - r, x + r, y + r]), np.concatenate(owners)


def _legend_groups(scene: Scene, frame):
    """The legend rows of what the frame shows."""
    return legend_in_frame(scene.legend, scene.places, set(scene.links["kind"]), frame)


def _size(artist, renderer) -> tuple[float, float]:
    box = artist.get_window_extent(renderer)
    return box.width, box.height


def _frame_at(scene: Scene, aspect: float):
    """The starting frame for a map of ``aspect``: the view's extent, else tight."""
    if scene.view.bounds is not None:
        return layout.snap(scene.view.bounds, aspect)
    return layout.tight(frame_boxes(scene), aspect) or layout.snap(REGION_BBOX, aspect)


def _map_box(slide: Slide, panel: float, band: float) -> tuple[float, float, float, float]:
    """Give the map axes the figure less a right-hand panel ``panel`` pixels wide and a top
    band ``band`` pixels high; its box."""
    fig = slide.fig
    top = 1.0 - band / fig.bbox.height
    slide.ax.set_position([0.0, MAP_BOTTOM, 1.0 - panel / fig.bbox.width, top - MAP_BOTTOM])
    return tuple(slide.ax.get_window_extent(fig.canvas.get_renderer()).extents)


def _arrange(scene: Scene, slide: Slide, sizes: TypeSizes, options):
    """Frame, furniture boxes and map box: the furniture goes to corners of the map free of
    markers, the frame growing until there are such corners; when it finds none, the legend
    moves to a panel beside the map, then the title to a band above it, and the search
    starts again."""
    ax, fig = slide.ax, slide.fig
    renderer = fig.canvas.get_renderer()
    unit, dpi = sizes.height / REFERENCE_HEIGHT, fig.dpi
    title = slide.furniture["title"]
    panel = band = 0.0
    title_size = _size(title, renderer)
    built = (None, None, None)
    for mode in ("overlay", "panel", "band"):
        map_box = _map_box(slide, panel, band)
        map_w, map_h = map_box[2] - map_box[0], map_box[3] - map_box[1]
        margin = map_h * 0.015
        frame = _frame_at(scene, map_w / map_h)
        for _ in range(layout.MAX_GROWTH + 1):
            if "scale" in slide.furniture:
                slide.furniture.pop("scale").remove()
            groups = _legend_groups(scene, frame)
            items = []
            if mode != "band":
                items.append(layout.Item("title", title_size, ("upper left", "upper right")))
            if (groups, map_h) != built[:2]:  # the legend changes with the kinds in the frame
                if "legend" in slide.furniture:
                    slide.furniture.pop("legend").remove()
                size = None
                if groups:
                    box = furniture.legend(
                        ax, groups, {}, scene.lang, slide.theme, sizes.legend, map_h
                    )
                    slide.furniture["legend"] = box
                    size = _size(box, renderer)
                built = (groups, map_h, size)
            legend_size = built[2]
            if legend_size and mode == "overlay":
                prefer = ("upper right", "lower right", "lower left", "upper left", "center right")
                items.append(layout.Item("legend", legend_size, prefer))
            outside = _outside(
                map_box,
                margin,
                legend_size if mode != "overlay" else None,
                title_size if mode == "band" else None,
            )
            if options.inset:
                extent, _ = furniture.inset_extent(frame)
                height = map_h * furniture.INSET_HEIGHT
                size = (height * furniture.inset_aspect(extent), height)
                prefer = ("lower right", "lower left", "upper right", "upper left")
                items.append(layout.Item("inset", size, prefer))
            scale = furniture.scale_box(
                ax, frame, map_w * 72 / dpi, scene.lang, slide.theme, sizes.legend
            )
            slide.furniture["scale"] = scale
            prefer = ("lower left", "lower right", "lower center", "upper left", "upper right")
            items.append(layout.Item("scale", _size(scale, renderer), prefer))
            symbols, _ = _symbol_boxes(scene, frame, map_box, unit, dpi)
            found = layout.arrange(items, map_box, symbols, margin)
            if found is not None:
                return frame, {**found, **outside}, map_box
            frame = layout.grow(frame)
        if mode == "overlay":
            panel = legend_size[0] + 2 * margin if legend_size else 0.0
        else:
            band = title_size[1] + 2 * margin
    return frame, {**layout.fallback(items, map_box, symbols, margin), **outside}, map_box


def _outside(map_box, margin: float, legend, title) -> dict:
    """Boxes of the furniture set beside the map: the legend (its size) at the top of the
    right-hand panel, the title (its size) in the band above."""
    boxes = {}
    if legend:
        x0, top = map_box[2] + margin, map_box[3] - margin
        boxes["legend"] = (x0, top - legend[1], x0 + legend[0], top)
    if title:
        y0 = map_box[3] + margin
        boxes["title"] = (map_box[0] + margin, y0, map_box[0] + margin + title[0], y0 + title[1])
    return boxes


def _place_labels(canvas: Canvas, slide: Slide, scene: Scene, map_box, sizes: TypeSizes):
    """Draw the names that find room: markers, furniture and names placed before are
    obstacles; higher priority first."""
    fig, ax, theme, dpi = slide.fig, slide.ax, slide.theme, slide.fig.dpi
    renderer = fig.canvas.get_renderer()
    unit = sizes.height / REFERENCE_HEIGHT
    grid = layout.Grid(cell=max(32.0, sizes.label * dpi / 72 * 4))
    symbols, owners = _symbol_boxes(scene, canvas.bbox, map_box, unit, dpi)
    for box, owner in zip(symbols, owners, strict=True):
        grid.add(tuple(box), int(owner))
    for artist in slide.furniture.values():
        grid.add(tuple(artist.get_window_extent(renderer).extents))
    halo = sizes.label * 0.22
    specs = []
    for c in canvas.labels:
        style = LABEL_STYLES[c.style]
        props = FontProperties(
            family=cjk_font(),
            size=sizes.label * LABEL_SCALE[c.style],
            weight=style.get("fontweight", "normal"),
            style=style.get("fontstyle", "normal"),
        )
        w, h, _ = renderer.get_text_width_height_descent(c.text, props, ismath=False)
        pad = halo * dpi / 72
        x, y = ax.transData.transform((c.lon, c.lat))
        centres = tuple(tuple(ax.transData.transform(p)) for p in c.centres)
        specs.append(
            layout.Label(
                x + c.offset[0] * dpi / 72,
                y + c.offset[1] * dpi / 72,
                w + 2 * pad,
                h + 2 * pad,
                c.radius * dpi / 72,
                c.priority,
                c.owner,
                centres,
            )
        )
    gap = sizes.label * 0.2 * dpi / 72
    placed = layout.place_labels(specs, grid, map_box, gap, must_show=HIGHLIGHT_PRIORITY)
    colors = {
        "place": theme.text,
        "corridor": theme.corridor,
        "area": theme.text,
        "city": theme.basemap_text,
        "water": theme.water_text,
        "county": theme.basemap_text,
    }
    effects = [patheffects.withStroke(linewidth=halo * 2, foreground=theme.paper)]
    for i, box in placed.items():
        c = canvas.labels[i]
        if line := layout.leader(specs[i], box, gap):
            (xa, ya), (xb, yb) = ax.transData.inverted().transform(line)
            ax.plot([xa, xb], [ya, yb], color=colors[c.style], linewidth=0.6 * unit, zorder=6.5)
        cx, cy = ax.transData.inverted().transform(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
        slide.labels.append(
            ax.text(
                cx,
                cy,
                c.text,
                ha="center",
                va="center",
                fontsize=sizes.label * LABEL_SCALE[c.style],
                color=colors[c.style],
                zorder=7,
                path_effects=effects,
                **LABEL_STYLES[c.style],
            )
        )


def _draw_units(canvas: Canvas, scene: Scene) -> dict[str, str]:
    """Every unit of the scene in order; a failed unit's artists are taken off again."""
    errors = {}
    for unit in scene.units:
        before = set(canvas.ax.get_children())
        labels = len(canvas.labels)
        try:
            PRINT_DRAWERS[unit.drawer](canvas, scene, unit)
        except Exception as exc:  # one unit's failure must not lose the print
            log.exception("printing %s failed", unit.key)
            errors[unit.key] = failure_reason(exc)
            for artist in set(canvas.ax.get_children()) - before:
                artist.remove()
            del canvas.labels[labels:]
    return errors


def compose(scene: Scene, options: PrintOptions) -> Slide:
    """The slide of ``scene`` (not saved; close ``slide.fig`` when done).

    Raises
    ------
    PrintError
        Bad size, extent or theme.
    """
    view, lang = scene.view, scene.lang
    if options.theme not in THEMES:
        raise PrintError(f"unknown theme {options.theme!r}; choose from {', '.join(THEMES)}")
    bounds = view.bounds
    if bounds is not None and not (bounds[0] < bounds[2] and bounds[1] < bounds[3]):
        raise PrintError("bbox must be minlon,minlat,maxlon,maxlat with min < max")
    plt.rcParams.update(
        {
            "font.family": [cjk_font()],
            "svg.hashsalt": "gba-layout-map",
            "svg.fonttype": "none",
            "axes.unicode_minus": False,
            "pdf.fonttype": 42,
        }
    )
    width_in, height_in, dpi = furniture.parse_size(options.size, options.scale)
    theme = THEMES[options.theme]
    sizes = TypeSizes(height_in)
    fig = plt.figure(figsize=(width_in, height_in), dpi=dpi, facecolor=theme.paper)
    ax = fig.add_axes([0.0, MAP_BOTTOM, 1.0, 1.0 - MAP_BOTTOM])
    ax.set_facecolor(theme.sea)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor(theme.edge)
    slide = Slide(fig, ax, theme)
    try:
        title_lang = "both" if view.labels == "both" else lang
        title, subtitle = view_titles(scene.gz, view, title_lang)
        slide.furniture["title"] = furniture.title_box(ax, title, subtitle, theme, sizes)
        frame, boxes, map_box = _arrange(scene, slide, sizes, options)
        ax.set_xlim(frame[0], frame[2])
        ax.set_ylim(frame[1], frame[3])
        ax.set_aspect("auto")
        canvas = Canvas(fig, ax, frame, map_box, sizes.height / REFERENCE_HEIGHT, theme)
        draw_land(canvas)
        errors = _draw_units(canvas, scene)
        ax.set_xlabel("")  # geopandas labels the axes with the CRS; a map needs none
        ax.set_ylabel("")
        if errors:  # the legend says which rows failed
            slide.furniture.pop("legend").remove()
            groups = _legend_groups(scene, frame)
            slide.furniture["legend"] = furniture.legend(
                ax, groups, errors, lang, theme, sizes.legend, map_box[3] - map_box[1]
            )
        for name, box in boxes.items():
            if name == "inset":
                slide.furniture["inset"] = furniture.inset(ax, box, frame, theme)
            else:
                furniture.place(slide.furniture[name], box, ax)
        plans = scene.gz.plans.loc[list(scene.selection.plans)]
        source = furniture.source_line(
            fig, plans, options.date, interface_lang(lang), theme, sizes.source, MAP_BOTTOM
        )
        zoom = print_zoom(frame, map_box, SCREEN_PT * canvas.unit * dpi / 72)
        canvas.labels += [
            Candidate(
                lon,
                lat,
                plain_text(text),
                NAME_PRIORITY[level],
                radius=0.0 if level == "water" else sizes.label * 1.6,  # else clear of a badge
                style=level,
                centres=((lon, lat),),
            )
            for lon, lat, text, level in basemap_names(frame, zoom, lang)
        ]
        _place_labels(canvas, slide, scene, map_box, sizes)
        slide.furniture["source"] = source
    except BaseException:
        plt.close(fig)
        raise
    pixels = (round(width_in * dpi), round(height_in * dpi))
    slide.printed = Printed(
        tuple(canvas.drawn),
        tuple(canvas.outside),
        canvas.user_points,
        errors,
        *pixels,
        frame=tuple(float(v) for v in frame),
        title=title,
        subtitle=subtitle,
    )
    return slide


def render_print(scene: Scene, options: PrintOptions, out: Path) -> Printed:
    """Draw ``scene`` and save it to ``out`` (.png, .pdf or .svg): the view's extent (else a
    tight frame on its data), layers, strategy, selection, year and plan target, with title,
    subtitle, legend of what is shown, scale bar, north arrow, source line and optional
    locator inset, none of them covering a marker or a name.

    Raises
    ------
    PrintError
        Unknown format, bad size, extent or theme.
    """
    fmt = Path(out).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise PrintError(f"output must end in .png, .pdf or .svg, not {Path(out).suffix!r}")
    slide = compose(scene, options)
    if fmt != "png":  # a stroked halo turns text into paths: keep names searchable text
        for text in slide.labels:
            text.set_path_effects([])
            text.set_bbox(
                {"boxstyle": "square,pad=0.1", "fc": slide.theme.paper, "ec": "none", "alpha": 0.75}
            )
    try:
        slide.fig.savefig(out, dpi=slide.fig.dpi, metadata=METADATA[fmt])
    finally:
        plt.close(slide.fig)
    return slide.printed if fmt == "png" else replace(slide.printed, width_px=0, height_px=0)
