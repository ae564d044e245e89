"""Issue 9's figures: the request that asks for a report, and the programme pilot report built
end to end as the reports worker builds it, against bare WeasyPrint on the same final HTML.

The programme is generated once in the bench database: 20 opportunities (grant calls and
tenders), three themes (lots) each, 40 provider organisations and their submitted bids; 20
funded projects, each with three KPIs, eight accepted quarterly returns (actuals, spend,
narrative, learning now and then, a case study every other quarter) and SWEMWBS scores before
and after; and four market-engagement events with their registrations. The report is built
in a separate process (`python -m bench.report_build`), which loads what the reports worker
loads before it forks (WeasyPrint, its fonts and the print stylesheet, the URLconf), so its
peak memory is the worker's.
"""

from __future__ import annotations

import datetime
import http.client
import json
import subprocess
import sys
import tempfile
from decimal import Decimal
from typing import Any

from bench.context import Context
from bench.db import BASE_DIR, app_environment
from bench.load import concurrently
from bench.results import Target, at_most, say

PROGRAMME = "Bench: arts and health innovation grants"
USER = "bench-reports@example.org"
OPPORTUNITIES = 20
THEMES = ["Dementia", "Lung conditions", "Young people's mental health"]
PROVIDERS = 40
REQUESTS = 30
PROJECTS = 20
QUARTERS = 8
PROJECT_KPIS = ["participants-engaged", "sessions-delivered", "referrals-received"]
PARTICIPANTS = 15
EVENTS = 4

TARGETS: list[Target] = [
    at_most("report_request_ms", 100, " ms"),
    at_most("report_programme_seconds", 10, " s"),
    at_most("report_programme_weasyprint_ratio", 1.3, "x"),
    at_most("report_worker_peak_rss_mb", 400, " MB"),
]
ISSUE_KEYS = [
    "report_request_ms",
    "report_programme_seconds",
    "report_programme_pages",
    "report_programme_weasyprint_ratio",
    "report_worker_peak_rss_mb",
]


def programme_ensure():
    """The generated programme (made once; later runs reuse it) and its commissioner."""
    from django.db import transaction  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from accounts.models import Membership, Organisation, User  # noqa: PLC0415
    from commissioning.models import OutcomeArea, Programme  # noqa: PLC0415
    from tenders.constants import BidStatus, Route, Status  # noqa: PLC0415
    from tenders.models import Bid, Lot, Opportunity  # noqa: PLC0415

    user, _ = User.objects.get_or_create(email=USER, defaults={"full_name": "Bench Commissioner"})
    existing = Programme.objects.filter(name=PROGRAMME).first()
    if (
        existing is not None
        and existing.opportunities.count() == OPPORTUNITIES
        and existing.agreements.count() == PROJECTS
    ):
        return existing, user
    with transaction.atomic():
        organisation, _ = Organisation.objects.get_or_create(
            name="Bench Integrated Care Board", defaults={"kind": "commissioner", "type": "icb"}
        )
        Membership.objects.get_or_create(user=user, organisation=organisation)
        today = timezone.localdate()
        programme, _ = Programme.objects.update_or_create(
            name=PROGRAMME,
            defaults={
                "organisation": organisation,
                "summary": "Grants and contracts for arts and cultural organisations to "
                "improve outcomes for people with long-term conditions.",
                "budget": Decimal(3_000_000),
                "start_date": today - datetime.timedelta(days=365),
                "end_date": today + datetime.timedelta(days=365),
                "status": "active",
            },
        )
        programme.outcome_areas.set(OutcomeArea.objects.all()[:3])
        _projects_delete(programme)
        Opportunity.objects.filter(programme=programme).delete()
        providers = Organisation.objects.bulk_create(
            Organisation(name=f"Bench arts organisation {n}", kind="provider", type="arts_cultural")
            for n in range(PROVIDERS)
        )
        now = timezone.now()
        health = list(OutcomeArea.objects.all()[:3])
        funded: list = []
        for number in range(OPPORTUNITIES):
            closed = number % 2 == 0
            published = now - datetime.timedelta(days=300 - number * 10)
            opportunity = Opportunity.objects.create(
                programme=programme,
                organisation=organisation,
                reference=f"BENCH-{number:03d}",
                title=f"Arts and health grants round {number + 1}",
                summary="Grants of up to £15,000 for arts projects with clinical pathways.",
                route=Route.INNOVATION_GRANT if number % 3 else Route.OPEN,
                status=Status.CLOSED if closed else Status.PUBLISHED,
                total_budget=Decimal(150_000),
                max_bid=Decimal(15_000),
                published_at=published,
                version=1,
                engagement_date=(published - datetime.timedelta(days=20)).date(),
                clarification_deadline=published + datetime.timedelta(days=60),
                closes_at=published + datetime.timedelta(days=75 if closed else 400),
                evaluation_date=(published + datetime.timedelta(days=90)).date(),
                award_date=(published + datetime.timedelta(days=110)).date(),
                service_start=(published + datetime.timedelta(days=140)).date(),
            )
            lots = Lot.objects.bulk_create(
                Lot(opportunity=opportunity, number=i + 1, title=theme, budget=Decimal(50_000))
                for i, theme in enumerate(THEMES)
            )
            for lot, area in zip(lots, health, strict=False):
                lot.outcome_areas.set([area])
            bids = Bid.objects.bulk_create(
                Bid(
                    opportunity=opportunity,
                    organisation=providers[(number * 7 + n) % PROVIDERS],
                    title=f"Project {n}",
                    status=BidStatus.SUBMITTED,
                )
                for n in range(8)
            )
            Bid.lots.through.objects.bulk_create(
                Bid.lots.through(bid=bid, lot=lots[n % len(lots)]) for n, bid in enumerate(bids)
            )
            if closed and len(funded) < PROJECTS:
                funded.extend(bids[:2])
        _projects_make(programme, organisation, funded[:PROJECTS], today)
        _events_make(programme, organisation, providers, today)
    return programme, user


