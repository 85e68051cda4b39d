"""What one map view needs, asked of the database: rows whose geometry meets the view's
extent (``&&`` on the GiST index, then ``ST_Intersects``) and the filters, in SQL, at most
``limit`` of them, with the total count when there are more. A layer of 10^6 points is never
read whole into a server.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import psycopg
from psycopg import sql

from geo.db.connect import Database
from geo.db.frames import SRID, TableSpec, read_rows
from geo.db.gazetteer_store import catalogue
from geo.select import Filters

BBox = tuple[float, float, float, float]
"""(min lon, min lat, max lon, max lat), WGS84."""
ANY_PLACE = Filters()
DEFAULT_LIMIT = 20_000
"""Most rows one view query returns (the map switches to counts above that)."""


@dataclass(frozen=True)
class ViewRows:
    """Rows of one view: the frame (at most the limit) and how many rows match in all."""

    frame: gpd.GeoDataFrame
    total: int

    @property
    def truncated(self) -> bool:
        """True when more rows match than were returned."""
        return self.total > len(self.frame)


def check_bbox(bbox: Sequence[float]) -> BBox:
    """``bbox`` as four floats, refusing non-finite values and inverted ranges.

    Raises
    ------
    ValueError
        When it is not a lon/lat box.
    """
    values = tuple(float(v) for v in bbox)
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise ValueError(f"bbox must be four finite numbers, not {bbox!r}")
    x0, y0, x1, y1 = values
    if x0 > x1 or y0 > y1 or y0 < -90 or y1 > 90:
        raise ValueError(f"bbox must be minlon,minlat,maxlon,maxlat, not {bbox!r}")
    return values


def in_extent(column: str, bbox: Sequence[float]) -> tuple[sql.Composed, list[float]]:
    """SQL condition and parameters: ``column`` meets the box ``bbox``."""
    box = sql.SQL("ST_MakeEnvelope(%s, %s, %s, %s, {})").format(sql.Literal(SRID))
    ident = sql.Identifier(column)
    condition = sql.SQL("{c} && {b} AND ST_Intersects({c}, {b})").format(c=ident, b=box)
    values = list(check_bbox(bbox))
    return condition, values * 2


def count_rows(cur: psycopg.Cursor, table: sql.Identifier, where: sql.Composable, params) -> int:
    """``count(*)`` of the rows of ``table`` meeting ``where``."""
    cur.execute(sql.SQL("SELECT count(*) FROM {} WHERE {}").format(table, where), params)
    return cur.fetchone()[0]


def _rows_in_view(
    cur: psycopg.Cursor,
    schema: str,
    spec: TableSpec,
    bbox: Sequence[float],
    conditions: list[tuple[sql.Composable, object]],
    limit: int,
) -> ViewRows:
    extent, params = in_extent(spec.geometry, bbox)
    parts = [extent]
    for condition, value in conditions:
        parts.append(condition)
        params.append(value)
    where = sql.SQL(" AND ").join(parts)
    frame = read_rows(cur, schema, spec, where, params, limit)
    total = len(frame)
    if total == limit:
        total = count_rows(cur, sql.Identifier(schema, spec.name), where, params)
    return ViewRows(frame, total)


def _any(column: str) -> sql.Composed:
    return sql.SQL("{} = ANY(%s)").format(sql.Identifier(column))


def place_conditions(filters: Filters, schema: str) -> list[tuple[sql.Composable, object]]:
    """SQL conditions on the ``places`` table of ``schema`` of :class:`geo.select.Filters`,
    with the meaning of :func:`geo.select.select_places` (an industry matches when it
    contains the term; a year keeps places whose first dated phase in ``timeline`` starts
    by then, and places without dated phases)."""
    conditions: list[tuple[sql.Composable, object]] = []
    if filters.plans:
        conditions.append((sql.SQL("plans && %s::text[]"), list(filters.plans)))
    for column, values in (
        ("city", filters.cities),
        ("kind", filters.kinds),
        ("status", filters.statuses),
        ("precision", filters.precisions),
    ):
        if values:
            conditions.append((_any(column), list(values)))
    if filters.industries:
        conditions.append(
            (
                sql.SQL(
                    "EXISTS (SELECT 1 FROM unnest(industries) AS i(item), "
                    "unnest(%s::text[]) AS t(term) WHERE strpos(i.item, t.term) > 0)"
                ),
                list(filters.industries),
            )
        )
    if filters.year:
        later = sql.SQL(
            "NOT EXISTS (SELECT 1 FROM {timeline} AS t WHERE t.place_id = {place_id} "
            "HAVING min(t.start_year) > %s)"
        ).format(
            timeline=sql.Identifier(schema, "timeline"),
            place_id=sql.Identifier(schema, "places", "place_id"),
        )
        conditions.append((later, filters.year))
    return conditions


def places_in_view(
    db: Database,
    bbox: Sequence[float],
    filters: Filters = ANY_PLACE,
    limit: int = DEFAULT_LIMIT,
) -> ViewRows:
    """Places in the extent meeting ``filters``: the rows of ``Gazetteer.places``, in order."""
    with db.reading() as cur:
        spec = catalogue(cur, db.schema)["places"]
        conditions = place_conditions(filters, db.schema)
        return _rows_in_view(cur, db.schema, spec, bbox, conditions, limit)


def links_in_view(
    db: Database,
    bbox: Sequence[float],
    plans: Sequence[str] = (),
    kinds: Sequence[str] = (),
    limit: int = DEFAULT_LIMIT,
) -> ViewRows:
    """Links whose line meets the extent, of these plans and kinds (empty: any)."""
    conditions = [(_any(c), list(v)) for c, v in (("plan_id", plans), ("kind", kinds)) if v]
    with db.reading() as cur:
        spec = catalogue(cur, db.schema)["links"]
        return _rows_in_view(cur, db.schema, spec, bbox, conditions, limit)
