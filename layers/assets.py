"""Offline front-end assets: Leaflet from the ``xstatic-leaflet`` package, never a CDN, and
the project's own map script from ``layers/static``.

folium points its maps at CDN copies of Leaflet, jQuery, Bootstrap and Font Awesome. A map
built here carries only Leaflet and our script, inlined as data URIs or served by the app
itself, and :func:`assert_offline` fails loudly if any element still names an outside URL.
"""

from __future__ import annotations

import base64
import hashlib
import os
import threading
from functools import cache
from pathlib import Path

import folium
import xstatic.pkg.leaflet as xleaflet
from branca.element import Element

LEAFLET_DIR = Path(xleaflet.BASE_DIR)
STATIC_DIR = Path(__file__).parent / "static"
SCRIPTS = ("gba_core", "gba_groups", "gba_labels", "gba_map", "gba_user", "gba_view")
"""The project's map scripts, in loading order (each needs the ones before)."""
SERVED_DIR = Path(__file__).resolve().parent.parent / "static" / "scripts"
SERVED_URL = "../../app/static/scripts/"
"""Where served copies of the assets are written, and their URL from st_folium's frame."""

MAP_CSS = """
.leaflet-container.leaflet-container { background: %(sea)s;
  font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
.gba-label { position: absolute; white-space: nowrap; font-size: 12px; line-height: 16px;
  padding: 0 3px; color: #1b2631; background: rgba(255,255,255,0.78); border-radius: 2px; }
.gba-arc-label, .gba-edge-label { position: absolute; white-space: nowrap; font-size: 12px;
  font-weight: 600; line-height: 16px; color: #7b241c; padding: 1px 4px; border-radius: 2px;
  background: rgba(255,255,255,0.85); }
.gba-edge-label { color: #1b2631; border: 1px solid #aab7b8; line-height: 14px; }
.gba-label, .gba-arc-label, .gba-edge-label, .gba-name { box-sizing: border-box; }
.gba-name { position: absolute; white-space: nowrap; padding: 0 2px; text-align: center;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.gba-name-city { font-size: 15px; line-height: 19px; font-weight: 700; color: #17202a; }
.gba-name-water { font-size: 13px; line-height: 17px; font-style: italic; color: #2e6da4; }
.gba-name-county { font-size: 12px; line-height: 15px; color: #4d5656; }
.gba-name-town { font-size: 11px; line-height: 14px; color: #626567; }
.gba-edge-arrow-box { position: absolute; width: 18px; height: 18px; }
.gba-edge-arrow { display: block; }
.gba-badge-tip { white-space: pre-line; }
"""


@cache
def _data_uri(path: Path, mime: str) -> str:
    payload = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{mime};base64,{payload}"


@cache
def _served(paths: tuple[Path, ...], stem: str) -> str:
    """URL of one file of the app's static files holding ``paths`` one after the other
    (one request, not one per script: st_folium loads its scripts in turn), named by its
    content and written once per process. The URL is relative to st_folium's frame
    (``<app>/component/<name>/index.html``), so that it holds under any base path."""
    data = b"\n;\n".join(path.read_bytes() for path in paths)
    name = f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}{paths[0].suffix}"
    target = SERVED_DIR / name
    if not target.is_file():
        SERVED_DIR.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    return f"{SERVED_URL}{name}"


def map_js(served: bool = False) -> list[tuple[str, str]]:
    """Folium ``default_js`` entries, inlined (or ``served`` by the app, in one file):
    Leaflet, then the project's scripts which need it: the shared helpers (shapes, text
    nodes, click payload), the pile-up rule (count badges), the label placement (data and
    basemap names), the map script (markers, arcs) and the script for uploaded layers.
    """
    scripts = [LEAFLET_DIR / "leaflet.js"] + [STATIC_DIR / f"{name}.js" for name in SCRIPTS]
    if served:
        return [("gba_scripts", _served(tuple(scripts), "scripts"))]
    return [(path.stem, _data_uri(path, "text/javascript")) for path in scripts]


def map_css(served: bool = False) -> list[tuple[str, str]]:
    """Folium ``default_css`` entries for Leaflet, inlined (or ``served`` by the app)."""
    css = LEAFLET_DIR / "leaflet.css"
    return [("leaflet_css", _served((css,), "leaflet") if served else _data_uri(css, "text/css"))]


def offline_map(sea_color: str, extra_css: str = "", served: bool = False, **kwargs) -> folium.Map:
    """A ``folium.Map`` without tiles whose only assets are Leaflet, the project's map script
    and its styles: inlined, or, with ``served``, files of the app's static folder (in the
    app: st_folium sends its assets with every change of the overlays, and the browser
    keeps files it fetched).
    """
    fmap = folium.Map(tiles=None, **kwargs)
    fmap.default_js = map_js(served)
    fmap.default_css = map_css(served)
    style = Element(f"<style>{MAP_CSS % {'sea': sea_color}}{extra_css}</style>")
    fmap.get_root().header.add_child(style, name="gba_css")
    return fmap


def external_assets(fmap: folium.Map) -> list[str]:
    """Every JS/CSS URL an element of ``fmap`` would load that is not inlined."""
    urls = []
    stack = [fmap]
    while stack:
        element = stack.pop()
        for _, url in [*getattr(element, "default_js", []), *getattr(element, "default_css", [])]:
            if not url.startswith(("data:", SERVED_URL)):
                urls.append(url)
        stack.extend(getattr(element, "_children", {}).values())
    return urls


def assert_offline(fmap: folium.Map) -> None:
    """Raise ``RuntimeError`` if any element of ``fmap`` needs an outside asset."""
    urls = external_assets(fmap)
    if urls:
        raise RuntimeError(f"map would fetch outside assets: {urls}")
