"""Basemap registry: the offline vector base and tile services, each tagged with its datum.

Tile URLs come from xyzservices where it has the provider; Tianditu needs a key, read
from ``st.secrets`` or the ``TIANDITU_KEY`` environment variable by the app.
"""

from __future__ import annotations

from dataclasses import dataclass

import xyzservices.providers as xyz

from geo.texts import BASEMAPS as BASEMAP_TITLES

TIANDITU_WMTS = (
    "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
    "&TILECOL={x}&tk={key}"
)


@dataclass(frozen=True)
class Basemap:
    """A basemap choice."""

    id: str
    datum: str  # WGS84 | CGCS2000 | GCJ-02
    tiles: tuple[tuple[str, str], ...] = ()  # (url template, attribution) bottom to top
    needs_key: bool = False
    subdomains: str = "abc"

    @property
    def offline(self) -> bool:
        """True for the vector base that needs no network."""
        return not self.tiles

    def title(self, lang: str) -> str:
        """Title in ``lang``, from the text catalogue."""
        return BASEMAP_TITLES[self.id](lang)

    def tile_urls(self, key: str = "") -> tuple[tuple[str, str], ...]:
        """Tile URL templates with the key filled in (Tianditu)."""
        return tuple((url.replace("{key}", key), attr) for url, attr in self.tiles)


def _xyz(provider) -> tuple[str, str]:
    return provider.build_url(), provider.html_attribution


def _carto_positron() -> tuple[str, str]:
    # The keyless public endpoint; xyzservices' template also carries an optional key.
    provider = xyz.CartoDB.Positron
    url = provider.url.replace("{variant}", provider.variant).replace("?key={apikey}", "")
    return url.replace("{r}", ""), provider.html_attribution


def _tianditu(base: str, labels: str) -> tuple[tuple[str, str], ...]:
    attr = '&copy; <a href="https://www.tianditu.gov.cn/">天地图 Tianditu</a>'
    return (
        (TIANDITU_WMTS.replace("{layer}", base), attr),
        (TIANDITU_WMTS.replace("{layer}", labels), attr),
    )


BASEMAPS: tuple[Basemap, ...] = (
    Basemap("vector", "WGS84"),
    Basemap("osm", "WGS84", (_xyz(xyz.OpenStreetMap.Mapnik),)),
    Basemap("positron", "WGS84", (_carto_positron(),)),
    Basemap("esri_imagery", "WGS84", (_xyz(xyz.Esri.WorldImagery),)),
    Basemap(
        "tianditu_vec_zh",
        "CGCS2000",
        _tianditu("vec", "cva"),
        needs_key=True,
        subdomains="01234567",
    ),
    Basemap(
        "tianditu_vec_en",
        "CGCS2000",
        _tianditu("vec", "eva"),
        needs_key=True,
        subdomains="01234567",
    ),
    Basemap(
        "tianditu_img_zh",
        "CGCS2000",
        _tianditu("img", "cia"),
        needs_key=True,
        subdomains="01234567",
    ),
    Basemap("gaode", "GCJ-02", (_xyz(xyz.Gaode.Normal),)),
)
"""Every basemap choice; the first is the default."""

BY_ID = {b.id: b for b in BASEMAPS}
DEFAULT_BASEMAP = BASEMAPS[0].id
