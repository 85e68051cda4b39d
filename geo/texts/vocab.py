"""Names of the vocabularies' values in 中文 and English. The ids themselves live in
:mod:`geo.schema` (place kinds, precisions, statuses, tiers, link kinds), the layer
registry and the basemap table; a test checks that every id has its texts."""

from __future__ import annotations

from dataclasses import dataclass

from geo.texts.base import Text


@dataclass(frozen=True)
class Precision:
    """A precision class: its short name and what a point of that class stands for."""

    name: Text
    meaning: Text


KINDS: dict[str, Text] = {
    "hitech_zone": Text("高新区", "High-tech zone"),
    "industrial_park": Text("产业园区", "Industrial park"),
    "economic_zone": Text("经济区", "Economic zone"),
    "new_town": Text("新城新区", "New town / new area"),
    "science_city": Text("科学城", "Science city"),
    "lab_facility": Text("实验室与大科学装置", "Lab / big-science facility"),
    "research_institute": Text("研发机构", "R&D institute"),
    "university": Text("高校", "University / college"),
    "incubator": Text("孵化载体", "Incubator / maker space"),
    "agri_park": Text("农业科技园区", "Agricultural park"),
    "industrial_cluster": Text("产业集群与基地", "Industrial cluster / base"),
    "logistics_hub": Text("物流枢纽", "Logistics hub"),
    "energy_site": Text("能源设施", "Energy site"),
    "cooperation_zone": Text("合作区", "Cooperation zone"),
    "town": Text("镇街", "Town"),
    "culture_science_site": Text("科普与文化载体", "Science-culture site"),
    "hospital": Text("医院", "Hospital"),
    "company": Text("企业", "Company"),
    "project": Text("项目", "Project"),
}
"""Place kind -> name."""

PRECISIONS: dict[str, Precision] = {
    "site": Precision(
        Text("设施点位", "Site"),
        Text("设施本身，误差约 1 公里以内", "the facility itself, within about 1 km"),
    ),
    "locality": Precision(
        Text("园区范围", "Locality"),
        Text(
            "园区或片区范围内，误差约 3 公里以内",
            "the park or zone area, within about 3 km",
        ),
    ),
    "town": Precision(
        Text("镇街驻地", "Town seat"),
        Text("所在镇街的驻地", "seat of the town or subdistrict it is in"),
    ),
    "county": Precision(
        Text("县区", "County"),
        Text("所在县区内的代表点", "a point inside the county-level unit it is in"),
    ),
    "city": Precision(
        Text("地市", "City"),
        Text("所在地市内的代表点", "a point inside the prefecture-level city it is in"),
    ),
}
"""Precision class -> name and meaning, finest first."""

STATUSES: dict[str, Text] = {
    "existing": Text("已建", "Existing"),
    "planned": Text("规划", "Planned"),
    "under_construction": Text("在建", "Under construction"),
    "unknown": Text("未说明", "Not stated"),
    "milestone": Text("目标节点", "Milestone"),
    "project": Text("重大项目", "Major project"),
}
"""Status of a place, a timeline phase or a project -> name."""

TIERS: dict[str, Text] = {
    "national": Text("国家级", "National"),
    "provincial": Text("省级", "Provincial"),
    "municipal": Text("市级", "Municipal"),
    "county": Text("县级", "County"),
    "enterprise": Text("企业", "Enterprise"),
    "": Text("未说明", "Not stated"),
}
"""Tier -> name."""

LINK_KINDS: dict[str, Text] = {
    "innovation_corridor": Text("科技创新走廊", "Innovation corridor"),
    "rd_transfer": Text("研发—转化", "R&D → transfer"),
    "cooperation": Text("合作", "Cooperation"),
    "industrial_relocation": Text("产业转移", "Industrial relocation"),
    "platform_tie": Text("平台联动", "Platform tie"),
    "transport": Text("交通联系", "Transport link"),
}
"""Link kind -> name."""

GROUPS: dict[str, Text] = {
    "platforms": Text("创新平台", "Innovation platforms"),
    "science": Text("科学与研发", "Science & R&D"),
    "incubation": Text("孵化载体", "Incubation"),
    "industry": Text("产业载体", "Industry"),
    "strategy": Text("空间战略", "Strategy"),
    "context": Text("行政区划", "Context"),
}
"""Layer group -> title."""

