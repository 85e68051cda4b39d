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
    row = data_copy.row_where("places.csv", "place_id", "jiangmen_neutrino_lab")
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
    data_copy.set("mentions.csv", 7, "quote", "这句话不在任何规划里")
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
