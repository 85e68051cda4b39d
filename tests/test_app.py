"""Page logic through Streamlit's AppTest (no browser)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.browser import ROOT

APP = str(ROOT / "app.py")


def test_app_runs_on_default_data():
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert at.title[0].value == "粤港澳大湾区创新布局地图"
    assert not at.error


def test_app_refuses_invalid_data_with_the_validator_message(data_copy, monkeypatch):
    data_copy.set("places.csv", 0, "kind", "spaceport")
    monkeypatch.setenv("GBA_DATA_DIR", str(data_copy.root))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert "数据校验未通过" in at.error[0].value
    assert "places.csv:2: kind: unknown value 'spaceport'" in at.get("code")[0].proto.code_text
