"""Creating, changing and moving events through their life, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from commissioning.models import Area
from core.errors import ApplicationError
from core.models import AuditEntry
from engagement.constants import Attendance, EventStatus, RegistrationStatus
from engagement.models import Event
from engagement.services import events, registrations
from tests.engagement.conftest import make_event
from tests.engagement.factories import RegistrationFactory
from tests.factories import ProgrammeFactory
from tests.tenders.conftest import build_opportunity

pytestmark = pytest.mark.django_db


def test_event_create_starts_from_the_opportunitys_outcomes_art_forms_and_areas(organiser):
    opportunity = build_opportunity(organiser)

    event = make_event(organiser, opportunity=opportunity, publish=False)

    assert event.programme == opportunity.programme
    assert [o.name for o in event.outcome_areas.all()] == ["Mental health"]
    assert [a.code for a in event.areas.all()] == ["E10000016"]
    assert event.status == EventStatus.DRAFT
    entry = AuditEntry.objects.get(action="event.create")
    assert entry.after["opportunity"] == opportunity.reference


def test_event_create_starts_from_the_programmes_terms_without_an_opportunity(organiser, programme):
    programme.areas.set(Area.objects.filter(code="E10000016"))

    event = make_event(organiser, programme=programme, publish=False)

    assert [a.code for a in event.areas.all()] == ["E10000016"]


def test_event_create_refuses_an_opportunity_of_another_programme(organiser, programme):
    opportunity = build_opportunity(organiser)

    with pytest.raises(ApplicationError, match="belongs to the programme"):
        make_event(organiser, programme=programme, opportunity=opportunity)

    assert Event.objects.count() == 0


def test_event_create_refuses_another_organisations_programme(organiser):
    other = ProgrammeFactory()

    with pytest.raises(ApplicationError, match="your own organisation's programmes"):
        make_event(organiser, programme=other)


def test_event_create_refuses_an_end_before_the_start(organiser):
    starts = timezone.now() + datetime.timedelta(days=3)

    with pytest.raises(ApplicationError, match="must end after it starts"):
        make_event(organiser, starts_at=starts, ends_at=starts - datetime.timedelta(hours=1))

    assert Event.objects.count() == 0


def test_event_create_refuses_no_venue_and_no_online_details(organiser):
    with pytest.raises(ApplicationError, match=r"Give a venue, online joining details, or both\."):
        make_event(organiser, venue_name="", venue_address="", venue_postcode="")


def test_event_create_refuses_a_provider_organisation(provider):
    with pytest.raises(ApplicationError, match="Only commissioning organisations"):
        events.event_create(
            actor=provider.user,
            organisation=provider.organisation,
            kind="networking",
            title="Our own event",
            description="Hello",
            starts_at=timezone.now() + datetime.timedelta(days=1),
            ends_at=timezone.now() + datetime.timedelta(days=1, hours=2),
            venue_name="Our studio",
        )


def test_event_publish_audits_and_lists_it(organiser):
    event = make_event(organiser)

    assert event.status == EventStatus.PUBLISHED
    assert event.published_at is not None
    entry = AuditEntry.objects.get(action="event.published")
    assert (entry.before, entry.after) == ({"status": "draft"}, {"status": "published"})


def test_event_publish_twice_refused(organiser):
    event = make_event(organiser)

    with pytest.raises(ApplicationError, match="cannot become open"):
        events.event_publish(actor=organiser.user, event=event)


def test_event_update_cannot_drop_below_the_places_taken(organiser, event):
    RegistrationFactory.create_batch(2, event=event)

    with pytest.raises(ApplicationError, match="2 people already have places"):
        events.event_update(actor=organiser.user, event=event, capacity=1)

    event.refresh_from_db()
    assert event.capacity == 3


def test_event_update_with_more_places_promotes_the_waiting_list(
    organiser, event, django_capture_on_commit_callbacks
):
    RegistrationFactory.create_batch(3, event=event)
    first = RegistrationFactory(event=event, waitlisted=True)
    second = RegistrationFactory(event=event, waitlisted=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        events.event_update(actor=organiser.user, event=event, capacity=4)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    )
    assert [m.to for m in mail.outbox] == [[first.email]]


def test_event_update_of_the_time_emails_everyone_registered(
    organiser, event, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(event=event)
    RegistrationFactory(event=event, cancelled=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        events.event_update(
            actor=organiser.user,
            event=event,
            starts_at=event.starts_at + datetime.timedelta(hours=1),
            ends_at=event.ends_at + datetime.timedelta(hours=1),
        )

    assert [m.to for m in mail.outbox] == [[registration.email]]
    assert "Changed:" in mail.outbox[0].subject


def test_event_update_of_the_description_emails_nobody(
    organiser, event, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        events.event_update(actor=organiser.user, event=event, description="A longer description.")

    assert mail.outbox == []


def test_event_cancel_needs_a_reason(organiser, event):
    with pytest.raises(ApplicationError, match="Give the reason"):
        events.event_cancel(actor=organiser.user, event=event, reason=" ")

    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_event_cancel_emails_everyone_registered_the_reason(
    organiser, event, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(event=event)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        events.event_cancel(actor=organiser.user, event=event, reason="The venue has flooded.")

    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert [m.to for m in mail.outbox] == [[registration.email]]
    assert "The venue has flooded." in mail.outbox[0].body


def test_event_mark_held_refused_before_it_starts(organiser, event):
    with pytest.raises(ApplicationError, match="once it has started"):
        events.event_mark_held(actor=organiser.user, event=event)


def test_event_mark_held_records_no_shows(organiser):
    event = make_event(organiser, days=-1)
    came = RegistrationFactory(event=event, attended=True)
    missed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, waitlisted=True)

    held = events.event_mark_held(actor=organiser.user, event=event)

    assert held.no_show_count == 1
    for registration in (came, missed, waiting):
        registration.refresh_from_db()
    assert [came.attendance, missed.attendance, waiting.attendance] == [
        Attendance.ATTENDED,
        Attendance.NO_SHOW,
        Attendance.UNKNOWN,
    ]
    assert AuditEntry.objects.filter(action="registration.no_show").count() == 1


def test_event_summary_needs_the_event_held(organiser, event):
    with pytest.raises(ApplicationError, match="once the event has been recorded as held"):
        events.event_summary_save(actor=organiser.user, event=event, heard="a", changes="b")


def test_event_summary_needs_some_text(organiser):
    event = make_event(organiser, days=-1)
    events.event_mark_held(actor=organiser.user, event=event)

    with pytest.raises(ApplicationError, match="Say what you heard"):
        events.event_summary_save(actor=organiser.user, event=event, heard=" ", changes="")


def test_event_summary_saved_and_audited(organiser):
    event = make_event(organiser, days=-1)
    events.event_mark_held(actor=organiser.user, event=event)

    events.event_summary_save(
        actor=organiser.user, event=event, heard="Providers want lots.", changes="Two lots."
    )

    event.refresh_from_db()
    assert (event.summary_heard, event.summary_changes) == ("Providers want lots.", "Two lots.")
    assert AuditEntry.objects.get(action="event.summary").after["summary_changes"] == "Two lots."


def test_registration_after_cancellation_refused(organiser, event, provider):
    events.event_cancel(actor=organiser.user, event=event, reason="Snow.")

    with pytest.raises(ApplicationError, match=r"This event has been cancelled\."):
        registrations.registration_create(
            actor=provider.user, event=event, organisation=provider.organisation
        )
