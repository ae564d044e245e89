"""Filters for the print templates: a chart by its key, and numbers as reports print them."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def chart(charts: dict[str, Any], key: str) -> Any:
    """The drawn chart with this key, or None when the report has none (no data)."""
    return charts.get(key) if charts else None


@register.filter
def signed(value: float | None, places: int = 2) -> str:
    """A change with its sign: +1.25, or -0.50 printed with a true minus sign."""
    if value is None:
        return "\N{EN DASH}"
    text = f"{abs(value):.{places}f}"
    if round(value, places) == 0:
        return text
    return ("+" if value > 0 else "\N{MINUS SIGN}") + text


@register.filter
def decimal(value: float | None, places: int = 2) -> str:
    if value is None:
        return "\N{EN DASH}"
    return f"{value:,.{places}f}"


@register.filter
def quantity(value: Any) -> str:
    """A KPI value: whole numbers without decimals, others to two places."""
    if value is None:
        return "\N{EN DASH}"
    number = float(value)
    return f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"
