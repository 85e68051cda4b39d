"""Published layers: a user's layer stored for the whole team (features, report, owner and
time), listed and drawn by every session on every app server, deleted by its owner only.

A layer is published in one transaction: a failure at any row leaves nothing behind.
Properties are kept as one ``jsonb`` object per feature with the column types recorded
on the layer, so every layer shares two tables and the app role needs no DDL right.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from psycopg import sql

from geo.db.connect import Database
from geo.db.errors import DatabaseError
from geo.db.frames import SRID
from geo.db.migrations import check_version
from geo.db.views import ViewRows, in_extent

LAYERS, FEATURES = "published_layers", "published_features"
GEOMETRY_DTYPE = "geometry"
_NON_FINITE = {math.inf: "Infinity", -math.inf: "-Infinity"}


@dataclass(frozen=True)
class PublishedLayer:
    """One published layer as listed (its report is read with :func:`layer_report`)."""

    layer_id: int
    name: str
    owner: str
    published_at: datetime
    source_format: str
    source_crs: str
    feature_count: int
    located_count: int
    bounds: tuple[float, float, float, float] | None
    columns: tuple[tuple[str, str], ...]
    """(name, pandas dtype) of every column in order; the geometry's dtype is ``geometry``."""


def _cells(series: pd.Series) -> list:
    """JSON-able cells: missing values as null, ±inf as text (read back as floats)."""
    cells = series.astype(object).where(series.notna(), None).tolist()
    if series.dtype.kind == "f":
        cells = [_NON_FINITE.get(v, v) if v is not None else None for v in cells]
    elif series.dtype == object:
        cells = [
            v if v is None or isinstance(v, (str, bool, int, float)) else str(v) for v in cells
        ]
    return cells


def _check_text(frame: pd.DataFrame, names: list[str]) -> None:
    for name in names:
        if frame[name].map(lambda v: isinstance(v, str) and "\x00" in v).any():
            raise DatabaseError("nul_text", {"column": name})


def _properties(frame: pd.DataFrame, names: list[str]) -> list[str]:
    _check_text(frame, names)
    columns = [_cells(frame[name]) for name in names]
    return (
        [
            json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, allow_nan=False)
            for row in zip(*columns, strict=True)
        ]
        if names
        else ["{}"] * len(frame)
    )


def _interleave(v: np.ndarray) -> np.ndarray:
    """Bits of 16-bit integers spread to the even bit positions."""
    v = v.astype(np.uint64)
    for shift, mask in ((8, 0x00FF00FF), (4, 0x0F0F0F0F), (2, 0x33333333), (1, 0x55555555)):
        v = (v | (v << np.uint64(shift))) & np.uint64(mask)
    return v


def spatial_order(geometry: gpd.GeoSeries) -> np.ndarray:
    """Row positions along a Z-order curve of the features' box centres (rows without a
    geometry last). Features are stored in this order, so a view's rows share table pages
    and a query by extent reads few of them."""
    bounds = shapely.bounds(geometry.values.to_numpy())
    x, y = (bounds[:, 0] + bounds[:, 2]) / 2, (bounds[:, 1] + bounds[:, 3]) / 2
    missing = np.isnan(x)
    qx = np.clip(np.nan_to_num((x + 180) / 360), 0, 1) * 0xFFFF
    qy = np.clip(np.nan_to_num((y + 90) / 180), 0, 1) * 0xFFFF
    code = _interleave(qx) | (_interleave(qy) << np.uint64(1))
    code[missing] = np.iinfo(np.uint64).max
    return np.argsort(code, kind="stable")


def _ewkb(geometry: gpd.GeoSeries) -> list:
    return shapely.to_wkb(
        shapely.set_srid(geometry.values.to_numpy(), SRID), hex=True, include_srid=True
    ).tolist()


