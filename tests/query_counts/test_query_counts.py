"""Every list page and list API makes the same number of queries for 1 row as for 500."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.query_counts.registry import (
    NOT_LISTS,
    NOT_YET_MEASURED,
    all_url_names,
    app_module_for,
    list_url_names,
    load,
)

PAGES = load()
ROWS = (1, 500)


def _request(client, view):
    """The response, its body and the SQL it ran. A streamed body (CSV exports) runs its queries
    as it is read, so it is read inside the capture."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(view.url, **view.headers)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode(), [query["sql"] for query in captured.captured_queries]


def _repeated(at_1: list[str], at_500: list[str]) -> str:
    """The statements the bigger page ran more often: usually the per-row query."""
    more = Counter(at_500) - Counter(at_1)
    return "\n".join(f"  {times}x {sql[:300]}" for sql, times in more.most_common(5))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGES))
def test_query_count_same_at_1_and_500_rows(name, client, query_counts):
    view = PAGES[name].build()
    if view.user is not None:
        client.force_login(view.user)
    view.grow(ROWS[0])

    counts, statements, sizes = [], [], []
    for rows in ROWS:
        if rows != ROWS[0]:
            view.grow(rows - ROWS[0])
        # A first request at each size fills the caches — per-process ones (content types, the
        # site) and the directory's search summaries, which any change of data empties — so
        # both sizes are counted in the same, steady state. (The directory's first-search
        # budget is tested at 1 and 10 rows in tests/providers.)
        _request(client, view)
        response, body, sql = _request(client, view)
        assert response.status_code == 200, f"{name} at {rows} rows: {response.status_code}"
        # The one row is on the page (at 500 it may be on a later page).
        if view.shows is not None and rows == ROWS[0]:
            assert view.shows in body, f"{name} does not show its row"
        counts.append(len(sql))
        statements.append(sql)
        sizes.append(len(body))

    query_counts[name] = counts
    # More rows make a bigger page: the rows grown are the rows it lists.
    if view.grows_page:
        assert sizes[1] > sizes[0], f"{name} is no bigger with 500 rows than with 1"
    assert counts[0] == counts[1], (
        f"{name}: {counts[0]} queries at 1 row, {counts[1]} at 500. Repeated:\n"
        + _repeated(*statements)
    )


def test_every_list_url_has_a_query_count_entry():
    missing = [
        name for name in list_url_names() if name not in PAGES and name not in NOT_YET_MEASURED
    ]

    assert missing == [], "List URLs without a query-count entry:\n" + "\n".join(
        f"  {name}: add an @page({name!r}, ...) entry to {app_module_for(name)}" for name in missing
    )


def test_not_yet_measured_holds_only_unmeasured_lists():
    assert sorted(NOT_YET_MEASURED & set(PAGES)) == []


def test_every_entry_and_exception_names_a_url():
    named = set(PAGES) | set(NOT_LISTS) | NOT_YET_MEASURED

    assert sorted(named - set(all_url_names())) == []
