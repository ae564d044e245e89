"""Template helpers for panel pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def dict_get(mapping: Any, key: Any) -> Any:
    """`{{ scores|dict_get:criterion.pk }}`: a value from a dict keyed by something other
    than a string."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def score_text(mark: Any) -> str:
    """A member's or the panel's mark as a person reads it."""
    if mark is None:
        return "Missing"
    if mark.not_applicable:
        return "n/a"
    if mark.value is None:
        return "Missing"
    return f"{mark.value.normalize():f}"
