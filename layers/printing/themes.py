"""Slide themes: the colours of everything on a print that is not a kind of place or link
(those are :mod:`geo.palette`'s, the same on both themes). Light and dark have the same
contrast between text and its halo or box, so either reads equally well when projected."""

from __future__ import annotations

from dataclasses import dataclass

from geo.palette import BOUNDARY_COLORS
from viewmodel.style import HIGHLIGHT_COLOR


@dataclass(frozen=True)
class Theme:
    """Colours of one slide theme."""

    name: str
    land: str
    sea: str
    city: str
    county: str
    text: str  # titles, labels, legend, scale bar
    muted: str  # subtitle and source line
    paper: str  # title, legend and label halo background
    edge: str  # frame of the boxes
    marker_edge: str  # outline of the markers
    corridor: str  # corridor names
    basemap_text: str  # city and water names of the basemap
    water_text: str
    inset_focus: str  # Guangdong (or the region) in the locator
    frame: str  # the printed extent in the locator
    highlight: str  # outline of the open place, its zones and the selected link


LIGHT = Theme(
    name="light",
    land=BOUNDARY_COLORS["land"],
    sea=BOUNDARY_COLORS["sea"],
    city=BOUNDARY_COLORS["city"],
    county=BOUNDARY_COLORS["county"],
    text="#1b2631",
    muted="#424949",
    paper="#ffffff",
    edge="#b3b6b7",
    marker_edge="#ffffff",
    corridor="#7b241c",
    basemap_text="#6c7a89",
    water_text="#3c6e96",
    inset_focus="#e5d9b6",
    frame="#c0392b",
    highlight=HIGHLIGHT_COLOR,
)
DARK = Theme(
    name="dark",
    land="#2b3036",
    sea="#141c26",
    city="#8a939c",
    county="#4f575f",
    text="#f4f6f7",
    muted="#ccd1d1",
    paper="#1c2128",
    edge="#5d6d7e",
    marker_edge="#d5dbdb",  # a light rim: dark kinds (economic zone, company) stay visible
    corridor="#f5b7b1",
    basemap_text="#a6b1bc",
    water_text="#7fb3d5",
    inset_focus="#5d5340",
    frame="#ff6f61",
    highlight="#ffffff",
)
THEMES = {theme.name: theme for theme in (LIGHT, DARK)}
"""Theme name -> theme (``--theme light|dark``)."""
