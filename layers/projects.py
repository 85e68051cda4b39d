"""Major projects as proportional circles: area ∝ investment (亿元)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.texts import column, t
from layers.datum import Shift, identity
from layers.places import PlacesOverlay, point_columns
from viewmodel.style import PROJECT_COLOR, PROJECT_FILL_OPACITY, project_radius

if TYPE_CHECKING:
    from viewmodel.scene import DrawUnit, Scene

__all__ = ["draw_projects", "project_features", "project_radius"]


def project_features(
    projects: gpd.GeoDataFrame, lang: str, selected: str = "", shift: Shift = identity
) -> dict:
    """Columns in the map script's marker format (see :func:`layers.places.place_features`),
    of kind ``project``, circles sized by investment, half transparent."""
    largest = float(projects["investment_yi"].max()) if len(projects) else 0.0
    lon, lat = shift(projects.geometry.x.to_numpy(), projects.geometry.y.to_numpy())
    styles = pd.DataFrame(
        {
            "c": PROJECT_COLOR,
            "s": "circle",
            "r": [round(project_radius(v, largest), 1) for v in projects["investment_yi"]],
            "k": False,
        }
    )
    ids = projects.index.tolist()
    data = point_columns(ids, lon, lat, styles, kind="project")
    tips = [
        f"{name} · {t('investment_short', lang, yi=yi, bn=yi / 10)} · {years}"
        for name, yi, years in zip(
            projects[column("name", lang)],
            projects["investment_yi"],
            projects["years"],
            strict=True,
        )
    ]
    data.update(
        t=tips, n=[], h=[i for i, pid in enumerate(ids) if pid == selected], o=PROJECT_FILL_OPACITY
    )
    return data


def draw_projects(scene: Scene, unit: DrawUnit, shift: Shift) -> list[PlacesOverlay]:
    """The scene's projects (none when no project is under way in the view's year)."""
    if scene.projects.empty:
        return []
    selected = scene.view.selected_object("project")
    return [PlacesOverlay(project_features(scene.projects, scene.lang, selected, shift), False)]
