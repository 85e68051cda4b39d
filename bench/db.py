"""Benchmark the PostGIS store against files: a published layer of N points (default
10^6) queried by the extent of city and district views, against the same views cut from
the layer read into memory from a GeoPackage (what every server process would otherwise
hold).

Usage: ``.venv/bin/python bench/db.py [--n 1000000] [--out docs/benchmarks-db.md]``

Starts its own throw-away PostgreSQL + PostGIS cluster (Debian ``postgresql`` and
``postgis``), or uses ``--url``. Takes 3–6 minutes for 10^6 points on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.report import fmt, markdown_table  # noqa: E402
from bench.synth import PLAN_AREAS, random_points  # noqa: E402
from geo import boundaries  # noqa: E402
from geo.db.cluster import APP_ROLE, DATABASE, OWNER_ROLE, TempCluster  # noqa: E402
from geo.db.connect import Database  # noqa: E402
from geo.db.migrations import migrate  # noqa: E402
from geo.db.published import layer_density, layer_in_view, publish_layer  # noqa: E402
from geo.db.views import DEFAULT_LIMIT  # noqa: E402

VIEWS = {
    "city: 中山 Zhongshan": (113.15, 22.2, 113.65, 22.8),
    "city: 开平 Kaiping": (112.3, 22.0, 112.95, 22.6),
    "district: 石岐 Shiqi": (113.33, 22.48, 113.43, 22.58),
    "district pan: 石岐 → east": (113.35, 22.48, 113.45, 22.58),
}
"""Views of the map by extent (min lon, min lat, max lon, max lat)."""
DENSITY_CELL = 0.01
"""Degrees per grid cell of the density view (≈ 1 km)."""
REPEATS = 5


def synthetic_layer(n: int, seed: int = 19) -> gpd.GeoDataFrame:
    """``n`` enterprise-like points spread over the five plan areas, with four columns."""
    rng = np.random.default_rng(seed)
    points = []
    for i, (_, _, adcode, level) in enumerate(PLAN_AREAS.values()):
        table = boundaries.districts() if level == "county" else boundaries.cities()
        count = n // len(PLAN_AREAS) + (1 if i < n % len(PLAN_AREAS) else 0)
        points.append(random_points(table.geometry[adcode], count, rng))
    xy = np.vstack(points)
    return gpd.GeoDataFrame(
        {
            "name": [f"企业{i:07d}" for i in range(n)],
            "industry": rng.choice(["生物医药", "新材料", "电子信息", "装备制造"], n),
            "employees": pd.array(rng.integers(1, 5000, n), dtype="Int64"),
            "revenue": rng.lognormal(5, 1, n).round(2),
        },
        geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]),
        crs="EPSG:4326",
    )


def rss_mb() -> float:
    """Resident memory of this process."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


