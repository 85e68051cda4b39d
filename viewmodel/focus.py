"""Where the map goes when something is picked: the extent of the selection (or of an
uploaded layer) with the deepest zoom its precision allows, and where its name is written
on the map. Pure: a scene in, a :class:`Focus` out; the map script fits and labels."""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from shapely.geometry.base import BaseGeometry

from geo.texts import column
from viewmodel.scene import Scene
from viewmodel.view import FeatureRef, ObjectRef, ref_text

PRECISION_ZOOM = {"site": 15, "locality": 14, "town": 13, "county": 11, "city": 9}
"""Deepest zoom a place's point is shown at, by precision: a county seat stands for the
county, so the map shows the county, never the streets around the seat."""
EXTENT_ZOOM = 13
"""Deepest zoom of a strategy, link or uploaded feature fitted to its extent."""
LAYER_ZOOM = 13
"""Deepest zoom of a whole uploaded layer."""


@dataclass(frozen=True)
class Focus:
    """What the map fits to and labels.

    Attributes
    ----------
    key : str
        What it is (``place:<id>``, ``structure:<id>``, ``layer:<key>`` …).
    bounds : (west, south, east, north)
        WGS84 extent to fit (a point's extent is the point).
    max_zoom : int
        Deepest zoom of the fit.
    label : str
        The name written on the map (raw text: the script inserts it as text).
    at : (lon, lat)
        Where the name is written.
    """

    key: str
    bounds: tuple[float, float, float, float]
    max_zoom: int
    label: str
    at: tuple[float, float]


def _focus(key: str, geometry: BaseGeometry, max_zoom: int, label: str, top: bool) -> Focus:
    """A focus on ``geometry``; its name at the top of an area (``top``), else on it."""
    west, south, east, north = (float(v) for v in geometry.bounds)
    point = geometry.representative_point()
    at = ((west + east) / 2, north) if top else (float(point.x), float(point.y))
    return Focus(key, (west, south, east, north), max_zoom, label, at)


def _place_zoom(scene: Scene, place_ids) -> int:
    """The deepest zoom for an extent of ``place_ids``: that of the most precise of them
    (the extent decides unless they nearly coincide), at most :data:`EXTENT_ZOOM`."""
    places = scene.gz.places
    zooms = [PRECISION_ZOOM[places.at[p, "precision"]] for p in place_ids if p in places.index]
    return min(EXTENT_ZOOM, max(zooms, default=EXTENT_ZOOM))


def _object_focus(scene: Scene, ref: ObjectRef) -> Focus | None:
    gz, name = scene.gz, column("name", scene.lang)
    key = ref_text(ref)
    if ref.kind == "place" and ref.id in gz.places.index:
        place = gz.places.loc[ref.id]
        geometry = gz.zones.geometry[ref.id] if ref.id in gz.zones.index else place.geometry
        return _focus(key, geometry, PRECISION_ZOOM[place["precision"]], place[name], False)
    if ref.kind == "structure" and ref.id in gz.structures.index:
        row = gz.structures.loc[ref.id]
        zoom = _place_zoom(scene, row["members"])
        return _focus(key, row.geometry, zoom, row[name], True)
    if ref.kind == "link" and ref.id in gz.links.index:
        row = gz.links.loc[ref.id]
        ends = [row["from_id"], *row["via"], row["to_id"]]
        geometry = row.geometry if row.geometry is not None else gz.anchor(row["from_id"])
        return _focus(key, geometry, _place_zoom(scene, ends), row[name], False)
    if ref.kind == "project" and ref.id in gz.projects.index:
        row = gz.projects.loc[ref.id]
        zoom = PRECISION_ZOOM[gz.places.at[row["place_id"], "precision"]]
        return _focus(key, row.geometry, zoom, row[name], False)
    return None


def _feature_focus(scene: Scene, ref: FeatureRef) -> Focus | None:
    layer = next((u for u in scene.user_layers if u.key == ref.layer), None)
    if layer is None or not 0 <= ref.row < len(layer.frame):
        return None
    geometry = layer.frame.geometry.iloc[ref.row]
    if geometry is None or geometry.is_empty:
        return None
    return _focus(ref_text(ref), geometry, EXTENT_ZOOM, layer.labels[ref.row], False)


def selection_focus(scene: Scene) -> Focus | None:
    """The focus of the view's selection, else of its strategy; ``None`` when neither is
    set or it has no geometry."""
    view = scene.view
    if isinstance(view.selected, FeatureRef):
        return _feature_focus(scene, view.selected)
    if view.selected is not None:
        return _object_focus(scene, view.selected)
    if view.strategy:
        return _object_focus(scene, ObjectRef("structure", view.strategy))
    return None


def layer_focus(scene: Scene, key: str) -> Focus | None:
    """The focus of the whole uploaded layer ``key`` (no label: its features carry theirs);
    ``None`` when it has no geometry."""
    layer = next((u for u in scene.user_layers if u.key == key), None)
    geometries = [] if layer is None else layer.frame.geometry.dropna().tolist()
    geometries = [g for g in geometries if not g.is_empty]
    if not geometries:
        return None
    return _focus(f"layer:{key}", shapely.GeometryCollection(geometries), LAYER_ZOOM, "", True)
