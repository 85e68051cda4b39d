"""Team mode: with ``GBA_DATABASE_URL`` (environment, else ``st.secrets``) the page reads the
gazetteer from PostgreSQL/PostGIS and lets a session publish an uploaded layer to the team,
list the published layers, draw them by the view's extent and delete its own.

Unset, none of this shows and the page reads ``data/``. A database that cannot be reached
(or is not initialised and loaded) gives one message and the page falls back to ``data/``.

The owner of a layer is the name typed in the sidebar: a courtesy against deleting a
colleague's layer by mistake, **not** authentication. A session that only reads runs
read-only transactions and never writes.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime

import folium
import pandas as pd
import streamlit as st

from geo.db.connect import (
    DEFAULT_POOL_SIZE,
    DEFAULT_SCHEMA,
    POOL_VARIABLE,
    SCHEMA_VARIABLE,
    URL_VARIABLE,
    Database,
    database_url,
    describe,
)
from geo.db.errors import DatabaseError
from geo.db.gazetteer_store import loaded_at, read_gazetteer
from geo.db.layer_view import DRAW_CAP, LayerView, layer_view
from geo.db.published import PublishedLayer, delete_layer, publish_user_layer, published_layers
from geo.gazetteer import Gazetteer
from geo.texts import t
from geo.upload.layer import UserLayer
from layers.datum import SHIFTS
from layers.published import DensityOverlay, density_columns
from layers.user import user_overlays
from ui import upload_panel  # imports this module: its names are read at call time
from ui.map_panel import MAP_HEIGHT
from viewmodel.basemaps import Basemap
from viewmodel.extent import map_extent
from viewmodel.style import user_style
from viewmodel.view import View

RETRY_S = 60.0
"""A server that could not reach the database tries again after this long."""
MAP_WIDTH_GUESS = 1100
"""Pixel width assumed for the map before it reports its bounds (the wide layout's map column)."""
ACTIVE, OWNER, LISTED, NOTICE = "team_db", "team_owner", "team_layers", "team_notice"
"""Session keys: this run's database (or None), the owner name, the layers listed, a
message left by a button's callback."""
MAP_KEY = "map"
"""Key of the map component: its value holds the bounds the map reported last."""
log = logging.getLogger(__name__)


def configured_url() -> str | None:
    """``GBA_DATABASE_URL`` from the environment, else from ``st.secrets``, else ``None``."""
    url = database_url()
    if url:
        return url
    try:
        value = st.secrets.get(URL_VARIABLE, "")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return None
    return str(value).strip() or None


class _Link:
    """One server process's pool, opened on first use; a failure is kept for
    :data:`RETRY_S` so that every rerun does not wait for a dead server again."""

    def __init__(self, url: str, schema: str, size: int):
        self._args = (url, schema, size)
        self._lock = threading.Lock()
        self._db: Database | None = None
        self._error: DatabaseError | None = None
        self._failed_at = 0.0

    def get(self) -> Database:
        with self._lock:
            if self._db is not None:
                return self._db
            if self._error is not None and time.monotonic() - self._failed_at < RETRY_S:
                raise self._error
            try:
                self._db = Database(*self._args).open()
            except DatabaseError as exc:
                self._error, self._failed_at = exc, time.monotonic()
                raise
            return self._db


@st.cache_resource(show_spinner=False)
def _link(url: str, schema: str, size: int) -> _Link:
    return _Link(url, schema, size)


@dataclass(frozen=True)
class Team:
    """The database this server uses (``None``: files) and why not, if it is set but
    unusable."""

    db: Database | None = None
    problem: DatabaseError | None = None


def connect_team() -> Team:
    """The team database of this process, opened once; ``Team()`` when none is set."""
    url = configured_url()
    if url is None:
        return Team()
    schema = os.environ.get(SCHEMA_VARIABLE, "") or DEFAULT_SCHEMA
    size = int(os.environ.get(POOL_VARIABLE, "") or DEFAULT_POOL_SIZE)
    try:
        return Team(_link(url, schema, size).get())
    except DatabaseError as exc:
        return Team(problem=exc)


@st.cache_resource(show_spinner=False, max_entries=2)
def _gazetteer(source: str, _db: Database) -> Gazetteer:
    return read_gazetteer(_db)


def team_gazetteer(db: Database) -> tuple[str, Gazetteer, pd.Timestamp]:
    """(source key, gazetteer, when it was loaded) from the database: read once per
    process and load (the key carries the load's time stamp, so a new ``db load`` is read
    on the next run).

    Raises
    ------
    DatabaseError
        The schema is missing or outdated, or no gazetteer was loaded.
    """
    stamp = loaded_at(db)
    if stamp is None:
        raise DatabaseError("not_loaded")
    source = f"db:{describe(db.url)}/{db.schema}@{stamp.isoformat()}"
    return source, _gazetteer(source, db), stamp


def set_active(team: Team) -> None:
    """Make ``team``'s database the one this run's panels use."""
    st.session_state[ACTIVE] = team.db


def active_database() -> Database | None:
    """The database of this run, or ``None`` in file mode."""
    return st.session_state.get(ACTIVE)


def local_time(moment: datetime) -> str:
    """``moment`` in this server's time zone, to the minute."""
    return f"{pd.Timestamp(moment).to_pydatetime().astimezone():%Y-%m-%d %H:%M}"


def _owner() -> str:
    return str(st.session_state.get(OWNER) or "").strip()


def publish_button(layer: UserLayer, lang: str) -> None:
    """“Publish to team” under an uploaded layer's report (nothing in file mode)."""
    db = active_database()
    if db is None:
        return
    key = f"team_publish_{layer.key}"
    if not st.button(t("team_publish", lang), key=key, help=t("team_publish_help", lang)):
        return
    try:
        with st.spinner(t("team_publish", lang)):
            published = publish_user_layer(db, layer, _owner())
    except DatabaseError as exc:
        st.error(upload_panel.plain(exc.message(lang)))
        return
    except Exception as exc:  # a layer the store cannot take must not end the session
        log.exception("publishing %s failed", layer.name)
        reason = DatabaseError("failed", {"reason": type(exc).__name__})
        st.error(upload_panel.plain(reason.message(lang)))
        return
    st.session_state[f"team_draw_{published.layer_id}"] = True
    st.success(
        upload_panel.plain(
            t("team_published", lang, name=published.name, n=published.feature_count)
        )
    )


def _delete(layer: PublishedLayer) -> None:
    db = active_database()
    try:
        delete_layer(db, layer.layer_id, _owner())
        st.session_state[NOTICE] = ("success", "team_deleted", {"name": layer.name})
    except DatabaseError as exc:
        st.session_state[NOTICE] = ("error", exc.code, exc.params)


def _notice(lang: str) -> None:
    kind, code, params = st.session_state.pop(NOTICE, (None, "", {}))
    if kind == "success":
        st.success(upload_panel.plain(t(code, lang, **params)))
    elif kind == "error":
        st.error(upload_panel.plain(DatabaseError(code, params).message(lang)))


def team_panel(lang: str) -> None:
    """The sidebar section: the owner name and the published layers, each with a box to
    draw it and, for its owner, a delete button (nothing in file mode)."""
    db = active_database()
    st.session_state[LISTED] = []
    if db is None:
        return
    try:
        listed = published_layers(db)
    except DatabaseError as exc:
        st.error(upload_panel.plain(exc.message(lang)))
        return
    with st.expander(t("team_heading", lang), expanded=bool(listed)):
        st.text_input(
            t("team_owner", lang), key=OWNER, max_chars=60, help=t("team_owner_help", lang)
        )
        _notice(lang)
        if not listed:
            st.caption(t("team_none", lang))
        owner = _owner()
        for layer in listed:
            label = t(
                "team_layer",
                lang,
                name=layer.name,
                owner=layer.owner,
                time=local_time(layer.published_at),
                n=layer.feature_count,
            )
            st.checkbox(upload_panel.plain(label), key=f"team_draw_{layer.layer_id}")
            if owner and layer.owner == owner:
                st.button(
                    t("team_delete", lang),
                    key=f"team_delete_{layer.layer_id}",
                    on_click=_delete,
                    args=(layer,),
                )
    st.session_state[LISTED] = [
        layer for layer in listed if st.session_state.get(f"team_draw_{layer.layer_id}")
    ]


def view_extent(view: View) -> tuple[float, float, float, float]:
    """The map's extent: as the map last reported it (this run's pan or zoom included),
    else the view's, else estimated from its centre and zoom."""
    bounds = (st.session_state.get(MAP_KEY) or {}).get("bounds") or {}
    sw, ne = bounds.get("_southWest"), bounds.get("_northEast")
    if sw and ne:
        return (sw["lng"], sw["lat"], ne["lng"], ne["lat"])
    return view.bounds or map_extent(view.centre, view.zoom, MAP_WIDTH_GUESS, MAP_HEIGHT)


@st.cache_resource(show_spinner=False, ttl=600, max_entries=64)
def cached_layer_view(
    source: str, layer_id: int, bbox: tuple, cap: int, _db: Database, _layer: PublishedLayer
) -> LayerView:
    """:func:`geo.db.layer_view.layer_view`, kept ten minutes per process for the same
    extent (a layer id is never reused, so a deleted layer's entry is never asked for)."""
    return layer_view(_db, _layer, bbox, cap)


def _drawn(part: LayerView, view: View, basemap: Basemap) -> list:
    layer, shift = part.layer, SHIFTS[basemap.datum]
    color, shape = user_style(layer.layer_id)
    if part.features is not None:
        user = UserLayer(
            layer.name,
            layer.source_format,
            part.features.reset_index(drop=True),
            layer.source_crs,
            [],
            key=f"p{layer.layer_id}",
            color=color,
            shape=shape,
        )
        return user_overlays(user, view.labels != "off", None, shift)
    texts = [t("team_cell", view.lang, n=n) for n in part.cells["count"]]
    return [DensityOverlay(density_columns(part.cells, texts, shift), color)]


def team_overlays(view: View, basemap: Basemap) -> tuple[list[folium.FeatureGroup], list[str]]:
    """One map group per published layer ticked in the sidebar, drawn in the map's extent,
    and a line per layer saying what is drawn (or why nothing is)."""
    db, lang = active_database(), view.lang
    groups, notes = [], []
    if db is None:
        return groups, notes
    bbox = tuple(round(v, 6) for v in view_extent(view))
    source = f"{describe(db.url)}/{db.schema}"
    for layer in st.session_state.get(LISTED, []):
        group = folium.FeatureGroup(name=f"team:{layer.layer_id}")
        try:
            part = cached_layer_view(source, layer.layer_id, bbox, DRAW_CAP, db, layer)
        except DatabaseError as exc:
            notes.append(upload_panel.plain(f"{layer.name}: {exc.message(lang)}"))
            continue
        for element in _drawn(part, view, basemap):
            element.add_to(group)
        groups.append(group)
        key = "team_drawn" if part.features is not None else "team_density"
        notes.append(upload_panel.plain(t(key, lang, name=layer.name, n=part.total, cap=DRAW_CAP)))
    return groups, notes
