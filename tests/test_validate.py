"""The validator: the real data passes, and each kind of broken row is reported with its
file, line and column."""

from __future__ import annotations

import pytest

from geo.provenance import DEFAULT_PLANS_DIR
from geo.validate import validate_tables
from tests.conftest import needs_plans


def problems(data_copy, plans_dir=DEFAULT_PLANS_DIR) -> list[str]:
    return [str(p) for p in validate_tables(data_copy.root, plans_dir).problems]


def test_real_data_is_valid(data_copy):
    assert problems(data_copy) == []


def test_missing_column_is_named(data_copy):
    table = data_copy.table("places.csv").drop(columns=["precision"])
    data_copy.save("places.csv", table)
    assert problems(data_copy) == ["places.csv: precision: required column is missing"]


def test_missing_file_is_named(data_copy):
    (data_copy.root / "links.csv").unlink()
    assert any(p.startswith("links.csv: file is missing") for p in problems(data_copy))


def test_unknown_kind(data_copy):
    data_copy.set("places.csv", 4, "kind", "spaceport")
    assert "places.csv:6: kind: unknown value 'spaceport'" in problems(data_copy)[0]


def test_coordinates_outside_china(data_copy):
    data_copy.set("places.csv", 0, "lon", "2.35")
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith("places.csv:2: lon:")
    assert "outside China" in found[0]


def test_swapped_coordinates_are_outside_china(data_copy):
    row = data_copy.table("places.csv").iloc[3]
    data_copy.set("places.csv", 3, "lon", row["lat"])
    data_copy.set("places.csv", 3, "lat", row["lon"])
    assert "outside China" in problems(data_copy)[0]


def test_point_outside_claimed_county(data_copy):
    row = data_copy.row_where("places.csv", "place_id", "town_shuikou")
    # Taishan's seat lies in 台山市, not in 开平市 which the row claims.
    data_copy.set("places.csv", row, "lon", "112.7799")
    data_copy.set("places.csv", row, "lat", "22.25135")
    found = problems(data_copy)
    assert len(found) == 1
    assert found[0].startswith(f"places.csv:{row + 2}: lon:") and "outside 开平市" in found[0]


def test_unknown_county(data_copy):
    data_copy.set("places.csv", 2, "county", "不存在区")
    assert "county: unknown area '不存在区'" in problems(data_copy)[0]


@needs_plans
def test_quote_not_in_plan(data_copy):
    place = data_copy.table("mentions.csv").at[7, "place_id"]
    name = data_copy.table("places.csv").set_index("place_id").at[place, "name_zh"]
    data_copy.set("mentions.csv", 7, "quote", f"{name}这句话不在任何规划里")
    found = problems(data_copy)
    assert len(found) == 1
    assert found[0].startswith("mentions.csv:9: quote: quote not found verbatim")


@needs_plans
def test_quote_matching_ignores_line_wraps_only(data_copy):
    quote = data_copy.table("mentions.csv").at[0, "quote"]
    data_copy.set("mentions.csv", 0, "quote", quote[:3] + "\u3000 " + quote[3:])
    assert problems(data_copy) == []
    data_copy.set("mentions.csv", 0, "quote", quote[:3] + "，" + quote[3:])
    assert len(problems(data_copy)) == 1


def test_quote_too_long(data_copy, tmp_path):
    data_copy.set("mentions.csv", 1, "quote", "长" * 81)
    assert "quote longer than 80 characters" in problems(data_copy, tmp_path / "none")[0]


def test_missing_plans_folder_skips_provenance_with_a_note(data_copy, tmp_path):
    report = validate_tables(data_copy.root, tmp_path / "absent")
    assert report.ok
    assert any("provenance check skipped" in note for note in report.notes)


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("mentions.csv", "place_id"),
        ("links.csv", "from_id"),
        ("links.csv", "to_id"),
        ("structures.csv", "members"),
        ("projects.csv", "place_id"),
    ],
)
def test_dangling_ids(data_copy, table, column):
    data_copy.set(table, 0, column, "no_such_place")
    found = [p for p in problems(data_copy) if "no_such_place" in p]
    assert found and found[0].startswith(f"{table}:2: {column}:")


def test_place_without_mention(data_copy):
    mentions = data_copy.table("mentions.csv")
    pid = mentions.at[0, "place_id"]
    data_copy.save("mentions.csv", mentions[mentions["place_id"] != pid])
    assert any(f"place {pid!r} has no mention" in p for p in problems(data_copy))


def test_duplicate_id(data_copy):
    places = data_copy.table("places.csv")
    data_copy.set("places.csv", 1, "place_id", places.at[0, "place_id"])
    assert any("duplicate id" in p and p.startswith("places.csv:3") for p in problems(data_copy))


def test_empty_required_value(data_copy):
    data_copy.set("places.csv", 0, "geocode_source", "")
    assert "places.csv:2: geocode_source: must not be empty" in problems(data_copy)


