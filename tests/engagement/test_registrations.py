"""Registering, the waiting list, guests confirming by email, cancelling, check-in and
reminders, through the services."""

from __future__ import annotations

import datetime
import re
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.utils import timezone

from accounts.tokens import token_digest
from core.errors import ApplicationError
from core.models import AuditEntry
from engagement.constants import Attendance, RegistrationStatus
from engagement.models import EventInvitation, Registration
from engagement.services import events, registrations
from tests.engagement.conftest import make_event, new_provider
from tests.engagement.factories import RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.providers.conftest import make_profile

pytestmark = pytest.mark.django_db


def _register(provider, event, **kwargs):
    return registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation, **kwargs
    )


def _guest(event, email="sam@example.org", **kwargs):
    defaults = {
        "name": "Sam Lee",
        "organisation_name": "Sam Lee Music",
        "organisation_type": "freelance",
    }
    return registrations.registration_create_guest(event=event, email=email, **defaults | kwargs)


def _token_from(message) -> str:
    return re.search(r"/events/confirm/([^/\s]+)/", message.body).group(1)


# Signed-in registration -----------------------------------------------------------------------


def test_registration_create_gives_a_place_and_emails_it(
    event, provider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register(provider, event)

    assert registration.status == RegistrationStatus.CONFIRMED
    assert (registration.user, registration.organisation_name) == (
        provider.user,
        "Thanet Tidal Dance",
    )
    assert [m.to for m in mail.outbox] == [[provider.user.email]]
    assert "You have a place" in mail.outbox[0].body
    assert AuditEntry.objects.get(action="registration.create").after["status"] == "confirmed"


def test_registration_create_for_a_colleague_records_who_registered_them(event, provider):
    registration = _register(provider, event, name="Kim Park", email="kim@thanet.example.org")

    assert (registration.name, registration.email) == ("Kim Park", "kim@thanet.example.org")
    assert registration.registered_by == provider.user
    assert registration.user is None


def test_registration_create_counts_a_choir_as_arts_and_cultural_from_the_directory(event):
    profile = make_profile("Canterbury Choirs", organisation_type="vcse", art_forms=("Music",))
    choir = profile.organisation.memberships.get()

    registration = _register(choir, event)

    assert registration.is_arts_cultural is True
    assert [a.name for a in registration.art_forms.all()] == ["Music"]


def test_registration_create_for_a_housing_charity_is_not_arts_and_cultural(event):
    housing = new_provider("Medway Housing Support")
    housing.organisation.type = "vcse"
    housing.organisation.save()

    assert _register(housing, event).is_arts_cultural is False


def test_registration_create_twice_refused_and_nothing_added(event, provider):
    _register(provider, event)

    with pytest.raises(ApplicationError, match="already registered for this event"):
        _register(provider, event)

    assert event.registrations.count() == 1


def test_registration_create_with_an_invalid_colleague_email_refused(event, provider):
    with pytest.raises(ApplicationError, match="in the correct format"):
        _register(provider, event, name="Kim Park", email="kim at thanet")

    assert event.registrations.count() == 0


def test_registration_create_after_the_deadline_refused(organiser, provider):
    event = make_event(organiser, registration_deadline=timezone.now() + datetime.timedelta(days=1))

    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=2), tick=False),
        pytest.raises(ApplicationError, match="Registration for this event closed on"),
    ):
        _register(provider, event)

    assert event.registrations.count() == 0


def test_registration_create_when_full_joins_the_waiting_list(event, provider):
    RegistrationFactory.create_batch(3, event=event)

    registration = _register(provider, event)

    assert registration.status == RegistrationStatus.WAITLISTED
    assert registration.waitlisted_at is not None


def test_registration_create_for_providers_only_refuses_a_personal_registration(organiser):
    event = make_event(organiser, audience="providers")
    person = UserFactory()

    with pytest.raises(ApplicationError, match="Only providers can register"):
        registrations.registration_create(
            actor=person,
            event=event,
            organisation=None,
            organisation_name="Myself",
            organisation_type="freelance",
        )


def test_registration_create_by_invitation_only_refuses_the_uninvited(organiser, provider):
    event = make_event(organiser, audience="invited")

    with pytest.raises(ApplicationError, match="by invitation only"):
        _register(provider, event)

    EventInvitation.objects.create(event=event, organisation=provider.organisation)
    assert _register(provider, event).status == RegistrationStatus.CONFIRMED


def test_registration_create_for_an_organisation_you_do_not_belong_to_refused(event, provider):
    stranger = UserFactory()

    with pytest.raises(ApplicationError, match="organisations you belong to"):
        registrations.registration_create(
            actor=stranger, event=event, organisation=provider.organisation
        )


