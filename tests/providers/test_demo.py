"""The demo directory: full profiles for the demo arts organisations, loaded by `seed_demo`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.demo import ARTS_ORGANISATIONS
from core.models import AuditEntry
from providers.demo import PROFILES
from providers.models import (
    Activity,
    Evidence,
    ProviderDocument,
    ProviderProfile,
    TrackRecord,
    Venue,
)
from providers.selectors import (
    DirectoryFilters,
    directory_queryset,
    profile_completeness,
    support_needs_summary,
)


def _seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (ProviderProfile, Activity, Venue, TrackRecord, Evidence, ProviderDocument)
    } | {"audit": AuditEntry.objects.filter(content_type__app_label="providers").count()}


@pytest.fixture
def seeded(db) -> None:
    _seed()


def test_every_demo_arts_organisation_has_a_profile():
    assert set(PROFILES) == {name for name, *_ in ARTS_ORGANISATIONS}


def test_seeding_twice_changes_nothing(seeded):
    before = _counts()
    _seed()
    assert _counts() == before
    assert before["ProviderProfile"] == len(ARTS_ORGANISATIONS)
    assert before["Activity"] > len(ARTS_ORGANISATIONS)


def test_the_demo_directory_looks_real(seeded):
    # Most profiles are listed, with consent; two are not.
    assert ProviderProfile.objects.filter(is_listed=True).count() == len(ARTS_ORGANISATIONS) - 2
    unlisted = ProviderProfile.objects.filter(is_listed=False).values_list(
        "organisation__name", flat=True
    )
    assert sorted(unlisted) == ["Cinderford Youth Music", "Ramsgate Photography Project"]

    # Search: the dementia dance company is the best match for "dementia".
    results = list(directory_queryset(DirectoryFilters(q="dementia"))[:5])
    assert results[0].organisation.name == "Gloucestershire Dementia Dance"
    assert len(results) > 1

    # Areas served: the town's district and its county (Medway is a unitary authority).
    thanet = ProviderProfile.objects.get(organisation__name="Thanet Tidal Dance")
    assert set(thanet.areas_served.values_list("code", flat=True)) == {"E07000114", "E10000016"}
    medway = ProviderProfile.objects.get(organisation__name="Medway Maker Theatre")
    assert list(medway.areas_served.values_list("code", flat=True)) == ["E06000035"]

    # Commissioners see the support the providers would like, in aggregate.
    needs = dict(support_needs_summary(ProviderProfile.objects.filter(is_listed=True)))
    assert needs["Bid writing"] > needs["Safeguarding"] > 0


def test_documents_expire_and_medway_is_the_demo_provider_admins_work(seeded):
    today = timezone.localdate()
    expired = ProviderDocument.objects.filter(expires_on__lt=today)
    assert expired.count() == 1
    assert expired.get().is_expired
    assert any(d.expires_soon for d in ProviderDocument.objects.all())
    assert ProviderDocument.objects.first().file.read(5) == b"%PDF-"

    profile = ProviderProfile.objects.get(organisation__name="Medway Maker Theatre")
    entries = AuditEntry.objects.filter(organisation=profile.organisation)
    assert entries.exists()
    assert set(entries.values_list("actor__email", flat=True)) == {"provider@example.org"}
    assert profile_completeness(profile) == (100, [])
    others = AuditEntry.objects.filter(
        organisation__name="Gloucestershire Dementia Dance", action="profile.update"
    )
    assert others.get().actor is None
