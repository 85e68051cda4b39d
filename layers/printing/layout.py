"""The geometry of a slide, free of matplotlib: the frame on the data shown, the corners the
furniture goes to (free of every marker) and the greedy, collision-free name labels.

Boxes are ``(x0, y0, x1, y1)`` in figure pixels, y up (matplotlib's display space).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import permutations

import numpy as np

Box = tuple[float, float, float, float]
Point = tuple[float, float]
Bounds = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

PAD = 0.08
"""Share of the data's extent added on each side of a tight frame."""
MIN_SPAN = 0.12
"""Smallest height of a frame in degrees of latitude (≈ 13 km): one place is not a map."""
GROW = 1.15
"""Factor a frame grows by when the furniture finds no free corners."""
MAX_GROWTH = 5
POSITIONS: dict[str, tuple[float, float]] = {
    "upper left": (0.0, 1.0),
    "upper right": (1.0, 1.0),
    "lower left": (0.0, 0.0),
    "lower right": (1.0, 0.0),
    "upper center": (0.5, 1.0),
    "lower center": (0.5, 0.0),
    "center left": (0.0, 0.5),
    "center right": (1.0, 0.5),
}
"""Where furniture may go in the map: corners, then the middles of the edges (the
fractions of the map's width and height its box is anchored to)."""
FAR_RINGS = 4
"""Rings of candidate boxes, each 1.5 label heights farther out, tried for names that must
appear when the eight positions beside the marker are taken."""
LABEL_OFFSETS = ((1, 0), (1, 1), (1, -1), (-1, 0), (-1, 1), (-1, -1), (0, 1), (0, -1))
"""The eight label positions around a marker, in order of preference: right, upper right,
lower right, left, upper left, lower left, above, below."""


def aspect_cos(bounds: Bounds) -> float:
    """Ground width of one degree of longitude per degree of latitude at the frame's middle."""
    return math.cos(math.radians((bounds[1] + bounds[3]) / 2))


def snap(bounds: Bounds, aspect: float) -> Bounds:
    """``bounds`` grown on its short side so that its ground width / height is ``aspect``."""
    minx, miny, maxx, maxy = bounds
    cos = aspect_cos(bounds)
    width, height = (maxx - minx) * cos, maxy - miny
    if width / height < aspect:
        grow = (height * aspect / cos - (maxx - minx)) / 2
        return minx - grow, miny, maxx + grow, maxy
    grow = ((maxx - minx) * cos / aspect - height) / 2
    return minx, miny - grow, maxx, maxy + grow


def tight(boxes: Iterable[Bounds], aspect: float, pad: float = PAD) -> Bounds | None:
    """The frame on ``boxes`` (points are boxes of no size): their union padded by ``pad``
    of its size on each side, at least :data:`MIN_SPAN` high, snapped to ``aspect``;
    ``None`` when there is nothing to frame."""
    boxes = list(boxes)
    if not boxes:
        return None
    array = np.asarray(boxes, dtype=float)
    minx, miny = array[:, 0].min(), array[:, 1].min()
    maxx, maxy = array[:, 2].max(), array[:, 3].max()
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    half_w = max((maxx - minx) * (0.5 + pad), 1e-6)
    half_h = max((maxy - miny) * (0.5 + pad), MIN_SPAN / 2)
    return snap((cx - half_w, cy - half_h, cx + half_w, cy + half_h), aspect)


def grow(bounds: Bounds, factor: float = GROW) -> Bounds:
    """``bounds`` scaled by ``factor`` about its centre."""
    minx, miny, maxx, maxy = bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    hw, hh = (maxx - minx) * factor / 2, (maxy - miny) * factor / 2
    return cx - hw, cy - hh, cx + hw, cy + hh


