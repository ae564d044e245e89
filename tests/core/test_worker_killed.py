"""A Celery worker killed (SIGKILL) mid-task, for each task type: after a restart the work is
done exactly once.

Each case builds what the task has to do, starts a real worker that kills itself just before
or just after the task (tests/core/killable_worker.py), then starts a plain worker. Messages
are acknowledged late, so the killed worker's message is delivered again (after
CELERY_VISIBILITY_TIMEOUT, two seconds here); the tasks are idempotent, and emails carry a key
(`core.tasks.send_email`), so nothing happens twice. Emails are counted as the worker's mail
backend wrote them (Django's file backend, one file per message)."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.constants import InvitationStatus
from config.celery import app
from core.models import AuditEntry, SentEmail
from engagement.models import Registration
from monitoring.models import ReminderSent
from providers.models import ProviderDocument
from providers.services import documents
from tenders.constants import Status
from tenders.models import Opportunity
from tenders.services import lifecycle
from tests.engagement.factories import RegistrationFactory
from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory
from tests.monitoring.conftest import make_agreement
from tests.providers.conftest import make_profile
from tests.reports.worker import ReportWorker, purge_report_queue, wait_for
from tests.tenders.conftest import build_opportunity

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="redelivery after a kill needs Redis"),
]


def _mail_count(folder: Path) -> int:
    return len(list(folder.glob("*.log"))) if folder.exists() else 0


def _worker(tmp_path: Path, **env: str) -> ReportWorker:
    """A worker on the default queue, through tests.core.killable_worker (which kills itself
    when KILL_TASK and KILL_AT say so), mailing to files in tmp_path/mail."""
    return ReportWorker(
        tmp_path / "worker.log",
        queue="celery",
        app="tests.core.killable_worker",
        env={
            # An absolute path needs the extra slash.
            "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
            "CELERY_VISIBILITY_TIMEOUT": "2",
            **env,
        },
    ).start()


@dataclass
class Case:
    """What a task must do: `setup` builds it and returns how many emails it should send;
    `done` says whether the work is done; `once` checks it was done exactly once."""

    task: str
    setup: Callable[[], int]
    done: Callable[[], bool]
    once: Callable[[], None]
    kwargs: dict | None = None


def _invitations() -> Case:
    holder = {}

    def setup() -> int:
        holder["invitation"] = InvitationFactory(expired=True)
        return 0

    def done() -> bool:
        holder["invitation"].refresh_from_db()
        return holder["invitation"].status == InvitationStatus.EXPIRED

    def once() -> None:
        assert AuditEntry.objects.filter(action="invitation.expire").count() == 1

    return Case("accounts.invitations_expire", setup, done, once)


def _closing() -> Case:
    holder = {}

    def setup() -> int:
        commissioner = MembershipFactory(
            admin=True, organisation=OrganisationFactory(commissioner=True)
        )
        opportunity = build_opportunity(commissioner)
        lifecycle.opportunity_publish(actor=commissioner.user, opportunity=opportunity)
        Opportunity.objects.filter(pk=opportunity.pk).update(
            closes_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        holder["pk"] = opportunity.pk
        return 0

    def done() -> bool:
        return Opportunity.objects.get(pk=holder["pk"]).status == Status.CLOSED

    def once() -> None:
        closes = AuditEntry.objects.filter(action="opportunity.closed", object_id=str(holder["pk"]))
        assert closes.count() == 1

    return Case("tenders.opportunities_close_due", setup, done, once)


def _documents() -> Case:
    def setup() -> int:
        profile = make_profile("Expiring Arts")
        documents.document_upload(
            actor=profile.admin,
            profile=profile,
            kind="public_liability",
            file=SimpleUploadedFile("policy.pdf", b"%PDF-1.4\n% insurance\n"),
            expires_on=timezone.localdate() + datetime.timedelta(days=10),
        )
        return 1

    def done() -> bool:
        return ProviderDocument.objects.filter(reminded_at__isnull=False).count() == 1

    def once() -> None:
        assert ProviderDocument.objects.filter(reminded_at__isnull=True).count() == 0

    return Case("providers.documents_remind", setup, done, once)


def _event_reminders() -> Case:
    def setup() -> int:
        from tests.engagement.conftest import make_event  # noqa: PLC0415

        organiser = MembershipFactory(
            admin=True, organisation=OrganisationFactory(commissioner=True)
        )
        event = make_event(organiser, days=1)
        RegistrationFactory(event=event)
        return 1

    def done() -> bool:
        return Registration.objects.filter(reminded_at__isnull=False).count() == 1

    def once() -> None:
        assert Registration.objects.filter(reminded_at__isnull=True).count() == 0

    return Case("engagement.reminders_send", setup, done, once)


def _return_reminders() -> Case:
    def setup() -> int:
        commissioner = MembershipFactory(
            admin=True, organisation=OrganisationFactory(icb=True, name="NHS Glos ICB")
        )
        provider = MembershipFactory(admin=True, organisation=OrganisationFactory())
        today = timezone.localdate()
        agreement = make_agreement(
            commissioner,
            provider,
            starts_on=today - datetime.timedelta(days=60),
            ends_on=today + datetime.timedelta(days=300),
        )
        # The first return falls due in three days: a due-soon reminder today.
        agreement.periods.filter(number=1).update(due_on=today + datetime.timedelta(days=3))
        agreement.periods.exclude(number=1).update(due_on=today + datetime.timedelta(days=90))
        return 1

    def done() -> bool:
        return ReminderSent.objects.exists()

    def once() -> None:
        assert list(ReminderSent.objects.values_list("period__number", "kind")) == [(1, "due_soon")]

    return Case("monitoring.returns_remind", setup, done, once)


def _email() -> Case:
    key = "0123456789abcdef0123456789abcdef"

    def setup() -> int:
        return 1

    def done() -> bool:
        return SentEmail.objects.filter(key=key).exists()

    def once() -> None:
        assert SentEmail.objects.filter(key=key).count() == 1

    return Case(
        "core.send_email",
        setup,
        done,
        once,
        kwargs={"to": ["someone@example.org"], "subject": "Hello", "body": "Once.", "key": key},
    )


CASES = {
    "invitations_expire": _invitations,
    "opportunities_close_due": _closing,
    "documents_remind": _documents,
    "reminders_send": _event_reminders,
    "returns_remind": _return_reminders,
    "send_email": _email,
}


@pytest.fixture
def clean_queue():
    purge_report_queue()
    yield
    purge_report_queue()


@pytest.mark.parametrize("moment", ["before", "after"])
@pytest.mark.parametrize("name", list(CASES))
def test_killed_worker_then_restart_does_the_work_exactly_once(name, moment, tmp_path, clean_queue):
    case = CASES[name]()
    emails = case.setup()
    before = SentEmail.objects.count()  # setting up may send some, in this process
    mail = tmp_path / "mail"
    killed = _worker(tmp_path, KILL_TASK=case.task, KILL_AT=moment)
    with app.connection_for_write() as connection:
        app.send_task(case.task, kwargs=case.kwargs or {}, connection=connection)
    if not wait_for(lambda: killed.process.poll() is not None, every=0.2):
        killed.stop()
        pytest.fail(f"the worker was not killed:\n{killed.output()}")
    assert case.done() is (moment == "after")

    time.sleep(2.5)  # past the visibility timeout: the unacknowledged message is due again
    worker = _worker(tmp_path)
    try:
        assert wait_for(case.done, every=0.5), f"not done after restart:\n{worker.output()}"
        # Let the redelivered message (and any email it queued) run before counting.
        wait_for(lambda: _mail_count(mail) >= emails, timeout=30, every=0.5)
        time.sleep(3)
    finally:
        worker.stop()
    case.once()
    assert _mail_count(mail) == emails
    assert SentEmail.objects.count() - before == emails
