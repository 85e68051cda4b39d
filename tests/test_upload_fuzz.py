"""Property-based tests of the loader: malformed and edge-case files of every format.

Whatever the bytes, :func:`load_user_file` either accepts the file or raises
:class:`UploadError` with a non-empty one-line message in both languages; every accepted
file writes back (GeoJSON, GeoPackage and, for text-only layers, CSV) and reads back equal.
1,300 files in all, checked against the full gazetteer.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import json
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pyogrio
import shapely
from hypothesis import event, given, settings
from hypothesis import strategies as st

from geo.gazetteer import load_gazetteer
from geo.upload.errors import UploadError
from geo.upload.layer import load_user_file, write_user_layer
from geo.upload.safety import Limits
from tests.test_upload_read import KML, same_frame, spreadsheet_safe

LIMITS = Limits(max_bytes=200_000, max_features=50, max_columns=20, max_unzipped_bytes=2_000_000)
BACK = st.sampled_from(["geojson", "gpkg", "csv"])
EXTENSIONS = ["csv", "txt", "xlsx", "geojson", "json", "gpkg", "zip", "kml", "kmz"]
BASE = settings(deadline=None, derandomize=True)


def fuzz(examples: int) -> settings:
    return settings(BASE, max_examples=examples)


@functools.cache
def gazetteer():
    return load_gazetteer()


def is_text_layer(frame: gpd.GeoDataFrame) -> bool:
    columns = [c for c in frame.columns if c != "geometry"]
    return all(isinstance(v, str) for c in columns for v in frame[c])


def outcome(data: bytes, name: str, back: str, **kwargs) -> None:
    """Load; a refusal must explain itself, an acceptance must round-trip exactly through
    the format ``back`` (CSV only for text-only layers, else GeoJSON)."""
    gz = gazetteer()
    try:
        layer = load_user_file(data, name, gz, limits=LIMITS, **kwargs)
    except UploadError as error:
        event(f"refused: {error.code}")
        for lang in ("zh", "en"):
            message = error.message(lang)
            assert message.strip() and "\n" not in message
        return
    event("accepted")
    assert len(layer.frame) >= 1
    assert layer.frame.crs == "EPSG:4326"
    fmt = "geojson" if back == "csv" and not is_text_layer(layer.frame) else back
    again = load_user_file(write_user_layer(layer, fmt), f"back.{fmt}", gz, limits=LIMITS)
    same_frame(spreadsheet_safe(layer.frame) if fmt == "csv" else layer.frame, again.frame)


# --- samples of every format, to truncate and corrupt -------------------------------------


def _samples() -> dict[str, bytes]:
    frame = gpd.GeoDataFrame(
        {"名称": ["甲", "乙"], "n": [1, 2]},
        geometry=[shapely.Point(113.1, 22.5), shapely.box(113, 22, 113.1, 22.1)],
        crs=4326,
    )
    out: dict[str, bytes] = {"kml": KML.encode()}
    out["csv"] = "名称,经度,纬度\n甲,113.1,22.5\n乙,113.2,22.6\n".encode("gbk")
    out["geojson"] = frame.to_json().encode()
    gpkg, shp = io.BytesIO(), io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        pyogrio.write_dataframe(frame, f"{folder}/s.gpkg")
        gpkg.write(Path(f"{folder}/s.gpkg").read_bytes())
        pyogrio.write_dataframe(frame.iloc[:1], f"{folder}/s.shp", encoding="UTF-8")
        with zipfile.ZipFile(shp, "w") as archive:
            for ext in ("shp", "shx", "dbf", "prj", "cpg"):
                archive.write(f"{folder}/s.{ext}", f"s.{ext}")
    out["gpkg"], out["zip"] = gpkg.getvalue(), shp.getvalue()
    book = openpyxl.Workbook()
    book.active.append(["name", "lon", "lat"])
    book.active.append(["甲", 113.1, 22.5])
    xlsx = io.BytesIO()
    book.save(xlsx)
    out["xlsx"] = xlsx.getvalue()
    return out


SAMPLES = _samples()


@fuzz(300)
@given(
    back=BACK,
    kind=st.sampled_from(sorted(SAMPLES)),
    cut=st.one_of(st.just(1.0), st.floats(0, 1)),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=4),
)
def test_truncated_and_corrupted_files(back, kind, cut, flips):
    data = bytearray(SAMPLES[kind][: int(len(SAMPLES[kind]) * cut)])
    for where, value in flips:
        if data:
            data[int(where * (len(data) - 1))] = value
    outcome(bytes(data), f"f.{kind}", back)


@fuzz(400)
@given(back=BACK, data=st.binary(max_size=400), ext=st.sampled_from(EXTENSIONS))
def test_random_bytes(back, data, ext):
    outcome(data, f"r.{ext}", back)


# --- generated CSV -----------------------------------------------------------------------

HEADERS = ["lon", "lat", "经度", "纬度", "x", "Y", "name", "名称", "WKT", "", "id", "备注", "NAME"]
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "113.2",
            "22.5",
            "-0",
            "1e400",
            "1e308",
            "nan",
            "inf",
            "-inf",
            "007",
            "翠山湖",
            "POINT (113 22)",
            "LINESTRING (113 22, 114 23)",
            "POINT EMPTY",
            "a,b",
            'say "hi"',
            "line\nbreak",
            " 113.5 ",
            "１１３",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=12),
)


@st.composite
def csv_files(draw) -> tuple[bytes, str]:
    base = draw(st.sampled_from([["lon", "lat"], ["经度", "纬度"], ["X", "y"], ["名称"], []]))
    extra = draw(st.lists(st.sampled_from(HEADERS), max_size=4))
    header = draw(st.permutations(base + extra)) or ["lon"]
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 1), max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    out = io.StringIO()
    writer = csv.writer(
        out, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))
    )
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "latin-1"]))
    text = out.getvalue()
    return text.encode(encoding, errors="replace"), draw(st.sampled_from(["csv", "txt"]))


@fuzz(200)
@given(
    back=BACK,
    file=csv_files(),
    crs=st.sampled_from([None, None, "EPSG:4547", "EPSG:3857", "GCJ-02"]),
)
def test_generated_csv(back, file, crs):
    data, ext = file
    outcome(data, f"g.{ext}", back, crs=crs)


# --- generated GeoJSON -------------------------------------------------------------------

NUMBER = st.one_of(
    st.floats(min_value=-200, max_value=200, allow_nan=False),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(2**70), 2**70),
)
POSITION = st.lists(NUMBER, min_size=0, max_size=3)
GEOMETRY = st.one_of(
    st.none(),
    st.builds(lambda c: {"type": "Point", "coordinates": c}, POSITION),
    st.builds(lambda c: {"type": "LineString", "coordinates": c}, st.lists(POSITION, max_size=4)),
    st.builds(lambda c: {"type": "MultiPoint", "coordinates": c}, st.lists(POSITION, max_size=3)),
    st.builds(
        lambda c: {"type": "Polygon", "coordinates": [c + c[:1]]},
        st.lists(POSITION, min_size=3, max_size=5),
    ),
    st.builds(lambda: {"type": "GeometryCollection", "geometries": []}),
    st.just({"type": "Circle", "coordinates": [1, 2]}),
)
JSON_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
PROPERTIES = st.one_of(
    st.none(),
    st.dictionaries(
        st.sampled_from(["a", "A", "名称", "geometry", "fid", "", "n"]), JSON_VALUE, max_size=5
    ),
)


@st.composite
def geojson_files(draw) -> bytes:
    features = draw(
        st.lists(
            st.fixed_dictionaries(
                {"type": st.just("Feature"), "properties": PROPERTIES, "geometry": GEOMETRY}
            ),
            max_size=6,
        )
    )
    document: dict = {"type": "FeatureCollection", "features": features}
    if draw(st.booleans()) and features:
        document = features[0]
    prefix = draw(st.sampled_from([b"", codecs.BOM_UTF8]))
    return prefix + json.dumps(document, ensure_ascii=draw(st.booleans())).encode()


@fuzz(180)
@given(back=BACK, data=geojson_files())
def test_generated_geojson(back, data):
    outcome(data, "g.geojson", back)


# --- generated KML and archives ----------------------------------------------------------

COORDS = st.lists(
    st.tuples(NUMBER, NUMBER).map(lambda p: f"{p[0]},{p[1]}"), min_size=0, max_size=4
).map(" ".join)
PLACEMARK = st.builds(
    lambda name, kind, coords, data: (
        f"<Placemark><name>{name}</name><ExtendedData><Data name='k'><value>{data}</value>"
        f"</Data></ExtendedData><{kind}><coordinates>{coords}</coordinates></{kind}></Placemark>"
    ),
    st.text(alphabet="abc甲乙&<", max_size=5).map(
        lambda s: s.replace("&", "&amp;").replace("<", "&lt;")
    ),
    st.sampled_from(["Point", "LineString", "LinearRing", "Track"]),
    COORDS,
    st.sampled_from(["", "1", "007"]),
)


@fuzz(100)
@given(back=BACK, placemarks=st.lists(PLACEMARK, max_size=5), zipped=st.booleans())
def test_generated_kml(back, placemarks, zipped):
    kml = f"<kml xmlns='http://www.opengis.net/kml/2.2'><Document>{''.join(placemarks)}</Document></kml>"
    data = kml.encode()
    if zipped:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("doc.kml", data)
        data = out.getvalue()
    outcome(data, "g.kmz" if zipped else "g.kml", back)


@fuzz(120)
@given(
    back=BACK,
    members=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "s.shp",
                    "s.shx",
                    "s.dbf",
                    "s.prj",
                    "s.cpg",
                    "d/s.shp",
                    "../s.shp",
                    "doc.kml",
                    "__MACOSX/._s.shp",
                    "S.SHP",
                ]
            ),
            st.sampled_from(["sample", "zip", "garbage", "empty"]),
        ),
        max_size=6,
    ),
    complete=st.booleans(),
    depth=st.sampled_from([0, 0, 0, 1, 2]),
)
def test_generated_and_nested_zips(back, members, complete, depth):
    source = zipfile.ZipFile(io.BytesIO(SAMPLES["zip"]))
    content = {
        "sample": lambda name: (
            source.read("s." + name.rsplit(".", 1)[-1].lower())
            if name.lower().endswith((".shp", ".shx", ".dbf", ".prj", ".cpg"))
            else SAMPLES["kml"]
        ),
        "zip": lambda name: SAMPLES["zip"],
        "garbage": lambda name: b"\x00garbage\xff" * 3,
        "empty": lambda name: b"",
    }
    files = {name: source.read(name) for name in source.namelist()} if complete else {}
    files.update((name, content[kind](name)) for name, kind in members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    data = out.getvalue()
    for _ in range(depth):
        wrapper = io.BytesIO()
        with zipfile.ZipFile(wrapper, "w") as archive:
            archive.writestr("inner.zip", data)
        data = wrapper.getvalue()
    outcome(data, "z.zip", back)
