"""The demo data: nine Gloucestershire projects with SWEMWBS before and after, and Kent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from commissioning.models import Programme
from monitoring import selectors
from monitoring.models import Agreement, Return

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
