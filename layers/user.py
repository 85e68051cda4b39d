"""Layers the user uploads (:class:`geo.upload.layer.UserLayer`): drawn over the plans'
layers in their own colours, labelled from their name column. Text stays raw here; the map
script inserts it with ``textContent`` only, the legend and print escape or draw it as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from layers.datum import Shift, identity, shift_coordinates
from layers.places import PlacesOverlay, point_columns, script_json
from layers.verbatim import VerbatimMacro
from viewmodel.style import USER_RADIUS
from viewmodel.view import FeatureRef, ref_id, ref_text

if TYPE_CHECKING:
    from geo.upload.layer import UserLayer
    from viewmodel.scene import DrawUnit, Scene

USER_DECIMALS = 6


def user_features(
    layer: UserLayer, labels: bool, selected: int | None = None, shift: Shift = identity
) -> dict:
    """FeatureCollection of the layer's lines, areas and multi-part features (points go
    through :func:`user_points`): geometry (rounded, shifted to the basemap's datum), ``ref``
    (click payload ``user:<layer>:<row>``), ``t`` (tooltip), ``n`` (label when ``labels``),
    ``h`` (the ``selected`` row)."""
    features = []
    for row, geometry in enumerate(layer.frame.geometry):
        if geometry is None or geometry.is_empty or geometry.geom_type == "Point":
            continue
        text = layer.label(row)
        features.append(
            {
                "type": "Feature",
                "geometry": _drawn(geometry, shift),
                "properties": {
                    "ref": ref_text(FeatureRef(layer.key, row)),
                    "t": text,
                    "n": text if labels else "",
                    "h": row == selected,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def user_points(
    layer: UserLayer, labels: bool, selected: int | None = None, shift: Shift = identity
) -> dict | None:
    """The layer's single points in the places' column format (see
    :func:`layers.places.point_columns`, kind ``user``), or ``None`` when it has none;
    large layers are then drawn by the map script's one-canvas point cloud."""
    geometries = layer.frame.geometry
    rows = [
        row
        for row, g in enumerate(geometries)
        if g is not None and not g.is_empty and g.geom_type == "Point"
    ]
    if not rows:
        return None
    points = geometries.iloc[rows]
    lon, lat = shift(points.x.to_numpy(), points.y.to_numpy())
    ids = [ref_id(FeatureRef(layer.key, row)) for row in rows]
    styles = pd.DataFrame(
        {"c": layer.color, "s": layer.shape, "r": USER_RADIUS, "k": False}, index=range(len(rows))
    )
    data = point_columns(ids, lon, lat, styles, kind="user")
    data["t"] = [layer.labels[row] for row in rows]
    data["n"] = data["t"] if labels else []
    data["h"] = [i for i, row in enumerate(rows) if row == selected]
    return data


def user_overlays(
    layer: UserLayer, labels: bool, selected: int | None = None, shift: Shift = identity
) -> list[MacroElement]:
    """Map elements drawing an uploaded layer: its points like places, the rest as shapes."""
    elements: list[MacroElement] = []
    points = user_points(layer, labels, selected, shift)
    if points is not None:
        elements.append(PlacesOverlay(points, labels))
    shapes = user_features(layer, labels, selected, shift)
    if shapes["features"]:
        elements.append(UserOverlay(shapes, layer.color, layer.shape, labels))
    return elements


def draw_user(scene: Scene, unit: DrawUnit, shift: Shift) -> list[MacroElement]:
    """The uploaded layer of ``unit``, its selected feature drawn strong."""
    layer = next(layer for layer in scene.user_layers if unit.key == f"user:{layer.key}")
    labels = scene.view.labels != "off"
    return user_overlays(layer, labels, scene.selected_feature(layer), shift)


def _drawn(geometry: BaseGeometry, shift: Shift) -> dict:
    """GeoJSON geometry of ``geometry``, rounded and shifted; collections at any depth (the
    reader flattens them, a layer built otherwise may not have been)."""
    if geometry.geom_type == "GeometryCollection":
        parts = [_drawn(part, shift) for part in geometry.geoms if not part.is_empty]
        return {"type": "GeometryCollection", "geometries": parts}
    shape = mapping(geometry)
    coords = shift_coordinates(_lists(shape["coordinates"]), shift)
    return {"type": shape["type"], "coordinates": _round(coords)}


def _lists(coords):
    if isinstance(coords, (tuple, list)) and coords and isinstance(coords[0], (int, float)):
        return [float(c) for c in coords[:2]]
    return [_lists(c) for c in coords]


def _round(coords):
    if coords and isinstance(coords[0], float):
        return [round(c, USER_DECIMALS) for c in coords]
    return [_round(c) for c in coords]


class UserOverlay(VerbatimMacro):
    """Draws an uploaded layer's lines and areas into its parent group with
    ``GBA.addUserLayer``; the data goes into the page verbatim (no template pass)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.addUserLayer({{ this._parent.get_name() }}, {{ this.json }},"
        " {{ this.style|tojson }}, {{ this.labels|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, data: dict, color: str, shape: str, labels: bool):
        super().__init__()
        self._name = "UserOverlay"
        self.json = script_json(data)
        self.style = {"color": color, "shape": shape}
        self.labels = labels
