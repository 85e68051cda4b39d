"""The legend as HTML (beside the map and inside it in presentation mode): the scene's
legend rows with inline SVG symbols; a row whose drawing unit failed says why."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from geo.texts import t
from viewmodel.legend import LegendEntry, LegendGroup
from viewmodel.style import INDICATOR_FILL_OPACITY, PROJECT_FILL_OPACITY, PROJECT_MAX_RADIUS

SYMBOL_SIZE = 16


def symbol_svg(entry: LegendEntry) -> str:
    """A small inline SVG of a legend symbol (a proportional circle at its map size)."""
    s, c = SYMBOL_SIZE, escape(entry.color)
    if entry.size:  # every circle of the key in one column as wide as the largest circle
        w, h = round(2 * PROJECT_MAX_RADIUS + 2), round(2 * entry.size + 2)
        return (
            f'<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}"><circle cx="{w / 2}" '
            f'cy="{h / 2}" r="{entry.size:.1f}" fill="{c}" fill-opacity="{PROJECT_FILL_OPACITY}"'
            ' stroke="#fff"/></svg>'
        )
    dash = f' stroke-dasharray="{escape(entry.dash)}"' if entry.dash else ""
    shapes = {
        "circle": f'<circle cx="8" cy="8" r="5.5" fill="{c}" stroke="#fff"/>',
        "square": f'<rect x="3" y="3" width="10" height="10" fill="{c}" stroke="#fff"/>',
        "diamond": f'<polygon points="8,1.5 14.5,8 8,14.5 1.5,8" fill="{c}" stroke="#fff"/>',
        "triangle": f'<polygon points="8,2 14.5,13.5 1.5,13.5" fill="{c}" stroke="#fff"/>',
        "line": f'<line x1="1" y1="8" x2="15" y2="8" stroke="{c}" stroke-width="3"{dash}/>',
        "ring": f'<circle cx="8" cy="8" r="5.5" fill="none" stroke="{c}" stroke-width="2"/>',
        "area": f'<rect x="2" y="3" width="12" height="10" fill="{c}" fill-opacity="0.15" '
        f'stroke="{c}"{dash}/>',
        "fill": f'<rect x="2" y="3" width="12" height="10" fill="{c}" '
        f'fill-opacity="{INDICATOR_FILL_OPACITY}" stroke="#34495e"{dash}/>',
        "halo": f'<circle cx="8" cy="8" r="5.5" fill="#bbb" stroke="{c}" '
        f'stroke-width="1.4"{dash}/>',
    }
    return f'<svg width="{s}" height="{s}" viewBox="0 0 16 16">{shapes[entry.symbol]}</svg>'


def legend_html(
    groups: Sequence[LegendGroup], errors: Mapping[str, str] | None = None, lang: str = "zh"
) -> str:
    """The legend: group titles, symbols and labels (all escaped); rows of a drawing unit
    in ``errors`` (unit key -> reason) carry the reason instead of being silently empty."""
    errors = errors or {}
    parts = ['<div class="gba-legend">']
    for group in groups:
        if group.title:
            parts.append(f"<div class='gba-legend-group'>{escape(group.title)}</div>")
        for entry in group.entries:
            failed = errors.get(entry.unit)
            note = (
                f"<span class='gba-legend-error'>{escape(t('layer_failed', lang, reason=failed))}"
                "</span>"
                if failed
                else ""
            )
            parts.append(
                f"<div class='gba-legend-row'>{symbol_svg(entry)}"
                f"<span>{escape(entry.label)}{note}</span></div>"
            )
    parts.append("</div>")
    return "".join(parts)


LEGEND_CSS = """
.gba-legend { font-size: 13px; line-height: 1.35; }
.gba-legend-group { font-weight: 600; margin: 8px 0 2px; color: #333; }
.gba-legend-row { display: flex; gap: 6px; align-items: center; margin: 1px 0; }
.gba-legend-error { display: block; color: #b03a2e; font-size: 12px; }
"""
