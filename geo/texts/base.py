"""The text type of the catalogue: one text in 中文 and English, picked by language."""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("zh", "en")
"""Languages of the interface; ``both`` is also accepted where text is printed twice."""


@dataclass(frozen=True)
class Text:
    """One text in both languages; ``{placeholders}`` are filled when values are given
    (text without values is returned as is, so braces in data stay braces)."""

    zh: str
    en: str

    def __call__(self, lang: str, **values: object) -> str:
        """The text in ``lang``: ``zh``, ``en``, or ``both`` (Chinese, then English)."""
        if lang == "both":
            zh, en = self("zh", **values), self("en", **values)
            return zh if zh == en else f"{zh} {en}"
        text = self.en if lang == "en" else self.zh
        return text.format(**values) if values else text


def interface_lang(lang: str) -> str:
    """The interface language of a label language: ``both`` reads as Chinese."""
    return "en" if lang == "en" else "zh"


def other_lang(lang: str) -> str:
    """The other interface language (``en`` for ``zh`` and ``both``, ``zh`` for ``en``)."""
    return "zh" if lang == "en" else "en"


def column(stem: str, lang: str) -> str:
    """The data column holding ``stem`` in ``lang``: ``name`` → ``name_zh`` or ``name_en``
    (Chinese for ``both``)."""
    return f"{stem}_en" if lang == "en" else f"{stem}_zh"
