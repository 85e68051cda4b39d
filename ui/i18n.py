"""Every user-facing text of the app in 中文 and English."""

from __future__ import annotations

LANGS = ("zh", "en")

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("粤港澳大湾区创新布局地图", "GBA Innovation Layout Map"),
    "subtitle": (
        "开平 · 江门 · 台山 · 中山 · 清远 科技创新规划的空间布局",
        "Spatial strategy of the Kaiping, Jiangmen, Taishan, Zhongshan and Qingyuan S&T plans",
    ),
    "language": ("语言 / Language", "Language / 语言"),
    "search": ("搜索地点（中文、英文或拼音）", "Search places (Chinese, English or pinyin)"),
    "search_no_hit": ("没有找到与“{q}”匹配的地点。", "No place matches “{q}”."),
    "search_hits": ("找到 {n} 处：", "{n} found:"),
    "filters": ("筛选", "Filters"),
    "plan": ("规划", "Plan"),
    "city": ("城市", "City"),
    "kind": ("类型", "Kind"),
    "industry": ("产业", "Industry"),
    "status": ("状态", "Status"),
    "precision": ("定位精度", "Precision"),
    "layers": ("图层", "Layers"),
    "labels": ("地名标注", "Name labels"),
    "labels_off": ("不显示", "Off"),
    "labels_zh": ("中文", "Chinese"),
    "labels_en": ("英文", "English"),
    "labels_both": ("中英文", "Both"),
    "basemap": ("底图", "Basemap"),
    "structure": ("空间战略", "Spatial strategy"),
    "none": ("（无）", "(none)"),
    "years": ("建设年限", "Years"),
    "investment": ("总投资", "Investment"),
    "area_mu": ("占地面积", "Land area"),
    "content": ("建设内容", "Content"),
    "builds": ("所建地点", "Builds"),
    "indicator": ("规划指标（分区设色）", "Plan target (choropleth)"),
    "indicator_year": ("指标年份", "Target year"),
    "year_filter": ("年份：只显示已建成或在建", "Year: only what exists or is being built"),
    "all_years": ("全部年份", "All years"),
    "tab_compare": ("指标对比", "Compare targets"),
    "tab_timeline": ("时间线", "Timeline"),
    "compare_pick": ("共同指标", "Shared indicator"),
    "compare_chart": ("基期与目标", "Baseline and target"),
    "compare_table": ("各规划全部指标", "Every target of each plan"),
    "download_png": ("下载 PNG 图表", "Download PNG chart"),
    "baseline": ("基期", "Baseline"),
    "target": ("目标", "Target"),
    "growth": ("年均增长（%）", "Annual growth (%)"),
    "as_printed": ("原文数值", "As printed"),
    "timeline_help": (
        "规划给出年份的建设阶段与里程碑，以及重大项目的建设年限。",
        "Phases and milestones the plans date, and the years of the major projects.",
    ),
    "presentation": ("演示模式（全屏地图）", "Presentation mode (full-page map)"),
    "presentation_help": (
        "隐藏侧栏和工具栏，地图铺满页面，显示标题、图例、比例尺和指北针，便于截图。",
        "Hides sidebar and toolbar; the map fills the page with title, legend, scale bar "
        "and north arrow, ready for screenshots.",
    ),
    "presentation_exit": ("退出演示模式", "Leave presentation mode"),
    "tab_export": ("导出", "Export"),
    "print_heading": ("幻灯片图片（PNG / PDF / SVG）", "Slide images (PNG / PDF / SVG)"),
    "print_format": ("格式", "Format"),
    "print_size": ("尺寸", "Size"),
    "print_scale": ("倍率（PNG）", "Scale (PNG)"),
    "print_lang": ("地名语言", "Label language"),
    "print_title": ("标题（可选）", "Title (optional)"),
    "print_subtitle": ("副标题（可选）", "Subtitle (optional)"),
    "print_inset": ("大湾区位置示意图", "Greater Bay Area locator inset"),
    "print_extent": ("范围：当前地图视野", "Extent: the current map view"),
    "make_file": ("生成文件", "Make the file"),
    "download": ("下载 {name}", "Download {name}"),
    "html_heading": ("离线交互地图（HTML）", "Offline interactive map (HTML)"),
    "html_help": (
        "单个 HTML 文件，内含全部脚本与数据，无需联网即可打开。",
        "One HTML file with every script and the data inside; opens with no internet.",
    ),
    "gis_heading": ("GIS 数据导出", "GIS export"),
    "gis_layer": ("图层", "Layer"),
    "gis_format": ("格式", "Format"),
    "gis_crs": ("坐标系", "Coordinate system"),
    "gis_scope": ("范围", "Scope"),
    "gis_scope_filter": ("当前筛选结果", "Current filter"),
    "gis_scope_all": ("全部数据", "Everything"),
    "gis_gcj_note": (
        "GCJ-02 仅供高德地图使用，文件名与元数据均已注明。",
        "GCJ-02 is for AMap users only; the file name and metadata say so.",
    ),
    "any": ("全部", "All"),
    "tab_map": ("地图", "Map"),
    "tab_table": ("表格", "Table"),
    "legend": ("图例", "Legend"),
    "shown": ("显示 {n} / {total} 处地点", "Showing {n} of {total} places"),
    "empty_filter": (
        "当前筛选条件下没有地点。请放宽筛选条件。",
        "No place matches the current filters. Widen them to see places.",
    ),
    "download_csv": ("下载 CSV", "Download CSV"),
    "click_hint": (
        "点击地图上的地点或连线，查看规划原文出处。",
        "Click a place or a link on the map to read where the plans say so.",
    ),
    "unknown_param": (
        "链接中的参数 {name}={value} 无法识别，已忽略。",
        "The link's parameter {name}={value} is not recognised and was ignored.",
    ),
    "tianditu_missing": (
        "天地图需要密钥：请在 st.secrets 或环境变量 TIANDITU_KEY 中设置，现显示离线底图。",
        "Tianditu needs a key: set TIANDITU_KEY in st.secrets or the environment. "
        "Showing the offline base instead.",
    ),
    "gcj_badge": (
        "高德底图为 GCJ-02 坐标：所有图层已临时偏移到 GCJ-02 显示，导出数据仍为 WGS84。",
        "AMap tiles use GCJ-02: every overlay is shifted to GCJ-02 while it is shown; "
        "exports stay WGS84.",
    ),
    "online_basemap": (
        "该底图需联网加载瓦片。",
        "This basemap loads tiles from the internet.",
    ),
    "coarse_legend": (
        "虚线外圈：点位代表镇街/县区/地市驻地，而非设施本身",
        "Dashed outline: the point stands for a town, county or city seat, not the site",
    ),
    "stacked_legend": (
        "同一驻地的多个地点围绕该点散开显示",
        "Places sharing one seat are fanned out around it",
    ),
    "names": ("名称", "Names"),
    "aliases": ("别称", "Also called"),
    "tier": ("级别", "Tier"),
    "location": ("位置", "Location"),
    "source": ("坐标来源", "Coordinate source"),
    "industries": ("产业方向", "Industries"),
    "citations": ("规划出处", "Where the plans say so"),
    "section": ("章节", "Section"),
    "role": ("定位", "Role"),
    "structures_of": ("所属空间战略", "Part of strategies"),
    "links_of": ("相关走廊与联系", "Corridors and links"),
    "members": ("成员", "Members"),
    "link_ends": ("连接", "Connects"),
    "select": ("查看", "Open"),
    "clear_selection": ("取消选择", "Clear selection"),
    "data_invalid": (
        "数据校验未通过，应用无法启动。请修正以下问题后重新启动：",
        "The data did not validate, so the app cannot start. Fix these problems and restart:",
    ),
    "col_name": ("名称", "Name"),
    "col_plans": ("规划", "Plans"),
    "my_data": ("我的数据", "My data"),
    "upload": ("上传图层（本次会话有效）", "Upload layers (for this session)"),
    "upload_help": (
        "CSV/XLSX（经纬度列，或名称/地址列离线地理编码）、GeoJSON、GeoPackage、"
        "Shapefile（zip 压缩包）、KML。文件只在本次会话中使用，不会上传到其他地方。",
        "CSV/XLSX (lon/lat columns, or a name/address column geocoded offline), GeoJSON, "
        "GeoPackage, zipped Shapefile, KML. Files stay in this session and go nowhere else.",
    ),
    "upload_crs": ("坐标系（文件未说明时）", "CRS (when the file does not say)"),
    "upload_encoding": ("文字编码", "Text encoding"),
    "upload_name_column": (
        "地名/地址列（用于地理编码，可不填）",
        "Name/address column to geocode (optional)",
    ),
    "upload_layer": (
        "图层/工作表（GeoPackage、XLSX 或含多个 Shapefile 的压缩包，可不填）",
        "Layer/sheet (GeoPackage, XLSX or a zip of several shapefiles; optional)",
    ),
    "auto": ("自动识别", "Detect"),
    "upload_summary": (
        "{fmt} · {crs} · {n} 个要素（地图显示 {drawn} 个）",
        "{fmt} · {crs} · {n} features ({drawn} drawn)",
    ),
    "upload_rejected": ("{name} 未能读取：{reason}", "{name} could not be read: {reason}"),
    "upload_failed": (
        "读取文件时出现意外错误，文件已被忽略，其他图层不受影响。请检查文件格式后重试。",
        "Reading the file failed unexpectedly; it was left out and other layers are unaffected. "
        "Check the file's format and try again.",
    ),
    "fix_gcj02": ("由 GCJ-02 转换为 WGS84", "Convert GCJ-02 to WGS84"),
    "fix_swap": ("交换经纬度", "Swap lon/lat"),
    "fixed_gcj02": ("已由 GCJ-02 转换为 WGS84。", "Converted from GCJ-02 to WGS84."),
    "fixed_swap": ("已交换经度和纬度。", "Longitude and latitude swapped."),
    "fixed_online": ("已联网查找未找到的地名。", "Names not found offline were looked up online."),
    "online_lookup": (
        "联网查找 {n} 个未找到的地名",
        "Look up the {n} names not found, online",
    ),
    "online_lookup_help": (
        "可选：把这些地名发送到 OpenStreetMap Nominatim 查询（每秒 1 个），结果可信度较低，需核对。"
        "不点击则不会联网。",
        "Optional: sends these names to OpenStreetMap Nominatim (one per second); results are "
        "less certain and need checking. Nothing goes online unless you click.",
    ),
    "user_layer": ("上传图层", "Uploaded layer"),
    "user_fields": ("属性", "Attributes"),
    "user_field": ("字段", "Field"),
    "user_value": ("值", "Value"),
    "user_geocode": (
        "地理编码：{status} · 精度 {precision} · 可信度 {confidence} · 来源 {source}",
        "Geocoded: {status} · precision {precision} · confidence {confidence} · source {source}",
    ),
    "user_candidates": ("候选地点：{candidates}", "Candidates: {candidates}"),
    "user_no_geometry": (
        "该行没有可用坐标，未在地图上显示（数据仍保留在表格和下载中）。",
        "This row has no usable coordinates and is not drawn (it stays in the table and "
        "the downloads).",
    ),
    "user_heading": ("我的数据：{name}", "My data: {name}"),
    "user_export_heading": ("我的数据（上传图层）", "My data (uploaded layers)"),
    "user_export_help": (
        "WGS84 下载与上传内容一致（字段、取值和坐标不变）；其他坐标系提供 GeoPackage 和 CSV。",
        "WGS84 downloads read back exactly as uploaded (fields, values and coordinates); other "
        "CRSs as GeoPackage or CSV.",
    ),
}

ENUMS: dict[str, dict[str, tuple[str, str]]] = {
    "status": {
        "existing": ("已建", "Existing"),
        "planned": ("规划", "Planned"),
        "under_construction": ("在建", "Under construction"),
        "unknown": ("未说明", "Not stated"),
        "milestone": ("目标节点", "Milestone"),
        "project": ("重大项目", "Major project"),
    },
    "tier": {
        "national": ("国家级", "National"),
        "provincial": ("省级", "Provincial"),
        "municipal": ("市级", "Municipal"),
        "county": ("县级", "County"),
        "enterprise": ("企业", "Enterprise"),
        "": ("未说明", "Not stated"),
    },
}


def t(key: str, lang: str, **values) -> str:
    """The text ``key`` in ``lang`` (``zh`` or ``en``), with ``{placeholders}`` filled."""
    zh, en = TEXTS[key]
    return (zh if lang == "zh" else en).format(**values)


def enum_label(kind: str, value: str, lang: str) -> str:
    """Label of a vocabulary value (``status``, ``tier``) in ``lang``."""
    zh, en = ENUMS[kind].get(value, (value, value))
    return zh if lang == "zh" else en
