"""``python -m geo print``: a slide-ready PNG, PDF or SVG of a view given by options — an
entry point of :mod:`geo.cli` (see ``geo.cli.ENTRY_POINTS``). Light to import: matplotlib
and the scene are loaded when the command runs."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from geo.cli import EXIT_INVALID, EXIT_OK, add_filter_arguments, filters
from geo.texts import interface_lang

HELP = "slide-ready PNG, PDF or SVG"


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise argparse.ArgumentTypeError("bbox must be minlon,minlat,maxlon,maxlat")
    return values


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``print``: output, size, language, the view's filters and layers."""
    parser.add_argument("--out", type=Path, required=True, help="FILE.png, FILE.pdf or FILE.svg")
    parser.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT pixels, A4 or A3")
    parser.add_argument("--scale", type=float, default=2.0, help="pixel multiplier (PNG)")
    parser.add_argument(
        "--lang", choices=["zh", "en", "both"], default="zh", help="texts and name labels"
    )
    parser.add_argument("--title")
    parser.add_argument("--subtitle")
    add_filter_arguments(parser)
    parser.add_argument("--layer", action="append", help="map layer ids to draw (repeatable)")
    parser.add_argument(
        "--strategy",
        default="",
        help="structure id to frame and highlight (e.g. zhongshan_3plus4_003)",
    )
    parser.add_argument("--place", default="", help="place id to open (framed when no --bbox)")
    parser.add_argument("--theme", choices=["light", "dark"], default="light", help="slide theme")
    parser.add_argument("--bbox", type=_bbox, help="minlon,minlat,maxlon,maxlat")
    parser.add_argument("--no-labels", action="store_true", help="leave out place names")
    parser.add_argument("--no-inset", action="store_true", help="leave out the locator inset")
    parser.add_argument("--date", help="date printed in the source line (default: today)")
    parser.add_argument("--indicator", default="", help="plan target key to colour the areas by")
    parser.add_argument("--indicator-year", type=int, default=0, help="year of that target")


def _check(gz, args: argparse.Namespace) -> None:
    """Refuse ids the data does not have, naming the choices (plans with the message export
    and the app give)."""
    from geo.select import unknown_plan
    from layers.printing.furniture import PrintError
    from viewmodel.registry import ALL_LAYERS

    if problem := unknown_plan(gz, args.plan or ()):
        raise PrintError(problem)
    for name, values, known in (
        ("layer", args.layer or (), ALL_LAYERS),
        ("indicator", [args.indicator] if args.indicator else [], gz.indicator_keys.index),
        ("strategy", [args.strategy] if args.strategy else [], gz.structures.index),
        ("place", [args.place] if args.place else [], gz.places.index),
    ):
        unknown = [v for v in values if v not in known]
        if unknown:
            raise PrintError(f"unknown {name} {unknown[0]!r}; {_choices(known)}")


def _choices(known) -> str:
    """The first few ids of ``known``, for a one-line message."""
    known = list(known)
    shown = ", ".join(known[:8])
    return f"known: {shown}" + (f", … ({len(known)} in all)" if len(known) > 8 else "")


def run(args: argparse.Namespace) -> int:
    """Print the view the options describe; the exit code."""
    from geo.gazetteer import GazetteerError, load_gazetteer
    from layers.printing.furniture import PrintError
    from layers.printing.render import PrintOptions, render_print
    from viewmodel.registry import ALL_LAYERS, DEFAULT_LAYERS
    from viewmodel.scene import scene
    from viewmodel.view import ObjectRef, View

    try:
        gz = load_gazetteer(args.data, args.plans)
        _check(gz, args)
        view = View(
            lang=interface_lang(args.lang),
            filters=filters(args),
            layers=tuple(i for i in ALL_LAYERS if i in args.layer)
            if args.layer
            else DEFAULT_LAYERS,
            strategy=args.strategy,
            selected=ObjectRef("place", args.place) if args.place else None,
            indicator=args.indicator,
            indicator_year=args.indicator_year,
            labels="off" if args.no_labels else args.lang,
            bounds=args.bbox,
            title=args.title or "",
            subtitle=args.subtitle or "",
        )
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
    except (GazetteerError, PrintError) as exc:
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
