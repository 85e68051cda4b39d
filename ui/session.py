"""The session's view and the widgets bound to it.

The :class:`~viewmodel.view.View` in ``st.session_state`` is the one truth about what the
page shows. Widgets do not own state: before a widget is drawn, its state is set from the
view when the two differ (so a strategy chosen from a card, a click on the map or a shared
link shows in the sidebar), and a user's change goes back into the view through the
widget's ``on_change`` callback, before the script reruns.

Streamlit keeps a select widget's value as the *label* it showed; a label of another
language matches no option. A bound widget keeps one key in every language
(``w_layers``), so a language switch relabels the widget instead of drawing a new one:
its state is set again from the view's ids whenever it is drawn in another language than
the last time (see :func:`bind`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from viewmodel.view import View

VIEW = "view"
START = "start"
"""Session keys: the view, and where the session's map opened (lat, lon, zoom)."""


def current_view() -> View:
    """The session's view."""
    return st.session_state[VIEW]


def set_view(view: View) -> None:
    """Make ``view`` the session's view."""
    st.session_state[VIEW] = view


def start_view(first: Callable[[], View]) -> View:
    """The session's view, made by ``first`` on the session's first run (from the URL)."""
    if VIEW not in st.session_state:
        view = first()
        set_view(view)
        st.session_state[START] = (*view.centre, view.zoom)
    return current_view()


def map_start() -> tuple[float, float, int]:
    """Where the session's map opened; later moves are the map's own."""
    return st.session_state[START]


DRAWN_IN = "w_drawn_in"
"""Session key: bound widget key -> the language it was last drawn in."""


def bind(name: str, value: Any, lang: str) -> str:
    """The key of the widget that shows ``value`` (a view field) in ``lang``, its state set
    to ``value`` when they differ or when it was last drawn in another language (the labels
    it holds are then of that language). Pass no default to the widget: the state is its
    value."""
    key, drawn_in = f"w_{name}", st.session_state.setdefault(DRAWN_IN, {})
    if drawn_in.get(key) != lang or key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value
        drawn_in[key] = lang
    return key


def _apply(key: str, change: Callable[[View, Any], View]) -> None:
    set_view(change(current_view(), st.session_state[key]))


def on_change(key: str, change: Callable[[View, Any], View]) -> dict:
    """Keyword arguments of a widget that writes its new value into the view with
    ``change(view, value)``."""
    return {"key": key, "on_change": _apply, "args": (key, change)}


def update_view(change: Callable[[View], View]) -> None:
    """Apply ``change`` to the session's view (for buttons' ``on_click``)."""
    set_view(change(current_view()))
