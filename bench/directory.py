"""Issue 3's figures: the directory search page and API under load, the same SQL run raw, and
the page's query count for 1 and for 500 matching rows.

Every search is a text query plus two facets (an art form and an area served), varied over a
set of realistic searches; each run of N requests cycles through them in order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import psycopg

from bench.context import Context
from bench.load import Timings, concurrently, http_load, percentile
from bench.results import Target, at_most, equal_to, say

PAGE_PATH = "/directory/"
BROWSE_REQUESTS = 5
API_PATH = "/api/v1/directory/"

# (words, art form slug, area name): what commissioners and the public type, with two facets.
SEARCHES = [
    ("dementia", "music", "Kent"),
    ("singing lung", "music", "Gloucestershire"),
    ("falls", "dance", "Kent"),
    ("young people mental health", "theatre", "Birmingham"),
    ("isolation", "crafts", "Gloucestershire"),
    ("theat", "theatre", "Medway"),
    ("reminiscence care homes", "heritage", "Kent"),
    ("social prescribing", "visual-arts", "Kent"),
    ("parkinson", "dance", "Gloucestershire"),
    ("chronic pain", "crafts", "Gloucestershire"),
    ("older people", "music", "Manchester"),
    ("youth theatre", "theatre", "Kent"),
    ("cancer", "visual-arts", "Kent"),
    ("wellbeing", "literature", "Gloucestershire"),
    ("carers", "music", "Leeds"),
    ("autism", "digital-and-creative-media", "Kent"),
]

TARGETS: list[Target] = [
    at_most("directory_search_view_p95_ms_10c", 100, " ms"),
    at_most("directory_search_view_ratio_to_sql", 5, "x"),
    equal_to("directory_search_queries_500", "directory_search_queries_1"),
]


@dataclass(frozen=True)
class Search:
    q: str
    art_form: str
    area: str  # ONS code

    @property
    def query_string(self) -> str:
        return urlencode({"q": self.q, "art_form": self.art_form, "area": self.area})

    def filters(self):
        from django.http import QueryDict  # noqa: PLC0415

        from providers.filters import DirectorySearchForm  # noqa: PLC0415

        return DirectorySearchForm(QueryDict(self.query_string)).filters()

    def count(self) -> int:
        from providers.selectors import directory_queryset  # noqa: PLC0415

        return directory_queryset(self.filters()).count()


def searches() -> list[Search]:
    from commissioning.models import Area  # noqa: PLC0415

    codes = dict(Area.objects.values_list("name", "code"))
    return [Search(q, art_form, codes[area]) for q, art_form, area in SEARCHES]


# Searches made once each, for the figures of a search nobody has made before.
UNCACHED_SEARCHES = 200
_UNCACHED_WORDS = [
    "music", "dementia", "older people", "wellbeing", "dance", "young people", "isolation",
    "health", "community", "singing", "care homes", "mental health", "carers", "theatre",
    "heritage", "crafts", "falls", "loneliness", "families", "recovery",
]  # fmt: skip
_UNCACHED_AREAS = ["Kent", "Gloucestershire", "Medway", "Birmingham", "Leeds", "Manchester"]
_UNCACHED_ART_FORMS = ["music", "dance", "theatre", "crafts", "visual-arts", "heritage"]


def uncached_searches(count: int = UNCACHED_SEARCHES, offset: int = 0) -> list[Search]:
    """`count` different searches (words plus two facets), none of them in SEARCHES, in an
    order that mixes words, art forms and areas; `offset` skips the first ones (another set,
    for a server that has already seen those)."""
    from commissioning.models import Area  # noqa: PLC0415

    codes = dict(Area.objects.values_list("name", "code"))
    repeated = {(q, art_form, area) for q, art_form, area in SEARCHES}
    combinations = [
        (q, art_form, area)
        for q, art_form, area in itertools.product(
            _UNCACHED_WORDS, _UNCACHED_ART_FORMS, _UNCACHED_AREAS
        )
        if (q, art_form, area) not in repeated
    ]
    step = 7  # coprime with the number of combinations' factors, so neighbours differ
    chosen = [combinations[(i * step) % len(combinations)] for i in range(offset, offset + count)]
    return [Search(q, art_form, codes[area]) for q, art_form, area in chosen]


# What the page's SQL costs on its own -----------------------------------------------------------

Statement = tuple[str, Any]


def page_statements(
    search: Search, path: str = PAGE_PATH, *, uncached: bool = False
) -> list[Statement]:
    """The SQL (with its parameters) the search page runs for `search`, captured from a real
    request in-process (an anonymous visitor), so it follows whatever the view does: for a
    search someone made before (its summary cached), or with `uncached` for a search nobody
    has made since the directory last changed (the summary computed: count and facets)."""
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    from providers.services.profiles import directory_changed  # noqa: PLC0415

    statements: list[Statement] = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    client = Client()
    if not uncached:
        # A visitor with a session: the page is rendered for them (not the rendering anonymous
        # visitors share), from the search's cached summary and ranking.
        client.cookies["sessionid"] = "bench-visitor"
    url = f"{path}?{search.query_string}"
    client.get(url)  # first-use caches, then capture
    if uncached:
        directory_changed()  # every cached summary is stale: this request computes its own
    with connection.execute_wrapper(capture):
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return statements


def statement_kind(sql: str) -> str:
    """What a statement of the search page is for (for the per-kind figures)."""
    head = sql.lstrip().upper()
    if head.startswith("SELECT F.FACET"):
        return "facets"
    if "COUNT(*)" in head and "providers_providerprofile" in sql:
        return "count"
    if "providers_providerprofile" in sql:
        return "results"
    return "vocabulary"


def sql_timings(
    conninfo: str, statement_sets: list[list[Statement]], *, repetitions: int, clients: int
) -> tuple[Timings, dict[str, list[float]]]:
    """Run each search's statements straight through psycopg (client-side binding, as Django
    does), `repetitions` searches in all; time each search and each kind of statement."""
    import time  # noqa: PLC0415

    by_kind: dict[str, list[float]] = {}

    def setup() -> psycopg.Connection:
        return psycopg.connect(conninfo, autocommit=True, cursor_factory=psycopg.ClientCursor)

    def task(i: int, conn: psycopg.Connection) -> bool:
        with conn.cursor() as cursor:
            for sql, params in statement_sets[i % len(statement_sets)]:
                started = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                by_kind.setdefault(statement_kind(sql), []).append(
                    (time.perf_counter() - started) * 1000
                )
        return True

    timings = concurrently(
        task, clients=clients, total=repetitions, setup=setup, teardown=lambda c: c.close()
    )
    return timings, by_kind


def explain(search: Search) -> None:
    """Print EXPLAIN (ANALYZE, BUFFERS) of each statement the search page runs."""
    from django.db import connection  # noqa: PLC0415

    say(f"\n=== EXPLAIN: {search.query_string} ({search.count():,} rows match)")
    for sql, params in page_statements(search, uncached=True):
        if statement_kind(sql) == "vocabulary":
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        say(f"\n--- {statement_kind(sql)}\n{plan}")


# Query counts -----------------------------------------------------------------------------------


def _one_row_search() -> Search:
    """A search (name plus the provider's own art form and area) that matches one provider."""
    from commissioning.models import Area, ArtForm  # noqa: PLC0415
    from providers.models import ProviderProfile  # noqa: PLC0415

    art_forms = dict(ArtForm.objects.values_list("id", "slug"))
    areas = dict(Area.objects.values_list("id", "code"))
    candidates = (
        ProviderProfile.objects.filter(is_listed=True)
        .select_related("organisation")
        .order_by("id")[:200]
    )
    for profile in candidates:
        if not (profile.art_form_ids and profile.area_ids):
            continue
        search = Search(
            profile.organisation.name,
            art_forms[profile.art_form_ids[0]],
            areas[profile.area_ids[0]],
        )
        if search.count() == 1:
            return search
    raise RuntimeError("No search matching exactly one provider was found.")


def _many_rows_search(at_least: int = 500) -> tuple[Search, int]:
    """The search (words plus two facets) matching the fewest providers above `at_least` (or
    the most, on a data set too small for that)."""
    from commissioning.models import Area  # noqa: PLC0415

    codes = dict(Area.objects.values_list("name", "code"))
    best: tuple[int, Search] | None = None
    largest: tuple[int, Search] | None = None
    for words, art_form, area in itertools.product(
        ["wellbeing", "older", "young", "community", "sing", "health", "people", "arts"],
        ["music", "visual-arts", "theatre", "dance", "crafts"],
        ["Kent", "Gloucestershire", "Medway", "Maidstone", "Manchester"],
    ):
        search = Search(words, art_form, codes[area])
        count = search.count()
        if count >= at_least and (best is None or count < best[0]):
            best = (count, search)
        if largest is None or count > largest[0]:
            largest = (count, search)
    count, search = best or largest
    return search, count


def query_counts() -> dict[str, float]:
    """Queries the search page and the API run for a search matching 1 and ~500 providers
    (in-process, through Django's test client): as a first search — nothing about it cached
    yet, so the count, the facets, the ranking and the rows — and, as `…_repeated`, when the
    same search is made again by a visitor with a session (rendered for them: the rows only)."""
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from providers.services.profiles import directory_changed  # noqa: PLC0415

    def count(path: str, *, first: bool) -> int:
        client = Client()
        if not first:
            client.cookies["sessionid"] = "bench-visitor"  # not the anonymous shared page
        client.get(path)  # warm (first-use caches), then count
        if first:
            directory_changed()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return len(captured.captured_queries)

    one = _one_row_search()
    many, many_rows = _many_rows_search()
    figures: dict[str, float] = {"directory_search_queries_500_rows": many_rows}
    for first, suffix in ((True, ""), (False, "_repeated")):
        for name, path in (("search", PAGE_PATH), ("search_api", API_PATH)):
            for rows, search in (("1", one), ("500", many)):
                key = f"directory_{name}_queries_{rows}{suffix}"
                figures[key] = count(f"{path}?{search.query_string}", first=first)
    return figures


# The whole measurement --------------------------------------------------------------------------


def _sql_figures(ctx: Context, chosen: list[Search]) -> dict[str, float]:
    """The page's SQL run raw through psycopg. The baseline is what answering each search from
    the database costs: the statements a first search runs (count, facets, ranking, rows).
    Also what a repeated search runs (its summary and ranking cached: the page's rows), and
    the first-search statements of UNCACHED_SEARCHES other searches."""
    results: dict[str, float] = {}
    say("  raw SQL through psycopg...")
    statement_sets = [page_statements(search, uncached=True) for search in chosen]
    results["directory_search_sql_statements"] = len(statement_sets[0])
    sql_timings(ctx.conninfo, statement_sets, repetitions=len(chosen), clients=1)  # warm up
    sql_1c, by_kind = sql_timings(
        ctx.conninfo, statement_sets, repetitions=ctx.sql_repetitions, clients=1
    )
    results["directory_search_sql_p50_ms"] = sql_1c.p50
    results["directory_search_sql_p95_ms"] = sql_1c.p95
    for kind in ("results", "count", "facets", "vocabulary"):
        if kind in by_kind:
            results[f"directory_search_sql_{kind}_p95_ms"] = percentile(by_kind[kind], 95)
    sql_10c, _ = sql_timings(ctx.conninfo, statement_sets, repetitions=ctx.requests_10c, clients=10)
    results["directory_search_sql_p95_ms_10c"] = sql_10c.p95

    cached_sets = [page_statements(search) for search in chosen]
    results["directory_search_sql_cached_statements"] = len(cached_sets[0])
    cached, _ = sql_timings(ctx.conninfo, cached_sets, repetitions=ctx.sql_repetitions, clients=1)
    results["directory_search_sql_cached_p95_ms"] = cached.p95

    say(f"  raw SQL of {UNCACHED_SEARCHES} other searches, each made once...")
    fresh_sets = [page_statements(search, uncached=True) for search in uncached_searches()]
    fresh, _ = sql_timings(ctx.conninfo, fresh_sets, repetitions=len(fresh_sets), clients=1)
    results["directory_first_search_sql_p95_ms"] = fresh.p95
    return results


def _server_figures(ctx: Context, chosen: list[Search]) -> dict[str, float]:
    """The page and the API through gunicorn, at 1 and 10 clients."""
    from providers.services.profiles import directory_changed  # noqa: PLC0415

    results: dict[str, float] = {}
    server = ctx.server
    for name, path in (("view", PAGE_PATH), ("api", API_PATH)):
        paths = [f"{path}?{search.query_string}" for search in chosen]
        status, _ = server.get(paths[0])
        if status != 200:
            say(f"  {path} answered {status}; skipping its load test")
            continue
        say(f"  {path} under load (gunicorn)...")
        http_load(server.host, server.port, paths, clients=10, requests=ctx.warmup)
        for clients, requests in ((1, ctx.requests_1c), (10, ctx.requests_10c)):
            timings = http_load(server.host, server.port, paths, clients=clients, requests=requests)
            if timings.failures:
                say(f"    {timings.failures} failed requests: {dict(timings.statuses)}")
            prefix = f"directory_search_{name}"
            results[f"{prefix}_p50_ms_{clients}c"] = timings.p50
            results[f"{prefix}_p95_ms_{clients}c"] = timings.p95
            results[f"{prefix}_rps_{clients}c"] = timings.per_second
            results[f"{prefix}_failures_{clients}c"] = timings.failures

    # The first-time searches, each made once at 10 clients: every request computes its summary.
    directory_changed()  # the in-process captures cached theirs if the cache is shared
    fresh_paths = [f"{PAGE_PATH}?{search.query_string}" for search in uncached_searches()]
    say(f"  {PAGE_PATH} under load, {len(fresh_paths)} first-time searches...")
    timings = http_load(
        server.host, server.port, fresh_paths, clients=10, requests=len(fresh_paths)
    )
    results["directory_first_search_view_p50_ms_10c"] = timings.p50
    results["directory_first_search_view_p95_ms_10c"] = timings.p95

    # The unfiltered directory (its landing page): every listed provider matches, so the facet
    # counts cover the whole table. A few requests at one client show what a first visit costs.
    for name, path in (("view", PAGE_PATH), ("api", API_PATH)):
        if server.get(path)[0] == 200:
            timings = http_load(
                server.host, server.port, [path], clients=1, requests=BROWSE_REQUESTS
            )
            results[f"directory_browse_{name}_p50_ms_1c"] = timings.p50
    return results


def measure(ctx: Context) -> dict[str, float]:
    from providers.models import ProviderProfile  # noqa: PLC0415

    results: dict[str, float] = {
        "directory_providers": ProviderProfile.objects.count(),
        "directory_providers_listed": ProviderProfile.objects.filter(is_listed=True).count(),
    }
    chosen = searches()
    matches = [search.count() for search in chosen]
    results["directory_search_rows_median"] = percentile(matches, 50)
    say(
        f"Directory: {results['directory_providers']:,} providers; "
        f"{len(chosen)} searches matching {min(matches):,} to {max(matches):,} "
        f"(median {results['directory_search_rows_median']:,.0f})"
    )

    say("  query counts (in-process)...")
    results.update(query_counts())
    results.update(_sql_figures(ctx, chosen))
    if ctx.explain:
        slowest = max(chosen, key=lambda s: s.count())
        for search in dict.fromkeys([chosen[0], slowest]):
            explain(search)
    if ctx.server is None:
        return results
    results.update(_server_figures(ctx, chosen))
    for prefix in ("directory_search", "directory_first_search"):
        if f"{prefix}_view_p95_ms_10c" in results:
            results[f"{prefix}_view_ratio_to_sql"] = (
                results[f"{prefix}_view_p95_ms_10c"] / results[f"{prefix}_sql_p95_ms"]
            )
    return results


# The issue's keys first in the table, then the extras.
ISSUE_KEYS = [
    "directory_search_view_p50_ms_1c",
    "directory_search_view_p95_ms_10c",
    "directory_search_api_p95_ms_10c",
    "directory_search_sql_p95_ms",
    "directory_search_queries_1",
    "directory_search_queries_500",
]