def publish_layer(
    db: Database,
    frame: gpd.GeoDataFrame,
    *,
    name: str,
    owner: str,
    source_format: str,
    source_crs: str,
    report: Mapping,
) -> PublishedLayer:
    """Store ``frame`` (WGS84) for the team, all or nothing.

    Parameters
    ----------
    db : Database
        Where to publish (the app role may).
    frame : geopandas.GeoDataFrame
        Columns of the layer and geometry in EPSG:4326 (rows without one keep ``None``).
    name, owner : str
        Layer name and the publisher's name (not empty).
    source_format, source_crs : str
        What the file was and the CRS it was read in.
    report : mapping
        JSON-able findings and report text.

    Raises
    ------
    DatabaseError
        ``no_owner`` without a name; ``nul_text`` for text PostgreSQL cannot hold;
        ``failed`` when the database refuses (nothing is then stored).
    """
    if not owner.strip() or not name.strip():
        raise DatabaseError("no_owner")
    if frame.crs is None or not frame.crs.equals(f"EPSG:{SRID}"):
        raise ValueError("publish a layer in EPSG:4326")
    geometry = frame.geometry.name
    names = [c for c in frame.columns if c != geometry]
    columns = [(c, GEOMETRY_DTYPE if c == geometry else str(frame[c].dtype)) for c in frame.columns]
    properties = _properties(frame, names)
    geoms = _ewkb(frame.geometry)
    located = frame.geometry.notna() & ~frame.geometry.is_empty
    bounds = tuple(frame.geometry[located].total_bounds) if located.any() else None
    with db.writing() as cur:
        check_version(cur, db.schema)
        cur.execute(
            sql.SQL(
                "INSERT INTO {} (name, owner, source_format, source_crs, feature_count, "
                "located_count, columns, report, extent) VALUES (%s, %s, %s, %s, %s, %s, %s, "
                "%s, CASE WHEN %s THEN ST_MakeEnvelope(%s, %s, %s, %s, {}) END) "
                "RETURNING layer_id, published_at"
            ).format(db.table(LAYERS), sql.Literal(SRID)),
            [
                name.strip(),
                owner.strip(),
                source_format,
                source_crs,
                len(frame),
                int(located.sum()),
                json.dumps(columns, ensure_ascii=False),
                json.dumps(report, ensure_ascii=False, default=str),
                bounds is not None,
                *(bounds or (None,) * 4),
            ],
        )
        layer_id, published_at = cur.fetchone()
        statement = sql.SQL("COPY {} (layer_id, fid, properties, geom) FROM STDIN").format(
            db.table(FEATURES)
        )
        with cur.copy(statement) as copy:
            for fid in spatial_order(frame.geometry).tolist():
                copy.write_row((layer_id, fid, properties[fid], geoms[fid]))
    return PublishedLayer(
        layer_id,
        name.strip(),
        owner.strip(),
        published_at,
        source_format,
        source_crs,
        len(frame),
        int(located.sum()),
        bounds,
        tuple(columns),
    )


_LIST_COLUMNS = sql.SQL(
    "layer_id, name, owner, published_at, source_format, source_crs, feature_count, "
    "located_count, ST_XMin(extent), ST_YMin(extent), ST_XMax(extent), ST_YMax(extent), columns"
)


def _layer(row: tuple) -> PublishedLayer:
    box = tuple(row[8:12])
    return PublishedLayer(
        *row[:8], None if box[0] is None else box, tuple(tuple(c) for c in row[12])
    )


def published_layers(db: Database) -> list[PublishedLayer]:
    """Every published layer, newest first (read-only)."""
    with db.reading() as cur:
        check_version(cur, db.schema)
        cur.execute(
            sql.SQL("SELECT {} FROM {} ORDER BY published_at DESC, layer_id DESC").format(
                _LIST_COLUMNS, db.table(LAYERS)
            )
        )
        return [_layer(row) for row in cur.fetchall()]


def _get(cur, db: Database, layer_id: int) -> PublishedLayer:
    query = sql.SQL("SELECT {} FROM {} WHERE layer_id = %s").format(_LIST_COLUMNS, db.table(LAYERS))
    cur.execute(query, [layer_id])
    row = cur.fetchone()
    if row is None:
        raise DatabaseError("no_layer", {"layer_id": layer_id})
    return _layer(row)


def get_layer(db: Database, layer_id: int) -> PublishedLayer:
    """One published layer as listed.

    Raises
    ------
    DatabaseError
        ``no_layer`` when there is none (any more).
    """
    with db.reading() as cur:
        check_version(cur, db.schema)
        return _get(cur, db, layer_id)


def layer_report(db: Database, layer_id: int) -> dict:
    """The report stored with a layer."""
    with db.reading() as cur:
        check_version(cur, db.schema)
        cur.execute(
            sql.SQL("SELECT report FROM {} WHERE layer_id = %s").format(db.table(LAYERS)),
            [layer_id],
        )
        row = cur.fetchone()
    if row is None:
        raise DatabaseError("no_layer", {"layer_id": layer_id})
    return row[0]


def _frame(layer: PublishedLayer, rows: list[tuple]) -> gpd.GeoDataFrame:
    """Rows of (fid, properties as JSON text, WKB) as the layer's frame; the properties are
    parsed as one JSON array (one parse instead of one per row)."""
    fids = [r[0] for r in rows]
    whole = fids == list(range(len(fids)))
    index = pd.RangeIndex(len(fids)) if whole else pd.Index(fids, dtype="int64")
    properties = json.loads("[" + ",".join(r[1] for r in rows) + "]")
    data = {}
    for name, dtype in layer.columns:
        if dtype == GEOMETRY_DTYPE:
            wkb = [r[2] for r in rows]
            data[name] = gpd.GeoSeries(shapely.from_wkb(wkb), index=index, crs=f"EPSG:{SRID}")
        else:
            data[name] = pd.Series([p.get(name) for p in properties], index=index, dtype=dtype)
    geometry = next(n for n, d in layer.columns if d == GEOMETRY_DTYPE)
    return gpd.GeoDataFrame(data, index=index, geometry=geometry, crs=f"EPSG:{SRID}")


_FEATURES = sql.SQL("SELECT fid, properties::text, ST_AsBinary(geom) FROM {} WHERE layer_id = %s")


