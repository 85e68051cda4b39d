"""Attributes an exported layer carries beyond its selected rows, whatever the format: a
citation per place, coordinate columns named for their datum, and NULL for missing values."""

from __future__ import annotations

import pandas as pd

from geo.gazetteer import Gazetteer

CITATION_COLUMNS = ("cite_plan", "cite_section", "cite_quote")
"""The first mention of a place: plan id, section path and verbatim quote."""

WGS84_COORDINATES = {"lon": "lon_wgs84", "lat": "lat_wgs84"}
"""Coordinate attributes are WGS84 whatever the output CRS, and are named so."""


def with_citations(places: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """``places`` with the plan, section and quote of each place's first mention."""
    first = mentions.drop_duplicates("place_id").set_index("place_id")
    out = places.copy()
    for column, source in zip(CITATION_COLUMNS, ("plan_id", "section", "quote"), strict=True):
        out[column] = out["place_id"].map(first[source].astype("str"))
    geometry = [c for c in out.columns if c == "geometry"]
    return out[[c for c in out.columns if c != "geometry"] + geometry]


def missing_as_null(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty text and empty lists as ``None``: GIS formats then write NULL, not ``""``."""
    out = frame.copy()
    for column in out.columns:
        if column == "geometry":
            continue
        empty = out[column].map(lambda v: isinstance(v, (str, list)) and len(v) == 0)
        if empty.any():
            out[column] = out[column].astype(object).where(~empty, None)
    return out


def export_attributes(gz: Gazetteer, name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The attributes layer ``name`` is exported with: the selected rows of ``frame`` plus
    citations (places), ``lon_wgs84``/``lat_wgs84`` and NULL for missing values.

    Parameters
    ----------
    gz : Gazetteer
        Source of the mentions.
    name : str
        Export layer name (``places``, ``links`` …).
    frame : pandas.DataFrame
        The selected rows, as built by :data:`geo.layers_out.LAYERS`.
    """
    if name == "places":
        frame = with_citations(frame, gz.mentions)
    return missing_as_null(frame.rename(columns=WGS84_COORDINATES))
