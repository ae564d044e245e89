"""One factory per engagement model, with traits for the states tests need."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from engagement.constants import Attendance, EventStatus, MaterialKind, RegistrationStatus
from engagement.models import (
    AttendeeProfile,
    ContactMessage,
    Event,
    EventInvitation,
    EventQuestion,
    Material,
    ProgrammeInterest,
    Registration,
)
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory


def _in(days: float, hours: float = 0) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days, hours=hours)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    organisation = factory.SubFactory(OrganisationFactory, commissioner=True)
    kind = "market_engagement"
    title = factory.Sequence(lambda n: f"Market engagement event {n}")
    description = "Find out about the tender and meet potential partners."
    starts_at = factory.LazyFunction(lambda: _in(14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=4))
    venue_name = "The Marlowe Theatre"
    venue_address = "The Friars, Canterbury"
    venue_postcode = "CT1 2AS"
    status = EventStatus.DRAFT

    class Params:
        published = factory.Trait(
            status=EventStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )
        held = factory.Trait(
            status=EventStatus.HELD,
            starts_at=factory.LazyFunction(lambda: _in(-7)),
            published_at=factory.LazyFunction(lambda: _in(-30)),
            held_at=factory.LazyFunction(lambda: _in(-6)),
        )
        online = factory.Trait(
            venue_name="",
            venue_address="",
            venue_postcode="",
            online_details="https://meet.example.org/kent-mh, passcode 4321",
        )


class ProgrammeInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeInterest

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    registered_by = factory.SubFactory(UserFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory, published=True)
    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"attendee{n}@example.org")
    organisation_name = factory.Sequence(lambda n: f"Attending organisation {n}")
    organisation_type = "vcse"
    status = RegistrationStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        waitlisted = factory.Trait(
            status=RegistrationStatus.WAITLISTED,
            confirmed_at=None,
            waitlisted_at=factory.LazyFunction(timezone.now),
        )
        pending = factory.Trait(status=RegistrationStatus.PENDING, confirmed_at=None)
        cancelled = factory.Trait(
            status=RegistrationStatus.CANCELLED, cancelled_at=factory.LazyFunction(timezone.now)
        )
        attended = factory.Trait(
            attendance=Attendance.ATTENDED, checked_in_at=factory.LazyFunction(timezone.now)
        )
        arts = factory.Trait(organisation_type="arts_cultural", is_arts_cultural=True)


class AttendeeProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendeeProfile

    registration = factory.SubFactory(RegistrationFactory)
    organisation = factory.LazyAttribute(
        lambda o: o.registration.organisation if o.registration else None
    )
    name = factory.LazyAttribute(lambda o: o.registration.name if o.registration else "Sam Lee")
    organisation_name = factory.LazyAttribute(
        lambda o: o.registration.organisation_name if o.registration else "Interested organisation"
    )
    organisation_type = "vcse"
    about = "We run community singing groups for people living with dementia across east Kent."
    consented_at = factory.LazyFunction(timezone.now)

    class Params:
        unshared = factory.Trait(consented_at=None)
        partners = factory.Trait(
            looking_for_partners=True, partner_note="A mental health provider to lead a bid."
        )


class EventInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventInvitation

    event = factory.SubFactory(EventFactory, published=True)
    organisation = factory.SubFactory(OrganisationFactory)
    sent_to = factory.LazyFunction(lambda: ["admin@example.org"])


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    event = factory.SubFactory(EventFactory, published=True)
    kind = MaterialKind.NOTES
    title = factory.Sequence(lambda n: f"Notes {n}")
    body = "What we discussed in the morning session."


class EventQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventQuestion

    event = factory.SubFactory(EventFactory, published=True)
    question = "Can small organisations join the delivery network without bidding?"
    answer = "Yes: the strategic partners re-grant an innovation pot to small groups."


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMessage

    event = factory.SubFactory(EventFactory, published=True)
    sender = factory.SubFactory(UserFactory)
    sender_name = "Alex Reed"
    recipient_organisation = "Thanet Tidal Dance"
    body = "Would you like to talk about a joint bid?"
