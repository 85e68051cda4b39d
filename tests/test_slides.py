"""Slides as a promotion team pastes them: the furniture covers no marker and no name in the
print of each plan's area, each strategy and the whole region (zh, en, both); names never
overlap; what the view draws the print draws; title, layers and year are the view's.

Boxes are measured on the composed figure with matplotlib (window extents of the artists,
marker sizes of the scatter collections), not taken from the layout's own bookkeeping.
"""

from __future__ import annotations

import math
from itertools import combinations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.patches import Circle, Wedge

from geo.select import Filters
from geo.texts import t
from layers.printing import layout
from layers.printing.render import PrintOptions, compose
from viewmodel.framing import HOME
from viewmodel.scene import scene
from viewmodel.titles import view_titles
from viewmodel.view import View

SMALL = PrintOptions(size="640x360", scale=1.0, date="2026-12-03")
FURNITURE = ("title", "legend", "scale", "inset")
PLACE_ZORDERS = (4, 5, 5.5, 6)
"""z-orders of the marker collections: projects, places, highlighted places, uploads."""


def _boxes(slide):
    """Pixel boxes of the furniture, the markers (and badges) and the names of a slide."""
    renderer = slide.fig.canvas.get_renderer()
    furniture = {
        name: slide.furniture[name].get_window_extent(renderer).extents
        for name in FURNITURE
        if name in slide.furniture
    }
    markers = []
    for collection in slide.ax.collections:
        if not isinstance(collection, PathCollection) or collection.get_zorder() not in (
            PLACE_ZORDERS
        ):
            continue
        centres = collection.get_offset_transform().transform(collection.get_offsets())
        sizes = np.broadcast_to(collection.get_sizes(), (len(centres),))
        for (x, y), s in zip(centres, sizes, strict=True):
            r = math.sqrt(s) / 2 * slide.fig.dpi / 72
            markers.append((x - r, y - r, x + r, y + r))
    for patch in slide.ax.patches:
        if isinstance(patch, (Wedge, Circle)):
            markers.append(tuple(patch.get_window_extent(renderer).extents))
    labels = [tuple(text.get_window_extent(renderer).extents) for text in slide.labels]
    x0, y0, x1, y1 = slide.ax.get_window_extent(renderer).extents  # markers are clipped
    markers = [
        (max(a, x0), max(b, y0), min(c, x1), min(d, y1))
        for a, b, c, d in markers
        if a < x1 and c > x0 and b < y1 and d > y0
    ]
    return furniture, markers, labels


def _shrunk(box, by: float = 1.0):
    return (box[0] + by, box[1] + by, box[2] - by, box[3] - by)


def _assert_nothing_covered(gz, view: View):
    slide = compose(scene(gz, (), view), SMALL)
    try:
        furniture, markers, labels = _boxes(slide)
        assert {"title", "scale", "inset"} <= set(furniture)
        for name, box in furniture.items():
            covered = [m for m in markers if layout.overlap(_shrunk(m), box)]
            assert not covered, f"{name} covers {len(covered)} markers"
            named = [b for b in labels if layout.overlap(_shrunk(b), box)]
            assert not named, f"{name} covers {len(named)} names"
        for a, b in combinations(furniture.values(), 2):
            assert not layout.overlap(_shrunk(a), b)
        for i, a in enumerate(labels):
            assert not any(layout.overlap(_shrunk(a), b) for b in labels[i + 1 :])
        return slide.printed
    finally:
        plt.close(slide.fig)


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_the_region_slide_covers_nothing(gz, lang):
    printed = _assert_nothing_covered(gz, View(lang="en" if lang == "en" else "zh", labels=lang))
    assert len(printed.places) > 200


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_plan_slide_covers_nothing(gz, lang):
    for plan in gz.plans.index:
        _assert_nothing_covered(gz, View(lang=lang, labels=lang, filters=Filters(plans=(plan,))))


def test_each_strategy_slide_covers_nothing(gz):
    for i, strategy in enumerate(gz.structures.index):
        lang = ("zh", "en")[i % 2]
        _assert_nothing_covered(gz, View(lang=lang, labels=lang, strategy=strategy))


def test_every_place_the_view_draws_is_printed(gz):
    bounds = (113.0, 22.2, 113.7, 22.8)
    view = View(bounds=bounds, labels="zh")
    slide = compose(scene(gz, (), view), SMALL)
    plt.close(slide.fig)
    places = scene(gz, (), view).places
    in_view = places[
        places["lon"].between(bounds[0], bounds[2]) & places["lat"].between(bounds[1], bounds[3])
    ]
    assert len(in_view) > 20
    assert set(in_view.index) <= set(slide.printed.places)
    frame = slide.printed.frame
    assert frame[0] <= bounds[0] and frame[1] <= bounds[1]
    assert frame[2] >= bounds[2] and frame[3] >= bounds[3]