def _projects_delete(programme) -> None:
    from engagement.models import Event  # noqa: PLC0415
    from monitoring.models import Agreement, Return  # noqa: PLC0415

    Return.objects.filter(agreement__programme=programme).delete()
    Agreement.objects.filter(programme=programme).delete()
    Event.objects.filter(programme=programme).delete()


def _projects_make(programme, organisation, bids, today) -> None:
    """A funded project per bid, as monitoring leaves them after eight accepted returns."""
    from django.utils import timezone  # noqa: PLC0415

    from commissioning.models import Kpi  # noqa: PLC0415
    from monitoring.models import (  # noqa: PLC0415
        Agreement,
        AgreementKpi,
        BudgetLine,
        CaseStudy,
        Instalment,
        InstrumentResponse,
        KpiActual,
        Participant,
        ReportingPeriod,
        Return,
        SpendLine,
    )

    kpis = {k.slug: k for k in Kpi.objects.filter(slug__in=PROJECT_KPIS)}
    starts = today - datetime.timedelta(days=QUARTERS * 91 + 30)
    agreements = Agreement.objects.bulk_create(
        Agreement(
            programme=programme,
            commissioner=organisation,
            provider=bid.organisation,
            opportunity=bid.opportunity,
            bid=bid,
            reference=f"BENCH-AGR-{n:03d}",
            title=f"{THEMES[n % len(THEMES)]}: creative sessions {n + 1}",
            summary="Weekly creative sessions for people referred by their GP practice, with "
            "a sharing at the end of each term.",
            kind="grant",
            value=Decimal(12_000 + 150 * n),
            starts_on=starts,
            ends_on=today + datetime.timedelta(days=30),
            monitoring_level="standard",
            frequency="quarterly",
        )
        for n, bid in enumerate(bids)
    )
    periods, items, lines, instalments = [], [], [], []
    for agreement in agreements:
        for q in range(QUARTERS):
            begins = starts + datetime.timedelta(days=91 * q)
            periods.append(
                ReportingPeriod(
                    agreement=agreement,
                    number=q + 1,
                    label=f"Quarter {q + 1}",
                    starts_on=begins,
                    ends_on=begins + datetime.timedelta(days=90),
                    due_on=begins + datetime.timedelta(days=111),
                )
            )
        for position, slug in enumerate(PROJECT_KPIS):
            items.append(
                AgreementKpi(
                    agreement=agreement,
                    kpi=kpis[slug],
                    minimum=Decimal(60 + 10 * position),
                    expected=Decimal(80 + 10 * position),
                    stretch=Decimal(100 + 10 * position),
                    position=position,
                )
            )
        lines.append(
            BudgetLine(
                agreement=agreement,
                description="Artists' fees",
                cost_type="variable",
                amount=agreement.value - 3000,
            )
        )
        lines.append(
            BudgetLine(
                agreement=agreement,
                description="Venue and evaluation",
                cost_type="fixed",
                amount=Decimal(3000),
                position=1,
            )
        )
        instalments.append(
            Instalment(
                agreement=agreement,
                number=1,
                amount=agreement.value / 2,
                due_on=starts,
                paid_on=starts,
            )
        )
    periods = ReportingPeriod.objects.bulk_create(periods)
    items = AgreementKpi.objects.bulk_create(items)
    lines = BudgetLine.objects.bulk_create(lines)
    Instalment.objects.bulk_create(instalments)
    accepted = timezone.now() - datetime.timedelta(days=20)
    returns = Return.objects.bulk_create(
        Return(
            agreement_id=period.agreement_id,
            period=period,
            status="accepted",
            narrative=f"{period.label}: twelve sessions; most people came back week after week "
            "and several now meet between sessions.",
            learning_commissioners="Referrals through practice staff worked better than leaflets."
            if period.number % 4 == 0
            else "",
            learning_sector="Short, regular sessions suit people new to the arts."
            if period.number % 4 == 2
            else "",
            learning_delivery="A shared venue with the GP practice lowered the barrier."
            if period.number == QUARTERS
            else "",
            spend_to_date=Decimal(1400 * period.number),
            first_submitted_at=accepted,
            submitted_at=accepted,
            accepted_at=accepted,
            submission_count=1,
        )
        for period in periods
    )
    items_by_agreement: dict[int, list] = {}
    for item in items:
        items_by_agreement.setdefault(item.agreement_id, []).append(item)
    variable_line = {line.agreement_id: line for line in lines if line.cost_type == "variable"}
    actuals, spend, cases = [], [], []
    for index, report in enumerate(returns):
        number = index % QUARTERS + 1
        for position, item in enumerate(items_by_agreement[report.agreement_id]):
            actuals.append(
                KpiActual(
                    report=report,
                    agreement_kpi=item,
                    value=Decimal(8 + position * 2 + (index * 7) % 9),
                )
            )
        spend.append(
            SpendLine(
                report=report,
                budget_line=variable_line[report.agreement_id],
                amount=Decimal(1400 * number),
            )
        )
        if number % 2 == 0:
            cases.append(
                CaseStudy(
                    report=report,
                    title=f"A participant's story, quarter {number}",
                    body="Referred after a fall, she had stopped going out. After a term of "
                    "sessions she leads the warm-up and has joined a walking group.",
                    quote="It gave me a reason to get dressed on a Tuesday.",
                    consented=number % 4 == 0,
                )
            )
    KpiActual.objects.bulk_create(actuals)
    SpendLine.objects.bulk_create(spend)
    CaseStudy.objects.bulk_create(cases)
    participants = Participant.objects.bulk_create(
        Participant(agreement=agreement, code=f"P{n:03d}")
        for agreement in agreements
        for n in range(PARTICIPANTS)
    )
    responses = []
    for n, participant in enumerate(participants):
        for time_point, score, day in (
            ("baseline", 20 + n % 5, 10),
            ("follow_up", 21 + n % 7, 600),
        ):
            responses.append(
                InstrumentResponse(
                    agreement_id=participant.agreement_id,
                    participant=participant,
                    instrument="swemwbs",
                    instrument_version="2009",
                    time_point=time_point,
                    collected_on=starts + datetime.timedelta(days=day),
                    items=[3] * 7,
                    raw_score=score,
                    metric_score=Decimal(score),
                )
            )
    InstrumentResponse.objects.bulk_create(responses)


