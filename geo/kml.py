"""KML writing for Google Earth and 奥维/Ovital-style viewers: one folder per layer,
bilingual names, descriptions with labelled facts (not codes), one style per place kind and
link kind in the map's colours, and every attribute in typed ``ExtendedData``.

Reading KML (uploads) is :mod:`geo.upload.kml`.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html import escape
from pathlib import Path

import numpy as np
import pandas as pd

from geo.crs import CRSS, GCJ02, GCJ02_DESCRIPTION
from geo.palette import (
    BOUNDARY_COLORS,
    LINK_COLORS,
    PLACE_COLORS,
    PROJECT_COLOR,
    STRUCTURE_COLOR,
    ZONE_COLOR,
)
from geo.texts import AREA_LEVELS, EXPORT_LAYERS, FACT_LABELS, KINDS, LINK_KINDS, PRECISIONS

KML_NS = "http://www.opengis.net/kml/2.2"
INT32 = 2**31 - 1
FILL_ALPHA = "33"
"""Opacity of polygon fills (hex, of ff): light, so the basemap shows through."""

KML_FIELDS = {"description": "description_text"}
"""Data columns renamed in ``ExtendedData`` because KML readers (GDAL, QGIS) already use
the name for the placemark's own balloon text."""


def kml_color(hex_rgb: str, alpha: str = "ff") -> str:
    """``#rrggbb`` as KML's ``aabbggrr``."""
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha}{b}{g}{r}".lower()


def _present(value) -> bool:
    if value is None:
        return False
    return not (isinstance(value, float) and math.isnan(value))


class Describer:
    """Bilingual placemark descriptions of each layer, with labels instead of codes."""

    def __init__(self, plans: pd.DataFrame):
        self.plans = {row.plan_id: (row.title_zh, row.title_en) for row in plans.itertuples()}

    def plan(self, plan_id) -> str:
        """“《中文》 English (plan 000)”."""
        if not _present(plan_id):
            return ""
        zh, en = self.plans.get(plan_id, (plan_id, plan_id))
        return f"《{zh}》 {en} ({plan_id})"

    @staticmethod
    def quote(quote, section=None) -> str:
        """The quote in Chinese quotation marks, then its section."""
        if not _present(quote):
            return ""
        where = f" — {section}" if _present(section) else ""
        return f"“{quote}”{where}"

    def rows(self, layer: str, row: pd.Series) -> list[tuple[str, str]]:
        """(label key, text) pairs describing one feature of ``layer``."""
        get = row.get
        location = " ".join(str(get(c)) for c in ("city", "county", "town") if _present(get(c)))
        if layer == "places":
            precision = PRECISIONS[get("precision")]
            return [
                ("kind", KINDS[get("kind")]("both")),
                ("location", location),
                (
                    "precision",
                    f"{precision.name('both')}: {precision.meaning('zh')} / "
                    f"{precision.meaning('en')}",
                ),
                ("location_source", self.quote(get("location_quote"), get("location_source"))),
                ("plan", self.plan(get("cite_plan"))),
                ("quote", self.quote(get("cite_quote"), get("cite_section"))),
                ("industries", get("industries")),
            ]
        if layer == "links":
            return [
                ("kind", LINK_KINDS[get("kind")]("both")),
                ("local", get("local_reason") if get("local") else None),
                ("plan", self.plan(get("plan_id"))),
                ("quote", self.quote(get("quote"))),
                ("description", get("description")),
            ]
        if layer == "zones":
            return [
                ("kind", KINDS[get("kind")]("both")),
                ("location", location),
                ("member_towns", get("member_towns")),
                ("extent", get("extent_method")),
                ("location_source", self.quote(get("location_quote"), get("location_source"))),
            ]
        if layer == "structures":
            return [
                ("plan", self.plan(get("plan_id"))),
                ("quote", self.quote(get("quote"))),
                ("description", get("description")),
            ]
        if layer == "projects":
            return [
                ("plan", self.plan(get("plan_id"))),
                ("location", get("location_zh")),
                ("years", get("years")),
                ("investment", get("investment_yi")),
                ("area_mu", get("area_mu")),
                ("content", get("content")),
            ]
        if layer == "boundaries":
            return [("level", AREA_LEVELS[get("level")]("both")), ("adcode", get("adcode"))]
        return []

    def html(self, layer: str, row: pd.Series) -> str:
        """The description as HTML lines “<b>类型 Kind</b>: …” (data text escaped)."""
        rows = [*self.rows(layer, row), ("geometry_issue", row.get("geometry_issue"))]
        return "<br/>".join(
            f"<b>{escape(FACT_LABELS[key]('both'))}</b>: {escape(_text(value))}"
            for key, value in rows
            if _present(value) and _text(value)
        )


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def style_ids(layer: str, frame: pd.DataFrame) -> list[str | None]:
    """Id of the shared style each feature uses: by place kind, link kind or level."""
    by = {
        "places": ("place", "kind"),
        "links": ("link", "kind"),
        "boundaries": ("boundary", "level"),
    }
    if layer in by:
        family, column = by[layer]
        return [f"{family}-{value}" for value in frame[column]]
    single = {"structures": "structure", "zones": "zone", "projects": "project"}.get(layer)
    return [single] * len(frame)


