"""Asking for a report, building it in the worker, and trying again.

The request only records a job and queues the task after commit, so it returns at once. The
worker claims the job for its current attempt, gathers the data, draws the charts, lays out and
writes the PDF, then stores it under a name made from the content's digest, inside a lock: an
identical earlier file is reused, and a retry after a killed worker still leaves one file.

A worker killed mid-report: while building, a thread records a heartbeat every few seconds.
When a reports worker starts it sends the job of every running report that has gone silent
(or will have, if its worker is really gone) back to the queue (`report_jobs_redeliver`); a
message that reaches a job still beating waits and looks again (`JobBusy`). So the job is
finished by the restarted worker within about ORPHANED_AFTER_SECONDS, once: every claim is
taken under the job's row lock.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Organisation, User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from reports.charts import chart_draw
from reports.constants import (
    DESIGN_VERSION,
    HEARTBEAT_SECONDS,
    MAX_RUNS_PER_ATTEMPT,
    MEDIA_BASE,
    ORPHANED_AFTER_SECONDS,
    STAGE_PROGRESS,
    STALE_AFTER_SECONDS,
    STATIC_BASE,
    TRANSITIONS,
    JobStatus,
    Stage,
)
from reports.kinds import ReportKind, kind_get
from reports.models import ReportJob

logger = logging.getLogger(__name__)

GENERIC_FAILURE = (
    "Something went wrong while building this report. Try again; if it fails again, write to "
    "{support} and say which report you asked for."
)
TOO_LONG = (
    "The report took too long to build and was stopped. Try again later, or ask for a shorter "
    "period."
)
STOPPED = "The report stopped before it was finished (its worker stopped). Try again."
NOT_STARTED = "The report did not start: no worker picked it up. Try again."
GIVEN_UP = "The report could not be built after {runs} tries. Try again later."
# Progress while pages are laid out: from the rendering stage's start towards 85%.
_LAYOUT_SPAN = (STAGE_PROGRESS[Stage.RENDERING], 85)
_PROGRESS_EVERY_SECONDS = 0.3


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(
        seconds=getattr(settings, "REPORTS_STALE_AFTER_SECONDS", STALE_AFTER_SECONDS)
    )


def orphaned_after() -> float:
    return float(getattr(settings, "REPORTS_ORPHANED_AFTER_SECONDS", ORPHANED_AFTER_SECONDS))


def heartbeat_every() -> float:
    return float(getattr(settings, "REPORTS_HEARTBEAT_SECONDS", HEARTBEAT_SECONDS))


class JobBusy(Exception):  # noqa: N818 - a signal to wait, not an error
    """The job is running and its worker gave a sign of life recently: this message should
    look again in `seconds`, when the job will have gone silent if its worker is gone."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Running elsewhere; look again in {seconds:.1f} s")
        self.seconds = seconds


def _silent_for(job: ReportJob) -> float:
    last_sign = job.heartbeat_at or job.started_at or job.created_at
    return (timezone.now() - last_sign).total_seconds()


