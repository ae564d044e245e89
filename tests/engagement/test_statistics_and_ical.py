"""Event statistics (the make-up of the room) and the iCalendar files, parsed back with a real
iCalendar library."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from commissioning.models import ArtForm
from engagement import selectors
from engagement.services import events, invitations
from tests.engagement.conftest import make_event
from tests.engagement.factories import RegistrationFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_event_statistics_before_the_event_count_places(event):
    dance = ArtForm.objects.get(name="Dance")
    for _ in range(2):
        RegistrationFactory(event=event, arts=True).art_forms.set([dance])
    RegistrationFactory(event=event, organisation_type="vcse")
    RegistrationFactory(event=event, waitlisted=True)
    RegistrationFactory(event=event, cancelled=True)
    RegistrationFactory(event=event, pending=True)

    statistics = selectors.event_statistics(event=event)

    assert (statistics.registered, statistics.waitlisted, statistics.cancelled) == (3, 1, 1)
    assert (statistics.pending, statistics.basis, statistics.total) == (1, "registered", 3)
    assert (statistics.arts, statistics.arts_percent) == (2, 67)
    assert [(s.label, s.count, s.percent) for s in statistics.by_type] == [
        ("Arts or cultural organisation", 2, 67),
        ("Voluntary, community or social enterprise", 1, 33),
    ]
    assert [(s.label, s.count) for s in statistics.by_art_form] == [("Dance", 2)]


def test_event_statistics_once_held_count_those_who_came(organiser):
    event = make_event(organiser, days=-1)
    RegistrationFactory(event=event, arts=True, attended=True)
    for _ in range(4):
        RegistrationFactory(event=event, attended=True)
    RegistrationFactory(event=event, arts=True)
    event = events.event_mark_held(actor=organiser.user, event=event)

    statistics = selectors.event_statistics(event=event)

    assert (statistics.basis, statistics.total, statistics.attended) == ("attended", 5, 5)
    assert (statistics.no_show, statistics.arts, statistics.arts_percent) == (1, 1, 20)


def test_event_statistics_count_invitations_that_registered(event, organiser):
    invited = [OrganisationFactory(name=f"Invited {n}") for n in range(3)]
    invitations.invitations_send(actor=organiser.user, event=event, organisations=invited)
    RegistrationFactory(event=event, organisation=invited[0])

    statistics = selectors.event_statistics(event=event)

    assert (statistics.invited, statistics.invited_registered) == (3, 1)


def test_event_statistics_of_an_empty_event_are_zero(event):
    statistics = selectors.event_statistics(event=event)

    assert (statistics.total, statistics.arts_percent, statistics.by_type) == (0, 0, [])


def test_programme_statistics_compare_the_programmes_events(organiser, programme):
    first = make_event(organiser, programme=programme, title="First", days=-10)
    RegistrationFactory(event=first, arts=True, attended=True)
    RegistrationFactory(event=first, attended=True)
    events.event_mark_held(actor=organiser.user, event=first)
    second = make_event(organiser, programme=programme, title="Second", days=10)
    for _ in range(3):
        RegistrationFactory(event=second)
    RegistrationFactory(event=second, arts=True)
    make_event(organiser, programme=programme, title="Draft", publish=False)

    rows = selectors.programme_statistics(programme=programme)

    assert [
        (
            r.event.title,
            r.registered,
            r.arts_percent_registered,
            r.attended,
            r.arts_percent_attended,
        )
        for r in rows
    ] == [("First", 2, 50, 2, 50), ("Second", 4, 25, 0, 0)]


# iCalendar ------------------------------------------------------------------------------------


def _parse(response) -> icalendar.Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_parses_back_with_the_event_in_uk_time(client, organiser):
    start = datetime.datetime(2031, 7, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    event = make_event(
        organiser,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=5, minutes=30),
        online_details="https://meet.example.org/secret-room passcode 9999",
    )

    calendar = _parse(client.get(reverse("engagement:event_ics", args=[event.pk])))

    [component] = calendar.walk("VEVENT")
    assert str(component["summary"]) == event.title
    assert component.decoded("dtstart") == start
    assert component.decoded("dtstart").tzinfo == ZoneInfo("Europe/London")
    assert component.decoded("dtend") == start + datetime.timedelta(hours=5, minutes=30)
    assert str(component["location"]) == (
        "The Marlowe Theatre, The Friars, Canterbury, CT1 2AS and online"
    )
    assert str(component["url"]).endswith(f"/events/{event.pk}/")
    assert "secret-room" not in response_text(calendar)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def response_text(calendar: icalendar.Calendar) -> str:
    return calendar.to_ical().decode()


def test_feed_ics_lists_open_and_held_events_only(client, organiser):
    open_event = make_event(organiser, title="Open")
    held = make_event(organiser, title="Held", days=-3)
    events.event_mark_held(actor=organiser.user, event=held)
    make_event(organiser, title="Draft", publish=False)
    cancelled = make_event(organiser, title="Cancelled")
    events.event_cancel(actor=organiser.user, event=cancelled, reason="Snow.")

    calendar = _parse(client.get(reverse("engagement:feed")))

    titles = sorted(str(c["summary"]) for c in calendar.walk("VEVENT"))
    assert titles == ["Held", "Open"]
    uids = {str(c["uid"]) for c in calendar.walk("VEVENT")}
    assert f"event-{open_event.pk}@localhost" in uids


def test_feed_ics_with_no_events_is_still_a_calendar(client):
    calendar = _parse(client.get(reverse("engagement:feed")))

    assert calendar.walk("VEVENT") == []
    assert str(calendar["version"]) == "2.0"


def test_event_ics_of_a_draft_is_not_found_for_the_public(client, organiser):
    event = make_event(organiser, publish=False)

    assert client.get(reverse("engagement:event_ics", args=[event.pk])).status_code == 404
