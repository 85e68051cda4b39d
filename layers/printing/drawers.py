"""The print's drawers, one per drawer name of the layer registry (:data:`PRINT_DRAWERS`):
each draws one unit of the scene onto the :class:`Canvas` with the same style table as the
web map, and hands its labels to the canvas for the final collision-free labelling."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, Wedge  # noqa: E402
from matplotlib.path import Path  # noqa: E402
from matplotlib.transforms import ScaledTranslation  # noqa: E402

from layers.places import place_label  # noqa: E402
from layers.printing import layout  # noqa: E402
from layers.printing.basemap import outline_paths, ring_paths  # noqa: E402
from layers.printing.fonts import plain_text  # noqa: E402
from layers.printing.furniture import MARKERS  # noqa: E402
from layers.printing.piles import piles  # noqa: E402
from layers.printing.themes import Theme  # noqa: E402
from layers.projects import project_radius  # noqa: E402
from viewmodel.choropleth import class_color  # noqa: E402
from viewmodel.registry import DRAW_ORDER  # noqa: E402
from viewmodel.scene import DrawUnit, Scene  # noqa: E402
from viewmodel.style import (  # noqa: E402
    COARSE_PRECISIONS,
    LINK_STYLES,
    LOCAL_LINK_RADIUS,
    LOCAL_LINK_STEP,
    PLACE_STYLES,
    PROJECT_COLOR,
    STRUCTURE_COLOR,
    USER_RADIUS,
    ZONE_COLOR,
    ZONE_DASH,
    ZONE_FILL_OPACITY,
)

TIER_PRIORITY = {"national": 300, "provincial": 200, "municipal": 120, "county": 120}
"""Label priority by tier: national places are named first."""
CORRIDOR_PRIORITY = 250
AREA_PRIORITY = 400
INDICATOR_ALPHA = 0.8
"""Opacity of the plan-target fills; the legend swatches use the same."""
HIGHLIGHT_PRIORITY = 1000


@dataclass(frozen=True)
class Candidate:
    """A name the renderer places if it finds room: anchor (lon, lat) and an offset in
    points (a fanned-out marker), the marker's radius in points, the priority (higher
    first), the owner id of its marker, a style (``place`` or ``corridor``) and, for a name
    centred on a line, the (lon, lat) points it may be centred on."""

    lon: float
    lat: float
    text: str
    priority: float
    radius: float = 0.0
    offset: tuple[float, float] = (0.0, 0.0)
    owner: int = -1
    style: str = "place"
    centres: tuple[tuple[float, float], ...] = ()


@dataclass
class Canvas:
    """The map axes of a print and what the drawers leave for the renderer: the name
    candidates, the places drawn or left out because they lie outside the frame. ``unit``
    scales symbols and text with the size of the print (1 for 900 pixels at 100 dpi)."""

    fig: object
    ax: object
    bbox: tuple[float, float, float, float]
    map_box: tuple[float, float, float, float]
    unit: float
    theme: Theme
    labels: list[Candidate] = field(default_factory=list)
    drawn: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    user_points: int = 0

    def inside(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Which points lie inside the frame."""
        return layout.inside(self.bbox, lon, lat)


def _tolerance(canvas: Canvas) -> float:
    """Simplification of the outlines: about a third of a point on the print."""
    span = canvas.bbox[3] - canvas.bbox[1]
    points = canvas.fig.get_size_inches()[1] * 72
    return 0.001 if span / points < 0.0015 else 0.003 if span / points < 0.005 else 0.01


def _outlines(canvas: Canvas, level: str, **style) -> None:
    paths = outline_paths(level, _tolerance(canvas))
    canvas.ax.add_collection(PathCollection(paths, **style), autolim=False)


def draw_land(canvas: Canvas) -> None:
    """Land, and city outlines: the print's basemap (always drawn)."""
    theme, unit = canvas.theme, canvas.unit
    _outlines(canvas, "land", facecolor=theme.land, edgecolor=theme.city, lw=0.8 * unit, zorder=1)
    _outlines(canvas, "city", facecolor="none", edgecolor=theme.city, lw=0.9 * unit, zorder=1.2)


def _polygons(canvas: Canvas, geometries, **style) -> None:
    """Polygons as one collection (geopandas' plot would redraw the whole figure)."""
    paths = [
        Path.make_compound_path(*rings)
        for g in geometries
        if g is not None and not g.is_empty and (rings := ring_paths(g))
    ]
    if paths:
        canvas.ax.add_collection(PathCollection(paths, **style), autolim=False)


