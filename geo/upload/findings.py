"""Findings about a user's file: one code, a severity, the rows concerned and a bilingual message.

``MESSAGES`` is the one table of message templates for every code, kept sorted by code, as
:class:`geo.texts.Text` (this package's part of the text catalogue).
A template may use its finding's ``params`` plus two values filled in here: ``n`` (how many rows)
and ``row_list`` (the first row numbers, counted from 1 like a spreadsheet's data rows).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from geo.texts import Text

SEVERITIES = ("error", "warning", "info")
_ROWS_SHOWN = 5
_SHOWN_CHARS = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
BIDI_CONTROLS = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Invisible characters that change the direction of the text after them (a name ending in
``\u202ecod.exe`` shows as ``exe.doc``)."""

_TEMPLATES: dict[str, tuple[str, str]] = {
    "ambiguous": (
        "第 {row_list} 行的地名对应多个地点（如“{name}”：{candidates}），未自动选择；"
        "请增加一列所在县/市作为参考，或改用更具体的名称。",
        "Row(s) {row_list}: the name matches several places (e.g. '{name}': {candidates}) and none "
        "was picked; add a county/city column as context or use a more specific name.",
    ),
    "bad_csv": (
        "无法按表格（CSV）读取：第 {line} 行格式有误（引号未闭合、字段过长或含空字符）；请用 Ex"
        "cel/WPS 另存为 CSV 后重试。",
        "Cannot read the file as CSV: line {line} is malformed (an open quote, a field too "
        "long or a NUL character); save it again as CSV from Excel/WPS and retry.",
    ),
    "bad_geojson": (
        "GeoJSON 结构有误：{problem}；请用 GIS 软件重新导出 GeoJSON。",
        "The GeoJSON is not well formed: {problem}; export it again from your GIS software.",
    ),
    "bad_json": (
        "不是有效的 JSON（第 {line} 行第 {column} 列；NaN/Infinity 也不允许）；请用 GIS 软件重"
        "新导出 GeoJSON。",
        "This is not valid JSON (line {line}, column {column}; NaN/Infinity are not allowed "
        "either); export the GeoJSON again from your GIS software.",
    ),
    "bad_kml": (
        "KML 无法解析（第 {line} 行附近）；请用 Google Earth 或 GIS 软件重新导出 KML。",
        "The KML cannot be parsed (near line {line}); export it again from Google Earth or "
        "your GIS software.",
    ),
    "bad_xlsx": (
        "无法读取 Excel 文件（已损坏或不是 .xlsx）；请在 Excel/WPS 中打开并另存为 .xlsx 或 CSV。",
        "The Excel file cannot be read (damaged or not .xlsx); open it in Excel/WPS and save "
        "it again as .xlsx or CSV.",
    ),
    "bad_zip": (
        "压缩包已损坏或不是 zip；请重新压缩后上传。",
        "The archive is damaged or not a zip file; zip the files again and upload that.",
    ),
    "bidi_controls": (
        "第 {row_list} 行（共 {n} 行）含有改变文字方向的不可见字符（如 U+202E），可用来伪装名称；"
        "地图、图例和卡片中已去掉这些字符显示，下载文件中保留原值。",
        "Row(s) {row_list} ({n} in all) contain invisible characters that change the text "
        "direction (such as U+202E), which can disguise a name; the map, legend and card show "
        "the text without them, downloads keep the raw value.",
    ),
    "budget_memory": (
        "读取该文件所需内存超过服务器允许的 {limit_mb} MB，已停止读取；请拆分文件或只保留需要的要素"
        "和列。",
        "Reading this file needs more than the {limit_mb} MB of memory the server allows, so "
        "it was stopped; split the file or keep only the features and columns you need.",
    ),
    "budget_time": (
        "读取该文件超过了服务器允许的 {limit_s} 秒，已停止读取；请拆分文件、只保留需要的要素，或"
        "在 GIS 软件中另存为普通图层后重试。",
        "Reading this file took longer than the {limit_s} s the server allows, so it was "
        "stopped; split the file, keep only the features you need, or save it as a plain layer "
        "from your GIS software and retry.",
    ),
    "cannot_read": (
        "无法读取 {format} 文件（文件损坏或格式不符）；请用 GIS 软件重新导出后上传。",
        "The {format} file cannot be read (damaged or not that format); export it again from "
        "your GIS software.",
    ),
    "collection_flattened": (
        "第 {row_list} 行（共 {n} 行）的几何集合中嵌套了几何集合，已展开为一层；形状不变。",
        "Row(s) {row_list} ({n} in all) hold geometry collections nested in collections; they "
        "were flattened to one level, the shapes are unchanged.",
    ),
    "column_renamed": (
        "列名为空、重复或为保留字（geometry、fid、wkt 等），已改名：{renames}；如需原名，请在文"
        "件中修改列名。",
        "Column names that were empty, repeated or reserved (geometry, fid, wkt …) were renamed"
        ": {renames}; rename them in the file if you need other names.",
    ),
    "coords_from_columns": (
        "点位取自“{lon}”（经度）和“{lat}”（纬度）两列。",
        "Points were built from the columns '{lon}' (longitude) and '{lat}' (latitude).",
    ),
    "coords_missing": (
        "第 {row_list} 行（共 {n} 行）的经纬度为空或不是数字，这些行已保留但没有位置；请补填经"
        "纬度。",
        "Row(s) {row_list} ({n} in all) have empty or non-numeric lon/lat; they are kept "
        "without a location. Fill in the coordinates.",
    ),
    "crs_assumed": (
        "文件未说明坐标系，按 WGS84 经纬度（EPSG:4326）读取；如不是，请指定坐标系（应用中的"
        "“坐标系”选项，或命令行 --crs EPSG:4547）。",
        "The file names no coordinate system; it was read as WGS84 lon/lat (EPSG:4326). If "
        "that is wrong, declare the CRS (the app's 'CRS' option, or --crs EPSG:4547).",
    ),
    "crs_declared": (
        "按用户指定的坐标系 {crs} 读取（文件中为：{file_crs}），已转换为 WGS84。",
        "Read in the declared coordinate system {crs} (the file said: {file_crs}) and "
        "converted to WGS84.",
    ),
    "crs_far": (
        "按坐标系 {crs} 换算后，第 {row_list} 行（共 {n} 行）远在中国范围之外；请检查坐标系是否"
        "选对。",
        "With the coordinate system {crs}, row(s) {row_list} ({n} in all) lie far outside "
        "China; check that the CRS is the right one.",
    ),
    "crs_from_file": (
        "坐标系取自文件：{crs}，已转换为 WGS84。",
        "Coordinate system taken from the file: {crs}; converted to WGS84.",
    ),
    "crs_unknown": (
        "无法识别坐标系“{crs}”；请写成 EPSG 代码，如 EPSG:4326、EPSG:4490、EPSG:4547。",
        "The coordinate system '{crs}' is not known; give an EPSG code such as EPSG:4326, "
        "EPSG:4490 or EPSG:4547.",
    ),
    "decode_failed": (
        "文字编码无法识别（不是 UTF-8，也不是 GBK/GB18030）；请另存为 UTF-8，或指定编码（应用中"
        "的“文字编码”选项，或命令行 --encoding big5）。",
        "The text encoding is not recognised (neither UTF-8 nor GBK/GB18030); save the file as "
        "UTF-8 or declare the encoding (the app's 'Text encoding' option, or --encoding big5).",
    ),
    "decode_failed_declared": (
        "文字无法按指定的编码 {encoding} 读取；请检查编码，或不指定编码让程序自动识别。",
        "The text cannot be read with the declared encoding {encoding}; check the encoding or "
        "leave it out to detect it automatically.",
    ),
    "duplicate": (
        "第 {row_list} 行可能与地名库已有地点重复（{places}）；"
        "如为同一地点，请删除该行或直接使用已有地点。",
        "Row(s) {row_list} may duplicate places already in the gazetteer ({places}); if they are "
        "the same place, drop the row or use the existing place.",
    ),
    "empty_file": (
        "文件是空的；请检查上传的文件是否正确。",
        "The file is empty; check that you picked the right file.",
    ),
    "encoding": (
        "文字编码：{encoding}（{source_zh}）。",
        "Text encoding: {encoding} ({source_en}).",
    ),
    "encoding_cpg_wrong": (
        "文字不是 .cpg 文件所说的 {cpg} 编码，已按 {encoding} 读取；如出现乱码，请指定编码（应用"
        "中的“文字编码”选项，或命令行 --encoding），并修正 .cpg 文件。",
        "The text is not in the {cpg} encoding the .cpg file names; it was read as {encoding}. "
        "If it looks garbled, declare the encoding (the app's 'Text encoding' option, or "
        "--encoding) and correct the .cpg file.",
    ),
    "encoding_guessed": (
        "文字不是 UTF-8，已按 {encoding} 读取；如出现乱码，请指定编码（应用中的“文字编码”选项，"
        "或命令行 --encoding gbk），或另存为 UTF-8。",
        "The text is not UTF-8 and was read as {encoding}; if it looks garbled, declare the "
        "encoding (the app's 'Text encoding' option, or --encoding gbk) or save it as UTF-8.",
    ),
    "encoding_unknown": (
        "不认识编码名称“{encoding}”；请使用 utf-8、gbk、gb18030 或 big5 等。",
        "The encoding name '{encoding}' is not known; use utf-8, gbk, gb18030, big5 or similar.",
    ),
    "file_unreadable": (
        "无法打开文件“{path}”；请检查路径和读取权限。",
        "Cannot open the file '{path}'; check the path and the read permission.",
    ),
    "gcj02_suspected": (
        "坐标似乎是 GCJ-02（高德/腾讯等地图的加密坐标）："
        "{n_matched} 个可比对的点中有 {n_shifted} 个相对已知地点偏移约 {offset_m} 米；"
        "请点击“由 GCJ-02 转换为 WGS84”。",
        "Coordinates look like GCJ-02 (the offset datum of AMap/Tencent maps): {n_shifted} of "
        "{n_matched} comparable points are shifted about {offset_m} m from known places; click "
        "'Convert GCJ-02 to WGS84'.",
    ),
    "geocoded": (
        "位置按“{column}”列的地名在离线地名库中查找：{ok} 行找到，{missing} 行未定位；精度见 gb"
        "a_precision。",
        "Locations were looked up by the names in column '{column}' in the offline gazetteer: "
        "{ok} row(s) found, {missing} not located; see gba_precision for how precise each is.",
    ),
    "geometry_empty": (
        "第 {row_list} 行（共 {n} 行）没有几何，已保留但不在地图上显示；请补充几何或坐标。",
        "Row(s) {row_list} ({n} in all) have no geometry; they are kept but not drawn. Add a "
        "geometry or coordinates.",
    ),
    "geometry_unreadable": (
        "第 {row_list} 行（共 {n} 行）的几何无法读取（坐标缺失、非数字或无穷大），已保留但没有"
        "位置；请修正这些坐标。",
        "Row(s) {row_list} ({n} in all) have geometries that cannot be read (missing, "
        "non-numeric or infinite coordinates); they are kept without a location. Fix those "
        "coordinates.",
    ),
    "layer_chosen": (
        "文件含多个图层/工作表（{layers}），已读取“{layer}”；如需其他图层，请指定（应用中的"
        "“图层/工作表”，或命令行 --layer）。",
        "The file holds several layers/sheets ({layers}); '{layer}' was read. Name another "
        "(the app's 'Layer/sheet' option, or --layer).",
    ),
    "layer_missing": (
        "文件中没有图层/工作表“{layer}”；可用的有：{layers}。",
        "The file has no layer/sheet '{layer}'; it has: {layers}.",
    ),
    "name_column_missing": (
        "没有名为“{column}”的列；现有列：{columns}。",
        "There is no column '{column}'; the columns are: {columns}.",
    ),
    "name_missing": (
        "第 {row_list} 行的“{column}”列为空，无法定位；请填写地名，或直接填写经纬度。",
        "Row(s) {row_list}: the '{column}' column is empty, so the row cannot be located; fill in "
        "a name or give longitude/latitude instead.",
    ),
    "no_features": (
        "文件中没有数据行或要素；请检查是否选错了文件或图层。",
        "The file has no data rows or features; check that you picked the right file or layer.",
    ),
    "no_location": (
        "找不到位置信息：没有经纬度列（lon/lng/longitude/x/经度 与 lat/latitude/y/纬度）、WKT "
        "列或名称/地址列；请改列名，或指定用于查找位置的名称列（应用中的“地名/地址列”，或命令行"
        " --name-column）。",
        "No location found: no lon/lat columns (lon/lng/longitude/x/经度 and lat/latitude/y/纬"
        "度), no WKT column and no name/address column; rename the columns or name the column t"
        "o geocode (the app's 'Name/address column' option, or --name-column).",
    ),
    "not_found": (
        "第 {row_list} 行的地名未能在离线地名库中找到（如“{name}”）；"
        "请检查写法，或直接填写经纬度。",
        "Row(s) {row_list}: the name was not found in the offline gazetteer (e.g. '{name}'); check "
        "the spelling or give longitude/latitude instead.",
    ),
    "nul_byte": (
        "文件第 {line} 行含有空字符（NUL），文本文件中不应出现，可能是二进制文件、已损坏，或是不带"
        " BOM 的 UTF-16；请在 Excel/WPS 中另存为 UTF-8 CSV 后重试。",
        "Line {line} of the file holds a NUL character, which text files never contain: the "
        "file is binary, damaged or UTF-16 without a byte-order mark; save it as UTF-8 CSV "
        "from Excel/WPS and retry.",
    ),
    "online_geocoded": (
        "已联网（OpenStreetMap Nominatim）查找 {asked} 个离线未找到的地名，找到 {found} 个；"
        "联网结果未经地名库核对，请逐一核对位置。",
        "Looked up {asked} names the offline gazetteer did not find online (OpenStreetMap "
        "Nominatim) and found {found}; online results are not checked against the gazetteer, so "
        "check each location.",
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
    "prj_unreadable": (
        "无法识别 .prj 文件中的坐标系（“{prj}”），已忽略：坐标按指定的坐标系读取，未指定时按 "
        "WGS84 经纬度（EPSG:4326）；如不对，请指定坐标系（应用中的“坐标系”选项，或命令行 "
        "--crs EPSG:4547）。",
        "The .prj file is not a coordinate system that can be read ('{prj}') and was ignored: "
        "the coordinates were read in the declared CRS, or as WGS84 lon/lat (EPSG:4326) when "
        "none was declared; if that is wrong, declare the CRS (the app's 'CRS' option, or "
        "--crs EPSG:4547).",
    ),
    "reader_failed": (
        "读取该文件时读取程序意外中止（{reason}）；请用 GIS 软件重新导出后重试。",
        "The reader stopped unexpectedly on this file ({reason}); export it again from your "
        "GIS software and retry.",
    ),
    "repaired": (
        "第 {row_list} 行的几何无效（如自相交的多边形），已用 make_valid 自动修复；"
        "请核对这些要素的形状。",
        "Row(s) {row_list} had invalid geometries (e.g. self-intersecting polygons), repaired with "
        "make_valid; check the shapes of these features.",
    ),
    "several_shapefiles": (
        "压缩包中有多个 Shapefile（{layers}）；请指定其一（应用中的“图层/工作表”，或命令行 "
        "--layer），或每个压缩包只放一个。",
        "The zip holds several shapefiles ({layers}); pick one (the app's 'Layer/sheet' option, "
        "or --layer) or put one per zip.",
    ),
    "shp_incomplete": (
        "Shapefile 缺少 {missing} 文件；请把 .shp、.shx、.dbf（以及 .prj、.cpg）一起压缩上传。",
        "The shapefile lacks its {missing} file; zip .shp, .shx and .dbf (and .prj, .cpg) "
        "together and upload that.",
    ),
    "swapped": (
        "第 {row_list} 行的经度和纬度似乎写反了；请点击“交换经纬度”，或在文件中对调这两列。",
        "Row(s) {row_list}: longitude and latitude seem to be swapped; click 'Swap lon/lat' or "
        "exchange the two columns in the file.",
    ),
    "text_invalid": (
        "列“{column}”中含有空字符（NUL）或无效的 Unicode 字符，GIS 格式无法保存；请删除这些字符后"
        "重试。",
        "The column '{column}' contains NUL or invalid Unicode characters, which GIS formats "
        "cannot store; remove them and retry.",
    ),
    "too_large": (
        "文件太大（{size_mb} MB，上限 {limit_mb} MB）；请拆分文件或只保留需要的要素。",
        "The file is too large ({size_mb} MB, limit {limit_mb} MB); split it or keep only the "
        "features you need.",
    ),
    "too_many_columns": (
        "列太多（{n_columns} 列，上限 {limit} 列）；请只保留需要的列。",
        "Too many columns ({n_columns}, limit {limit}); keep only the columns you need.",
    ),
    "too_many_features": (
        "要素太多（超过 {limit} 个）；请拆分文件或只保留需要的要素。",
        "Too many features (more than {limit}); split the file or keep only the features you need.",
    ),
    "unknown_format": (
        "不支持文件“{name}”的格式；请上传 .csv、.xlsx、.geojson/.json、.gpkg、.kml/.kmz 或压缩"
        "的 Shapefile（.zip）。",
        "The format of '{name}' is not supported; upload .csv, .xlsx, .geojson/.json, .gpkg, "
        ".kml/.kmz or a zipped shapefile (.zip).",
    ),
    "unsafe_xml": (
        "KML 中含有 DTD 或实体声明，出于安全原因拒绝读取；请用 Google Earth 或 GIS 软件重新导出。",
        "The KML declares a DTD or entities and is refused for safety; export it again from "
        "Google Earth or your GIS software.",
    ),
    "wkt_unreadable": (
        "第 {row_list} 行（共 {n} 行）的 WKT 无法解析为几何，这些行已保留但没有位置；请修正这些单元"
        "格。",
        "Row(s) {row_list} ({n} in all) hold WKT that cannot be read as a geometry; they are "
        "kept without a location. Fix those cells.",
    ),
    "xls_old": (
        "不支持旧版 Excel（.xls）；请在 Excel/WPS 中另存为 .xlsx 或 CSV。",
        "Old Excel files (.xls) are not supported; save it as .xlsx or CSV in Excel/WPS.",
    ),
    "xlsx_formulas": (
        "第 {row_list} 行（共 {n} 行）含有未保存计算结果的公式单元格（如 {cell}），已读为空值；"
        "请在 Excel/WPS 中打开并保存（会存下结果），或把公式粘贴为数值。",
        "Row(s) {row_list} ({n} in all) hold formula cells without a saved result (e.g. "
        "{cell}); they were read as empty. Open and save the file in Excel/WPS (which stores "
        "the results) or paste the formulas as values.",
    ),
    "z_dropped": (
        "高程（Z 值）已忽略，地图只使用平面坐标。",
        "Heights (Z values) were dropped; the map uses 2-D coordinates only.",
    ),
    "zip_encrypted": (
        "压缩包有密码保护；请去掉密码后重新压缩。",
        "The zip is password-protected; zip the files again without a password.",
    ),
    "zip_nested": (
        "压缩包中又含压缩包（{member}）；请解压后只压缩一层再上传。",
        "The zip contains another archive ({member}); unpack it and upload a single-level zip.",
    ),
    "zip_no_data": (
        "压缩包中没有 Shapefile（.shp）或 KML；请把 .shp、.shx、.dbf、.prj 一起压缩上传。",
        "The zip holds no shapefile (.shp) or KML; zip .shp, .shx, .dbf and .prj together and "
        "upload that.",
    ),
    "zip_too_big": (
        "压缩包解压后过大或文件过多（{members} 个文件，{size_mb} MB；上限 {limit_members} 个、{"
        "limit_mb} MB）；请只压缩需要的文件。",
        "The zip unpacks too large or has too many files ({members} files, {size_mb} MB; "
        "limits {limit_members} files, {limit_mb} MB); zip only the files needed.",
    ),
    "zip_unsafe": (
        "压缩包中的“{member}”指向解压目录之外（绝对路径、“..”或符号链接），出于安全原因拒绝；请"
        "重新压缩。",
        "The zip entry '{member}' points outside the unpack folder (an absolute path, '..' or "
        "a symlink) and is refused for safety; zip the files again.",
    ),
}
MESSAGES: dict[str, Text] = {code: Text(zh, en) for code, (zh, en) in _TEMPLATES.items()}
"""Finding or refusal code -> message template."""


def shown(text: str) -> str:
    """``text`` as shown on the page: without direction-changing characters."""
    return BIDI_CONTROLS.sub("", text)


def one_line(value: object) -> str:
    """``value`` as one short line: control characters become spaces, direction-changing
    characters are left out, long text is cut."""
    text = _CONTROL.sub(" ", shown(str(value))).strip()
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


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
        params = {key: one_line(value) for key, value in self.params.items()}
        return MESSAGES[self.code](lang, **params, n=len(self.rows), row_list=_row_list(self.rows))