LAYERS: dict[str, Text] = {
    "platforms": Text(
        "创新平台（高新区、新区、科学城、合作区）",
        "Innovation platforms (hi-tech zones, new towns, science cities, cooperation zones)",
    ),
    "labs": Text("实验室与大科学装置", "Labs & big-science facilities"),
    "institutes": Text("研发机构", "R&D institutes"),
    "universities": Text("高校", "Universities & colleges"),
    "incubation": Text("孵化载体", "Incubators & maker spaces"),
    "industry": Text(
        "产业载体（园区、集群、农业、物流、能源）",
        "Industry (parks, clusters, agri parks, logistics, energy)",
    ),
    "projects": Text("重大项目（按投资额）", "Major projects (by investment)"),
    "structures": Text("空间战略（范围）", "Spatial strategies (extent)"),
    "corridors": Text("科技创新走廊与研发转化", "Innovation corridors & R&D transfer"),
    "ties": Text("合作与联动", "Cooperation & platform ties"),
    "zones": Text("片区范围（示意）", "Zone extents (schematic)"),
    "towns": Text("镇街（规划点名）", "Towns named by the plans"),
    "counties": Text("县区界线", "County boundaries"),
}
"""Map layer id -> title."""

EXPORT_LAYERS: dict[str, Text] = {
    "places": Text("地点", "Places"),
    "links": Text("走廊与联系", "Corridors and links"),
    "structures": Text("空间战略", "Spatial strategies"),
    "zones": Text("片区（示意范围）", "Zones (schematic extents)"),
    "projects": Text("重大项目", "Major projects"),
    "boundaries": Text("行政区划", "Administrative boundaries"),
    "indicators": Text("规划指标", "Plan targets"),
}
"""Export layer (:data:`geo.layers_out.LAYERS`) -> title, for file metadata and KML folders."""

AREA_LEVELS: dict[str, Text] = {
    "province": Text("省", "Province"),
    "city": Text("地级市", "City"),
    "county": Text("县区", "County"),
}
"""Level of an administrative area -> name."""

FACT_LABELS: dict[str, Text] = {
    "kind": Text("类型", "Kind"),
    "precision": Text("定位精度", "Precision"),
    "location": Text("位置", "Location"),
    "location_source": Text("位置来源", "Location source"),
    "plan": Text("规划", "Plan"),
    "quote": Text("规划原文", "Plan text"),
    "industries": Text("产业方向", "Industries"),
    "description": Text("说明", "Note"),
    "member_towns": Text("组成镇街", "Member towns"),
    "extent": Text("范围", "Extent"),
    "local": Text("同点联系", "Local link"),
    "years": Text("建设年限", "Years"),
    "investment": Text("总投资（亿元）", "Investment (CNY 100 m)"),
    "area_mu": Text("占地面积（亩）", "Land area (mu)"),
    "content": Text("建设内容", "Content"),
    "level": Text("级别", "Level"),
    "adcode": Text("行政区划代码", "Admin code"),
    "geometry_issue": Text("几何问题", "Geometry issue"),
}
"""Labels of the facts that describe an exported feature (KML placemark descriptions)."""

BASEMAPS: dict[str, Text] = {
    "vector": Text("离线矢量底图", "Offline vector base"),
    "osm": Text("OpenStreetMap", "OpenStreetMap"),
    "positron": Text("CartoDB Positron", "CartoDB Positron"),
    "esri_imagery": Text("Esri 影像", "Esri imagery"),
    "tianditu_vec_zh": Text("天地图矢量（中文注记）", "Tianditu vector (Chinese labels)"),
    "tianditu_vec_en": Text("天地图矢量（英文注记）", "Tianditu vector (English labels)"),
    "tianditu_img_zh": Text("天地图影像（中文注记）", "Tianditu imagery (Chinese labels)"),
    "gaode": Text("高德地图（GCJ-02）", "AMap / Gaode (GCJ-02)"),
}
"""Basemap id -> title."""

LABEL_MODES: dict[str, Text] = {
    "auto": Text("随界面", "As interface"),
    "off": Text("不显示", "Off"),
    "zh": Text("中文", "Chinese"),
    "en": Text("英文", "English"),
    "both": Text("中英文", "Both"),
}
"""Name-label mode -> name."""

LANGUAGE_NAMES: dict[str, str] = {"zh": "中文", "en": "English"}
"""Each interface language in its own script (the language switch shows both)."""
