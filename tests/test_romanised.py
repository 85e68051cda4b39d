"""Romanised town names (geo/romanised.py): which Latin forms name one town in its county."""

from geo.geocode import area_polygon, town_seat
from geo.romanised import names_romanised, unique_romanisations


def forms(city: str, county: str, town: str) -> frozenset[str]:
    polygon = area_polygon(city, county)
    return unique_romanisations(town_seat(town, polygon), town, polygon)


def test_pinyin_and_the_geonames_name_both_name_the_town():
    # 横陂镇: pypinyin reads héng bēi, GeoNames 1808435 spells it “Hengpi”
    assert forms("江门市", "恩平市", "横陂镇") == {"hengbei", "hengpi"}
    assert forms("广州市", "番禺区", "小谷围街道") == {"xiaoguwei"}


def test_the_county_name_a_seat_record_carries_is_not_the_towns():
    # GeoNames names the 台城 seat “Taishan” (its county); 大良's record carries 顺德区
    assert forms("江门市", "台山市", "台城街道") == {"taicheng"}
    assert forms("佛山市", "顺德区", "大良街道") == {"daliang"}


def test_a_form_two_seats_of_the_county_share_is_refused():
    # 汕尾 城区: 田墘 (Tianqian) and 田乾街道 (pinyin tianqian, GeoNames “Tiangan”)
    assert forms("汕尾市", "城区", "田乾街道") == {"tiangan"}
    # 英德: two GeoNames records carry 英城, so “Yingcheng” names neither
    assert forms("清远市", "英德市", "英城街道") == frozenset()


def test_whole_words_any_case_spacing_and_suffix():
    hengbei = frozenset({"hengbei"})
    for text in ("the Hengbei Town of Enping", "HENG BEI zhen", "Hengbei-Town", "Héngbēi"):
        assert names_romanised(hengbei, text), text
    for text in ("Shengbei Town", "Hengbeixi Village", "横陂镇", ""):
        assert not names_romanised(hengbei, text), text
    assert not names_romanised(frozenset(), "Hengbei Town")
