"""Issue 5's deadline rush: 200 providers submit complete bids, each with a 1 MB attachment,
in the last minute before close, against the real gunicorn server; 20 more submit just after.

The organisations, people, API tokens and complete draft bids are seeded in bulk straight into
the bench database (a fresh grant call each run; earlier runs' rows are removed first). Then,
over HTTP, each provider uploads its attachment (`POST /api/v1/bids/{id}/attachments/`) and
submits (`POST /api/v1/bids/{id}/submit/`) on a connection of its own. The 200 arrive at
random over the last 50 seconds before the close (an open loop: arrivals do not wait for the
server), so the rate is the rush's, about four bids a second. The 20 late providers upload
before the rush and submit in the five seconds after the close.

What is counted is checked against the database afterwards: an accepted bid is a 201 with a
receipt whose digest is the stored submission's; a refused late bid is a 400 with nothing
stored; any 5xx or broken connection is a server error.
"""

from __future__ import annotations

import datetime
import http.client
import json
import random
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bench.context import Context
from bench.load import percentile
from bench.results import Target, at_most, say

PROVIDERS = 200
LATE = 20
CLIENTS = 64  # the most providers in flight at once
ATTACHMENT_BYTES = 1024 * 1024
WINDOW_SECONDS = 60
PREFIX = "RUSH-"
PROGRAMME = "Bench: deadline rush"

TARGETS: list[Target] = [
    Target(
        "deadline_rush_accepted",
        f"= {PROVIDERS}",
        lambda r: (
            None
            if r.get("deadline_rush_accepted") is None
            else r["deadline_rush_accepted"] == r.get("deadline_rush_providers", PROVIDERS)
        ),
    ),
    Target(
        "deadline_rush_late_refused",
        f"= {LATE}",
        lambda r: (
            None
            if r.get("deadline_rush_late_refused") is None
            else r["deadline_rush_late_refused"] == r.get("deadline_rush_late", LATE)
        ),
    ),
    at_most("deadline_rush_server_errors", 0),
    at_most("deadline_rush_submit_p95_ms", 500, " ms"),
]
ISSUE_KEYS = [
    "deadline_rush_accepted",
    "deadline_rush_late_refused",
    "deadline_rush_server_errors",
    "deadline_rush_submit_p95_ms",
]