def _digest(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _kind(slug: str) -> ReportKind:
    kind = kind_get(slug)
    if kind is None:
        raise ApplicationError("There is no report of that kind.")
    return kind


def _check_transition(job: ReportJob, to: str) -> None:
    if to not in TRANSITIONS[job.status]:
        raise ApplicationError(
            f"This report is {job.get_status_display().lower()}, so it cannot be "
            f"{JobStatus(to).label.lower()}."
        )


def report_parameters_clean(
    *, kind: ReportKind, target: Any, parameters: dict[str, Any]
) -> dict[str, Any]:
    """The parameters as the kind's form cleans them; a readable message when they are wrong."""
    form = kind.form_class(data=parameters, target=target)
    if not form.is_valid():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        raise ApplicationError(" ".join(messages), extra={"errors": form.errors.get_json_data()})
    return form.parameters()


@transaction.atomic
def report_request(
    *,
    actor: User,
    organisation: Organisation | None,
    kind: str,
    target_id: int,
    parameters: dict[str, Any],
) -> tuple[ReportJob, bool]:
    """A job for this report, and whether it is new. The same request while an identical one
    is still waiting or being built gives that job back instead of a second one.

    Side effects: audit entry; the `reports.generate` task queued after commit. Raises Http404
    when the person cannot see the target, PermissionDenied when they may see it but not ask.
    """
    report_kind = _kind(kind)
    target = report_kind.target_for_user(user=actor, pk=target_id)
    if not report_kind.can_request(user=actor, target=target):
        raise PermissionDenied("You cannot ask for this report.")
    cleaned = report_parameters_clean(kind=report_kind, target=target, parameters=parameters)
    request_key = _digest(report_kind.slug, target.pk, cleaned)
    waiting = (
        ReportJob.objects.select_for_update()
        .filter(
            requested_by=actor,
            request_key=request_key,
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
        )
        .first()
    )
    if waiting is not None and not _is_stale(waiting):
        return waiting, False
    job = ReportJob.objects.create(
        requested_by=actor,
        organisation=organisation,
        kind=report_kind.slug,
        target_id=target.pk,
        parameters=cleaned,
        title=report_kind.title(target=target, parameters=cleaned)[:300],
        request_key=request_key,
    )
    audit_record(
        actor=actor,
        action="report.request",
        obj=job,
        organisation=organisation,
        after={"kind": job.kind, "target": job.target_id, "parameters": cleaned},
    )
    _queue(job)
    return job, True


def _queue(job: ReportJob) -> None:
    from reports.tasks import report_generate  # noqa: PLC0415 - tasks sit above services

    job_id, attempt = job.pk, job.attempt
    transaction.on_commit(lambda: report_generate.delay(job_id=job_id, attempt=attempt))


def _is_stale(job: ReportJob) -> bool:
    last_sign = job.heartbeat_at or job.created_at
    return last_sign < timezone.now() - stale_after()


def report_can_retry(job: ReportJob) -> bool:
    """Failed jobs, and jobs whose worker has stopped giving signs of life."""
    if job.status == JobStatus.FAILED:
        return True
    return job.status in (JobStatus.QUEUED, JobStatus.RUNNING) and _is_stale(job)


@transaction.atomic
def report_retry(*, actor: User, job: ReportJob) -> ReportJob:
    """Start the next attempt. A worker still holding an earlier attempt's message does
    nothing with it.

    Side effects: audit entry; the `reports.generate` task queued after commit.
    """
    job = ReportJob.objects.select_for_update().get(pk=job.pk)
    if job.requested_by_id != actor.pk:
        raise ApplicationError("Only the person who asked for this report can try again.")
    if not report_can_retry(job):
        raise ApplicationError(
            "This report is still being built."
            if job.status != JobStatus.DONE
            else "This report is ready: there is nothing to try again."
        )
    before = {"status": job.status, "attempt": job.attempt, "error": job.error}
    job.status = JobStatus.QUEUED
    job.stage = Stage.QUEUED
    job.progress = 0
    job.attempt += 1
    job.runs = 0
    job.error = ""
    job.started_at = None
    job.heartbeat_at = None
    job.finished_at = None
    job.save()
    audit_record(
        actor=actor,
        action="report.retry",
        obj=job,
        organisation=job.organisation,
        before=before,
        after={"status": job.status, "attempt": job.attempt},
    )
    _queue(job)
    return job


# In the worker ---------------------------------------------------------------------------------


def report_claim(*, job_id: int, attempt: int) -> ReportJob | None:
    """Mark the job's current attempt running, or None when this message is not for it (an
    earlier attempt, or a job already finished). A redelivered message (its worker was killed)
    runs the attempt again, up to MAX_RUNS_PER_ATTEMPT times; while the job's worker still
    shows signs of life, raises JobBusy instead.

    Side effects: audit entry when the job starts (or is given up).
    """
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.attempt != attempt:
            return None
        if job.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
            return None
        if job.status == JobStatus.RUNNING:
            silent = _silent_for(job)
            if silent < orphaned_after():
                raise JobBusy(orphaned_after() - silent + 0.5)
        if job.runs >= MAX_RUNS_PER_ATTEMPT:
            _fail(job, GIVEN_UP.format(runs=job.runs))
            return None
        before = job.status
        now = timezone.now()
        job.status = JobStatus.RUNNING
        job.stage = Stage.GATHERING
        job.progress = STAGE_PROGRESS[Stage.GATHERING]
        job.runs += 1
        job.started_at = job.started_at or now
        job.heartbeat_at = now
        job.save()
        if before != JobStatus.RUNNING:
            audit_record(
                actor=None,
                action="report.start",
                obj=job,
                organisation=job.organisation,
                before={"status": before},
                after={"status": job.status, "attempt": attempt},
            )
    return job


def _progress(job: ReportJob, stage: str, progress: int | None = None) -> None:
    """Record the stage at once (outside any transaction, so the progress page sees it)."""
    value = STAGE_PROGRESS[stage] if progress is None else progress
    job.stage, job.progress = stage, value
    ReportJob.objects.filter(pk=job.pk, attempt=job.attempt, status=JobStatus.RUNNING).update(
        stage=stage, progress=value, heartbeat_at=timezone.now()
    )


class _LayoutProgress:
    """Moves the bar while WeasyPrint lays out pages, at most every few tenths of a second."""

    def __init__(self, job: ReportJob, expected_pages: int) -> None:
        self.job = job
        self.expected = max(expected_pages, 1)
        self.last = 0.0
        self.shown = 0

    def __call__(self, page: int) -> None:
        now = time.monotonic()
        low, high = _LAYOUT_SPAN
        value = low + round((high - low) * min(page / self.expected, 1.0))
        # WeasyPrint lays pages out again for "page X of Y": the bar never moves back.
        if now - self.last < _PROGRESS_EVERY_SECONDS or value <= self.shown:
            return
        self.last, self.shown = now, value
        _progress(self.job, Stage.RENDERING, value)


def report_build(
    *, job_id: int, attempt: int, timings: dict[str, Any] | None = None
) -> ReportJob | None:
    """Build the PDF for the job's current attempt. Raises ApplicationError (shown to the
    person) when the report cannot be built; the task turns errors into a failed job.
    `timings`, when given, receives each stage's seconds and the final HTML (the benchmark).

    Side effects: progress recorded as it goes; the file stored; audit entry; email to the
    person who asked.
    """
    timings = {} if timings is None else timings
    started = time.perf_counter()
    job = report_claim(job_id=job_id, attempt=attempt)
    if job is None:
        return None
    with _Heartbeat(job):
        return _build(job, timings, started)


def _build(job: ReportJob, timings: dict[str, Any], started: float) -> ReportJob:
    kind = _kind(job.kind)
    user = job.requested_by
    try:
        target = kind.target_for_user(user=user, pk=job.target_id)
    except Http404 as exc:
        raise ApplicationError(
            "You can no longer see what this report is about, so it was not built."
        ) from exc
    if not kind.can_request(user=user, target=target):
        raise ApplicationError("You can no longer ask for this report, so it was not built.")
    parameters = report_parameters_clean(kind=kind, target=target, parameters=job.parameters)
    data = kind.gather(target=target, parameters=parameters)
    timings["gather"] = time.perf_counter() - started
    content_key = _digest(kind.slug, kind.version, DESIGN_VERSION, data)
    job.content_key = content_key
    ReportJob.objects.filter(pk=job.pk).update(content_key=content_key)
    if _reuse(job):
        return job

    _progress(job, Stage.CHARTS)
    started = time.perf_counter()
    charts = {
        chart.key: chart_draw(chart, number=number)
        for number, chart in enumerate(kind.charts(data=data), start=1)
    }
    timings["charts"] = time.perf_counter() - started

    _progress(job, Stage.RENDERING)
    html = render_to_string(
        kind.template,
        {
            "title": job.title,
            "kind": kind,
            "report": data,
            "charts": charts,
            "generated_at": timezone.now(),
            "SITE_NAME": settings.SITE_NAME,
            "STATIC_BASE": STATIC_BASE,
            "MEDIA_BASE": MEDIA_BASE,
        },
    )
    timings["html"] = html
    from reports.pdf import pdf_render  # noqa: PLC0415 - only the worker loads WeasyPrint

    expected = _expected_pages(job)
    rendered = pdf_render(
        html,
        on_page=_LayoutProgress(job, expected),
        on_layout=lambda pages: _progress(job, Stage.RENDERING, 87),
    )

    _progress(job, Stage.STORING)
    _store(job, rendered.content, pages=rendered.pages)
    return job


class _Heartbeat:
    """Records the job's sign of life every few seconds from a thread, so a long stage
    (gathering, writing the PDF) is never taken for a killed worker."""

    def __init__(self, job: ReportJob) -> None:
        self.job = job
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"report-{job.pk}", daemon=True)

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(heartbeat_every()):
                ReportJob.objects.filter(
                    pk=self.job.pk, attempt=self.job.attempt, status=JobStatus.RUNNING
                ).update(heartbeat_at=timezone.now())
        except Exception:
            logger.exception("Report %s heartbeat stopped", self.job.pk)
        finally:
            connection.close()

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopped.set()
        self.thread.join(timeout=heartbeat_every() + 5)


