"""The indicator layer: plan areas coloured by a plan target (classed with mapclassify),
with baseline, target and growth on hover; printed text values are shown as text and drawn
hatched grey, never as a number."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import folium
import geopandas as gpd
import numpy as np
import shapely

from geo.formats import geojson_document
from layers.datum import Shift, identity, shift_coordinates

PALETTE = ("#edf8b1", "#7fcdbb", "#2c7fb8", "#253494", "#081d58")
TEXT_FILL = "#bdbdbd"
SIMPLIFY = 0.003


@dataclass(frozen=True)
class ClassBreak:
    """One legend class: colour and the range it covers."""

    color: str
    low: float
    high: float


def classify(values: np.ndarray) -> list[ClassBreak]:
    """Classes for the numeric values (natural breaks, at most 5, fewer for few areas)."""
    finite = np.unique(values[np.isfinite(values)])
    if len(finite) == 0:
        return []
    if len(finite) <= len(PALETTE):
        return [
            ClassBreak(
                PALETTE[round(i * (len(PALETTE) - 1) / max(len(finite) - 1, 1))], float(v), float(v)
            )
            for i, v in enumerate(finite)
        ]
    import mapclassify  # 3 s to import: only when an indicator needs classing

    scheme = mapclassify.NaturalBreaks(finite, k=len(PALETTE))
    lows = [float(finite.min()), *scheme.bins[:-1]]
    return [
        ClassBreak(PALETTE[i], float(lo), float(hi))
        for i, (lo, hi) in enumerate(zip(lows, scheme.bins, strict=True))
    ]


def class_color(value: float, classes: list[ClassBreak]) -> str:
    """Fill colour of a value (grey for text values)."""
    if not np.isfinite(value):
        return TEXT_FILL
    for cls in classes:
        if value <= cls.high + 1e-12:
            return cls.color
    return classes[-1].color


def _tooltip(row, lang: str) -> str:
    area = row["area_zh"] if lang == "zh" else row["area_en"]
    name = row["indicator_zh"] if lang == "zh" else row["indicator_en"]
    unit = f" {row['unit']}" if row["unit"] else ""
    labels = (
        ("基期", "目标", "年均增长") if lang == "zh" else ("Baseline", "Target", "Annual growth")
    )
    lines = [
        f"<b>{escape(area)}</b>",
        escape(name),
        f"{row['year']}: {escape(row['value_text'] or '—')}{escape(unit)}",
    ]
    if row["baseline_year"]:
        lines.append(f"{labels[0]} {row['baseline_year']}: {escape(row['baseline_text'] or '—')}")
    if row["target_year"]:
        lines.append(f"{labels[1]} {row['target_year']}: {escape(row['target_text'] or '—')}")
    if row["growth_pct"] is not None and np.isfinite(row["growth_pct"]):
        lines.append(f"{labels[2]}: {row['growth_pct']:.1f}%")
    elif row["change_text"]:
        lines.append(f"{labels[2]}: {escape(row['change_text'])}")
    return "<br>".join(lines)


def indicator_layer(
    values: gpd.GeoDataFrame, lang: str, shift: Shift = identity
) -> tuple[folium.GeoJson, list[ClassBreak]]:
    """A GeoJson choropleth of ``values`` (from :func:`geo.indicators.area_values`) and its
    classes for the legend."""
    classes = classify(values["value"].to_numpy(dtype=float))
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
            "fillOpacity": 0.7,
            "color": "#34495e",
            "weight": 1.5,
            "dashArray": "4 3" if props["text_value"] else None,
        }

    layer = folium.GeoJson(
        document,
        name="indicator",
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    )
    return layer, classes
