"""Search by Chinese name, alias, English name and pinyin."""

import pytest

from geo.search import SearchIndex, normalize, pinyin_key


@pytest.fixture(scope="module")
def index(gz):
    return SearchIndex.build(gz.places)


def test_normalize_strips_tones_spaces_and_case():
    assert normalize("Cuìshān Hú") == "cuishanhu"
    assert normalize("cui1 shan1 hu2") == "cuishanhu"
    assert pinyin_key("翠山湖") == "cuishanhu"


@pytest.mark.parametrize("query", ["翠山湖", "cuishanhu", "Cuìshānhú", "cuishan", "CUI SHAN HU"])
def test_cuishanhu_found(index, query):
    assert "cuishanhu_hitech_zone" in index.search(query)[:3]


def test_english_name(index, gz):
    hits = index.search("neutrino")
    assert "jiangmen_neutrino_lab" in hits
    assert all("neutrino" in gz.places.at[h, "name_en"].lower() for h in hits)


def test_alias(index):
    assert index.search("翠山湖园区")[0] == "cuishanhu_hitech_zone"


def test_exact_beats_substring(index, gz):
    hits = index.search("中山大学")
    assert gz.places.at[hits[0], "name_zh"] == "中山大学"


def test_no_hit_and_empty_query(index):
    assert index.search("zzzzqqq") == []
    assert index.search("  ") == []
