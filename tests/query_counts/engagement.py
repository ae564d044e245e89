"""Engagement: events (public, organiser's, calendar feed), registrations, the attendee
board, invitations and materials under one event."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation
from engagement.constants import EventStatus, RegistrationStatus
from engagement.models import AttendeeProfile, Event, EventInvitation, Material, Registration
from tests.engagement.factories import EventFactory
from tests.factories import ProgrammeFactory
from tests.query_counts.people import Counter, commissioner, provider
from tests.query_counts.providers import generated_profiles
from tests.query_counts.registry import View, page


def _grow_events(organisation, *, status: str = EventStatus.PUBLISHED, programme=None):
    counter = Counter()

    def grow(count: int) -> None:
        now = timezone.now()
        Event.objects.bulk_create(
            Event(
                organisation=organisation,
                programme=programme,
                kind="market_engagement",
                title=f"Measured event {n}",
                description="Meet potential partners.",
                starts_at=now + datetime.timedelta(days=10, hours=n),
                ends_at=now + datetime.timedelta(days=10, hours=n + 2),
                venue_name="The Marlowe Theatre",
                venue_address="The Friars, Canterbury",
                venue_postcode="CT1 2AS",
                status=status,
                published_at=now if status != EventStatus.DRAFT else None,
            )
            for n in counter.take(count)
        )

    return grow


def _public_events(name: str) -> View:
    return View(
        user=None,
        url=reverse(name),
        grow=_grow_events(commissioner().organisation),
        shows="Measured event 0",
    )


@page("engagement:event_list", who="anyone")
def event_list() -> View:
    return _public_events("engagement:event_list")


@page("engagement:feed", who="anyone (calendar feed)")
def feed() -> View:
    return _public_events("engagement:feed")


def _own_events(name: str) -> View:
    membership = commissioner()
    return View(
        user=membership.user,
        url=reverse(name),
        grow=_grow_events(membership.organisation, status=EventStatus.DRAFT),
        shows="Measured event 0",
    )


@page("engagement:manage_list", who="a commissioner of the organising organisation")
def manage_list() -> View:
    return _own_events("engagement:manage_list")


@page("api_events", who="anyone (published events)")
def api_events() -> View:
    return _public_events("api_events")


def _registrations(event, numbers, *, user=None, profiles: bool = False):
    now = timezone.now()
    registrations = Registration.objects.bulk_create(
        Registration(
            event=event,
            user=user,
            registered_by=user,
            name=f"Measured attendee {n}",
            email=f"measured-{event.pk}-{n}@example.org",
            organisation_name=f"Measured organisation {n}",
            organisation_type="vcse",
            status=RegistrationStatus.CONFIRMED,
            confirmed_at=now,
        )
        for n in numbers
    )
    if profiles:
        AttendeeProfile.objects.bulk_create(
            AttendeeProfile(
                registration=registration,
                name=registration.name,
                organisation_name=registration.organisation_name,
                organisation_type="vcse",
                about="We run community singing groups.",
                consented_at=now,
            )
            for registration in registrations
        )


def _under_event(name: str, make, *, shows: str | None = None) -> View:
    membership = commissioner()
    event = EventFactory(organisation=membership.organisation, published=True)
    counter = Counter()
    return View(
        user=membership.user,
        url=reverse(name, args=[event.pk]),
        grow=lambda count: make(event, counter.take(count)),
        shows=shows,
    )


@page("engagement:registration_manage_list", who="the event's organiser")
def registration_manage_list() -> View:
    return _under_event(
        "engagement:registration_manage_list", _registrations, shows="Measured attendee 0"
    )


@page("api_event_registrations", who="the event's organiser")
def api_event_registrations() -> View:
    return _under_event("api_event_registrations", _registrations, shows="Measured attendee 0")


@page("engagement:checkin", who="the event's organiser")
def checkin() -> View:
    return _under_event("engagement:checkin", _registrations, shows="Measured attendee 0")


def _board(name: str) -> View:
    return _under_event(
        name,
        lambda event, numbers: _registrations(event, numbers, profiles=True),
        shows="Measured organisation 0",
    )


@page("engagement:board", who="the event's organiser")
def board() -> View:
    return _board("engagement:board")


@page("engagement:board_print", who="the event's organiser")
def board_print() -> View:
    return _board("engagement:board_print")


@page("api_event_board", who="the event's organiser")
def api_event_board() -> View:
    return _board("api_event_board")


def _my_registrations(name: str, shows: str) -> View:
    attendee = provider()
    organiser = commissioner()
    counter = Counter()
    grow_events = _grow_events(organiser.organisation)

    def grow(count: int) -> None:
        numbers = counter.take(count)
        grow_events(count)
        events = Event.objects.filter(title__in=[f"Measured event {n}" for n in numbers])
        for number, event in zip(numbers, events.order_by("starts_at"), strict=True):
            _registrations(event, [number], user=attendee.user)

    return View(user=attendee.user, url=reverse(name), grow=grow, shows=shows)


@page("engagement:registration_list", who="the person who registered")
def registration_list() -> View:
    return _my_registrations("engagement:registration_list", "Measured event 0")


@page("api_registrations", who="the person who registered")
def api_registrations() -> View:
    return _my_registrations("api_registrations", "Measured attendee 0")


def _invitations(event, numbers):
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Measured invitee {n}", kind="provider", type="arts_cultural")
        for n in numbers
    )
    EventInvitation.objects.bulk_create(
        EventInvitation(event=event, organisation=o, sent_to=["admin@example.org"])
        for o in organisations
    )


@page("engagement:invitation_list", who="the event's organiser")
def invitation_list() -> View:
    return _under_event("engagement:invitation_list", _invitations, shows="Measured invitee 0")


@page("api_event_invitations", who="the event's organiser")
def api_event_invitations() -> View:
    return _under_event("api_event_invitations", _invitations, shows="Measured invitee 0")


@page("api_event_matching_providers", who="the event's organiser")
def api_event_matching_providers() -> View:
    # The event names no outcomes, art forms or areas: every listed provider matches.
    grow, _ = generated_profiles()
    return _under_event("api_event_matching_providers", lambda event, numbers: grow(len(numbers)))


def _materials(event, numbers):
    Material.objects.bulk_create(
        Material(event=event, kind="notes", title=f"Measured notes {n}", body="What we discussed.")
        for n in numbers
    )


@page("engagement:material_list", who="the event's organiser")
def material_list() -> View:
    return _under_event("engagement:material_list", _materials, shows="Measured notes 0")


@page("api_event_materials", who="the event's organiser")
def api_event_materials() -> View:
    return _under_event("api_event_materials", _materials, shows="Measured notes 0")


def _programme_events(name: str, *, public: bool = False) -> View:
    membership = commissioner()
    programme = ProgrammeFactory(organisation=membership.organisation)
    return View(
        user=None if public else membership.user,
        url=reverse(name, args=[programme.pk]),
        grow=_grow_events(membership.organisation, programme=programme),
        shows="Measured event 0",
    )


@page("engagement:programme_detail", who="anyone (a programme's events)")
def programme_detail() -> View:
    return _programme_events("engagement:programme_detail", public=True)


@page("engagement:programme_statistics", who="a commissioner of the programme's organisation")
def programme_statistics() -> View:
    return _programme_events("engagement:programme_statistics")


@page("api_programme_event_statistics", who="a commissioner of the programme's organisation")
def api_programme_event_statistics() -> View:
    return _programme_events("api_programme_event_statistics")
