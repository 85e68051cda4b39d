"""Synthetic gazetteers for scaling runs: a copy of ``data/`` plus N generated places.

Every synthetic place has the schema of ``places.csv``, lies inside one of the five plan
areas (开平, 台山 as counties, 江门, 中山, 清远 as cities; county or city precision) and is
cited by one mention whose quote, section and plan are copied from a real mention of that
plan; its name is the cited place's name with a note in brackets, so the quote names it and
the data passes every check of ``python -m geo validate``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from geo import boundaries
from geo.schema import PLACE_KINDS
from geo.tables import DEFAULT_DATA_DIR, read_table

PLAN_AREAS = {
    "000": ("江门市", "开平市", 440783, "county"),
    "001": ("江门市", "", 440700, "city"),
    "002": ("江门市", "台山市", 440781, "county"),
    "003": ("中山市", "", 442000, "city"),
    "004": ("清远市", "", 441800, "city"),
}
"""Plan id -> (city, county or "", adcode, level) of the area its synthetic places fall in."""

KINDS = tuple(k for k in PLACE_KINDS if k != "town")


def random_points(polygon, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` uniformly random (lon, lat) points inside ``polygon``, 5 decimals."""
    x0, y0, x1, y1 = polygon.bounds
    out = np.empty((0, 2))
    while len(out) < n:
        batch = rng.uniform((x0, y0), (x1, y1), size=(max(2 * (n - len(out)), 64), 2)).round(5)
        inside = shapely.covers(polygon, shapely.points(batch))
        out = np.vstack([out, batch[inside]])
    return out[:n]


def synthetic_places(n: int, seed: int = 8) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` synthetic places and their mentions, spread over the five plans in turn.

    Parameters
    ----------
    n : int
        Number of places.
    seed : int
        Seed of the random generator (same seed, same data).

    Returns
    -------
    tuple of pandas.DataFrame
        Rows for ``places.csv`` and ``mentions.csv`` (all cells text).
    """
    rng = np.random.default_rng(seed)
    mentions = read_table(DEFAULT_DATA_DIR / "mentions.csv")
    names = read_table(DEFAULT_DATA_DIR / "places.csv").set_index("place_id")["name_zh"]
    cited_names = names[mentions["place_id"]].tolist()
    named = [n in q for n, q in zip(cited_names, mentions["quote"], strict=True)]
    mentions = mentions[np.array(named) & (mentions["named_as"] == "")]
    plan_ids = np.array(sorted(PLAN_AREAS))[np.arange(n) % len(PLAN_AREAS)]
    lon, lat = np.empty(n), np.empty(n)
    for plan_id, (_, _, adcode, level) in PLAN_AREAS.items():
        table = boundaries.districts() if level == "county" else boundaries.cities()
        rows = np.flatnonzero(plan_ids == plan_id)
        points = random_points(table.geometry[adcode], len(rows), rng)
        lon[rows], lat[rows] = points[:, 0], points[:, 1]
    ids = [f"synthetic_{i:06d}" for i in range(n)]
    first = mentions.drop_duplicates("plan_id").set_index("plan_id")
    cited = first.loc[plan_ids].reset_index()
    places = pd.DataFrame(
        {
            "place_id": ids,
            # the cited quote names the real place; the note in brackets keeps names apart
            "name_zh": [f"{names[p]}（合成地点{i}）" for i, p in enumerate(cited["place_id"])],
            "name_en": [f"Synthetic place {i}" for i in range(n)],
            "aliases": "",
            "kind": rng.choice(KINDS, n),
            "tier": rng.choice(["", "municipal", "provincial", "national"], n),
            "status": rng.choice(["existing", "planned", "under_construction"], n),
            "city": [PLAN_AREAS[p][0] for p in plan_ids],
            "county": [PLAN_AREAS[p][1] for p in plan_ids],
            "town": "",
            "lon": [f"{x:.5f}" for x in lon],
            "lat": [f"{y:.5f}" for y in lat],
            "member_towns": "",
            "precision": ["county" if PLAN_AREAS[p][1] else "city" for p in plan_ids],
            "geocode_source": "synthetic benchmark point",
            "location_source": "",
            "location_quote": "",
            "source_lon": "",
            "source_lat": "",
            "source_datum": "",
            "industries": rng.choice(["智能制造", "新材料", "生物医药", "新一代信息技术"], n),
        }
    )
    cited["place_id"] = ids
    return places[list(read_table(DEFAULT_DATA_DIR / "places.csv").columns)], cited[
        mentions.columns
    ]


def write_data_dir(out: Path, n: int, seed: int = 8) -> Path:
    """A copy of ``data/`` with ``n`` synthetic places appended; returns ``out``."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(DEFAULT_DATA_DIR, out)
    places, mentions = synthetic_places(n, seed)
    for name, extra in (("places.csv", places), ("mentions.csv", mentions)):
        table = read_table(DEFAULT_DATA_DIR / name)
        pd.concat([table, extra], ignore_index=True).to_csv(out / name, index=False)
    return out