def test_a_view_without_extent_frames_every_place_of_the_region(gz):
    view = View(filters=Filters(plans=("003",)))
    drawn = scene(gz, (), view).places
    home = drawn[drawn["lon"].between(HOME[0], HOME[2]) & drawn["lat"].between(HOME[1], HOME[3])]
    slide = compose(scene(gz, (), view), SMALL)
    plt.close(slide.fig)
    assert set(home.index) <= set(slide.printed.places)
    frame = slide.printed.frame
    # tight: the frame is not the whole province
    assert (frame[2] - frame[0]) < (HOME[2] - HOME[0]) / 2


def test_title_layers_and_year_are_the_views(gz):
    view = View(
        title="翠亨新区招商推介",
        filters=Filters(year=2020),
        layers=("platforms", "corridors"),
        labels="zh",
    )
    slide = compose(scene(gz, (), view), SMALL)
    try:
        texts = [a.get_text() for a in slide.furniture["title"].findobj(plt.Text)]
        assert "翠亨新区招商推介" in texts
        assert any("截至 2020 年" in text for text in texts)
        assert slide.printed.title == view_titles(gz, view)[0]
        legend = [text.get_text() for text in slide.furniture["legend"].get_texts()]
        assert "科技创新走廊" in legend and "高校" not in legend  # universities: layer off
    finally:
        plt.close(slide.fig)


def test_the_default_title_is_the_apps(gz):
    assert view_titles(gz, View())[0] == t("title", "zh") == "粤港澳大湾区创新布局地图"
    assert view_titles(gz, View(lang="en"))[0] == t("title", "en")
    assert view_titles(gz, View(title="X"))[0] == "X"


def test_the_legend_lists_only_kinds_in_the_frame(gz):
    bounds = (112.55, 22.3, 112.8, 22.5)  # 开平 town centre: no hospital, no big science
    view = View(bounds=bounds, labels="zh")
    slide = compose(scene(gz, (), view), SMALL)
    try:
        legend = {text.get_text() for text in slide.furniture["legend"].get_texts()}
        places = scene(gz, (), view).places
        inside = places[
            places["lon"].between(slide.printed.frame[0], slide.printed.frame[2])
            & places["lat"].between(slide.printed.frame[1], slide.printed.frame[3])
        ]
        from geo.texts import KINDS

        for kind in KINDS:
            assert (KINDS[kind]("zh") in legend) == (kind in set(inside["kind"])), kind
    finally:
        plt.close(slide.fig)


def test_type_is_sized_for_the_slide(gz):
    """The title's capitals are at least 2.5 % of the slide's height at any size."""
    for size in ("640x360", "1920x1080"):
        slide = compose(scene(gz, (), View()), PrintOptions(size=size, scale=1.0))
        try:
            renderer = slide.fig.canvas.get_renderer()
            title = slide.furniture["title"].findobj(plt.Text)[0]
            height = title.get_window_extent(renderer).height
            assert height / slide.fig.bbox.height >= 0.025
        finally:
            plt.close(slide.fig)


def test_the_locator_frame_is_small_and_switches_to_china_for_large_frames():
    from layers.printing.furniture import CHINA_EXTENT, GUANGDONG_EXTENT, inset_extent

    assert inset_extent((113.2, 22.4, 113.6, 22.7)) == (GUANGDONG_EXTENT, False)
    assert inset_extent((109.8, 20.5, 117.0, 25.3)) == (CHINA_EXTENT, True)


def test_dark_theme_prints(gz, tmp_path):
    from layers.printing.render import render_print

    printed = render_print(
        scene(gz, (), View(labels="en", lang="en")),
        PrintOptions(size="640x360", scale=1.0, theme="dark"),
        tmp_path / "dark.png",
    )
    assert printed.width_px == 640


def test_tight_frames_are_padded_and_snapped_to_the_slide():
    frame = layout.tight([(113.0, 22.0, 113.0, 22.0), (114.0, 23.0, 114.0, 23.0)], 16 / 9)
    cos = layout.aspect_cos(frame)
    assert (frame[2] - frame[0]) * cos / (frame[3] - frame[1]) == pytest.approx(16 / 9)
    assert frame[1] == pytest.approx(22.0 - 0.08) and frame[3] == pytest.approx(23.0 + 0.08)


def test_arrange_finds_free_corners_and_fails_when_there_are_none():
    items = [layout.Item("a", (100, 50), ("upper left", "upper right"))]
    map_box = (0, 0, 1000, 500)
    blocked_left = np.array([[5, 440, 20, 460]])
    assert layout.arrange(items, map_box, blocked_left, 4)["a"][0] > 800
    everywhere = np.array([[0, 0, 1000, 500]])
    assert layout.arrange(items, map_box, everywhere, 4) is None


def test_labels_take_the_first_free_position_and_skip_when_none():
    grid = layout.Grid(32)
    grid.add((110, 90, 200, 110))  # right of the marker is taken
    labels = [layout.Label(100, 100, 50, 12, 4, 1.0)]
    placed = layout.place_labels(labels, grid, (0, 0, 400, 400), 2)
    assert placed[0][2] < 100  # right and its diagonals are taken: left
    full = layout.Grid(32)
    full.add((0, 0, 400, 400))
    assert layout.place_labels(labels, full, (0, 0, 400, 400), 2) == {}
