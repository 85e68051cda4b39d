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
        "town",
        "lon",
        "lat",
        "precision",
        "geocode_source",
        "industries",
    ),
    "mentions.csv": ("place_id", "plan_id", "section", "quote", "role"),
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
