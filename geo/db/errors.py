"""The one exception of :mod:`geo.db`: a short bilingual message saying what is wrong and
how to fix it (the app shows it in the user's language, the CLI prints the English one).
``MESSAGES`` is this package's part of the text catalogue (:class:`geo.texts.Text`)."""

from __future__ import annotations

from collections.abc import Mapping

from geo.texts import Text

_TEMPLATES: dict[str, tuple[str, str]] = {
    "cannot_connect": (
        "无法连接数据库 {where}：{reason}。请检查 GBA_DATABASE_URL 与网络。",
        "Cannot connect to the database {where}: {reason}. Check GBA_DATABASE_URL and the network.",
    ),
    "column_type": (
        "无法存储列 {table}.{column}（类型 {kind}）；请转换为文本或数值。",
        "Cannot store column {table}.{column} (type {kind}); convert it to text or numbers.",
    ),
    "export_table_exists": (
        "表 {table} 已存在且不是本程序导出的；请换用 --schema 或先删除该表。",
        "Table {table} exists and was not written by this program; choose another --schema "
        "or drop that table first.",
    ),
    "failed": (
        "数据库操作失败，未写入任何内容：{reason}",
        "The database operation failed and nothing was written: {reason}",
    ),
    "gazetteer_outdated": (
        "数据库中的地名库缺少 {what}；请运行 python -m geo db load。",
        "The gazetteer in the database lacks {what}; run python -m geo db load.",
    ),
    "gcj02": (
        "PostGIS 为每个几何记录 SRID，而 GCJ-02 没有 SRID；"
        "请导出 EPSG:4326，或用 gpkg/shp 导出 GCJ-02。",
        "PostGIS stores an SRID with every geometry and GCJ-02 has none; export EPSG:4326, or "
        "GCJ-02 as gpkg/shp.",
    ),
    "no_layer": (
        "没有编号为 {layer_id} 的已发布图层（可能已被删除）。",
        "There is no published layer {layer_id} (it may have been deleted).",
    ),
    "no_owner": (
        "发布图层需要图层名称和发布者姓名；请填写姓名后再发布。",
        "Publishing needs a layer name and the publisher's name; enter your name and publish "
        "again.",
    ),
    "no_postgis": (
        "数据库未安装 PostGIS；请由超级用户在该库中执行 CREATE EXTENSION postgis。",
        "PostGIS is not installed in this database; a superuser must run "
        "CREATE EXTENSION postgis in it.",
    ),
    "no_privilege": (
        "数据库因权限不足拒绝了该操作：{reason}",
        "The database refused this for lack of rights: {reason}",
    ),
    "no_url": (
        "未设置数据库地址；请设置 GBA_DATABASE_URL=postgresql://用户@主机/库名。",
        "No database address; set GBA_DATABASE_URL=postgresql://user@host/dbname.",
    ),
    "not_initialised": (
        "数据库模式 {schema} 尚未初始化；请运行 python -m geo db init。",
        "The database schema {schema} is not initialised; run python -m geo db init.",
    ),
    "not_loaded": (
        "数据库中还没有地名库；请运行 python -m geo db load。",
        "No gazetteer in the database yet; run python -m geo db load.",
    ),
    "not_owner": (
        "图层“{name}”由 {owner} 发布，只有发布者可以删除。",
        "Layer '{name}' was published by {owner}; only its owner can delete it.",
    ),
    "nul_text": (
        "列“{column}”含有空字符（\\0），数据库无法保存；请在原文件中删除后重新上传。",
        "Column '{column}' contains NUL characters (\\0), which the database cannot store; "
        "remove them from the file and upload it again.",
    ),
    "schema_newer": (
        "数据库模式版本 {have} 比本程序（{want}）新；请升级本程序。",
        "The database schema is at version {have}, newer than this program ({want}); "
        "upgrade the program.",
    ),
    "schema_outdated": (
        "数据库模式版本 {have}，本程序需要 {want}；请运行 python -m geo db init。",
        "The database schema is at version {have} and this program needs {want}; run "
        "python -m geo db init.",
    ),
}
MESSAGES: dict[str, Text] = {code: Text(zh, en) for code, (zh, en) in _TEMPLATES.items()}
"""Message templates by code, sorted by code."""


class DatabaseError(Exception):
    """A database request that cannot be carried out.

    Parameters
    ----------
    code : str
        Key of :data:`MESSAGES`.
    params : mapping
        Values for the template.
    """

    def __init__(self, code: str, params: Mapping[str, object] | None = None):
        self.code = code
        self.params = dict(params or {})
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The message in ``"zh"`` or ``"en"``."""
        return MESSAGES[self.code](lang, **self.params)
