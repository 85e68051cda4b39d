"""Offline front-end assets: Leaflet from the ``xstatic-leaflet`` package, never a CDN.

folium points its maps at CDN copies of Leaflet, jQuery, Bootstrap and Font Awesome. A map
built here carries only Leaflet, inlined as data URIs, and :func:`assert_offline` fails
loudly if any element still names an outside URL.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

import folium
import xstatic.pkg.leaflet as xleaflet

LEAFLET_DIR = Path(xleaflet.BASE_DIR)


@cache
def _data_uri(name: str, mime: str) -> str:
    payload = base64.b64encode((LEAFLET_DIR / name).read_bytes()).decode("ascii")
    return f"data:{mime};base64,{payload}"


def leaflet_js() -> list[tuple[str, str]]:
    """Folium ``default_js`` entries for Leaflet alone, inlined."""
    return [("leaflet", _data_uri("leaflet.js", "text/javascript"))]


def leaflet_css() -> list[tuple[str, str]]:
    """Folium ``default_css`` entries for Leaflet alone, inlined."""
    return [("leaflet_css", _data_uri("leaflet.css", "text/css"))]


def offline_map(**kwargs) -> folium.Map:
    """A ``folium.Map`` without tiles whose only assets are the inlined Leaflet files."""
    fmap = folium.Map(tiles=None, **kwargs)
    fmap.default_js = leaflet_js()
    fmap.default_css = leaflet_css()
    return fmap


def external_assets(fmap: folium.Map) -> list[str]:
    """Every JS/CSS URL an element of ``fmap`` would load that is not inlined."""
    urls = []
    stack = [fmap]
    while stack:
        element = stack.pop()
        for _, url in [*getattr(element, "default_js", []), *getattr(element, "default_css", [])]:
            if not url.startswith("data:"):
                urls.append(url)
        stack.extend(getattr(element, "_children", {}).values())
    return urls


def assert_offline(fmap: folium.Map) -> None:
    """Raise ``RuntimeError`` if any element of ``fmap`` needs an outside asset."""
    urls = external_assets(fmap)
    if urls:
        raise RuntimeError(f"map would fetch outside assets: {urls}")
