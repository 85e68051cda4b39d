"""Where the headline places are, pinned from the plans and the published sources they cite
(issue 12), and the derivations the data rests on: points recomputed from their sources,
seats instead of interior points, schematic zone extents, structure extents in the region.

The expected coordinates below are typed from the sources (Wikipedia infoboxes, GeoNames
records), not produced by the code under test.
"""

from __future__ import annotations

import math

import pytest
from shapely.geometry import Point

from geo.locate import located
from geo.tables import DEFAULT_DATA_DIR, read_table

KM_PER_DEGREE = 111.2

HEADLINE = [
    # place_id, precision, (lon, lat) from the source, tolerance km, where the value comes from
    ("jiangmen_neutrino_lab", "site", (112.51867, 22.11827), 0.05, "Wikipedia: JUNO 22.11827 N"),
    ("taishan_nuclear_plant", "site", (112.98194, 21.91778), 0.05, "Wikipedia: 21°55′4″N"),
    ("taishan_power_plant", "site", (112.92333, 21.86444), 0.05, "Wikipedia: 国华台山发电厂"),
    ("university_of_hong_kong", "site", (114.137778, 22.284167), 0.05, "Wikipedia: HKU"),
    ("hkust", "site", (114.263, 22.3375), 0.05, "Wikipedia: HKUST"),
    ("beijing_institute_of_technology", "site", (116.308333, 39.957778), 0.05, "Wikipedia: BIT"),
    ("wuhan_university", "site", (114.36111, 30.54083), 0.05, "Wikipedia: 30°32′27″N"),
    ("chinese_academy_of_sciences", "site", (116.335278, 39.910556), 0.05, "de.wikipedia: CAS"),
    # 华南理工 “五山校區天河區五山街道五山路381號” (Wikiwand); 五山街道 = GeoNames 8333966
    ("south_china_university_of_technology", "town", (113.34684, 23.15888), 0.05, "五山街道"),
    # 003: 中山科学城 “位于南区、大涌镇和板芙镇”; 南区 = former 环城 (GeoNames 8540822)
    ("zhongshan_science_city", "town", (113.37255, 22.47229), 0.05, "GeoNames 环城街道"),
    ("zhongshan_photon_science_center", "town", (113.37255, 22.47229), 0.05, "003: 在南区"),
    # 中山科技创新园 (在南区) “分为三个区域…光子科学中心综合区、氢能氦能科学园区…”
    ("hydrogen_science_park", "town", (113.37255, 22.47229), 0.05, "中山日报: 园区之一"),
    # “澳门科技大学选址板芙” (香山大学, 中山日报 2020); 板芙镇 GeoNames 1913131
    ("must_zhongshan", "town", (113.31825, 22.40972), 0.05, "中山日报: 选址板芙"),
    # 火炬开发区 “又称中山港街道” (GeoNames 6919874); 翠亨新区 “统筹南朗” (GeoNames 1799932)
    ("zhongshan_torch_zone", "town", (113.48699, 22.5646), 0.05, "GeoNames 中山港街道"),
    ("cuiheng_new_area", "town", (113.53736, 22.49171), 0.05, "GeoNames 南朗"),
    ("zhongshan_southern_new_city", "town", (113.46692, 22.25503), 0.05, "GeoNames 坦洲镇"),
    # 广清产业园 “位于清远市清城区石角镇” (GeoNames 1795301, not 佛冈's 石角镇)
    ("guangqing_qingcheng_industrial_park", "town", (112.96994, 23.55196), 0.05, "GeoNames"),
    # 广海湾 park “涉及赤溪镇和广海镇”, represented by 广海 (GeoNames 1809922)
    ("guanghaiwan_economic_zone", "town", (112.79307, 21.96164), 0.05, "GeoNames 广海镇"),
    # 广清经济特别合作区 = “三园一城”, represented by the same 石角 (广清产业园)
    ("guangqing_special_cooperation_zone", "town", (112.96994, 23.55196), 0.05, "GeoNames"),
    # 台山工业新城 “涵盖台城、水步、大江等片区”, represented by 水步 (GeoNames 1794518)
    ("taishan_industrial_new_town", "town", (112.80176, 22.33523), 0.05, "GeoNames 水步镇"),
    ("jiangmen_talent_island", "town", (113.11016, 22.63285), 0.05, "潮连 = 江门人才岛"),
    # 江门北站 “位於鶴山市珠西國際物流中心”, which lies at 沙坪/龙口/桃源 (GeoNames 1795842 沙坪)
    ("zhuxi_logistics_hub_jiangmen_north", "town", (112.95776, 22.77019), 0.05, "江门北站"),
    # 广州发展's 台山 asset: “位于臺山市汶村鎮九崗村…廣州發展臺山500MW漁業光伏產業園”
    # (江门日报 reprint); 汶村镇 = GeoNames 1791527 “Wencun” 21.86269 N 112.49511 E
    ("gzdev_new_energy_taishan", "town", (112.49511, 21.86269), 0.05, "GeoNames 汶村镇"),
    # 侨梦苑 “以江门高新区为核心区建设”; 江门高新区 is in 外海街道 (GeoNames 1792241 “Waihai”)
    ("qiaomengyuan", "town", (113.1465, 22.59683), 0.05, "GeoNames 外海街道"),
    # 江门高新区 “拥有16个国家级平台,包括…珠三角(江门)国家自主创新示范区…” (bkwk.cn)
    ("prd_jiangmen_niidz", "town", (113.1465, 22.59683), 0.05, "GeoNames 外海街道"),
    # “江门北街医院,又称江门市中心医院” (bkwk.cn); 北街 = GeoNames 1816673 “Beijie”
    ("jiangmen_central_hospital", "town", (113.10118, 22.60944), 0.05, "GeoNames 北街街道"),
    # 崖门镇 article: 大广海湾经济区 covers “三江双水古井崖门4镇”; seat 崖门 (GeoNames 1807554)
    ("dagwanghai_bay_economic_zone", "town", (113.04848, 22.29936), 0.05, "GeoNames 崖门镇"),
    # 江门示范产业园 (= 江门产业转移工业园 since 2019): “整合鄰近月山、水口、沙塘、蒼城
    # 4個工業集中區”; 月山镇 = GeoNames 1913635
    ("jiangmen_transfer_park", "town", (112.72785, 22.47817), 0.05, "GeoNames 月山镇"),
    # 中山西部产业园 (3+4): “横栏镇作为‘西部产业平台’的重要组成部分” (zs.gov.cn 横栏镇, 2021);
    # 横栏镇 = GeoNames 1808462 “Henglan” 22.53372 N 113.24846 E
    ("zhongshan_western_industrial_park", "town", (113.24846, 22.53372), 0.05, "横栏镇"),
    # Wikipedia “Guangdong Pharmaceutical University”: 22°28′36″N 113°24′45″E, a point in
    # 中山 (五桂山), not at the Guangzhou headquarters: the university's 中山校区
    ("gdpu_zhongshan_campus", "site", (113.4125, 22.4767), 0.05, "Wikipedia: GDPU"),
    # 南沙(新)區 “政府駐地黃閣鎮” (zh.wikipedia); 黄阁镇 = GeoNames 1807492 “Huangge”
    ("nansha_area", "town", (113.50629, 22.82852), 0.05, "GeoNames 黄阁镇"),
    # 开平发布: “全国博士后创新(江门)示范中心开平分中心在赤坎镇举行揭牌仪式”;
    # 赤坎镇 = GeoNames 1814996 “Chikan” 22.3229 N 112.58156 E
    ("postdoc_innovation_jiangmen_demo_center_kaiping", "town", (112.58156, 22.3229), 0.05, "赤坎"),
    # 江门日报 (English): the 台山 Overseas Chinese centre is “located on the 11th floor of
    # Qingchuang Zhigu, Daguang Bay, Shunde Road, Taicheng Street”; 台城 = GeoNames 1793700
    ("daguanghaiwan_youth_innovation_valley", "town", (112.7799, 22.25135), 0.05, "台城"),
    ("overseas_chinese_innovation_center_taishan", "town", (112.7799, 22.25135), 0.05, "台城"),
    # 南方日报 2024: “江海区聚力科技创新…粤湾云谷获评国家级科技企业孵化器”; only the district
    # is given: 江海区 = GeoNames 6645603 22.57518 N 113.11904 E, off the 江门 city seat
    ("yuewan_yungu", "county", (113.11904, 22.57518), 0.05, "GeoNames 江海区"),
]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dx = (a[0] - b[0]) * KM_PER_DEGREE * math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot(dx, (a[1] - b[1]) * KM_PER_DEGREE)


