"""The floor page's one widget, shared by the page and the benchmark that drives it."""

FLOOR_RADIO = "floor"
FLOOR_OPTIONS = ("a", "b", "c")
RUN_CAPTION = "run"
"""The floor's last element is ``run N``: the benchmark sees a run end when N grows (a run
this short may never show Streamlit's “running” state)."""
