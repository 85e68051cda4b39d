"""Legend entries for the visible layers, built from the one style table."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from geo.schema import LINK_KINDS
from layers.projects import PROJECT_COLOR
from layers.registry import BY_ID, group_title
from layers.structures import STRUCTURE_COLOR
from layers.style import BOUNDARY_COLORS, LINK_STYLES, PLACE_STYLES, kind_label


@dataclass(frozen=True)
class LegendEntry:
    """One symbol and its label."""

    symbol: str  # circle | square | diamond | triangle | line | area | fill | halo
    color: str
    label: str
    dash: str | None = None


def legend_entries(
    layer_ids: list[str], lang: str, kinds_drawn: set[str] | None = None
) -> list[tuple[str, list[LegendEntry]]]:
    """(group title, entries) for every visible layer, in registry order; with
    ``kinds_drawn``, place kinds that are not drawn are left out."""
    groups: dict[str, list[LegendEntry]] = {}
    for layer_id in layer_ids:
        spec = BY_ID[layer_id]
        entries = groups.setdefault(group_title(spec.group, lang), [])
        if spec.drawn_by == "places":
            for kind in spec.rows:
                if kinds_drawn is not None and kind not in kinds_drawn:
                    continue
                style = PLACE_STYLES[kind]
                entries.append(LegendEntry(style.shape, style.color, kind_label(kind, lang)))
        elif spec.drawn_by == "links":
            for kind in spec.rows:
                style = LINK_STYLES[kind]
                label = LINK_KINDS[kind][0 if lang == "zh" else 1]
                entries.append(LegendEntry("line", style.color, label, style.dash))
        elif spec.drawn_by == "projects":
            label = "面积与投资额成正比" if lang == "zh" else "area proportional to investment"
            entries.append(LegendEntry("circle", PROJECT_COLOR, f"{spec.title(lang)} · {label}"))
        elif spec.drawn_by == "structures":
            entries.append(LegendEntry("area", STRUCTURE_COLOR, spec.title(lang), "6 4"))
        else:
            entries.append(LegendEntry("line", BOUNDARY_COLORS["county"], spec.title(lang)))
    return [(title, entries) for title, entries in groups.items() if entries]


def indicator_entries(classes, unit: str, lang: str, has_text: bool) -> list[LegendEntry]:
    """Legend rows of an indicator choropleth: one per class, with the unit, and one for
    printed text values."""
    suffix = f" {unit}" if unit else ""
    entries = [
        LegendEntry(
            "area",
            c.color,
            (f"{c.low:g}" if c.low == c.high else f"{c.low:g} – {c.high:g}") + suffix,
        )
        for c in classes
    ]
    if has_text:
        label = "文字表述（非数值）" if lang == "zh" else "stated in words, not a number"
        entries.append(LegendEntry("fill", "#bdbdbd", label, "4 3"))
    return entries


def precision_entry(lang: str) -> LegendEntry:
    """The dashed halo that marks points standing for a town, county or city seat."""
    label = (
        "镇街/县区/地市驻地（非设施点位）"
        if lang == "zh"
        else "Town/county/city seat, not the site"
    )
    return LegendEntry("halo", "#4d4d4d", label, "2 2")


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
        "fill": f'<rect x="2" y="3" width="12" height="10" fill="{c}" fill-opacity="0.75" '
        f'stroke="#34495e"{dash}/>',
        "halo": f'<circle cx="8" cy="8" r="5.5" fill="#bbb" stroke="{c}" '
        f'stroke-width="1.4"{dash}/>',
    }
    return f'<svg width="{s}" height="{s}" viewBox="0 0 16 16">{shapes[entry.symbol]}</svg>'


def legend_html(groups: list[tuple[str, list[LegendEntry]]], extra: list[LegendEntry]) -> str:
    """The legend: group titles, symbols and labels."""
    parts = ['<div class="gba-legend">']
    for title, entries in [*groups, ("", extra)]:
        if title:
            parts.append(f"<div class='gba-legend-group'>{escape(title)}</div>")
        parts += [
            f"<div class='gba-legend-row'>{symbol_svg(e)}<span>{escape(e.label)}</span></div>"
            for e in entries
        ]
    parts.append("</div>")
    return "".join(parts)


LEGEND_CSS = """
.gba-legend { font-size: 13px; line-height: 1.35; }
.gba-legend-group { font-weight: 600; margin: 8px 0 2px; color: #333; }
.gba-legend-row { display: flex; gap: 6px; align-items: center; margin: 1px 0; }
"""
