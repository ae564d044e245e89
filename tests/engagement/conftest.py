"""Events built through the services, as a commissioner would."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from engagement.services import events
from tests.conftest import with_totp
from tests.factories import MembershipFactory, OrganisationFactory, ProgrammeFactory


@pytest.fixture
def organiser(db):
    """An admin of Kent County Council, with MFA set up."""
    membership = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(commissioner=True, name="Kent County Council"),
        user__full_name="Jo Marsh",
    )
    with_totp(membership.user)
    return membership


@pytest.fixture
def programme(organiser):
    return ProgrammeFactory(organisation=organiser.organisation, name="Community wellbeing")


def make_event(organiser, *, publish: bool = True, days: float = 14, **fields):
    starts = timezone.now() + datetime.timedelta(days=days)
    defaults = {
        "kind": "market_engagement",
        "title": "Community mental health and wellbeing: market engagement",
        "description": "Hear about the tender and meet potential partners.",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=5),
        "venue_name": "The Marlowe Theatre",
        "venue_address": "The Friars, Canterbury",
        "venue_postcode": "CT1 2AS",
        **fields,
    }
    event = events.event_create(
        actor=organiser.user, organisation=organiser.organisation, **defaults
    )
    if publish:
        event = events.event_publish(actor=organiser.user, event=event)
    event.refresh_from_db()
    return event


@pytest.fixture
def event(organiser, programme):
    return make_event(organiser, programme=programme, capacity=3)


@pytest.fixture
def provider(db):
    """An admin of an arts organisation."""
    return MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(name="Thanet Tidal Dance"),
        user__full_name="Robin Shaw",
    )


def new_provider(name: str = "Folkestone Harbour Arts"):
    return MembershipFactory(admin=True, organisation=OrganisationFactory(name=name))
