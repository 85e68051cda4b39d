"""Classes of a plan-target choropleth: natural breaks (mapclassify) over the numeric
values, one colour each; printed text is never turned into a number."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewmodel.style import INDICATOR_PALETTE, INDICATOR_TEXT_FILL


@dataclass(frozen=True)
class ClassBreak:
    """One legend class: colour and the range it covers."""

    color: str
    low: float
    high: float


def classify(values: np.ndarray) -> list[ClassBreak]:
    """Classes for the numeric values (natural breaks, at most 5, fewer for few areas)."""
    finite = np.unique(values[np.isfinite(values)])
    palette = INDICATOR_PALETTE
    if len(finite) == 0:
        return []
    if len(finite) <= len(palette):
        return [
            ClassBreak(
                palette[round(i * (len(palette) - 1) / max(len(finite) - 1, 1))], float(v), float(v)
            )
            for i, v in enumerate(finite)
        ]
    import mapclassify  # 3 s to import: only when an indicator needs classing

    scheme = mapclassify.NaturalBreaks(finite, k=len(palette))
    lows = [float(finite.min()), *scheme.bins[:-1]]
    return [
        ClassBreak(palette[i], float(lo), float(hi))
        for i, (lo, hi) in enumerate(zip(lows, scheme.bins, strict=True))
    ]


def class_color(value: float, classes: list[ClassBreak]) -> str:
    """Fill colour of a value (grey for text values)."""
    if not np.isfinite(value):
        return INDICATOR_TEXT_FILL
    for cls in classes:
        if value <= cls.high + 1e-12:
            return cls.color
    return classes[-1].color
