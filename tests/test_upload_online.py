"""The opt-in online lookup of names the offline geocoder did not find: results merge into
the right rows, nothing is lost, and without network the user gets a finding."""

from __future__ import annotations

import socket

import pytest

from geo.upload.geocoder import GeocodeResult
from geo.upload.layer import load_user_file
from geo.upload.online_fill import fill_online, missing_rows

CSV = "名称,备注\n翠山湖,a\n某某不存在的科技园XYZ,b\n另一个找不到的地方QQ,c\n".encode()


@pytest.fixture(scope="module")
def layer(gz):
    return load_user_file(CSV, "names.csv", gz)


def test_offline_leaves_unknown_names_without_location(layer):
    assert list(missing_rows(layer)) == [1, 2]
    assert layer.frame.geometry.iloc[0] is not None
    assert layer.frame.geometry.iloc[1:].isna().all()


def test_online_results_fill_only_their_rows(layer, gz):
    asked = []

    def lookup(queries, user_agent):
        asked.extend(queries)
        assert "gba" in user_agent
        hit = GeocodeResult(
            queries[0], "ok", 113.25, 22.55, "site", 0.6, "Nominatim (OSM) way 1", ()
        )
        miss = GeocodeResult(queries[1], "not_found", None, None, None, 0.0, "Nominatim", ())
        return [hit, miss], []

    filled = fill_online(layer, gz, lookup=lookup)
    assert asked == ["某某不存在的科技园XYZ", "另一个找不到的地方QQ"]
    assert len(filled.frame) == 3 and list(filled.frame["备注"]) == ["a", "b", "c"]
    assert (filled.frame.geometry.iloc[1].x, filled.frame.geometry.iloc[1].y) == (113.25, 22.55)
    assert filled.frame.geometry.iloc[0].equals(layer.frame.geometry.iloc[0])
    assert filled.frame.geometry.iloc[2] is None
    assert list(filled.geocoded["gba_status"]) == ["ok", "ok", "not_found"]
    assert filled.geocoded["gba_source"].iloc[1].startswith("Nominatim")
    codes = [f.code for f in filled.findings]
    assert "online_geocoded" in codes and codes.count("not_found") == 1
    assert "2" in next(f for f in filled.findings if f.code == "online_geocoded").message("en")


def test_without_network_the_rows_stay_and_a_finding_says_why(layer, gz, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network is unreachable")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    filled = fill_online(layer, gz)
    assert len(filled.frame) == 3 and filled.frame.geometry.iloc[1:].isna().all()
    unavailable = [f for f in filled.findings if f.code == "online_unavailable"]
    assert unavailable and unavailable[0].message("zh")