def to_pixels(bounds: Bounds, map_box: Box, lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Figure pixels of (lon, lat) in a map of ``bounds`` filling ``map_box``."""
    minx, miny, maxx, maxy = bounds
    x0, y0, x1, y1 = map_box
    x = x0 + (np.asarray(lon, dtype=float) - minx) / (maxx - minx) * (x1 - x0)
    y = y0 + (np.asarray(lat, dtype=float) - miny) / (maxy - miny) * (y1 - y0)
    return x, y


def anchored(map_box: Box, size: tuple[float, float], position: str, margin: float) -> Box:
    """The box of ``size`` (w, h) at ``position`` in ``map_box``, ``margin`` from its edges."""
    x0, y0, x1, y1 = map_box
    w, h = size
    fx, fy = POSITIONS[position]
    left = x0 + margin + fx * (x1 - x0 - 2 * margin - w)
    bottom = y0 + margin + fy * (y1 - y0 - 2 * margin - h)
    return left, bottom, left + w, bottom + h


def hits(boxes: np.ndarray, box: Box) -> np.ndarray:
    """Which rows of ``boxes`` (n × 4) overlap ``box``."""
    if not len(boxes):
        return np.zeros(0, dtype=bool)
    return (
        (boxes[:, 0] < box[2])
        & (boxes[:, 2] > box[0])
        & (boxes[:, 1] < box[3])
        & (boxes[:, 3] > box[1])
    )


def overlap(a: Box, b: Box) -> bool:
    """Whether two boxes overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True)
class Item:
    """A piece of furniture: its size in pixels and the positions it may take, preferred
    first."""

    name: str
    size: tuple[float, float]
    prefer: tuple[str, ...]


def arrange(
    items: Sequence[Item], map_box: Box, symbols: np.ndarray, margin: float
) -> dict[str, Box] | None:
    """A box for every item, none overlapping a symbol (rows of ``symbols``) or another
    item, each at the first free position it prefers (items taken in order, the search
    backtracking when a later one finds no room); ``None`` when there is no such layout."""
    free = {
        item.name: [
            anchored(map_box, item.size, p, margin)
            for p in item.prefer
            if fits(item.size, map_box, margin)
            and not hits(symbols, anchored(map_box, item.size, p, margin)).any()
        ]
        for item in items
    }

    def search(i: int, taken: dict[str, Box]) -> dict[str, Box] | None:
        if i == len(items):
            return taken
        for box in free[items[i].name]:
            if not any(overlap(box, other) for other in taken.values()):
                found = search(i + 1, {**taken, items[i].name: box})
                if found:
                    return found
        return None

    return search(0, {})


def fits(size: tuple[float, float], map_box: Box, margin: float) -> bool:
    """Whether a box of ``size`` fits in the map at all."""
    return (
        size[0] + 2 * margin <= map_box[2] - map_box[0]
        and size[1] + 2 * margin <= map_box[3] - map_box[1]
    )


def fallback(items: Sequence[Item], map_box: Box, symbols: np.ndarray, margin: float) -> dict:
    """The layout covering the fewest symbols when no frame leaves room for all items."""
    best, best_cost = {}, math.inf
    positions = list(POSITIONS)
    for chosen in permutations(positions, len(items)):
        boxes = {
            it.name: anchored(map_box, it.size, p, margin)
            for it, p in zip(items, chosen, strict=True)
        }
        if any(overlap(a, b) for a, b in permutations(boxes.values(), 2)):
            continue
        cost = sum(int(hits(symbols, box).sum()) for box in boxes.values())
        if cost < best_cost:
            best, best_cost = boxes, cost
    return best


