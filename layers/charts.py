"""Static charts for downloads: the comparison of one plan target across cities."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from geo.texts import column  # noqa: E402
from layers.printing.fonts import cjk_font  # noqa: E402


def comparison_png(table: pd.DataFrame, title: str, labels: dict[str, str], lang: str) -> bytes:
    """Grouped bars of baseline and target per city (numbers only; text values are named
    under the chart), as PNG bytes."""
    plt.rcParams.update({"font.family": [cjk_font()], "axes.unicode_minus": False})
    names = table[column("area", lang)]
    base = pd.to_numeric(table["baseline"], errors="coerce").to_numpy(dtype=float)
    target = pd.to_numeric(table["target"], errors="coerce").to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=150)
    x = np.arange(len(table))
    ax.bar(x - 0.2, np.nan_to_num(base), 0.4, label=labels["baseline"], color="#9ecae1")
    ax.bar(x + 0.2, np.nan_to_num(target), 0.4, label=labels["target"], color="#2c7fb8")
    for i, (b, t_) in enumerate(zip(base, target, strict=True)):
        for offset, value, printed in (
            (-0.2, b, table["baseline_text"].iloc[i]),
            (0.2, t_, table["target_text"].iloc[i]),
        ):
            text = f"{value:g}" if np.isfinite(value) else (printed or "—")
            ax.text(i + offset, np.nan_to_num(value), text, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, list(names))
    unit = table["unit"].iloc[0] if len(table) else ""
    ax.set_ylabel(unit)
    ax.set_title(title)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
