"""Findings about a user's file: one code, a severity, the rows concerned and a bilingual message.

``MESSAGES`` is the one table of message templates (zh, en) for every code, kept sorted by code.
A template may use its finding's ``params`` plus two values filled in here: ``n`` (how many rows)
and ``row_list`` (the first row numbers, counted from 1 like a spreadsheet's data rows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
_ROWS_SHOWN = 5

MESSAGES: dict[str, tuple[str, str]] = {
    "ambiguous": (
        "第 {row_list} 行的地名对应多个地点（如“{name}”：{candidates}），未自动选择；"
        "请增加一列所在县/市作为参考，或改用更具体的名称。",
        "Row(s) {row_list}: the name matches several places (e.g. '{name}': {candidates}) and none "
        "was picked; add a county/city column as context or use a more specific name.",
    ),
    "duplicate": (
        "第 {row_list} 行可能与地名库已有地点重复（{places}）；"
        "如为同一地点，请删除该行或直接使用已有地点。",
        "Row(s) {row_list} may duplicate places already in the gazetteer ({places}); if they are "
        "the same place, drop the row or use the existing place.",
    ),
    "gcj02_suspected": (
        "坐标似乎是 GCJ-02（高德/腾讯等地图的加密坐标）："
        "{n_matched} 个可比对的点中有 {n_shifted} 个相对已知地点偏移约 {offset_m} 米；"
        "请点击“由 GCJ-02 转换为 WGS84”。",
        "Coordinates look like GCJ-02 (the offset datum of AMap/Tencent maps): {n_shifted} of "
        "{n_matched} comparable points are shifted about {offset_m} m from known places; click "
        "'Convert GCJ-02 to WGS84'.",
    ),
    "not_found": (
        "第 {row_list} 行的地名未能在离线地名库中找到（如“{name}”）；"
        "请检查写法，或直接填写经纬度。",
        "Row(s) {row_list}: the name was not found in the offline gazetteer (e.g. '{name}'); check "
        "the spelling or give longitude/latitude instead.",
    ),
    "online_unavailable": (
        "在线地理编码不可用（{reason}）；已只使用离线地名库。"
        "请安装 geopy 并连接网络后重试，或改填经纬度。",
        "Online geocoding is unavailable ({reason}); only the offline gazetteer was used. Install "
        "geopy and connect to the network to retry, or give longitude/latitude instead.",
    ),
    "out_of_range": (
        "第 {row_list} 行坐标超出有效范围（经度 -180～180、纬度 -90～90，或不在中国范围内）；"
        "请检查经纬度列、单位（应为十进制度）和坐标系。",
        "Row(s) {row_list}: coordinates are out of range (longitude -180..180, latitude -90..90, "
        "or outside China); check the lon/lat columns, the unit (decimal degrees) and the CRS.",
    ),
    "outside_region": (
        "第 {row_list} 行位于广东省（大湾区与清远）范围之外；请确认坐标是否正确。",
        "Row(s) {row_list} lie outside Guangdong (the Greater Bay Area and Qingyuan); check that "
        "the coordinates are right.",
    ),
    "repaired": (
        "第 {row_list} 行的几何无效（如自相交的多边形），已用 make_valid 自动修复；"
        "请核对这些要素的形状。",
        "Row(s) {row_list} had invalid geometries (e.g. self-intersecting polygons), repaired with "
        "make_valid; check the shapes of these features.",
    ),
    "swapped": (
        "第 {row_list} 行的经度和纬度似乎写反了；请点击“交换经纬度”，或在文件中对调这两列。",
        "Row(s) {row_list}: longitude and latitude seem to be swapped; click 'Swap lon/lat' or "
        "exchange the two columns in the file.",
    ),
}


def _row_list(rows: tuple[int, ...]) -> str:
    shown = ", ".join(str(row + 1) for row in rows[:_ROWS_SHOWN])
    return shown + (" …" if len(rows) > _ROWS_SHOWN else "")


@dataclass(frozen=True)
class Finding:
    """One thing found in a user's file.

    Parameters
    ----------
    code : str
        Key of ``MESSAGES`` (e.g. ``"swapped"``).
    severity : str
        ``"error"``, ``"warning"`` or ``"info"``.
    rows : tuple of int
        0-based row positions in the layer the finding is about (may be empty).
    params : mapping
        Values for the message template.
    """

    code: str
    severity: str
    rows: tuple[int, ...] = ()
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise ValueError(f"unknown finding code {self.code!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def message(self, lang: str) -> str:
        """Short sentence in ``lang`` (``"zh"`` or ``"en"``): what is wrong and how to fix it."""
        zh, en = MESSAGES[self.code]
        template = zh if lang == "zh" else en
        return template.format(**self.params, n=len(self.rows), row_list=_row_list(self.rows))
