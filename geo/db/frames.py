"""Frames as tables: a PostGIS table derived from a (Geo)DataFrame's columns and dtypes,
its rows copied in, and read back as an equal frame.

Nothing here names a column of the gazetteer: a column added to a table of ``data/`` gets
a database column of the matching type the next time the tables are created.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely
from psycopg import sql

from geo.db.errors import DatabaseError

ROW = "fid"
"""Row number column (1-based, as in GeoPackage): keeps the frame's row order."""
SRID = 4326

_SQL_TYPES = {
    "str": "text",
    "string": "text",
    "object": "text",
    "int64": "bigint",
    "Int64": "bigint",
    "int32": "integer",
    "float64": "double precision",
    "bool": "boolean",
    "boolean": "boolean",
    "category": "text",  # of text (the gazetteer's repeated mention texts)
}
"""pandas dtype -> column type, for columns of plain values."""


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its SQL type, the pandas dtype it is read back as, and its shape:
    ``value``, ``list`` (text array), ``geometry`` (the frame's geometry) or ``shapes``
    (another column of shapely geometries)."""

    name: str
    sql_type: str
    dtype: str
    shape: str = "value"


@dataclass(frozen=True)
class TableSpec:
    """A table derived from a frame.

    Parameters
    ----------
    name : str
        Table name.
    columns : tuple of ColumnSpec
        In frame order.
    key : str or None
        Column the frame is indexed by (``set_index(key, drop=False)``), the primary key;
        ``None`` for a plain row index (the primary key is then :data:`ROW`).
    required : tuple of str
        Columns that may be neither null nor empty text.
    """

    name: str
    columns: tuple[ColumnSpec, ...]
    key: str | None = None
    required: tuple[str, ...] = ()

    @property
    def geometry(self) -> str | None:
        """Name of the frame's geometry column, if it is a GeoDataFrame."""
        return next((c.name for c in self.columns if c.shape == "geometry"), None)

    def to_json(self) -> dict:
        """A JSON-able form (stored with the table, compared on the next load)."""
        return {
            "name": self.name,
            "columns": [asdict(c) for c in self.columns],
            "key": self.key,
            "required": list(self.required),
        }

    @classmethod
    def from_json(cls, data: dict) -> TableSpec:
        """Inverse of :meth:`to_json`."""
        return cls(
            data["name"],
            tuple(ColumnSpec(**c) for c in data["columns"]),
            data["key"],
            tuple(data["required"]),
        )


def _geometry_type(values: Sequence) -> str:
    kinds = {g.geom_type for g in values if g is not None}
    return f"geometry({kinds.pop() if len(kinds) == 1 else 'Geometry'},{SRID})"


def _column_spec(table: str, name: str, series: pd.Series, active: str | None) -> ColumnSpec:
    dtype = str(series.dtype)
    if name == active:
        return ColumnSpec(name, _geometry_type(series.values), "geometry", "geometry")
    if dtype == "object":
        present = [v for v in series if v is not None and not (isinstance(v, float) and v != v)]
        if present and all(isinstance(v, list) for v in present):
            if all(isinstance(item, str) for v in present for item in v):
                return ColumnSpec(name, "text[]", dtype, "list")
        elif present and all(isinstance(v, shapely.Geometry) for v in present):
            return ColumnSpec(name, _geometry_type(present), dtype, "shapes")
        elif all(isinstance(v, str) for v in present):
            return ColumnSpec(name, "text", dtype)
    elif dtype in _SQL_TYPES:
        return ColumnSpec(name, _SQL_TYPES[dtype], dtype)
    raise DatabaseError("column_type", {"table": table, "column": name, "kind": dtype})


def table_spec(name: str, frame: pd.DataFrame, required: Sequence[str] = ()) -> TableSpec:
    """The table of ``frame``: one column per frame column, typed from its dtype and values.

    Raises
    ------
    DatabaseError
        ``column_type`` for a column no SQL type fits (or one named :data:`ROW`).
    """
    if ROW in frame.columns:
        raise DatabaseError("column_type", {"table": name, "column": ROW, "kind": "reserved"})
    active = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    columns = tuple(_column_spec(name, c, frame[c], active) for c in frame.columns)
    key = frame.index.name if frame.index.name in frame.columns else None
    return TableSpec(name, columns, key, tuple(c for c in required if c in frame.columns))


def create_table(
    cur: psycopg.Cursor, schema: str, spec: TableSpec, geometry_srid: int = SRID
) -> None:
    """``CREATE TABLE`` with the primary key, not-null/non-empty checks and a GiST index on
    every geometry column (typed ``geometry(Type, geometry_srid)``)."""
    table = sql.Identifier(schema, spec.name)
    parts = [sql.SQL("{} integer NOT NULL UNIQUE").format(sql.Identifier(ROW))]
    for column in spec.columns:
        sql_type = column.sql_type.replace(f",{SRID})", f",{geometry_srid})")
        part = sql.SQL("{} {}").format(sql.Identifier(column.name), sql.SQL(sql_type))
        if column.name in spec.required:
            part = sql.SQL("{} NOT NULL").format(part)
            if column.sql_type == "text":
                part = sql.SQL("{} CHECK ({} <> '')").format(part, sql.Identifier(column.name))
        parts.append(part)
    parts.append(sql.SQL("PRIMARY KEY ({})").format(sql.Identifier(spec.key or ROW)))
    cur.execute(sql.SQL("CREATE TABLE {} ({})").format(table, sql.SQL(", ").join(parts)))
    for column in spec.columns:
        if column.shape in ("geometry", "shapes"):
            cur.execute(
                sql.SQL("CREATE INDEX ON {} USING gist ({})").format(
                    table, sql.Identifier(column.name)
                )
            )


def _ewkb(values, srid: int) -> list:
    geoms = shapely.set_srid(np.asarray(values, dtype=object), srid)
    return shapely.to_wkb(geoms, hex=True, include_srid=True).tolist()


def _values(series: pd.Series, column: ColumnSpec, srid: int) -> list:
    if column.shape in ("geometry", "shapes"):
        return _ewkb(series.values, srid)
    if column.shape == "list":
        return [list(v) if isinstance(v, list) else None for v in series]
    return series.astype(object).where(series.notna(), None).tolist()


def copy_rows(
    cur: psycopg.Cursor, schema: str, spec: TableSpec, frame: pd.DataFrame, srid: int = SRID
) -> int:
    """Append the rows of ``frame`` with ``COPY``; returns how many."""
    names = [ROW, *(c.name for c in spec.columns)]
    columns = [_values(frame[c.name], c, srid) for c in spec.columns]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(schema, spec.name), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    with cur.copy(statement) as copy:
        for row in zip(range(1, len(frame) + 1), *columns, strict=True):
            copy.write_row(row)
    return len(frame)


def _restore(values: list, column: ColumnSpec, srid: int):
    if column.shape == "geometry":
        return gpd.GeoSeries(shapely.from_wkb(values), crs=f"EPSG:{srid}")
    if column.shape == "shapes":
        return pd.Series(shapely.from_wkb(values), dtype=object)
    if column.shape == "list":
        return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=object).astype(column.dtype)