def _style(document: ET.Element, style_id: str) -> None:
    style = ET.SubElement(document, "Style", id=style_id)
    family, _, key = style_id.partition("-")
    if family in ("place", "project"):
        color = PLACE_COLORS[key] if family == "place" else PROJECT_COLOR
        icon = ET.SubElement(style, "IconStyle")
        ET.SubElement(icon, "color").text = kml_color(color)
        ET.SubElement(icon, "scale").text = "0.9"
        ET.SubElement(ET.SubElement(style, "LabelStyle"), "scale").text = "0.8"
        return
    color, width, fill = {
        "link": (LINK_COLORS.get(key), "3", None),
        "structure": (STRUCTURE_COLOR, "1.5", STRUCTURE_COLOR),
        "zone": (ZONE_COLOR, "1", ZONE_COLOR),
        "boundary": (BOUNDARY_COLORS.get(key), "1.2" if key == "city" else "0.7", None),
    }[family]
    line = ET.SubElement(style, "LineStyle")
    ET.SubElement(line, "color").text = kml_color(color)
    ET.SubElement(line, "width").text = width
    poly = ET.SubElement(style, "PolyStyle")
    ET.SubElement(poly, "color").text = kml_color(fill or color, FILL_ALPHA)
    ET.SubElement(poly, "fill").text = "1" if fill else "0"


def kml_type(values: pd.Series) -> str:
    """KML ``SimpleField`` type of a column, from its values: bool, int, double or string."""
    present = [v for v in values if _present(v)]
    if present and all(isinstance(v, (bool, np.bool_)) for v in present):
        return "bool"
    if present and all(
        isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in present
    ):
        return "int" if all(abs(int(v)) <= INT32 for v in present) else "double"
    if present and all(
        isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
        for v in present
    ):
        return "double"
    return "string"


def _simple(value, kind: str) -> str:
    if kind == "bool":
        return "1" if value else "0"
    if kind == "int":
        return str(int(value))
    if kind == "double":
        return repr(float(value))
    return str(value)


def _coords(coords: np.ndarray) -> str:
    return " ".join(f"{x!r},{y!r}" for x, y in coords.tolist())


def _geometry(parent: ET.Element, geom) -> None:
    kind = geom.geom_type
    if kind == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _coords(
            np.asarray(geom.coords)
        )
    elif kind == "LineString":
        line = ET.SubElement(parent, "LineString")
        ET.SubElement(line, "tessellate").text = "1"
        ET.SubElement(line, "coordinates").text = _coords(np.asarray(geom.coords))
    elif kind == "Polygon":
        polygon = ET.SubElement(parent, "Polygon")
        rings = [("outerBoundaryIs", geom.exterior)] + [
            ("innerBoundaryIs", ring) for ring in geom.interiors
        ]
        for tag, ring in rings:
            linear = ET.SubElement(ET.SubElement(polygon, tag), "LinearRing")
            ET.SubElement(linear, "coordinates").text = _coords(np.asarray(ring.coords))
    else:
        multi = ET.SubElement(parent, "MultiGeometry")
        for part in geom.geoms:
            _geometry(multi, part)


