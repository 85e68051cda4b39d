"""Source plan texts and verbatim-quote checks.

The plans are PDF-to-text conversions with hard line wraps, so a quote is compared with
its plan after removing all whitespace from both; every other character must match. A quote
may join verbatim fragments of one passage with ``…`` (the name of a place and the clause
that says something about it): each fragment must occur in the plan, in order, and close
to the previous one.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from geo.schema import MAX_QUOTE_GAP_CHARS, QUOTE_GAP

DEFAULT_PLANS_DIR = Path(
    os.environ.get("GBA_PLANS_DIR")
    or Path(__file__).resolve().parent.parent.parent / "shared" / "plans"
)
"""The plan texts: ``$GBA_PLANS_DIR``, else ``../shared/plans`` next to the checkout."""
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
    """Whether ``quote`` occurs verbatim (whitespace aside) in a squashed plan text.

    A quote that is not found whole is split at :data:`geo.schema.QUOTE_GAP` (``…``); it is
    then found when every fragment occurs in order, each starting at most
    :data:`geo.schema.MAX_QUOTE_GAP_CHARS` characters after the end of the previous one.
    """
    needle = squash(quote)
    if not needle:
        return False
    if needle in squashed_text:
        return True
    fragments = [f for f in needle.split(QUOTE_GAP) if f]
    if len(fragments) < 2:
        return False
    return _fragments_in_order(fragments, squashed_text)


def _fragments_in_order(fragments: list[str], text: str) -> bool:
    """Whether ``fragments`` occur in ``text`` in order with short gaps (any occurrence of the
    first fragment may start the passage)."""
    start = text.find(fragments[0])
    while start >= 0:
        end = start + len(fragments[0])
        for fragment in fragments[1:]:
            found = text.find(fragment, end, end + MAX_QUOTE_GAP_CHARS + len(fragment))
            if found < 0:
                break
            end = found + len(fragment)
        else:
            return True
        start = text.find(fragments[0], start + 1)
    return False
