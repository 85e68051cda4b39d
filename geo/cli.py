"""Command-line interface: ``python -m geo validate|export|print|html|check-file|db``.

``print`` and ``html`` draw a map, which is above ``geo/`` in the stack: they are entry points of
``layers`` (see :data:`ENTRY_POINTS`), found by name when the parser is built, so that no
module of ``geo`` imports ``layers``.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections import Counter
from pathlib import Path

from geo.crs import CRSS
from geo.db.cli import add_db_parser, add_postgis_export_options, postgis_export, run_db
from geo.db.postgis_export import FORMAT as POSTGIS
from geo.export import FORMATS, ExportError, export, out_problem
from geo.gazetteer import GazetteerError, build_gazetteer, load_gazetteer
from geo.layers_out import ALL_LAYERS, LAYERS
from geo.provenance import DEFAULT_PLANS_DIR
from geo.schema import PLACE_KINDS, PRECISIONS, STATUSES
from geo.select import Filters, select
from geo.tables import DEFAULT_DATA_DIR
from geo.validate import validate_tables

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
ENTRY_POINTS = {"print": "layers.printing.command", "html": "layers.html_command"}
"""Commands defined outside ``geo/``: name -> module with ``HELP``, ``add_arguments(parser)``
and ``run(args) -> exit code``."""


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
        selection = select(gz, filters(args))
        if args.format == POSTGIS:
            result = postgis_export(gz, args, selection)
            written = [f"{t} ({result.counts[t.rsplit('.', 1)[1]]} rows)" for t in result.tables]
        else:
            result = export(gz, args.layer, args.format, args.crs, args.out, selection)
            written = result.files
    except (GazetteerError, ExportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The filter options shared by ``export`` and ``print`` (see :func:`filters`)."""
    parser.add_argument("--plan", action="append", help="only these plan ids (repeatable)")
    parser.add_argument("--city", action="append", help="only places in these cities (中文)")
    parser.add_argument(
        "--kind", action="append", choices=list(PLACE_KINDS), help="only these kinds (repeatable)"
    )
    parser.add_argument("--industry", action="append", help="only places in these industries")
    parser.add_argument("--status", action="append", choices=list(STATUSES))
    parser.add_argument("--precision", action="append", choices=list(PRECISIONS))
    parser.add_argument(
        "--year",
        type=int,
        default=0,
        help="only what exists or is being built in this year (places and projects)",
    )


def filters(args: argparse.Namespace) -> Filters:
    """The :class:`geo.select.Filters` of the options added by :func:`add_filter_arguments`."""
    return Filters(
        plans=tuple(args.plan or ()),
        cities=tuple(args.city or ()),
        kinds=tuple(args.kind or ()),
        industries=tuple(args.industry or ()),
        statuses=tuple(args.status or ()),
        precisions=tuple(args.precision or ()),
        year=args.year,
    )


def _stop(signum: int, _frame: object) -> None:
    """SIGTERM as an exit that runs ``finally`` blocks (the reader's folder is removed)."""
    raise SystemExit(128 + signum)


def _cmd_check_file(args: argparse.Namespace) -> int:
    """Exit 0 for a report without errors, 1 for a report with errors, 2 for a file that
    cannot be read (one line on stderr)."""
    from geo.upload.errors import UploadError
    from geo.upload.report import format_report
    from geo.upload.safety import DEFAULT_LIMITS, check_size
    from geo.upload.worker import read_isolated

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    try:
        try:
            check_size(args.path.stat().st_size, DEFAULT_LIMITS)
            data = args.path.read_bytes()
        except OSError as exc:
            raise UploadError("file_unreadable", {"path": args.path}) from exc
        gz = load_gazetteer(args.data, args.plans)
        layer = read_isolated(
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
    return EXIT_INVALID if any(f.severity == "error" for f in layer.findings) else EXIT_OK


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
    add_filter_arguments(ex)
    ex.add_argument(
        "--out",
        type=Path,
        help="output file (a folder with --layer all, except for gpkg and postgis)",
    )
    add_postgis_export_options(ex)
    for name, module_name in ENTRY_POINTS.items():
        module = importlib.import_module(module_name)
        module.add_arguments(sub.add_parser(name, help=module.HELP))
    ck = sub.add_parser(
        "check-file",
        help="read a user's CSV/XLSX/GeoJSON/GPKG/zipped SHP/KML/KMZ and report; exit 0 "
        "clean or warnings only, 1 errors in the report, 2 the file cannot be read",
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
        "check-file": _cmd_check_file,
        "db": lambda a: run_db(a, lambda: load_gazetteer(a.data, a.plans)),
    }
    if args.command in ENTRY_POINTS:
        return importlib.import_module(ENTRY_POINTS[args.command]).run(args)
    return handlers[args.command](args)