def select_columns(spec: TableSpec) -> sql.Composed:
    """The select list of a table: geometries as WKB, other columns as they are."""
    items = []
    for column in spec.columns:
        ident = sql.Identifier(column.name)
        geometric = column.shape in ("geometry", "shapes")
        items.append(sql.SQL("ST_AsBinary({})").format(ident) if geometric else ident)
    return sql.SQL(", ").join(items)


def frame_from_rows(spec: TableSpec, rows: list[tuple], srid: int = SRID) -> pd.DataFrame:
    """The frame of rows selected with :func:`select_columns`, typed and indexed as written."""
    by_column = list(zip(*rows, strict=True)) if rows else [[] for _ in spec.columns]
    data = {
        c.name: _restore(list(values), c, srid)
        for c, values in zip(spec.columns, by_column, strict=True)
    }
    frame = pd.DataFrame(data, columns=[c.name for c in spec.columns])
    if spec.key:
        frame = frame.set_index(spec.key, drop=False)
    if spec.geometry:
        frame = gpd.GeoDataFrame(frame, geometry=spec.geometry, crs=f"EPSG:{srid}")
    return frame


def read_rows(
    cur: psycopg.Cursor,
    schema: str,
    spec: TableSpec,
    where: sql.Composable | None = None,
    params: Sequence = (),
    limit: int | None = None,
) -> pd.DataFrame:
    """Rows of a table (optionally ``WHERE where``, at most ``limit``) in row order, as the
    frame they were written from."""
    query = sql.SQL("SELECT {} FROM {}").format(
        select_columns(spec), sql.Identifier(schema, spec.name)
    )
    if where is not None:
        query = sql.SQL("{} WHERE {}").format(query, where)
    query = sql.SQL("{} ORDER BY {}").format(query, sql.Identifier(ROW))
    if limit is not None:
        query = sql.SQL("{} LIMIT %s").format(query)
        params = [*params, limit]
    cur.execute(query, list(params), binary=True)
    return frame_from_rows(spec, cur.fetchall())
