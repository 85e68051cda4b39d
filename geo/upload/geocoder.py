"""Offline geocoding of a name or address column against the gazetteer, the administrative
areas and the GeoNames town seats of the region. No network is ever used here.

Order of the steps (the first that finds anything wins):

1. exact gazetteer name (``name_zh``)              confidence 1.0, the place's own precision
2. gazetteer alias or English name                 0.95
3. county/city name, with or without its suffix    1.0 / 0.9, precision ``county``/``city``
4. GeoNames town/subdistrict seat in the region    0.8, precision ``town``
5. pinyin (or a homophone) of any of the above     0.7
6. the longest known name contained in the text    x0.8 (an address: place, else town
   within the county/city it names, else county, else city)

Several different places for one name give ``ambiguous`` with every candidate unless the
context (e.g. a county column's value, or a county/city named in the address) keeps exactly one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.anchors import region_seats, strip_suffix
from geo.gazetteer import Gazetteer
from geo.search import normalize, pinyin_key
from geo.upload.distance import distance_m
from geo.upload.findings import Finding
from geo.upload.region import region_districts

CONFIDENCE = {
    "name": 1.0,
    "alias": 0.95,
    "area": 1.0,
    "area_bare": 0.9,
    "seat": 0.8,
    "pinyin": 0.7,
}
CONTAINED_FACTOR = 0.8
"""Confidence multiplier when the name was found inside a longer text (an address)."""
MIN_CONTAINED_LENGTH = 3
"""Shortest name (characters) looked for inside a longer text."""
SAME_PLACE_KM = 3.0
"""A town seat this close to a gazetteer place of the same name is that place."""
_SAR_SUFFIX = "特别行政区"
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_TOWN_ENDINGS = ("镇", "街道", "街道办事处", "乡")
_CANDIDATES_SHOWN = 10


@dataclass(frozen=True)
class Candidate:
    """A known place a name may refer to (WGS84)."""

    name: str
    lon: float
    lat: float
    precision: str  # site | locality | town | county | city
    source: str
    county: str = ""
    city: str = ""

    def label(self) -> str:
        """``name (city county) lon,lat`` for candidate lists."""
        where = "".join(part for part in (self.city, self.county) if part and part != self.name)
        where = f" ({where})" if where else ""
        return f"{self.name}{where} {self.lon:.5f},{self.lat:.5f}"


@dataclass(frozen=True)
class GeocodeResult:
    """Outcome of geocoding one text."""

    query: str
    status: str  # ok | ambiguous | not_found
    lon: float | None
    lat: float | None
    precision: str | None
    confidence: float
    source: str
    candidates: tuple[Candidate, ...]


def _bare(name: str) -> str:
    if name.endswith(_SAR_SUFFIX) and len(name) > len(_SAR_SUFFIX):
        return name[: -len(_SAR_SUFFIX)]
    return strip_suffix(name)


def _add(index: dict[str, list[Candidate]], key: str, candidate: Candidate) -> None:
    if key and candidate not in index.setdefault(key, []):
        index[key].append(candidate)


def _place_candidates(gz: Gazetteer) -> Iterable[tuple[Candidate, list[str], list[str]]]:
    """Each gazetteer place with its primary names and its alias/English names."""
    for place in gz.places.itertuples():
        candidate = Candidate(
            place.name_zh,
            float(place.lon),
            float(place.lat),
            place.precision,
            f"gazetteer:{place.place_id}",
            place.county,
            place.city,
        )
        yield candidate, [place.name_zh], [*place.aliases, place.name_en]


def _area_candidates(gz: Gazetteer) -> Iterable[tuple[Candidate, str]]:
    """Each county and city with its English name."""
    areas = gz.areas[gz.areas["level"].isin(["county", "city"])]
    names = gz.areas["name_zh"]
    for area in areas.itertuples():
        if area.anchor is None or area.anchor.is_empty:
            continue
        city = area.name_zh if area.level == "city" else names.get(area.parent_id, "")
        county = area.name_zh if area.level == "county" else ""
        candidate = Candidate(
            area.name_zh,
            area.anchor.x,
            area.anchor.y,
            area.level,
            f"area:{area.area_id} ({area.level} anchor)",
            county,
            city,
        )
        yield candidate, area.name_en


def _seat_candidates() -> Iterable[tuple[Candidate, tuple[str, ...]]]:
    """GeoNames seats inside the region, with the county and city they lie in."""
    seats = region_seats()
    points = gpd.GeoDataFrame(
        {"i": range(len(seats))},
        geometry=gpd.points_from_xy([s.lon for s in seats], [s.lat for s in seats]),
        crs="EPSG:4326",
    )
    districts = region_districts()[["name_zh", "city_name", "geometry"]]
    joined = gpd.sjoin(points, districts, predicate="within").drop_duplicates("i")
    for row in joined.itertuples():
        seat = seats[row.i]
        county = "" if row.name_zh == row.city_name else row.name_zh
        name = max(seat.names_zh, key=len)
        candidate = Candidate(
            name,
            seat.lon,
            seat.lat,
            "town",
            f"GeoNames town seat {seat.geonameid}",
            county,
            row.city_name,
        )
        yield candidate, seat.names_zh


def _mentioned(name: str, text: str) -> bool:
    """Whether ``text`` names ``name`` (full or without suffix) or is part of it."""
    forms = {normalize(n) for n in (name, _bare(name)) if len(n) >= 2}
    return any(form in text or text in form for form in forms)


def _pick(candidates: Sequence[Candidate], where: str) -> list[Candidate]:
    """Candidates in the county, else in the city, that ``where`` (normalized) names.

    With no ``where`` all candidates are kept; when it names none of theirs, none is.
    """
    if not where:
        return list(candidates)
    for level in ("county", "city"):
        kept = [c for c in candidates if _mentioned(getattr(c, level), where)]
        if kept:
            return kept
    return []


@dataclass(frozen=True)
class OfflineGeocoder:
    """Name indexes of the gazetteer places, areas and region seats (see module docstring)."""

    names: dict[str, list[Candidate]]
    aliases: dict[str, list[Candidate]]
    places: dict[str, list[Candidate]]
    areas: dict[str, list[Candidate]]
    areas_bare: dict[str, list[Candidate]]
    seats: dict[str, list[Candidate]]
    pinyin: dict[str, list[Candidate]]
    towns_full: dict[str, list[Candidate]]

    @classmethod
    def build(cls, gz: Gazetteer) -> OfflineGeocoder:
        """Index ``gz`` and the GeoNames seats of the region (takes about a second)."""
        indexes: dict[str, dict[str, list[Candidate]]] = {
            name: {} for name in cls.__dataclass_fields__
        }
        for candidate, primary, secondary in _place_candidates(gz):
            for name in primary:
                _add(indexes["names"], normalize(name), candidate)
            for name in secondary:
                _add(indexes["aliases"], normalize(name), candidate)
            for name in [*primary, *secondary]:
                _add(indexes["places"], normalize(name), candidate)
                _add(indexes["pinyin"], pinyin_key(name), candidate)
        for candidate, name_en in _area_candidates(gz):
            _add(indexes["areas"], normalize(candidate.name), candidate)
            _add(indexes["areas"], normalize(name_en), candidate)
            _add(indexes["areas_bare"], normalize(_bare(candidate.name)), candidate)
            _add(indexes["pinyin"], pinyin_key(_bare(candidate.name)), candidate)
        for candidate, names in _seat_candidates():
            for name in names:
                _add(indexes["seats"], normalize(strip_suffix(name)), candidate)
                _add(indexes["pinyin"], pinyin_key(strip_suffix(name)), candidate)
                if name.endswith(_TOWN_ENDINGS):
                    _add(indexes["towns_full"], normalize(name), candidate)
        return cls(**indexes)

    def geocode(self, text: str, context: str = "") -> GeocodeResult:
        """Geocode a name or address.

        Parameters
        ----------
        text : str
            A place name (Chinese, English or pinyin) or an address.
        context : str, optional
            Another column's value naming the county or city, e.g. ``佛冈`` or ``清远市``.
            When it names a known county/city, only places there are accepted; otherwise
            it is ignored.

        Returns
        -------
        GeocodeResult
            ``ok`` with a point, ``ambiguous`` with all candidates, or ``not_found``.
        """
        query = "" if text is None else str(text).strip()
        key = normalize(query)
        if not key:
            return GeocodeResult(query, "not_found", None, None, None, 0.0, "empty", ())
        where = self._where(context)
        steps = (
            (self._and_other_towns(self.names.get(key), key), "name", ""),
            (self._and_other_towns(self.aliases.get(key), key), "alias", "alias "),
            (self.areas.get(key), "area", ""),
            (self.areas_bare.get(normalize(_bare(query))), "area_bare", ""),
            (self.seats.get(normalize(strip_suffix(query))), "seat", ""),
            (self.pinyin.get(_sound_key(key)), "pinyin", "pinyin "),
        )
        for candidates, kind, label in steps:
            kept = _pick(candidates or [], where)
            if kept:
                return _result(query, kept, CONFIDENCE[kind], label)
        return self._contained(query, key, where)

    def _and_other_towns(self, found: list[Candidate] | None, key: str) -> list[Candidate]:
        """Gazetteer hits plus same-named town seats elsewhere (so 水口镇 is not silently
        the one town the gazetteer knows when another 水口镇 exists).
        """
        if not found:
            return []
        others = [
            seat
            for seat in self.towns_full.get(key, [])
            if all(_km(seat, hit) > SAME_PLACE_KM for hit in found)
        ]
        return [*found, *others]

    def _where(self, context: str) -> str:
        """The normalized context if it names a known county or city (in Chinese), else ``""``."""
        text = normalize(context)
        if len(text) < 2 or text.isascii():
            return ""
        named = any(
            k in text or text in k
            for index in (self.areas, self.areas_bare)
            for k in index
            if len(k) >= 2 and not k.isascii()
        )
        return text if named else ""

    def _contained(self, query: str, key: str, where: str) -> GeocodeResult:
        """The longest known name inside an address: a place, else a town in the county/city
        the address (or context) names, else that county, else that city.
        """
        areas = [c for k, cs in self.areas.items() if len(k) >= 2 and k in key for c in cs]
        where += "".join(normalize(c.name) for c in areas)
        for index, kind in ((self.places, "name"), (self.towns_full, "seat")):
            for found in _within(key, index):
                kept = _pick(index[found], where)
                if kept:
                    return _contained_result(query, kept, kind)
        for level in ("county", "city"):
            kept = _pick(_longest_of([c for c in areas if c.precision == level]), where)
            if kept:
                return _contained_result(query, kept, "area")
        return GeocodeResult(query, "not_found", None, None, None, 0.0, "no known name", ())


def _km(a: Candidate, b: Candidate) -> float:
    """Great-circle distance in km between two candidates."""
    return float(distance_m(a.lon, a.lat, b.lon, b.lat)) / 1000.0


def _sound_key(key: str) -> str:
    """Pinyin of an all-Chinese key, the key itself when it is all Latin, else nothing."""
    if key.isascii():
        return key
    return pinyin_key(key) if _HAN.fullmatch(key) else ""


def _within(text: str, index: dict[str, list[Candidate]]) -> list[str]:
    """Keys of ``index`` (at least ``MIN_CONTAINED_LENGTH`` long) inside ``text``, longest first."""
    hits = [k for k in index if len(k) >= MIN_CONTAINED_LENGTH and k in text]
    return sorted(hits, key=len, reverse=True)


def _longest_of(candidates: list[Candidate]) -> list[Candidate]:
    if not candidates:
        return []
    longest = max(len(c.name) for c in candidates)
    return [c for c in candidates if len(c.name) == longest]


def _contained_result(query: str, candidates: list[Candidate], kind: str) -> GeocodeResult:
    return _result(query, candidates, CONFIDENCE[kind] * CONTAINED_FACTOR, "address ")


def _result(
    query: str, candidates: list[Candidate], confidence: float, label: str
) -> GeocodeResult:
    if len(candidates) > 1:
        source = f"{label}{len(candidates)} candidates"
        return GeocodeResult(query, "ambiguous", None, None, None, 0.0, source, tuple(candidates))
    hit = candidates[0]
    return GeocodeResult(
        query,
        "ok",
        hit.lon,
        hit.lat,
        hit.precision,
        round(confidence, 3),
        label + hit.source,
        (hit,),
    )


RESULT_COLUMNS = (
    "gba_status",
    "gba_lon",
    "gba_lat",
    "gba_precision",
    "gba_confidence",
    "gba_source",
    "gba_candidates",
)


def results_to_frame(results: Sequence[GeocodeResult], index: pd.Index) -> pd.DataFrame:
    """One row per result with the ``gba_*`` columns; candidates as ``; ``-joined text."""
    rows = [
        (
            r.status,
            r.lon,
            r.lat,
            r.precision,
            r.confidence,
            r.source,
            "; ".join(c.label() for c in r.candidates[:_CANDIDATES_SHOWN])
            + (" …" if len(r.candidates) > _CANDIDATES_SHOWN else ""),
        )
        for r in results
    ]
    return pd.DataFrame(rows, index=index, columns=list(RESULT_COLUMNS))


def geocode_column(
    frame: pd.DataFrame,
    column: str,
    geocoder: OfflineGeocoder,
    context_column: str | None = None,
) -> pd.DataFrame:
    """Geocode every value of ``frame[column]`` offline.

    Parameters
    ----------
    frame : pandas.DataFrame
        The user's table.
    column : str
        Column with names or addresses.
    geocoder : OfflineGeocoder
        Built once with :meth:`OfflineGeocoder.build`.
    context_column : str, optional
        Column naming the county/city of each row, to choose between same-named places.

    Returns
    -------
    pandas.DataFrame
        Same index as ``frame``; columns ``gba_status``, ``gba_lon``, ``gba_lat``,
        ``gba_precision``, ``gba_confidence``, ``gba_source``, ``gba_candidates``.
    """
    contexts = frame[context_column] if context_column else pd.Series("", index=frame.index)
    results = [
        geocoder.geocode(_text(value), _text(context))
        for value, context in zip(frame[column], contexts, strict=True)
    ]
    return results_to_frame(results, frame.index)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def geocode_findings(frame: pd.DataFrame, column: str, geocoded: pd.DataFrame) -> list[Finding]:
    """Findings for rows with no name, a name not found, or an ambiguous name.

    Parameters
    ----------
    frame : pandas.DataFrame
        The user's table (row positions are reported).
    column : str
        The geocoded column.
    geocoded : pandas.DataFrame
        :func:`geocode_column` output for ``frame``.
    """
    names = [_text(v).strip() for v in frame[column]]
    status = list(geocoded["gba_status"])
    blank = tuple(i for i, name in enumerate(names) if not name)
    missing = tuple(i for i, s in enumerate(status) if s == "not_found" and names[i])
    ambiguous = tuple(i for i, s in enumerate(status) if s == "ambiguous")
    findings = []
    if blank:
        findings.append(Finding("name_missing", "warning", blank, {"column": column}))
    if missing:
        findings.append(Finding("not_found", "warning", missing, {"name": names[missing[0]]}))
    if ambiguous:
        first = ambiguous[0]
        findings.append(
            Finding(
                "ambiguous",
                "warning",
                ambiguous,
                {"name": names[first], "candidates": geocoded["gba_candidates"].iloc[first]},
            )
        )
    return findings