@needs_plans
def test_indicator_value_must_match_printed_text(data_copy):
    table = data_copy.table("indicators.csv")
    row = int(table.index[table["value"] != ""][0])
    data_copy.set("indicators.csv", row, "value", str(float(table.at[row, "value"]) + 1))
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith(f"indicators.csv:{row + 2}: value:")


def test_text_indicator_may_not_carry_a_number(data_copy, tmp_path):
    table = data_copy.table("indicators.csv")
    row = int(table.index[table["value_text"] == "全省平均水平"][0])
    data_copy.set("indicators.csv", row, "value", "1")
    assert f"indicators.csv:{row + 2}: value:" in problems(data_copy, tmp_path)[0]


def test_unreadable_csv_is_reported(data_copy):
    (data_copy.root / "plans.csv").write_bytes("plan_id\n\xff\xfe".encode("latin-1"))
    assert any(p.startswith("plans.csv") for p in problems(data_copy))


# --- where each place is, and why we think so (geo.location_checks) ---


def edit_place(data_copy, place_id: str, **cells: str) -> int:
    row = data_copy.row_where("places.csv", "place_id", place_id)
    for column, value in cells.items():
        data_copy.set("places.csv", row, column, value)
    return row + 2


def test_town_without_location_source(data_copy):
    line = edit_place(data_copy, "town_shuikou", location_source="", location_quote="")
    assert problems(data_copy) == [
        f"places.csv:{line}: location_source: a location finer than county/city (or a town) "
        "needs both location_source and location_quote"
    ]


def test_general_knowledge_is_not_a_source(data_copy):
    line = edit_place(
        data_copy, "town_shuikou", geocode_source="GeoNames seat; town from general knowledge"
    )
    assert [p for p in problems(data_copy) if "general knowledge" in p] == [
        f"places.csv:{line}: geocode_source: general knowledge is not a source; cite the location"
    ]


def test_location_source_is_a_plan_or_title_and_url(data_copy):
    line = edit_place(data_copy, "town_shuikou", location_source="百度百科")
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith(f"places.csv:{line}: location_source:")
    edit_place(data_copy, "town_shuikou", location_source="水口镇 | ftp://example.org/x")
    assert "neither a plan id nor 'title | http(s)://URL'" in problems(data_copy)[0]


@needs_plans
def test_plan_location_quote_must_be_verbatim(data_copy):
    plan = data_copy.table("places.csv").set_index("place_id").at["town_shuikou", "location_source"]
    line = edit_place(data_copy, "town_shuikou", location_quote="水口镇是卫浴之乡")
    assert problems(data_copy) == [
        f"places.csv:{line}: location_quote: quote not found verbatim in plan {plan}: "
        "'水口镇是卫浴之乡'"
    ]


def test_location_quote_must_name_the_town(data_copy):
    line = edit_place(
        data_copy,
        "town_shuikou",
        location_source="开平市概况 | https://example.org/kaiping",
        location_quote="开平市辖15个镇（街道）",
    )
    assert problems(data_copy) == [
        f"places.csv:{line}: location_quote: the quote names neither the town '水口镇' "
        "nor a place located in it"
    ]
    edit_place(data_copy, "town_shuikou", location_quote="開平市水口鎮")  # traditional is fine
    assert problems(data_copy) == []
    # some mirror sites print a bracketed reading after characters: 水口鎮(zhèn)
    edit_place(data_copy, "town_shuikou", location_quote="開(kāi)平市水(shuǐ)口鎮(zhèn)")
    assert problems(data_copy) == []
    edit_place(data_copy, "town_shuikou", location_quote="開平市水(Kaiping)鎮")  # not a reading
    assert len(problems(data_copy)) == 1


def test_location_quote_may_name_the_town_by_its_romanised_name(data_copy):
    # an English page: the pinyin or GeoNames name of the town, any case, spacing or suffix
    source = "Kaiping | https://example.org/kaiping"
    for quote in ("Shuikou Town, Kaiping City", "SHUI KOU zhen", "the Shuikou-Town"):
        line = edit_place(data_copy, "town_shuikou", location_source=source, location_quote=quote)
        assert problems(data_copy) == [], quote
    refused = (
        f"places.csv:{line}: location_quote: the quote names neither the town '水口镇' "
        "nor a place located in it"
    )
    # another town of the county, a longer word, the county itself
    for quote in ("Yueshan Town, Kaiping", "Shuikouxi Village", "Kaiping City"):
        edit_place(data_copy, "town_shuikou", location_quote=quote)
        assert problems(data_copy) == [refused], quote


def test_romanised_name_two_seats_share_does_not_name_a_town(data_copy):
    # 英城街道 has two GeoNames records in 英德市: “Yingcheng” names neither; its eight
    # fellow members of the zone are named unambiguously
    members = "Lianjiangkou, Shihuipu, Hengshitang, Shakou, Donghua, Baisha, Huanghua, Dawan"
    line = edit_place(
        data_copy,
        "yingde_modern_agri_industrial_park",
        location_source="Yingde | https://example.org/yingde",
        location_quote=f"Yingcheng Subdistrict and the towns of {members}",
    )
    assert problems(data_copy) == [
        f"places.csv:{line}: location_quote: the quote names neither the town '英城街道' "
        "nor a place located in it",
        f"places.csv:{line}: location_quote: the quote names neither the member town "
        "'英城街道' nor a place located in it",
    ]
    edit_place(
        data_copy,
        "yingde_modern_agri_industrial_park",
        location_quote=f"英城街道 and the towns of {members}",
    )
    assert problems(data_copy) == []


