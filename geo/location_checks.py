"""Checks of where places are and why we think so: the provenance of every location finer
than a county or city, published coordinates and their datum, zones made of towns, the
published seats of ``seats.csv``, and names (every quote names its place, no alias is shared).

Called by :func:`geo.validate.validate_tables`; each function adds problems to its report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

import pandas as pd

from geo.anchors import strip_suffix
from geo.gcj02 import to_wgs84
from geo.geocode import town_seat
from geo.provenance import quote_in_text, squash
from geo.romanised import names_romanised, unique_romanisations
from geo.schema import (
    COORDINATE_PRECISIONS,
    DATUMS,
    FINE_PRECISIONS,
    MAX_LOCATION_QUOTE_CHARS,
    MEMBER_COUNTY_SEPARATOR,
    PLACE_LOCATION_COLUMNS,
)
from geo.tables import split_list

_PUBLISHED = re.compile(r"^(?P<title>[^|]*\S[^|]*?)\s*\|\s*(?P<url>https?://\S+)$")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_PINYIN_GLOSS = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]+[）)]")
"""A reading in brackets that some mirror sites insert after characters: 創(chuàng)新."""
COORDINATE_TOLERANCE = 1e-6
"""Degrees (≈ 10 cm) by which stored WGS84 may differ from the converted published point."""
RETIRED_SOURCES = ("general knowledge",)
"""Words that mark a location as unsourced; no longer accepted in ``geocode_source``."""

PolygonOf = Callable[[str, str], object]
"""(city, county) -> polygon of that area, or ``None`` when unknown."""


def published_source(source: str) -> tuple[str, str] | None:
    """``(title, url)`` of a ``title | http(s)://…`` source, else ``None``."""
    match = _PUBLISHED.match(source.strip())
    return (match["title"].strip(), match["url"]) if match else None


def split_member(member: str) -> tuple[str, str]:
    """``(county, town)`` of a ``member_towns`` item: ``县区/镇街`` or a bare ``镇街``
    (county empty: the place's own county)."""
    county, _, town = member.rpartition(MEMBER_COUNTY_SEPARATOR)
    return county, town


def name_forms(name_zh: str, aliases: Iterable[str]) -> set[str]:
    """The forms a quote may use to name a place: its name, its aliases, and each of them
    without a trailing parenthetical (``中山复旦联合创新中心（复旦）`` → ``…创新中心``)."""
    forms = {name_zh, *aliases}
    forms |= {_TRAILING_NOTE.sub("", f) for f in forms}
    return {squash(f) for f in forms if len(squash(f)) >= 2}


@lru_cache(maxsize=1)
def _to_simplified():
    from opencc_purepy import OpenCC

    return OpenCC("t2s").convert


def simplified(text: str) -> str:
    """``text`` without whitespace, without bracketed pinyin readings (mirror sites print
    創(chuàng)新) and in simplified characters (published pages from Hong Kong, Macau or
    Wikipedia mirrors print 區, 開發, 鎮 …), the form in which names are matched."""
    return _to_simplified()(_PINYIN_GLOSS.sub("", squash(text)))


def town_named(town: str, quote: str, romanised: frozenset[str] = frozenset()) -> bool:
    """Whether ``quote`` names ``town`` in full or without its suffix (月山镇 or 月山), or by
    one of the ``romanised`` forms that identify it in its county (“Hengbei Town”)."""
    text = simplified(quote)
    return town in text or strip_suffix(town) in text or names_romanised(romanised, quote)


RomanisedOf = Callable[[str, str, str], frozenset[str]]
"""(city, county, town) -> the romanised forms that name that town unambiguously."""


def romanised_finder(polygon_of: PolygonOf) -> RomanisedOf:
    """(city, county, town) -> the romanised forms of the town's GeoNames seat that no other
    seat in that county (or city) carries; empty when the town or area is unknown."""
    found: dict[tuple[str, str, str], frozenset[str]] = {}

    def romanised_of(city: str, county: str, town: str) -> frozenset[str]:
        key = (city, county, town)
        if key not in found:
            polygon = polygon_of(city, county)
            seat = None if polygon is None else town_seat(town, polygon)
            found[key] = frozenset() if seat is None else unique_romanisations(seat, town, polygon)
        return found[key]

    return romanised_of


