"""Command-line interface: ``python -m geo validate|export|print``."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from geo.crs import CRSS
from geo.export import FORMATS, ExportError, export
from geo.gazetteer import GazetteerError, build_gazetteer, load_gazetteer
from geo.layers_out import ALL_LAYERS, LAYERS, Scope
from geo.provenance import DEFAULT_PLANS_DIR
from geo.schema import PLACE_KINDS
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
    try:
        gz = load_gazetteer(args.data, args.plans)
        scope = Scope(tuple(args.plan or ()), tuple(args.kind or ()))
        result = export(gz, args.layer, args.format, args.crs, args.out, scope)
    except (GazetteerError, ExportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in result.files:
        print(f"wrote {path}")
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
    ex.add_argument("--format", default="geojson", choices=FORMATS)
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
        required=True,
        help="output file (a folder with --layer all, except for gpkg)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    args = build_parser().parse_args(argv)
    handlers = {"validate": _cmd_validate, "export": _cmd_export}
    return handlers[args.command](args)
