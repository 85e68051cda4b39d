"""Map elements whose script goes into the page verbatim.

branca's ``MacroElement.render`` wraps each rendered script in a new ``Element``, which
compiles it as a Jinja template: for a layer carrying megabytes of JSON that is most of
the build time, and any ``{{`` in the data would be read as template code. Elements
built on :class:`VerbatimMacro` render their script macro once and keep the text as is.
"""

from __future__ import annotations

import folium
from branca.element import Element, MacroElement


class _Text(Element):
    """Ready text that renders as itself."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        """The text, unchanged."""
        return self.text


class VerbatimMacro(MacroElement):
    """A ``MacroElement`` with only a ``script`` macro, added to the page without a second
    template pass."""

    def map_name(self) -> str:
        """Script name of the map this element is drawn on, through any feature group (a
        script in a group that st_folium sends with each rerun addresses the map itself)."""
        parent = self._parent
        while not isinstance(parent, folium.Map):
            parent = parent._parent
        return parent.get_name()

    def render(self, **kwargs) -> None:
        """Add the rendered script to the figure's scripts."""
        script = self._template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(_Text(script), name=self.get_name())
