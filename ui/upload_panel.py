"""“My data”: upload files in the sidebar, read their check reports, fix what one click can
fix, and see an uploaded feature's attributes. Uploaded layers live in the session only, and
only while they are in the uploader: a file taken out of it is forgotten, with its frame.
"""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from geo.crs import CRSS
from geo.gazetteer import Gazetteer
from geo.texts import t
from geo.upload.checks import CHECK_CODES, check_frame, gcj02_to_wgs84_frame, swap_lon_lat
from geo.upload.findings import shown
from geo.upload.layer import UploadError, UserLayer
from geo.upload.online_fill import fill_online, missing_rows
from geo.upload.worker import read_isolated
from ui import team  # imports this module: its names are read at call time
from viewmodel.style import user_style
from viewmodel.view import FeatureRef

UPLOAD_TYPES = ["csv", "txt", "xlsx", "geojson", "json", "gpkg", "zip", "kml", "kmz"]
ENCODINGS = ("", "utf-8", "gbk", "gb18030")
FIXES = {"gcj02_suspected": ("gcj02", gcj02_to_wgs84_frame), "swapped": ("swap", swap_lon_lat)}
SHOWN_FINDINGS = {"error": st.error, "warning": st.warning, "info": st.caption}
STORE, OPTIONS = "uploads", "upload_options"
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
log = logging.getLogger(__name__)

Ident = tuple[str, str, tuple]
"""An upload: (Streamlit's file id, file name, reading options)."""


def plain(text: str) -> str:
    """``text`` for Streamlit's Markdown elements, shown literally (no links, no emphasis)."""
    return _MARKDOWN.sub(r"\\\1", text)


@dataclass
class UploadStore:
    """The session's uploads: layers read (with their session key and symbol) and files
    refused, for the files now in the uploader — and nothing else."""

    layers: dict[Ident, UserLayer] = field(default_factory=dict)
    rejected: dict[Ident, UploadError | None] = field(default_factory=dict)
    shown: list[Ident] = field(default_factory=list)
    next_key: int = 1

    def sync(self, files: Iterable[Ident], read: Callable[[Ident], UserLayer]) -> None:
        """Read new files (or files whose options changed) with ``read``; forget the layers
        and refusals of files no longer in the uploader."""
        self.shown = list(dict.fromkeys(files))
        for ident in self.shown:
            if ident in self.layers or ident in self.rejected:
                continue
            try:
                layer = read(ident)
            except UploadError as exc:
                self.rejected[ident] = exc
                continue
            except Exception:  # a reader bug must not end the session or touch other layers
                log.exception("upload %s failed", ident[1])
                self.rejected[ident] = None
                continue
            color, shape = user_style(self.next_key - 1)
            key = f"u{self.next_key}"
            self.layers[ident] = dataclasses.replace(layer, key=key, color=color, shape=shape)
            self.next_key += 1
        kept = set(self.shown)
        before = len(self.layers) + len(self.rejected)
        self.layers = {i: layer for i, layer in self.layers.items() if i in kept}
        self.rejected = {i: exc for i, exc in self.rejected.items() if i in kept}
        if before > len(self.layers) + len(self.rejected):
            release_memory()

    def current(self) -> tuple[UserLayer, ...]:
        """The layers of the files in the uploader, in upload order."""
        return tuple(self.layers[i] for i in self.shown if i in self.layers)

    def put(self, layer: UserLayer) -> None:
        """Replace the layer with ``layer``'s key by ``layer`` (after a fix)."""
        ident = next(i for i, old in self.layers.items() if old.key == layer.key)
        self.layers[ident] = layer


def release_memory() -> None:
    """Collect the frames of forgotten layers and hand the freed heap back to the system
    (glibc's ``malloc_trim``; elsewhere only the collection), so the server's memory goes
    back down when files leave the uploader."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _store() -> UploadStore:
    return st.session_state.setdefault(STORE, UploadStore())


def user_layers() -> tuple[UserLayer, ...]:
    """The session's uploaded layers, as the scene draws them."""
    return _store().current()


def _apply_fix(key: str, code: str, gz: Gazetteer) -> None:
    layer = next(layer for layer in user_layers() if layer.key == key)
    name, fix = FIXES[code]
    frame = fix(layer.frame)
    kept = [f for f in layer.findings if f.code not in CHECK_CODES]
    findings = kept + check_frame(frame, gz, layer.name_column)
    fixes = (*layer.fixes, name)
    _store().put(dataclasses.replace(layer, frame=frame, findings=findings, fixes=fixes))


def _look_up_online(key: str, gz: Gazetteer) -> None:
    layer = next(layer for layer in user_layers() if layer.key == key)
    _store().put(dataclasses.replace(fill_online(layer, gz), fixes=(*layer.fixes, "online")))