def test_registration_create_for_a_draft_refused(organiser, provider):
    event = make_event(organiser, publish=False)

    with pytest.raises(ApplicationError, match="not open for registration"):
        _register(provider, event)


# Guests ---------------------------------------------------------------------------------------


def test_guest_registration_holds_nothing_until_confirmed(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = _guest(event)

    assert registration.status == RegistrationStatus.PENDING
    assert "Confirm your place" in mail.outbox[0].subject
    token = _token_from(mail.outbox[0])
    assert registration.token_digest == token_digest(token)
    assert token not in str(Registration.objects.values().get(pk=registration.pk))


def test_guest_confirm_gives_a_place_and_the_link_works_once(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = _guest(event)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        confirmed, manage_token = registrations.registration_confirm(registration=registration)

    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert confirmed.token_digest == ""
    assert confirmed.manage_digest == token_digest(manage_token)
    assert f"/events/guest/{manage_token}/" in mail.outbox[0].body
    with pytest.raises(ApplicationError, match="already been used"):
        registrations.registration_confirm(registration=confirmed)


def test_guest_confirm_after_the_link_expired_refused(event):
    registration = _guest(event)

    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=4), tick=False),
        pytest.raises(ApplicationError, match="This link has expired"),
    ):
        registrations.registration_confirm(registration=registration)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_guest_confirm_when_full_joins_the_waiting_list(event):
    registration = _guest(event)
    RegistrationFactory.create_batch(3, event=event)

    confirmed, _ = registrations.registration_confirm(registration=registration)

    assert confirmed.status == RegistrationStatus.WAITLISTED


def test_guest_registering_again_before_confirming_sends_a_fresh_link(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _guest(event)
        second = _guest(event, name="Sam Lee-Jones")

    assert first.pk == second.pk
    assert event.registrations.count() == 1
    first_token, second_token = (_token_from(m) for m in mail.outbox)
    assert first_token != second_token
    second.refresh_from_db()
    assert second.token_digest == token_digest(second_token)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-email"}, "in the correct format"),
        ({"name": " "}, "Enter your name."),
        ({"organisation_name": ""}, "Enter the name of your organisation"),
        ({"organisation_type": "castle"}, "Choose what kind of organisation"),
    ],
)
def test_guest_registration_with_bad_input_refused_and_nothing_saved(event, changes, message):
    with pytest.raises(ApplicationError, match=message):
        _guest(event, **changes)

    assert event.registrations.count() == 0


def test_guest_registration_refused_for_a_providers_only_event(organiser):
    event = make_event(organiser, audience="providers")

    with pytest.raises(ApplicationError, match="Only providers signed in"):
        _guest(event)


def test_guest_registration_with_an_email_already_registered_refused(event, provider):
    RegistrationFactory(event=event, email="sam@example.org")

    with pytest.raises(ApplicationError, match="already registered"):
        _guest(event, email="SAM@example.org")


# Cancelling and the waiting list ---------------------------------------------------------------


def test_registration_cancel_promotes_the_first_on_the_waiting_list(
    event, provider, django_capture_on_commit_callbacks
):
    places = RegistrationFactory.create_batch(3, event=event)
    first = RegistrationFactory(event=event, waitlisted=True)
    second = RegistrationFactory(event=event, waitlisted=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registrations.registration_cancel(actor=None, registration=places[0])

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([places[0].email, first.email])
    assert "A place has come up" in next(m for m in mail.outbox if first.email in m.to).subject


def test_registration_cancel_from_the_waiting_list_frees_no_place(event):
    RegistrationFactory.create_batch(3, event=event)
    first = RegistrationFactory(event=event, waitlisted=True)
    second = RegistrationFactory(event=event, waitlisted=True)

    registrations.registration_cancel(actor=None, registration=first)

    second.refresh_from_db()
    assert second.status == RegistrationStatus.WAITLISTED


def test_registration_cancel_twice_refused(event):
    registration = RegistrationFactory(event=event)
    registrations.registration_cancel(actor=None, registration=registration)

    with pytest.raises(ApplicationError, match="already been cancelled"):
        registrations.registration_cancel(actor=None, registration=registration)


def test_registration_cancel_after_the_event_started_refused(organiser):
    event = make_event(organiser, days=-0.01)
    registration = RegistrationFactory(event=event)

    with pytest.raises(ApplicationError, match="The event has started"):
        registrations.registration_cancel(actor=None, registration=registration)


def test_registration_after_cancelling_is_allowed_again(event, provider):
    registration = _register(provider, event)
    registrations.registration_cancel(actor=provider.user, registration=registration)

    again = _register(provider, event)

    assert again.status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_over_book(organiser):
    """Twelve people register at once for five places: exactly five get one."""
    event = make_event(organiser, capacity=5)
    providers = [
        MembershipFactory(admin=True, organisation=OrganisationFactory(name=f"Provider {n}"))
        for n in range(12)
    ]
    barrier = threading.Barrier(len(providers))
    errors: list[BaseException] = []

    def register(member) -> None:
        try:
            barrier.wait(timeout=10)
            registrations.registration_create(
                actor=member.user, event=event, organisation=member.organisation
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(m,)) for m in providers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    statuses = list(event.registrations.values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 5
    assert statuses.count(RegistrationStatus.WAITLISTED) == 7


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_each_place_once(organiser):
    """Two people cancel at once: the two first on the waiting list get the two places."""
    event = make_event(organiser, capacity=2)
    places = RegistrationFactory.create_batch(2, event=event)
    waiting = [RegistrationFactory(event=event, waitlisted=True) for _ in range(3)]
    barrier = threading.Barrier(2)

    def cancel(registration) -> None:
        try:
            barrier.wait(timeout=10)
            registrations.registration_cancel(actor=None, registration=registration)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in places]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ]


