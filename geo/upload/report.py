"""The human report on a user's layer: format, CRS, features, geometry types, columns and
findings grouped by severity, in Chinese or English. Plain text: whoever shows it in HTML
escapes it (column names and values come from the user's file)."""

from __future__ import annotations

from collections import Counter

from geo.upload.findings import SEVERITIES
from geo.upload.layer import UserLayer

_LABELS = {
    "zh": {
        "file": "文件",
        "format": "格式",
        "crs": "坐标系",
        "features": "要素",
        "types": "几何类型",
        "none": "无几何",
        "columns": "列",
        "error": "错误",
        "warning": "警告",
        "info": "信息",
        "clean": "未发现问题。",
        "converted": "（已转换为 WGS84）",
        "sep": "：",
        "list": "，",
    },
    "en": {
        "file": "File",
        "format": "Format",
        "crs": "CRS",
        "features": "Features",
        "types": "Geometry types",
        "none": "no geometry",
        "columns": "Columns",
        "error": "Errors",
        "warning": "Warnings",
        "info": "Notes",
        "clean": "No problems found.",
        "converted": " (converted to WGS84)",
        "sep": ": ",
        "list": ", ",
    },
}


def format_report(layer: UserLayer, lang: str = "zh") -> str:
    """The report as lines of plain text.

    Parameters
    ----------
    layer : UserLayer
        An accepted file.
    lang : str
        ``"zh"`` or ``"en"``.
    """
    t = _LABELS["zh" if lang == "zh" else "en"]
    sep, comma = t["sep"], t["list"]
    geoms = layer.frame.geometry
    types = Counter("" if g is None else g.geom_type for g in geoms)
    type_text = comma.join(f"{kind or t['none']} {n}" for kind, n in sorted(types.items()))
    columns = [str(c) for c in layer.frame.columns if c != geoms.name]
    converted = "" if layer.source_crs == "EPSG:4326" else t["converted"]
    lines = [
        f"{t['file']}{sep}{layer.name}",
        f"{t['format']}{sep}{layer.source_format.upper()}",
        f"{t['crs']}{sep}{layer.source_crs}{converted}",
        f"{t['features']}{sep}{len(layer.frame)}",
        f"{t['types']}{sep}{type_text}",
        f"{t['columns']} ({len(columns)}){sep}{comma.join(columns)}",
    ]
    for severity in SEVERITIES:
        found = [f for f in layer.findings if f.severity == severity]
        if found:
            lines.append(f"{t[severity]} ({len(found)}){sep.rstrip()}")
            lines += [f"  - {finding.message(lang)}" for finding in found]
    if not any(f.severity != "info" for f in layer.findings):
        lines.append(t["clean"])
    return "\n".join(lines)
