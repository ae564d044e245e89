"""The demo data: nine Gloucestershire projects with SWEMWBS before and after, and Kent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from commissioning.models import Programme
from core.models import AuditEntry
from monitoring import selectors
from monitoring.demo import DEMO_ACCOUNTS, GLOUCESTERSHIRE_PROJECTS
from monitoring.models import Agreement, KpiActual, Return

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_gloucestershire_monitoring_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Agreement.objects.count(), Return.objects.count())
    call_command("seed_demo")
    assert (Agreement.objects.count(), Return.objects.count()) == counts
    programme = Programme.objects.get(name="Arts and health innovation grants 2026")
    dashboard = selectors.programme_dashboard(programme=programme, viewer=None)
    assert len(dashboard.dashboards) == 9
    pairs = [d.results[0].analysis.pairs for d in dashboard.dashboards]
    assert all(25 <= p <= 60 for p in pairs)
    assert {r.status for r in Return.objects.filter(agreement__programme=programme)} == {
        "accepted",
        "queried",
    }
    assert (
        Return.objects.filter(
            agreement__programme=programme, first_submitted_at__isnull=False
        ).count()
        == 18
    )
    assert all(q.items for q in dashboard.questions)
    assert (
        Agreement.objects.get(kind="contract").kpis.get().kpi.slug
        == "access-arts-cultural-activities"
    )


def test_seed_demo_gives_each_gloucestershire_grant_holder_a_sign_in(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    holders = {}
    for email, _ in DEMO_ACCOUNTS:
        user = User.objects.get(email=email)
        (membership,) = user.memberships.select_related("organisation")
        holders[membership.organisation.name] = (
            membership.role,
            user.check_password(DEMO_PASSWORD),
            email in printed,
            Agreement.objects.filter(
                provider=membership.organisation,
                programme__name="Arts and health innovation grants 2026",
            ).count(),
        )
    assert holders == {
        provider: ("admin", True, True, 1) for _, provider, _, _ in GLOUCESTERSHIRE_PROJECTS
    }


def test_seed_demo_provider_actions_are_done_by_a_named_person(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    provider_actions = AuditEntry.objects.filter(
        action__in=["return.start", "return.actual", "return.submitted", "response.import"]
    )
    assert provider_actions.count() > 0
    assert provider_actions.filter(actor=None).count() == 0
    submitted = AuditEntry.objects.filter(action="return.submitted").select_related("actor")
    assert {entry.actor.email for entry in submitted} == {
        *(email for email, _ in DEMO_ACCOUNTS),
        "provider@example.org",
    }


def test_seed_demo_fills_the_swemwbs_kpi_once_follow_ups_exist(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    calculated = KpiActual.objects.filter(
        agreement_kpi__kpi__slug="swemwbs-mean-change",
        report__agreement__programme__name="Arts and health innovation grants 2026",
    )
    # Follow-ups are collected 100 to 150 days in, so the first quarter has no pairs yet.
    assert sorted({a.report.period.number for a in calculated}) == [2]
    assert calculated.count() == 9
    assert all(a.note.startswith("Calculated from ") for a in calculated)
