"""Recompute the points of ``data/places.csv`` from each row's address and sources.

    .venv/bin/python scripts/locate_places.py          # show what would change
    .venv/bin/python scripts/locate_places.py --write  # rewrite lon, lat, precision, geocode_source

Points come from :func:`geo.locate.locate`: published coordinates converted to WGS84, or the
seat of the row's town, county or city (``data/seats.csv``, else GeoNames). Run it after
editing a town, member towns, a seat or a published coordinate; ``tests/test_locations.py``
fails while the table and this computation disagree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.locate import located  # noqa: E402
from geo.tables import DEFAULT_DATA_DIR, read_table  # noqa: E402

LOCATED_COLUMNS = ["lon", "lat", "precision", "geocode_source"]


def main(argv: list[str] | None = None) -> int:
    """Print the rows whose point would change; with ``--write``, rewrite them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite data/places.csv")
    args = parser.parse_args(argv)
    path = DEFAULT_DATA_DIR / "places.csv"
    places = read_table(path)
    new = located(places)
    changed = (new[LOCATED_COLUMNS] != places[LOCATED_COLUMNS]).any(axis=1)
    for index in places.index[changed]:
        old, now = places.loc[index], new.loc[index]
        print(
            f"{old['place_id']}: {old['precision']} ({old['lon']}, {old['lat']}) -> "
            f"{now['precision']} ({now['lon']}, {now['lat']}) {now['geocode_source']}"
        )
    print(f"{int(changed.sum())} of {len(places)} places change")
    if args.write:
        new.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
