"""Take a screenshot of the running app in headless Chromium (offline) for a human to look at.

Usage: python scripts/screenshot.py OUT.png [QUERY_STRING]
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser import map_frame, offline_page, running_app  # noqa: E402


def main() -> None:
    out = sys.argv[1]
    query = sys.argv[2] if len(sys.argv) > 2 else ""
    with running_app() as url, offline_page() as (page, log):
        page.goto(f"{url}/?{query}")
        frame = map_frame(page)
        frame.locator(".leaflet-overlay-pane canvas").first.wait_for(timeout=60_000)
        time.sleep(2)
        page.screenshot(path=out, full_page=True)
        print(f"blocked requests: {log.blocked}")


if __name__ == "__main__":
    main()
