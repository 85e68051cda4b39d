"""Filling the rows the offline geocoder did not find with an online lookup — only when the
user asks for it (a button in the app, ``check-file --online``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point

from geo.gazetteer import Gazetteer
from geo.upload.checks import CHECK_CODES, check_frame
from geo.upload.findings import Finding
from geo.upload.geocoder import geocode_findings, results_to_frame
from geo.upload.layer import UserLayer
from geo.upload.online import geocode_online

USER_AGENT = "gba-innovation-layout-map/1.0 (planning tool; offline-first)"
REDONE = {"not_found", "ambiguous", "name_missing"}
"""Findings about the geocoding that are recomputed after the online lookup."""


def geocoded_column(layer: UserLayer) -> str | None:
    """The column the offline geocoder read, if locations came from names."""
    return next((str(f.params["column"]) for f in layer.findings if f.code == "geocoded"), None)


def missing_rows(layer: UserLayer) -> np.ndarray:
    """Positions of the rows whose names the offline geocoder did not find."""
    if layer.geocoded is None:
        return np.array([], dtype=int)
    return np.flatnonzero(layer.geocoded["gba_status"].to_numpy() == "not_found")


def fill_online(
    layer: UserLayer,
    gz: Gazetteer,
    lookup: Callable = geocode_online,
    user_agent: str = USER_AGENT,
) -> UserLayer:
    """``layer`` with its not-found names looked up online (Nominatim by default).

    Found rows get a point and the online source, precision and confidence in ``geocoded``;
    the geocoding and location checks are redone; an ``online_geocoded`` finding counts the
    lookups and an ``online_unavailable`` one says why the service could not be used.
    Rows stay in place whatever happens.
    """
    column = geocoded_column(layer)
    rows = missing_rows(layer)
    if column is None or not len(rows):
        return layer
    queries = [str(layer.frame[column].iloc[i]) for i in rows]
    results, service_findings = lookup(queries, user_agent=user_agent)
    found = results_to_frame(results, layer.geocoded.index[rows])
    geocoded = pd.concat([layer.geocoded.drop(index=found.index), found]).sort_index()
    geometries = layer.frame.geometry.to_numpy().copy()
    for row, result in zip(rows, results, strict=True):
        if result.status == "ok":
            geometries[row] = Point(result.lon, result.lat)
    frame = layer.frame.copy()
    frame[frame.geometry.name] = gpd.GeoSeries(geometries, index=frame.index, crs=frame.crs)
    ok = sum(r.status == "ok" for r in results)
    kept = [f for f in layer.findings if f.code not in REDONE | CHECK_CODES]
    findings = [
        *kept,
        Finding("online_geocoded", "warning", params={"asked": len(rows), "found": ok}),
        *service_findings,
        *geocode_findings(frame, column, geocoded),
        *check_frame(frame, gz, layer.name_column),
    ]
    return dataclasses.replace(layer, frame=frame, geocoded=geocoded, findings=findings)
