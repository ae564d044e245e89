"""Template filters for the bid pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def digest_groups(value: str | None) -> str:
    """A SHA-256 digest in groups of eight, so it wraps on a phone and is easier to compare."""
    text = value or ""
    return " ".join(text[i : i + 8] for i in range(0, len(text), 8))
