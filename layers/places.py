"""The place layers: canvas markers shaped and coloured by kind, sized by tier, with a
dashed halo when the point stands for a town, county or city rather than the site.
"""

from __future__ import annotations

import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from layers.datum import Shift, identity
from layers.style import COARSE_PRECISIONS, PLACE_STYLES, marker_radius

MAP_DECIMALS = 5
LABEL_MODES = ("off", "zh", "en", "both")


def place_label(name_zh: str, name_en: str, mode: str) -> str:
    """Permanent label text of a place for a label mode (``off`` gives ``""``)."""
    return {"off": "", "zh": name_zh, "en": name_en, "both": f"{name_zh} {name_en}"}[mode]


def place_features(
    places: gpd.GeoDataFrame,
    lang: str,
    labels: str = "off",
    highlight: frozenset[str] = frozenset(),
    shift: Shift = identity,
) -> dict:
    """FeatureCollection the map script draws: id, colour, shape, radius, coarse flag,
    tooltip (in ``lang``), label (per ``labels``) and highlight flag per place.

    Text stays raw here; the script only ever inserts it with ``textContent``.
    """
    lon, lat = shift(places["lon"].to_numpy(), places["lat"].to_numpy())
    features = []
    for (pid, place), x, y in zip(places.iterrows(), lon, lat, strict=True):
        style = PLACE_STYLES[place["kind"]]
        name = place["name_zh"] if lang == "zh" else place["name_en"]
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(x), MAP_DECIMALS), round(float(y), MAP_DECIMALS)],
                },
                "properties": {
                    "id": pid,
                    "c": style.color,
                    "s": style.shape,
                    "r": marker_radius(place["kind"], place["tier"]),
                    "k": place["precision"] in COARSE_PRECISIONS,
                    "t": name,
                    "n": place_label(place["name_zh"], place["name_en"], labels),
                    "h": pid in highlight,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


class PlacesOverlay(MacroElement):
    """Draws a place FeatureCollection into its parent group with ``GBA.addPlaces``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GBA.addPlaces({{ this._parent.get_name() }}, {{ this.data|tojson }},"
        " {{ this.labels|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, data: dict, labels: bool):
        super().__init__()
        self._name = "PlacesOverlay"
        self.data = data
        self.labels = labels
