"""Slides a promotion team can paste as they are: one PNG per plan, plus the “三园一城” and
“3+4” strategies, in Chinese and English, written to ``docs/slides/``.

Usage: python scripts/slides.py [OUT_DIR] [--size 1600x900] [--theme light|dark]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402

from geo.gazetteer import load_gazetteer  # noqa: E402
from geo.select import Filters  # noqa: E402
from layers.printing.render import PrintOptions, render_print  # noqa: E402
from viewmodel.scene import scene  # noqa: E402
from viewmodel.view import View  # noqa: E402

STRATEGIES = {"sanyuan-yicheng": "guangqing_3parks_1city", "3plus4": "zhongshan_3plus4_003"}
"""File stem -> structure id of the strategies that get their own slide."""
SLIDE_DATE = "2026-12-03"


def views(gz) -> dict[str, View]:
    """File stem (without language) -> view: each plan, then each strategy."""
    out = {f"plan-{p}": View(filters=Filters(plans=(p,))) for p in gz.plans.index}
    for stem, structure in STRATEGIES.items():
        plan = gz.structures.at[structure, "plan_id"]
        out[stem] = View(filters=Filters(plans=(plan,)), strategy=structure)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("docs/slides"))
    parser.add_argument("--size", default="1600x900")
    parser.add_argument("--theme", default="light", choices=["light", "dark"])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    gz = load_gazetteer()
    options = PrintOptions(args.size, 1.0, True, SLIDE_DATE, args.theme)
    for stem, view in views(gz).items():
        for lang in ("zh", "en"):
            out = args.out / f"{stem}-{lang}.png"
            printed = render_print(
                scene(gz, (), view.replace(lang=lang, labels=lang)), options, out
            )
            with Image.open(out) as image:  # no alpha channel: a quarter fewer bytes
                opaque = image.convert("RGB")
            opaque.save(out, optimize=True)
            print(f"{out}: {len(printed.places)} places, {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
