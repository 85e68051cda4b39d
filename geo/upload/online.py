"""Online geocoding with OpenStreetMap Nominatim through ``geopy`` — only when a user turns it
on. Nothing in the app or the offline geocoder calls this module by default.

geopy is optional: without it, or without network, the result is a finding, never a crash.
Nominatim's policy allows one request per second and needs a real user agent.
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.upload.findings import Finding
from geo.upload.geocoder import Candidate, GeocodeResult

REGION_VIEWBOX = ((21.4, 111.3), (24.9, 114.7))
"""(lat, lon) corners around the GBA and Qingyuan; results outside are not accepted."""
ONLINE_CONFIDENCE = 0.6
"""Online hits are not checked against the gazetteer, so they rank below offline pinyin."""
_PRECISION = {
    "city": "city",
    "state_district": "city",
    "county": "county",
    "district": "county",
    "town": "town",
    "township": "town",
    "suburb": "town",
    "village": "locality",
    "hamlet": "locality",
    "neighbourhood": "locality",
    "quarter": "locality",
    "road": "locality",
}


def _not_found(query: str, source: str) -> GeocodeResult:
    return GeocodeResult(query, "not_found", None, None, None, 0.0, source, ())


def _candidate(location) -> Candidate:
    raw = location.raw
    precision = _PRECISION.get(raw.get("addresstype", ""), "site")
    source = f"Nominatim (OSM) {raw.get('osm_type', '')} {raw.get('osm_id', '')}".strip()
    return Candidate(
        location.address, float(location.longitude), float(location.latitude), precision, source
    )


def geocode_online(
    queries: Sequence[str],
    *,
    user_agent: str,
    timeout: float = 10.0,
) -> tuple[list[GeocodeResult], list[Finding]]:
    """Geocode ``queries`` with Nominatim, restricted to the region.

    Parameters
    ----------
    queries : sequence of str
        Names or addresses (typically those the offline geocoder did not find).
    user_agent : str
        Identifies the app to Nominatim, as its usage policy requires.
    timeout : float
        Seconds per request.

    Returns
    -------
    (list of GeocodeResult, list of Finding)
        One result per query (``ambiguous`` when Nominatim returns several places); an
        ``online_unavailable`` finding when geopy is missing or the service fails, in which
        case the remaining queries are ``not_found``.
    """
    try:
        from geopy.exc import GeopyError
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim
    except ImportError:
        reason = "geopy is not installed"
        return [_not_found(q, reason) for q in queries], [
            Finding("online_unavailable", "warning", (), {"reason": reason})
        ]
    service = Nominatim(user_agent=user_agent, timeout=timeout)
    lookup = RateLimiter(
        service.geocode, min_delay_seconds=1.0, max_retries=0, swallow_exceptions=False
    )
    results: list[GeocodeResult] = []
    for query in queries:
        if not query.strip():
            results.append(_not_found(query, "empty"))
            continue
        try:
            hits = lookup(query, exactly_one=False, limit=5, viewbox=REGION_VIEWBOX, bounded=True)
        except (GeopyError, OSError) as error:
            reason = type(error).__name__
            results += [_not_found(q, reason) for q in queries[len(results) :]]
            return results, [Finding("online_unavailable", "warning", (), {"reason": reason})]
        candidates = tuple(_candidate(hit) for hit in hits or ())
        if not candidates:
            results.append(_not_found(query, "Nominatim: no result"))
        elif len(candidates) > 1:
            source = f"Nominatim: {len(candidates)} candidates"
            results.append(
                GeocodeResult(query, "ambiguous", None, None, None, 0.0, source, candidates)
            )
        else:
            hit = candidates[0]
            results.append(
                GeocodeResult(
                    query,
                    "ok",
                    hit.lon,
                    hit.lat,
                    hit.precision,
                    ONLINE_CONFIDENCE,
                    hit.source,
                    candidates,
                )
            )
    return results, []
