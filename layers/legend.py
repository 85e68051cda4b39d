"""Legend entries for the visible layers, built from the one style table."""

from __future__ import annotations

from dataclasses import dataclass

from geo.schema import LINK_KINDS
from layers.registry import BY_ID, group_title
from layers.structures import STRUCTURE_COLOR
from layers.style import BOUNDARY_COLORS, LINK_STYLES, PLACE_STYLES, kind_label


@dataclass(frozen=True)
class LegendEntry:
    """One symbol and its label."""

    symbol: str  # circle | square | diamond | triangle | line | area | halo
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
        elif spec.drawn_by == "structures":
            entries.append(LegendEntry("area", STRUCTURE_COLOR, spec.title(lang), "6 4"))
        else:
            entries.append(LegendEntry("line", BOUNDARY_COLORS["county"], spec.title(lang)))
    return [(title, entries) for title, entries in groups.items() if entries]


def precision_entry(lang: str) -> LegendEntry:
    """The dashed halo that marks points standing for a town, county or city seat."""
    label = (
        "镇街/县区/地市驻地（非设施点位）"
        if lang == "zh"
        else "Town/county/city seat, not the site"
    )
    return LegendEntry("halo", "#4d4d4d", label, "2 2")