def timed(function, repeats: int = REPEATS) -> tuple[float, object]:
    """Median wall time (ms) of ``function()`` and its last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def memory_view(frame: gpd.GeoDataFrame, bbox, limit: int) -> tuple[gpd.GeoDataFrame, int]:
    """The view the database answers, cut from memory: first ``limit`` rows meeting the box
    (row order) and how many there are."""
    hits = np.sort(frame.sindex.query(shapely.box(*bbox), predicate="intersects"))
    return frame.iloc[hits[:limit]], len(hits)


def memory_density(frame: gpd.GeoDataFrame, bbox, cell: float) -> pd.DataFrame:
    """Counts per grid cell within the box, from memory."""
    rows, _ = memory_view(frame, bbox, len(frame))
    x, y = rows.geometry.x.to_numpy(), rows.geometry.y.to_numpy()
    keys = pd.DataFrame({"i": np.round(x / cell), "j": np.round(y / cell), "lon": x, "lat": y})
    return keys.groupby(["i", "j"]).agg(lon=("lon", "mean"), lat=("lat", "mean"), n=("lon", "size"))


def run(n: int, url: str | None) -> str:
    """Measure and return the Markdown report."""
    lines = [f"# PostGIS store vs files: {n:,} published points", ""]
    start = time.perf_counter()
    layer = synthetic_layer(n)
    print(f"generated {n:,} points in {time.perf_counter() - start:.1f} s", flush=True)
    cluster = None
    if url is None:
        cluster = TempCluster().start()
        cluster.provision()
        url = cluster.url(OWNER_ROLE, DATABASE)
        app_url = cluster.url(APP_ROLE, DATABASE)
    else:
        app_url = url
    try:
        with Database(url) as owner, owner.writing() as cur:
            migrate(cur, owner.schema, APP_ROLE if cluster else None)
        with Database(app_url) as db:
            start = time.perf_counter()
            published = publish_layer(
                db,
                layer,
                name="bench",
                owner="bench",
                source_format="gpkg",
                source_crs="EPSG:4326",
                report={},
            )
            publish_s = time.perf_counter() - start
            print(f"published in {publish_s:.1f} s", flush=True)
            with db.writing() as cur:
                cur.execute("ANALYZE gba.published_features")
            db_rows = {}
            for name, bbox in VIEWS.items():
                db_rows[name] = timed(
                    lambda b=bbox: layer_in_view(db, published.layer_id, b, DEFAULT_LIMIT)
                )
            city = VIEWS["city: 中山 Zhongshan"]
            db_density = timed(lambda: layer_density(db, published.layer_id, city, DENSITY_CELL))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "layer.gpkg"
            pyogrio.write_dataframe(layer, path, driver="GPKG")
            size_mb = path.stat().st_size / 1e6
            del layer
            before = rss_mb()
            start = time.perf_counter()
            frame = pyogrio.read_dataframe(path)
            frame.sindex  # noqa: B018  (built once per process, as a server would)
            load_s = time.perf_counter() - start
            held_mb = rss_mb() - before
        mem_rows = {
            name: timed(lambda b=bbox: memory_view(frame, b, DEFAULT_LIMIT))
            for name, bbox in VIEWS.items()
        }
        mem_density = timed(lambda: memory_density(frame, city, DENSITY_CELL))
    finally:
        if cluster:
            cluster.stop()
    body = []
    for name in VIEWS:
        (db_ms, rows), (mem_ms, (mem_frame, mem_total)) = db_rows[name], mem_rows[name]
        assert rows.total == mem_total and len(rows.frame) == len(mem_frame), name
        body.append([name, f"{rows.total:,}", f"{len(rows.frame):,}", fmt(db_ms), fmt(mem_ms)])
    (db_ms, cells), (mem_ms, mem_cells) = db_density, mem_density
    assert int(cells["count"].sum()) == int(mem_cells["n"].sum())
    body.append(
        [
            f"density grid {DENSITY_CELL}°: 中山",
            f"{int(cells['count'].sum()):,}",
            f"{len(cells):,} cells",
            fmt(db_ms),
            fmt(mem_ms),
        ]
    )
    lines += [
        f"Each view: median of {REPEATS} queries, rows returned capped at {DEFAULT_LIMIT:,} "
        "(the first in row order) plus the total count. Database: `layer_in_view` / "
        "`layer_density` over a pooled connection (SQL `&&` + `ST_Intersects` on the GiST "
        "index). Files: the same cut from the layer held in memory with its STRtree built.",
        "",
        markdown_table(
            ["view", "features in view", "returned", "PostGIS (ms)", "in memory (ms)"], body
        ),
        "",
        markdown_table(
            ["cost paid once", "PostGIS", "files"],
            [
                ["publish (one transaction, COPY)", f"{publish_s:.1f} s", "—"],
                ["per server process: read + index", "0 s (nothing held)", f"{load_s:.1f} s"],
                ["per server process: memory held", "0 MB", f"{held_mb:,.0f} MB"],
                ["GeoPackage file", "—", f"{size_mb:,.0f} MB"],
            ],
        ),
        "",
        f"Machine: {os.cpu_count()} cores, load average at the end "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + " (other jobs share it: timings vary by ±50 %).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="points in the layer")
    parser.add_argument("--url", help="an initialised database instead of a throw-away one")
    parser.add_argument("--out", type=Path, help="write the Markdown report here")
    args = parser.parse_args()
    text = run(args.n, args.url)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
