"""Integrity of the gazetteer against what the plans themselves say."""

from __future__ import annotations

import re

import pytest
from shapely.geometry import Point

from geo.provenance import DEFAULT_PLANS_DIR, plan_text, quote_in_text
from tests.conftest import needs_plans

JUNO = (112.51867, 22.11827)
TAISHAN_NPP = (112.98194, 21.91778)


def place_by_name(gz, name):
    hits = gz.places[(gz.places["name_zh"] == name) | gz.places["aliases"].map(lambda a: name in a)]
    assert len(hits) >= 1, f"no place named {name}"
    return hits.iloc[0]


@needs_plans
def test_every_quote_is_verbatim(gz):
    for table in (gz.mentions, gz.links, gz.structures):
        for row in table.itertuples():
            text = plan_text(DEFAULT_PLANS_DIR, gz.plans.at[row.plan_id, "source_file"])
            assert quote_in_text(row.quote, text), (row.plan_id, row.quote)


def test_every_place_is_cited_and_located(gz):
    cited = set(gz.mentions["place_id"])
    assert set(gz.places.index) <= cited
    assert gz.places["precision"].notna().all() and (gz.places["geocode_source"] != "").all()


def test_published_site_coordinates():
    from geo.gazetteer import load_gazetteer

    places = load_gazetteer().places
    juno = places.loc["jiangmen_neutrino_lab"]
    assert (juno.lon, juno.lat) == JUNO and juno.precision == "site"
    npp = places.loc["taishan_nuclear_plant"]
    assert (npp.lon, npp.lat) == TAISHAN_NPP and npp.precision == "site"


def test_only_published_coordinates_claim_site_precision(gz):
    site = gz.places[gz.places["precision"] == "site"]
    assert site["geocode_source"].str.startswith("published").all()


def test_no_gcj02_leak_next_to_town_seats(gz):
    # A point offset by about (+0.005°, -0.003°) from a seat smells of unconverted GCJ-02.
    from geo.anchors import region_seats

    seats = [(s.lon, s.lat) for s in region_seats()]
    for row in gz.places.itertuples():
        for lon, lat in seats:
            dx, dy = row.lon - lon, row.lat - lat
            assert not (0.003 < dx < 0.007 and -0.005 < dy < -0.001), row.place_id


@needs_plans
def test_kaiping_one_plus_four_has_cuishanhu_and_the_four_towns(gz):
    # 000: “构建翠山湖和月山、水口、沙塘、苍城四镇“1+4”产业平台”
    text = plan_text(DEFAULT_PLANS_DIR, gz.plans.at["000", "source_file"])
    assert "月山、水口、沙塘、苍城四镇" in text
    structure = gz.structures[
        gz.structures["name_zh"].str.contains("1+4", regex=False)
        & (gz.structures["plan_id"] == "000")
    ].iloc[0]
    names = {gz.places.at[m, "name_zh"] for m in structure.members}
    assert {"月山镇", "水口镇", "沙塘镇", "苍城镇"} <= names
    assert "cuishanhu_hitech_zone" in structure.members


def test_zhongshan_three_plus_four_platforms(gz):
    platforms = [
        "火炬开发区",
        "翠亨新区",
        "岐江新城",
        "中山科学城",
        "中山南部新城",
        "中山北部产业园",
        "中山西部产业园",
    ]
    ids = {place_by_name(gz, name).place_id for name in platforms}
    structure = gz.structures[gz.structures["name_zh"].str.contains("3+4", regex=False)].iloc[0]
    assert ids <= set(structure.members)


def test_qingyuan_three_parks_one_city(gz):
    members = [
        "广清（清城）产业园",
        "广德（英德）产业园",
        "广佛（佛冈）产业园",
        "广清空港现代物流产业新城",
    ]
    ids = {place_by_name(gz, name).place_id for name in members}
    structure = gz.structures[gz.structures["name_zh"].str.contains("三园一城")].iloc[0]
    assert ids <= set(structure.members)


@needs_plans
def test_jiangmen_seven_provincial_transfer_parks(gz):
    # 001 lists them “拓展蓬江产业转移工业园、江海…、…恩平产业转移工业园等7个省级园区”.
    text = plan_text(DEFAULT_PLANS_DIR, gz.plans.at["001", "source_file"])
    listing = re.search(r"拓展([^，。]+?)等7个省级园区", text).group(1)
    parks = listing.split("、")
    assert len(parks) == 7
    for name in parks:
        assert place_by_name(gz, name).kind == "industrial_park"


def test_structure_members_and_link_ends_resolve(gz):
    known = set(gz.places.index) | set(gz.areas.index)
    for members in gz.structures["members"]:
        assert set(members) <= known
    for row in gz.links.itertuples():
        assert {row.from_id, row.to_id, *row.via} <= known


def test_links_are_lines_between_their_ends(gz):
    for row in gz.links.itertuples():
        if row.local:
            # ends on one point: no line, a reason instead
            ends = {gz.anchor(r).coords[0] for r in [row.from_id, *row.via, row.to_id]}
            assert row.geometry is None and len(ends) == 1 and row.local_reason
            continue
        start = Point(row.geometry.coords[0])
        assert start.equals(gz.anchor(row.from_id))
        assert Point(row.geometry.coords[-1]).equals(gz.anchor(row.to_id))
        assert row.geometry.length > 0 and not row.local_reason


def test_indicator_text_values_are_never_numbers(gz):
    textual = gz.indicators[gz.indicators["value_text"].str.contains(r"[\u4e00-\u9fff;；~～>＞<]")]
    assert len(textual) > 0
    assert textual["value"].isna().all()


@needs_plans
def test_indicator_tables_have_every_printed_row(gz):
    # 000 专栏1 numbers its rows 1–9 with columns 2020/2023/2025.
    kaiping = gz.indicators[gz.indicators["plan_id"] == "000"]
    assert sorted(set(kaiping["seq"].astype(int))) == list(range(1, 10))
    assert set(kaiping["year"]) == {2020, 2023, 2025}


def test_projects_table_all_nine_rows(gz):
    assert sorted(gz.projects["seq"].astype(int)) == list(range(1, 10))
    assert gz.projects["investment_yi"].notna().all()
    assert set(gz.projects["place_id"]) <= set(gz.places.index)


@needs_plans
def test_last_project_row_without_trailing_newline(gz):
    text = (DEFAULT_PLANS_DIR / gz.plans.at["004", "source_file"]).read_text(encoding="utf-8")
    assert not text.endswith("\n")
    last = gz.projects[gz.projects["seq"] == "9"].iloc[0]
    assert last["content"][:10] in text.splitlines()[-1]


@pytest.mark.parametrize("plan_id", ["000", "001", "002", "003", "004"])
def test_each_plan_cites_places(gz, plan_id):
    assert (gz.mentions["plan_id"] == plan_id).sum() >= 20
