"""Decoding users' text: a declared encoding, else a byte-order mark, else UTF-8, else GBK."""

from __future__ import annotations

import codecs

from geo.texts import Text
from geo.upload.errors import UploadError
from geo.upload.findings import Finding

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def codec_name(encoding: str) -> str:
    """The Python codec for a user-given encoding name (``GBK``, ``936``, ``CP936`` …).

    Raises
    ------
    UploadError
        ``encoding_unknown``.
    """
    text = encoding.strip().lower().replace("ansi ", "")
    if text.isdigit():
        text = f"cp{text}"
    try:
        return codecs.lookup(text).name
    except (LookupError, ValueError) as exc:
        raise UploadError("encoding_unknown", {"encoding": encoding}) from exc


def detect_encoding(data: bytes) -> tuple[str, str]:
    """``(codec, source)`` for undeclared bytes: UTF-8 when they decode strictly as UTF-8,
    else GBK, else GB18030; ``source`` is ``"detected"`` (UTF-8) or ``"guess"``.

    Raises
    ------
    UploadError
        ``decode_failed`` when none of them decodes the bytes.
    """
    for codec, source in (("utf-8", "detected"), ("gbk", "guess"), ("gb18030", "guess")):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec, source
    raise UploadError("decode_failed")


ENCODING_SOURCES = {
    "declared": Text("用户指定", "declared"),
    "BOM": Text("BOM 标记", "byte-order mark"),
    ".cpg": Text(".cpg 文件", ".cpg file"),
    "detected": Text("自动识别", "detected"),
}
"""Where an encoding came from."""


def encoding_finding(codec: str, source: str) -> Finding:
    """The finding that says which encoding was used and why."""
    if source == "guess":
        return Finding("encoding_guessed", "warning", params={"encoding": codec.upper()})
    text = ENCODING_SOURCES.get(source, Text(source, source))
    params = {"encoding": codec.upper(), "source_zh": text.zh, "source_en": text.en}
    return Finding("encoding", "info", params=params)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, Finding]:
    """Text of ``data`` without NUL characters (a sign of a binary or damaged file), and a
    finding naming the encoding used; see :func:`_decode`.

    Raises
    ------
    UploadError
        As :func:`_decode`; ``nul_byte`` (with its line) for a NUL character.
    """
    text, found = _decode(data, encoding)
    nul = text.find("\x00")
    if nul >= 0:
        raise UploadError("nul_byte", {"line": text.count("\n", 0, nul) + 1})
    return text, found


def _decode(data: bytes, encoding: str | None = None) -> tuple[str, Finding]:
    """Text of ``data`` and a finding naming the encoding used.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    encoding : str, optional
        Declared by the user; wins over everything else.

    Raises
    ------
    UploadError
        ``encoding_unknown``, ``decode_failed_declared`` or ``decode_failed``.
    """
    if encoding:
        codec = codec_name(encoding)
        try:
            return data.decode(codec), encoding_finding(codec, "declared")
        except (UnicodeDecodeError, UnicodeError) as exc:
            raise UploadError("decode_failed_declared", {"encoding": encoding}) from exc
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), encoding_finding(label, "BOM")
            except UnicodeDecodeError as exc:
                raise UploadError("decode_failed") from exc
    codec, source = detect_encoding(data)
    return data.decode(codec), encoding_finding(codec, source)
