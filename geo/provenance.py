"""Source plan texts and verbatim-quote checks.

The plans are PDF-to-text conversions with hard line wraps, so a quote is compared with
its plan after removing all whitespace from both; every other character must match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DEFAULT_PLANS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "plans"
_WHITESPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Remove all whitespace, the form in which quotes are matched against plan text.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        ``text`` without spaces, tabs and line breaks.
    """
    return _WHITESPACE.sub("", text)


@lru_cache(maxsize=16)
def _read_squashed(path: Path) -> str:
    return squash(path.read_text(encoding="utf-8"))


def plan_text(plans_dir: Path, source_file: str) -> str | None:
    """Whitespace-free text of one plan, or ``None`` when the file is not there.

    Parameters
    ----------
    plans_dir : Path
        Folder holding the plan text files.
    source_file : str
        File name as given in ``plans.csv``.
    """
    path = Path(plans_dir) / source_file
    if not path.is_file():
        return None
    return _read_squashed(path.resolve())


def quote_in_text(quote: str, squashed_text: str) -> bool:
    """Whether ``quote`` occurs verbatim (whitespace aside) in a squashed plan text."""
    needle = squash(quote)
    return bool(needle) and needle in squashed_text
