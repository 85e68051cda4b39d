"""The human report on a user's layer: format, CRS, features, geometry types, columns and
findings grouped by severity, in Chinese or English. Plain text: whoever shows it in HTML
escapes it (column names and values come from the user's file)."""

from __future__ import annotations

from collections import Counter

from geo.texts import t
from geo.upload.findings import SEVERITIES
from geo.upload.layer import UserLayer


def format_report(layer: UserLayer, lang: str = "zh") -> str:
    """The report as lines of plain text.

    Parameters
    ----------
    layer : UserLayer
        An accepted file.
    lang : str
        ``"zh"`` or ``"en"``.
    """
    label = {
        name: t(f"report_{name}", lang)
        for name in ("file", "format", "crs", "features", "types", "no_geometry", "columns")
    }
    sep, comma = t("colon", lang), t("report_list_separator", lang)
    geoms = layer.frame.geometry
    types = Counter("" if g is None else g.geom_type for g in geoms)
    type_text = comma.join(
        f"{kind or label['no_geometry']} {n}" for kind, n in sorted(types.items())
    )
    columns = [str(c) for c in layer.frame.columns if c != geoms.name]
    converted = "" if layer.source_crs == "EPSG:4326" else t("report_converted", lang)
    lines = [
        f"{label['file']}{sep}{layer.name}",
        f"{label['format']}{sep}{layer.source_format.upper()}",
        f"{label['crs']}{sep}{layer.source_crs}{converted}",
        f"{label['features']}{sep}{len(layer.frame)}",
        f"{label['types']}{sep}{type_text}",
        f"{label['columns']} ({len(columns)}){sep}{comma.join(columns)}",
    ]
    for severity in SEVERITIES:
        found = [f for f in layer.findings if f.severity == severity]
        if found:
            lines.append(f"{t(f'report_{severity}', lang)} ({len(found)}){sep.rstrip()}")
            lines += [f"  - {finding.message(lang)}" for finding in found]
    if not any(f.severity != "info" for f in layer.findings):
        lines.append(t("report_clean", lang))
    return "\n".join(lines)
