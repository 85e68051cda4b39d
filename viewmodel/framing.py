"""What a view frames: the boxes a tight frame must hold — the same for the print's frame
and for presentation mode's “fit” buttons."""

from __future__ import annotations

from geo.select import member_places
from viewmodel.scene import Scene

HOME = (109.6, 20.1, 117.4, 25.6)
"""Guangdong with Hong Kong and Macau: a tight frame takes the data inside it (partners in
Beijing or Shanghai are counted as outside the frame, not framed)."""
Bounds = tuple[float, float, float, float]


def _within(box: Bounds, outer: Bounds) -> bool:
    return box[0] >= outer[0] and box[1] >= outer[1] and box[2] <= outer[2] and box[3] <= outer[3]


def frame_boxes(scene: Scene) -> list[Bounds]:
    """What a tight frame of ``scene`` must hold: the strategy (members and extent), else the
    open place, else every place, zone and uploaded feature of the scene inside
    :data:`HOME`; points as boxes of no size."""
    view, places = scene.view, scene.places
    home = (
        (places["lon"] >= HOME[0])
        & (places["lon"] <= HOME[2])
        & (places["lat"] >= HOME[1])
        & (places["lat"] <= HOME[3])
    )
    points = places[home]
    if view.strategy in scene.gz.structures.index:
        members = [m for m in member_places(scene.gz, view.strategy) if m in points.index]
        points = points.loc[members]
        shape = scene.gz.structures.at[view.strategy, "geometry"]
        extra = [tuple(shape.bounds)] if shape is not None and not shape.is_empty else []
    elif view.selected_object("place") in points.index:
        points = points.loc[[view.selected_object("place")]]
        extra = []
    else:
        extra = [tuple(b) for b in scene.zones.bounds.to_numpy()] if len(scene.zones) else []
        for layer in scene.user_layers:
            frame = layer.frame[layer.frame.geometry.notna() & ~layer.frame.geometry.is_empty]
            if len(frame):
                extra.append(tuple(frame.total_bounds))
    boxes = [(x, y, x, y) for x, y in zip(points["lon"], points["lat"], strict=True)]
    return boxes + [b for b in extra if _within(b, HOME)]


def data_bounds(scene: Scene, pad: float = 0.08) -> Bounds | None:
    """The union of :func:`frame_boxes`, padded by ``pad`` of its size on each side
    (at least 0.02°); ``None`` when there is nothing to frame."""
    boxes = frame_boxes(scene)
    if not boxes:
        return None
    minx, miny = min(b[0] for b in boxes), min(b[1] for b in boxes)
    maxx, maxy = max(b[2] for b in boxes), max(b[3] for b in boxes)
    dx, dy = max((maxx - minx) * pad, 0.02), max((maxy - miny) * pad, 0.02)
    return minx - dx, miny - dy, maxx + dx, maxy + dy
