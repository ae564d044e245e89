"""Template helpers for opportunity pages: dates as GOV.UK writes them, the closing countdown,
and specification text made safe again on the way out."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from tenders.sanitise import clean_html

register = template.Library()


def _time(moment: datetime.datetime) -> str:
    """GOV.UK style: 9am, 5:30pm, midday, midnight."""
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


@register.filter
def govuk_datetime(value: datetime.datetime | None) -> str:
    """`27 March 2026 at 5pm`, in UK time."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local.day} {local:%B %Y} at {_time(local)}"


@register.filter
def from_iso(value: str | None) -> datetime.datetime | None:
    """A date and time stored as ISO 8601 text (in a published version's snapshot)."""
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.filter
def govuk_time(value: datetime.datetime | None) -> str:
    if not value:
        return ""
    return _time(timezone.localtime(value))


@register.filter
def closing_countdown(value: datetime.datetime | None) -> str:
    """`Closes in 12 days`, `Closes tomorrow at midday`, `Closes today at 5pm`, `Closed`."""
    if not value:
        return "No closing date"
    now = timezone.now()
    if value <= now:
        return "Closed"
    local = timezone.localtime(value)
    days = (local.date() - timezone.localdate()).days
    if days == 0:
        return f"Closes today at {_time(local)}"
    if days == 1:
        return f"Closes tomorrow at {_time(local)}"
    return f"Closes in {days} days"


@register.filter(is_safe=True)
def sanitised(value: str | None) -> SafeString:
    """Specification text is cleaned when saved; it is cleaned again here so nothing written
    another way (the admin, an import) can reach a page unsanitised."""
    return mark_safe(clean_html(value or ""))  # noqa: S308 - nh3 has just cleaned it


@register.filter
def percent(value: object) -> str:
    """`20.00` → `20%`, `12.50` → `12.5%`."""
    if value in (None, ""):
        return ""
    text = f"{value:f}" if hasattr(value, "normalize") else str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"
