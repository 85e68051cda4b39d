"""Title and subtitle of a view — one source for presentation mode and prints: the user's
own when set, else the app's title for the region, the plan's for one plan and the
strategy's for a strategy, the subtitle saying the year when one is chosen."""

from __future__ import annotations

from geo.gazetteer import Gazetteer
from geo.texts import Text, t
from viewmodel.view import View


def _plan_titles(gz: Gazetteer, plan_id: str) -> tuple[Text, Text]:
    plan = gz.plans.loc[plan_id]
    city = Text(plan["city"], plan["title_en"].split(" ")[0])
    return (
        Text(t("print_title_plan", "zh", city=city.zh), t("print_title_plan", "en", city=city.en)),
        Text(
            t("print_subtitle_plan", "zh", title=plan["title_zh"]),
            t("print_subtitle_plan", "en", title=plan["title_en"]),
        ),
    )


def default_titles(gz: Gazetteer, view: View) -> tuple[Text, Text]:
    """The title and subtitle ``view`` gets when the user set none, in both languages."""
    strategy = view.strategy if view.strategy in gz.structures.index else ""
    plans = view.filters.plans
    if strategy:
        row = gz.structures.loc[strategy]
        title = Text(row["name_zh"], row["name_en"])
        subtitle = _plan_titles(gz, row["plan_id"])[1]
    elif len(plans) == 1 and plans[0] in gz.plans.index:
        title, subtitle = _plan_titles(gz, plans[0])
    else:
        title, subtitle = (
            Text(t("title", "zh"), t("title", "en")),
            Text(t("subtitle", "zh"), t("subtitle", "en")),
        )
    if view.filters.year:
        year = view.filters.year
        subtitle = Text(
            t("print_as_of", "zh", subtitle=subtitle.zh, year=year),
            t("print_as_of", "en", subtitle=subtitle.en, year=year),
        )
    return title, subtitle


def view_titles(gz: Gazetteer, view: View, lang: str | None = None) -> tuple[str, str]:
    """Title and subtitle of ``view`` in ``lang`` (``zh``, ``en`` or ``both``; default the
    view's language): the user's own, else :func:`default_titles`."""
    lang = lang or view.lang
    title, subtitle = default_titles(gz, view)
    return view.title or title(lang), view.subtitle or subtitle(lang)
