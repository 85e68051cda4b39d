"""Zipped Shapefile writing: DBF field names of at most 10 bytes (with a crosswalk), text
values of at most 254 bytes, and every value the format would cut kept whole in a side
table inside the zip.

A cut value is never passed off as whole: text ends in ``…`` and a list keeps whole items
and ends in ``;…``, so no cut id can be read as an id that exists.
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.gdal_io import write_ogr
from geo.schema import LIST_SEPARATOR

DBF_FIELD_BYTES = 10
DBF_TEXT_BYTES = 254
CUT_MARK = "…"

SHAPEFILE_FIELDS: dict[str, str] = {
    "geocode_source": "geo_source",
    "description": "descriptn",
    "name_derived": "name_deriv",
    "structure_id": "struct_id",
    "geometry_derived": "geom_deriv",
    "geometry_issue": "geom_issue",
    "cite_section": "cite_sect",
    "location_zh": "location",
    "investment_yi": "invest_yi",
    "category_zh": "category",
    "indicator_zh": "indic_zh",
    "indicator_en": "indic_en",
    "change_text": "change_txt",
    "indicator_key": "indic_key",
    "member_towns": "mem_towns",
    "location_source": "loc_source",
    "location_quote": "loc_quote",
    "source_datum": "src_datum",
    "local_reason": "lcl_reason",
    "extent_method": "ext_method",
}
"""Crosswalk of field names longer than 10 bytes to their Shapefile (DBF) names."""


class ShapefileError(ValueError):
    """A layer the Shapefile format cannot name; the message says which field."""


def shapefile_name(field: str) -> str:
    """DBF name of a field: itself when ≤ 10 bytes, else from :data:`SHAPEFILE_FIELDS`."""
    if len(field.encode("utf-8")) <= DBF_FIELD_BYTES:
        return field
    if field not in SHAPEFILE_FIELDS:
        raise ShapefileError(f"no Shapefile name for field {field!r}")
    return SHAPEFILE_FIELDS[field]


def _utf8_prefix(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def cut_value(text: str, is_list: bool, limit: int = DBF_TEXT_BYTES) -> str:
    """``text`` cut to ``limit`` UTF-8 bytes, visibly: whole list items then ``;…``, or
    text then ``…``."""
    mark = (LIST_SEPARATOR + CUT_MARK) if is_list else CUT_MARK
    room = limit - len(mark.encode("utf-8"))
    if not is_list:
        return _utf8_prefix(text, room) + mark
    kept: list[str] = []
    for item in text.split(LIST_SEPARATOR):
        if len(LIST_SEPARATOR.join([*kept, item]).encode("utf-8")) > room:
            break
        kept.append(item)
    return LIST_SEPARATOR.join(kept) + mark


def fit_shapefile(
    frame: gpd.GeoDataFrame, layer: str, list_columns: set[str]
) -> tuple[gpd.GeoDataFrame, dict[str, str], list[str]]:
    """Fit a flat layer (lists joined) to the DBF limits.

    Returns
    -------
    (frame, side files, notes)
        The frame with DBF names and cut values; ``<layer>_fields.csv`` (the crosswalk) and,
        when something was cut, ``<layer>_long_values.csv`` with the whole values; a note
        per cut field.
    """
    renames = {c: shapefile_name(c) for c in frame.columns if c != "geometry"}
    out = frame.copy()
    key = frame.columns[0]
    long_rows: list[tuple[str, str, str, str]] = []
    notes = []
    side = f"{layer}_long_values.csv"
    for column in renames:
        values = frame[column]
        too_long = values.map(
            lambda v: isinstance(v, str) and len(v.encode("utf-8")) > DBF_TEXT_BYTES
        )
        if not too_long.any():
            continue
        is_list = column in list_columns
        out[column] = [
            cut_value(v, is_list) if long else v for v, long in zip(values, too_long, strict=True)
        ]
        long_rows += [
            (str(k), column, renames[column], v)
            for k, v in zip(frame.loc[too_long, key], values[too_long], strict=True)
        ]
        how = "at an item boundary, ending ';…'" if is_list else "ending '…'"
        notes.append(
            f"{layer}.{column}: {int(too_long.sum())} value(s) over the Shapefile limit of "
            f"{DBF_TEXT_BYTES} bytes cut {how}; whole values in {side} inside the zip "
            "(or export gpkg)"
        )
    files = {
        f"{layer}_fields.csv": _csv_text(
            ["field", "shapefile_field"], [(k, v) for k, v in renames.items()]
        )
    }
    if long_rows:
        files[side] = _csv_text([key, "field", "shapefile_field", "value"], long_rows)
    return out.rename(columns=renames), files, notes


def _csv_text(header: list[str], rows: list[tuple]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def write_shapefile_zip(frame: pd.DataFrame, path: Path, layer: str, files: dict[str, str]) -> None:
    """One zipped Shapefile: ``.shp/.shx/.dbf/.prj``, ``.cpg`` (UTF-8) and the text
    ``files`` (crosswalk, long values, metadata)."""
    with tempfile.TemporaryDirectory() as tmp:
        shp = Path(tmp) / f"{layer}.shp"
        write_ogr(frame, shp, driver="ESRI Shapefile", encoding="UTF-8")
        (Path(tmp) / f"{layer}.cpg").write_text("UTF-8", encoding="ascii")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for part in sorted(Path(tmp).iterdir()):
                archive.write(part, part.name)
            for filename, text in files.items():
                archive.writestr(filename, text)