def place_towns(county: str, town: str, members: str) -> set[tuple[str, str]]:
    """``(county, town)`` of a place's town and of each member town (``县区/镇`` names
    another county of the city; a bare member is in the place's own county)."""
    pairs = {(split_member(m)[0] or county, split_member(m)[1]) for m in split_list(members)}
    return {p for p in pairs | {(county, town)} if p[1]}


TownsByName = dict[str, tuple[str, set[str]]]
"""A located place's name form -> (its place id, the towns it is located in)."""


def located_by_name(places: pd.DataFrame, romanised_of: RomanisedOf) -> TownsByName:
    """Name forms of the places whose town rests on their own quote naming it: a zone's
    members named in its quote, or a place's town named in its quote."""
    out: TownsByName = {}
    columns = ("place_id", "name_zh", "aliases", "city", "county", "town", "member_towns")
    for pid, name, aliases, city, county, town, members, quote in zip(
        *(places[c].tolist() for c in (*columns, "location_quote")), strict=True
    ):
        towns = {
            t
            for c, t in place_towns(county, town, members)
            if quote and town_named(t, quote, romanised_of(city, c, t))
        }
        if not towns:
            continue
        for form in name_forms(name, split_list(aliases)):
            out[form] = (pid, towns)
    return out


def town_given(
    place_id: str,
    town: str,
    quote: str,
    located: TownsByName,
    romanised: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``quote`` places ``place_id`` in ``town``: it names the town (in Chinese, or
    by a ``romanised`` form that identifies it), or it names another place located there by
    its own quote (a zone such as 火炬开发区 or 翠亨新区 with the town among its members, or
    a place whose quote names that town). A chain of places therefore always ends at a
    quote that names the town: none leads back to an unsourced one."""
    if town_named(town, quote, romanised):
        return True
    text = simplified(quote)
    return any(
        form in text and other != place_id and town in towns
        for form, (other, towns) in located.items()
    )


def check_location_provenance(report, texts: dict[str, str | None], polygon_of: PolygonOf) -> None:
    """Every place finer than county/city says where its location comes from.

    Rules: a place at ``site``/``locality``/``town`` precision, or with a ``town``,
    ``member_towns`` or published coordinates, has a ``location_source`` (a plan id, or
    ``title | http(s)://URL``) and a ``location_quote`` (verbatim in the plan for a plan id);
    the quote names the town (in Chinese, or by a romanised name that identifies it in its
    county: :mod:`geo.romanised`; or a place located there by its own quote) and every
    member town; typed coordinates come from a published source, carry their datum and are
    ``site`` or ``locality`` only, and the stored WGS84 point is the converted published one.
    """
    places = report.tables["places.csv"]
    romanised_of = romanised_finder(polygon_of)
    located = located_by_name(places, romanised_of)
    columns = ("place_id", "city", "county", *PLACE_LOCATION_COLUMNS)
    rows = zip(places.index, *(places[c].tolist() for c in columns), strict=True)
    for (
        index,
        pid,
        city,
        county,
        town,
        members,
        lon,
        lat,
        precision,
        how,
        source,
        quote,
        *printed,
    ) in rows:
        slon, slat, datum = printed

        def problem(column: str, message: str, index=index) -> None:
            report.add("places.csv", index, column, message)

        if any(word in how for word in RETIRED_SOURCES):
            problem("geocode_source", "general knowledge is not a source; cite the location")
        has_coords = bool(slon or slat or datum)
        needs_source = precision in FINE_PRECISIONS or bool(town or members or has_coords)
        if not needs_source and not (source or quote):
            continue
        if not source or not quote:
            problem(
                "location_source" if not source else "location_quote",
                "a location finer than county/city (or a town) needs both location_source "
                "and location_quote",
            )
            continue
        published = _check_source(source, quote, texts, problem)
        if precision == "town" and not town:
            problem("town", "town precision needs the town (镇/街道)")
        if (
            precision == "town"
            and town
            and not town_given(pid, town, quote, located, romanised_of(city, county, town))
        ):
            problem(
                "location_quote",
                f"the quote names neither the town {town!r} nor a place located in it",
            )
        for member in split_list(members):
            member_county, member_town = split_member(member)
            romanised = romanised_of(city, member_county or county, member_town)
            if not town_given(pid, member_town, quote, located, romanised):
                problem(
                    "location_quote",
                    f"the quote names neither the member town {member!r} nor a place located in it",
                )
        if members and town not in {split_member(m)[1] for m in split_list(members)}:
            problem("town", "the town of a zone must be one of its member_towns")
        if precision in COORDINATE_PRECISIONS and not has_coords:
            problem(
                "precision",
                f"{precision} precision needs published coordinates (source_lon, source_lat, "
                "source_datum)",
            )
        if has_coords:
            _check_coordinates(precision, published, (slon, slat, datum), (lon, lat), problem)


def _check_source(source: str, quote: str, texts, problem) -> bool:
    """Check the source and its quote; return whether the source is published (not a plan)."""
    if len(squash(quote)) > MAX_LOCATION_QUOTE_CHARS:
        problem("location_quote", f"quote longer than {MAX_LOCATION_QUOTE_CHARS} characters")
    if source in texts:
        text = texts[source]
        if text is not None and not quote_in_text(quote, text):
            problem("location_quote", f"quote not found verbatim in plan {source}: {quote[:40]!r}")
        return False
    if published_source(source) is None:
        problem(
            "location_source",
            f"{source[:40]!r} is neither a plan id nor 'title | http(s)://URL'",
        )
    return True


def _check_coordinates(precision, published, printed, stored, problem) -> None:
    slon, slat, datum = printed
    if not published:
        problem("source_lon", "typed coordinates must come from a published source, not a plan")
    if precision not in COORDINATE_PRECISIONS:
        problem(
            "precision",
            f"published coordinates are site or locality precision, not {precision!r}",
        )
    if datum not in DATUMS:
        problem("source_datum", f"unknown datum {datum!r}; expected one of {', '.join(DATUMS)}")
        return
    try:
        expected = to_wgs84(float(slon), float(slat), datum)
        lon, lat = float(stored[0]), float(stored[1])
    except ValueError:
        problem("source_lon", f"not numbers: {slon!r}, {slat!r}")
        return
    if max(abs(lon - expected[0]), abs(lat - expected[1])) > COORDINATE_TOLERANCE:
        problem(
            "lon",
            f"({lon}, {lat}) is not the published {datum} point ({slon}, {slat}) in WGS84 "
            f"({expected[0]:.6f}, {expected[1]:.6f})",
        )


def check_member_towns(report, polygon_of: PolygonOf) -> None:
    """Every member town of a zone is a town whose seat is known in its county (or city)."""
    places = report.tables["places.csv"]
    seats = report.tables["seats.csv"]
    published = set(zip(seats["city"], seats["county"], seats["town"], strict=True))
    zones = places[places["member_towns"] != ""]
    for index, row in zones.iterrows():
        for member in split_list(row["member_towns"]):
            county, town = split_member(member)
            county = county or row["county"]
            if (row["city"], county, town) in published:
                continue
            polygon = polygon_of(row["city"], county)
            if polygon is None:
                report.add("places.csv", index, "member_towns", f"unknown county in {member!r}")
            elif town_seat(town, polygon) is None:
                report.add(
                    "places.csv",
                    index,
                    "member_towns",
                    f"no single GeoNames or seats.csv seat of {town!r} in "
                    f"{county or row['city']}; add its seat to seats.csv",
                )


def is_short_form(short: str, forms: Iterable[str]) -> bool:
    """Whether ``short`` keeps the characters of one of ``forms`` in order, dropping some
    (``广清（清城）`` of ``广清（清城）产业园``, ``科学城`` of ``中山科学城``)."""

    def kept_in_order(form: str) -> bool:
        rest = iter(form)
        return all(char in rest for char in short)

    return len(short) >= 2 and any(kept_in_order(f) for f in forms)


def check_mentions_name_places(report) -> None:
    """Every mention's quote names its place.

    The quote contains the place's name, an alias, or the name without a trailing
    parenthetical (fragments joined with ``…`` may bring the name in); otherwise
    ``named_as`` gives the short form the plan uses there: a part of the quote that keeps
    the characters of the name (or an alias) in order, e.g. ``高新区`` for 清远国家高新区.
    """
    places = report.tables["places.csv"]
    columns = (places[c].tolist() for c in ("place_id", "name_zh", "aliases"))
    names = {pid: (name, aliases) for pid, name, aliases in zip(*columns, strict=True)}
    forms: dict[str, set[str]] = {}
    mentions = report.tables["mentions.csv"]
    columns = (mentions[c].tolist() for c in ("place_id", "quote", "named_as"))
    for index, pid, quote, named_as in zip(mentions.index, *columns, strict=True):
        if pid not in names:
            continue
        if pid not in forms:
            forms[pid] = name_forms(names[pid][0], split_list(names[pid][1]))
        text = squash(quote)
        if named_as:
            if squash(named_as) not in text:
                report.add("mentions.csv", index, "named_as", f"{named_as!r} is not in the quote")
            elif not is_short_form(squash(named_as), forms[pid]):
                report.add(
                    "mentions.csv",
                    index,
                    "named_as",
                    f"{named_as!r} is not a short form of the name or an alias of {pid!r}",
                )
        elif not any(f in text for f in forms[pid]):
            report.add(
                "mentions.csv",
                index,
                "quote",
                f"the quote does not name {pid!r}: quote its name or an alias, or give the "
                "short form it uses in named_as",
            )


def check_aliases(report) -> None:
    """No alias is another place's name or alias: a name that fits several places is not one."""
    places = report.tables["places.csv"]
    columns = (places[c].tolist() for c in ("place_id", "name_zh", "aliases"))
    rows = list(zip(places.index, *columns, strict=True))
    owners: dict[str, set[str]] = {}
    for _, pid, name, aliases in rows:
        for form in {name, *split_list(aliases)}:
            owners.setdefault(form, set()).add(pid)
    for index, pid, _, aliases in rows:
        for alias in split_list(aliases):
            others = sorted(owners[alias] - {pid})
            if others:
                report.add(
                    "places.csv",
                    index,
                    "aliases",
                    f"alias {alias!r} also names {', '.join(others)}; "
                    "keep only names that fit one place",
                )


def check_seats(report, polygon_of: PolygonOf) -> None:
    """Published seats: a known area, a seat town GeoNames knows or WGS84 coordinates inside
    the area, and a published source with a quote that names the seat."""
    seats = report.tables["seats.csv"]
    romanised_of = romanised_finder(polygon_of)
    for index, row in seats.iterrows():

        def problem(column: str, message: str, index=index) -> None:
            report.add("seats.csv", index, column, message)

        if published_source(row["source"]) is None:
            problem("source", "must be 'title | http(s)://URL'")
        if len(squash(row["quote"])) > MAX_LOCATION_QUOTE_CHARS:
            problem("quote", f"quote longer than {MAX_LOCATION_QUOTE_CHARS} characters")
        polygon = polygon_of(row["city"], row["county"])
        if polygon is None:
            problem("county" if row["county"] else "city", "unknown area (not in areas.csv)")
            continue
        has_point = bool(row["lon"] or row["lat"])
        if bool(row["seat_town"]) == has_point:
            problem("seat_town", "give either seat_town or lon/lat, not both or neither")
            continue
        if row["seat_town"]:
            if town_seat(row["seat_town"], polygon) is None:
                problem("seat_town", f"no single GeoNames seat of {row['seat_town']!r} there")
            romanised = romanised_of(row["city"], row["county"], row["seat_town"])
            if not town_named(row["seat_town"], row["quote"], romanised):
                problem("quote", f"the quote does not name {row['seat_town']!r}")
            continue
        _check_seat_point(row, polygon, problem)


def _check_seat_point(row: pd.Series, polygon, problem) -> None:
    from shapely.geometry import Point

    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except ValueError:
        problem("lon", f"not numbers: {row['lon']!r}, {row['lat']!r}")
        return
    if not polygon.covers(Point(lon, lat)):
        area = row["town"] or row["county"] or row["city"]
        problem("lon", f"({lon}, {lat}) lies outside the area of {area}")
    _check_coordinates(
        "site",
        True,
        (row["source_lon"], row["source_lat"], row["source_datum"]),
        (row["lon"], row["lat"]),
        problem,
    )
