"""The benchmark's data generator and reporting, on a handful of providers in the test database
(the real run seeds 100,000 into a database of its own with `make bench`)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from django.db import connection

from bench import data, deadline_rush, directory, results
from bench.context import Context
from bench.load import concurrently, percentile
from providers.models import Activity, ProviderProfile
from providers.selectors import DirectoryFilters, directory_queryset
from providers.services.profiles import profile_index_refresh
from tenders.models import Submission

INDEX = (
    "SELECT search_vector::text, art_form_ids, outcome_area_ids, beneficiary_group_ids, "
    "area_ids, sort_name FROM providers_providerprofile WHERE id = %s"
)


def _index(pk: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(INDEX, [pk])
        return cursor.fetchone()


@pytest.fixture
def generated(db) -> list[ProviderProfile]:
    connection.ensure_connection()
    first, last = data.generate(connection.connection, 50, seed=7)
    return list(
        ProviderProfile.objects.filter(pk__range=(first, last)).select_related("organisation")
    )


def test_generated_index_is_what_profile_index_refresh_builds(generated):
    assert len(generated) == 50
    assert Activity.objects.filter(profile__in=generated).count() >= 50
    for profile in generated:
        built_in_bulk = _index(profile.pk)
        search_vector, art_form_ids, _, _, area_ids, _ = built_in_bulk
        assert search_vector
        assert art_form_ids
        assert area_ids
        profile_index_refresh(profile=profile)
        assert _index(profile.pk) == built_in_bulk, profile.organisation.name


def test_generated_providers_are_found_by_the_directory_search(generated):
    listed = [p for p in generated if p.is_listed]
    assert 35 <= len(listed) < 50
    profile = listed[0]
    filters = DirectoryFilters(
        q=profile.organisation.name,
        art_forms=profile.art_form_ids[:1],
        areas=profile.area_ids[:1],
    )
    assert directory_queryset(filters).first() == profile
    # The bench captures exactly the statements the search page's selectors run: for a first
    # search the count, the facets and the results; for a repeated one only the results.
    search = directory.Search(profile.organisation.name, "", "")
    first = [
        directory.statement_kind(sql) for sql, _ in directory.page_statements(search, uncached=True)
    ]
    again = [directory.statement_kind(sql) for sql, _ in directory.page_statements(search)]
    assert {"results", "count", "facets"} <= set(first)
    assert set(again) == {"results"}


def test_the_generator_is_repeatable(db):
    connection.ensure_connection()
    vocabulary = data.Vocabulary.load(connection.connection)
    one = data.Generator(vocabulary, seed=3).provider(0)
    two = data.Generator(vocabulary, seed=3).provider(0)
    assert one == two
    assert 1 <= len(one.activities) <= 3
    assert len(one.summary) <= 280


def test_results_merge_keeps_other_keys_and_targets_report(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"load_requests": 10}))
    merged = results.merge({"directory_search_view_p95_ms_10c": 120.0}, path)
    assert merged == {"directory_search_view_p95_ms_10c": 120.0, "load_requests": 10}
    assert json.loads(path.read_text()) == merged
    text, missed = results.table(
        {"directory_search_view_p95_ms_10c": 120.0, "directory_search_queries_1": 9},
        [results.at_most("directory_search_view_p95_ms_10c", 100, " ms")],
    )
    assert "MISS" in text
    assert missed == ["directory_search_view_p95_ms_10c"]


def test_percentiles_and_concurrent_timing():
    assert percentile([1, 2, 3, 4, 5], 50) == 3
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    timings = concurrently(lambda i, state: i % 2 == 0, clients=3, total=10)
    assert len(timings.latencies_ms) == 10
    assert timings.failures == 5


@pytest.mark.django_db(transaction=True)
def test_deadline_rush_small_against_a_live_server(live_server):
    host, port = live_server.url.removeprefix("http://").split(":")
    ctx = Context(database_url="", conninfo="", server=SimpleNamespace(host=host, port=int(port)))

    figures = deadline_rush.run(ctx, providers=5, late=2, size=64 * 1024, window=8, spread=3)

    assert {k: figures[k] for k in deadline_rush.ISSUE_KEYS[:3]} == {
        "deadline_rush_accepted": 5,
        "deadline_rush_late_refused": 2,
        "deadline_rush_server_errors": 0,
    }
    assert figures["deadline_rush_stored_after_close"] == 0
    assert figures["deadline_rush_submit_p95_ms"] > 0
    assert Submission.objects.count() == 5
    text, missed = results.table(figures, deadline_rush.TARGETS)
    assert "deadline_rush_accepted" in text
    assert "deadline_rush_accepted" not in missed
