"""Text on prints: the CJK font shipped as a dependency, and data text drawn literally."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register the Noto Sans CJK font shipped by the ``mplfonts`` package; its family name."""
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def plain_text(text: str) -> str:
    """``text`` as matplotlib draws it literally: ``$`` would start mathtext."""
    return text.replace("$", r"\$")
