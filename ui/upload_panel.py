"""“My data”: upload files in the sidebar, read their check reports, fix what one click can
fix, and see an uploaded feature's attributes. Uploaded layers live in the session only.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from geo.crs import CRSS
from geo.gazetteer import Gazetteer
from geo.upload.checks import CHECK_CODES, check_frame, gcj02_to_wgs84_frame, swap_lon_lat
from geo.upload.layer import UploadError, UserLayer, load_user_file
from geo.upload.online_fill import fill_online, missing_rows
from layers.user import UserLayerView, user_style
from ui.i18n import t

UPLOAD_TYPES = ["csv", "txt", "xlsx", "geojson", "json", "gpkg", "zip", "kml"]
ENCODINGS = ("", "utf-8", "gbk", "gb18030")
FIXES = {"gcj02_suspected": ("gcj02", gcj02_to_wgs84_frame), "swapped": ("swap", swap_lon_lat)}
SHOWN_FINDINGS = {"error": st.error, "warning": st.warning, "info": st.caption}
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
log = logging.getLogger(__name__)


def plain(text: str) -> str:
    """``text`` for Streamlit's Markdown elements, shown literally (no links, no emphasis)."""
    return _MARKDOWN.sub(r"\\\1", text)


@dataclass
class SessionLayer:
    """An uploaded layer in the session: its map key, the layer and the fixes applied."""

    key: str
    file_name: str
    layer: UserLayer
    fixes: list[str] = field(default_factory=list)


def _store() -> dict:
    """Session storage: loaded layers by (digest, options), rejections, the next key."""
    return st.session_state.setdefault(
        "uploads", {"layers": {}, "rejected": {}, "next": 1, "shown": []}
    )


def _load(data: bytes, file_name: str, gz: Gazetteer, options: tuple) -> UserLayer:
    crs, encoding, name_column, layer = options
    return load_user_file(
        data,
        file_name,
        gz,
        crs=crs or None,
        encoding=encoding or None,
        name_column=name_column or None,
        layer=layer or None,
    )


def _sync(files, gz: Gazetteer, options: tuple) -> None:
    """Load new files (or files whose options changed); forget files no longer uploaded."""
    store = _store()
    shown = []
    for upload in files or []:
        ident = (upload.file_id, upload.name, options)  # no hashing of the bytes per rerun
        if ident in shown:
            continue
        shown.append(ident)
        if ident in store["layers"] or ident in store["rejected"]:
            continue
        try:
            layer = _load(upload.getvalue(), upload.name, gz, options)
        except UploadError as exc:
            store["rejected"][ident] = exc
            continue
        except Exception:  # a reader bug must not end the session or touch other layers
            log.exception("upload %s failed", upload.name)
            store["rejected"][ident] = None
            continue
        store["layers"][ident] = SessionLayer(f"u{store['next']}", upload.name, layer)
        store["next"] += 1
    store["shown"] = shown


def session_layers() -> list[SessionLayer]:
    """Uploaded layers currently in the uploader, in upload order."""
    store = _store()
    return [store["layers"][i] for i in store["shown"] if i in store["layers"]]


def user_views() -> tuple[UserLayerView, ...]:
    """The uploaded layers as the map, legend and print draw them."""
    views = []
    for index, entry in enumerate(session_layers()):
        color, shape = user_style(index)
        views.append(UserLayerView(entry.key, entry.layer.name, entry.layer.frame, color, shape))
    return tuple(views)


def _apply_fix(entry: SessionLayer, code: str, gz: Gazetteer) -> None:
    name, fix = FIXES[code]
    frame = fix(entry.layer.frame)
    kept = [f for f in entry.layer.findings if f.code not in CHECK_CODES]
    entry.layer = dataclasses.replace(
        entry.layer, frame=frame, findings=kept + check_frame(frame, gz)
    )
    entry.fixes.append(name)