def draw_boundaries(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """County lines."""
    _outlines(
        canvas,
        "county",
        facecolor="none",
        edgecolor=canvas.theme.county,
        lw=0.45 * canvas.unit,
        zorder=1.1,
    )


def draw_indicator(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """Plan areas coloured by the chosen target, each named at its middle."""
    values = scene.choropleth.values
    classes = list(scene.choropleth.classes)
    colors = [class_color(v, classes) for v in values["value"].astype(float)]
    _polygons(
        canvas,
        values.geometry,
        facecolors=colors,
        alpha=INDICATOR_ALPHA,
        edgecolors=canvas.theme.text,
        linewidths=0.8 * canvas.unit,
        zorder=1.5,
    )
    lang = scene.lang
    for geometry, name, value, unit_text in zip(
        values.geometry, values[f"area_{lang}"], values["value"], values["unit"], strict=True
    ):
        if geometry is None or geometry.is_empty:
            continue
        point = geometry.representative_point()
        amount = f"{value:g}" if isinstance(value, float) else str(value)
        text = plain_text(f"{name} {amount}{' ' + unit_text if unit_text else ''}")
        canvas.labels.append(
            Candidate(
                point.x, point.y, text, AREA_PRIORITY, style="area", centres=((point.x, point.y),)
            )
        )


def draw_structures(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """Strategy extents; the view's strategy drawn strong."""
    chosen = scene.structures.index == scene.view.strategy
    for mask, alpha, width, style in ((~chosen, 0.08, 0.8, "--"), (chosen, 0.16, 1.8, "-")):
        if mask.any():
            _polygons(
                canvas,
                scene.structures.geometry[mask],
                facecolors=to_rgba(STRUCTURE_COLOR, alpha),
                edgecolors=STRUCTURE_COLOR,
                linestyles=style,
                linewidths=width * canvas.unit,
                zorder=2,
            )


def draw_zones(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """Zones' schematic extents: light, dotted areas under the points; zones of highlighted
    places drawn strong."""
    zones = scene.zones
    if zones.empty:
        return
    chosen = zones["place_id"].isin(list(scene.highlights)).to_numpy()
    dash = (0, tuple(float(v) for v in ZONE_DASH.split()))
    for mask, edge, width, style in (
        (~chosen, ZONE_COLOR, 0.6, dash),
        (chosen, canvas.theme.highlight, 1.4, "-"),
    ):
        if mask.any():
            _polygons(
                canvas,
                zones.geometry[mask],
                facecolors=to_rgba(ZONE_COLOR, ZONE_FILL_OPACITY * 1.5),
                edgecolors=edge,
                linestyles=[style],
                linewidths=width * canvas.unit,
                zorder=2.5,
            )


def _arc(a, b, bend: float = 0.18, steps: int = 24) -> np.ndarray:
    """Points of the same left-bulging quadratic arc the web map draws, as (lon, lat)."""
    (ax_, ay), (bx, by) = a, b
    mid = ((ax_ + bx) / 2, (ay + by) / 2)
    ctrl = (mid[0] - (by - ay) * bend, mid[1] + (bx - ax_) * bend)
    t = np.linspace(0, 1, steps)[:, None]
    return (1 - t) ** 2 * np.array(a) + 2 * (1 - t) * t * np.array(ctrl) + t**2 * np.array(b)


def _local_link_rings(canvas: Canvas, scene: Scene) -> None:
    """Local links (all ends on one point) as rings at their point, widening one by one
    where several share it, as on the web map."""
    selected = scene.view.selected_object("link")
    at_point: dict[tuple[float, float], int] = {}
    for link_id, link in scene.links[scene.links["local"]].iterrows():
        point = scene.gz.anchor(link["from_id"])
        n = at_point[(point.x, point.y)] = at_point.get((point.x, point.y), -1) + 1
        chosen = link_id == selected
        canvas.ax.scatter(
            [point.x],
            [point.y],
            s=((LOCAL_LINK_RADIUS + n * LOCAL_LINK_STEP) * 1.6 * canvas.unit) ** 2,
            marker="o",
            facecolors="none",
            edgecolors=canvas.theme.highlight if chosen else LINK_STYLES[link["kind"]].color,
            linewidths=(1.6 if chosen else 0.9) * canvas.unit,
            zorder=3,
        )


def _corridor_candidate(canvas: Canvas, scene: Scene, link, pts: np.ndarray) -> Candidate:
    """The name of a corridor, centred on its arc: at the middle, else further out."""
    inside = pts[canvas.inside(pts[:, 0], pts[:, 1])]
    steps = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)
    centres = (
        tuple(
            (float(p[0]), float(p[1])) for p in (inside[int(s * (len(inside) - 1))] for s in steps)
        )
        if len(inside)
        else ()
    )
    text = plain_text(place_label(link["name_zh"], link["name_en"], _label_mode(scene)))
    return Candidate(
        float(pts[len(pts) // 2][0]),
        float(pts[len(pts) // 2][1]),
        text,
        CORRIDOR_PRIORITY,
        style="corridor",
        centres=centres,
    )


def draw_links(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """Links as arcs with arrowheads (legs within one point left out), local links as rings;
    one name per innovation corridor, placed with the other names."""
    ax, gz = canvas.ax, scene.gz
    selected = scene.view.selected_object("link")
    drawn, labelled = set(), set()
    _local_link_rings(canvas, scene)
    for link_id, link in scene.links[~scene.links["local"]].iterrows():
        style = LINK_STYLES[link["kind"]]
        color = canvas.theme.highlight if link_id == selected else style.color
        ends = [gz.anchor(r) for r in [link["from_id"], *link["via"], link["to_id"]]]
        legs = [((a.x, a.y), (b.x, b.y)) for a, b in pairwise(ends) if not a.equals(b)]
        for i, (a, b) in enumerate(legs):
            if (a, b, link["kind"]) in drawn:
                continue
            drawn.add((a, b, link["kind"]))
            pts = _arc(a, b)
            line = ax.plot(
                pts[:, 0],
                pts[:, 1],
                color=color,
                lw=style.weight * 0.6 * canvas.unit,
                alpha=0.85,
                zorder=3,
                solid_capstyle="round",
            )[0]
            if style.dash:
                line.set_dashes([float(v) for v in style.dash.split()])
            if i == len(legs) - 1:
                ax.add_artist(
                    FancyArrowPatch(
                        pts[-3],
                        pts[-1],
                        arrowstyle="-|>",
                        mutation_scale=(8 + style.weight * 2) * canvas.unit,
                        color=color,
                        lw=0,
                        zorder=3,
                    )
                )
            if link["kind"] == "innovation_corridor" and link["name_zh"] not in labelled:
                candidate = _corridor_candidate(canvas, scene, link, pts)
                if candidate.centres:
                    labelled.add(link["name_zh"])
                    canvas.labels.append(candidate)


def _label_mode(scene: Scene) -> str:
    """Corridors are always named: in the labels' language, else the interface's."""
    return scene.view.labels if scene.view.labels != "off" else scene.lang


def draw_projects(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """Major projects as circles whose area is proportional to the investment."""
    projects = scene.projects
    if projects.empty:
        return
    largest = float(projects["investment_yi"].max())
    sizes = [
        (project_radius(v, largest) * 1.6 * canvas.unit) ** 2 for v in projects["investment_yi"]
    ]
    canvas.ax.scatter(
        projects.geometry.x,
        projects.geometry.y,
        s=sizes,
        c=PROJECT_COLOR,
        alpha=0.5,
        edgecolors=canvas.theme.marker_edge,
        linewidths=0.8 * canvas.unit,
        zorder=4,
    )


def _priorities(places: pd.DataFrame, radius: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    tier = places["tier"].map(TIER_PRIORITY).fillna(100).to_numpy(float)
    return tier + radius + chosen * HIGHLIGHT_PRIORITY


def draw_places(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """The scene's places inside the frame, shaped and coloured by kind, sized by tier, a
    dashed halo for seats, highlights strong, pile-ups as count badges ringed by the kinds
    inside (:mod:`~layers.printing.piles`); the others are counted as outside."""
    places = scene.places
    inside = canvas.inside(places["lon"].to_numpy(), places["lat"].to_numpy())
    canvas.outside += list(places.index[~inside])
    places = places[inside]
    canvas.drawn += list(places.index)
    if places.empty:
        return
    ax, dpi = canvas.ax, canvas.fig.dpi
    chosen = places.index.isin(list(scene.highlights))
    drawn = piles(places, canvas.bbox, canvas.map_box, canvas.unit, dpi, chosen)
    xy = ax.transData.inverted().transform(np.column_stack([drawn.x, drawn.y]))
    coarse = places["precision"].isin(COARSE_PRECISIONS).to_numpy()
    theme, u = canvas.theme, canvas.unit
    for kind in pd.unique(places["kind"]):
        style = PLACE_STYLES[kind]
        of_kind = (places["kind"] == kind).to_numpy() & drawn.single
        for mask, edge, lw, ls, zorder in (
            (of_kind & ~coarse & ~chosen, theme.marker_edge, 0.6, "-", 5),
            (of_kind & coarse & ~chosen, theme.muted, 0.8, (0, (2, 1.5)), 5),
            (of_kind & chosen, theme.highlight, 1.8, "-", 5.5),
        ):
            if mask.any():
                ax.scatter(
                    xy[mask, 0],
                    xy[mask, 1],
                    s=(drawn.radius[mask] * 2 * 72 / dpi) ** 2,
                    marker=MARKERS[style.shape],
                    c=style.color,
                    edgecolors=edge,
                    linewidths=lw * u,
                    linestyles=ls,
                    zorder=zorder,
                )
    colors = [PLACE_STYLES[k].color for k in places["kind"]]
    for x, y, radius, members in drawn.badges:
        _badge(
            canvas, (x, y), radius, [colors[i] for i in members], bool(chosen[list(members)].any())
        )
    if scene.view.labels != "off":
        names = zip(places["name_zh"], places["name_en"], strict=True)
        priority = _priorities(places, drawn.radius, chosen)
        canvas.labels += [
            Candidate(
                x, y, plain_text(place_label(zh, en, scene.view.labels)), p, r * 72 / dpi, owner=i
            )
            for i, ((x, y), (zh, en), r, p, single) in enumerate(
                zip(xy, names, drawn.radius, priority, drawn.single, strict=True)
            )
            if single
        ]


def _badge(canvas: Canvas, centre, radius: float, colors: list[str], high: bool) -> None:
    """A count badge at the figure pixel ``centre``: a ring split by the members' colours
    (in order of first appearance), a disc and the count, as on the web map."""
    ax, fig = canvas.ax, canvas.fig
    lon, lat = ax.transData.inverted().transform(centre)
    trans = fig.dpi_scale_trans + ScaledTranslation(lon, lat, ax.transData)
    r_in = radius / fig.dpi
    counts = Counter(colors)
    start = 90.0
    for color in dict.fromkeys(colors):
        sweep = 360 * counts[color] / len(colors)
        ax.add_artist(
            Wedge(
                (0, 0), r_in, start, start + sweep, fc=color, ec="none", transform=trans, zorder=5.8
            )
        )
        start += sweep
    theme = canvas.theme
    ax.add_artist(
        Circle((0, 0), r_in * 0.64, fc=theme.paper, ec="none", transform=trans, zorder=5.9)
    )
    ax.add_artist(
        Circle(
            (0, 0),
            r_in,
            fill=False,
            ec=theme.text if high else theme.marker_edge,
            lw=(2.2 if high else 1.0) * canvas.unit,
            transform=trans,
            zorder=5.9,
        )
    )
    ax.text(
        lon,
        lat,
        str(len(colors)),
        ha="center",
        va="center",
        fontsize=radius * 0.8 * 72 / fig.dpi,
        fontweight="bold",
        color=theme.text,
        zorder=6,
    )


def draw_user(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """An uploaded layer in its colour, above the plans' places; its points are labelled
    before any place."""
    layer = next(layer for layer in scene.user_layers if unit.key == f"user:{layer.key}")
    frame = layer.frame[layer.frame.geometry.notna() & ~layer.frame.geometry.is_empty]
    kinds = frame.geometry.geom_type
    areas = frame[kinds.isin(["Polygon", "MultiPolygon"])]
    lines = frame[kinds.isin(["LineString", "MultiLineString"])]
    if len(areas):
        _polygons(
            canvas,
            areas.geometry,
            facecolors=to_rgba(layer.color, 0.2),
            edgecolors=layer.color,
            zorder=5.6,
        )
    if len(lines):
        lines.plot(ax=canvas.ax, color=layer.color, linewidth=1.6 * canvas.unit, zorder=5.6)
    selected = scene.selected_feature(layer)
    for row, geometry in enumerate(layer.frame.geometry):
        if (
            geometry is None
            or geometry.is_empty
            or geometry.geom_type not in ("Point", "MultiPoint")
        ):
            continue
        points = getattr(geometry, "geoms", [geometry])
        canvas.ax.scatter(
            [p.x for p in points],
            [p.y for p in points],
            s=(USER_RADIUS * 1.6 * canvas.unit) ** 2,
            marker=MARKERS[layer.shape],
            c=layer.color,
            edgecolors=canvas.theme.highlight if row == selected else canvas.theme.marker_edge,
            linewidths=(1.8 if row == selected else 0.8) * canvas.unit,
            zorder=6,
        )
        canvas.user_points += len(points)
        if scene.view.labels != "off":
            canvas.labels += [
                Candidate(
                    p.x,
                    p.y,
                    plain_text(layer.label(row)),
                    math.inf,
                    USER_RADIUS * 0.8 * canvas.unit,
                )
                for p in points
            ]


PRINT_DRAWERS: dict[str, Callable[[Canvas, Scene, DrawUnit], None]] = {
    name: globals()[f"draw_{name}"] for name in DRAW_ORDER
}
"""Drawer name (``drawn_by`` of the registry) -> its print drawer ``draw_<name>``: every
drawer of the registry has one, or this module fails to import."""
