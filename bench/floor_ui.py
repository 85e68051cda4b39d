"""The floor page's one widget, shared by the page and the benchmark that drives it."""

FLOOR_RADIO = "floor"
FLOOR_OPTIONS = ("a", "b", "c")
