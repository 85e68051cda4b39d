"""The text catalogue covers every id of every vocabulary, registry and data term; texts
are picked by language by name, and the layers of the stack import only downwards."""

from __future__ import annotations

import ast
import re

import pytest

from geo import texts
from geo.layers_out import LAYERS as EXPORT_LAYERS
from geo.schema import (
    AREA_LEVELS,
    LINK_KINDS,
    PLACE_KINDS,
    PRECISIONS,
    STATUSES,
    TIERS,
    TIMELINE_STATUSES,
)
from tests.browser import ROOT
from viewmodel.basemaps import BASEMAPS
from viewmodel.registry import LAYERS
from viewmodel.style import PLACE_STYLES
from viewmodel.view import LABEL_MODES


def test_every_vocabulary_id_has_both_texts():
    pairs = [
        (texts.KINDS, PLACE_KINDS),
        (texts.PRECISIONS, PRECISIONS),
        (texts.STATUSES, (*STATUSES, *TIMELINE_STATUSES, "project")),
        (texts.TIERS, TIERS),
        (texts.LINK_KINDS, LINK_KINDS),
        (texts.LAYERS, [spec.id for spec in LAYERS]),
        (texts.GROUPS, {spec.group for spec in LAYERS}),
        (texts.BASEMAPS, [b.id for b in BASEMAPS]),
        (texts.LABEL_MODES, LABEL_MODES),
        (texts.EXPORT_LAYERS, EXPORT_LAYERS),
        (texts.AREA_LEVELS, AREA_LEVELS),
    ]
    for catalogue, ids in pairs:
        assert set(ids) <= set(catalogue), set(ids) - set(catalogue)
    assert set(PLACE_STYLES) == set(PLACE_KINDS)
    for precision in texts.PRECISIONS.values():
        for text in (precision.name, precision.meaning):
            assert text.zh and text.en and text.zh != text.en


def test_every_industry_of_the_data_has_an_english_name(gz):
    terms = {term for items in gz.places["industries"] for term in items}
    missing = sorted(terms - set(texts.INDUSTRIES))
    assert not missing, missing
    assert all(re.search(r"[A-Za-z0-9]", texts.INDUSTRIES[term]) for term in terms)


def test_messages_have_the_same_placeholders_in_both_languages():
    fields = re.compile(r"{(\w+)")
    units = {"investment_short"}  # 亿元 in Chinese, billions in English
    for key, text in texts.MESSAGES.items():
        if key in units:
            continue
        assert set(fields.findall(text.zh)) == set(fields.findall(text.en)), key


def test_texts_are_picked_by_language_and_braces_in_data_stay():
    text = texts.Text("开平 {x}", "Kaiping {x}")
    assert text("zh", x=1) == "开平 1" and text("en", x=1) == "Kaiping 1"
    assert text("both", x=1) == "开平 1 Kaiping 1"
    assert texts.Text("{{ 7*7 }}", "{x}")("en") == "{x}"
    assert texts.t("shown", "en", n=3, total=9) == "Showing 3 of 9 places"


def _python_files(folder: str) -> list:
    return sorted((ROOT / folder).rglob("*.py"))


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("geo", {"viewmodel", "layers", "ui", "streamlit", "folium"}),
        ("viewmodel", {"layers", "ui", "streamlit", "folium", "branca", "matplotlib"}),
        ("layers", {"ui", "streamlit"}),
    ],
)
def test_each_layer_of_the_stack_imports_only_downwards(folder, forbidden):
    for path in _python_files(folder):
        assert not _imports(path) & forbidden, (path, _imports(path) & forbidden)


def test_no_language_branch_outside_the_catalogue():
    branch = re.compile(r"""lang\s*[!=]=\s*["'](zh|en)["']|\[0 if lang""")
    for folder in ("geo", "viewmodel", "layers", "ui"):
        for path in _python_files(folder):
            if path.parent.name == "texts":
                continue
            found = branch.findall(path.read_text(encoding="utf-8"))
            assert not found, path
    assert not branch.findall((ROOT / "app.py").read_text(encoding="utf-8"))


def test_chinese_names_in_data_text_read_in_english():
    names = {"开平市": "Kaiping City"}
    source = "GeoNames seat of county 开平市; seat of 水口镇 (seats.csv: 水口镇人民政府)"
    assert texts.named(source, "zh", names) == source
    assert texts.named(source, "en", names) == (
        "GeoNames seat of county Kaiping City (开平市); seat of Shuikou Town (水口镇) "
        "(seats.csv: 水口镇人民政府)"  # a quotation, not a name: left as printed
    )
    assert texts.romanised_name("会城街道") == "Huicheng Subdistrict"
    assert texts.romanised_name("翠山湖新区") == "Cuishanhu New Area"
    assert texts.named("", "en", names) == ""