def report_jobs_redeliver() -> int:
    """Send every running job back to the reports queue: run when a reports worker starts.
    A job whose worker was killed is silent, or soon will be: each message is delayed until
    the job would count as orphaned, and then builds it (a live worker's job makes the
    message wait again, so nothing is built twice). Returns the number of jobs sent.

    Side effects: `reports.generate` tasks queued.
    """
    from reports.tasks import report_generate  # noqa: PLC0415 - tasks sit above services

    count = 0
    for job in ReportJob.objects.filter(status=JobStatus.RUNNING).only(
        "pk", "attempt", "heartbeat_at", "started_at", "created_at"
    ):
        countdown = max(0.0, orphaned_after() - _silent_for(job)) + 0.5
        report_generate.apply_async(
            kwargs={"job_id": job.pk, "attempt": job.attempt}, countdown=countdown
        )
        count += 1
    if count:
        logger.info("Sent %s running report(s) back to the queue", count)
    return count


def _expected_pages(job: ReportJob) -> int:
    """The page count of this kind's last report of the same thing, to scale the bar."""
    earlier = (
        ReportJob.objects.filter(
            kind=job.kind, target_id=job.target_id, status=JobStatus.DONE, page_count__isnull=False
        )
        .order_by("-finished_at")
        .values_list("page_count", flat=True)
        .first()
    )
    return earlier or 20