def test_typed_coordinates_are_site_or_locality_from_a_published_source(data_copy):
    line = edit_place(
        data_copy, "town_shuikou", source_lon="112.70", source_lat="22.40", source_datum="WGS84"
    )
    found = problems(data_copy)
    published_only = "typed coordinates must come from a published source, not a plan"
    assert f"places.csv:{line}: source_lon: {published_only}" in found
    assert (
        f"places.csv:{line}: precision: published coordinates are site or locality precision, "
        "not 'town'"
    ) in found
    assert any(p.startswith(f"places.csv:{line}: lon:") for p in found)  # not that point
    assert len(found) == 3


def test_site_needs_its_published_coordinates(data_copy):
    line = edit_place(
        data_copy, "jiangmen_neutrino_lab", source_lon="", source_lat="", source_datum=""
    )
    found = problems(data_copy)
    assert f"places.csv:{line}: precision: site precision needs published coordinates" in (
        " ".join(found)
    )


def test_gcj02_coordinates_are_converted(data_copy):
    from geo.gcj02 import wgs84_to_gcj02

    lon, lat = (float(v) for v in wgs84_to_gcj02(112.51867, 22.11827))
    line = edit_place(
        data_copy,
        "jiangmen_neutrino_lab",
        source_lon=f"{lon:.6f}",
        source_lat=f"{lat:.6f}",
        source_datum="GCJ-02",
    )
    # the stored point is still the WGS84 one: it matches the converted GCJ-02 point
    assert problems(data_copy) == []
    edit_place(data_copy, "jiangmen_neutrino_lab", lon=f"{lon:.6f}", lat=f"{lat:.6f}")
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith(f"places.csv:{line}: lon:")
    assert "is not the published GCJ-02 point" in found[0]


def test_mention_quote_must_name_its_place(data_copy):
    mentions = data_copy.table("mentions.csv")
    row = int(mentions.index[mentions["place_id"] == "town_shuikou"][0])
    quote = mentions.at[row, "quote"]
    data_copy.set("mentions.csv", row, "quote", quote.replace("水口", "某某"))
    found = problems(data_copy)
    assert any(
        p.startswith(f"mentions.csv:{row + 2}: quote: the quote does not name 'town_shuikou'")
        for p in found
    )


def test_named_as_is_a_short_form_in_the_quote(data_copy):
    mentions = data_copy.table("mentions.csv")
    row = int(mentions.index[mentions["named_as"] == "高新区"][0])
    assert problems(data_copy) == []
    data_copy.set("mentions.csv", row, "named_as", "科技园")
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith(f"mentions.csv:{row + 2}: named_as:")


def test_alias_that_names_two_places(data_copy):
    line = edit_place(data_copy, "town_shuikou", aliases="水口;月山镇")
    found = problems(data_copy)
    assert f"places.csv:{line}: aliases: alias '月山镇' also names town_yueshan" in found[0]


def test_zone_town_must_be_a_member_and_members_named(data_copy):
    line = edit_place(data_copy, "town_shuikou", member_towns="水口镇;赤坎镇")
    unnamed = (
        f"places.csv:{line}: location_quote: the quote names neither the member town '赤坎镇' "
        "nor a place located in it"
    )
    assert problems(data_copy) == [unnamed]
    edit_place(data_copy, "town_shuikou", member_towns="赤坎镇")
    assert problems(data_copy) == [
        unnamed,
        f"places.csv:{line}: town: the town of a zone must be one of its member_towns",
    ]


def test_member_town_must_have_a_known_seat(data_copy):
    quote = data_copy.table("places.csv").set_index("place_id").at["town_shuikou", "location_quote"]
    line = edit_place(
        data_copy,
        "town_shuikou",
        member_towns="水口镇;南朗街道",
        location_quote=quote + "…南朗街道",
        location_source="开平 | https://example.org/kaiping",
    )
    found = problems(data_copy)
    assert found == [
        f"places.csv:{line}: member_towns: no single GeoNames or seats.csv seat of '南朗街道' "
        "in 开平市; add its seat to seats.csv"
    ]


def test_published_seat_rows(data_copy):
    seats = data_copy.table("seats.csv")
    assert len(seats) > 0 and problems(data_copy) == []
    data_copy.set("seats.csv", 0, "source", "维基百科")
    assert problems(data_copy) == ["seats.csv:2: source: must be 'title | http(s)://URL'"]
    data_copy.set("seats.csv", 0, "source", seats.at[0, "source"])
    data_copy.set("seats.csv", 0, "seat_town", "不存在镇")
    assert "seats.csv:2: seat_town: no single GeoNames seat of '不存在镇' there" in problems(
        data_copy
    )
