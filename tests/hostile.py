"""A corpus of hostile upload files, written into a folder on demand (never committed).

Each builder returns the path of one file in ``folder``; :data:`SMALL` builds in well under a
second each, :data:`BIG` write hundreds of MB (unpacked) and are for the benchmark and the
budget tests, which give the readers smaller budgets. Run as a script to write them all:
``python -m tests.hostile /tmp/hostile``.
"""

from __future__ import annotations

import json
import sqlite3
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import openpyxl
import pyogrio
import shapely

_MB = 2**20
PLACEMARK = (
    "<Placemark><name>p</name><Point><coordinates>113.1,22.5</coordinates></Point></Placemark>\n"
)


def nested_collection(folder: Path) -> Path:
    """GeoJSON: a GeometryCollection inside a GeometryCollection (a valid file)."""
    inner = {
        "type": "GeometryCollection",
        "geometries": [{"type": "Point", "coordinates": [113.1, 22.6]}],
    }
    line = {"type": "LineString", "coordinates": [[113.0, 22.0], [113.2, 22.3]]}
    feature = {
        "type": "Feature",
        "properties": {"name": "嵌套集合"},
        "geometry": {"type": "GeometryCollection", "geometries": [inner, line]},
    }
    path = folder / "nested.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    return path


def _shapefile_zip(
    folder: Path, name: str, frame: gpd.GeoDataFrame, encoding: str, extra: dict
) -> Path:
    """A zipped shapefile of ``frame`` written in ``encoding``; ``extra`` replaces or adds
    members (``{".cpg": b"UTF-8"}``)."""
    shp_dir = folder / f"{name}_parts"
    shp_dir.mkdir(exist_ok=True)
    pyogrio.write_dataframe(frame, shp_dir / f"{name}.shp", encoding=encoding)
    members = {p.suffix: p.read_bytes() for p in shp_dir.iterdir()}
    members.update(extra)
    path = folder / f"{name}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for suffix, data in members.items():
            archive.writestr(f"{name}{suffix}", data)
    return path


def _sites(crs: int = 4326) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {"名称": ["江门企业", "中山企业"]},
        geometry=[shapely.Point(113.08, 22.58), shapely.Point(113.39, 22.52)],
        crs=4326,
    )
    return frame.to_crs(crs)


def gbk_with_utf8_cpg(folder: Path) -> Path:
    """Zipped shapefile whose text is GBK while its ``.cpg`` says UTF-8."""
    return _shapefile_zip(folder, "gbk_cpg", _sites(), "GBK", {".cpg": b"UTF-8"})


def garbage_prj(folder: Path) -> Path:
    """Zipped shapefile in EPSG:4547 whose ``.prj`` is garbage (read it with ``--crs``)."""
    return _shapefile_zip(folder, "bad_prj", _sites(4547), "UTF-8", {".prj": b"GARBAGE[not wkt"})


def recursive_view(folder: Path) -> Path:
    """GeoPackage whose only feature layer is a view over an endless recursive query."""
    path = folder / "recursive.gpkg"
    pyogrio.write_dataframe(_sites(), path, layer="seed")
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE VIEW endless AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
            "FROM r) SELECT i AS fid, (SELECT geom FROM seed LIMIT 1) AS geom, i AS n FROM r"
        )
        db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
            "VALUES ('endless', 'features', 'endless', 4326)"
        )
        db.execute(
            "INSERT INTO gpkg_geometry_columns VALUES ('endless', 'geom', 'POINT', 4326, 0, 0)"
        )
        db.execute("DELETE FROM gpkg_contents WHERE table_name = 'seed'")
        db.execute("DELETE FROM gpkg_geometry_columns WHERE table_name = 'seed'")
    return path