@pytest.mark.parametrize(("place_id", "precision", "expected", "tolerance", "source"), HEADLINE)
def test_headline_place_is_where_its_source_says(
    gz, place_id, precision, expected, tolerance, source
):
    place = gz.places.loc[place_id]
    assert place.precision == precision, source
    assert km((place.lon, place.lat), expected) <= tolerance, source


def test_headline_places_are_off_the_seats_they_used_to_sit_on(gz):
    # before issue 12 these three sat on the 中山 city seat, the 台城 seat and the 江门 seat
    city = gz.areas.loc["city_zhongshan", "anchor"]
    science_city = gz.places.loc["zhongshan_science_city"]
    assert km((science_city.lon, science_city.lat), (city.x, city.y)) > 4
    taishan = gz.areas.loc["county_taishan", "anchor"]
    npp = gz.places.loc["taishan_nuclear_plant"]
    assert km((npp.lon, npp.lat), (taishan.x, taishan.y)) > 30


def test_science_city_is_a_zone_of_the_three_towns_the_plan_names(gz):
    zone = gz.zones.set_index("place_id").loc["zhongshan_science_city"]
    assert set(zone.member_towns) == {"南区街道", "大涌镇", "板芙镇"}
    assert zone.geometry_derived and "schematic" in zone.extent_method
    for seat in [(113.37255, 22.47229), (113.28488, 22.47061), (113.31825, 22.40972)]:
        assert zone.geometry.covers(Point(seat))  # 环城 (南区), 大涌, 板芙 seats (GeoNames)
    assert not zone.geometry.covers(Point(113.48699, 22.5646))  # 中山港 is not a member
    area_km2 = zone.geometry.area * KM_PER_DEGREE**2 * math.cos(math.radians(22.45))
    assert 50 < area_km2 < 600


