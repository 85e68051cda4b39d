"""Legend rows of a scene: one group per layer group (only visible layers, only place kinds
actually drawn), the plan-target classes first and the uploaded layers last. The web
legend, the in-map legend and the print draw these rows; each row names the drawing unit
it stands for, so a unit that fails to draw can say so in its own rows."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from geo.texts import KINDS, LINK_KINDS, t
from viewmodel.choropleth import ClassBreak
from viewmodel.registry import BY_ID
from viewmodel.style import (
    BOUNDARY_COLORS,
    COARSE_PRECISIONS,
    DIMMED_COLOR,
    HALO_COLOR,
    INDICATOR_TEXT_FILL,
    LINK_STYLES,
    PLACE_STYLES,
    PROJECT_COLOR,
    STRUCTURE_COLOR,
    ZONE_COLOR,
    ZONE_DASH,
    project_radius,
)


@dataclass(frozen=True)
class LegendEntry:
    """One symbol and its label (raw text: renderers escape it)."""

    symbol: str  # circle | square | diamond | triangle | line | ring | area | fill | halo
    color: str
    label: str
    dash: str | None = None
    unit: str = ""  # key of the drawing unit that draws it
    size: float = 0.0  # pixel radius of a proportional circle (size key), else 0
    kind: str = ""  # the place or link kind it stands for, if any


@dataclass(frozen=True)
class LegendGroup:
    """A titled group of rows (the title may be empty)."""

    title: str
    entries: tuple[LegendEntry, ...]


def layer_groups(
    layer_ids: Collection[str], lang: str, kinds_drawn: Collection[str]
) -> list[LegendGroup]:
    """Groups of the visible layers, in registry order; place kinds not drawn are left out."""
    groups: dict[str, list[LegendEntry]] = {}
    for spec in (BY_ID[i] for i in BY_ID if i in layer_ids):
        entries = groups.setdefault(spec.group_title(lang), [])
        if spec.drawn_by == "places":
            entries += [
                LegendEntry(
                    PLACE_STYLES[k].shape,
                    PLACE_STYLES[k].color,
                    KINDS[k](lang),
                    unit="places",
                    kind=k,
                )
                for k in spec.rows
                if k in kinds_drawn
            ]
        elif spec.drawn_by == "links":
            entries += [
                LegendEntry(
                    "line",
                    LINK_STYLES[k].color,
                    LINK_KINDS[k](lang),
                    LINK_STYLES[k].dash,
                    unit="links",
                    kind=k,
                )
                for k in spec.rows
            ]
        elif spec.drawn_by == "projects":
            label = f"{spec.title(lang)} · {t('legend_projects', lang)}"
            entries.append(LegendEntry("circle", PROJECT_COLOR, label, unit="projects"))
        elif spec.drawn_by == "structures":
            entries.append(
                LegendEntry("area", STRUCTURE_COLOR, spec.title(lang), "6 4", unit="structures")
            )
        elif spec.drawn_by == "zones":
            entries.append(
                LegendEntry("area", ZONE_COLOR, spec.title(lang), ZONE_DASH, unit="zones")
            )
        else:
            entries.append(
                LegendEntry("line", BOUNDARY_COLORS["county"], spec.title(lang), unit="counties")
            )
    return [LegendGroup(title, tuple(entries)) for title, entries in groups.items() if entries]


def indicator_group(
    title: str,
    classes: list[ClassBreak],
    unit: str,
    has_text: bool,
    lang: str,
    dimmed: bool = False,
) -> LegendGroup:
    """Rows of a plan-target choropleth: one per class (filled as on the map), with the
    unit, one for targets printed as text, and one saying places are dimmed (``dimmed``)."""
    suffix = f" {unit}" if unit else ""
    entries = [
        LegendEntry(
            "fill",
            c.color,
            (f"{c.low:g}" if c.low == c.high else f"{c.low:g} – {c.high:g}") + suffix,
            unit="indicator",
        )
        for c in classes
    ]
    if has_text:
        entries.append(
            LegendEntry(
                "fill", INDICATOR_TEXT_FILL, t("legend_text_value", lang), "4 3", unit="indicator"
            )
        )
    if dimmed:
        entries.append(LegendEntry("circle", DIMMED_COLOR, t("legend_dimmed", lang), unit="places"))
    return LegendGroup(title, tuple(entries))


def key_investments(largest: float) -> list[float]:
    """Round investments (亿元) for the size key of the projects: the largest round value up
    to ``largest``, and round values near a fifth and a twenty-fifth of it."""
    steps = [m * 10.0**e for e in range(-1, 6) for m in (1, 2, 5)]
    top = max((v for v in steps if v <= largest), default=0.0)
    values = {max((v for v in steps if v <= top / f), default=0.0) for f in (1, 5, 25)}
    return sorted((v for v in values if v > 0), reverse=True)


def size_key(groups: list[LegendGroup], investments: list[float], lang: str) -> list[LegendGroup]:
    """``groups`` with the size key of the project circles in the projects' group: one
    circle per round investment, drawn at the radius the map gives it."""
    largest = max(investments, default=0.0)
    entries = tuple(
        LegendEntry(
            "circle",
            PROJECT_COLOR,
            t("investment_short", lang, yi=v, bn=v / 10),
            unit="projects",
            size=project_radius(v, largest),
        )
        for v in key_investments(largest)
    )
    return _with_entries(groups, BY_ID["projects"].group_title(lang), entries)


def _with_entries(
    groups: list[LegendGroup], title: str, entries: tuple[LegendEntry, ...]
) -> list[LegendGroup]:
    """``groups`` with ``entries`` at the end of the group titled ``title`` (a new group at
    the end when there is none)."""
    if not any(g.title == title for g in groups):
        return [*groups, LegendGroup(title, entries)]
    return [LegendGroup(g.title, (*g.entries, *entries)) if g.title == title else g for g in groups]


def strategy_group(groups: list[LegendGroup], name: str, lang: str) -> list[LegendGroup]:
    """``groups`` with a row for the chosen strategy's extent (drawn when the strategies
    layer itself is off) in the strategy group."""
    entry = LegendEntry("area", STRUCTURE_COLOR, name, "6 4", unit="structures")
    return _with_entries(groups, BY_ID["structures"].group_title(lang), (entry,))


def local_link_group(
    groups: list[LegendGroup], kinds: Collection[str], lang: str
) -> list[LegendGroup]:
    """``groups`` with one ring row per link kind drawn as a local link (all ends on one
    point), in the links' group."""
    entries = tuple(
        LegendEntry(
            "ring",
            LINK_STYLES[k].color,
            t("legend_local_link", lang, kind=LINK_KINDS[k](lang)),
            unit="links",
        )
        for k in sorted(kinds)
    )
    return _with_entries(groups, BY_ID["corridors"].group_title(lang), entries)


