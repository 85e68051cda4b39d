"""The print's drawers, one per drawer name of the layer registry (:data:`PRINT_DRAWERS`):
each draws one unit of the scene onto the :class:`Canvas` with the same style table as the
web map, and hands its labels to the canvas for the final collision-free labelling."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from geo import boundaries  # noqa: E402
from layers.places import place_label  # noqa: E402
from layers.printing.fonts import plain_text  # noqa: E402
from layers.printing.furniture import MARKERS  # noqa: E402
from layers.projects import project_radius  # noqa: E402
from viewmodel.choropleth import class_color  # noqa: E402
from viewmodel.registry import DRAW_ORDER  # noqa: E402
from viewmodel.scene import DrawUnit, Scene  # noqa: E402
from viewmodel.style import (  # noqa: E402
    BOUNDARY_COLORS,
    COARSE_PRECISIONS,
    HALO_COLOR,
    HIGHLIGHT_COLOR,
    INDICATOR_FILL_OPACITY,
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
    marker_radius,
)

CORRIDOR_LABEL_COLOR = "#7b241c"


@dataclass
class Canvas:
    """The map axes of a print and what the drawers leave for the renderer: label
    candidates (position, text, priority: higher first) and the places drawn or left out
    because they lie outside the frame."""

    fig: object
    ax: object
    bbox: tuple[float, float, float, float]
    px_to_data: float
    labels: list[tuple[float, float, str, float]] = field(default_factory=list)
    drawn: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    user_points: int = 0

    def inside(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Which points lie inside the frame."""
        minx, miny, maxx, maxy = self.bbox
        return (lon >= minx) & (lon <= maxx) & (lat >= miny) & (lat <= maxy)


def draw_land(canvas: Canvas) -> None:
    """Land, county and city outlines: the print's basemap (always drawn)."""
    boundaries.simplified("land").plot(
        ax=canvas.ax,
        zorder=1,
        facecolor=BOUNDARY_COLORS["land"],
        edgecolor=BOUNDARY_COLORS["city"],
        linewidth=0.8,
    )
    boundaries.simplified("city").plot(
        ax=canvas.ax, zorder=1, facecolor="none", edgecolor=BOUNDARY_COLORS["city"], linewidth=0.9
    )


