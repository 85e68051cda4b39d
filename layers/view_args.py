"""Command-line options that describe a view, shared by ``python -m geo print`` and
``python -m geo html``: filters, layers, strategy, indicator, extent, labels and titles, turned
into one :class:`viewmodel.view.View` the same way for every command."""

from __future__ import annotations

import argparse

from geo.cli import add_filter_arguments, filters
from geo.gazetteer import Gazetteer
from geo.select import unknown_plan
from geo.texts import interface_lang
from viewmodel.registry import ALL_LAYERS, DEFAULT_LAYERS
from viewmodel.view import ObjectRef, View


class ViewArgumentError(ValueError):
    """An option names something the data does not have; the message lists the choices."""


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise argparse.ArgumentTypeError("bbox must be minlon,minlat,maxlon,maxlat")
    west, south, east, north = values
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise argparse.ArgumentTypeError(
            "bbox must be minlon,minlat,maxlon,maxlat in degrees, min below max"
        )
    return values


def add_view_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of a view: language, titles, filters, layers, strategy, extent, labels and
    indicator."""
    parser.add_argument(
        "--lang", choices=["zh", "en", "both"], default="zh", help="texts and name labels"
    )
    parser.add_argument("--title", help="title (default: the app's title)")
    parser.add_argument("--subtitle", help="subtitle (default: the app's subtitle)")
    add_filter_arguments(parser)
    parser.add_argument("--layer", action="append", help="map layer ids to draw (repeatable)")
    parser.add_argument(
        "--strategy", default="", help="structure id to frame and highlight (e.g. 3+4's id)"
    )
    parser.add_argument("--place", default="", help="place id to open (framed without --bbox)")
    parser.add_argument("--bbox", type=_bbox, help="minlon,minlat,maxlon,maxlat")
    parser.add_argument("--no-labels", action="store_true", help="leave out place names")
    parser.add_argument("--indicator", default="", help="plan target key to colour the areas by")
    parser.add_argument("--indicator-year", type=int, default=0, help="year of that target")


def _choices(known) -> str:
    """The first few ids of ``known``, for a one-line message."""
    known = list(known)
    shown = ", ".join(known[:8])
    return f"choose from {shown}" + (f", … ({len(known)} in all)" if len(known) > 8 else "")


def check_view_arguments(gz: Gazetteer, args: argparse.Namespace) -> None:
    """Refuse ids the data does not have, naming the choices (plans with the message export
    and the app give).

    Raises
    ------
    ViewArgumentError
        For an unknown plan, layer, indicator or strategy.
    """
    if problem := unknown_plan(gz, args.plan or ()):
        raise ViewArgumentError(problem)
    for name, values, known in (
        ("layer", args.layer or (), ALL_LAYERS),
        ("indicator", [args.indicator] if args.indicator else [], gz.indicator_keys.index),
        ("strategy", [args.strategy] if args.strategy else [], gz.structures.index),
        ("place", [args.place] if args.place else [], gz.places.index),
    ):
        unknown = [v for v in values if v not in known]
        if unknown:
            raise ViewArgumentError(f"unknown {name} {unknown[0]!r}; {_choices(known)}")


def view_from_args(gz: Gazetteer, args: argparse.Namespace, **changes: object) -> View:
    """The :class:`View` the options describe, after :func:`check_view_arguments`;
    ``changes`` set further fields (``present=True`` …)."""
    check_view_arguments(gz, args)
    return View(
        lang=interface_lang(args.lang),
        filters=filters(args),
        layers=tuple(i for i in ALL_LAYERS if i in args.layer) if args.layer else DEFAULT_LAYERS,
        strategy=args.strategy,
        selected=ObjectRef("place", args.place) if args.place else None,
        indicator=args.indicator,
        indicator_year=args.indicator_year,
        labels="off" if args.no_labels else args.lang,
        bounds=args.bbox,
        title=args.title or "",
        subtitle=args.subtitle or "",
    ).replace(**changes)
