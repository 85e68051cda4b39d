"""``python -m geo print``: a slide-ready PNG, PDF or SVG of a view given by options (the
view options are :mod:`layers.view_args`', shared with ``python -m geo html``) — an entry
point of :mod:`geo.cli` (see ``geo.cli.ENTRY_POINTS``). Light to import: matplotlib and the
scene are loaded when the command runs."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from geo.cli import EXIT_INVALID, EXIT_OK
from layers.view_args import add_view_arguments

HELP = "slide-ready PNG, PDF or SVG"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``print``: output, size, theme and the view's options."""
    parser.add_argument("--out", type=Path, required=True, help="FILE.png, FILE.pdf or FILE.svg")
    parser.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT pixels, A4 or A3")
    parser.add_argument("--scale", type=float, default=2.0, help="pixel multiplier (PNG)")
    parser.add_argument("--theme", choices=["light", "dark"], default="light", help="slide theme")
    add_view_arguments(parser)
    parser.add_argument("--no-inset", action="store_true", help="leave out the locator inset")
    parser.add_argument("--date", help="date printed in the source line (default: today)")


def run(args: argparse.Namespace) -> int:
    """Print the view the options describe; the exit code."""
    from geo.gazetteer import GazetteerError, load_gazetteer
    from layers.printing.furniture import PrintError
    from layers.printing.render import PrintOptions, render_print
    from layers.view_args import ViewArgumentError, view_from_args
    from viewmodel.scene import scene

    try:
        gz = load_gazetteer(args.data, args.plans)
        view = view_from_args(gz, args)
        options = PrintOptions(
            args.size,
            args.scale,
            not args.no_inset,
            args.date or date.today().isoformat(),
            args.theme,
        )
        folder = args.out.parent if str(args.out.parent) else Path(".")
        if not folder.is_dir():
            raise PrintError(f"folder {folder} does not exist")
        partial = folder / f".partial-{args.out.name}"
        try:
            printed = render_print(scene(gz, (), view), options, partial)
            partial.replace(args.out)
        finally:
            partial.unlink(missing_ok=True)
    except (GazetteerError, PrintError, ViewArgumentError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    for key, reason in printed.errors.items():
        print(f"warning: {key} could not be drawn: {reason}", file=sys.stderr)
    outside = f"; {len(printed.outside)} outside the frame" if printed.outside else ""
    print(f"wrote {args.out} ({len(printed.places)} places{outside})")
    return EXIT_OK
