"""Table schemas and controlled vocabularies of the gazetteer (DESIGN §3)."""

from __future__ import annotations

PLACE_KINDS = (
    "hitech_zone",
    "industrial_park",
    "economic_zone",
    "new_town",
    "science_city",
    "lab_facility",
    "research_institute",
    "university",
    "incubator",
    "agri_park",
    "industrial_cluster",
    "logistics_hub",
    "energy_site",
    "cooperation_zone",
    "town",
    "culture_science_site",
    "hospital",
    "company",
    "project",
)
"""Place kinds; their names are in :data:`geo.texts.KINDS`."""

PRECISIONS = ("site", "locality", "town", "county", "city")
"""Precision classes, finest first; names and meanings in :data:`geo.texts.PRECISIONS`."""

FINE_PRECISIONS = ("site", "locality", "town")
"""Precisions finer than county/city: each needs a ``location_source`` and ``location_quote``."""
COORDINATE_PRECISIONS = ("site", "locality")
"""The only precisions a typed (published) coordinate may claim."""
DATUMS = ("WGS84", "GCJ-02", "BD-09")
"""Datums a published coordinate may be printed in; GCJ-02 and BD-09 are converted to WGS84."""
MAX_LOCATION_QUOTE_CHARS = 200
"""Longest allowed ``location_quote`` (whitespace not counted)."""
QUOTE_GAP = "…"
"""Joins verbatim fragments of one plan passage in a ``location_quote`` (each fragment must be
in the plan, in order, at most :data:`MAX_QUOTE_GAP_CHARS` apart)."""
MAX_QUOTE_GAP_CHARS = 300
MEMBER_COUNTY_SEPARATOR = "/"
"""``县区/镇街`` in ``member_towns``: a member town in another county of the same city."""

STATUSES = ("existing", "planned", "under_construction", "unknown")
"""Status as of the plan; ``unknown`` when the plan does not say."""
TIERS = ("national", "provincial", "municipal", "county", "enterprise", "")
LINK_KINDS = (
    "innovation_corridor",
    "rd_transfer",
    "cooperation",
    "industrial_relocation",
    "platform_tie",
    "transport",
)
"""Link kinds; their names are in :data:`geo.texts.LINK_KINDS`."""
AREA_LEVELS = ("province", "city", "county")
VALUE_KINDS = ("baseline", "target")
TIMELINE_STATUSES = ("planned", "under_construction", "existing", "milestone")
"""Whether an indicator row is the plan's baseline figure or its target."""

LIST_SEPARATOR = ";"
"""Separator of list-valued cells (aliases, industries, members, via)."""

PLACE_LOCATION_COLUMNS = (
    "town",
    "member_towns",
    "lon",
    "lat",
    "precision",
    "geocode_source",
    "location_source",
    "location_quote",
    "source_lon",
    "source_lat",
    "source_datum",
)
"""Where a place is and why: its address, its point (computed by :mod:`geo.locate`) and the
source of its location (see :mod:`geo.location_checks`), in ``places.csv`` order."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "plans.csv": (
        "plan_id",
        "title_zh",
        "title_en",
        "city",
        "issuer",
        "date",
        "period",
        "source_file",
        "area_id",
    ),
    "areas.csv": ("area_id", "name_zh", "name_en", "level", "adcode", "parent_id"),
    "places.csv": (
        "place_id",
        "name_zh",
        "name_en",
        "aliases",
        "kind",
        "tier",
        "status",
        "city",
        "county",
        *PLACE_LOCATION_COLUMNS,
        "industries",
    ),
    "mentions.csv": ("place_id", "plan_id", "section", "quote", "role", "named_as"),
    "links.csv": (
        "link_id",
        "kind",
        "from_id",
        "to_id",
        "via",
        "name_zh",
        "name_en",
        "plan_id",
        "quote",
        "description",
    ),
    "structures.csv": (
        "structure_id",
        "name_zh",
        "name_en",
        "plan_id",
        "members",
        "quote",
        "description",
    ),
    "indicators.csv": (
        "plan_id",
        "seq",
        "indicator_key",
        "category_zh",
        "indicator_zh",
        "indicator_en",
        "unit",
        "year",
        "value_kind",
        "value",
        "value_text",
        "change_text",
        "attribute",
        "note",
    ),
    "projects.csv": (
        "project_id",
        "plan_id",
        "seq",
        "name_zh",
        "name_en",
        "place_id",
        "location_zh",
        "years",
        "start_year",
        "end_year",
        "investment_yi",
        "area_mu",
        "content",
    ),
    "indicator_keys.csv": ("indicator_key", "key_zh", "key_en", "growth"),
    "seats.csv": (
        "city",
        "county",
        "town",
        "seat_town",
        "lon",
        "lat",
        "source_lon",
        "source_lat",
        "source_datum",
        "source",
        "quote",
    ),
    "timeline.csv": (
        "place_id",
        "plan_id",
        "start_year",
        "end_year",
        "phase_zh",
        "phase_en",
        "status",
        "quote",
        "section",
    ),
}
"""Required columns of each table, in file order."""

REQUIRED_VALUES: dict[str, tuple[str, ...]] = {
    "plans.csv": ("plan_id", "title_zh", "title_en", "city", "source_file", "area_id"),
    "areas.csv": ("area_id", "name_zh", "name_en", "level", "adcode"),
    "places.csv": (
        "place_id",
        "name_zh",
        "name_en",
        "kind",
        "status",
        "city",
        "lon",
        "lat",
        "precision",
        "geocode_source",
    ),
    "mentions.csv": ("place_id", "plan_id", "section", "quote"),
    "links.csv": ("link_id", "kind", "from_id", "to_id", "plan_id", "quote"),
    "structures.csv": ("structure_id", "name_zh", "name_en", "plan_id", "members", "quote"),
    "indicators.csv": (
        "plan_id",
        "seq",
        "indicator_key",
        "indicator_zh",
        "indicator_en",
        "year",
        "value_kind",
    ),
    "indicator_keys.csv": ("indicator_key", "key_zh", "key_en", "growth"),
    "seats.csv": ("city", "source", "quote"),
    "timeline.csv": ("place_id", "plan_id", "start_year", "end_year", "phase_zh", "quote"),
    "projects.csv": (
        "project_id",
        "plan_id",
        "name_zh",
        "name_en",
        "place_id",
        "years",
        "start_year",
        "end_year",
        "investment_yi",
        "content",
    ),
}
"""Columns that may not be empty. A link the plan does not name gets a derived
"A → B" name at load time."""

MAX_QUOTE_CHARS = 80
"""Longest allowed quote, whitespace not counted."""

CHINA_BOUNDS = (73.0, 18.0, 135.5, 53.6)
"""Rough WGS84 box of China (min lon, min lat, max lon, max lat)."""
