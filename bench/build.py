"""Server-side figures measured in this process: loading the data, building the map the
way each app does on a rerun, and the command-line export and print."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import folium
import pandas as pd
import streamlit_folium as sf

from geo import boundaries
from geo.gazetteer import Gazetteer, load_gazetteer
from layers.compose import base_map, overlays
from tests.browser import ROOT
from viewmodel.scene import scene
from viewmodel.view import View


def _component_strings(fmap: folium.Map, groups: list[folium.FeatureGroup]) -> int:
    """Render ``fmap`` and ``groups`` to the strings ``st_folium`` sends (its own helpers);
    returns their total length."""
    fmap.get_root().render()
    script = sf._get_map_string(fmap)
    header = sf._get_header(fmap)
    extra = "".join(sf._get_feature_group_string(g, map=fmap, idx=i) for i, g in enumerate(groups))
    sf.generate_js_hash(script, "map", False)
    return len(script) + len(header) + len(extra)


def load_seconds(data_dir: Path) -> tuple[Gazetteer, float, float]:
    """The validated gazetteer of ``data_dir`` and the seconds it took to load: validating
    with an empty disk cache, then reading what that left in the cache (a fresh server)."""
    previous = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = tmp
        try:
            start = time.perf_counter()
            load_gazetteer(data_dir)
            cold = time.perf_counter() - start
            start = time.perf_counter()
            gz = load_gazetteer(data_dir)
            warm = time.perf_counter() - start
        finally:
            if previous is None:
                del os.environ["XDG_CACHE_HOME"]
            else:
                os.environ["XDG_CACHE_HOME"] = previous
    return gz, cold, warm


def ours_build_seconds(gz: Gazetteer) -> float:
    """Seconds to build and render the default view's map as the app does on a rerun."""
    base_map(scene(gz, (), View()))  # first build fills the per-process outline caches
    start = time.perf_counter()
    drawn = scene(gz, (), View())  # a rerun computes the scene, then draws it
    groups = overlays(drawn)
    _component_strings(base_map(drawn, groups.errors), groups.groups)
    return time.perf_counter() - start


def naive_map(places: pd.DataFrame) -> folium.Map:
    """The baseline's map: one ``folium.Marker`` per place, unsimplified outlines."""
    fmap = folium.Map(location=[23.25, 113.1], zoom_start=8, tiles=None)
    land = boundaries.provinces().loc[list(boundaries.BASEMAP_PROVINCES)]
    folium.GeoJson(land[["name_zh", "geometry"]].to_json(), name="land").add_to(fmap)
    region = boundaries.region_cities()
    folium.GeoJson(region[["name_zh", "geometry"]].to_json(), name="cities").add_to(fmap)
    for row in places.itertuples():
        folium.Marker(
            [float(row.lat), float(row.lon)], popup=row.name_zh, tooltip=row.name_zh
        ).add_to(fmap)
    return fmap


def naive_build_seconds(data_dir: Path) -> tuple[float, int]:
    """Seconds for the baseline to read its CSV, build and render its map, and the
    characters of the map it sends to the browser."""
    start = time.perf_counter()
    places = pd.read_csv(data_dir / "places.csv", dtype=str, keep_default_na=False)
    size = _component_strings(naive_map(places), [])
    return time.perf_counter() - start, size


def command_seconds(args: list[str]) -> float:
    """Wall seconds of ``python -m geo ARGS`` (a fresh process, as a user runs it)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def export_print_seconds(data_dir: Path) -> tuple[float, float]:
    """Seconds for ``export --layer all --format gpkg`` and a 1920×1080 @2× PNG print."""
    with tempfile.TemporaryDirectory() as tmp:
        export = command_seconds(
            ["--data", str(data_dir), "export", "--layer", "all", "--format", "gpkg",
             "--out", f"{tmp}/all.gpkg"]
        )  # fmt: skip
        png = command_seconds(
            ["--data", str(data_dir), "print", "--out", f"{tmp}/map.png",
             "--size", "1920x1080", "--scale", "2"]
        )  # fmt: skip
    return export, png


NAIVE_FILES = """
import sys, time
import geopandas as gpd, matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
sys.path.insert(0, {root!r})
from geo import boundaries
places = pd.read_csv({places!r}, dtype=str, keep_default_na=False)
points = gpd.GeoDataFrame(places, geometry=gpd.points_from_xy(
    places.lon.astype(float), places.lat.astype(float)), crs=4326)
start = time.perf_counter()
points.to_file({out!r} + "/all.gpkg", layer="places")
boundaries.cities().to_file(index=False, filename={out!r} + "/all.gpkg", layer="cities")
boundaries.districts().to_file(index=False, filename={out!r} + "/all.gpkg", layer="counties")
export = time.perf_counter() - start
start = time.perf_counter()
fig, ax = plt.subplots(figsize=(19.2, 10.8), dpi=100)
boundaries.region_cities().plot(ax=ax, facecolor="#f7f4ee", edgecolor="#7b7d7d")
points.plot(ax=ax, markersize=8, column="kind")
fig.savefig({out!r} + "/map.png", dpi=200)
print(export, time.perf_counter() - start)
"""
"""The textbook export and print: GeoDataFrame.to_file per layer; GeoDataFrame.plot and
savefig at 1920×1080 @2× of unsimplified outlines and the places."""


def naive_export_print_seconds(data_dir: Path) -> tuple[float, float]:
    """Seconds for the textbook GeoPackage export and PNG print (see :data:`NAIVE_FILES`),
    imports and outline decoding included as in our command-line figures."""
    with tempfile.TemporaryDirectory() as tmp:
        code = NAIVE_FILES.format(root=str(ROOT), places=str(data_dir / "places.csv"), out=tmp)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        )
        total = time.perf_counter() - start
    export, png = (float(x) for x in result.stdout.split()[-2:])
    setup = total - export - png  # imports and reading, shared: charged to the export
    return export + setup, png