def _events_make(programme, organisation, providers, today) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from engagement.models import Event, Registration  # noqa: PLC0415

    now = timezone.now()
    events = Event.objects.bulk_create(
        Event(
            organisation=organisation,
            programme=programme,
            kind="market_engagement",
            title=f"Meet the commissioners: round {n + 1}",
            description="What the grants are for, and a chance to find partners.",
            venue_name="Shire Hall, Gloucester",
            starts_at=now - datetime.timedelta(days=300 - 60 * n),
            ends_at=now - datetime.timedelta(days=300 - 60 * n) + datetime.timedelta(hours=2),
            status="held",
        )
        for n in range(EVENTS)
    )
    Registration.objects.bulk_create(
        Registration(
            event=event,
            organisation=providers[(n * 3 + i) % len(providers)] if i % 3 else None,
            name=f"Attendee {n}-{i}",
            email=f"bench-attendee-{n}-{i}@example.org",
            organisation_name=f"Bench organisation {i}",
            organisation_type="arts_cultural" if i % 3 else "vcse",
            is_arts_cultural=bool(i % 3),
            status="confirmed",
            attendance="attended" if i % 5 else "no_show",
            confirmed_at=now,
        )
        for n, event in enumerate(events)
        for i in range(24)
    )


def _token(user) -> str:
    from rest_framework.authtoken.models import Token  # noqa: PLC0415

    token, _ = Token.objects.get_or_create(user=user)
    return token.key