def _lock(content_key: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(content_key[:15], 16)])


def _done_with_same_content(job: ReportJob) -> ReportJob | None:
    return (
        ReportJob.objects.filter(content_key=job.content_key, status=JobStatus.DONE)
        .exclude(pk=job.pk)
        .exclude(file="")
        .order_by("finished_at")
        .first()
    )


def _reuse(job: ReportJob) -> bool:
    """Finish with an identical earlier file, if there is one."""
    with transaction.atomic():
        _lock(job.content_key)
        earlier = _done_with_same_content(job)
        if earlier is None or not default_storage.exists(earlier.file.name):
            return False
        _complete(
            job,
            name=earlier.file.name,
            size=earlier.file_size,
            pages=earlier.page_count,
            reused_from=earlier,
        )
        return True


def file_name(content_key: str) -> str:
    return f"reports/{content_key[:2]}/{content_key}.pdf"


def _store(job: ReportJob, content: bytes, *, pages: int) -> None:
    """Write the file under its content's name, once: under the lock, an identical file
    another job stored meanwhile is reused, and a part-written one from a killed worker is
    replaced."""
    with transaction.atomic():
        _lock(job.content_key)
        earlier = _done_with_same_content(job)
        if earlier is not None and default_storage.exists(earlier.file.name):
            _complete(
                job,
                name=earlier.file.name,
                size=earlier.file_size,
                pages=earlier.page_count,
                reused_from=earlier,
            )
            return
        name = file_name(job.content_key)
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(content))
        if not _complete(job, name=saved, size=len(content), pages=pages):
            # This attempt was overtaken (retried meanwhile): its file is not kept.
            default_storage.delete(saved)


