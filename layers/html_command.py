"""``python -m geo html``: the standalone offline map of a view as one HTML file — an entry
point of :mod:`geo.cli` (see ``geo.cli.ENTRY_POINTS``). The file is the one the app's Export
tab gives: every asset inlined, title, legend and north arrow, no network needed on the offline
basemap."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.cli import EXIT_INVALID, EXIT_OK
from layers.view_args import ViewArgumentError, add_view_arguments, view_from_args
from viewmodel.basemaps import BASEMAPS, DEFAULT_BASEMAP

HELP = "standalone offline interactive map (one HTML file)"
KEYLESS_BASEMAPS = [b.id for b in BASEMAPS if not b.needs_key]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``html``: output file, basemap and the view."""
    parser.add_argument("--out", type=Path, required=True, help="FILE.html")
    parser.add_argument(
        "--basemap",
        choices=KEYLESS_BASEMAPS,
        default=DEFAULT_BASEMAP,
        help="basemap (the default needs no network; tiles need it when the file is opened)",
    )
    add_view_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Write the map of the view the options describe; the exit code."""
    from geo.gazetteer import GazetteerError, load_gazetteer
    from layers.compose import standalone_html
    from viewmodel.scene import scene

    if args.out.suffix.lower() not in (".html", ".htm"):
        print(f"error: --out must end in .html, not {args.out.name!r}", file=sys.stderr)
        return EXIT_INVALID
    folder = args.out.parent if str(args.out.parent) else Path(".")
    if not folder.is_dir():
        print(f"error: folder {folder} does not exist", file=sys.stderr)
        return EXIT_INVALID
    try:
        gz = load_gazetteer(args.data, args.plans)
        view = view_from_args(gz, args, basemap=args.basemap)
        drawn = scene(gz, (), view)
        page = standalone_html(drawn)
    except (GazetteerError, ViewArgumentError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    partial = folder / f".partial-{args.out.name}"
    try:
        partial.write_bytes(page)
        partial.replace(args.out)
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        partial.unlink(missing_ok=True)
    print(f"wrote {args.out} ({len(drawn.places)} places, {len(page) / 1e6:.1f} MB)")
    return EXIT_OK