def _look_up_online(entry: SessionLayer, gz: Gazetteer) -> None:
    entry.layer = fill_online(entry.layer, gz)
    entry.fixes.append("online")


def _report(entry: SessionLayer, gz: Gazetteer, lang: str) -> None:
    layer = entry.layer
    drawn = int((layer.frame.geometry.notna() & ~layer.frame.geometry.is_empty).sum())
    st.caption(
        plain(
            t(
                "upload_summary",
                lang,
                fmt=layer.source_format,
                crs=layer.source_crs,
                n=len(layer.frame),
                drawn=drawn,
            )
        )
    )
    for name in entry.fixes:
        st.success(t(f"fixed_{name}", lang))
    for finding in layer.findings:
        SHOWN_FINDINGS.get(finding.severity, st.caption)(plain(finding.message(lang)))
        if finding.code in FIXES and FIXES[finding.code][0] not in entry.fixes:
            label = t(f"fix_{FIXES[finding.code][0]}", lang)
            st.button(
                label,
                key=f"fix_{entry.key}_{finding.code}",
                on_click=_apply_fix,
                args=(entry, finding.code, gz),
            )
    missing = len(missing_rows(layer))
    if missing and "online" not in entry.fixes:
        st.button(
            t("online_lookup", lang, n=missing),
            key=f"online_{entry.key}",
            help=t("online_lookup_help", lang),
            on_click=_look_up_online,
            args=(entry, gz),
        )


def upload_panel(gz: Gazetteer, lang: str) -> None:
    """The sidebar section: uploader, reading options, and a report per file."""
    files = st.file_uploader(
        t("upload", lang),
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key="w_upload",
        help=t("upload_help", lang),
    )
    cols = st.columns(2)
    crs = cols[0].selectbox(
        t("upload_crs", lang),
        ["", *CRSS],
        key="w_up_crs",
        format_func=lambda c: t("auto", lang) if not c else c,
    )
    encoding = cols[1].selectbox(
        t("upload_encoding", lang),
        ENCODINGS,
        key="w_up_enc",
        format_func=lambda e: t("auto", lang) if not e else e.upper(),
    )
    name_column = st.text_input(t("upload_name_column", lang), key="w_up_name", max_chars=60)
    layer = st.text_input(t("upload_layer", lang), key="w_up_layer", max_chars=60)
    _sync(files, gz, (crs, encoding, name_column.strip(), layer.strip()))
    store = _store()
    for ident in store["shown"]:
        if ident in store["rejected"]:
            exc = store["rejected"][ident]
            reason = exc.message(lang) if exc is not None else t("upload_failed", lang)
            st.error(plain(t("upload_rejected", lang, name=ident[1], reason=reason)))
    for entry in session_layers():
        with st.expander(plain(entry.layer.name), expanded=True):
            _report(entry, gz, lang)


def user_card(ref: str, layers: dict[str, UserLayerView], lang: str) -> bool:
    """The card of an uploaded feature ``key:row`` of ``layers`` (by key); ``False`` when it
    no longer exists."""
    key, _, row_text = ref.partition(":")
    entry = next((e for e in session_layers() if e.key == key), None)
    if entry is None or not row_text.isdigit() or int(row_text) >= len(entry.layer.frame):
        return False
    row = int(row_text)
    view = layers[key]
    st.markdown(f"#### {plain(view.label(row))}")
    st.caption(plain(f"{t('user_layer', lang)}: {entry.layer.name} · #{row + 1}"))
    frame = entry.layer.frame
    record = frame.iloc[row]
    if record.geometry is None or record.geometry.is_empty:
        st.info(t("user_no_geometry", lang))
    fields = [c for c in frame.columns if c != frame.geometry.name]
    table = pd.DataFrame(
        {
            t("user_field", lang): [str(c) for c in fields],
            t("user_value", lang): ["" if pd.isna(v) else str(v) for v in record[fields]],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    geocoded = entry.layer.geocoded
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
