"""The text catalogue: every text the user reads, in 中文 and English, at the bottom of the
stack so that ``geo/``, ``viewmodel/``, ``layers/`` and ``ui/`` read the same one.

A text is a :class:`Text` with named fields ``zh`` and ``en``, picked with
``text(lang)``; nothing outside this package branches on the language.
"""

from geo.texts.base import LANGS, Text, column, interface_lang, other_lang
from geo.texts.industries import INDUSTRIES, industry
from geo.texts.messages import MESSAGES, t
from geo.texts.names import named, romanised_name
from geo.texts.vocab import (
    AREA_LEVELS,
    BASEMAPS,
    EXPORT_LAYERS,
    FACT_LABELS,
    GROUPS,
    KINDS,
    LABEL_MODES,
    LANGUAGE_NAMES,
    LAYERS,
    LINK_KINDS,
    PRECISIONS,
    STATUSES,
    TIERS,
    Precision,
)

__all__ = [
    "AREA_LEVELS",
    "BASEMAPS",
    "EXPORT_LAYERS",
    "FACT_LABELS",
    "GROUPS",
    "INDUSTRIES",
    "KINDS",
    "LABEL_MODES",
    "LANGS",
    "LANGUAGE_NAMES",
    "LAYERS",
    "LINK_KINDS",
    "MESSAGES",
    "PRECISIONS",
    "STATUSES",
    "TIERS",
    "Precision",
    "Text",
    "column",
    "industry",
    "interface_lang",
    "named",
    "other_lang",
    "romanised_name",
    "t",
]
