"""The session's view and the widgets bound to it.

The :class:`~viewmodel.view.View` in ``st.session_state`` is the one truth about what the
page shows. Widgets do not own state: before a widget is drawn, its state is set from the
view when the two differ (so a strategy chosen from a card, a click on the map or a shared
link shows in the sidebar), and a user's change goes back into the view through the
widget's ``on_change`` callback, before the script reruns.

Streamlit keeps a select widget's value as the *label* it showed; a label of another
language matches no option. So every bound widget's key carries the language
(``w_layers.en``): switching the language draws new widgets, set from the view's ids.
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


def bind(name: str, value: Any, lang: str) -> str:
    """The key of the widget that shows ``value`` (a view field) in ``lang``, its state set
    to ``value`` when they differ. Pass no default to the widget: the state is its value."""
    key = f"w_{name}.{lang}"
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value
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