def attachment_bytes(size: int = ATTACHMENT_BYTES) -> bytes:
    """A PDF of `size` bytes: the upload check recognises it by content."""
    head, tail = b"%PDF-1.4\n", b"\n%%EOF\n"
    line = b"% project plan, budget notes and letters of support for the bid\n"
    body = (line * (size // len(line) + 1))[: size - len(head) - len(tail)]
    return head + body + tail


@dataclass
class Rush:
    opportunity: Any
    on_time: list[tuple[int, str]]  # (bid id, API token)
    late: list[tuple[int, str]]


def _clean_previous() -> None:
    """Remove earlier runs' calls, bids, files and people (the bench database keeps nothing
    else of theirs)."""
    from accounts.models import Organisation, User  # noqa: PLC0415
    from commissioning.models import Programme  # noqa: PLC0415
    from tenders.models import Attachment, Bid, Opportunity, Submission  # noqa: PLC0415

    opportunities = Opportunity.objects.filter(reference__startswith=PREFIX)
    for attachment in Attachment.objects.filter(bid__opportunity__in=opportunities):
        attachment.file.delete(save=False)
    Submission.objects.filter(bid__opportunity__in=opportunities).delete()
    Bid.objects.filter(opportunity__in=opportunities).delete()
    opportunities.delete()
    Programme.objects.filter(name=PROGRAMME).delete()
    Organisation.objects.filter(name__startswith="Rush ").delete()
    User.objects.filter(email__startswith="rush-").delete()


def seed_bids(*, providers: int, late: int) -> Rush:
    """A published grant call (its closing time is set when the rush starts) and a complete
    draft bid for each provider, written in bulk."""
    from django.contrib.auth.hashers import make_password  # noqa: PLC0415
    from django.db import transaction  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415
    from rest_framework.authtoken.models import Token  # noqa: PLC0415

    from accounts.constants import MembershipRole  # noqa: PLC0415
    from accounts.models import Membership, Organisation, User  # noqa: PLC0415
    from commissioning.models import Programme  # noqa: PLC0415
    from tenders.constants import BidStatus, CostType, CriterionKind, Route, Status  # noqa: PLC0415
    from tenders.models import (  # noqa: PLC0415
        Answer,
        Bid,
        BudgetLine,
        Criterion,
        Interest,
        Opportunity,
    )

    _clean_previous()
    run = uuid.uuid4().hex[:8]
    total = providers + late
    with transaction.atomic():
        commissioner = Organisation.objects.create(
            name=f"Rush commissioner {run}", kind="commissioner", type="icb"
        )
        today = timezone.localdate()
        programme, _ = Programme.objects.update_or_create(
            name=PROGRAMME,
            defaults={
                "organisation": commissioner,
                "summary": "A grant call that closes while 200 bids arrive.",
                "budget": Decimal(5_000_000),
                "start_date": today,
                "end_date": today + datetime.timedelta(days=365),
                "status": "active",
            },
        )
        now = timezone.now()
        opportunity = Opportunity.objects.create(
            programme=programme,
            organisation=commissioner,
            reference=f"{PREFIX}{run}",
            title="Arts on prescription grants: the deadline rush",
            summary="Grants of up to £15,000.",
            route=Route.GRANT,
            status=Status.PUBLISHED,
            total_budget=Decimal(5_000_000),
            max_bid=Decimal(15_000),
            published_at=now - datetime.timedelta(days=30),
            version=1,
            closes_at=now + datetime.timedelta(hours=1),
        )
        criterion = Criterion.objects.create(
            opportunity=opportunity,
            kind=CriterionKind.QUESTION,
            title="What will you do, with whom, and what difference will it make?",
            weight=Decimal(100),
            word_limit=500,
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Rush arts organisation {run} {n:03d}", kind="provider", type="arts_cultural"
            )
            for n in range(total)
        )
        users = User.objects.bulk_create(
            User(
                email=f"rush-{run}-{n:03d}@example.org",
                full_name=f"Rush bidder {n}",
                password=make_password(None),  # unusable: they sign in with API tokens
            )
            for n in range(total)
        )
        Membership.objects.bulk_create(
            Membership(user=u, organisation=o, role=MembershipRole.ADMIN)
            for u, o in zip(users, organisations, strict=True)
        )
        tokens = Token.objects.bulk_create(Token(key=Token.generate_key(), user=u) for u in users)
        Interest.objects.bulk_create(
            Interest(opportunity=opportunity, organisation=o, registered_by=u)
            for u, o in zip(users, organisations, strict=True)
        )
        bids = Bid.objects.bulk_create(
            Bid(
                opportunity=opportunity,
                organisation=o,
                title=f"Singing for breathing, {o.name[-3:]}",
                status=BidStatus.DRAFT,
                declare_eligible=True,
                declare_no_conflicts=True,
                declare_accurate=True,
                created_by=u,
            )
            for u, o in zip(users, organisations, strict=True)
        )
        Answer.objects.bulk_create(
            Answer(
                bid=bid,
                criterion=criterion,
                text="Weekly singing groups with people living with lung conditions, "
                "run with the respiratory team; we measure wellbeing with SWEMWBS.",
                updated_by=bid.created_by,
            )
            for bid in bids
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(bid=bid, description=desc, cost_type=kind, amount=Decimal(amount))
            for bid in bids
            for desc, kind, amount in (
                ("Artist fees", CostType.FIXED, "9000"),
                ("Venue hire", CostType.VARIABLE, "1500"),
            )
        )
    pairs = [(bid.pk, token.key) for bid, token in zip(bids, tokens, strict=True)]
    return Rush(opportunity=opportunity, on_time=pairs[:providers], late=pairs[providers:])


def _close_in(opportunity, seconds: float) -> datetime.datetime:
    from django.utils import timezone  # noqa: PLC0415

    from tenders.models import Opportunity  # noqa: PLC0415

    closes_at = timezone.now() + datetime.timedelta(seconds=seconds)
    Opportunity.objects.filter(pk=opportunity.pk).update(closes_at=closes_at)
    return closes_at


def _multipart(content: bytes, name: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    submit_ms: list[float] = field(default_factory=list)
    upload_ms: list[float] = field(default_factory=list)
    late_ms: list[float] = field(default_factory=list)
    receipts: dict[int, str] = field(default_factory=dict)  # bid id -> receipt sha256
    refused: dict[int, str] = field(default_factory=dict)  # bid id -> detail
    server_errors: int = 0
    unexpected: list[str] = field(default_factory=list)

    def problem(self, text: str, *, server_error: bool) -> None:
        with self.lock:
            self.server_errors += server_error
            if len(self.unexpected) < 10:
                self.unexpected.append(text)


class _Provider:
    """One provider's keep-alive connection to the server."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=60)

    def post(self, path: str, token: str, body: bytes = b"", content_type: str = ""):
        headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        started = time.perf_counter()
        try:
            self.conn.request("POST", path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            return None, f"{type(exc).__name__}: {exc}".encode(), 0.0
        return response.status, data, (time.perf_counter() - started) * 1000

    def close(self) -> None:
        self.conn.close()


def _upload(client: _Provider, tally: Tally, bid: int, token: str, payload: bytes) -> bool:
    body, content_type = _multipart(payload, f"plan-{bid}.pdf")
    status, data, ms = client.post(f"/api/v1/bids/{bid}/attachments/", token, body, content_type)
    with tally.lock:
        tally.upload_ms.append(ms)
    if status == 201:
        return True
    tally.problem(
        f"upload {bid}: {status} {data[:200]!r}", server_error=status is None or status >= 500
    )
    return False


def _submit(client: _Provider, tally: Tally, bid: int, token: str, *, late: bool) -> bool:
    status, data, ms = client.post(f"/api/v1/bids/{bid}/submit/", token)
    with tally.lock:
        (tally.late_ms if late else tally.submit_ms).append(ms)
    if status is None or status >= 500:
        tally.problem(f"submit {bid}: {status} {data[:200]!r}", server_error=True)
        return False
    body = json.loads(data or b"{}")
    if status == 201 and body.get("sha256") and body.get("reference"):
        with tally.lock:
            tally.receipts[bid] = body["sha256"]
        return not late
    if status == 400 and body.get("detail"):
        with tally.lock:
            tally.refused[bid] = body["detail"]
        return late
    tally.problem(f"submit {bid}: {status} {data[:200]!r}", server_error=False)
    return False


def _arrivals(count: int, spread: float, seed: int) -> list[float]:
    """When each provider presses the button, seconds from the start: spread at random over
    `spread` seconds (the rush is many organisations, each arriving once)."""
    rng = random.Random(seed)  # noqa: S311 (repeatable arrival times, not secrets)
    return sorted(rng.uniform(0, spread) for _ in range(count))


def _open_loop(
    work: Callable[[int, _Provider], bool],
    starts: list[float],
    *,
    host: str,
    port: int,
    clients: int,
) -> float:
    """Run work(i) for each provider at its own start time (an open loop: a slow server does
    not slow the arrivals), each provider on a connection of its own. Returns the seconds
    from the first start to the last finish."""
    began = time.perf_counter()

    def one(i: int) -> bool:
        delay = began + starts[i] - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        client = _Provider(host, port)
        try:
            return work(i, client)
        finally:
            client.close()

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, range(len(starts))))
    return time.perf_counter() - began


def run(
    ctx: Context,
    *,
    providers: int = PROVIDERS,
    late: int = LATE,
    clients: int = CLIENTS,
    size: int = ATTACHMENT_BYTES,
    window: float = WINDOW_SECONDS,
    spread: float | None = None,
    seed: int = 5,
) -> dict[str, Any]:
    """`providers` arrive at random over the `spread` seconds (default: the window less ten
    seconds) before a close `window` seconds away, each uploading then submitting; `late`
    more arrive over the five seconds after it. At most `clients` are in flight at once."""
    from django.utils import timezone  # noqa: PLC0415

    from tenders.models import Attachment, Submission  # noqa: PLC0415

    host, port = ctx.server.host, ctx.server.port
    spread = max(window - 10, window / 2) if spread is None else spread
    say(f"  seeding {providers + late} providers with complete draft bids...")
    seeded = time.perf_counter()
    rush = seed_bids(providers=providers, late=late)
    payload = attachment_bytes(size)
    tally = Tally()
    seed_seconds = time.perf_counter() - seeded
    # A first request loads the URLconf and the views in each worker: not part of the rush.
    warm = http.client.HTTPConnection(host, port, timeout=60)
    for _ in range(4):
        warm.request("GET", "/api/v1/bids/", headers={"Authorization": f"Token {rush.late[0][1]}"})
        warm.getresponse().read()
    warm.close()

    # The late providers have their files in before the rush: only their submission is late.
    _open_loop(
        lambda i, client: _upload(client, tally, *rush.late[i], payload),
        [0.0] * len(rush.late),
        host=host,
        port=port,
        clients=min(clients, 4),
    )
    late_uploads = list(tally.upload_ms)
    tally.upload_ms.clear()
    closes_at = _close_in(rush.opportunity, window)
    say(
        f"  {providers} providers upload and submit, arriving over {spread:.0f}s before a "
        f"close {window:.0f}s away..."
    )

    def upload_and_submit(i: int, client: _Provider) -> bool:
        bid, token = rush.on_time[i]
        return _upload(client, tally, bid, token, payload) and _submit(
            client, tally, bid, token, late=False
        )

    phase_seconds = _open_loop(
        upload_and_submit,
        _arrivals(providers, spread, seed),
        host=host,
        port=port,
        clients=clients,
    )
    remaining = (closes_at - timezone.now()).total_seconds()
    say(f"  done in {phase_seconds:.1f}s; {max(remaining, 0):.0f}s to the close...")
    if remaining > 0:
        time.sleep(remaining + 0.2)
    _open_loop(
        lambda i, client: _submit(client, tally, *rush.late[i], late=True),
        _arrivals(len(rush.late), 5, seed + 1),
        host=host,
        port=port,
        clients=clients,
    )
    tally.upload_ms.extend(late_uploads)

    stored = dict(
        Submission.objects.filter(bid__opportunity=rush.opportunity).values_list("bid_id", "sha256")
    )
    after_close = Submission.objects.filter(
        bid__opportunity=rush.opportunity, submitted_at__gte=closes_at
    ).count()
    on_time_ids = {bid for bid, _ in rush.on_time}
    late_ids = {bid for bid, _ in rush.late}
    accepted = sum(
        1 for bid, sha in tally.receipts.items() if bid in on_time_ids and stored.get(bid) == sha
    )
    late_refused = sum(1 for bid in late_ids if bid in tally.refused and bid not in stored)
    for text in tally.unexpected:
        say(f"    unexpected: {text}")
    if after_close:
        say(f"    {after_close} submissions were stored after the close")
    # The files are 1 MB each: remove them, keep the rows (the next run removes those).
    for attachment in Attachment.objects.filter(bid__opportunity=rush.opportunity):
        attachment.file.delete(save=False)
    return {
        "deadline_rush_accepted": accepted,
        "deadline_rush_late_refused": late_refused,
        "deadline_rush_server_errors": tally.server_errors,
        "deadline_rush_submit_p95_ms": round(percentile(tally.submit_ms, 95), 1),
        "deadline_rush_submit_p50_ms": round(percentile(tally.submit_ms, 50), 1),
        "deadline_rush_upload_p95_ms": round(percentile(tally.upload_ms, 95), 1),
        "deadline_rush_late_p95_ms": round(percentile(tally.late_ms, 95), 1),
        "deadline_rush_stored_after_close": after_close,
        "deadline_rush_phase_seconds": round(phase_seconds, 1),
        "deadline_rush_spread_seconds": round(spread, 1),
        "deadline_rush_seed_seconds": round(seed_seconds, 1),
        "deadline_rush_providers": providers,
        "deadline_rush_late": late,
        "deadline_rush_clients": clients,
    }


def measure(ctx: Context) -> dict[str, Any]:
    say("Deadline rush: bids racing the closing time through gunicorn...")
    if ctx.server is None:
        say("  (needs the server: skipped with --no-server)")
        return {}
    return run(ctx)
