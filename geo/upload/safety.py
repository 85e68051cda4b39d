"""Limits on uploads, zip extraction that cannot escape its folder, and XML without DTDs."""

from __future__ import annotations

import io
import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree

from geo.upload.errors import UploadError

_MB = 2**20
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
)
_ARCHIVES = (".zip", ".kmz", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz")


@dataclass(frozen=True)
class Limits:
    """How much a user's file may hold.

    Parameters
    ----------
    max_bytes : int
        Size of the uploaded file.
    max_features : int
        Rows or features.
    max_columns : int
        Attribute columns.
    max_zip_members : int
        Entries in a zip archive.
    max_unzipped_bytes : int
        Total size of a zip's entries once unpacked.
    """

    max_bytes: int = 50 * _MB
    max_features: int = 200_000
    max_columns: int = 500
    max_zip_members: int = 50
    max_unzipped_bytes: int = 200 * _MB


DEFAULT_LIMITS = Limits()


def check_size(size: int, limits: Limits) -> None:
    """Refuse an empty or oversized file.

    Raises
    ------
    UploadError
        ``empty_file`` or ``too_large``.
    """
    if size == 0:
        raise UploadError("empty_file")
    if size > limits.max_bytes:
        raise UploadError(
            "too_large",
            {"size_mb": f"{size / _MB:.1f}", "limit_mb": f"{limits.max_bytes / _MB:g}"},
        )


def check_count(count: int, limits: Limits) -> None:
    """Refuse more features than ``limits.max_features`` (``too_many_features``)."""
    if count > limits.max_features:
        raise UploadError("too_many_features", {"limit": limits.max_features})


def _unsafe(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    is_link = stat.S_ISLNK(info.external_attr >> 16)
    absolute = name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":")
    return is_link or absolute or ".." in parts or "\x00" in name


def open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Open a zip held in memory after checking every entry.

    Raises
    ------
    UploadError
        ``bad_zip``; ``zip_unsafe`` (absolute path, ``..``, symlink); ``zip_nested`` (an
        archive inside); ``zip_encrypted``; ``zip_too_big`` (entries or unpacked size).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise UploadError("bad_zip") from exc
    total = sum(info.file_size for info in infos)
    if len(infos) > limits.max_zip_members or total > limits.max_unzipped_bytes:
        raise UploadError(
            "zip_too_big",
            {
                "members": len(infos),
                "size_mb": f"{total / _MB:.1f}",
                "limit_members": limits.max_zip_members,
                "limit_mb": f"{limits.max_unzipped_bytes / _MB:g}",
            },
        )
    for info in infos:
        if _unsafe(info):
            raise UploadError("zip_unsafe", {"member": info.filename})
        if info.filename.lower().endswith(_ARCHIVES):
            raise UploadError("zip_nested", {"member": info.filename})
        if info.flag_bits & 0x1:
            raise UploadError("zip_encrypted")
    return archive


def extract_zip(archive: zipfile.ZipFile, folder: Path) -> list[Path]:
    """Unpack the files of a checked archive (see :func:`open_zip`) flat into ``folder``.

    Entries are written under their base names only, so nothing lands outside ``folder``
    whatever a name says; ``zipfile`` never yields more bytes than an entry's header
    declares, and :func:`open_zip` has capped their sum. macOS resource forks are skipped.

    Raises
    ------
    UploadError
        ``bad_zip`` (damaged entry); ``several_shapefiles`` (two entries of one name).
    """
    written: list[Path] = []
    for info in archive.infolist():
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or not path.name or path.parts[0] == "__MACOSX":
            continue
        if path.name.startswith("."):
            continue
        target = folder / path.name
        if target in written:
            raise UploadError("several_shapefiles", {"layers": path.name})
        try:
            with archive.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, _MB)
        except _ZIP_ERRORS as exc:
            raise UploadError("bad_zip") from exc
        written.append(target)
    return written


def parse_xml(data: bytes) -> Element:
    """Parse XML with DTDs, entities and external references refused (``defusedxml``).

    Raises
    ------
    UploadError
        ``unsafe_xml`` for any DTD or entity; ``bad_kml`` when the XML is malformed.
    """
    try:
        return defusedxml.ElementTree.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DefusedXmlException as exc:
        raise UploadError("unsafe_xml") from exc
    except ParseError as exc:
        raise UploadError("bad_kml", {"line": exc.position[0]}) from exc
    except (
        ValueError,
        UnicodeError,
        LookupError,
        RecursionError,
    ) as exc:  # LookupError: unknown encoding declared
        raise UploadError("bad_kml", {"line": 1}) from exc
