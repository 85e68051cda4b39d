"""HTML for the detail card. Every text from data is escaped here."""

from __future__ import annotations

import re
from html import escape

_HAN = re.compile(r"[\u3400-\u9fff]")


class Html(str):
    """Markup that is already escaped (a card value that is not plain text)."""


def original(text: str) -> Html:
    """Text quoted from a source, escaped; Chinese text is marked ``lang="zh"`` (it stays
    in the original on the English page, marked as such for readers and screen readers)."""
    return Html(f"<span lang='zh'>{escape(text)}</span>" if _HAN.search(text) else escape(text))


def _meta(caption: str, value: str) -> str:
    return f"<div class='gba-meta'>{escape(caption)}{original(value)}</div>" if value else ""


def citation_html(
    plan_title: str, section: str, quote: str, role: str, labels: dict, named_as: str = ""
) -> str:
    """One citation: plan title, section path, verbatim quote, the name the plan uses when
    it differs, and role; ``labels`` holds the "section", "named_as" and "role" captions
    including their colon."""
    return (
        "<div class='gba-cite'>"
        f"<div><b>{escape(plan_title)}</b></div>{_meta(labels['section'], section)}"
        f"<q lang='zh'>{escape(quote)}</q>{_meta(labels.get('named_as', ''), named_as)}"
        f"{_meta(labels['role'], role)}</div>"
    )


def location_source_html(title: str, url: str, quote: str) -> Html:
    """Where a location comes from: the source's title (a link to its page when it is
    published on the web) and the verbatim text that gives the location."""
    name = original(title)
    if url.startswith(("https://", "http://")):
        name = f"<a href='{escape(url, quote=True)}' target='_blank' rel='noopener'>{name}</a>"
    return Html(f"{name} — <q>{original(quote)}</q>" if quote else name)


CARD_CSS = """<style>
.gba-cite { border-left: 3px solid #c0392b; padding: 2px 8px; margin: 6px 0; }
.gba-cite q { font-size: 15px; }
.gba-meta { color: #555; font-size: 13px; }
</style>"""
