"""Exporting layers of the gazetteer: choose layers, format and CRS; files are written
atomically with a metadata sidecar, and a request that cannot be honoured fails with a
clear message before anything is left behind."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.crs import CRSS, GCJ02, zone_warning
from geo.export_fields import export_attributes
from geo.formats import (
    EXTENSIONS,
    FormatError,
    Prepared,
    prepare,
    write_csv,
    write_geojson,
    write_gpkg,
)
from geo.gazetteer import Gazetteer
from geo.kml import write_kml
from geo.layers_out import ALL_LAYERS, LAYERS
from geo.metadata import export_metadata
from geo.select import Selection, unknown_plan
from geo.shapefile import write_shapefile_zip

FORMATS = ("geojson", "gpkg", "shp", "kml", "csv")
OUT_SUFFIXES = {
    "geojson": (".geojson", ".json"),
    "gpkg": (".gpkg",),
    "shp": (".zip",),
    "kml": (".kml",),
    "csv": (".csv",),
}
"""File name endings each format may be written to (a Shapefile export is a zip)."""


class ExportError(Exception):
    """An export request that cannot be carried out; the message says why."""


@dataclass
class ExportResult:
    """What an export wrote."""

    files: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the target folder, then rename: never a partial file.

    Raises
    ------
    ExportError
        When the folder does not exist or cannot be written, or the writer refuses.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".partial-", suffix=path.suffix)
    except OSError as exc:
        raise ExportError(f"cannot write in {folder}: {exc.strerror}") from exc
    os.close(fd)
    os.unlink(tmp)  # writers (GDAL) create the file themselves
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except FormatError as exc:
        raise ExportError(str(exc)) from exc
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def labelled_path(path: Path, crs: str) -> Path:
    """``path`` with ``_GCJ-02`` before the extension when exporting GCJ-02 (unless named)."""
    path = Path(path)
    if crs == GCJ02 and "gcj" not in path.name.lower():
        return path.with_name(f"{path.stem}_GCJ-02{path.suffix}")
    return path


def out_problem(layer: str, fmt: str, out: Path) -> str | None:
    """Why ``out`` is the wrong name for this export (one line), or ``None``.

    GeoPackage and single layers write one file, which must end as the format does;
    ``--layer all`` in other formats writes a folder, which must not look like a file.
    """
    suffix = Path(out).suffix.lower()
    known = {s for endings in OUT_SUFFIXES.values() for s in endings} | {".shp"}
    if fmt != "gpkg" and layer == ALL_LAYERS:
        if suffix in known:
            name = Path(out).name
            return f"--layer all --format {fmt} writes a folder: name one, not {name}"
        return None
    if suffix in OUT_SUFFIXES[fmt]:
        return None
    wanted = " or ".join(OUT_SUFFIXES[fmt])
    what = "a zipped Shapefile (.shp, .dbf … inside)" if fmt == "shp" else f"--format {fmt}"
    return f"--out {Path(out).name} does not fit {what}: end it in {wanted}"


def export_frames(
    gz: Gazetteer, names: list[str], selection: Selection | None = None
) -> dict[str, pd.DataFrame]:
    """The selected rows of each layer (all rows without a ``selection``) with their export
    attributes (WGS84): exactly what every format starts from."""
    return {name: export_attributes(gz, name, LAYERS[name](gz, selection)) for name in names}


def _check_request(names: list[str], fmt: str, crs: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if crs not in CRSS:
        raise ExportError(f"unknown CRS {crs!r}; choose from {', '.join(CRSS)}")
    unknown = [n for n in names if n not in LAYERS]
    if unknown:
        raise ExportError(
            f"unknown layer {unknown[0]!r}; choose from {', '.join([*LAYERS, ALL_LAYERS])}"
        )
    if fmt == "geojson" and crs != "EPSG:4326":
        raise ExportError(
            f"GeoJSON (RFC 7946) is WGS84 lon/lat only; for {crs} choose "
            "--format gpkg (GeoPackage keeps any CRS)"
        )
    if fmt == "kml" and crs not in ("EPSG:4326", GCJ02):
        raise ExportError(f"KML is WGS84 lon/lat only; for {crs} choose gpkg or shp")


def _layer_format(fmt: str, frame: pd.DataFrame) -> str:
    """The format a layer is written in: tables go to CSV unless GeoPackage holds them."""
    return fmt if fmt == "gpkg" or isinstance(frame, gpd.GeoDataFrame) else "csv"


def _writer(fmt: str, layers: list[Prepared], crs: str, gz: Gazetteer, meta_text: str):
    if fmt == "gpkg":
        return lambda tmp: write_gpkg(layers, tmp, crs)
    (one,) = layers
    if fmt == "shp":
        files = {**one.files, "metadata.json": meta_text}
        return lambda tmp: write_shapefile_zip(one.frame, tmp, one.name, files)
    if fmt == "kml":
        return lambda tmp: write_kml({one.layer: one.frame}, tmp, crs, gz.plans)
    return lambda tmp: {"geojson": write_geojson, "csv": write_csv}[fmt](one, tmp)


def export(
    gz: Gazetteer, layer: str, fmt: str, crs: str, out: Path, selection: Selection | None = None
) -> ExportResult:
    """Export one layer (or ``all``) to ``out`` in ``fmt`` and ``crs``; with a ``selection`` (a
    :func:`geo.select.select` result, e.g. the app's current view) only those rows.

    GeoPackage puts every requested layer in the one file ``out``; other formats write
    one file for a single layer, or a folder ``out`` of files for ``all`` (tables as CSV).
    Every file gets a ``.meta.json`` sidecar; zipped Shapefiles also carry it inside. Every
    change a format forces (a cut value, a geometry left out, a simplified WKT cell) is in
    the result's warnings and in both metadata files.

    Raises
    ------
    ExportError
        Impossible format/CRS pair, unknown layer or plan, wrong file name, empty selection,
        unwritable path.
    """
    names = list(LAYERS) if layer == ALL_LAYERS else [layer]
    _check_request(names, fmt, crs)
    plans = selection.plans if selection is not None else ()
    problem = out_problem(layer, fmt, out) or unknown_plan(gz, plans)
    if problem:
        raise ExportError(problem)
    frames = export_frames(gz, names, selection)
    description = selection.description if selection is not None else "everything"
    geo_frames = {n: f for n, f in frames.items() if isinstance(f, gpd.GeoDataFrame)}
    if fmt in ("geojson", "kml", "shp") and layer != ALL_LAYERS and not geo_frames:
        raise ExportError(f"{layer} is a table without geometry: choose csv or gpkg")
    if all(f.empty for f in frames.values()):
        raise ExportError(f"the selection is empty ({description}): nothing to export")
    result = ExportResult(counts={n: len(f) for n, f in frames.items()})
    for name, frame in geo_frames.items():
        warning = zone_warning(frame, crs)
        if warning:
            result.warnings.append(f"{name}: {warning}")
    try:
        prepared = {n: prepare(f, n, _layer_format(fmt, f), crs) for n, f in frames.items()}
    except FormatError as exc:
        raise ExportError(str(exc)) from exc
    for one in prepared.values():
        result.warnings += one.notes
    layer_names = {n: p.name for n, p in prepared.items()}
    meta = export_metadata(gz, fmt, crs, result.counts, description, result.warnings, layer_names)
    meta_text = json.dumps(meta, ensure_ascii=False, indent=2)
    out = labelled_path(Path(out), crs)
    if fmt == "gpkg" or layer != ALL_LAYERS:
        targets = {out: (fmt, list(prepared.values()))}
    else:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot create folder {out}: {exc.strerror}") from exc
        targets = {}
        for name, frame in frames.items():
            own = _layer_format(fmt, frame)
            targets[labelled_path(out / f"{name}{EXTENSIONS[own]}", crs)] = (own, [prepared[name]])
    try:
        for path, (own, layers) in targets.items():
            write_atomically(path, _writer(own, layers, crs, gz, meta_text))
            result.files.append(path)
            sidecar = path.with_name(path.name + ".meta.json")
            write_atomically(sidecar, lambda tmp: tmp.write_text(meta_text, encoding="utf-8"))
            result.files.append(sidecar)
    except ExportError:
        for path in result.files:
            path.unlink(missing_ok=True)
        raise
    return result


def export_to_bytes(
    gz: Gazetteer, layer: str, fmt: str, crs: str, selection: Selection | None = None
) -> tuple[str, bytes, list[str]]:
    """An export bundled as one zip (data files + metadata sidecars), for a download button.

    Returns
    -------
    (file name, zip bytes, warnings)
    """
    label = "_GCJ-02" if crs == GCJ02 else ""
    name = f"gba-layout-{layer}-{fmt}-{crs.replace(':', '')}{label}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / name
        folder.mkdir()
        single = fmt == "gpkg" or layer != ALL_LAYERS
        out = folder / f"{name}{EXTENSIONS[fmt]}" if single else folder / layer
        result = export(gz, layer, fmt, crs, out, selection)
        archive = shutil.make_archive(str(Path(tmp) / name), "zip", root_dir=folder)
        data = Path(archive).read_bytes()
    return f"{name}.zip", data, result.warnings
