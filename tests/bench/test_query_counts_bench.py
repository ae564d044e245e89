"""The query-count figures the bench reports from the tests' JSON."""

from __future__ import annotations

from bench import query_counts, results


def test_query_count_figures_name_each_page_and_count_the_unequal():
    counts = {"tenders:opportunity_list": [4, 4], "api_panels": [3, 5]}

    figures = query_counts.figures(counts, unmeasured=0)

    assert figures == {
        "query_counts_pages": 2,
        "query_counts_unequal": 1,
        "query_counts_unmeasured": 0,
        "queries_api_panels_1": 3,
        "queries_api_panels_500": 5,
        "queries_tenders:opportunity_list_1": 4,
        "queries_tenders:opportunity_list_500": 4,
    }


def test_query_count_target_missed_when_a_page_is_unequal():
    figures = query_counts.figures({"api_panels": [3, 5]}, unmeasured=0)

    _, missed = results.table(figures, query_counts.TARGETS)

    assert missed == ["query_counts_unequal"]
