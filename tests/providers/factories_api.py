"""Complete provider profiles for the API and open-data tests, built through the services (so
the search index and audit trail are what production builds)."""

from __future__ import annotations

import itertools

from accounts.services import organisation_update
from providers.models import ProviderProfile
from providers.services import profiles
from tests.providers.conftest import make_profile

_numbers = itertools.count(1)


def full_profile(
    name: str = "Thanet Tidal Dance",
    *,
    listed: bool = True,
    charity_number: str | None = None,
    company_number: str | None = None,
    **kwargs,
) -> ProviderProfile:
    """A profile with everything the HSDS documents carry: identifiers, a website, a named
    contact with a phone, a venue, an activity, terms of all four vocabularies and an area."""
    profile = make_profile(
        name,
        listed=False,
        art_forms=("Dance", "Music"),
        outcomes=("Wellbeing",),
        beneficiaries=("Older people",),
        settings=("care_homes", "community_centres"),
        activities=(),
        **kwargs,
    )
    admin = profile.admin
    organisation_update(
        actor=admin,
        organisation=profile.organisation,
        charity_number=charity_number or str(1_200_000 + next(_numbers)),
        company_number=company_number or f"{9_000_000 + next(_numbers):08d}",
        website="https://tidal-dance.example.org",
        description="Dance with older people on the Kent coast.",
    )
    profiles.profile_update(
        actor=admin,
        profile=profile,
        legal_form="charitable_company",
        year_founded=2011,
        contact_phone="01843 123456",
    )
    profiles.venue_save(
        actor=admin,
        profile=profile,
        name="The Pavilion",
        address="1 Harbour Street\nRamsgate\nKent",
        postcode="CT11 8HA",
        accessibility="Step-free access and a hearing loop.",
    )
    profiles.activity_save(
        actor=admin,
        profile=profile,
        name="Seated dance for people living with dementia",
        description="Weekly gentle dance sessions with live music.",
        who_for="People living with dementia and their carers",
        eligibility="Living in Thanet",
        cost="Free",
        where="Care homes and community centres in Thanet",
    )
    if listed:
        profiles.profile_set_listed(actor=admin, profile=profile, listed=True)
    profile.refresh_from_db()
    profile.admin = admin
    return profile
