"""KPIs measured with a wellbeing instrument (mean SWEMWBS change) are filled from the analysis
of the responses collected by the end of each period, never typed."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from commissioning.models import Kpi
from core.errors import ApplicationError
from core.models import AuditEntry
from monitoring import selectors
from monitoring.constants import Rating
from monitoring.services import agreements, responses, returns

pytestmark = pytest.mark.django_db

# (code, time point, collected on, answers): SWEMWBS metric scores from Warwick's table.
RESPONSES = [
    ("P001", "baseline", datetime.date(2026, 4, 10), [3] * 7),  # raw 21, metric 19.25
    ("P001", "follow_up", datetime.date(2026, 6, 20), [4, 4, 4, 3, 3, 3, 3]),  # 24: 21.54
    ("P002", "baseline", datetime.date(2026, 4, 11), [2] * 7),  # 14: 15.32
    ("P002", "follow_up", datetime.date(2026, 6, 25), [3, 3, 2, 2, 2, 2, 2]),  # 16: 16.36
    ("P003", "baseline", datetime.date(2026, 4, 12), [4] * 7),  # no follow-up
    ("P004", "baseline", datetime.date(2026, 4, 12), [2] * 7),  # 14: 15.32
    ("P004", "follow_up", datetime.date(2026, 7, 10), [5] * 7),  # 35: 35.00, in quarter 2
]


@pytest.fixture
def swemwbs_kpi(agreement, commissioner_member):
    return agreements.agreement_kpi_add(
        actor=commissioner_member.user,
        agreement=agreement,
        kpi=Kpi.objects.get(slug="swemwbs-mean-change"),
        minimum=Decimal("0.5"),
        expected=Decimal("1"),
        stretch=Decimal("2"),
    )


def _record(agreement, provider_member, rows=RESPONSES):
    for code, time_point, collected_on, items in rows:
        responses.response_record(
            actor=provider_member.user,
            agreement=agreement,
            code=code,
            instrument="swemwbs",
            time_point=time_point,
            collected_on=collected_on,
            items=items,
        )


def _start(agreement, provider_member, number):
    return returns.return_start(
        actor=provider_member.user, period=agreement.periods.get(number=number)
    )


def _complete(report, agreement, provider_member):
    returns.actual_record(
        actor=provider_member.user,
        report=report,
        agreement_kpi=agreement.kpis.get(kpi__slug="participants-engaged"),
        value=Decimal(40),
    )
    returns.return_update(
        actor=provider_member.user,
        report=report,
        narrative="Weekly choir sessions.",
        spend_to_date=Decimal(3000),
    )


def test_return_start_fills_instrument_kpi_from_pairs_by_period_end(
    agreement, provider_member, swemwbs_kpi
):
    _record(agreement, provider_member)
    first = _start(agreement, provider_member, 1)
    second = _start(agreement, provider_member, 2)
    q1 = first.actuals.get(agreement_kpi=swemwbs_kpi)
    q2 = second.actuals.get(agreement_kpi=swemwbs_kpi)
    # Quarter 1: (21.54 - 19.25 + 16.36 - 15.32) / 2 = 1.665, rounded half up.
    # Quarter 2 adds P004's July follow-up: (2.29 + 1.04 + 19.68) / 3 = 7.67.
    assert (q1.value, q1.note, q2.value) == (
        Decimal("1.67"),
        (
            "Calculated from 2 participants with a baseline and a follow-up SWEMWBS response by "
            "30 June 2026."
        ),
        Decimal("7.67"),
    )


def test_response_recorded_after_start_updates_the_draft_return(
    agreement, provider_member, swemwbs_kpi
):
    report = _start(agreement, provider_member, 1)
    assert report.actuals.filter(agreement_kpi=swemwbs_kpi).count() == 0
    _record(agreement, provider_member, RESPONSES[:2])
    assert report.actuals.get(agreement_kpi=swemwbs_kpi).value == Decimal("2.29")
    assert AuditEntry.objects.filter(action="return.actual_calculated").count() == 1


def test_submitted_return_keeps_the_figure_it_was_submitted_with(
    agreement, provider_member, commissioner_member, swemwbs_kpi
):
    _record(agreement, provider_member, RESPONSES[:2])
    report = _start(agreement, provider_member, 1)
    _complete(report, agreement, provider_member)
    returns.return_submit(actor=provider_member.user, report=report)
    returns.return_accept(actor=commissioner_member.user, report=report)
    _record(agreement, provider_member, RESPONSES[2:4])
    assert report.actuals.get(agreement_kpi=swemwbs_kpi).value == Decimal("2.29")


def test_actual_record_refuses_instrument_kpi(agreement, provider_member, swemwbs_kpi):
    report = _start(agreement, provider_member, 1)
    with pytest.raises(ApplicationError) as error:
        returns.actual_record(
            actor=provider_member.user, report=report, agreement_kpi=swemwbs_kpi, value=Decimal(3)
        )
    assert error.value.message == (
        "“Mean change in SWEMWBS score” is calculated from the SWEMWBS responses you record, so "
        "it cannot be entered by hand."
    )
    assert report.actuals.count() == 0


def test_return_submits_without_pairs_for_the_instrument_kpi(
    agreement, provider_member, swemwbs_kpi
):
    report = _start(agreement, provider_member, 1)
    _complete(report, agreement, provider_member)
    returns.return_submit(actor=provider_member.user, report=report)
    report.refresh_from_db()
    assert (report.status, report.actuals.filter(agreement_kpi=swemwbs_kpi).exists()) == (
        "submitted",
        False,
    )


def test_dashboard_rates_the_calculated_actual(agreement, provider_member, swemwbs_kpi):
    _record(agreement, provider_member)
    report = _start(agreement, provider_member, 1)
    _complete(report, agreement, provider_member)
    returns.return_submit(actor=provider_member.user, report=report)
    dashboard = selectors.agreement_dashboard(agreement=agreement)
    series = next(s for s in dashboard.series if s.item.pk == swemwbs_kpi.pk)
    # 1.67 against minimum 0.5, expected 1, stretch 2, not shared out across periods.
    assert (series.latest.to_date, series.latest.expected, series.latest.assessment.rating) == (
        Decimal("1.67"),
        Decimal("1.00"),
        Rating.EXPECTED,
    )


def test_actuals_page_leaves_out_instrument_kpi(client, agreement, provider_member, swemwbs_kpi):
    report = _start(agreement, provider_member, 1)
    client.force_login(provider_member.user)
    page = client.get(reverse("monitoring:return_actuals", args=[report.pk])).content.decode()
    detail = client.get(report.get_absolute_url()).content.decode()
    assert (f'name="kpi_{swemwbs_kpi.pk}"' in page, "no participant has both" in detail) == (
        False,
        True,
    )


def test_api_actual_for_instrument_kpi_is_400(agreement, provider_member, swemwbs_kpi):
    report = _start(agreement, provider_member, 1)
    api = APIClient()
    api.force_authenticate(provider_member.user)
    response = api.post(
        f"/api/v1/monitoring/returns/{report.pk}/actuals/",
        {"agreement_kpi": swemwbs_kpi.pk, "value": "3"},
        format="json",
    )
    assert response.status_code == 400
    assert report.actuals.count() == 0
