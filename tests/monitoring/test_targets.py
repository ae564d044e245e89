"""Targets for each reporting period, set by the commissioner from a page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from core.models import AuditEntry
from monitoring import selectors
from monitoring.constants import Rating
from monitoring.models import KpiTarget
from monitoring.services import agreements, returns
from tests.monitoring.conftest import make_agreement

pytestmark = pytest.mark.django_db


def _url(agreement, item=None):
    item = item or agreement.kpis.get()
    return reverse("monitoring:kpi_targets", args=[agreement.pk, item.pk])


def _period(agreement, number):
    return agreement.periods.get(number=number)


def _fields(agreement, number, minimum="", expected="", stretch=""):
    pk = _period(agreement, number).pk
    return {
        f"period_{pk}_minimum": minimum,
        f"period_{pk}_expected": expected,
        f"period_{pk}_stretch": stretch,
    }


def test_kpi_targets_page_saves_a_period_and_audits_it(client, agreement, commissioner_member):
    client.force_login(commissioner_member.user)
    response = client.post(_url(agreement), _fields(agreement, 2, "8", "10", "12"))
    target = KpiTarget.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        agreement.get_absolute_url() + "#kpis",
    )
    assert (target.period.number, target.minimum, target.expected, target.stretch) == (
        2,
        Decimal(8),
        Decimal(10),
        Decimal(12),
    )
    assert AuditEntry.objects.filter(action="agreement.kpi_target").count() == 1


def test_kpi_targets_page_shows_current_targets(client, agreement, commissioner_member):
    agreements.kpi_target_set(
        actor=commissioner_member.user,
        agreement_kpi=agreement.kpis.get(),
        period=_period(agreement, 3),
        minimum=Decimal(5),
        expected=Decimal(7),
        stretch=Decimal(9),
    )
    client.force_login(commissioner_member.user)
    page = client.get(_url(agreement)).content.decode()
    pk = _period(agreement, 3).pk
    assert f'name="period_{pk}_expected" value="7.00"' in page


def test_kpi_targets_page_bad_input_shows_errors_and_saves_nothing(
    client, agreement, commissioner_member
):
    client.force_login(commissioner_member.user)
    response = client.post(
        _url(agreement),
        {
            **_fields(agreement, 1, "8", "10", "12"),
            **_fields(agreement, 2, "ten", "10", "12"),
            **_fields(agreement, 3, "8", "", ""),
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        "Quarter 2 (July 2026 start), minimum: enter a number (count), like 40 or 12.5." in content
    )
    assert (
        "Quarter 3 (October 2026 start): enter all three targets, or leave all three empty to use "
        "the whole-agreement targets." in content
    )
    assert KpiTarget.objects.count() == 0


def test_kpi_targets_page_out_of_order_refused_and_saves_nothing(
    client, agreement, commissioner_member
):
    client.force_login(commissioner_member.user)
    response = client.post(
        _url(agreement),
        {**_fields(agreement, 1, "8", "10", "12"), **_fields(agreement, 2, "12", "10", "8")},
    )
    assert response.status_code == 200
    assert (
        "Quarter 2 (July 2026 start): The minimum must be no more than the expected target, and "
        "the expected no more than the stretch." in response.content.decode()
    )
    assert KpiTarget.objects.count() == 0


def test_kpi_targets_page_emptying_a_period_removes_its_targets(
    client, agreement, commissioner_member
):
    agreements.kpi_target_set(
        actor=commissioner_member.user,
        agreement_kpi=agreement.kpis.get(),
        period=_period(agreement, 1),
        minimum=Decimal(5),
        expected=Decimal(7),
        stretch=Decimal(9),
    )
    client.force_login(commissioner_member.user)
    client.post(_url(agreement), _fields(agreement, 1))
    assert (
        KpiTarget.objects.count(),
        AuditEntry.objects.filter(action="agreement.kpi_target_remove").count(),
    ) == (0, 1)


def test_kpi_targets_page_refuses_provider_with_403(client, agreement, provider_member):
    client.force_login(provider_member.user)
    response = client.post(_url(agreement), _fields(agreement, 1, "8", "10", "12"))
    assert (response.status_code, KpiTarget.objects.count()) == (403, 0)


def test_kpi_targets_page_refuses_stranger_with_404(client, agreement, stranger):
    client.force_login(stranger)
    response = client.get(_url(agreement))
    assert response.status_code == 404


def test_kpi_targets_page_another_agreements_kpi_is_404(
    client, agreement, commissioner_member, provider_member
):
    other = make_agreement(commissioner_member, provider_member)
    client.force_login(commissioner_member.user)
    response = client.get(_url(agreement, other.kpis.get()))
    assert response.status_code == 404


def test_period_target_rates_that_period_actual(agreement, commissioner_member, provider_member):
    agreements.kpi_target_set(
        actor=commissioner_member.user,
        agreement_kpi=agreement.kpis.get(),
        period=_period(agreement, 1),
        minimum=Decimal(10),
        expected=Decimal(15),
        stretch=Decimal(20),
    )
    report = returns.return_start(actor=provider_member.user, period=_period(agreement, 1))
    returns.actual_record(
        actor=provider_member.user,
        report=report,
        agreement_kpi=agreement.kpis.get(),
        value=Decimal(18),
    )
    returns.return_update(
        actor=provider_member.user, report=report, narrative="Sessions.", spend_to_date=Decimal(1)
    )
    returns.return_submit(actor=provider_member.user, report=report)
    point = selectors.agreement_dashboard(agreement=agreement).series[0].points[0]
    # Against the whole-agreement targets shared out (30/40/50 over four quarters: 7.5/10/12.5)
    # 18 would be stretch; against this period's own targets it is expected.
    assert (point.expected, point.assessment.rating) == (Decimal(15), Rating.EXPECTED)


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def _api_url(agreement):
    return f"/api/v1/monitoring/agreements/{agreement.pk}/kpis/{agreement.kpis.get().pk}/targets/"


def test_api_targets_put_sets_and_drops_periods(agreement, commissioner_member):
    agreements.kpi_target_set(
        actor=commissioner_member.user,
        agreement_kpi=agreement.kpis.get(),
        period=_period(agreement, 1),
        minimum=Decimal(5),
        expected=Decimal(7),
        stretch=Decimal(9),
    )
    response = _api(commissioner_member.user).put(
        _api_url(agreement),
        {
            "targets": [
                {"period": _period(agreement, 1).pk, "minimum": None, "expected": None},
                {"period": _period(agreement, 2).pk, "minimum": 8, "expected": 10, "stretch": 12},
            ]
        },
        format="json",
    )
    assert response.status_code == 200
    assert [(t["period"], t["expected"]) for t in response.json()] == [
        (_period(agreement, 2).pk, "10.00")
    ]


def test_api_targets_bad_period_is_400_and_saves_nothing(agreement, commissioner_member):
    response = _api(commissioner_member.user).put(
        _api_url(agreement),
        {
            "targets": [
                {"period": _period(agreement, 2).pk, "minimum": 8, "expected": 10, "stretch": 12},
                {"period": _period(agreement, 3).pk, "minimum": 8, "expected": 10},
            ]
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == (
        "Quarter 3 (October 2026 start): Give a minimum, an expected and a stretch target."
    )
    assert KpiTarget.objects.count() == 0


def test_api_targets_provider_reads_but_cannot_set(agreement, provider_member):
    api = _api(provider_member.user)
    body = {
        "targets": [
            {"period": _period(agreement, 2).pk, "minimum": 8, "expected": 10, "stretch": 12}
        ]
    }
    assert (
        api.get(_api_url(agreement)).status_code,
        api.put(_api_url(agreement), body, format="json").status_code,
        KpiTarget.objects.count(),
    ) == (200, 403, 0)


def test_api_targets_stranger_gets_404(agreement, stranger):
    assert _api(stranger).get(_api_url(agreement)).status_code == 404