def _complete(
    job: ReportJob,
    *,
    name: str,
    size: int | None,
    pages: int | None,
    reused_from: ReportJob | None = None,
) -> bool:
    """Mark the job done, if it is still this attempt's. Runs inside the caller's transaction."""
    locked = ReportJob.objects.select_for_update().get(pk=job.pk)
    if locked.attempt != job.attempt or locked.status != JobStatus.RUNNING:
        return False
    locked.status = JobStatus.DONE
    locked.stage = Stage.DONE
    locked.progress = 100
    locked.file.name = name
    locked.file_size = size
    locked.page_count = pages
    locked.reused_from = reused_from
    locked.finished_at = timezone.now()
    locked.heartbeat_at = locked.finished_at
    locked.error = ""
    locked.save()
    audit_record(
        actor=None,
        action="report.complete",
        obj=locked,
        organisation=locked.organisation,
        before={"status": JobStatus.RUNNING},
        after={"status": locked.status, "pages": pages, "reused": reused_from is not None},
    )
    email_send(
        to=[locked.requested_by.email],
        template="reports/email/ready",
        context={"job": locked},
    )
    job.status, job.file.name, job.page_count = locked.status, name, pages
    return True


def _fail(job: ReportJob, message: str) -> None:
    before = job.status
    job.status = JobStatus.FAILED
    job.error = message
    job.finished_at = timezone.now()
    job.save()
    audit_record(
        actor=None,
        action="report.fail",
        obj=job,
        organisation=job.organisation,
        before={"status": before},
        after={"status": job.status, "error": message},
    )
    email_send(to=[job.requested_by.email], template="reports/email/failed", context={"job": job})


@transaction.atomic
def report_fail(*, job_id: int, attempt: int, message: str) -> ReportJob | None:
    """Record that this attempt failed, with a message the person can act on.

    Side effects: audit entry; email to the person who asked.
    """
    job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.attempt != attempt or job.status == JobStatus.DONE:
        return None
    if job.status == JobStatus.FAILED:
        return job
    _fail(job, message)
    return job


def generic_failure() -> str:
    support = getattr(settings, "SUPPORT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL
    return GENERIC_FAILURE.format(support=support)


def report_jobs_recover() -> int:
    """Fail the jobs whose worker stopped (or that no worker picked up), so they can be tried
    again. Run by beat.

    Side effects: audit entry and email for each.
    """
    cutoff = timezone.now() - stale_after()
    count = 0
    stale = ReportJob.objects.filter(
        status__in=[JobStatus.QUEUED, JobStatus.RUNNING], created_at__lt=cutoff
    ).values_list("pk", flat=True)
    for pk in list(stale):
        with transaction.atomic():
            job = ReportJob.objects.select_for_update().get(pk=pk)
            if job.status not in (JobStatus.QUEUED, JobStatus.RUNNING) or not _is_stale(job):
                continue
            _fail(job, STOPPED if job.status == JobStatus.RUNNING else NOT_STARTED)
            count += 1
    return count


def download_name(job: ReportJob) -> str:
    finished = timezone.localtime(job.finished_at or job.created_at)
    return f"{slugify(job.title)[:80] or 'report'}-{finished:%Y-%m-%d}.pdf"


def report_worker_warm_up() -> None:
    """Load once, before the first report, what every report needs: WeasyPrint (fonts, Pango,
    the print stylesheet) and the URLconf (the ready email links to the job; the first
    reverse() imports every app's views). Charts need nothing loaded: reports.charts draws
    them as plain SVG."""
    from django.urls import reverse  # noqa: PLC0415

    from reports.pdf import pdf_warm_up  # noqa: PLC0415

    reverse("reports:list")
    pdf_warm_up()
