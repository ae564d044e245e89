"""Template helpers for event pages: when an event is, in GOV.UK style and UK time; and the
market engagement shown on an opportunity's page."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

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


def _day(moment: datetime.datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


@register.filter
def event_when(event) -> str:
    """`Tuesday 16 June 2026, 10am to 3:30pm`, or across two days when it runs over."""
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return f"{_day(start)}, {_time(start)} to {_time(end)}"
    return f"{_day(start)}, {_time(start)} to {_day(end)}, {_time(end)}"


@register.filter
def moment(value: datetime.datetime | None) -> str:
    """`16 June 2026 at 5pm`, in UK time."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local.day} {local:%B %Y} at {_time(local)}"


@register.filter
def lines(value: str) -> list[str]:
    """An agenda typed one item a line."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


@register.inclusion_tag("engagement/partials/opportunity_engagement.html")
def opportunity_engagement(opportunity) -> dict[str, object]:
    """The market-engagement events linked to an opportunity, with the summaries of those held:
    everyone who reads the opportunity reads what was heard and what changed."""
    from engagement.selectors import events_for_opportunity  # noqa: PLC0415

    return {
        "opportunity": opportunity,
        "events": list(events_for_opportunity(opportunity=opportunity)),
    }
