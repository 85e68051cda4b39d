"""Finding places by Chinese name, alias, English name or pinyin (with or without tones)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

SOURCES = ("zh", "pinyin", "en")
"""What a search key was made of."""
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

    keys: pd.DataFrame  # columns place_id, key, source (of SOURCES), length

    @classmethod
    def build(cls, places: pd.DataFrame) -> SearchIndex:
        """Index ``places`` (needs ``place_id``, ``name_zh``, ``name_en``, ``aliases``),
        column by column (a 100k-place gazetteer has 300k keys)."""
        ids: list[str] = []
        keys: list[str] = []
        sources: list[int] = []
        lengths: list[int] = []
        for place_id, name_zh, aliases, name_en in zip(
            places["place_id"], places["name_zh"], places["aliases"], places["name_en"],
            strict=True,
        ):  # fmt: skip
            for name in (name_zh, *aliases):
                ids += (place_id, place_id)
                keys += (normalize(name), pinyin_key(name))
                sources += (0, 1)
                lengths += (len(name), len(name))
            ids.append(place_id)
            keys.append(normalize(name_en))
            sources.append(2)
            lengths.append(len(name_en))
        frame = pd.DataFrame(
            {
                "place_id": ids,
                "key": keys,
                "source": pd.Categorical.from_codes(sources, SOURCES),
                "length": np.array(lengths, dtype=np.int32),
            }
        )
        return cls(frame[frame["key"] != ""].drop_duplicates(["place_id", "key"]))

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
