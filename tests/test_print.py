"""Static prints: pixel size, vector output with the title text, Chinese glyphs present,
identical bytes every time, the view's filters (year included) honoured, a layer that fails
kept out with a note, clear errors."""

from __future__ import annotations

import warnings
from html import escape

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex
from PIL import Image
from pypdf import PdfReader

from geo.cli import main
from geo.select import Filters
from layers.printing import drawers
from layers.printing.furniture import REGION_BBOX, PrintError, parse_size
from layers.printing.render import PrintOptions, render_print
from layers.printing.themes import LIGHT
from viewmodel.scene import scene
from viewmodel.style import HIGHLIGHT_COLOR, ZONE_COLOR
from viewmodel.view import ObjectRef, View

TITLE = "江门翠山湖与中山科学城布局"


LABELLED = View(labels="zh")


def render(gz, tmp_path, name: str, view: View = LABELLED, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        printed = render_print(
            scene(gz, (), view), PrintOptions(date="2026-11-25", **options), tmp_path / name
        )
    return printed, [str(w.message) for w in caught]


def test_png_has_the_requested_pixel_size_and_no_missing_glyphs(gz, tmp_path):
    view = View(title=TITLE, labels="zh")
    printed, messages = render(gz, tmp_path, "map.png", view, size="1920x1080", scale=2)
    assert not [m for m in messages if "missing from" in m], messages
    with Image.open(tmp_path / "map.png") as image:
        assert image.size == (3840, 2160) == (printed.width_px, printed.height_px)
    assert len(printed.places) > 100


def test_every_place_of_the_scene_is_drawn_or_said_to_lie_outside(gz, tmp_path):
    view = View(labels="off")
    printed, _ = render(gz, tmp_path, "map.png", view, size="800x450", scale=1)
    assert not set(printed.places) & set(printed.outside)
    assert set(printed.places) | set(printed.outside) == set(scene(gz, (), view).places.index)
    assert printed.outside  # places in Beijing, Shanghai … lie outside the region's frame


def test_pdf_is_vector_with_the_title_and_chinese_labels(gz, tmp_path):
    view = View(title=TITLE, labels="zh", filters=Filters(plans=("000",)))
    render(gz, tmp_path, "map.pdf", view)
    page = PdfReader(tmp_path / "map.pdf").pages[0]
    text = page.extract_text()
    assert TITLE in text and "江门中微子实验室" in text
    content = page.get_contents().get_data()
    assert b" l\n" in content or b" l " in content  # line-to operators: vector drawing
    xobjects = page.get("/Resources", {}).get("/XObject") or {}
    assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())


def test_svg_is_vector_with_the_title(gz, tmp_path):
    render(gz, tmp_path, "map.svg", View(title="GBA layout", lang="en", labels="en"), size="A4")
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<path" in svg and "GBA layout" in svg and "<image" not in svg


def test_same_input_gives_identical_files(gz, tmp_path):
    render(gz, tmp_path, "a.png", size="800x450", scale=1)
    render(gz, tmp_path, "b.png", size="800x450", scale=1)
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_bbox_and_plan_narrow_what_is_drawn(gz, tmp_path):
    whole, _ = render(gz, tmp_path, "all.png", size="800x450", scale=1)
    view = View(filters=Filters(plans=("004",)), bounds=(112.0, 23.3, 114.0, 25.2))
    qingyuan, _ = render(gz, tmp_path, "qy.png", view, size="800x450", scale=1)
    assert 0 < len(qingyuan.places) < len(whole.places)


def test_a_year_leaves_out_what_is_not_there_yet_and_says_so(gz, tmp_path):
    every, _ = render(gz, tmp_path, "all.svg", View(lang="en"), size="800x450", scale=1)
    view = View(lang="en", filters=Filters(year=2018), layers=(*View().layers, "projects"))
    then, _ = render(gz, tmp_path, "2018.svg", view, size="800x450", scale=1)
    expected = scene(gz, (), view).places.index
    assert set(then.places) | set(then.outside) == set(expected)
    assert len(then.places) < len(every.places)
    assert "as of 2018" in (tmp_path / "2018.svg").read_text(encoding="utf-8")


def test_a_layer_that_fails_is_left_out_and_named_in_the_legend(gz, tmp_path, monkeypatch):
    def broken(canvas, scene_, unit):
        canvas.ax.plot([113, 114], [22, 23])  # drawn before failing: taken off again
        raise KeyError("coordinates")

    monkeypatch.setitem(drawers.PRINT_DRAWERS, "links", broken)
    printed, _ = render(gz, tmp_path, "map.svg", View(lang="en"), size="800x450", scale=1)
    assert printed.errors == {"links": "KeyError: 'coordinates'"}
    assert len(printed.places) > 100
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "could not be drawn: KeyError" in svg


