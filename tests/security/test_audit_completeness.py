"""Every state-changing service writes to the audit trail.

The services are every public function of every `<app>/services.py` and `<app>/services/*.py`.
Each one either reaches `audit_record`/`audit_bulk_update` (itself or through another service
or helper it calls), or is listed in NOT_AUDITED with the reason it changes nothing a person
did. Then, running every service the security world builds with (about half of them) under a
profiler, each that is meant to audit is seen to have written at least one entry.

A new service that neither audits nor is listed fails
`test_every_service_audits_or_says_why_not`.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import sys
import textwrap
from types import FunctionType, ModuleType

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from accounts.constants import InvitationStatus
from accounts.models import Invitation
from accounts.services import invitations_expire
from core.models import AuditEntry
from tests.factories import InvitationFactory
from tests.security.world import build_world

AUDIT_CALLS = {"audit_record", "audit_bulk_update"}

NOT_AUDITED = {
    # Reads, checks and pure calculations: they change nothing.
    "engagement.services.profiles.word_count": "counts words",
    "engagement.services.profiles.profile_on_board": "answers whether a profile is shown",
    "engagement.services.registrations.manage_path": "builds a URL",
    "engagement.services.registrations.manage_token_new": (
        "makes a token for a registration its caller saves and audits"
    ),
    "engagement.services.events.lock": "locks a row for the service that called it",
    "evaluation.services.decisions.letter_content": "renders a letter's content",
    "evaluation.services.panels.check_chair": "a permission check",
    "evaluation.services.panels.check_manager": "a permission check",
    "evaluation.services.panels.lock": "locks a row for the service that called it",
    "evaluation.services.panels.assignments_build": (
        "a step of panel_open_scoring and reassign_for, which audit the assignments made"
    ),
    "monitoring.services.agreements.default_monitoring_level": "a calculation",
    "monitoring.services.common.check_commissioner": "a permission check",
    "monitoring.services.common.check_provider": "a permission check",
    "monitoring.services.common.organisation_emails": "a read",
    "monitoring.services.responses.code_problem": "a validation",
    "monitoring.services.responses.import_columns": "describes the import format",
    "monitoring.services.responses.responses_import_check": "validates a file, saves nothing",
    "monitoring.services.returns.actual_problem": "a validation",
    "monitoring.services.returns.submission_problems": "a validation",
    "providers.services.profiles.profile_listing_problems": "a validation",
    "providers.services.profiles.directory_changed": "clears cached search facets",
    "providers.services.profiles.profile_index_refresh": (
        "rebuilds the derived search index of a profile whose change was audited"
    ),
    "providers.services.profiles.profile_ensure": (
        "creates the empty, unlisted profile a provider's first audited change is recorded on"
    ),
    "reports.services.download_name": "a file name",
    "reports.services.file_name": "a file name",
    "reports.services.generic_failure": "a message",
    "reports.services.report_can_retry": "a check",
    "reports.services.report_parameters_clean": "a validation",
    "reports.services.report_worker_warm_up": "loads fonts in a worker",
    "reports.services.stale_after": "a calculation",
    "reports.services.heartbeat_every": "a setting",
    "reports.services.orphaned_after": "a setting",
    "reports.services.report_jobs_redeliver": (
        "queues running jobs again when a worker starts; the build it leads to is audited"
    ),
    "tenders.services.bidding.bid_checklist": "a read",
    "tenders.services.bidding.bid_content": "a read",
    "tenders.services.bidding.content_digest": "a calculation",
    "tenders.services.bidding.word_count": "counts words",
    "tenders.services.lifecycle.snapshot_of": "a read",
    "tenders.services.lifecycle.emit_release": (
        "writes the OCDS release of a transition the calling service audits"
    ),
    "tenders.services.lifecycle.emit_award_release": (
        "writes the OCDS release of an award the calling service audits"
    ),
    # Notifications: the emails are the effect; the bookkeeping only stops a second email.
    "engagement.services.registrations.reminders_send": (
        "emails reminders and marks each registration reminded so it is not emailed twice"
    ),
    "monitoring.services.reminders.returns_remind": (
        "emails return reminders; a ReminderSent row per email stops a second one"
    ),
    # Known gap, reported: a draft answer's autosave keeps its author and revision on the row,
    # and the sealed submission (bid_submit, audited) records a digest of every answer.
    "tenders.services.bidding.answer_save": (
        "draft autosave; the audited submission records the digest of every answer"
    ),
}


def service_modules() -> list[ModuleType]:
    modules = []
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)):
            continue
        try:
            package = importlib.import_module(f"{config.name}.services")
        except ModuleNotFoundError:
            continue
        modules.append(package)
        if hasattr(package, "__path__"):
            modules += [
                importlib.import_module(f"{package.__name__}.{info.name}")
                for info in pkgutil.iter_modules(package.__path__)
            ]
    return modules


def _functions(module: ModuleType) -> dict[str, FunctionType]:
    return {
        f"{module.__name__}.{name}": function
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
    }


def _all_functions() -> dict[str, FunctionType]:
    found = {}
    for module in service_modules():
        found.update(_functions(module))
    return found


def public_services() -> dict[str, FunctionType]:
    return {
        name: function
        for name, function in _all_functions().items()
        if not name.rsplit(".", 1)[1].startswith("_")
    }


def _called_names(function: FunctionType) -> set[str]:
    tree = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(function))))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.add(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
    return names


def auditing_functions() -> set[str]:
    """Functions (private helpers included) that call the audit trail, directly or through
    another service function they call by name."""
    functions = _all_functions()
    calls = {name: _called_names(function) for name, function in functions.items()}
    by_short: dict[str, list[str]] = {}
    for name in functions:
        by_short.setdefault(name.rsplit(".", 1)[1], []).append(name)
    auditing = {name for name, called in calls.items() if called & AUDIT_CALLS}
    grew = True
    while grew:
        grew = False
        for name, called in calls.items():
            if name not in auditing and any(
                other in auditing for short in called for other in by_short.get(short, [])
            ):
                auditing.add(name)
                grew = True
    return auditing


def test_every_service_audits_or_says_why_not():
    auditing = auditing_functions()
    silent = sorted(
        name for name in public_services() if name not in auditing and name not in NOT_AUDITED
    )
    assert silent == [], (
        "These services never reach audit_record/audit_bulk_update. If they change state, "
        "record it; if not, list them in NOT_AUDITED in tests/security/"
        "test_audit_completeness.py with the reason:\n" + "\n".join(silent)
    )


def test_not_audited_list_names_only_real_silent_services():
    auditing = auditing_functions()
    services = public_services()
    stale = sorted(name for name in NOT_AUDITED if name not in services or name in auditing)
    assert stale == []


class _AuditWatch:
    """Profiles calls of the public services: for each call that wrote to the database,
    whether it also wrote an audit entry (nested services count for the outer one too). A
    call that changed nothing (a recalculation with nothing new) owes no entry."""

    def __init__(self, services: dict[str, FunctionType]) -> None:
        self.codes = {inspect.unwrap(f).__code__: name for name, f in services.items()}
        self.stack: list[tuple[str, int, int]] = []
        self.ran: dict[str, bool] = {}
        self.writes = 0
        self.audits = 0
        self.audit_table = AuditEntry._meta.db_table

    def execute(self, execute, sql, params, many, context):
        verb = sql.lstrip().split(" ", 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE"):
            if f'"{self.audit_table}"' in sql:
                self.audits += 1
            else:
                self.writes += 1
        return execute(sql, params, many, context)

    def __call__(self, frame, event, arg) -> None:
        if event not in ("call", "return"):
            return
        name = self.codes.get(frame.f_code)
        if name is None:
            return
        if event == "call":
            self.stack.append((name, self.writes, self.audits))
        elif self.stack and self.stack[-1][0] == name:
            _, writes, audits = self.stack.pop()
            if self.writes > writes:
                audited = self.audits > audits
                self.ran[name] = self.ran.get(name, True) and audited


@pytest.mark.django_db
def test_services_the_world_runs_each_write_an_audit_entry():
    services = public_services()
    watch = _AuditWatch({n: f for n, f in services.items() if n not in NOT_AUDITED})
    with connection.execute_wrapper(watch.execute):
        sys.setprofile(watch)
        try:
            build_world()
        finally:
            sys.setprofile(None)

    silent = sorted(name for name, audited in watch.ran.items() if not audited)
    assert silent == []
    # docs/security.md quotes how many state-changing services this run exercised.
    assert len(watch.ran) >= 40


@pytest.mark.django_db
def test_bulk_update_writes_one_entry_per_row_changed():
    expired = [InvitationFactory(expired=True) for _ in range(3)]
    InvitationFactory()  # still valid: untouched, no entry

    changed = invitations_expire()

    entries = AuditEntry.objects.filter(action="invitation.expire").order_by("object_id")
    assert changed == 3
    assert [(e.object_id, e.before, e.after, e.organisation_id) for e in entries] == [
        (
            str(i.pk),
            {"status": InvitationStatus.PENDING},
            {"status": InvitationStatus.EXPIRED},
            i.organisation_id,
        )
        for i in sorted(expired, key=lambda i: str(i.pk))
    ]
    assert set(Invitation.objects.values_list("status", flat=True)) == {
        InvitationStatus.PENDING,
        InvitationStatus.EXPIRED,
    }