def _stream_member(
    archive: zipfile.ZipFile, name: str, head: bytes, body: bytes, size: int
) -> None:
    """Write ``head`` then ``body`` repeated up to ``size`` bytes as one compressed member."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as out:
        out.write(head)
        chunk = body * max(1, _MB // len(body))
        written = len(head)
        while written + len(chunk) <= size:
            out.write(chunk)
            written += len(chunk)


def kmz_bomb(folder: Path, size: int = 450 * _MB) -> Path:
    """KMZ whose KML unpacks to ``size`` bytes of placemarks (honest zip headers)."""
    path = folder / "bomb.kmz"
    head = b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _stream_member(archive, "doc.kml", head, PLACEMARK.encode(), size)
    return path


def big_dbf(folder: Path, size: int = 428 * _MB) -> Path:
    """Zipped shapefile of one point whose ``.dbf`` declares and holds ``size`` bytes of
    records (one 254-byte text field)."""
    parts = folder / "bigdbf_parts"
    parts.mkdir(exist_ok=True)
    pyogrio.write_dataframe(
        gpd.GeoDataFrame({"t": ["x"]}, geometry=[shapely.Point(113.1, 22.5)], crs=4326),
        parts / "big.shp",
    )
    record = 255
    count = size // record
    header = bytearray(32)
    header[0] = 3
    header[4:8] = struct.pack("<I", count)
    header[8:10] = struct.pack("<H", 32 + 32 + 1)
    header[10:12] = struct.pack("<H", record)
    field = bytearray(32)
    field[0:1] = b"T"
    field[11:12] = b"C"
    field[16] = 254
    head = bytes(header) + bytes(field) + b"\r"
    path = folder / "bigdbf.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for suffix in (".shp", ".shx", ".prj"):
            archive.write(parts / f"big{suffix}", f"big{suffix}")
        _stream_member(archive, "big.dbf", head, b" " + b"x" * 254, size)
    return path


def single_line_csv(folder: Path, size: int = 45 * _MB) -> Path:
    """CSV of one line: a header and ``size`` bytes of separators, no data row."""
    path = folder / "oneline.csv"
    path.write_bytes(b"name,lon,lat" + b",x" * ((size - 12) // 2))
    return path


def long_field_csv(folder: Path, size: int = 45 * _MB) -> Path:
    """CSV with one quoted field of ``size`` bytes."""
    path = folder / "longfield.csv"
    path.write_bytes(b'name,lon,lat\n"' + b"a" * size + b'",113.1,22.5\n')
    return path


def many_rows_csv(folder: Path, rows: int = 199_999) -> Path:
    """CSV of ``rows`` points (just under the feature limit)."""
    lines = [
        f"p{i},{113 + (i % 1000) / 2000:.5f},{22 + (i // 1000) / 400:.5f}" for i in range(rows)
    ]
    path = folder / "rows.csv"
    path.write_text("name,lon,lat\n" + "\n".join(lines) + "\n")
    return path


def formula_xlsx(folder: Path) -> Path:
    """XLSX whose cells include formulas (no cached values, as openpyxl writes them)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "lon", "lat", "total"])
    sheet.append(["甲", 113.1, 22.5, "=SUM(B2:C2)"])
    sheet.append(["乙", 113.2, 22.6, 3])
    path = folder / "formula.xlsx"
    book.save(path)
    return path


def bad_wkt_cell(folder: Path) -> Path:
    """CSV whose WKT column has one malformed cell among good ones."""
    path = folder / "wkt.csv"
    path.write_text(
        'name,WKT\n甲,"POINT (113.1 22.5)"\n乙,"POINT (113.2"\n'
        '丙,"LINESTRING (113 22, 113.1 22.1)"\n'
    )
    return path


def nul_byte_csv(folder: Path) -> Path:
    """UTF-8 CSV with a NUL byte inside a cell."""
    path = folder / "nul.csv"
    path.write_bytes("name,lon,lat\n甲\x00乙,113.1,22.5\n".encode())
    return path


def rtl_name_csv(folder: Path) -> Path:
    """CSV whose name uses a right-to-left override to spoof its ending."""
    path = folder / "rtl.csv"
    path.write_text("name,lon,lat\nreport\u202ecod.exe,113.1,22.5\n")
    return path


def formula_csv(folder: Path) -> Path:
    """CSV whose names start with spreadsheet formulas (for the export)."""
    path = folder / "formulas.csv"
    path.write_text(
        "name,lon,lat,note\n"
        '"=HYPERLINK(""http://x"",""y"")",113.1,22.5,-3.5\n'
        "\"=cmd|' /C calc'!A0\",113.2,22.6,+1\n"
        "@SUM(1),113.3,22.7,-x\n"
    )
    return path


SMALL: dict[str, Callable[[Path], Path]] = {
    "nested_collection": nested_collection,
    "gbk_with_utf8_cpg": gbk_with_utf8_cpg,
    "garbage_prj": garbage_prj,
    "recursive_view": recursive_view,
    "formula_xlsx": formula_xlsx,
    "bad_wkt_cell": bad_wkt_cell,
    "nul_byte_csv": nul_byte_csv,
    "rtl_name_csv": rtl_name_csv,
    "formula_csv": formula_csv,
}
"""Files of a few KB."""
BIG: dict[str, Callable[[Path], Path]] = {
    "kmz_bomb": kmz_bomb,
    "big_dbf": big_dbf,
    "single_line_csv": single_line_csv,
    "long_field_csv": long_field_csv,
    "many_rows_csv": many_rows_csv,
}
"""Files that unpack to (or are) tens or hundreds of MB; sizes as in issue 16."""


def write_all(
    folder: Path, which: dict[str, Callable[[Path], Path]] | None = None
) -> dict[str, Path]:
    """Write the corpus (``SMALL`` and ``BIG`` by default) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: build(folder) for name, build in (which or {**SMALL, **BIG}).items()}


if __name__ == "__main__":
    for name, file in write_all(Path(sys.argv[1])).items():
        print(f"{name:20} {file.stat().st_size / _MB:8.2f} MB  {file}")
