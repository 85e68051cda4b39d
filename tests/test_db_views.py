"""Queries of one view in SQL give the rows the in-memory filters give."""

from __future__ import annotations

import pytest
import shapely

from geo.db.views import check_bbox, links_in_view, places_in_view
from geo.select import Filters, select_places
from tests.strict_frames import assert_frames_identical

ZHONGSHAN = (113.15, 22.2, 113.65, 22.8)
JIANGMEN = (112.0, 21.5, 113.3, 22.9)
REGION = (109.0, 20.0, 118.0, 26.0)


def _in_box(frame, bbox):
    return frame[shapely.intersects(frame.geometry.values, shapely.box(*bbox))]


@pytest.mark.parametrize(
    "bbox, filters",
    [
        (REGION, Filters()),
        (ZHONGSHAN, Filters()),
        (JIANGMEN, Filters(plans=("000", "002"))),
        (REGION, Filters(kinds=("university", "lab_facility"), statuses=("existing",))),
        (REGION, Filters(industries=("生物医药", "新材料"))),
        (JIANGMEN, Filters(cities=("江门市",), precisions=("site", "locality"))),
        (REGION, Filters(year=2022)),
        (ZHONGSHAN, Filters(plans=("003",), year=2027)),
    ],
)
def test_places_in_view_match_the_in_memory_filter(app_db, gz, bbox, filters):
    expected = _in_box(select_places(gz, filters), bbox)
    assert len(expected) > 0
    rows = places_in_view(app_db, bbox, filters)
    assert rows.total == len(expected) and not rows.truncated
    assert_frames_identical(rows.frame, expected)


def test_the_year_hides_places_whose_first_phase_starts_later(app_db, gz):
    first = gz.timeline.groupby("place_id")["start_year"].min()
    hidden = set(first.index[first > 2022])
    assert hidden
    shown = set(places_in_view(app_db, REGION, Filters(year=2022)).frame.index)
    assert shown and not shown & hidden
    assert set(first.index[first <= 2022]) <= shown


def test_limit_returns_the_first_rows_and_the_total(app_db, gz):
    expected = _in_box(gz.places, REGION)
    rows = places_in_view(app_db, REGION, limit=25)
    assert len(rows.frame) == 25 and rows.total == len(expected) and rows.truncated
    assert list(rows.frame.index) == list(expected.index[:25])


def test_links_in_view(app_db, gz):
    expected = _in_box(gz.links[gz.links["plan_id"] == "003"], ZHONGSHAN)
    assert len(expected) > 0
    rows = links_in_view(app_db, ZHONGSHAN, plans=("003",))
    assert_frames_identical(rows.frame, expected)


def test_empty_view(app_db):
    rows = places_in_view(app_db, (0.0, 0.0, 1.0, 1.0))
    assert rows.total == 0 and rows.frame.empty and list(rows.frame.columns)


@pytest.mark.parametrize("bbox", [(1, 2, 3), (3, 0, 1, 1), (0, 0, float("nan"), 1), (0, -95, 1, 1)])
def test_bad_bbox_is_refused(bbox):
    with pytest.raises(ValueError, match="bbox"):
        check_bbox(bbox)