SOUTHEAST_CORE_IN_GUANGHAI_BAY = {
    "jiangmen_lingang_park_taishan",
    "taishan_green_petrochemical_park",
    "taishan_lingang_logistics_hub",
    "taishan_lingang_blue_economy_belt",
    "taishan_lingang_modern_agri_demo_zone",
    "taishan_lng_terminal",
    "doshine_precursor_project",
    "cchp_project_taishan",
    "cgn_energy_storage_taishan",
}


def test_guanghai_bay_zone_and_the_southeast_core_leave_the_taishan_seat(gz):
    zone = gz.zones.set_index("place_id").loc["guanghaiwan_economic_zone"]
    assert set(zone.member_towns) == {"广海镇", "赤溪镇"}
    assert zone.geometry.covers(Point(112.8923, 21.9687))  # 赤溪 seat (GeoNames 8358379)
    taishan = (112.7799, 22.25135)  # 台城, the 台山 seat (GeoNames 1793700)
    assert not zone.geometry.covers(Point(taishan))
    # 002 (二)打造东南部创新核心: 广海湾 carries the 临港 park, its four targets and the
    # major projects; every other member of the core has its own town or site (广州发展's
    # fishery-PV park in 汶村, the power plants and wind farm on the coast and islands)
    core = set(gz.structures.loc["taishan_southeast_innovation_core_002", "members"])
    for place_id in SOUTHEAST_CORE_IN_GUANGHAI_BAY | core:
        assert gz.places.loc[place_id, "precision"] in {"site", "locality", "town"}, place_id
        place = gz.places.loc[place_id]
        assert km((place.lon, place.lat), taishan) > 25, place_id


def test_dagwanghai_bay_is_a_coastal_zone_of_four_xinhui_towns_not_downtown(gz):
    zone = gz.zones.set_index("place_id").loc["dagwanghai_bay_economic_zone"]
    assert set(zone.member_towns) == {
        "新会区/崖门镇",
        "新会区/三江镇",
        "新会区/双水镇",
        "新会区/古井镇",
    }
    # GeoNames seats of 崖门, 三江, 双水 and 古井
    for seat in [
        (113.04848, 22.29936),
        (113.10314, 22.43455),
        (112.99445, 22.43501),
        (113.1086, 22.35498),
    ]:
        assert zone.geometry.covers(Point(seat))
    assert not zone.geometry.covers(Point(113.08333, 22.58333))  # the 江门 city seat
    place = gz.places.loc["dagwanghai_bay_economic_zone"]
    assert km((place.lon, place.lat), (113.08333, 22.58333)) > 25


def test_cooperation_zone_spans_the_towns_of_its_four_parks_in_three_counties(gz):
    zone = gz.zones.set_index("place_id").loc["guangqing_special_cooperation_zone"]
    assert zone.member_towns == ["石角镇", "源潭镇", "佛冈县/汤塘镇", "英德市/英红镇"]
    # GeoNames seats of 清城 石角, 源潭, 佛冈 汤塘 and 英德 英红
    for seat in [(112.9699, 23.552), (113.1983, 23.6675), (113.4673, 23.7431), (113.4072, 24.2991)]:
        assert zone.geometry.covers(Point(seat)), seat
    assert not zone.geometry.covers(Point(113.5284, 23.8695))  # 佛冈's own 石角 is not a member


def test_every_zone_extent_is_a_valid_polygon_inside_its_city(gz):
    for zone in gz.zones.itertuples():
        assert zone.geometry.is_valid and zone.geometry.geom_type == "MultiPolygon"
        city = gz.areas[(gz.areas["level"] == "city") & (gz.areas["name_zh"] == zone.city)]
        # extents are snapped to a 1e-7° grid, so they may poke out by that much
        assert city.geometry.iloc[0].buffer(1e-6).covers(zone.geometry), zone.place_id
        # a member may carry its county (新会区/崖门镇) when the place has none of its own
        member_towns = {member.split("/")[-1] for member in zone.member_towns}
        assert gz.places.loc[zone.place_id, "town"] in member_towns


