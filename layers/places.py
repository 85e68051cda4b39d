"""The places layer: one canvas circle per place, coloured by kind, sized by tier, with a
dashed halo when the point stands for a town, county or city rather than the site.
"""

from __future__ import annotations

from html import escape

import folium
import geopandas as gpd
import pandas as pd

from geo.gazetteer import Gazetteer
from layers.style import COARSE_PRECISIONS, PLACE_STYLES, kind_label, marker_radius

MAP_DECIMALS = 5


def popup_html(place: pd.Series, mentions: pd.DataFrame, plans: pd.DataFrame, lang: str) -> str:
    """Escaped popup HTML: names, kind, precision and the first citation of each plan."""
    name = place["name_zh"] if lang == "zh" else place["name_en"]
    other = place["name_en"] if lang == "zh" else place["name_zh"]
    lines = [
        f"<b>{escape(name)}</b><br><span style='color:#555'>{escape(other)}</span>",
        f"<div>{escape(kind_label(place['kind'], lang))} · {escape(place['precision'])}</div>",
    ]
    for row in mentions.drop_duplicates("plan_id").itertuples():
        title = plans.at[row.plan_id, "title_zh" if lang == "zh" else "title_en"]
        lines.append(
            f"<div style='margin-top:4px'><i>{escape(title)}</i><br>“{escape(row.quote)}”</div>"
        )
    return "".join(lines)


def places_features(gz: Gazetteer, places: gpd.GeoDataFrame, lang: str) -> dict:
    """GeoJSON FeatureCollection of ``places`` with drawing and popup properties."""
    by_place = dict(tuple(gz.mentions.groupby("place_id")))
    features = []
    for pid, place in places.iterrows():
        style = PLACE_STYLES[place["kind"]]
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [
                        round(place["lon"], MAP_DECIMALS),
                        round(place["lat"], MAP_DECIMALS),
                    ],
                },
                "properties": {
                    "place_id": pid,
                    "color": style.color,
                    "radius": marker_radius(place["kind"], place["tier"]),
                    "coarse": place["precision"] in COARSE_PRECISIONS,
                    "popup": popup_html(place, by_place[pid], gz.plans, lang),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _style(feature: dict) -> dict:
    props = feature["properties"]
    return {
        "radius": props["radius"],
        "fill": True,
        "fillColor": props["color"],
        "fillOpacity": 0.9,
        "color": "#555555" if props["coarse"] else "#ffffff",
        "opacity": 0.8,
        "weight": 1,
        "dashArray": "2 2" if props["coarse"] else None,
    }


def places_layer(gz: Gazetteer, places: gpd.GeoDataFrame, lang: str) -> folium.GeoJson:
    """A folium GeoJson layer of ``places`` drawn as canvas circle markers."""
    return folium.GeoJson(
        places_features(gz, places, lang),
        name="places",
        marker=folium.CircleMarker(),
        style_function=_style,
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False, max_width=360),
    )
