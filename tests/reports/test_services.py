"""Asking for reports, building them, reusing files, failing clearly and trying again."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Membership
from core.errors import ApplicationError
from core.models import AuditEntry
from reports import services
from reports.constants import MAX_RUNS_PER_ATTEMPT, JobStatus, Stage
from reports.kinds import kind_get, kind_list
from reports.models import ReportJob
from tenders.services import engagement
from tests.factories import MembershipFactory
from tests.reports.conftest import period_of
from tests.reports.factories import BidFactory, ReportJobFactory


def _ask(user, programme, django_capture_on_commit_callbacks, *, execute=True, **parameters):
    with django_capture_on_commit_callbacks(execute=execute) as callbacks:
        job, created = services.report_request(
            actor=user,
            organisation=None,
            kind="programme",
            target_id=programme.pk,
            parameters=parameters or period_of(programme),
        )
    job.refresh_from_db()
    return job, created, callbacks


def _actions(job) -> list[str]:
    entries = AuditEntry.objects.filter(object_id=str(job.pk), action__startswith="report.")
    return list(entries.order_by("id").values_list("action", flat=True))


def _stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT / "reports"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.pdf")) if root.exists() else []


def test_kind_registry_has_one_kind_per_module():
    assert [kind.slug for kind in kind_list()] == [
        "agreement",
        "panel",
        "programme",
        "tender_pack",
        "event_room",
    ]
    assert kind_get("no_such_kind") is None


def test_report_request_queues_the_task_after_commit(
    commissioner_member, programme, django_capture_on_commit_callbacks
):
    job, created, callbacks = _ask(
        commissioner_member.user, programme, django_capture_on_commit_callbacks, execute=False
    )

    assert created is True
    assert len(callbacks) == 1
    assert (job.status, job.stage, job.progress, job.attempt) == ("queued", "queued", 0, 1)
    assert job.title == f"Programme pilot report: {programme.name}"
    assert job.parameters == period_of(programme)
    assert _actions(job) == ["report.request"]


def test_report_request_while_identical_one_waits_returns_it(
    commissioner_member, programme, django_capture_on_commit_callbacks
):
    first, _, _ = _ask(
        commissioner_member.user, programme, django_capture_on_commit_callbacks, execute=False
    )
    again, created, callbacks = _ask(
        commissioner_member.user, programme, django_capture_on_commit_callbacks, execute=False
    )

    assert (again.pk, created, len(callbacks)) == (first.pk, False, 0)
    assert ReportJob.objects.count() == 1


def test_report_request_period_outside_programme_is_refused(
    commissioner_member, programme, django_capture_on_commit_callbacks
):
    before = programme.start_date - datetime.timedelta(days=1)

    with pytest.raises(ApplicationError) as refused:
        _ask(
            commissioner_member.user,
            programme,
            django_capture_on_commit_callbacks,
            period_start=before.isoformat(),
            period_end=programme.end_date.isoformat(),
        )

    assert refused.value.message.startswith(
        "The start of the period must be within the programme. The programme runs from "
    )
    assert ReportJob.objects.count() == 0


def test_report_request_end_before_start_is_refused(
    commissioner_member, programme, django_capture_on_commit_callbacks
):
    with pytest.raises(ApplicationError) as refused:
        _ask(
            commissioner_member.user,
            programme,
            django_capture_on_commit_callbacks,
            period_start=programme.end_date.isoformat(),
            period_end=programme.start_date.isoformat(),
        )

    assert refused.value.message == "The end of the period must be on or after its start."


def test_report_request_for_a_programme_you_cannot_see_is_404(
    stranger, programme, django_capture_on_commit_callbacks
):
    with pytest.raises(Http404):
        _ask(stranger, programme, django_capture_on_commit_callbacks)

    assert ReportJob.objects.count() == 0


def test_report_build_goes_through_the_stages_to_a_pdf(
    commissioner_member, programme, bids, django_capture_on_commit_callbacks, settings
):
    job, _, _ = _ask(commissioner_member.user, programme, django_capture_on_commit_callbacks)

    assert (job.status, job.stage, job.progress, job.error) == ("done", "done", 100, "")
    assert job.started_at <= job.finished_at
    with default_storage.open(job.file.name, "rb") as stored:
        reader = PdfReader(stored)
        text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == job.page_count
    assert job.page_count >= 7
    assert programme.name in text
    assert "Bids submitted and funded per theme" in text
    assert _stored_files(settings) == [job.file.name.removeprefix("reports/")]
    assert [m.subject for m in mail.outbox] == [
        f"[Cultural Commissioning] Your report is ready: {job.title}"
    ]
    assert f"/reports/{job.pk}/" in mail.outbox[0].body
    assert _actions(job) == ["report.request", "report.start", "report.complete"]


def test_report_build_on_unchanged_data_reuses_the_file(
    commissioner_member, programme, bids, django_capture_on_commit_callbacks, settings
):
    first, _, _ = _ask(commissioner_member.user, programme, django_capture_on_commit_callbacks)
    colleague = MembershipFactory(organisation=commissioner_member.organisation).user

    second, created, _ = _ask(colleague, programme, django_capture_on_commit_callbacks)

    assert created is True
    assert second.status == JobStatus.DONE
    assert second.reused_from == first
    assert second.file.name == first.file.name
    assert second.content_key == first.content_key
    assert len(_stored_files(settings)) == 1


def test_report_build_after_data_changed_makes_a_new_file(
    commissioner_member, programme, bids, django_capture_on_commit_callbacks, settings
):
    first, _, _ = _ask(commissioner_member.user, programme, django_capture_on_commit_callbacks)
    opportunity = bids[0].opportunity
    BidFactory(opportunity=opportunity, lots=[opportunity.lots.last()])

    second, _, _ = _ask(commissioner_member.user, programme, django_capture_on_commit_callbacks)

    assert second.reused_from is None
    assert second.content_key != first.content_key
    assert len(_stored_files(settings)) == 2


def test_report_build_after_access_lost_fails_clearly_and_retry_works(
    commissioner_member, programme, django_capture_on_commit_callbacks
):
    job, _, callbacks = _ask(
        commissioner_member.user, programme, django_capture_on_commit_callbacks, execute=False
    )
    membership = Membership.objects.get(pk=commissioner_member.pk)
    organisation, role = membership.organisation, membership.role
    membership.delete()
    for callback in callbacks:
        with django_capture_on_commit_callbacks(execute=True):
            callback()
    job.refresh_from_db()

    assert job.status == JobStatus.FAILED
    assert job.error == "You can no longer see what this report is about, so it was not built."
    assert mail.outbox[-1].subject.startswith("[Cultural Commissioning] Your report could not be")
    assert services.report_can_retry(job) is True

    Membership.objects.create(user=commissioner_member.user, organisation=organisation, role=role)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(actor=commissioner_member.user, job=job)
    job.refresh_from_db()

    assert (job.status, job.attempt, job.error) == ("done", 2, "")


def test_report_retry_by_someone_else_is_refused(commissioner_member, stranger):
    job = ReportJobFactory(requested_by=commissioner_member.user, failed=True)

    with pytest.raises(ApplicationError) as refused:
        services.report_retry(actor=stranger, job=job)

    assert refused.value.message == "Only the person who asked for this report can try again."


@pytest.mark.django_db
def test_report_retry_while_running_is_refused_until_it_goes_stale():
    job = ReportJobFactory(running=True)

    with pytest.raises(ApplicationError) as refused:
        services.report_retry(actor=job.requested_by, job=job)
    assert refused.value.message == "This report is still being built."

    ReportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=7)
    )
    job.refresh_from_db()
    retried = services.report_retry(actor=job.requested_by, job=job)

    assert (retried.status, retried.attempt, retried.runs) == ("queued", 2, 0)


@pytest.mark.django_db
def test_report_claim_ignores_a_message_for_an_earlier_attempt():
    job = ReportJobFactory(attempt=2)

    assert services.report_claim(job_id=job.pk, attempt=1) is None
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED


@pytest.mark.django_db
def test_report_claim_runs_a_redelivered_attempt_again_but_not_forever():
    job = ReportJobFactory(running=True)
    ReportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    claimed = services.report_claim(job_id=job.pk, attempt=1)
    assert (claimed.status, claimed.runs) == ("running", 2)

    ReportJob.objects.filter(pk=job.pk).update(
        runs=MAX_RUNS_PER_ATTEMPT, heartbeat_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert services.report_claim(job_id=job.pk, attempt=1) is None
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert (
        job.error
        == f"The report could not be built after {MAX_RUNS_PER_ATTEMPT} tries. Try again later."
    )


@pytest.mark.django_db
def test_report_claim_while_its_worker_still_beats_says_when_to_look_again(settings):
    settings.REPORTS_ORPHANED_AFTER_SECONDS = 30
    job = ReportJobFactory(running=True)
    ReportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=10)
    )

    with pytest.raises(services.JobBusy) as busy:
        services.report_claim(job_id=job.pk, attempt=1)

    assert 20 <= busy.value.seconds <= 21
    job.refresh_from_db()
    assert job.runs == 1


@pytest.mark.django_db
def test_report_jobs_redeliver_sends_running_jobs_back_when_they_go_silent(settings, monkeypatch):
    from reports.tasks import report_generate  # noqa: PLC0415

    settings.REPORTS_ORPHANED_AFTER_SECONDS = 30
    silent = ReportJobFactory(running=True)
    beating = ReportJobFactory(running=True)
    ReportJobFactory(done=True)
    ReportJob.objects.filter(pk=silent.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    ReportJob.objects.filter(pk=beating.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=10)
    )
    calls: dict[int, float] = {}
    monkeypatch.setattr(
        report_generate,
        "apply_async",
        lambda *, kwargs, countdown: calls.__setitem__(kwargs["job_id"], countdown),
    )

    assert services.report_jobs_redeliver() == 2

    assert calls[silent.pk] == 0.5
    assert 20 <= calls[beating.pk] <= 21


@pytest.mark.django_db
def test_report_jobs_recover_fails_jobs_whose_worker_stopped():
    long_ago = timezone.now() - datetime.timedelta(minutes=30)
    stopped = ReportJobFactory(running=True)
    never_started = ReportJobFactory()
    fresh = ReportJobFactory(running=True)
    ReportJob.objects.filter(pk__in=[stopped.pk, never_started.pk]).update(
        created_at=long_ago, heartbeat_at=long_ago
    )
    ReportJob.objects.filter(pk=never_started.pk).update(heartbeat_at=None)

    assert services.report_jobs_recover() == 2

    stopped.refresh_from_db()
    never_started.refresh_from_db()
    fresh.refresh_from_db()
    assert (stopped.status, stopped.error) == ("failed", services.STOPPED)
    assert (never_started.status, never_started.error) == ("failed", services.NOT_STARTED)
    assert fresh.status == JobStatus.RUNNING


def test_programme_report_counts_only_submitted_bids_per_theme(programme, bids):
    data = kind_get("programme").gather(target=programme, parameters=period_of(programme))
    sections = {s["key"]: s["data"] for s in data["sections"]}

    assert [(row["short"], row["bids"], row["sealed"]) for row in sections["bids"]["rows"]] == [
        ("Dementia", 2, True),
        ("Lung conditions (COPD and asthma)", 1, True),
        ("Young people's mental health", 0, True),
    ]
    assert sections["bids"]["total"] == 3
    # Sealed: before close, no count of who bid.
    assert sections["bids"]["organisations_after_close"] == 0
    assert [s["key"] for s in data["sections"]] == [
        "summary",
        "timeline",
        "opportunities",
        "engagement",
        "themes",
        "bids",
        "projects",
        "spend",
        "kpis",
        "wellbeing",
        "case_studies",
        "questions",
    ]


def test_programme_report_period_leaves_out_opportunities_outside_it(programme, opportunity):
    long_after = opportunity.closes_at.date() + datetime.timedelta(days=30)
    programme.end_date = long_after + datetime.timedelta(days=60)
    programme.save()

    data = kind_get("programme").gather(
        target=programme,
        parameters={
            "period_start": long_after.isoformat(),
            "period_end": programme.end_date.isoformat(),
        },
    )
    sections = {s["key"]: s["data"] for s in data["sections"]}

    assert sections["opportunities"]["rows"] == []
    assert sections["summary"]["opportunities"] == 0


def test_tender_pack_has_published_answers_only(commissioner_member, opportunity):
    provider = MembershipFactory(admin=True)
    public = engagement.question_ask(
        actor=provider.user,
        opportunity=opportunity,
        organisation=provider.organisation,
        text="Can a bid cover two themes?",
    )
    engagement.question_answer(
        actor=commissioner_member.user, question=public, answer="Yes: choose the main one."
    )
    engagement.question_ask(
        actor=provider.user,
        opportunity=opportunity,
        organisation=provider.organisation,
        text="Unanswered question",
    )

    data = kind_get("tender_pack").gather(target=opportunity, parameters={})

    assert data["answers"] == [
        {
            "question": "Can a bid cover two themes?",
            "answer": "Yes: choose the main one.",
            "answered_at": data["answers"][0]["answered_at"],
        }
    ]
    assert [lot["title"] for lot in data["lots"]] == [
        "Dementia",
        "Lung conditions (COPD and asthma)",
        "Young people's mental health",
    ]
    assert data["criteria_by_scope"][0]["total"] == 100


def test_stage_labels_read_as_the_progress_page_shows_them():
    assert [Stage(s).label for s in ("gathering", "charts", "rendering", "storing")] == [
        "Gathering data",
        "Drawing charts",
        "Laying out the pages",
        "Storing the PDF",
    ]


@pytest.mark.django_db
def test_demo_seed_asks_for_the_gloucestershire_reports_once(settings):
    from django.core.management import call_command  # noqa: PLC0415

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")

    assert sorted(ReportJob.objects.values_list("kind", "status")) == [
        ("programme", "queued"),
        ("tender_pack", "queued"),
    ]
    assert ReportJob.objects.get(kind="programme").parameters == {
        "period_start": "2026-04-01",
        "period_end": "2027-03-31",
    }


@pytest.mark.django_db
def test_layout_progress_follows_pages_and_never_moves_back():
    job = ReportJobFactory(running=True, progress=45)
    progress = services._LayoutProgress(job, expected_pages=10)

    progress(5)
    job.refresh_from_db()
    halfway = job.progress
    progress.last = 0.0  # as if time had passed
    progress(1)  # WeasyPrint laying the pages out again
    job.refresh_from_db()

    assert (halfway, job.progress, job.stage) == (65, 65, "rendering")
