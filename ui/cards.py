"""HTML for the detail card. Every text from data is escaped here."""

from __future__ import annotations

from html import escape


def citation_html(plan_title: str, section: str, quote: str, role: str, labels: dict) -> str:
    """One citation: plan title, section path, verbatim quote and role; ``labels`` holds
    the "section" and "role" captions including their colon."""
    role_html = (
        f"<div class='gba-meta'>{escape(labels['role'])}{escape(role)}</div>" if role else ""
    )
    section_html = (
        f"<div class='gba-meta'>{escape(labels['section'])}{escape(section)}</div>"
        if section
        else ""
    )
    return (
        "<div class='gba-cite'>"
        f"<div><b>{escape(plan_title)}</b></div>{section_html}"
        f"<q>{escape(quote)}</q>{role_html}</div>"
    )


CARD_CSS = """<style>
.gba-cite { border-left: 3px solid #c0392b; padding: 2px 8px; margin: 6px 0; }
.gba-cite q { font-size: 15px; }
.gba-meta { color: #555; font-size: 13px; }
</style>"""
