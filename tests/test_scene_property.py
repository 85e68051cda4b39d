"""For any view, the map, the table, the print and the GIS export show the same places:
they all draw the one scene (property test over random views)."""

from __future__ import annotations

import base64
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.export import ExportError, export
from geo.gazetteer import load_gazetteer
from geo.schema import PLACE_KINDS, PRECISIONS, STATUSES
from geo.select import Filters, industry_terms
from layers.compose import overlays
from layers.printing.render import PrintOptions, render_print
from ui.sidebar import YEARS
from viewmodel.registry import ALL_LAYERS
from viewmodel.scene import scene
from viewmodel.view import ObjectRef, View

GZ = load_gazetteer()


def some(values) -> st.SearchStrategy[tuple[str, ...]]:
    """No value (any) or one or two of ``values``."""
    values = sorted(values)
    return st.one_of(
        st.just(()), st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True)
    ).map(tuple)


filters = st.builds(
    Filters,
    plans=some(GZ.plans.index),
    cities=some(set(GZ.places["city"])),
    kinds=some(PLACE_KINDS),
    industries=some(industry_terms(GZ)),
    statuses=some(STATUSES),
    precisions=some(PRECISIONS),
    year=st.sampled_from(YEARS),
)
views = st.builds(
    View,
    lang=st.sampled_from(["zh", "en"]),
    filters=filters,
    layers=st.lists(st.sampled_from(ALL_LAYERS), unique=True).map(
        lambda chosen: tuple(i for i in ALL_LAYERS if i in chosen)
    ),
    strategy=st.sampled_from(["", *GZ.structures.index[:5]]),
    labels=st.sampled_from(["off", "zh"]),
)


def shown_rows(code: dict, n: int) -> list[bool]:
    """The rows a view's ``v`` shows: runs of hidden and shown rows, or little-endian bits."""
    if "r" in code:
        rows = []
        for j, length in enumerate(code["r"]):
            rows += [j % 2 == 1] * length
        assert len(rows) == n
        return rows
    bits = base64.b64decode(code["b"])
    return [bool(bits[i // 8] >> (i % 8) & 1) for i in range(n)]


def map_ids(drawn) -> set[str]:
    """Place ids the map script draws: the rows of the places' file its view shows."""
    groups = {group.layer_name: group for group in overlays(drawn).groups}
    if "places" not in groups:
        return set()
    (element,) = (e for e in groups["places"]._children.values() if hasattr(e, "data"))
    ids = json.loads(element.data.text())["id"]
    view = json.loads(element.json)  # the escapes are JSON's \uXXXX
    return {i for i, shown in zip(ids, shown_rows(view["v"], len(ids)), strict=True) if shown}


def export_ids(drawn, folder: Path) -> set[str]:
    """Place ids of a “current filter” GeoJSON export."""
    try:
        result = export(GZ, "places", "geojson", "EPSG:4326", folder / "p.geojson", drawn.selection)
    except ExportError as exc:
        assert "selection is empty" in str(exc)
        return set()
    features = json.loads(result.files[0].read_text(encoding="utf-8"))["features"]
    return {f["properties"]["place_id"] for f in features}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(view=views)
@example(view=View(filters=Filters(plans=("003",), year=2020), layers=("platforms", "labs")))
@example(view=View(selected=ObjectRef("place", "jiangmen_neutrino_lab"), layers=()))
def test_map_table_print_and_export_show_the_same_places(view):
    drawn = scene(GZ, (), view)
    on_map = map_ids(drawn)
    in_table = set(drawn.place_table()["place_id"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        printed = render_print(
            drawn, PrintOptions(size="400x300", scale=1, inset=False), folder / "p.png"
        )
        exported = export_ids(drawn, folder)
    assert not set(printed.places) & set(printed.outside)
    assert on_map == in_table == set(printed.places) | set(printed.outside) == exported
    assert on_map == set(drawn.places.index)
