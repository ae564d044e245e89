"""How the directory search grows from 100,000 to 1,000,000 providers (issue 10).

The same 16 searches as `bench/directory.py`, one client at a time (so queueing on two CPUs
does not hide the data's effect), against two gunicorn servers: the bench database
(100,000 providers) and `ccp_bench_1m` (1,000,000, generated from the same seed and phrases;
seeded once, about ten times the 100k seed time). Target: p95 at 1M at most twice p95 at 100k.

Repeated searches are answered from the directory's caches, whose cost does not depend on the
data's size; so the growth of first searches — 200 searches neither server has seen, each made
once, where the database does all the work — is measured too (`directory_first_search_…`).
"""

from __future__ import annotations

from bench import data, db
from bench.context import Context
from bench.directory import API_PATH, PAGE_PATH, UNCACHED_SEARCHES, searches, uncached_searches
from bench.load import http_load
from bench.results import Target, at_most, say
from bench.server import Server

DATABASE_1M = "ccp_bench_1m"
PROVIDERS_1M = 1_000_000
REQUESTS = 200

TARGETS: list[Target] = [at_most("directory_search_p95_growth_1m_over_100k", 2, "x")]
ISSUE_KEYS = [
    "directory_search_p95_growth_1m_over_100k",
    "directory_search_view_p95_ms_1c_100k",
    "directory_search_view_p95_ms_1c_1m",
    "directory_search_api_p95_growth_1m_over_100k",
    "directory_first_search_p95_growth_1m_over_100k",
]


def _p95(server: Server, paths: list[str]) -> float:
    # Warm every worker: a client's keep-alive connection stays with one gunicorn worker, and
    # without Redis each worker has its own cache, so warming from one connection left the
    # other worker cold for the measured run (a cold first search per path in its p95).
    http_load(
        server.host,
        server.port,
        paths,
        clients=2 * server.workers,
        requests=len(paths) * 4 * server.workers,
    )
    timings = http_load(server.host, server.port, paths, clients=1, requests=REQUESTS)
    if timings.failures:
        raise RuntimeError(f"{timings.failures} failed requests: {dict(timings.statuses)}")
    return timings.p95


def measure(ctx: Context) -> dict[str, float]:
    if ctx.server is None:
        return {}
    chosen = searches()
    url_1m = db.ensure_database(db.server_url(), DATABASE_1M)
    env_1m = db.app_environment(url_1m)
    say(f"Directory growth: {DATABASE_1M}; migrating...")
    db.manage(env_1m, "migrate", "--noinput", "-v", "0")
    data.dataset_ensure(db.conninfo(url_1m), PROVIDERS_1M)
    results: dict[str, float] = {}
    with Server(env_1m, workers=ctx.server.workers, threads=ctx.server.threads) as server_1m:
        for name, path in (("view", PAGE_PATH), ("api", API_PATH)):
            paths = [f"{path}?{search.query_string}" for search in chosen]
            say(f"  {path} at 1 client: 100k, then 1M providers...")
            small = _p95(ctx.server, paths)
            large = _p95(server_1m, paths)
            results[f"directory_search_{name}_p95_ms_1c_100k"] = small
            results[f"directory_search_{name}_p95_ms_1c_1m"] = large
            results[f"directory_search_{name}_p95_growth_1m_over_100k"] = large / small
        # Searches neither server has seen (bench/directory.py used the first set).
        fresh = [
            f"{PAGE_PATH}?{search.query_string}"
            for search in uncached_searches(offset=UNCACHED_SEARCHES)
        ]
        say(f"  {len(fresh)} first searches at 1 client: 100k, then 1M providers...")
        for label, server in (("100k", ctx.server), ("1m", server_1m)):
            timings = http_load(server.host, server.port, fresh, clients=1, requests=len(fresh))
            results[f"directory_first_search_view_p95_ms_1c_{label}"] = timings.p95
        results["directory_first_search_p95_growth_1m_over_100k"] = (
            results["directory_first_search_view_p95_ms_1c_1m"]
            / results["directory_first_search_view_p95_ms_1c_100k"]
        )
    results["directory_search_p95_growth_1m_over_100k"] = results[
        "directory_search_view_p95_growth_1m_over_100k"
    ]
    return results
