"""Framework overhead: a bare Django view against a real dashboard, on the same server.

`/healthz/` runs every middleware (sessions, CSRF, CSP, the account middleware) but no
database query or template: what Django itself costs per request here. The commissioner's
monitoring dashboard (`/monitoring/`, the Gloucestershire demo commissioner, with the demo's
agreements) is what a real page costs. Both at 4 concurrent clients, closed loop,
so the ratio of their requests per second is the page's cost in units of bare framework. The bench database gets the demo world for this (idempotently).
"""

from __future__ import annotations

from bench import db
from bench.context import Context
from bench.load import http_load
from bench.results import Target, say

BARE_PATH = "/healthz/"
DASHBOARD_PATH = "/monitoring/"
CLIENTS = 4
BARE_REQUESTS = 2000
DASHBOARD_REQUESTS = 400

TARGETS: list[Target] = []
ISSUE_KEYS = [
    "framework_bare_view_rps",
    "framework_dashboard_rps",
    "framework_overhead_ratio",
    "framework_bare_view_p95_ms",
    "framework_dashboard_p95_ms",
]


def _commissioner_cookie() -> dict[str, str]:
    from django.conf import settings  # noqa: PLC0415

    from accounts.models import User  # noqa: PLC0415
    from bench.loadtest.world import ensure_mfa, session_for  # noqa: PLC0415

    user = User.objects.get(email="commissioner@gloucestershire.example.org")
    ensure_mfa(user)
    organisation = user.memberships.order_by("pk").first().organisation_id
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_for(user, organisation)}"}


def measure(ctx: Context) -> dict[str, float]:
    if ctx.server is None:
        return {}
    say("Framework overhead: the demo world in the bench database...")
    env = db.app_environment(ctx.database_url)
    db.manage(env, "load_reference_data", "-v", "0")
    db.manage(env, "seed_demo", "-v", "0")
    server = ctx.server
    headers = _commissioner_cookie()
    status, _ = server.get(BARE_PATH)
    if status != 200:
        raise RuntimeError(f"{BARE_PATH} answered {status}")
    results: dict[str, float] = {}
    for name, path, requests, sent in (
        ("bare_view", BARE_PATH, BARE_REQUESTS, None),
        ("dashboard", DASHBOARD_PATH, DASHBOARD_REQUESTS, headers),
    ):
        say(f"  {path} at {CLIENTS} clients...")
        http_load(server.host, server.port, [path], clients=CLIENTS, requests=50, headers=sent)
        timings = http_load(
            server.host, server.port, [path], clients=CLIENTS, requests=requests, headers=sent
        )
        if timings.failures:
            raise RuntimeError(f"{path}: {timings.failures} failed: {dict(timings.statuses)}")
        results[f"framework_{name}_rps"] = timings.per_second
        results[f"framework_{name}_p95_ms"] = timings.p95
    results["framework_overhead_ratio"] = (
        results["framework_bare_view_rps"] / results["framework_dashboard_rps"]
    )
    return results