def user_entry(name: str, color: str, shape: str, geom_types: set[str], key: str) -> LegendEntry:
    """The row of an uploaded layer: its shape for points, a line or an area otherwise."""
    symbol = shape
    if geom_types and not geom_types & {"Point", "MultiPoint"}:
        symbol = "line" if geom_types <= {"LineString", "MultiLineString"} else "area"
    return LegendEntry(symbol, color, name, unit=f"user:{key}")


def seat_group(lang: str) -> LegendGroup:
    """The dashed halo that marks points standing for a town, county or city seat."""
    return LegendGroup("", (LegendEntry("halo", HALO_COLOR, t("legend_seat", lang), "2 2"),))


def visible_groups(
    groups: Collection[LegendGroup],
    place_kinds: Collection[str],
    link_kinds: Collection[str],
    seats: bool,
) -> list[LegendGroup]:
    """``groups`` with only the rows of what a frame shows: the place kinds ``place_kinds``,
    the link kinds ``link_kinds``, the seat halo when ``seats``; empty groups left out."""
    shown = {"places": set(place_kinds), "links": set(link_kinds)}

    def keep(entry: LegendEntry) -> bool:
        if entry.symbol == "halo":
            return seats
        return not entry.kind or entry.unit not in shown or entry.kind in shown[entry.unit]

    kept = [LegendGroup(g.title, tuple(e for e in g.entries if keep(e))) for g in groups]
    return [g for g in kept if g.entries]


def legend_in_frame(
    groups: Collection[LegendGroup],
    places: pd.DataFrame,
    link_kinds: Collection[str],
    frame: tuple[float, float, float, float] | None,
) -> list[LegendGroup]:
    """:func:`visible_groups` for the ``places`` (with ``lon``, ``lat``, ``kind``,
    ``precision``) inside ``frame`` (min lon, min lat, max lon, max lat; ``None``: all)."""
    if frame is not None:
        places = places[
            places["lon"].between(frame[0], frame[2]) & places["lat"].between(frame[1], frame[3])
        ]
    seats = bool(places["precision"].isin(COARSE_PRECISIONS).any())
    return visible_groups(groups, set(places["kind"]), link_kinds, seats)