class Grid:
    """Boxes bucketed in square cells, for fast overlap queries; each box has an owner
    (the marker a label belongs to does not block that label)."""

    def __init__(self, cell: float):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[Box, int]]] = {}

    def _keys(self, box: Box):
        c = self.cell
        for i in range(int(box[0] // c), int(box[2] // c) + 1):
            for j in range(int(box[1] // c), int(box[3] // c) + 1):
                yield i, j

    def add(self, box: Box, owner: int = -1) -> None:
        """Add ``box`` (belonging to ``owner``)."""
        for key in self._keys(box):
            self.cells.setdefault(key, []).append((box, owner))

    def blocked(self, box: Box, owner: int = -1) -> bool:
        """Whether ``box`` overlaps a box not of ``owner`` (``-1``: of no marker)."""
        for key in self._keys(box):
            for other, who in self.cells.get(key, ()):
                if (owner < 0 or who != owner) and overlap(box, other):
                    return True
        return False


@dataclass(frozen=True)
class Label:
    """A name to place: anchor ``(x, y)`` in pixels, text size ``(w, h)``, the radius of its
    marker (``0`` and ``centres`` for a name centred on a line), a priority (higher first)
    and the owner id of its marker."""

    x: float
    y: float
    w: float
    h: float
    radius: float
    priority: float
    owner: int = -1
    centres: tuple[tuple[float, float], ...] = ()


def inside(frame: Bounds, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Which points (lon, lat) lie inside ``frame`` (edges included)."""
    return (lon >= frame[0]) & (lon <= frame[2]) & (lat >= frame[1]) & (lat <= frame[3])


def label_boxes(label: Label, gap: float, ring: int = 0) -> list[Box]:
    """Candidate boxes of ``label``: centred on each of its ``centres``, then (when it has a
    radius or no centres) the eight around its point; ring ``k`` > 0 gives only the eight,
    ``k`` label heights farther out (a name that must appear, drawn with a leader line)."""
    w, h = label.w, label.h
    boxes = [] if ring else [(x - w / 2, y - h / 2, x + w / 2, y + h / 2) for x, y in label.centres]
    if label.centres and not label.radius:
        return boxes
    for dx, dy in LABEL_OFFSETS:
        reach = label.radius * (0.75 if dx and dy else 1.0) + gap + ring * 1.5 * h
        left = label.x + reach if dx > 0 else label.x - reach - w if dx < 0 else label.x - w / 2
        bottom = label.y + reach if dy > 0 else label.y - reach - h if dy < 0 else label.y - h / 2
        boxes.append((left, bottom, left + w, bottom + h))
    return boxes


def place_labels(
    labels: Sequence[Label],
    grid: Grid,
    map_box: Box,
    gap: float,
    must_show: float = math.inf,
) -> dict[int, Box]:
    """Greedy labelling: labels in priority order each take the first of their candidate
    boxes that lies inside ``map_box`` and overlaps nothing in ``grid`` (markers, furniture,
    labels placed before); a label with no free box is left out, unless its priority is at
    least ``must_show`` (the selection, a strategy's members): those try rings farther out
    (:data:`FAR_RINGS`) before giving up. Index -> box."""
    placed: dict[int, Box] = {}
    x0, y0, x1, y1 = map_box
    for i in sorted(range(len(labels)), key=lambda k: -labels[k].priority):
        label = labels[i]
        rings = range(FAR_RINGS + 1) if label.priority >= must_show else (0,)
        for box in (b for ring in rings for b in label_boxes(label, gap, ring)):
            if box[0] < x0 or box[1] < y0 or box[2] > x1 or box[3] > y1:
                continue
            if not grid.blocked(box, label.owner):
                placed[i] = box
                grid.add(box)
                break
    return placed


def leader(label: Label, box: Box, gap: float) -> tuple[Point, Point] | None:
    """The leader line from the edge of ``label``'s marker to the nearest point of its
    placed ``box``, or ``None`` when the box sits right beside the marker."""
    nx, ny = min(max(label.x, box[0]), box[2]), min(max(label.y, box[1]), box[3])
    distance = math.hypot(nx - label.x, ny - label.y)
    if distance <= label.radius + 2 * gap or label.centres and not label.radius:
        return None
    edge = label.radius / distance
    start = (label.x + (nx - label.x) * edge, label.y + (ny - label.y) * edge)
    return start, (nx, ny)
