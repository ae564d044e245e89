"""Profiles and consent, the board, expressions of interest and "contact this organisation",
through the services and selectors."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail

from commissioning.models import ArtForm
from core.errors import ApplicationError
from core.models import AuditEntry
from engagement import selectors
from engagement.constants import CONTACT_DAILY_LIMIT, PROFILE_WORD_LIMIT
from engagement.models import AttendeeProfile, ContactMessage
from engagement.selectors import BoardFilters
from engagement.services import profiles, registrations
from tests.engagement.conftest import make_event, new_provider
from tests.engagement.factories import (
    AttendeeProfileFactory,
    ContactMessageFactory,
    ProgrammeInterestFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

ABOUT = "We run contemporary dance for people living with Parkinson's in Thanet."


def _save(registration, **kwargs):
    defaults = {"actor": None, "about": ABOUT, "consent": True}
    return profiles.profile_save(registration=registration, **defaults | kwargs)


def test_profile_save_with_consent_appears_on_the_board(event):
    registration = RegistrationFactory(event=event)

    profile = _save(registration, looking_for_partners=True, partner_note="A lead provider.")

    assert profile.is_shared
    assert list(selectors.board_profiles(event=event)) == [profile]
    entry = AuditEntry.objects.get(action="profile.create")
    assert entry.after == {"consented": True, "looking_for_partners": True, "words": 11}


def test_profile_without_consent_never_appears_on_the_board(event):
    registration = RegistrationFactory(event=event)

    profile = _save(registration, consent=False)

    assert not profile.is_shared
    assert list(selectors.board_profiles(event=event)) == []
    assert list(selectors.board_profiles(event=event, filters=BoardFilters(q="Parkinson"))) == []


def test_profile_consent_withdrawn_by_saving_without_it(event):
    profile = _save(RegistrationFactory(event=event))

    _save(profile.registration, consent=False)

    assert list(selectors.board_profiles(event=event)) == []


def test_profile_over_the_word_limit_refused_and_nothing_saved(event):
    registration = RegistrationFactory(event=event)
    words = " ".join(["word"] * (PROFILE_WORD_LIMIT + 1))

    with pytest.raises(ApplicationError, match=f"{PROFILE_WORD_LIMIT} words or fewer. It has 151"):
        _save(registration, about=words)

    assert AttendeeProfile.objects.count() == 0


def test_profile_change_refused_once_the_event_starts_but_withdrawal_allowed(event):
    profile = _save(RegistrationFactory(event=event))

    with time_machine.travel(event.starts_at + datetime.timedelta(minutes=1), tick=False):
        with pytest.raises(ApplicationError, match="until the event starts"):
            _save(profile.registration, about="Changed")
        profiles.profile_withdraw(actor=None, profile=profile)

    assert AttendeeProfile.objects.count() == 0
    assert AuditEntry.objects.get(action="profile.withdraw").before["consented"] is True


def test_profile_refused_for_a_cancelled_registration(event):
    registration = RegistrationFactory(event=event, cancelled=True)

    with pytest.raises(ApplicationError, match="Only people registered"):
        _save(registration)


def test_profile_of_a_cancelled_registration_leaves_the_board(event):
    profile = _save(RegistrationFactory(event=event))

    registrations.registration_cancel(actor=None, registration=profile.registration)

    assert list(selectors.board_profiles(event=event)) == []


def test_board_filters_by_art_form_kind_and_partners(event):
    dance = ArtForm.objects.get(name="Dance")
    dancer = _save(
        RegistrationFactory(event=event, arts=True),
        art_forms=[dance],
        looking_for_partners=True,
    )
    housing = _save(RegistrationFactory(event=event), about="Housing support in Medway.")

    def board(**filters):
        return list(selectors.board_profiles(event=event, filters=BoardFilters(**filters)))

    assert board(art_form=dance.pk) == [dancer]
    assert board(organisation_type="vcse") == [housing]
    assert board(looking_for_partners=True) == [dancer]
    assert board(q="housing") == [housing]


def test_board_shows_profiles_of_organisations_interested_in_the_programme(event):
    interest = ProgrammeInterestFactory(programme=event.programme)

    profile = profiles.profile_save(actor=None, interest=interest, about=ABOUT, consent=True)

    assert list(selectors.board_profiles(event=event)) == [profile]
    other = make_event(event.organisation.memberships.get(), title="Another programme's event")
    assert list(selectors.board_profiles(event=other)) == []


def test_programme_interest_twice_refused(programme, provider):
    profiles.programme_interest_register(
        actor=provider.user, programme=programme, organisation=provider.organisation
    )

    with pytest.raises(ApplicationError, match="already expressed interest"):
        profiles.programme_interest_register(
            actor=provider.user, programme=programme, organisation=provider.organisation
        )


def test_programme_interest_refused_for_a_commissioner(programme, organiser):
    with pytest.raises(ApplicationError, match="Only providers"):
        profiles.programme_interest_register(
            actor=organiser.user, programme=programme, organisation=organiser.organisation
        )


def test_programme_interested_organisations_is_the_public_list(event, provider):
    registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    RegistrationFactory(event=event, organisation_name="A guest's own name")
    interested = new_provider("Zennor Print Studio")
    ProgrammeInterestFactory(programme=event.programme, organisation=interested.organisation)

    assert selectors.programme_interested_organisations(programme=event.programme) == [
        "Thanet Tidal Dance",
        "Zennor Print Studio",
    ]


# Contact ----------------------------------------------------------------------------------------


def test_contact_send_emails_the_author_without_showing_addresses(
    event, provider, django_capture_on_commit_callbacks
):
    profile = _save(RegistrationFactory(event=event, email="marina@thanet.example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        message = profiles.contact_send(
            event=event,
            profile=profile,
            body="Shall we bid together?",
            sender=provider.user,
            sender_organisation=provider.organisation,
        )

    assert message.recipient_organisation == profile.organisation_name
    assert [m.to for m in mail.outbox] == [["marina@thanet.example.org"]]
    assert "Shall we bid together?" in mail.outbox[0].body
    assert provider.user.email not in mail.outbox[0].body
    assert "marina@" not in str(AuditEntry.objects.get(action="contact.send").after)


def test_contact_send_shares_the_senders_email_only_when_asked(
    event, provider, django_capture_on_commit_callbacks
):
    profile = _save(RegistrationFactory(event=event))

    with django_capture_on_commit_callbacks(execute=True):
        profiles.contact_send(
            event=event, profile=profile, body="Hello", sender=provider.user, share_email=True
        )

    assert provider.user.email in mail.outbox[0].body


def test_contact_send_refused_for_a_profile_without_consent(event, provider):
    profile = _save(RegistrationFactory(event=event), consent=False)

    with pytest.raises(ApplicationError, match="no longer shared"):
        profiles.contact_send(event=event, profile=profile, body="Hi", sender=provider.user)

    assert ContactMessage.objects.count() == 0


def test_contact_send_to_your_own_profile_refused(event, provider):
    registration = registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    profile = _save(registration)

    with pytest.raises(ApplicationError, match="your own profile"):
        profiles.contact_send(event=event, profile=profile, body="Hi", sender=provider.user)


def test_contact_send_refused_when_empty_or_too_long(event, provider):
    profile = _save(RegistrationFactory(event=event))

    with pytest.raises(ApplicationError, match=r"Write your message\."):
        profiles.contact_send(event=event, profile=profile, body="  ", sender=provider.user)
    with pytest.raises(ApplicationError, match="2,000 characters or fewer"):
        profiles.contact_send(event=event, profile=profile, body="x" * 2001, sender=provider.user)


def test_contact_send_limited_each_day(event, provider):
    profile = _save(RegistrationFactory(event=event))
    ContactMessageFactory.create_batch(CONTACT_DAILY_LIMIT, event=event, sender=provider.user)

    with pytest.raises(ApplicationError, match="messages a day"):
        profiles.contact_send(event=event, profile=profile, body="Hi", sender=provider.user)


def test_contact_send_by_a_guest_through_their_registration(
    event, django_capture_on_commit_callbacks
):
    profile = _save(RegistrationFactory(event=event))
    guest = RegistrationFactory(event=event, name="Sam Lee", organisation_name="Sam Lee Music")

    with django_capture_on_commit_callbacks(execute=True):
        profiles.contact_send(event=event, profile=profile, body="Hello", sender_registration=guest)

    assert "Sam Lee of Sam Lee Music" in mail.outbox[0].subject
    assert guest.email not in mail.outbox[0].body


def test_attendee_profile_factory_builds_a_shared_profile(event):
    profile = AttendeeProfileFactory(registration=RegistrationFactory(event=event))

    assert list(selectors.board_profiles(event=event)) == [profile]
