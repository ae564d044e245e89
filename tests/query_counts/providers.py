"""Providers: a provider's own profile lists, the directory and its open-data feed,
shortlists and consortia."""

from __future__ import annotations

import datetime

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation
from bench import data
from commissioning.models import ArtForm
from providers.models import (
    Activity,
    Consortium,
    ConsortiumMember,
    Evidence,
    ProviderDocument,
    ProviderProfile,
    Shortlist,
    ShortlistEntry,
    TrackRecord,
    Venue,
)
from providers.services.profiles import directory_changed
from tests.factories import ProviderProfileFactory
from tests.query_counts.people import Counter, commissioner, provider
from tests.query_counts.registry import View, page


def generated_profiles():
    """grow(n) adds n listed providers with activities, facets and search index, as the bench's
    generator makes them (fast enough for 500); returns them for nesting."""
    seeds = Counter()
    made: list[ProviderProfile] = []

    def grow(count: int) -> list[ProviderProfile]:
        connection.ensure_connection()
        (seed,) = seeds.take(1)
        first, last = data.generate(connection.connection, count, seed=100 + seed)
        directory_changed()  # the generator writes behind the services' backs
        new = list(ProviderProfile.objects.filter(pk__range=(first, last)))
        made.extend(new)
        return new

    return grow, made


def _own_items(name: str, make, shows: str) -> View:
    membership = provider()
    profile = ProviderProfileFactory(organisation=membership.organisation)
    counter = Counter()

    def grow(count: int) -> None:
        model = type(make(profile, 0))
        model.objects.bulk_create(make(profile, n) for n in counter.take(count))

    return View(user=membership.user, url=reverse(name), grow=grow, shows=shows)


def _activity(profile, n):
    return Activity(
        profile=profile, name=f"Measured activity {n}", description="Weekly singing.", position=n
    )


def _document(profile, n):
    return ProviderDocument(
        profile=profile,
        kind="public_liability",
        file=f"providers/measured-{n}.pdf",
        file_type="application/pdf",
        expires_on=timezone.localdate() + datetime.timedelta(days=300 + n),
    )


@page("providers:activity_list", who="the provider's admin")
def activity_list() -> View:
    return _own_items("providers:activity_list", _activity, "Measured activity 0")


@page("api_profile_activities", who="the provider's admin")
def api_profile_activities() -> View:
    return _own_items("api_profile_activities", _activity, "Measured activity 0")


@page("providers:venue_list", who="the provider's admin")
def venue_list() -> View:
    return _own_items(
        "providers:venue_list",
        lambda profile, n: Venue(profile=profile, name=f"Measured hall {n}", postcode="ME14 1XQ"),
        "Measured hall 0",
    )


@page("providers:track_record_list", who="the provider's admin")
def track_record_list() -> View:
    return _own_items(
        "providers:track_record_list",
        lambda profile, n: TrackRecord(
            profile=profile, funder=f"Measured council {n}", year=2023, value_band="10k_50k"
        ),
        "Measured council 0",
    )


@page("providers:evidence_list", who="the provider's admin")
def evidence_list() -> View:
    return _own_items(
        "providers:evidence_list",
        lambda profile, n: Evidence(
            profile=profile, title=f"Measured case study {n}", summary="Dance with dementia."
        ),
        "Measured case study 0",
    )


@page("providers:document_list", who="the provider's admin")
def document_list() -> View:
    return _own_items("providers:document_list", _document, "Public liability")


@page("api_profile_documents", who="the provider's admin")
def api_profile_documents() -> View:
    return _own_items("api_profile_documents", _document, "public_liability")


def _directory(name: str, *, user=None) -> View:
    grow, _ = generated_profiles()
    return View(user=user, url=reverse(name), grow=lambda count: grow(count) and None)


@page("providers:directory", who="anyone")
def directory() -> View:
    return _directory("providers:directory")


@page("providers:directory_export", who="a commissioner (who keeps shortlists)")
def directory_export() -> View:
    return _directory("providers:directory_export", user=commissioner().user)


@page("api_directory", who="anyone")
def api_directory() -> View:
    return _directory("api_directory")


@page("hsds_organizations", who="anyone (open data)")
def hsds_organizations() -> View:
    return _directory("hsds_organizations")


@page("hsds_services", who="anyone (open data)")
def hsds_services() -> View:
    return _directory("hsds_services")


