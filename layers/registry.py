"""The layer registry: what each map layer is, kept apart from how it is drawn.

Like xyzservices' provider table, this is data: adding a layer is adding a row. The
drawing code lives in one module per kind of layer (places, links, structures,
boundaries), all reading the one style table of :mod:`layers.style`.
"""

from __future__ import annotations

from dataclasses import dataclass

from layers.style import GROUPS


@dataclass(frozen=True)
class LayerSpec:
    """One toggleable map layer."""

    id: str
    title_zh: str
    title_en: str
    group: str
    drawn_by: str  # module that draws it: places | links | structures | boundaries | projects
    rows: tuple[str, ...] = ()  # place kinds or link kinds it draws
    default_on: bool = True

    def title(self, lang: str) -> str:
        """Title in ``zh`` or ``en``."""
        return self.title_zh if lang == "zh" else self.title_en


LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec(
        "platforms",
        "创新平台（高新区、新区、科学城、合作区）",
        "Innovation platforms (hi-tech zones, new towns, science cities, cooperation zones)",
        "platforms",
        "places",
        ("hitech_zone", "new_town", "science_city", "economic_zone", "cooperation_zone"),
    ),
    LayerSpec(
        "labs",
        "实验室与大科学装置",
        "Labs & big-science facilities",
        "science",
        "places",
        ("lab_facility",),
    ),
    LayerSpec(
        "institutes",
        "研发机构",
        "R&D institutes",
        "science",
        "places",
        ("research_institute", "hospital", "culture_science_site"),
    ),
    LayerSpec(
        "universities", "高校", "Universities & colleges", "science", "places", ("university",)
    ),
    LayerSpec(
        "incubation",
        "孵化载体",
        "Incubators & maker spaces",
        "incubation",
        "places",
        ("incubator",),
    ),
    LayerSpec(
        "industry",
        "产业载体（园区、集群、农业、物流、能源）",
        "Industry (parks, clusters, agri parks, logistics, energy)",
        "industry",
        "places",
        (
            "industrial_park",
            "industrial_cluster",
            "agri_park",
            "logistics_hub",
            "energy_site",
            "company",
            "project",
        ),
    ),
    LayerSpec(
        "projects",
        "重大项目（按投资额）",
        "Major projects (by investment)",
        "industry",
        "projects",
        default_on=False,
    ),
    LayerSpec(
        "structures",
        "空间战略（范围）",
        "Spatial strategies (extent)",
        "strategy",
        "structures",
        default_on=False,
    ),
    LayerSpec(
        "corridors",
        "科技创新走廊与研发转化",
        "Innovation corridors & R&D transfer",
        "strategy",
        "links",
        ("innovation_corridor", "rd_transfer"),
    ),
    LayerSpec(
        "ties",
        "合作与联动",
        "Cooperation & platform ties",
        "strategy",
        "links",
        ("cooperation", "platform_tie", "industrial_relocation", "transport"),
        default_on=False,
    ),
    LayerSpec(
        "towns", "镇街（规划点名）", "Towns named by the plans", "context", "places", ("town",)
    ),
    LayerSpec("counties", "县区界线", "County boundaries", "context", "boundaries"),
)
"""Every map layer, in drawing and legend order."""

BY_ID = {spec.id: spec for spec in LAYERS}
DEFAULT_LAYERS = tuple(spec.id for spec in LAYERS if spec.default_on)


def layers_for_kind(kind: str) -> LayerSpec:
    """The place layer that draws places of ``kind``."""
    return next(spec for spec in LAYERS if spec.drawn_by == "places" and kind in spec.rows)


def group_title(group: str, lang: str) -> str:
    """Title of a layer group in ``zh`` or ``en``."""
    zh, en = GROUPS[group]
    return zh if lang == "zh" else en
