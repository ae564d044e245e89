"""Reports: a person's report jobs, in every state."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from reports.constants import JobStatus, Stage
from reports.models import ReportJob
from tests.factories import ProgrammeFactory
from tests.query_counts.people import Counter, commissioner
from tests.query_counts.registry import View, page

# A mix of states, so each row's badge, progress and links are drawn.
STATES = (
    {
        "status": JobStatus.DONE,
        "stage": Stage.DONE,
        "progress": 100,
        "page_count": 7,
        "file": "reports/measured.pdf",
        "file_size": 2048,
    },
    {"status": JobStatus.RUNNING, "stage": Stage.RENDERING, "progress": 55, "runs": 1},
    {"status": JobStatus.FAILED, "error": "The report could not be built."},
)


def _jobs(name: str) -> View:
    membership = commissioner()
    programme = ProgrammeFactory(organisation=membership.organisation)
    counter = Counter()

    def grow(count: int) -> None:
        now = timezone.now()
        ReportJob.objects.bulk_create(
            ReportJob(
                requested_by=membership.user,
                kind="programme",
                target_id=programme.pk,
                parameters={"period_start": "2026-04-01", "period_end": "2027-03-31"},
                title=f"Measured report {n}",
                request_key=f"{n:064x}",
                started_at=now,
                finished_at=now,
                **STATES[n % len(STATES)],
            )
            for n in counter.take(count)
        )

    return View(user=membership.user, url=reverse(name), grow=grow, shows="Measured report 0")


@page("reports:list", who="the person who asked for the reports")
def report_list() -> View:
    return _jobs("reports:list")


@page("api_reports", who="the person who asked for the reports")
def api_reports() -> View:
    return _jobs("api_reports")