def test_structure_extents_use_only_members_in_the_region(gz):
    # “1+N”: 工研院 in 中山 with universities in Beijing and Wuhan (outside) and Guangzhou
    extent = gz.structures.loc["zhongshan_1plusN_platform_003"].geometry
    assert extent.bounds[3] < 23.5  # no longer stretched to Beijing at 40° N


def test_county_points_are_seats_of_government(gz):
    xinhui = gz.areas.loc["county_xinhui"]
    assert "会城街道" in xinhui.anchor_source and "seats.csv" in xinhui.anchor_source
    assert km((xinhui.anchor.x, xinhui.anchor.y), (113.02985, 22.52625)) < 0.05
    pengjiang = gz.areas.loc["county_pengjiang"]
    assert km((pengjiang.anchor.x, pengjiang.anchor.y), (113.0666, 22.59357)) < 0.05
    zhongshan = gz.areas.loc["city_zhongshan"]  # 市人民政府驻东区街道
    assert km((zhongshan.anchor.x, zhongshan.anchor.y), (113.40426, 22.51694)) < 0.05
    yuexiu = gz.areas.loc["county_yuexiu"]  # zh.wikipedia: “(越秀区人民政府)” 23.1287083 N
    assert km((yuexiu.anchor.x, yuexiu.anchor.y), (113.2668306, 23.1287083)) < 0.05
    haizhu = gz.areas.loc["county_haizhu"]  # 政府驻地广州大道南999号 “(海珠区人民政府)”
    assert km((haizhu.anchor.x, haizhu.anchor.y), (113.3173139, 23.0839889)) < 0.05
    baiyun = gz.areas.loc["county_baiyun"]  # en.wikipedia: “(Baiyun District government)”
    assert km((baiyun.anchor.x, baiyun.anchor.y), (113.2732, 23.1574)) < 0.05
    beijing = gz.areas.loc["city_beijing"]  # GeoNames Beijing, not an outline interior point
    assert km((beijing.anchor.x, beijing.anchor.y), (116.39723, 39.9075)) < 0.05


UNSEATED = {
    # districts used by the data whose seat neither GeoNames nor a published source gave us:
    # their places sit on an interior point of the district outline until a seat is found
    # (福田: the pages found print the district's coordinates without saying they are the
    # government's; 天河 is no longer used since 华南理工 sits in 五山街道)
    "county_futian",
}


def test_areas_in_use_are_anchored_on_seats(gz):
    # an area's anchor is drawn as a link end and as the point of county/city places;
    # structures use the area's outline, not its anchor
    used = set(gz.links["from_id"]) | set(gz.links["to_id"])
    used |= {ref for via in gz.links["via"] for ref in via}
    coarse = gz.places[gz.places["precision"].isin(["county", "city"])]
    areas = gz.areas.set_index(["level", "name_zh"])
    for row in coarse.itertuples():
        if row.county:
            matches = gz.areas[
                (gz.areas["level"] == "county") & (gz.areas["name_zh"] == row.county)
            ]
            used |= set(matches["area_id"])
        else:
            used.add(areas.loc[("city", row.city), "area_id"])
    interior = {
        area_id
        for area_id in used & set(gz.areas.index)
        if gz.areas.at[area_id, "anchor_source"].startswith("interior point")
    }
    assert interior == UNSEATED


def test_points_are_recomputed_from_their_sources():
    """places.csv holds exactly what scripts/locate_places.py computes from each row's
    address, seats.csv, GeoNames and published coordinates: no typed seat coordinate."""
    places = read_table(DEFAULT_DATA_DIR / "places.csv")
    again = located(places)
    columns = ["place_id", "lon", "lat", "precision", "geocode_source"]
    differ = again[columns][(again[columns] != places[columns]).any(axis=1)]
    assert differ.empty, differ.head().to_dict("records")


def test_typed_coordinates_only_as_site_or_locality(gz):
    typed = gz.places[gz.places["source_lon"] != ""]
    assert len(typed) >= 10
    assert set(typed["precision"]) <= {"site", "locality"}
    assert typed["location_source"].str.contains(r"\| https?://", regex=True).all()


def test_local_links_have_a_reason_and_no_line(gz):
    local = gz.links[gz.links["local"]]
    assert len(local) > 0 and local.geometry.isna().all()
    assert local["local_reason"].str.contains("one point").all()
    laser = gz.links.loc["zhongshan_photon_20pw_laser_in_center_003"]
    assert laser.local  # the laser and its science centre share the 南区 seat
    juno = gz.links[gz.links["link_id"].str.startswith("neutrino_into_")]
    assert set(juno["to_id"]) == {"city_guangzhou", "city_zhuhai"}  # two links, no detour
    assert all(len(v) == 0 for v in juno["via"])
