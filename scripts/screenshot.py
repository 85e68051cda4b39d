"""Screenshots of the running app in headless Chromium (offline) for a human to look at.

Usage: python scripts/screenshot.py OUT_PREFIX [QUERY_STRING ...]
Writes OUT_PREFIX-N.png for each query string (default: the plain URL) and prints any
request that had to be blocked because it left this machine.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser import map_frame, offline_page, running_app  # noqa: E402


def main() -> None:
    prefix, queries = sys.argv[1], sys.argv[2:] or [""]
    with running_app() as url, offline_page(1600, 1000) as (page, log):
        for i, query in enumerate(queries):
            page.goto(f"{url}/?{query}")
            frame = map_frame(page)
            frame.locator(".leaflet-overlay-pane canvas").first.wait_for(timeout=60_000)
            time.sleep(3)
            out = f"{prefix}-{i}.png"
            page.screenshot(path=out, full_page=True)
            print(out, query)
        print(f"blocked requests: {log.blocked}")


if __name__ == "__main__":
    main()
