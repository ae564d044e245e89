"""Reports built by a real worker process (`-Q reports --concurrency 1`) through the broker:
queued → running → done, read back; a failure with a clear message, then a retry; and a
worker killed mid-render, restarted, retried: exactly one file."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Membership
from core.models import AuditEntry
from reports import services
from reports.constants import JobStatus, Stage
from reports.models import ReportJob
from tenders.constants import QuestionStatus
from tenders.models import Question
from tests.factories import OrganisationFactory
from tests.reports import worker as workers
from tests.reports.conftest import period_of
from tests.reports.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# The worker fixtures, shared with the other reports tests.
broker = workers.broker
report_worker = workers.report_worker

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-results" / "reports"


def _ask(user, kind: str, target_id: int, parameters: dict) -> ReportJob:
    job, _ = services.report_request(
        actor=user, organisation=None, kind=kind, target_id=target_id, parameters=parameters
    )
    return job


def _seen(job: ReportJob, seen: list[tuple[str, str]]) -> bool:
    job.refresh_from_db()
    state = (job.status, job.stage)
    if not seen or seen[-1] != state:
        seen.append(state)
    return job.is_finished


def _pdf_files(settings) -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / "reports").rglob("*.pdf"))


def _png(pdf: bytes, page_index: int, name: str) -> Path:
    import pypdfium2  # noqa: PLC0415

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / name
    document = pypdfium2.PdfDocument(pdf)
    document[page_index].render(scale=1.5).to_pil().save(path)
    document.close()
    return path


def test_worker_builds_the_programme_report_queued_running_done(
    report_worker, commissioner_member, programme, bids
):
    job = _ask(commissioner_member.user, "programme", programme.pk, period_of(programme))
    seen: list[tuple[str, str]] = []
    _seen(job, seen)
    started = report_worker()

    finished = wait_for(lambda: _seen(job, seen))

    assert finished, started.output()
    assert job.status == JobStatus.DONE, job.error
    statuses = list(dict.fromkeys(status for status, _ in seen))
    assert statuses == ["queued", "running", "done"]
    stages = [stage for _, stage in seen]
    assert stages == sorted(stages, key=[s.value for s in Stage].index)
    with default_storage.open(job.file.name, "rb") as stored:
        content = stored.read()
    reader = PdfReader(io.BytesIO(content))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == job.page_count == 14
    assert programme.name in pages[0]
    bids_page = next(
        i for i, text in enumerate(pages) if "Bids submitted and funded per theme" in text
    )
    assert "Dementia" in pages[bids_page]
    assert "Lung conditions (COPD and asthma)" in pages[bids_page]
    chart_page = next(i for i, text in enumerate(pages) if "Figure 1:" in text)
    assert _png(content, 0, "programme-report-page-1.png").stat().st_size > 10_000
    assert _png(content, chart_page, "programme-report-chart.png").stat().st_size > 10_000


def test_worker_failure_shows_a_clear_message_and_retry_succeeds(
    report_worker, commissioner_member, programme
):
    job = _ask(commissioner_member.user, "programme", programme.pk, period_of(programme))
    membership = Membership.objects.get(pk=commissioner_member.pk)
    organisation, role = membership.organisation, membership.role
    membership.delete()
    report_worker()

    assert wait_for(lambda: _seen(job, []))
    assert job.status == JobStatus.FAILED
    assert job.error == "You can no longer see what this report is about, so it was not built."

    Membership.objects.create(user=commissioner_member.user, organisation=organisation, role=role)
    services.report_retry(actor=commissioner_member.user, job=job)

    assert wait_for(lambda: _seen(job, []))
    assert (job.status, job.attempt, job.error) == (JobStatus.DONE, 2, "")


def _long_answers(opportunity) -> None:
    """A long question-and-answer section makes the layout last long enough to be killed in."""
    asker = OrganisationFactory()
    Question.objects.bulk_create(
        Question(
            opportunity=opportunity,
            organisation=asker,
            text=f"Question {n}",
            published_question=f"Question {n}: can a project work across two themes? " * 4,
            answer="Yes. Apply to the theme that fits best and say how it helps the other. " * 6,
            status=QuestionStatus.PUBLISHED,
            answered_at=timezone.now(),
        )
        for n in range(250)
    )


def test_worker_killed_mid_render_then_retried_leaves_exactly_one_file(
    report_worker, settings, commissioner_member, opportunity
):
    _long_answers(opportunity)
    job = _ask(commissioner_member.user, "tender_pack", opportunity.pk, {})
    first = report_worker()

    assert wait_for(lambda: _seen(job, []) or job.stage == Stage.RENDERING), first.output()
    first.kill()
    job.refresh_from_db()
    assert (job.status, job.stage) == (JobStatus.RUNNING, Stage.RENDERING)
    assert _pdf_files(settings) == []

    # The job is retriable once its worker has been silent long enough (here: at once).
    settings.REPORTS_STALE_AFTER_SECONDS = 0
    assert services.report_can_retry(job) is True
    report_worker()
    services.report_retry(actor=commissioner_member.user, job=job)

    assert wait_for(lambda: _seen(job, []), timeout=120)
    assert (job.status, job.attempt, job.runs) == (JobStatus.DONE, 2, 1)
    files = _pdf_files(settings)
    assert [str(f.relative_to(settings.MEDIA_ROOT)) for f in files] == [job.file.name]
    assert len(PdfReader(files[0]).pages) == job.page_count


# Heartbeat and silence shortened, so the test takes seconds (production: 5 s and 30 s).
QUICK = {"REPORTS_HEARTBEAT_SECONDS": "0.5", "REPORTS_ORPHANED_AFTER_SECONDS": "4"}


def test_worker_killed_mid_render_is_finished_once_by_the_restarted_worker(
    report_worker, settings, commissioner_member, opportunity
):
    _long_answers(opportunity)
    job = _ask(commissioner_member.user, "tender_pack", opportunity.pk, {})
    first = report_worker(env=QUICK)
    assert wait_for(lambda: _seen(job, []) or job.stage == Stage.RENDERING), first.output()
    first.kill()
    assert _pdf_files(settings) == []

    # No one asks again: the next reports worker to start takes the job back by itself, long
    # before the stale sweep (6 minutes) would fail it.
    restarted_at = time.monotonic()
    second = report_worker(env=QUICK)

    assert wait_for(lambda: _seen(job, []), timeout=120), second.output()
    seconds = time.monotonic() - restarted_at
    assert (job.status, job.attempt, job.runs) == (JobStatus.DONE, 1, 2), job.error
    assert seconds < 60
    files = _pdf_files(settings)
    assert [str(f.relative_to(settings.MEDIA_ROOT)) for f in files] == [job.file.name]
    assert len(PdfReader(files[0]).pages) == job.page_count
    assert AuditEntry.objects.filter(action="report.complete", object_id=str(job.pk)).count() == 1
    assert "Sent 1 running report(s) back to the queue" in second.log.read_text()