def _report(layer: UserLayer, gz: Gazetteer, lang: str) -> None:
    drawn = int((layer.frame.geometry.notna() & ~layer.frame.geometry.is_empty).sum())
    summary = t(
        "upload_summary",
        lang,
        fmt=layer.source_format,
        crs=layer.source_crs,
        n=len(layer.frame),
        drawn=drawn,
    )
    st.caption(plain(summary))
    for name in layer.fixes:
        st.success(t(f"fixed_{name}", lang))
    for finding in layer.findings:
        SHOWN_FINDINGS.get(finding.severity, st.caption)(plain(finding.message(lang)))
        if finding.code in FIXES and FIXES[finding.code][0] not in layer.fixes:
            st.button(
                t(f"fix_{FIXES[finding.code][0]}", lang),
                key=f"fix_{layer.key}_{finding.code}",
                on_click=_apply_fix,
                args=(layer.key, finding.code, gz),
            )
    missing = len(missing_rows(layer))
    if missing and "online" not in layer.fixes:
        st.button(
            t("online_lookup", lang, n=missing),
            key=f"online_{layer.key}",
            help=t("online_lookup_help", lang),
            on_click=_look_up_online,
            args=(layer.key, gz),
        )


def _option(name: str, lang: str) -> str:
    """Key of a reading-option widget in ``lang``, its state kept across languages."""
    options = st.session_state.setdefault(OPTIONS, {})
    key = f"w_up_{name}.{lang}"
    if name in options and st.session_state.get(key) != options[name]:
        st.session_state[key] = options[name]
    return key


def _remember(name: str, key: str) -> None:
    st.session_state[OPTIONS][name] = st.session_state[key]


def _options(lang: str) -> tuple[str, str, str, str]:
    """The reading options: CRS, encoding, name column and layer/sheet."""
    cols = st.columns(2)
    widgets = (
        (cols[0].selectbox, "crs", t("upload_crs", lang), ["", *CRSS]),
        (cols[1].selectbox, "enc", t("upload_encoding", lang), ENCODINGS),
    )
    values = []
    for widget, name, label, choices in widgets:
        key = _option(name, lang)
        values.append(
            widget(
                label,
                choices,
                key=key,
                format_func=lambda c: t("auto", lang) if not c else c.upper(),
                on_change=_remember,
                args=(name, key),
            )
        )
    for name, label in (("name", "upload_name_column"), ("layer", "upload_layer")):
        key = _option(name, lang)
        values.append(
            st.text_input(
                t(label, lang), key=key, max_chars=60, on_change=_remember, args=(name, key)
            ).strip()
        )
    return tuple(values)


def upload_panel(gz: Gazetteer, lang: str) -> None:
    """The sidebar section: uploader, reading options, and a report per file."""
    files = st.file_uploader(
        t("upload", lang),
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key="w_upload",
        help=t("upload_help", lang),
    )
    options = _options(lang)
    by_ident = {(f.file_id, f.name, options): f for f in files or []}

    def read(ident: Ident) -> UserLayer:
        crs, encoding, name_column, layer = ident[2]
        return read_isolated(  # a child process with time and memory budgets
            by_ident[ident].getvalue(),
            ident[1],
            gz,
            crs=crs or None,
            encoding=encoding or None,
            name_column=name_column or None,
            layer=layer or None,
        )

    store = _store()
    store.sync(by_ident, read)  # no hashing of the bytes per rerun: Streamlit's file id
    for ident in store.shown:
        if ident in store.rejected:
            exc = store.rejected[ident]
            reason = exc.message(lang) if exc is not None else t("upload_failed", lang)
            st.error(plain(t("upload_rejected", lang, name=ident[1], reason=reason)))
    for layer in store.current():
        with st.expander(plain(layer.name), expanded=True):
            _report(layer, gz, lang)
            team.publish_button(layer, lang)


def user_card(ref: FeatureRef, lang: str) -> bool:
    """The card of an uploaded feature; ``False`` when it no longer exists."""
    layer = next((layer for layer in user_layers() if layer.key == ref.layer), None)
    if layer is None or not 0 <= ref.row < len(layer.frame):
        return False
    row = ref.row
    st.markdown(f"#### {plain(layer.label(row))}")
    st.caption(plain(f"{t('user_layer', lang)}: {layer.name} · #{row + 1}"))
    frame = layer.frame
    record = frame.iloc[row]
    if record.geometry is None or record.geometry.is_empty:
        st.info(t("user_no_geometry", lang))
    fields = [c for c in frame.columns if c != frame.geometry.name]
    table = pd.DataFrame(
        {
            t("user_field", lang): [str(c) for c in fields],
            t("user_value", lang): ["" if pd.isna(v) else shown(str(v)) for v in record[fields]],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    geocoded = layer.geocoded
    if geocoded is not None and row < len(geocoded):
        result = geocoded.iloc[row]
        st.caption(
            plain(
                t(
                    "user_geocode",
                    lang,
                    status=result["gba_status"],
                    precision=result["gba_precision"] or "—",
                    confidence=result["gba_confidence"],
                    source=result["gba_source"] or "—",
                )
            )
        )
        if result["gba_candidates"]:
            st.caption(plain(t("user_candidates", lang, candidates=result["gba_candidates"])))
    return True