def draw_boundaries(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """County lines."""
    boundaries.simplified("county").plot(
        ax=canvas.ax, zorder=1, facecolor="none", edgecolor=BOUNDARY_COLORS["county"], linewidth=0.4
    )


def draw_indicator(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """Plan areas coloured by the chosen target."""
    values = scene.choropleth.values
    classes = list(scene.choropleth.classes)
    colors = [class_color(v, classes) for v in values["value"].astype(float)]
    values.plot(
        ax=canvas.ax,
        color=colors,
        alpha=INDICATOR_FILL_OPACITY,
        edgecolor="#34495e",
        linewidth=1.0,
        zorder=1.5,
    )


def draw_structures(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """Strategy extents; the view's strategy drawn strong."""
    chosen = scene.structures.index == scene.view.strategy
    for mask, alpha, width, style in ((~chosen, 0.08, 0.8, "--"), (chosen, 0.16, 1.8, "-")):
        if mask.any():
            scene.structures[mask].plot(
                ax=canvas.ax,
                facecolor=STRUCTURE_COLOR,
                alpha=alpha,
                edgecolor=STRUCTURE_COLOR,
                linestyle=style,
                linewidth=width,
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
        (chosen, HIGHLIGHT_COLOR, 1.4, "-"),
    ):
        if mask.any():
            zones[mask].plot(
                ax=canvas.ax,
                facecolor=ZONE_COLOR,
                alpha=ZONE_FILL_OPACITY * 1.5,
                edgecolor=edge,
                linestyle=style,
                linewidth=width,
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
            s=((LOCAL_LINK_RADIUS + n * LOCAL_LINK_STEP) * 1.6) ** 2,
            marker="o",
            facecolors="none",
            edgecolors=HIGHLIGHT_COLOR if chosen else LINK_STYLES[link["kind"]].color,
            linewidths=1.6 if chosen else 0.9,
            zorder=3,
        )


def draw_links(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """Links as arcs with arrowheads (legs within one point left out), local links as rings;
    one label per innovation corridor name."""
    ax, gz = canvas.ax, scene.gz
    selected = scene.view.selected_object("link")
    drawn, labelled = set(), set()
    _local_link_rings(canvas, scene)
    for link_id, link in scene.links[~scene.links["local"]].iterrows():
        style = LINK_STYLES[link["kind"]]
        color = HIGHLIGHT_COLOR if link_id == selected else style.color
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
                lw=style.weight * 0.6,
                alpha=0.85,
                zorder=3,
                solid_capstyle="round",
            )[0]
            if style.dash:
                line.set_dashes([float(v) for v in style.dash.split()])
            if i == len(legs) - 1:
                ax.add_patch(
                    FancyArrowPatch(
                        pts[-3],
                        pts[-1],
                        arrowstyle="-|>",
                        mutation_scale=8 + style.weight * 2,
                        color=color,
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
                    plain_text(place_label(link["name_zh"], link["name_en"], _label_mode(scene))),
                    fontsize=7,
                    color=CORRIDOR_LABEL_COLOR,
                    ha="center",
                    va="center",
                    zorder=6,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
                    clip_on=True,
                )


def _label_mode(scene: Scene) -> str:
    """Corridors are always named: in the labels' language, else the interface's."""
    return scene.view.labels if scene.view.labels != "off" else scene.lang


def draw_projects(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """Major projects as circles whose area is proportional to the investment."""
    projects = scene.projects
    if projects.empty:
        return
    largest = float(projects["investment_yi"].max())
    sizes = [(project_radius(v, largest) * 1.6) ** 2 for v in projects["investment_yi"]]
    canvas.ax.scatter(
        projects.geometry.x,
        projects.geometry.y,
        s=sizes,
        c=PROJECT_COLOR,
        alpha=0.5,
        edgecolors="white",
        linewidths=0.8,
        zorder=4,
    )


def _offsets(lon: np.ndarray, lat: np.ndarray, px_to_data: float) -> np.ndarray:
    """Sunflower offsets (data units) spreading places that share one anchor, as on the map."""
    offsets = np.zeros((len(lon), 2))
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(lon, lat, strict=True)):
        groups.setdefault(key, []).append(i)
    golden = math.pi * (3 - math.sqrt(5))
    for members in groups.values():
        if len(members) < 2:
            continue
        for j, i in enumerate(members):
            d, angle = 5.0 * math.sqrt(j + 0.5), j * golden
            offsets[i] = (d * math.cos(angle) * px_to_data, -d * math.sin(angle) * px_to_data)
    return offsets


def draw_places(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """The scene's places inside the frame, shaped and coloured by kind, sized by tier, a
    dashed halo for seats, highlights strong; the others are counted as outside."""
    places = scene.places
    inside = canvas.inside(places["lon"].to_numpy(), places["lat"].to_numpy())
    canvas.outside += list(places.index[~inside])
    places = places[inside]
    canvas.drawn += list(places.index)
    if places.empty:
        return
    xy = places[["lon", "lat"]].to_numpy() + _offsets(
        places["lon"].to_numpy(), places["lat"].to_numpy(), canvas.px_to_data
    )
    radii = np.array(
        [marker_radius(k, t) for k, t in zip(places["kind"], places["tier"], strict=True)]
    )
    coarse = places["precision"].isin(COARSE_PRECISIONS).to_numpy()
    chosen = places.index.isin(list(scene.highlights))
    for kind in pd.unique(places["kind"]):
        style = PLACE_STYLES[kind]
        of_kind = (places["kind"] == kind).to_numpy()
        for mask, edge, lw, ls, zorder in (
            (of_kind & ~coarse & ~chosen, "white", 0.6, "-", 5),
            (of_kind & coarse & ~chosen, HALO_COLOR, 0.7, (0, (2, 1.5)), 5),
            (of_kind & chosen, HIGHLIGHT_COLOR, 1.8, "-", 5.5),
        ):
            if mask.any():
                canvas.ax.scatter(
                    xy[mask, 0],
                    xy[mask, 1],
                    s=(radii[mask] * 1.6) ** 2,
                    marker=MARKERS[style.shape],
                    c=style.color,
                    edgecolors=edge,
                    linewidths=lw,
                    linestyles=ls,
                    zorder=zorder,
                )
    mode = scene.view.labels
    if mode != "off":
        names = zip(places["name_zh"], places["name_en"], strict=True)
        canvas.labels += [
            (x, y, plain_text(place_label(zh, en, mode)), float(r))
            for (x, y), (zh, en), r in zip(xy, names, radii, strict=True)
        ]


def draw_user(canvas: Canvas, scene: Scene, unit: DrawUnit) -> None:
    """An uploaded layer in its colour, above the plans' places; its points are labelled
    before any place."""
    layer = next(layer for layer in scene.user_layers if unit.key == f"user:{layer.key}")
    frame = layer.frame[layer.frame.geometry.notna() & ~layer.frame.geometry.is_empty]
    kinds = frame.geometry.geom_type
    areas = frame[kinds.isin(["Polygon", "MultiPolygon"])]
    lines = frame[kinds.isin(["LineString", "MultiLineString"])]
    if len(areas):
        areas.plot(
            ax=canvas.ax, facecolor=layer.color, alpha=0.2, edgecolor=layer.color, zorder=5.6
        )
    if len(lines):
        lines.plot(ax=canvas.ax, color=layer.color, linewidth=1.6, zorder=5.6)
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
            s=(USER_RADIUS * 1.6) ** 2,
            marker=MARKERS[layer.shape],
            c=layer.color,
            edgecolors=HIGHLIGHT_COLOR if row == selected else "white",
            linewidths=1.8 if row == selected else 0.8,
            zorder=6,
        )
        canvas.user_points += len(points)
        if scene.view.labels != "off":
            canvas.labels += [(p.x, p.y, plain_text(layer.label(row)), math.inf) for p in points]


PRINT_DRAWERS: dict[str, Callable[[Canvas, Scene, DrawUnit], None]] = {
    name: globals()[f"draw_{name}"] for name in DRAW_ORDER
}
"""Drawer name (``drawn_by`` of the registry) -> its print drawer ``draw_<name>``: every
drawer of the registry has one, or this module fails to import."""


def label_places(canvas: Canvas, obstacles: list) -> None:
    """Greedy labels that never overlap each other or the furniture (``obstacles``: legend,
    inset, title …), highest priority (the user's data, then the biggest markers) first."""
    ax, renderer = canvas.ax, canvas.fig.canvas.get_renderer()
    placed = [artist.get_window_extent(renderer) for artist in obstacles]
    axes_box = ax.get_window_extent(renderer)
    for x, y, text, _ in sorted(canvas.labels, key=lambda label: -label[3]):
        label = ax.annotate(
            text,
            (x, y),
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