def test_paper_sizes():
    assert parse_size("A4", 1) == pytest.approx((297 / 25.4, 210 / 25.4, 150))
    with pytest.raises(PrintError, match="WIDTHxHEIGHT"):
        parse_size("huge", 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "{tmp}/x.gif"], ".png, .pdf or .svg"),
        (["--out", "{tmp}/x.png", "--size", "10x10"], "between 200 and 8000"),
        (["--out", "{tmp}/x.png", "--layer", "nope"], "unknown layer"),
        (["--out", "{tmp}/x.png", "--plan", "999"], "unknown plan"),
        (["--out", "{tmp}/x.png", "--strategy", "nope"], "unknown strategy"),
        (["--out", "{tmp}/x.png", "--place", "nope"], "unknown place"),
        (["--out", "/nonexistent/x.png"], "does not exist"),
    ],
)
def test_print_cli_errors(tmp_path, capsys, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main(["print", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_print_cli_prints_a_place_in_the_dark_theme(gz, tmp_path, capsys):
    out = tmp_path / "lab.png"
    args = ["--place", "jiangmen_neutrino_lab", "--theme", "dark", "--size", "640x360"]
    assert main(["print", "--out", str(out), "--scale", "1", *args]) == 0
    with Image.open(out) as image:
        dark = sum(image.convert("L").resize((32, 18)).getdata()) / (32 * 18)
    assert dark < 110  # the dark theme: mostly dark
    assert "places" in capsys.readouterr().out


def test_print_cli_writes_the_file(tmp_path):
    out = tmp_path / "region.png"
    assert (
        main(["print", "--out", str(out), "--size", "960x540", "--scale", "1", "--lang", "both"])
        == 0
    )
    with Image.open(out) as image:
        assert image.size == (960, 540)


def test_print_cli_honours_the_year_and_every_filter(gz, tmp_path, capsys):
    place = gz.places.loc["cuishanhu_hitech_zone"]
    args = ["--plan", place["plans"][0], "--city", place["city"], "--kind", place["kind"]]
    args += ["--status", place["status"], "--precision", place["precision"], "--year", "2020"]
    out = tmp_path / "kaiping.svg"
    assert main(["print", "--out", str(out), "--size", "800x450", "--scale", "1", *args]) == 0
    filters = Filters(
        plans=(place["plans"][0],),
        cities=(place["city"],),
        kinds=(place["kind"],),
        statuses=(place["status"],),
        precisions=(place["precision"],),
        year=2020,
    )
    expected = len(scene(gz, (), View(filters=filters)).places)
    assert f"({expected} places" in capsys.readouterr().out
    assert "截至 2020 年" in out.read_text(encoding="utf-8")


def test_indicator_and_projects_print(gz, tmp_path):
    key = "rd_institution_coverage"
    view = View(
        lang="en",
        labels="en",
        layers=("platforms", "projects"),
        indicator=key,
        indicator_year=2025,
    )
    _, messages = render(gz, tmp_path, "ind.svg", view, size="800x450", scale=1)
    svg = (tmp_path / "ind.svg").read_text(encoding="utf-8")
    assert escape(gz.indicator_keys.at[key, "key_en"]) in svg  # the legend names the target
    assert "Geodetic" not in svg
    assert not [m for m in messages if "missing from" in m]


def _drawn_by(gz, view: View, drawer: str):
    """The matplotlib collections one print drawer leaves on a fresh canvas of ``view``."""
    drawn = scene(gz, (), view)
    fig = plt.figure(figsize=(8, 4.5), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(REGION_BBOX[0], REGION_BBOX[2])
    ax.set_ylim(REGION_BBOX[1], REGION_BBOX[3])
    canvas = drawers.Canvas(fig, ax, REGION_BBOX, (0, 0, 800, 450), 1.0, LIGHT)
    try:
        before = len(canvas.ax.collections)
        drawers.PRINT_DRAWERS[drawer](
            canvas, drawn, next(u for u in drawn.units if u.drawer == drawer)
        )
        return canvas.ax.collections[before:]
    finally:
        plt.close(canvas.fig)


def test_the_print_draws_the_zones_light_and_strong_for_the_open_place(gz):
    view = View(selected=ObjectRef("place", "zhongshan_science_city"))
    light, strong = _drawn_by(gz, view, "zones")
    assert len(light.get_paths()) + len(strong.get_paths()) >= len(gz.zones)
    assert to_hex(light.get_facecolor()[0]) == ZONE_COLOR
    assert light.get_facecolor()[0][3] < 0.25  # translucent: the basemap reads through
    assert to_hex(strong.get_edgecolor()[0]) == HIGHLIGHT_COLOR


def test_the_print_draws_local_links_as_rings_at_their_point(gz):
    local = gz.links[gz.links["local"]]
    rings = [
        c
        for c in _drawn_by(gz, View(layers=("ties",)), "links")
        if len(c.get_offsets()) == 1 and c.get_facecolor().size == 0
    ]
    assert len(rings) == len(local)
    drawn_at = sorted(tuple(c.get_offsets()[0]) for c in rings)
    points = [gz.anchor(r) for r in local["from_id"]]
    assert drawn_at == sorted((p.x, p.y) for p in points)


def test_a_print_of_the_local_links_and_zones_has_their_legend_rows(gz, tmp_path):
    view = View(lang="en", layers=("zones", "ties"))
    render(gz, tmp_path, "map.svg", view, size="800x450", scale=1)
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "Zone extents (schematic)" in svg and "local link (ring)" in svg