def _purge_queue() -> None:
    from config.celery import app  # noqa: PLC0415

    with app.connection_for_write() as connection:
        try:
            connection.default_channel.queue_purge("reports")
        except Exception:
            say("  (the reports queue could not be purged)")


def _close(conn: http.client.HTTPConnection) -> None:
    conn.close()


def request_timings(ctx: Context, programme, user) -> dict[str, float]:
    """POST /api/v1/reports/ through gunicorn, a different period each time (so each is a new
    job, queued after commit), one client."""
    from reports.models import ReportJob  # noqa: PLC0415

    server = ctx.server
    token = _token(user)
    bodies = []
    for day in range(REQUESTS + 5):
        start = programme.start_date + datetime.timedelta(days=day)
        bodies.append(
            json.dumps(
                {
                    "kind": "programme",
                    "target_id": programme.pk,
                    "parameters": {
                        "period_start": start.isoformat(),
                        "period_end": programme.end_date.isoformat(),
                    },
                }
            ).encode()
        )
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    ReportJob.objects.filter(requested_by=user).delete()
    statuses: list[int] = []

    def connect() -> http.client.HTTPConnection:
        return http.client.HTTPConnection(server.host, server.port, timeout=30)

    def poster(batch: list[bytes]):
        def post(i: int, conn: http.client.HTTPConnection) -> bool:
            conn.request("POST", "/api/v1/reports/", body=batch[i], headers=headers)
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
            return response.status == 202

        return post

    warm, measured = bodies[:5], bodies[5:]
    concurrently(poster(warm), clients=1, total=len(warm), setup=connect, teardown=_close)
    timings = concurrently(
        poster(measured), clients=1, total=len(measured), setup=connect, teardown=_close
    )
    created = ReportJob.objects.filter(requested_by=user).count()
    ReportJob.objects.filter(requested_by=user).delete()
    _purge_queue()
    if timings.failures:
        say(f"    {timings.failures} failed requests: {sorted(set(statuses))}")
    return {
        "report_request_ms": timings.p95,
        "report_request_p50_ms": timings.p50,
        "report_request_jobs_created": created,
        "report_request_failures": timings.failures,
    }


def build_timings(ctx: Context, programme) -> dict[str, float]:
    env = app_environment(ctx.database_url, MEDIA_ROOT=tempfile.mkdtemp(prefix="ccp-bench-media-"))
    runs = []
    for _ in range(3):
        finished = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bench.report_build", "--programme", str(programme.pk)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if finished.returncode != 0:
            say(f"  the report build failed:\n{finished.stderr[-3000:]}")
            return {}
        runs.append(json.loads(finished.stdout.strip().splitlines()[-1]))
    _purge_queue()
    # The median run by end-to-end time; memory is the highest seen.
    runs.sort(key=lambda run: run["seconds"])
    median = runs[len(runs) // 2]
    return {
        "report_programme_seconds": round(median["seconds"], 2),
        "report_programme_pages": median["pages"],
        "report_programme_weasyprint_seconds": round(median["weasyprint_seconds"], 2),
        "report_programme_weasyprint_ratio": round(
            median["seconds"] / median["weasyprint_seconds"], 2
        ),
        "report_programme_gather_seconds": round(median["gather_seconds"], 3),
        "report_programme_charts_seconds": round(median["charts_seconds"], 3),
        "report_worker_peak_rss_mb": round(max(run["peak_rss_mb"] for run in runs), 1),
    }


def measure(ctx: Context) -> dict[str, Any]:
    say("Reports: the generated programme...")
    programme, user = programme_ensure()
    results: dict[str, Any] = {}
    if ctx.server is not None:
        say("  asking for reports through the API (gunicorn)...")
        results.update(request_timings(ctx, programme, user))
    say("  building the programme pilot report, three times, in a worker-like process...")
    results.update(build_timings(ctx, programme))
    return results
