"""Command-line interface: ``python -m geo validate|export|print|check-file|db``."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from geo.crs import CRSS
from geo.db.cli import add_db_parser, add_postgis_export_options, postgis_export, run_db
from geo.db.postgis_export import FORMAT as POSTGIS
from geo.export import FORMATS, ExportError, export, out_problem
from geo.gazetteer import GazetteerError, build_gazetteer, load_gazetteer
from geo.layers_out import ALL_LAYERS, LAYERS, Scope
from geo.provenance import DEFAULT_PLANS_DIR
from geo.schema import PLACE_KINDS
from geo.select import PlaceFilter
from geo.tables import DEFAULT_DATA_DIR
from geo.validate import validate_tables

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _cmd_validate(args: argparse.Namespace) -> int:
    report = validate_tables(args.data, args.plans)
    for note in report.notes:
        print(f"note: {note}")
    if not report.ok:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        print(f"INVALID: {len(report.problems)} problem(s) in {args.data}", file=sys.stderr)
        return EXIT_INVALID
    gz = build_gazetteer(report)
    mentions = gz.mentions.drop_duplicates(["place_id", "plan_id"])
    counted = {
        "places": mentions,
        "mentions": gz.mentions,
        "links": gz.links,
        "structures": gz.structures,
        "indicators": gz.indicators,
        "projects": gz.projects,
    }
    print("plan " + "".join(f"{name:>12}" for name in counted))
    for plan_id in gz.plans.index:
        counts = (f"{(table['plan_id'] == plan_id).sum():>12}" for table in counted.values())
        print(f"{plan_id:<5}" + "".join(counts))
    kinds = Counter(gz.places["kind"])
    print("kinds: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    precision = Counter(gz.places["precision"])
    print("precision: " + ", ".join(f"{k} {n}" for k, n in precision.most_common()))
    print(
        f"OK: {len(gz.places)} places, {len(gz.mentions)} mentions, {len(gz.links)} links, "
        f"{len(gz.structures)} structures, {len(gz.indicators)} indicator rows, "
        f"{len(gz.projects)} projects, {len(gz.plans)} plans"
    )
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    if args.format == POSTGIS:
        problem = None
    elif args.out is None:
        problem = f"--format {args.format} needs --out"
    else:
        problem = out_problem(args.layer, args.format, args.out)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        gz = load_gazetteer(args.data, args.plans)
        scope = Scope(tuple(args.plan or ()), tuple(args.kind or ()))
        if args.format == POSTGIS:
            result = postgis_export(gz, args, scope)
            written = [f"{t} ({result.counts[t.rsplit('.', 1)[1]]} rows)" for t in result.tables]
        else:
            result = export(gz, args.layer, args.format, args.crs, args.out, scope)
            written = result.files
    except (GazetteerError, ExportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise argparse.ArgumentTypeError("bbox must be minlon,minlat,maxlon,maxlat")
    return values


def _cmd_print(args: argparse.Namespace) -> int:
    from datetime import date

    from layers.static_print import PrintError, PrintSpec, render_print

    try:
        gz = load_gazetteer(args.data, args.plans)
        spec = PrintSpec(
            title=args.title or "",
            subtitle=args.subtitle or "",
            lang=args.lang,
            size=args.size,
            scale=args.scale,
            criteria=PlaceFilter(plans=tuple(args.plan or ()), kinds=tuple(args.kind or ())),
            bbox=args.bbox,
            labels=not args.no_labels,
            inset=not args.no_inset,
            indicator=args.indicator,
            indicator_year=args.indicator_year,
            date=args.date or date.today().isoformat(),
        )
        if args.layer:
            spec.layers = list(args.layer)
        folder = args.out.parent if str(args.out.parent) else Path(".")
        if not folder.is_dir():
            raise PrintError(f"folder {folder} does not exist")
        tmp = folder / f".partial-{args.out.name}"
        try:
            result = render_print(gz, spec, tmp.with_suffix(args.out.suffix))
            tmp.with_suffix(args.out.suffix).replace(args.out)
        finally:
            tmp.with_suffix(args.out.suffix).unlink(missing_ok=True)
    except (GazetteerError, PrintError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {args.out} ({result['places']} places)")
    return EXIT_OK


def _cmd_check_file(args: argparse.Namespace) -> int:
    from geo.upload.errors import UploadError
    from geo.upload.layer import load_user_file
    from geo.upload.report import format_report
    from geo.upload.safety import DEFAULT_LIMITS, check_size

    try:
        try:
            check_size(args.path.stat().st_size, DEFAULT_LIMITS)
            data = args.path.read_bytes()
        except OSError as exc:
            raise UploadError("file_unreadable", {"path": args.path}) from exc
        gz = load_gazetteer(args.data, args.plans)
        layer = load_user_file(
            data,
            args.path.name,
            gz,
            crs=args.crs,
            encoding=args.encoding,
            name_column=args.name_column,
            layer=args.layer,
        )
        if args.online:
            from geo.upload.online_fill import fill_online

            layer = fill_online(layer, gz)
    except UploadError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return EXIT_USAGE
    except GazetteerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(format_report(layer, args.lang))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m geo``."""
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="data folder")
    parser.add_argument(
        "--plans",
        type=Path,
        default=DEFAULT_PLANS_DIR,
        help="folder with the plan texts (for quote checks)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every table; print counts per plan and kind")
    ex = sub.add_parser("export", help="write layers to GIS files")
    ex.add_argument("--layer", default="places", choices=[*LAYERS, ALL_LAYERS])
    ex.add_argument("--format", default="geojson", choices=[*FORMATS, POSTGIS])
    ex.add_argument("--crs", default="EPSG:4326", choices=list(CRSS))
    ex.add_argument("--plan", action="append", help="only these plan ids (repeatable)")
    ex.add_argument(
        "--kind",
        action="append",
        choices=list(PLACE_KINDS),
        help="only places of these kinds (repeatable)",
    )
    ex.add_argument(
        "--out",
        type=Path,
        help="output file (a folder with --layer all, except for gpkg and postgis)",
    )
    add_postgis_export_options(ex)
    pr = sub.add_parser("print", help="slide-ready PNG, PDF or SVG")
    pr.add_argument("--out", type=Path, required=True, help="FILE.png, FILE.pdf or FILE.svg")
    pr.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT pixels, A4 or A3")
    pr.add_argument("--scale", type=float, default=2.0, help="pixel multiplier (PNG)")
    pr.add_argument("--lang", choices=["zh", "en", "both"], default="zh")
    pr.add_argument("--title")
    pr.add_argument("--subtitle")
    pr.add_argument("--plan", action="append", help="only these plan ids (repeatable)")
    pr.add_argument("--kind", action="append", choices=list(PLACE_KINDS))
    pr.add_argument("--layer", action="append", help="map layer ids to draw (repeatable)")
    pr.add_argument("--bbox", type=_bbox, help="minlon,minlat,maxlon,maxlat")
    pr.add_argument("--no-labels", action="store_true", help="leave out place names")
    pr.add_argument("--no-inset", action="store_true", help="leave out the locator inset")
    pr.add_argument("--date", help="date printed in the source line (default: today)")
    pr.add_argument("--indicator", default="", help="plan target key to colour the areas by")
    pr.add_argument("--indicator-year", type=int, default=0, help="year of that target")
    ck = sub.add_parser(
        "check-file", help="read a user's CSV/XLSX/GeoJSON/GPKG/zipped SHP/KML and report"
    )
    ck.add_argument("path", type=Path, help="the file to check")
    ck.add_argument(
        "--crs", help="CRS of the coordinates (EPSG:4547, GCJ-02 …); overrides the file"
    )
    ck.add_argument("--encoding", help="text encoding of a CSV or shapefile (gbk, utf-8 …)")
    ck.add_argument("--name-column", help="column of names/addresses to geocode")
    ck.add_argument("--layer", help="GeoPackage layer, XLSX sheet or shapefile in the zip")
    ck.add_argument(
        "--online",
        action="store_true",
        help="look up names the offline gazetteer does not find with OpenStreetMap Nominatim",
    )
    ck.add_argument("--lang", choices=["zh", "en"], default="zh")
    add_db_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    args = build_parser().parse_args(argv)
    handlers = {
        "validate": _cmd_validate,
        "export": _cmd_export,
        "print": _cmd_print,
        "check-file": _cmd_check_file,
        "db": lambda a: run_db(a, lambda: load_gazetteer(a.data, a.plans)),
    }
    return handlers[args.command](args)
