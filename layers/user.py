"""Layers the user uploads: drawn over the plans' layers with their own colours, one
legend row each, labels from their name column. Text stays raw here; the map script
inserts it with ``textContent`` only, the legend and print escape or draw it as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template
from pandas.api.types import is_object_dtype, is_string_dtype
from shapely.geometry import mapping

from layers.datum import Shift, identity, shift_coordinates
from layers.legend import LegendEntry
from layers.places import PlacesOverlay, point_columns, script_json
from layers.verbatim import VerbatimMacro

USER_DECIMALS = 6
USER_RADIUS = 6
USER_STYLES: tuple[tuple[str, str], ...] = (
    ("#d81b60", "circle"),
    ("#00838f", "square"),
    ("#6a1b9a", "diamond"),
    ("#2e7d32", "triangle"),
    ("#ef6c00", "circle"),
    ("#283593", "square"),
)
"""(colour, shape) of the n-th uploaded layer; none is used by a plan layer."""

NAME_COLUMNS = (
    "name",
    "名称",
    "name_zh",
    "title",
    "标题",
    "项目名称",
    "企业名称",
    "单位名称",
    "地名",
)
"""Columns tried, in order, for a feature's label (case-insensitive); else the first text column."""


@dataclass(frozen=True)
class UserLayerView:
    """An uploaded layer as the map, legend and print draw it.

    Attributes
    ----------
    key : str
        Short id within the session (``u1``, ``u2`` …); feature refs are ``key:row``.
    title : str
        The layer's name (from the file name), raw text.
    frame : geopandas.GeoDataFrame
        The user's rows in EPSG:4326; rows without geometry are kept and not drawn.
    color, shape : str
        Symbol from :data:`USER_STYLES`.
    """

    key: str
    title: str
    frame: gpd.GeoDataFrame
    color: str
    shape: str

    @cached_property
    def labels(self) -> tuple[str, ...]:
        """Name of each feature: its label column, else the layer's title and row number."""
        column = label_column(self.frame)
        values = self.frame[column].tolist() if column else [None] * len(self.frame)
        texts = ("" if v is None else str(v).strip() for v in values)
        return tuple(
            text if text and text.lower() != "nan" else f"{self.title} #{row + 1}"
            for row, text in enumerate(texts)
        )

    def label(self, row: int) -> str:
        """Name of the ``row``-th feature."""
        return self.labels[row]


def user_style(index: int) -> tuple[str, str]:
    """(colour, shape) of the ``index``-th uploaded layer (0-based), cycling."""
    return USER_STYLES[index % len(USER_STYLES)]


def label_column(frame: gpd.GeoDataFrame) -> str | None:
    """The column that names the features: a known name column, else the first text column."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    lowered = {str(c).strip().lower(): c for c in columns}
    for name in NAME_COLUMNS:
        if name in lowered:
            return lowered[name]
    for column in columns:
        if is_object_dtype(frame[column]) or is_string_dtype(frame[column]):
            return column
    return None


def user_features(
    layer: UserLayerView, labels: bool, selected: str = "", shift: Shift = identity
) -> dict:
    """FeatureCollection of the layer's lines, areas and multi-part features (points go
    through :func:`user_points`): geometry (rounded, shifted to the basemap's datum), ``u``
    (feature ref), ``t`` (tooltip), ``n`` (label when ``labels``), ``h`` (selected)."""
    features = []
    for row, geometry in enumerate(layer.frame.geometry):
        if geometry is None or geometry.is_empty or geometry.geom_type == "Point":
            continue
        shape = mapping(geometry)
        ref = f"{layer.key}:{row}"
        text = layer.label(row)
        if shape["type"] == "GeometryCollection":
            drawn = {"geometries": [_rounded(mapping(g), shift) for g in geometry.geoms]}
        else:
            drawn = {"coordinates": _rounded(shape, shift)["coordinates"]}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": shape["type"], **drawn},
                "properties": {
                    "u": ref,
                    "t": text,
                    "n": text if labels else "",
                    "h": ref == selected,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def user_points(
    layer: UserLayerView, labels: bool, selected: str = "", shift: Shift = identity
) -> dict | None:
    """The layer's single points in the places' column format (see
    :func:`layers.places.point_columns`, key ``u``), or ``None`` when it has none; large
    layers are then drawn by the map script's one-canvas point cloud."""
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
    refs = [f"{layer.key}:{row}" for row in rows]
    styles = pd.DataFrame(
        {"c": layer.color, "s": layer.shape, "r": USER_RADIUS, "k": False}, index=range(len(rows))
    )
    data = point_columns(refs, lon, lat, styles, key="u")
    data["t"] = [layer.labels[row] for row in rows]
    data["n"] = data["t"] if labels else []
    data["h"] = [i for i, ref in enumerate(refs) if ref == selected]
    return data


def user_overlays(
    layer: UserLayerView, labels: bool, selected: str = "", shift: Shift = identity
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


def _rounded(shape: dict, shift: Shift) -> dict:
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


def user_legend_entries(layers: list[UserLayerView]) -> list[LegendEntry]:
    """One legend row per uploaded layer, with its symbol and name."""
    entries = []
    for layer in layers:
        types = set(layer.frame.geometry.dropna().geom_type)
        symbol = layer.shape
        if types and not types & {"Point", "MultiPoint"}:
            symbol = "line" if types <= {"LineString", "MultiLineString"} else "area"
        entries.append(LegendEntry(symbol, layer.color, layer.title))
    return entries


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
