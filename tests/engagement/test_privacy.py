"""Erasing an account removes the person from events: profiles withdrawn, names and addresses
gone from registrations, the registrations themselves (attendance figures) kept."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts import privacy
from engagement.models import AttendeeProfile, Registration
from tests.engagement.factories import AttendeeProfileFactory, RegistrationFactory
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_account_erase_withdraws_profiles_and_erases_registration_names():
    person = MembershipFactory(user__full_name="Ada Lovelace").user
    signed_in = RegistrationFactory(user=person, name="Ada Lovelace", email=person.email)
    as_guest = RegistrationFactory(name="Ada L", email=person.email.upper())
    AttendeeProfileFactory(registration=signed_in, consented_at=timezone.now())
    AttendeeProfileFactory(registration=as_guest, consented_at=timezone.now())
    someone_else = AttendeeProfileFactory(consented_at=timezone.now())

    privacy.account_erase(user=person)

    rows = Registration.objects.filter(pk__in=[signed_in.pk, as_guest.pk]).order_by("pk")
    assert [(r.name, r.email.endswith("@erased.invalid")) for r in rows] == [
        ("Erased person", True),
        ("Erased person", True),
    ]
    assert list(AttendeeProfile.objects.values_list("pk", flat=True)) == [someone_else.pk]
