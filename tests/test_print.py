"""Static prints: pixel size, vector output with the title text, Chinese glyphs present,
identical bytes every time, clear errors."""

from __future__ import annotations

import warnings
from html import escape

import pytest
from PIL import Image
from pypdf import PdfReader

from geo.cli import main
from geo.select import PlaceFilter
from layers.static_print import PrintError, PrintSpec, parse_size, render_print

TITLE = "江门翠山湖与中山科学城布局"


def render(gz, tmp_path, name: str, **kwargs) -> tuple[dict, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = render_print(gz, PrintSpec(date="2026-11-25", **kwargs), tmp_path / name)
    return result, [str(w.message) for w in caught]


def test_png_has_the_requested_pixel_size_and_no_missing_glyphs(gz, tmp_path):
    result, messages = render(gz, tmp_path, "map.png", title=TITLE, size="1920x1080", scale=2)
    assert not [m for m in messages if "missing from" in m], messages
    with Image.open(tmp_path / "map.png") as image:
        assert image.size == (3840, 2160) == (result["width_px"], result["height_px"])
    assert result["places"] > 100


def test_pdf_is_vector_with_the_title_and_chinese_labels(gz, tmp_path):
    render(gz, tmp_path, "map.pdf", title=TITLE, lang="zh")
    page = PdfReader(tmp_path / "map.pdf").pages[0]
    text = page.extract_text()
    assert TITLE in text and "江门中微子实验室" in text
    content = page.get_contents().get_data()
    assert b" l\n" in content or b" l " in content  # line-to operators: vector drawing
    xobjects = page.get("/Resources", {}).get("/XObject") or {}
    assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())


def test_svg_is_vector_with_the_title(gz, tmp_path):
    render(gz, tmp_path, "map.svg", title="GBA layout", lang="en", size="A4")
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<path" in svg and "GBA layout" in svg and "<image" not in svg


def test_same_input_gives_identical_files(gz, tmp_path):
    render(gz, tmp_path, "a.png", size="800x450", scale=1)
    render(gz, tmp_path, "b.png", size="800x450", scale=1)
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_bbox_and_plan_narrow_what_is_drawn(gz, tmp_path):
    whole, _ = render(gz, tmp_path, "all.png", size="800x450", scale=1)
    qingyuan, _ = render(
        gz,
        tmp_path,
        "qy.png",
        size="800x450",
        scale=1,
        criteria=PlaceFilter(plans=("004",)),
        bbox=(112.0, 23.3, 114.0, 25.2),
    )
    assert 0 < qingyuan["places"] < whole["places"]


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
        (["--out", "/nonexistent/x.png"], "does not exist"),
    ],
)
def test_print_cli_errors(tmp_path, capsys, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main(["print", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_print_cli_writes_the_file(tmp_path):
    out = tmp_path / "region.png"
    assert (
        main(["print", "--out", str(out), "--size", "960x540", "--scale", "1", "--lang", "both"])
        == 0
    )
    with Image.open(out) as image:
        assert image.size == (960, 540)


def test_indicator_and_projects_print(gz, tmp_path):
    key = "rd_institution_coverage"
    result, messages = render(
        gz,
        tmp_path,
        "ind.svg",
        size="800x450",
        scale=1,
        lang="en",
        layers=["platforms", "projects"],
        indicator=key,
        indicator_year=2025,
    )
    svg = (tmp_path / "ind.svg").read_text(encoding="utf-8")
    assert escape(gz.indicator_keys.at[key, "key_en"]) in svg  # the legend names the target
    assert "Geodetic" not in svg
    assert not [m for m in messages if "missing from" in m]
