"""Finding places by Chinese name, alias, English name or pinyin (with or without tones)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

_NOT_WORD = re.compile(r"[\s'’\-·_,.()（）“”\"]+")


def normalize(text: str) -> str:
    """Lower-case, strip tone marks and tone digits, spaces and punctuation.

    ``"Cuìshān Hú"``, ``"cui1shan1hu2"`` and ``"cuishanhu"`` all become ``"cuishanhu"``.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    no_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    no_marks = no_marks.replace("ü", "v").replace("u\u0308", "v")
    return _NOT_WORD.sub("", re.sub(r"(?<=[a-z])[1-5]", "", no_marks))


def pinyin_key(text: str) -> str:
    """Tone-less pinyin of the Chinese characters of ``text``, joined, lower-case."""
    from pypinyin import Style, lazy_pinyin  # 1 s to import: only once a query is typed

    return normalize("".join(lazy_pinyin(text, style=Style.NORMAL, errors="ignore")))


@dataclass(frozen=True)
class SearchIndex:
    """Searchable keys of each place: Chinese names, English name, pinyin."""

    keys: pd.DataFrame  # columns place_id, key, source, length

    @classmethod
    def build(cls, places: pd.DataFrame) -> SearchIndex:
        """Index ``places`` (needs ``place_id``, ``name_zh``, ``name_en``, ``aliases``)."""
        rows = []
        for place in places.itertuples():
            chinese = [place.name_zh, *place.aliases]
            for name in chinese:
                rows.append((place.place_id, normalize(name), "zh", len(name)))
                rows.append((place.place_id, pinyin_key(name), "pinyin", len(name)))
            rows.append((place.place_id, normalize(place.name_en), "en", len(place.name_en)))
        keys = pd.DataFrame(rows, columns=["place_id", "key", "source", "length"])
        return cls(keys[keys["key"] != ""].drop_duplicates(["place_id", "key"]))

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Place ids matching ``query``, best first: exact, then prefix, then substring;
        shorter names first within each class.
        """
        needle = normalize(query)
        if not needle:
            return []
        hits = self.keys[self.keys["key"].str.contains(needle, regex=False)].copy()
        if hits.empty:
            return []
        hits["rank"] = 2
        hits.loc[hits["key"].str.startswith(needle), "rank"] = 1
        hits.loc[hits["key"] == needle, "rank"] = 0
        hits = hits.sort_values(["rank", "length", "place_id"])
        return list(dict.fromkeys(hits["place_id"]))[:limit]


def search_texts(texts: list[str], query: str, limit: int = 20) -> list[int]:
    """Positions of the ``texts`` matching ``query`` by name or pinyin, ranked like
    :meth:`SearchIndex.search` (exact, prefix, substring; shorter first)."""
    needle = normalize(query)
    if not needle:
        return []
    ranked = []
    for position, text in enumerate(texts):
        keys = {normalize(text), pinyin_key(text)} - {""}
        ranks = [
            0 if k == needle else 1 if k.startswith(needle) else 2 for k in keys if needle in k
        ]
        if ranks:
            ranked.append((min(ranks), len(text), position))
    return [position for *_, position in sorted(ranked)][:limit]
