"""Filters and relations."""

from geo.select import (
    Filters,
    links_of,
    member_places,
    select_places,
    select_projects,
    structures_of,
)


def test_no_criteria_keeps_everything(gz):
    assert len(select_places(gz, Filters())) == len(gz.places)


def test_plan_filter_keeps_exactly_the_cited_places(gz):
    kept = select_places(gz, Filters(plans=("000",)))
    cited = set(gz.mentions.loc[gz.mentions["plan_id"] == "000", "place_id"])
    assert set(kept.index) == cited


def test_criteria_combine(gz):
    kept = select_places(gz, Filters(cities=("中山市",), kinds=("incubator",)))
    assert len(kept) > 0
    assert set(kept["city"]) == {"中山市"} and set(kept["kind"]) == {"incubator"}


def test_industry_term_matches_inside_longer_names(gz):
    kept = select_places(gz, Filters(industries=("生物医药",)))
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


def test_year_hides_places_dated_later_and_projects_not_under_way(gz):
    first = gz.timeline.groupby("place_id")["start_year"].min()
    year = int(first.median())
    kept = set(select_places(gz, Filters(year=year)).index)
    later = set(first.index[first > year])
    assert later and not kept & later and kept | later == set(gz.places.index)
    projects = select_projects(gz, Filters(year=2018))
    assert ((projects["start_year"] <= 2018) & (projects["end_year"] >= 2018)).all()
    assert len(projects) < len(gz.projects)


def test_every_filter_combines_and_is_described(gz):
    place = gz.places.loc["cuishanhu_hitech_zone"]
    filters = Filters(
        plans=tuple(place["plans"][:1]),
        cities=(place["city"],),
        kinds=(place["kind"],),
        statuses=(place["status"],),
        precisions=(place["precision"],),
    )
    kept = select_places(gz, filters)
    assert "cuishanhu_hitech_zone" in kept.index
    assert set(kept["kind"]) == {place["kind"]} and set(kept["status"]) == {place["status"]}
    assert filters.describe().startswith(f"plans={place['plans'][0]}; cities={place['city']}")
    assert Filters().describe() == "everything"
