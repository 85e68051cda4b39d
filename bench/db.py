"""Benchmark the PostGIS store against files: a published layer of N points (default
10^6) queried by the extent of city and district views, against the same views cut from
the layer read into memory from a GeoPackage (what every server process would otherwise
hold).

Then the app page itself (``app.py`` through Streamlit's AppTest, server time of one script
run, no browser): first paint of a city view, a pan and a zoom-in rerun, in team mode with
the published layer ticked, against the same view from files — the page alone, and the page
with a layer of ``--files-n`` points uploaded into the session (the only way to see such a
layer without the database).

Usage: ``.venv/bin/python bench/db.py [--n 1000000] [--files-n 100000]
[--out docs/benchmarks-db.md]``

Starts its own throw-away PostgreSQL + PostGIS cluster (Debian ``postgresql`` and
``postgis``), or uses ``--url``. Takes 6–10 minutes for 10^6 points on a 2-core machine.
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
from geo.db.gazetteer_store import init_schema, store_gazetteer  # noqa: E402
from geo.db.layer_view import DRAW_CAP  # noqa: E402
from geo.db.published import layer_density, layer_in_view, publish_layer  # noqa: E402
from geo.db.views import DEFAULT_LIMIT  # noqa: E402
from geo.gazetteer import load_gazetteer  # noqa: E402
from ui.map_panel import MAP_HEIGHT  # noqa: E402
from ui.team import MAP_WIDTH_GUESS, cached_layer_view  # noqa: E402
from viewmodel.extent import map_extent  # noqa: E402

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
APP = Path(__file__).resolve().parent.parent / "app.py"
CITY = (22.5, 113.4, 10)
"""The city view of the page: 中山 and its neighbours (lat, lon, zoom)."""
PAN_DEG = 0.2
"""The pan: the city view moved this far east."""
DISTRICT = (22.52, 113.38, 14)
"""The zoom-in: 石岐 at zoom 14."""
SESSIONS = 3


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


def _bounds(bbox) -> dict:
    """The map component's value after the map reported ``bbox``."""
    west, south, east, north = bbox
    sw, ne = {"lng": west, "lat": south}, {"lng": east, "lat": north}
    return {"bounds": {"_southWest": sw, "_northEast": ne}}


def _ms(at, start: float) -> float:
    elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return elapsed


def _notes(at) -> str:
    """What the page says it drew of the published layer (named ``bench``)."""
    return " ".join(c.value for c in at.caption if c.value.startswith("bench"))


def page_session(url: str | None, layer_id: int | None = None, upload: bytes | None = None):
    """One session of the page on the city view: (first paint, pan, zoom-in) in ms, and
    what each run says it drew of the published layer. In team mode (``url``) layer
    ``layer_id`` is ticked; ``upload`` is a CSV put into the uploader before the first
    paint is timed."""
    from streamlit.testing.v1 import AppTest

    os.environ.pop("GBA_DATABASE_URL", None)
    cached_layer_view.clear()  # every view is asked of the database, none from the cache
    if url:
        os.environ["GBA_DATABASE_URL"] = url
    at = AppTest.from_file(str(APP), default_timeout=3600)
    lat, lon, zoom = CITY
    at.query_params.update({"lat": str(lat), "lng": str(lon), "zoom": str(zoom)})
    if layer_id is not None:
        at.session_state[f"team_draw_{layer_id}"] = True
    if upload is not None:
        at.run()
        at.file_uploader(key="w_upload").set_value(("layer.csv", upload, "text/csv"))
    start = time.perf_counter()
    times, notes = [_ms(at.run(), start)], [_notes(at)]
    x0, y0, x1, y1 = map_extent((lat, lon), zoom, MAP_WIDTH_GUESS, MAP_HEIGHT)
    district = map_extent(DISTRICT[:2], DISTRICT[2], MAP_WIDTH_GUESS, MAP_HEIGHT)
    for bbox in ((x0 + PAN_DEG, y0, x1 + PAN_DEG, y1), district):
        at.session_state["map"] = _bounds(bbox)
        start = time.perf_counter()
        times.append(_ms(at.run(), start))
        notes.append(_notes(at))
    return times, notes


def page_figures(app_url: str, layer_id: int, files_n: int) -> tuple[list[list[str]], list[str]]:
    """Rows of the page table and what the team layer showed at each step."""
    import streamlit as st

    page_session(None)  # imports, once, outside the timings
    columns = {}
    for name, url, layer in (("db", app_url, layer_id), ("files", None, None)):
        st.cache_resource.clear()  # a server's first session: gazetteer read, caches empty
        cold, _ = page_session(url, layer)
        warm = [page_session(url, layer) for _ in range(SESSIONS)]
        columns[name] = [cold[0]] + [
            statistics.median(times[i] for times, _ in warm) for i in range(3)
        ]
        if name == "db":
            notes = warm[-1][1]
    csv = synthetic_layer(files_n, seed=23)
    csv = csv.assign(lon=csv.geometry.x, lat=csv.geometry.y).drop(columns="geometry")
    upload, _ = page_session(None, upload=csv.to_csv(index=False).encode())
    columns["upload"] = [None, *upload]
    steps = [
        "first session of a server process (caches empty)",
        f"first paint of a new session: city view, zoom {CITY[2]}",
        f"pan rerun: {PAN_DEG}° east",
        f"zoom-in rerun: 石岐, zoom {DISTRICT[2]}",
    ]
    rows = [
        [step, *(fmt(columns[c][i]) if columns[c][i] is not None else "—" for c in columns)]
        for i, step in enumerate(steps)
    ]
    return rows, notes


def run(n: int, url: str | None, files_n: int) -> str:
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
        with Database(url) as owner:
            init_schema(owner, load_gazetteer(), APP_ROLE if cluster else None)
            store_gazetteer(owner, load_gazetteer())
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
        page_rows, page_notes = page_figures(app_url, published.layer_id, files_n)
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
        f"## The page: first paint and pan/zoom of a city view ({n:,} points published)",
        "",
        "Server time of one run of `app.py` (Streamlit AppTest in the benchmark's process: "
        "the script, the database queries, building the map; no browser, no network). "
        f"Median of {SESSIONS} sessions, after one session that paid the imports; the app's "
        "cache of layer views (same layer and extent) is emptied before each session, so "
        "every view is a database query. Team mode: "
        f"`GBA_DATABASE_URL` set, the gazetteer read from the database, the {n:,}-point "
        f"layer ticked and drawn by the map's extent (features up to {DRAW_CAP:,}, else "
        "counts per grid cell). Files: `data/` without the variable — the page alone, and "
        f"the page with a {files_n:,}-point CSV uploaded into the session (one session; "
        "without the database that is the only way to see such a layer, and the page then "
        "draws all of it at every run).",
        "",
        markdown_table(
            [
                "step",
                "team mode (PostGIS) (ms)",
                "files, page alone (ms)",
                f"files + {files_n:,}-point upload (ms)",
            ],
            page_rows,
        ),
        "",
        "What the page said it drew of the team layer (first paint / pan / zoom-in): "
        + " / ".join(page_notes),
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
    parser.add_argument("--url", help="an owner-role database instead of a throw-away one")
    parser.add_argument(
        "--files-n", type=int, default=100_000, help="points of the layer uploaded in file mode"
    )
    parser.add_argument("--out", type=Path, help="write the Markdown report here")
    args = parser.parse_args()
    text = run(args.n, args.url, args.files_n)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
