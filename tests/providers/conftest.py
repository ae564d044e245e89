"""Fixtures for the provider directory's service and search tests, built through the services
so the search index is exactly what production builds."""

from __future__ import annotations

import pytest

from accounts.models import Organisation
from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea
from providers.services import profiles
from tests.factories import MembershipFactory, OrganisationFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def make_profile(
    name: str,
    *,
    listed: bool = True,
    summary: str = "Community arts for health and wellbeing.",
    art_forms: tuple[str, ...] = ("Dance",),
    outcomes: tuple[str, ...] = ("Wellbeing",),
    beneficiaries: tuple[str, ...] = (),
    areas: tuple[str, ...] = ("E10000016",),
    settings: tuple[str, ...] = (),
    support_needs: tuple[str, ...] = (),
    organisation_type: str = "arts_cultural",
    activities: tuple[tuple[str, str], ...] = (),
    staff_band: str = "",
):
    organisation: Organisation = OrganisationFactory(name=name, type=organisation_type)
    admin = MembershipFactory(organisation=organisation, admin=True).user
    profile = profiles.profile_ensure(organisation=organisation)
    profiles.profile_update(
        actor=admin,
        profile=profile,
        summary=summary,
        contact_name="Jo Bloggs",
        contact_email="jo@example.org",
        settings=list(settings),
        support_needs=list(support_needs),
        staff_band=staff_band,
        art_forms=ArtForm.objects.filter(name__in=art_forms),
        outcome_areas=OutcomeArea.objects.filter(name__in=outcomes),
        beneficiary_groups=BeneficiaryGroup.objects.filter(name__in=beneficiaries),
        areas_served=Area.objects.filter(code__in=areas),
    )
    for activity_name, description in activities:
        profiles.activity_save(
            actor=admin, profile=profile, name=activity_name, description=description
        )
    if listed:
        profiles.profile_set_listed(actor=admin, profile=profile, listed=True)
    profile.refresh_from_db()
    profile.admin = admin
    return profile


@pytest.fixture
def profile_factory(db):
    return make_profile
