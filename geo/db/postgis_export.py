"""``python -m geo export --format postgis``: the export layers written into a PostGIS
database of the GIS staff, with the GeoPackage export's attributes (lists joined with
``;``), a ``geom`` column in the chosen CRS, a primary key, the schema's not-null checks,
a GiST index and the export metadata as the table comment, all in one transaction.

Tables this program exported before are replaced; any other table of the same name is
left alone and the export refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import psycopg
import shapely
from psycopg import sql

from geo.crs import GCJ02, zone_warning
from geo.db.connect import connect, failure
from geo.db.errors import DatabaseError
from geo.db.frames import copy_rows, create_table, table_spec
from geo.export import ExportError, export_frames
from geo.formats import prepare
from geo.gazetteer import Gazetteer
from geo.layers_out import ALL_LAYERS, LAYERS
from geo.metadata import export_metadata
from geo.schema import REQUIRED_VALUES
from geo.select import Selection, unknown_plan

FORMAT = "postgis"
GEOMETRY_COLUMN = "geom"
"""Name of the geometry column, as in the GeoPackage export."""
MARK = "GBA Innovation Layout Map export"
"""Start of the comment on every exported table: only such tables are replaced."""


@dataclass
class PostgisResult:
    """What an export to PostGIS wrote: ``schema.table`` names, rows per layer, warnings."""

    tables: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _srid(crs: str) -> int:
    if crs == GCJ02:
        raise DatabaseError("gcj02")
    return int(crs.split(":")[1])


_MULTI = {
    "Point": shapely.MultiPoint,
    "LineString": shapely.MultiLineString,
    "Polygon": shapely.MultiPolygon,
}


def promote_to_multi(geometry: gpd.GeoSeries) -> gpd.GeoSeries:
    """Single parts as multi-part geometries when a layer mixes both (Polygon and
    MultiPolygon …), as the GeoPackage writer does, so the column has one type."""
    kinds = set(geometry.dropna().geom_type)
    for single, multi in _MULTI.items():
        if kinds == {single, f"Multi{single}"}:
            parts = [multi([g]) if g is not None and g.geom_type == single else g for g in geometry]
            return gpd.GeoSeries(parts, index=geometry.index, crs=geometry.crs)
    return geometry


def _table_frame(frame: pd.DataFrame, name: str, crs: str) -> tuple[pd.DataFrame, list[str]]:
    """The layer as the GeoPackage export holds it (same attributes, valid geometry in
    ``crs``), with one geometry type per column, and the notes on what was changed."""
    prepared = prepare(frame, name, "gpkg", crs)
    out = prepared.frame
    if isinstance(out, gpd.GeoDataFrame):
        out = out.set_geometry(promote_to_multi(out.geometry)).rename_geometry(GEOMETRY_COLUMN)
    return out, prepared.notes


def _replaceable(cur: psycopg.Cursor, schema: str, name: str) -> None:
    table = sql.Identifier(schema, name).as_string(cur)
    cur.execute(
        "SELECT to_regclass(%s) IS NOT NULL, obj_description(to_regclass(%s), 'pg_class')",
        [table, table],
    )
    exists, comment = cur.fetchone()
    if exists and not (comment or "").startswith(MARK):
        raise DatabaseError("export_table_exists", {"table": f"{schema}.{name}"})
    cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(schema, name)))


def export_postgis(
    gz: Gazetteer,
    layer: str,
    crs: str,
    dsn: str,
    schema: str = "public",
    selection: Selection | None = None,
) -> PostgisResult:
    """Write one layer (or ``all``) as tables of ``schema`` in the database ``dsn``; with a
    ``selection`` (a :func:`geo.select.select` result) only those rows.

    Raises
    ------
    ExportError
        Unknown layer or plan, GCJ-02, empty selection, or anything the database refuses
        (then nothing is written).
    """
    names = list(LAYERS) if layer == ALL_LAYERS else [layer]
    if any(n not in LAYERS for n in names):
        raise ExportError(
            f"unknown layer {layer!r}; choose from {', '.join([*LAYERS, ALL_LAYERS])}"
        )
    if problem := unknown_plan(gz, selection.plans if selection is not None else ()):
        raise ExportError(problem)
    description = selection.description if selection is not None else "everything"
    frames = export_frames(gz, names, selection)
    if all(f.empty for f in frames.values()):
        raise ExportError(f"the selection is empty ({description}): nothing to export")
    result = PostgisResult(counts={n: len(f) for n, f in frames.items()})
    for name, frame in frames.items():
        if isinstance(frame, gpd.GeoDataFrame) and (warning := zone_warning(frame, crs)):
            result.warnings.append(f"{name}: {warning}")
    try:
        srid = _srid(crs)
        tables = {}
        for name, frame in frames.items():
            tables[name], notes = _table_frame(frame, name, crs)
            result.warnings += notes
        meta = export_metadata(gz, FORMAT, crs, result.counts, description, result.warnings)
        comment = f"{MARK}: " + json.dumps(meta, ensure_ascii=False)
        with connect(dsn) as conn, conn.transaction(), conn.cursor() as cur:
            cur.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
            for name, table in tables.items():
                spec = table_spec(name, table, REQUIRED_VALUES.get(f"{name}.csv", ()))
                _replaceable(cur, schema, name)
                create_table(cur, schema, spec, srid)
                copy_rows(cur, schema, spec, table, srid)
                cur.execute(
                    sql.SQL("COMMENT ON TABLE {} IS {}").format(
                        sql.Identifier(schema, name), sql.Literal(comment)
                    )
                )
                result.tables.append(f"{schema}.{name}")
    except psycopg.Error as exc:
        raise ExportError(failure(exc).message("en")) from exc
    except DatabaseError as exc:
        raise ExportError(exc.message("en")) from exc
    return result