# The organiser's additions and check-in -----------------------------------------------------------


def test_registration_add_by_the_organiser_ignores_the_deadline(organiser):
    event = make_event(
        organiser, registration_deadline=timezone.now() + datetime.timedelta(hours=1)
    )

    with time_machine.travel(timezone.now() + datetime.timedelta(days=1), tick=False):
        registration = registrations.registration_add(
            actor=organiser.user,
            event=event,
            name="Pat Green",
            email="pat@example.org",
            organisation_name="Walk-in",
        )

    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.manage_digest != ""


def test_attendance_record_ticks_in_and_undoes(organiser):
    event = make_event(organiser, days=0.1)
    registration = RegistrationFactory(event=event)

    ticked = registrations.attendance_record(
        actor=organiser.user, registration=registration, attended=True
    )
    assert (ticked.attendance, ticked.checked_in_at is not None) == (Attendance.ATTENDED, True)

    undone = registrations.attendance_record(
        actor=organiser.user, registration=registration, attended=False
    )
    assert (undone.attendance, undone.checked_in_at) == (Attendance.UNKNOWN, None)
    assert AuditEntry.objects.filter(action="registration.attendance").count() == 2


def test_attendance_record_refused_for_the_waiting_list(organiser):
    event = make_event(organiser, days=0.1)
    registration = RegistrationFactory(event=event, waitlisted=True)

    with pytest.raises(ApplicationError, match="does not have a place"):
        registrations.attendance_record(
            actor=organiser.user, registration=registration, attended=True
        )


def test_attendance_record_refused_weeks_before(organiser, event):
    registration = RegistrationFactory(event=event)

    with pytest.raises(ApplicationError, match="Check-in opens the day before"):
        registrations.attendance_record(
            actor=organiser.user, registration=registration, attended=True
        )


# Reminders ------------------------------------------------------------------------------------


def test_reminders_sent_once_to_people_with_a_place_within_two_days(
    organiser, django_capture_on_commit_callbacks
):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    event = make_event(
        organiser,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        online_details="https://meet.example.org/kent, passcode 4321",
    )
    place = RegistrationFactory(event=event)
    RegistrationFactory(event=event, waitlisted=True)
    RegistrationFactory(event=event, cancelled=True)

    with (
        time_machine.travel(start - datetime.timedelta(days=3), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert registrations.reminders_send() == 0

    with (
        time_machine.travel(start - datetime.timedelta(hours=47), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert registrations.reminders_send() == 1
        assert registrations.reminders_send() == 0

    assert [m.to for m in mail.outbox] == [[place.email]]
    assert "passcode 4321" in mail.outbox[0].body
    place.refresh_from_db()
    assert place.reminded_at == start - datetime.timedelta(hours=47)


def test_reminders_not_sent_for_a_cancelled_event(organiser):
    start = timezone.now() + datetime.timedelta(days=1)
    event = make_event(organiser, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    RegistrationFactory(event=event)
    events.event_cancel(actor=organiser.user, event=event, reason="Snow.")

    assert registrations.reminders_send() == 0


def test_reminders_task_runs_the_service(organiser):
    from engagement.tasks import reminders_send  # noqa: PLC0415

    start = timezone.now() + datetime.timedelta(hours=5)
    event = make_event(organiser, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    RegistrationFactory(event=event)

    assert reminders_send.delay().get() == 1


def test_reminders_are_scheduled_by_celery_beat(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["remind-event-attendees"]

    assert schedule["task"] == "engagement.reminders_send"
