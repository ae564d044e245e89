"""Directory search: relevance, prefixes, facets and consent, against real PostgreSQL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.services import organisation_update
from commissioning.models import Area, ArtForm
from providers.selectors import (
    DirectoryFilters,
    directory_facets,
    directory_queryset,
    directory_summary,
    search_terms,
    support_needs_summary,
)
from providers.services import profiles

pytestmark = pytest.mark.django_db


def _names(filters: DirectoryFilters) -> list[str]:
    return [p.organisation.name for p in directory_queryset(filters)]


def test_search_exact_name_match_ranks_first(profile_factory):
    profile_factory(
        "Dance for Dementia Network",
        summary="Dance sessions. Thanet Tidal Dance partners with us on dance for dementia.",
    )
    profile_factory("Thanet Tidal Dance", summary="Contemporary dance on the coast.")
    profile_factory("Tidal Arts", summary="Thanet tidal dance dance dance.")

    assert _names(DirectoryFilters(q="Thanet Tidal Dance"))[0] == "Thanet Tidal Dance"


def test_search_prefix_finds_theatres(profile_factory):
    profile_factory("Medway Maker Theatre", summary="Community playmaking.")
    profile_factory("Swale Clay Collective", summary="Ceramics studio.")

    assert _names(DirectoryFilters(q="theat")) == ["Medway Maker Theatre"]


def test_search_matches_activity_descriptions(profile_factory):
    profile_factory(
        "Breathe Sing Gloucestershire",
        summary="Singing groups.",
        activities=(("Singing for lung health", "Breathing exercises for people with COPD"),),
    )
    profile_factory("Other Group", summary="Painting.")

    assert _names(DirectoryFilters(q="copd")) == ["Breathe Sing Gloucestershire"]


def test_search_unlisted_profiles_never_appear(profile_factory):
    profile_factory("Hidden Theatre", listed=False)
    profile_factory("Open Theatre")

    assert _names(DirectoryFilters(q="theatre")) == ["Open Theatre"]
    assert _names(DirectoryFilters()) == ["Open Theatre"]


def test_search_unlisting_removes_from_results(profile_factory):
    profile = profile_factory("Gone Theatre")

    profiles.profile_set_listed(actor=profile.admin, profile=profile, listed=False)

    assert _names(DirectoryFilters(q="theatre")) == []


def test_search_index_follows_renames(profile_factory):
    profile = profile_factory("Old Name Players")

    organisation_update(actor=profile.admin, organisation=profile.organisation, name="New Name")
    profiles.profile_index_refresh(profile=profile)

    assert _names(DirectoryFilters(q="new name")) == ["New Name"]


def test_facets_count_within_the_current_results(profile_factory):
    profile_factory("A", art_forms=("Dance",), areas=("E10000016",), settings=("care_homes",))
    profile_factory("B", art_forms=("Dance", "Music"), areas=("E10000013",))
    profile_factory("C", art_forms=("Music",), areas=("E10000013",), settings=("care_homes",))
    dance = ArtForm.objects.get(name="Dance")
    filters = DirectoryFilters(art_forms=[dance.pk])

    facets = directory_facets(directory_summary(filters), filters)

    art_forms = {f.label: (f.count, f.selected) for f in facets["art_forms"]}
    assert art_forms == {"Dance": (2, True), "Music": (1, False)}
    areas = {f.label: f.count for f in facets["areas"]}
    assert areas == {"Kent": 1, "Gloucestershire": 1}
    settings_facet = {f.value: f.count for f in facets["settings"]}
    assert settings_facet == {"care_homes": 1}


@pytest.mark.parametrize("q", ["", "dance"])
def test_a_search_summary_is_reused_until_a_profile_changes(
    profile_factory, django_assert_num_queries, django_capture_on_commit_callbacks, q
):
    profile_factory("A Dance", art_forms=("Dance",))
    b = profile_factory("B Dance", art_forms=("Dance", "Music"))
    filters = DirectoryFilters(q=q)

    first = directory_summary(filters)
    first_facets = directory_facets(first, filters)
    # The same search spelled differently shares the summary: counts and labels from the cache.
    with django_assert_num_queries(0):
        respelled = DirectoryFilters(q=q.upper(), sort="name")
        again = directory_facets(directory_summary(respelled), filters)
    with django_capture_on_commit_callbacks(execute=True):
        profiles.profile_set_listed(actor=b.admin, profile=b, listed=False)
    after = directory_summary(filters)

    def counts(facets):
        return {f.label: f.count for f in facets["art_forms"]}

    assert first.count == 2
    assert counts(first_facets) == counts(again) == {"Dance": 2, "Music": 1}
    assert after.count == 1
    assert counts(directory_facets(after, filters)) == {"Dance": 1}


def test_a_profile_change_inside_a_transaction_is_seen_by_that_transaction(profile_factory):
    # Test transactions never commit: the generation is bumped at once as well as after commit.
    profile_factory("A Dance", art_forms=("Dance",))
    b = profile_factory("B Dance", art_forms=("Dance",))
    filters = DirectoryFilters(q="dance")
    assert directory_summary(filters).count == 2

    profiles.profile_set_listed(actor=b.admin, profile=b, listed=False)

    assert directory_summary(filters).count == 1


def test_search_summaries_are_keyed_by_the_search_not_its_spelling():
    assert (
        DirectoryFilters(q="Music  dementia", areas=[2, 1]).cache_key()
        == DirectoryFilters(q="dementia music", areas=[1, 2], sort="name").cache_key()
    )
    assert (
        DirectoryFilters(q="music").cache_key()
        != DirectoryFilters(q="music", areas=[1]).cache_key()
    )
    assert (
        DirectoryFilters(art_forms=[1]).cache_key()
        != DirectoryFilters(outcome_areas=[1]).cache_key()
    )


def test_facets_filter_by_area_and_setting(profile_factory):
    profile_factory("Kent Dance", areas=("E10000016",), settings=("care_homes",))
    profile_factory("Glos Dance", areas=("E10000013",), settings=("care_homes",))
    kent = Area.objects.get(code="E10000016")

    names = _names(DirectoryFilters(areas=[kent.pk], settings=["care_homes"]))

    assert names == ["Kent Dance"]


def test_support_needs_summary_counts_matching_providers(profile_factory):
    profile_factory("A", support_needs=("bid_writing", "evaluation"))
    profile_factory("B", support_needs=("bid_writing",))
    profile_factory("C", support_needs=("mhfa",), listed=False)

    summary = dict(support_needs_summary(directory_queryset(DirectoryFilters())))

    assert summary["Bid writing"] == 2
    assert summary["Evaluation and monitoring"] == 1
    assert summary["Mental Health First Aid"] == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("   ", None),
        ("&|!():*<>'\"", None),
        ("theat", "theat:*"),
        ("arts & health", "arts:* & health:*"),
    ],
)
def test_search_terms_are_always_safe(text, expected):
    assert search_terms(text) == expected


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(max_size=500))
def test_search_any_input_never_errors(profile_factory, text):
    filters = DirectoryFilters(q=text)

    results = list(directory_queryset(filters)[:5])
    directory_facets(directory_summary(filters), filters)

    assert isinstance(results, list)
