"""HTML for the legend and the detail card. Every text from data is escaped here."""

from __future__ import annotations

from html import escape

from layers.legend import LegendEntry

SYMBOL_SIZE = 16


def symbol_svg(entry: LegendEntry) -> str:
    """A small inline SVG of a legend symbol."""
    s, c = SYMBOL_SIZE, escape(entry.color)
    dash = f' stroke-dasharray="{escape(entry.dash)}"' if entry.dash else ""
    shapes = {
        "circle": f'<circle cx="8" cy="8" r="5.5" fill="{c}" stroke="#fff"/>',
        "square": f'<rect x="3" y="3" width="10" height="10" fill="{c}" stroke="#fff"/>',
        "diamond": f'<polygon points="8,1.5 14.5,8 8,14.5 1.5,8" fill="{c}" stroke="#fff"/>',
        "triangle": f'<polygon points="8,2 14.5,13.5 1.5,13.5" fill="{c}" stroke="#fff"/>',
        "line": f'<line x1="1" y1="8" x2="15" y2="8" stroke="{c}" stroke-width="3"{dash}/>',
        "area": f'<rect x="2" y="3" width="12" height="10" fill="{c}" fill-opacity="0.15" '
        f'stroke="{c}"{dash}/>',
        "halo": f'<circle cx="8" cy="8" r="5.5" fill="#bbb" stroke="{c}" '
        f'stroke-width="1.4"{dash}/>',
    }
    return f'<svg width="{s}" height="{s}" viewBox="0 0 16 16">{shapes[entry.symbol]}</svg>'


def legend_html(groups: list[tuple[str, list[LegendEntry]]], extra: list[LegendEntry]) -> str:
    """The legend: group titles, symbols and labels."""
    parts = ['<div class="gba-legend">']
    for title, entries in groups:
        parts.append(f"<div class='gba-legend-group'>{escape(title)}</div>")
        for entry in entries:
            parts.append(
                f"<div class='gba-legend-row'>{symbol_svg(entry)}<span>{escape(entry.label)}"
                "</span></div>"
            )
    for entry in extra:
        parts.append(
            f"<div class='gba-legend-row'>{symbol_svg(entry)}<span>{escape(entry.label)}"
            "</span></div>"
        )
    parts.append("</div>")
    return "".join(parts)


LEGEND_CSS = """<style>
.gba-legend { font-size: 13px; line-height: 1.35; }
.gba-legend-group { font-weight: 600; margin: 8px 0 2px; color: #333; }
.gba-legend-row { display: flex; gap: 6px; align-items: center; margin: 1px 0; }
.gba-cite { border-left: 3px solid #c0392b; padding: 2px 8px; margin: 6px 0; }
.gba-cite q { font-size: 15px; }
.gba-meta { color: #555; font-size: 13px; }
</style>"""


def citation_html(plan_title: str, section: str, quote: str, role: str, labels: dict) -> str:
    """One citation: plan title, section path, verbatim quote and role; ``labels`` holds
    the "section" and "role" captions including their colon."""
    role_html = (
        f"<div class='gba-meta'>{escape(labels['role'])}{escape(role)}</div>" if role else ""
    )
    section_html = (
        f"<div class='gba-meta'>{escape(labels['section'])}{escape(section)}</div>"
        if section
        else ""
    )
    return (
        "<div class='gba-cite'>"
        f"<div><b>{escape(plan_title)}</b></div>{section_html}"
        f"<q>{escape(quote)}</q>{role_html}</div>"
    )
