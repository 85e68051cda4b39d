"""Filters and relations."""

from geo.select import PlaceFilter, filter_places, links_of, member_places, structures_of


def test_no_criteria_keeps_everything(gz):
    assert len(filter_places(gz, PlaceFilter())) == len(gz.places)


def test_plan_filter_keeps_exactly_the_cited_places(gz):
    kept = filter_places(gz, PlaceFilter(plans=("000",)))
    cited = set(gz.mentions.loc[gz.mentions["plan_id"] == "000", "place_id"])
    assert set(kept.index) == cited


def test_criteria_combine(gz):
    kept = filter_places(gz, PlaceFilter(cities=("中山市",), kinds=("incubator",)))
    assert len(kept) > 0
    assert set(kept["city"]) == {"中山市"} and set(kept["kind"]) == {"incubator"}


def test_industry_term_matches_inside_longer_names(gz):
    kept = filter_places(gz, PlaceFilter(industries=("生物医药",)))
    assert len(kept) > 0
    assert all(any("生物医药" in i for i in items) for items in kept["industries"])


def test_relations_of_cuishanhu(gz):
    ids = set(structures_of(gz, "cuishanhu_hitech_zone").index)
    assert any("1plus4" in i for i in ids)
    for link in links_of(gz, "cuishanhu_hitech_zone").itertuples():
        assert "cuishanhu_hitech_zone" in {link.from_id, link.to_id, *link.via}


def test_member_places_leave_out_areas(gz):
    for sid in gz.structures.index:
        assert set(member_places(gz, sid)) <= set(gz.places.index)