def read_layer(db: Database, layer_id: int) -> gpd.GeoDataFrame:
    """A whole layer, as published (for downloads; draw with :func:`layer_in_view`)."""
    with db.reading() as cur:
        layer = _get(cur, db, layer_id)
        cur.execute(
            sql.SQL("{} ORDER BY fid").format(_FEATURES.format(db.table(FEATURES))),
            [layer_id],
            binary=True,
        )
        return _frame(layer, cur.fetchall())


def layer_in_view(db: Database, layer_id: int, bbox: Sequence[float], limit: int) -> ViewRows:
    """Features of a layer meeting the extent (index: their row in the layer), the first
    ``limit`` in row order, with the total count.

    One scan of the GiST index counts the matching rows and keeps the first ``limit`` row
    numbers (a narrow top-N sort); only those rows are then read whole, by primary key.
    """
    extent, params = in_extent("geom", bbox)
    first = sql.SQL(
        "SELECT fid, count(*) OVER () FROM {} WHERE layer_id = %s AND {} ORDER BY fid LIMIT %s"
    ).format(db.table(FEATURES), extent)
    with db.reading() as cur:
        layer = _get(cur, db, layer_id)
        cur.execute(first, [layer_id, *params, limit])
        hits = cur.fetchall()
        cur.execute(
            sql.SQL("{} AND fid = ANY(%s) ORDER BY fid").format(
                _FEATURES.format(db.table(FEATURES))
            ),
            [layer_id, [fid for fid, _ in hits]],
            binary=True,
        )
        rows = cur.fetchall()
    return ViewRows(_frame(layer, rows), hits[0][1] if hits else 0)


def layer_density(db: Database, layer_id: int, bbox: Sequence[float], cell: float) -> pd.DataFrame:
    """Feature counts on a grid of ``cell`` degrees within the extent, for views too wide
    to draw every feature: columns ``lon``, ``lat`` (mean of the cell's features), ``count``."""
    if not cell > 0:
        raise ValueError("cell must be a positive number of degrees")
    extent, params = in_extent("geom", bbox)
    query = sql.SQL(
        "SELECT ST_X(c), ST_Y(c), n FROM (SELECT ST_Centroid(ST_Collect(geom)) AS c, "
        "count(*) AS n FROM {} WHERE layer_id = %s AND {} "
        "GROUP BY ST_SnapToGrid(ST_Centroid(geom), %s)) AS cells ORDER BY n DESC"
    ).format(db.table(FEATURES), extent)
    with db.reading() as cur:
        _get(cur, db, layer_id)
        cur.execute(query, [layer_id, *params, cell])
        rows = cur.fetchall()
    frame = pd.DataFrame(rows, columns=["lon", "lat", "count"])
    return frame.astype({"lon": "float64", "lat": "float64", "count": "int64"})


def delete_layer(db: Database, layer_id: int, owner: str) -> None:
    """Delete a layer and its features, if ``owner`` published it.

    Raises
    ------
    DatabaseError
        ``no_layer`` or ``not_owner``.
    """
    with db.writing() as cur:
        cur.execute(
            sql.SQL("DELETE FROM {} WHERE layer_id = %s AND owner = %s RETURNING 1").format(
                db.table(LAYERS)
            ),
            [layer_id, owner.strip()],
        )
        if cur.fetchone() is None:
            layer = _get(cur, db, layer_id)
            raise DatabaseError("not_owner", {"name": layer.name, "owner": layer.owner})


def publish_user_layer(db: Database, layer, owner: str) -> PublishedLayer:
    """Publish a :class:`geo.upload.layer.UserLayer`: its columns, geometry, geocoding
    results (``gba_*`` columns) and findings."""
    frame = layer.frame
    if layer.geocoded is not None:
        geocoded = layer.geocoded.set_index(frame.index)
        clashes = {c: f"{c}_geocoded" for c in geocoded.columns if c in frame.columns}
        frame = frame.join(geocoded.rename(columns=clashes))
    report = {
        "findings": [dataclasses.asdict(f) for f in layer.findings],
        "user_columns": list(layer.frame.columns),
    }
    return publish_layer(
        db,
        frame,
        name=layer.name,
        owner=owner,
        source_format=layer.source_format,
        source_crs=layer.source_crs,
        report=report,
    )


def _tuples(value):
    """JSON arrays back to the tuples findings hold (JSON has no tuples)."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def read_user_layer(db: Database, layer_id: int):
    """A published layer as a :class:`geo.upload.layer.UserLayer` again (for the map,
    table, card and downloads of every session)."""
    from geo.upload.findings import Finding
    from geo.upload.layer import UserLayer

    report = layer_report(db, layer_id)
    layer = get_layer(db, layer_id)
    frame = read_layer(db, layer_id)
    user = report["user_columns"]
    rest = [c for c in frame.columns if c not in user]
    geocoded = pd.DataFrame(frame[rest]) if rest else None
    if geocoded is not None:
        geocoded.columns = [c.removesuffix("_geocoded") for c in rest]
    findings = [
        Finding(f["code"], f["severity"], tuple(f["rows"]), _tuples(f["params"]))
        for f in report["findings"]
    ]
    return UserLayer(
        layer.name,
        layer.source_format,
        gpd.GeoDataFrame(frame[user]),
        layer.source_crs,
        findings,
        geocoded,
    )