@page("hsds_taxonomy_terms", who="anyone (open data)")
def hsds_taxonomy_terms() -> View:
    counter = Counter()

    def grow(count: int) -> None:
        ArtForm.objects.bulk_create(
            ArtForm(name=f"Measured art form {n}", slug=f"measured-{n}")
            for n in counter.take(count)
        )

    # The vocabulary's own terms already fill the first page.
    return View(user=None, url=reverse("hsds_taxonomy_terms"), grow=grow, grows_page=False)


@page("providers:shortlist_list", who="a commissioner whose organisation keeps them")
def shortlist_list() -> View:
    membership = commissioner()
    counter = Counter()

    def grow(count: int) -> None:
        Shortlist.objects.bulk_create(
            Shortlist(
                organisation=membership.organisation,
                name=f"Measured shortlist {n}",
                created_by=membership.user,
            )
            for n in counter.take(count)
        )

    return View(
        user=membership.user,
        url=reverse("providers:shortlist_list"),
        grow=grow,
        shows="Measured shortlist 0",
    )


def _shortlist_entries(name: str) -> View:
    membership = commissioner()
    shortlist = Shortlist.objects.create(
        organisation=membership.organisation, name="Measured", created_by=membership.user
    )
    profiles, _ = generated_profiles()

    def grow(count: int) -> None:
        ShortlistEntry.objects.bulk_create(
            ShortlistEntry(shortlist=shortlist, profile=profile, added_by=membership.user)
            for profile in profiles(count)
        )

    return View(user=membership.user, url=reverse(name, args=[shortlist.pk]), grow=grow)


@page("providers:shortlist_detail", who="a commissioner whose organisation keeps it")
def shortlist_detail() -> View:
    return _shortlist_entries("providers:shortlist_detail")


@page("providers:shortlist_export", who="a commissioner whose organisation keeps it")
def shortlist_export() -> View:
    return _shortlist_entries("providers:shortlist_export")


def _consortia(name: str) -> View:
    membership = provider()
    counter = Counter()

    def grow(count: int) -> None:
        numbers = counter.take(count)
        leads = Organisation.objects.bulk_create(
            Organisation(name=f"Measured lead {n}", kind="provider", type="arts_cultural")
            for n in numbers
        )
        consortia = Consortium.objects.bulk_create(
            Consortium(name=f"Measured consortium {n}", lead=lead)
            for n, lead in zip(numbers, leads, strict=True)
        )
        ConsortiumMember.objects.bulk_create(
            ConsortiumMember(
                consortium=consortium,
                organisation=organisation,
                status="confirmed",
                responded_at=timezone.now(),
            )
            for consortium, lead in zip(consortia, leads, strict=True)
            for organisation in (lead, membership.organisation)
        )

    return View(user=membership.user, url=reverse(name), grow=grow, shows="Measured consortium 0")


@page("providers:consortium_list", who="a provider")
def consortium_list() -> View:
    return _consortia("providers:consortium_list")


@page("api_consortia", who="a provider")
def api_consortia() -> View:
    return _consortia("api_consortia")


@page("providers:consortium_detail", who="an admin of the lead organisation")
def consortium_detail() -> View:
    membership = provider()
    consortium = Consortium.objects.create(name="Measured", lead=membership.organisation)
    counter = Counter()

    def grow(count: int) -> None:
        members = Organisation.objects.bulk_create(
            Organisation(name=f"Measured member {n}", kind="provider", type="arts_cultural")
            for n in counter.take(count)
        )
        ConsortiumMember.objects.bulk_create(
            ConsortiumMember(consortium=consortium, organisation=organisation, status="invited")
            for organisation in members
        )

    return View(
        user=membership.user,
        url=reverse("providers:consortium_detail", args=[consortium.pk]),
        grow=grow,
        shows="Measured member 0",
    )


@page("providers:profile_detail", who="anyone (a listed provider's activities)")
def profile_detail() -> View:
    profile = ProviderProfileFactory(listed=True)
    counter = Counter()

    def grow(count: int) -> None:
        Activity.objects.bulk_create(_activity(profile, n) for n in counter.take(count))

    return View(
        user=None,
        url=reverse("providers:profile_detail", args=[profile.pk]),
        grow=grow,
        shows="Measured activity 0",
    )
