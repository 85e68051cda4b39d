"""Screenshots of the planner's journey in the running app, headless Chromium, offline.

Usage: python scripts/screenshot.py [OUT_DIR] [--query QUERY_STRING ...]

Starts the app as the README does (``streamlit run app.py``) and, in 中文 and English, takes
the default view, a strategy picked in the sidebar (中山 “3+4”), then a search hit (翠山湖),
and on a fresh page indicator mode (the plan target most plans set), as a user does them:
``OUT_DIR/<lang>-<n>-<step>.png`` (default ``docs/screenshots``). With ``--query``, one
screenshot per query string instead (``OUT_DIR/query-<n>.png``). Prints any request that had
to be blocked because it left this machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from geo.gazetteer import load_gazetteer  # noqa: E402
from geo.indicators import keys_by_coverage  # noqa: E402
from geo.tables import DEFAULT_DATA_DIR  # noqa: E402
from geo.texts import LANGUAGE_NAMES, column, t  # noqa: E402
from tests.browser import map_frame, offline_page, running_app  # noqa: E402

STRATEGY = "zhongshan_3plus4_003"
SEARCH = "翠山湖"
SETTLE_S = 3.0


def settle(page) -> None:
    """Wait until the map is drawn and the page has stopped rerunning."""
    frame = map_frame(page)
    frame.locator(".leaflet-overlay-pane canvas").first.wait_for(timeout=60_000)
    page.wait_for_function(
        "!document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000
    )
    time.sleep(SETTLE_S)


def pick(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar selectbox labelled ``label``, as a user does."""
    boxes = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']")
    boxes.filter(has=page.get_by_text(label, exact=True)).first.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def journey(page, url: str, out: Path, lang: str) -> list[Path]:
    """The four steps in ``lang``; the paths written."""
    gz = load_gazetteer(DEFAULT_DATA_DIR)
    shots = []

    def shot(step: str) -> None:
        settle(page)
        path = out / f"{lang}-{len(shots) + 1}-{step}.png"
        page.screenshot(path=path)
        shots.append(path)
        print(path)

    page.goto(f"{url}/?lang={lang}")
    shot("default")
    pick(page, t("structure", lang), gz.structures.at[STRATEGY, column("name", lang)])
    shot("strategy")
    box = page.get_by_label(t("search", lang))
    box.fill(SEARCH)
    box.press("Enter")
    shot("search")
    page.goto(f"{url}/?lang={lang}")  # a plan target over the whole region
    settle(page)
    key = keys_by_coverage(gz)[0]
    pick(page, t("indicator", lang), gz.indicator_keys.at[key, column("key", lang)])
    shot("indicator")
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--query", nargs="*", help="screenshot these query strings instead")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with running_app() as url, offline_page(1600, 1000) as (page, log):
        if args.query is not None:
            for i, query in enumerate(args.query or [""]):
                page.goto(f"{url}/?{query}")
                settle(page)
                page.screenshot(path=out / f"query-{i}.png", full_page=True)
                print(out / f"query-{i}.png", query)
        else:
            for lang in LANGUAGE_NAMES:
                journey(page, url, out, lang)
        print(f"blocked requests: {log.blocked}")


if __name__ == "__main__":
    main()
