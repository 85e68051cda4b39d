"""Chinese names inside text from the data, as each language writes them: as they are in
Chinese; in English each short Chinese name is given its English name (a known one, else
its romanised form) with the Chinese after it — “Kaiping City (开平市)”."""

from __future__ import annotations

import re
from collections.abc import Mapping

from geo.texts.base import interface_lang

NAME_MAX_CHARS = 8
"""Longer runs of Chinese are quotations, not town names, and stay as they are."""
ENGLISH_SUFFIXES = (
    ("街道办事处", "Subdistrict"),
    ("街道", "Subdistrict"),
    ("镇", "Town"),
    ("乡", "Township"),
    ("新区", "New Area"),
)
"""Endings of Chinese town names and the English word that follows their pinyin."""
_HAN = re.compile(r"[\u3400-\u9fff]+")


def romanised_name(name: str) -> str:
    """A Chinese place name as an English page writes it: the tone-less pinyin of its name,
    capitalised, then its ending in English (水口镇 → “Shuikou Town”, 会城街道 → “Huicheng
    Subdistrict”); a name without such an ending is its pinyin (翠山湖 → “Cuishanhu”)."""
    from pypinyin import Style, lazy_pinyin  # 1 s to import: only when a card needs it

    def pinyin(text: str) -> str:
        return "".join(lazy_pinyin(text, style=Style.NORMAL)).capitalize()

    for ending, word in ENGLISH_SUFFIXES:
        if name.endswith(ending) and len(name) > len(ending):
            return f"{pinyin(name[: -len(ending)])} {word}"
    return pinyin(name)


def named(text: str, lang: str, names: Mapping[str, str]) -> str:
    """``text`` with its Chinese names written for ``lang``: those ``names`` knows (cities,
    counties) with their English name, town names (镇, 街道 …) with their romanised one
    (:func:`romanised_name`); any other Chinese (a quotation) stays as it is."""
    if interface_lang(lang) != "en":
        return text

    def pair(match: re.Match) -> str:
        name = match.group(0)
        if name in names:
            return f"{names[name]} ({name})"
        if len(name) <= NAME_MAX_CHARS and name.endswith(tuple(e for e, _ in ENGLISH_SUFFIXES)):
            return f"{romanised_name(name)} ({name})"
        return name

    return _HAN.sub(pair, text)