def _schema(document: ET.Element, layer: str, columns: dict[str, str]) -> None:
    schema = ET.SubElement(document, "Schema", name=layer, id=f"schema-{layer}")
    for column, kind in columns.items():
        ET.SubElement(schema, "SimpleField", name=KML_FIELDS.get(column, column), type=kind)


def _placemark(
    folder: ET.Element,
    layer: str,
    row: pd.Series,
    geom,
    style: str | None,
    columns: dict[str, str],
    describe: Callable[[str, pd.Series], str],
) -> None:
    mark = ET.SubElement(folder, "Placemark")
    names = [str(row[c]) for c in ("name_zh", "name_en") if _present(row.get(c))]
    ET.SubElement(mark, "name").text = " ".join(names) or str(row.iloc[0])
    ET.SubElement(mark, "description").text = describe(layer, row)
    if style:
        ET.SubElement(mark, "styleUrl").text = f"#{style}"
    data = ET.SubElement(
        ET.SubElement(mark, "ExtendedData"), "SchemaData", schemaUrl=f"#schema-{layer}"
    )
    for column, kind in columns.items():
        if _present(row[column]):
            name = KML_FIELDS.get(column, column)
            ET.SubElement(data, "SimpleData", name=name).text = _simple(row[column], kind)
    if geom is not None:
        _geometry(mark, geom)


def kml_document(layers: dict[str, pd.DataFrame], crs: str, plans: pd.DataFrame) -> bytes:
    """A KML document of ``layers`` (name -> flat GeoDataFrame with lon/lat geometry).

    Parameters
    ----------
    layers : dict
        Export layer name -> layer in ``crs`` (EPSG:4326 or GCJ-02), lists joined.
    crs : str
        ``EPSG:4326`` or ``GCJ-02``; a GCJ-02 document says so in its name, description
        and ``ExtendedData`` (``crs``), and so does each folder.
    plans : pandas.DataFrame
        The plans table, for plan titles in descriptions.
    """
    root = ET.Element("kml", xmlns=KML_NS)
    document = ET.SubElement(root, "Document")
    marker = " (GCJ-02)" if crs == GCJ02 else ""
    ET.SubElement(document, "name").text = f"粤港澳大湾区创新布局 GBA Innovation Layout{marker}"
    crs_text = GCJ02_DESCRIPTION if crs == GCJ02 else f"{crs} {CRSS[crs].title}"
    ET.SubElement(document, "description").text = (
        "坐标系 Coordinate system: " + crs_text + "<br/>"
        "数据来源：五市科技创新规划原文（每个地点引用规划原文）"
        " Source: the five city S&T plans (every place cites its plan verbatim)"
    )
    styles = {name: style_ids(name, frame) for name, frame in layers.items()}
    for style_id in sorted({s for ids in styles.values() for s in ids if s}):
        _style(document, style_id)
    crs_data = ET.SubElement(ET.SubElement(document, "ExtendedData"), "Data", name="crs")
    ET.SubElement(crs_data, "value").text = crs
    describer = Describer(plans)
    schemas = {}
    for name, frame in layers.items():
        schemas[name] = {c: kml_type(frame[c]) for c in frame.columns if c != "geometry"}
        _schema(document, name, schemas[name])
    for name, frame in layers.items():
        folder = ET.SubElement(document, "Folder")
        ET.SubElement(folder, "name").text = f"{EXPORT_LAYERS[name]('both')}{marker}"
        rows = zip(frame.iterrows(), frame.geometry, styles[name], strict=True)
        for (_, row), geom, style in rows:
            _placemark(folder, name, row, geom, style, schemas[name], describer.html)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write_kml(layers: dict[str, pd.DataFrame], path: Path, crs: str, plans: pd.DataFrame) -> None:
    """Write :func:`kml_document` to ``path``."""
    Path(path).write_bytes(kml_document(layers, crs, plans))
