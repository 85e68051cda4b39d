"""The indicator layer: plan areas coloured by a plan target (classes from
:mod:`viewmodel.choropleth`), with baseline, target and growth on hover; printed text values
are shown as text and drawn hatched grey, never as a number."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import folium
import geopandas as gpd
import numpy as np
import shapely
from jinja2 import Template

from geo.formats import geojson_document
from geo.texts import column, t
from layers.datum import Shift, identity, shift_coordinates
from layers.verbatim import VerbatimMacro
from viewmodel.choropleth import ClassBreak, class_color
from viewmodel.style import DIMMED_PLACE_OPACITY, INDICATOR_FILL_OPACITY

if TYPE_CHECKING:
    from viewmodel.scene import DrawUnit, Scene

SIMPLIFY = 0.003


def _tooltip(row, lang: str) -> str:
    unit = f" {row['unit']}" if row["unit"] else ""
    lines = [
        f"<b>{escape(row[column('area', lang)])}</b>",
        escape(row[column("indicator", lang)]),
        f"{row['year']}: {escape(row['value_text'] or '—')}{escape(unit)}",
    ]
    if row["baseline_year"]:
        lines.append(
            f"{t('baseline', lang)} {row['baseline_year']}: {escape(row['baseline_text'] or '—')}"
        )
    if row["target_year"]:
        lines.append(
            f"{t('target', lang)} {row['target_year']}: {escape(row['target_text'] or '—')}"
        )
    if row["growth_pct"] is not None and np.isfinite(row["growth_pct"]):
        lines.append(f"{t('growth_short', lang)}: {row['growth_pct']:.1f}%")
    elif row["change_text"]:
        lines.append(f"{t('growth_short', lang)}: {escape(row['change_text'])}")
    return "<br>".join(lines)


def indicator_layer(
    values: gpd.GeoDataFrame, classes: list[ClassBreak], lang: str, shift: Shift = identity
) -> folium.GeoJson:
    """A GeoJson choropleth of ``values`` (from :func:`geo.indicators.area_values`) in
    ``classes``."""
    frame = values[["plan_id", "geometry"]].copy()
    frame["geometry"] = shapely.simplify(frame.geometry.values, SIMPLIFY)
    frame["fill"] = [class_color(v, classes) for v in values["value"].astype(float)]
    frame["text_value"] = ~np.isfinite(values["value"].to_numpy(dtype=float))
    frame["tip"] = [_tooltip(row, lang) for _, row in values.iterrows()]
    document = geojson_document(frame, decimals=4)
    for feature in document["features"]:
        feature["geometry"]["coordinates"] = shift_coordinates(
            feature["geometry"]["coordinates"], shift
        )

    def style(feature: dict) -> dict:
        props = feature["properties"]
        return {
            "fillColor": props["fill"],
            "fillOpacity": INDICATOR_FILL_OPACITY,
            "color": "#34495e",
            "weight": 1.5,
            "dashArray": "4 3" if props["text_value"] else None,
        }

    return folium.GeoJson(
        document,
        name="indicator",
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    )


def draw_indicator(scene: Scene, unit: DrawUnit, shift: Shift) -> list[folium.GeoJson]:
    """The scene's plan-target choropleth."""
    choropleth = scene.choropleth
    return [indicator_layer(choropleth.values, list(choropleth.classes), scene.lang, shift)]


class DimmedPlaces(VerbatimMacro):
    """Makes the places of its parent group faint and not hoverable while a plan target
    colours the areas (the area's value reads on hover)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.dim({{ this._parent.get_name() }}, {{ this.opacity }});"
        "{% endmacro %}"
    )

    def __init__(self):
        super().__init__()
        self._name = "DimmedPlaces"
        self.opacity = DIMMED_PLACE_OPACITY
