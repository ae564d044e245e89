"""Events as iCalendar (RFC 5545): the public feed and each event's "add to calendar" file.

Times are written in Europe/London with the time zone's definition included. Online joining
details are never written: the files are public.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from engagement.constants import EventStatus
from engagement.models import Event

LONDON = ZoneInfo("Europe/London")


def _location(event: Event) -> str:
    parts = [event.venue_name, " ".join(event.venue_address.split()), event.venue_postcode]
    place = ", ".join(part for part in parts if part.strip())
    if event.is_online:
        return f"{place} and online" if place else "Online"
    return place


def _description(event: Event, url: str) -> str:
    parts = [event.description.strip()]
    if event.agenda.strip():
        parts.append("Agenda:\n" + event.agenda.strip())
    if event.is_online:
        parts.append("Joining details are emailed to everyone with a place.")
    parts.append(f"Details and registration: {url}")
    return "\n\n".join(parts)


def event_component(event: Event) -> icalendar.Event:
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{host}")
    component.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    component.add("dtstart", event.starts_at.astimezone(LONDON))
    component.add("dtend", event.ends_at.astimezone(LONDON))
    component.add("summary", event.title)
    component.add("description", _description(event, url))
    location = _location(event)
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add(
        "organizer",
        f"mailto:{settings.DEFAULT_FROM_EMAIL}",
        parameters={"cn": event.organisation.name},
    )
    component.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return component


def calendar(events: Iterable[Event], *, name: str) -> bytes:
    events = list(events)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//Market-engagement events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    for event in events:
        cal.add_component(event_component(event))
    if events:
        # The zone's rules for the years the events span (and no further).
        first = min(timezone.localtime(e.starts_at).date() for e in events)
        last = max(timezone.localtime(e.ends_at).date() for e in events)
        cal.add_missing_timezones(
            first_date=datetime.date(first.year - 1, 1, 1),
            last_date=datetime.date(last.year + 2, 1, 1),
        )
    return cal.to_ical()
