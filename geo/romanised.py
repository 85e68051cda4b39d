"""Romanised names of towns: how an English page may name a 镇/街道 (“Hengbei Town”,
“Huicheng street”, “XiaoGuWei Island”), and whether such a name identifies one town.

A town's romanised forms are the Latin name GeoNames gives its seat (``Seat.name``, without
tone marks) and the tone-less pinyin of its Chinese names (pypinyin), each without its
administrative suffix, never the name of its county. A form counts only when no other
GeoNames seat inside the claimed county carries it: “Shuikou” names 水口镇 only where no
other 水口 (or Shuikou) lies. Matching ignores case, spaces and punctuation but keeps word
boundaries, so ``hengbei`` matches “Hengbei Town” and “HengbeiTown”, never “Shengbei”.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import shapely

from geo.anchors import TOWN_NAME_ENDINGS, Seat, region_seats, strip_suffix
from geo.search import normalize, pinyin_key

SUFFIX_WORDS = ("town", "subdistrict", "street", "zhen", "jiedao")
"""Latin words that may follow a town's name (“Hengbei Town”, “Huicheng Jiedao”)."""
_WORD = re.compile(r"[a-z]+")
_LATIN_SUFFIX = re.compile(rf"\s+(?:{'|'.join(SUFFIX_WORDS)})$", re.IGNORECASE)


def seat_romanisations(seat: Seat) -> frozenset[str]:
    """Every suffix-less romanised form of a seat: its GeoNames Latin name and the pinyin of
    each of its Chinese names, lower-case, without tone marks, spaces or punctuation."""
    forms = {normalize(_LATIN_SUFFIX.sub("", seat.name))}
    forms |= {pinyin_key(strip_suffix(name)) for name in seat.names_zh}
    return frozenset(f for f in forms if f)


def town_romanisations(seat: Seat, town: str) -> frozenset[str]:
    """The romanised forms that name ``town`` itself, whose seat is ``seat``: the pinyin of
    the town's names (镇/街道/乡) and the GeoNames Latin name, unless that is the pinyin of
    another name the record carries (GeoNames calls the 台城 seat “Taishan”, its county)."""
    bare = strip_suffix(town)
    names = {town} | {n for n in seat.names_zh if n.endswith(TOWN_NAME_ENDINGS)}
    others = {n for n in seat.names_zh if n not in names and strip_suffix(n) != bare}
    latin = {normalize(_LATIN_SUFFIX.sub("", seat.name))}
    forms = latin - {pinyin_key(strip_suffix(n)) for n in others}
    forms |= {pinyin_key(strip_suffix(name)) for name in names}
    return frozenset(f for f in forms if f)


@lru_cache(maxsize=256)
def _seats_within(polygon) -> tuple[Seat, ...]:
    seats = region_seats()
    lons = [s.lon for s in seats]
    lats = [s.lat for s in seats]
    inside = shapely.contains_xy(polygon, lons, lats) | shapely.intersects_xy(
        polygon.boundary, lons, lats
    )
    return tuple(s for s, keep in zip(seats, inside, strict=True) if keep)


def unique_romanisations(seat: Seat, town: str, polygon) -> frozenset[str]:
    """The romanised forms of ``town`` (seat ``seat``) that no other GeoNames seat inside
    ``polygon`` (the claimed county or city) carries: the forms that identify it there."""
    taken: set[str] = set()
    for other in _seats_within(polygon):
        if other.geonameid != seat.geonameid:
            taken |= seat_romanisations(other)
    return town_romanisations(seat, town) - taken


def names_romanised(forms: frozenset[str], text: str) -> bool:
    """Whether ``text`` names one of ``forms`` as whole words, ignoring case, spaces and
    tone marks, with or without a suffix word (Town, Subdistrict, Street, Zhen, Jiedao)."""
    if not forms:
        return False
    wanted = forms | {f + word for f in forms for word in SUFFIX_WORDS}
    longest = max(map(len, wanted))
    words = _latin_words(text)
    for start in range(len(words)):
        joined = ""
        for word in words[start:]:
            joined += word
            if joined in wanted:
                return True
            if len(joined) >= longest:
                break
    return False


def _latin_words(text: str) -> list[str]:
    """The Latin words of ``text``, lower-case and without tone marks (ü as v)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ü", "v"))
    return _WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c)))
