"""Where each place's point comes from: recomputed from its address (town, county, city),
``data/seats.csv`` and GeoNames, or from the published coordinates it cites. No seat
coordinate is ever typed into ``places.csv``; ``scripts/locate_places.py`` writes them.
"""

from __future__ import annotations

import pandas as pd

from geo.geocode import Anchor, anchor_for, published_point
from geo.location_checks import published_source


def locate(row: pd.Series) -> Anchor | None:
    """The point of one ``places.csv`` row (all cells text).

    Parameters
    ----------
    row : pandas.Series
        Needs ``city``, ``county``, ``town``, ``precision``, ``location_source``,
        ``source_lon``, ``source_lat`` and ``source_datum``.

    Returns
    -------
    Anchor or None
        The converted published coordinates when the row has them (its own ``site`` or
        ``locality`` precision), else the seat of its town, county or city; ``None`` when
        the city or county is unknown.
    """
    if row["source_lon"]:
        cited = published_source(row["location_source"])
        title = cited[0] if cited else row["location_source"]
        return published_point(
            row["source_lon"], row["source_lat"], row["source_datum"], title, row["precision"]
        )
    anchor = anchor_for(row["city"], row["county"], row["town"])
    if anchor is not None and row["town"] and anchor.precision != "town":
        source = f"{anchor.source}; seat of {row['town']} not in GeoNames or seats.csv"
        return Anchor(anchor.lon, anchor.lat, anchor.precision, source)
    return anchor


def located(places: pd.DataFrame) -> pd.DataFrame:
    """``places`` with ``lon``, ``lat``, ``precision`` and ``geocode_source`` recomputed.

    Raises
    ------
    ValueError
        When a row's city or county is unknown (the message names the place).
    """
    out = places.copy()
    for index, row in places.iterrows():
        anchor = locate(row)
        if anchor is None:
            raise ValueError(f"{row['place_id']}: unknown area {row['city']} {row['county']}")
        out.loc[index, ["lon", "lat", "precision", "geocode_source"]] = [
            f"{anchor.lon:.6f}".rstrip("0").rstrip("."),
            f"{anchor.lat:.6f}".rstrip("0").rstrip("."),
            anchor.precision,
            anchor.source,
        ]
    return out
