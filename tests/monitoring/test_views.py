"""Pages and API: who may see what (strangers get 404), the public scoring endpoint, and query
budgets that do not grow with the number of returns."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from monitoring.services import responses, returns
from tests.factories import MembershipFactory, OrganisationFactory
from tests.monitoring.conftest import make_agreement

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", ["agreement_detail", "response_import"])
def test_stranger_gets_404_on_agreement_pages(client, agreement, stranger, name):
    response = _login(client, stranger).get(reverse(f"monitoring:{name}", args=[agreement.pk]))
    assert response.status_code == 404


def test_parties_see_the_agreement_dashboard(
    client, agreement, provider_member, commissioner_member
):
    for user in (provider_member.user, commissioner_member.user):
        response = _login(client, user).get(agreement.get_absolute_url())
        assert (response.status_code, agreement.title in response.content.decode()) == (200, True)


def test_provider_refused_commissioner_actions(client, agreement, provider_member):
    _login(client, provider_member.user)
    assert client.get(reverse("monitoring:kpi_add", args=[agreement.pk])).status_code == 403
    assert client.get(reverse("monitoring:agreement_vary", args=[agreement.pk])).status_code == 403


def test_commissioner_refused_provider_actions(client, agreement, commissioner_member):
    _login(client, commissioner_member.user)
    period = agreement.periods.get(number=1)
    assert (
        client.post(reverse("monitoring:return_start", args=[agreement.pk, period.pk])).status_code
        == 403
    )


def test_stranger_gets_404_on_programme_dashboard(client, agreement, stranger):
    response = _login(client, stranger).get(
        reverse("monitoring:programme_dashboard", args=[agreement.programme_id])
    )
    assert response.status_code == 404


def test_kpi_form_bad_input_shows_error_and_saves_nothing(client, agreement, commissioner_member):
    response = _login(client, commissioner_member.user).post(
        reverse("monitoring:kpi_add", args=[agreement.pk]), {"kpi": "", "minimum": "ten"}
    )
    assert response.status_code == 200
    assert "Enter a number, like 40 or 12.5." in response.content.decode()
    assert agreement.kpis.count() == 1


def _returns(agreement, provider_member, count):
    for number in range(1, count + 1):
        report = returns.return_start(
            actor=provider_member.user, period=agreement.periods.get(number=number)
        )
        returns.actual_record(
            actor=provider_member.user,
            report=report,
            agreement_kpi=agreement.kpis.get(),
            value=Decimal(12),
        )
        returns.return_update(
            actor=provider_member.user,
            report=report,
            narrative="Sessions ran.",
            spend_to_date=Decimal(1000 * number),
        )
        returns.return_submit(actor=provider_member.user, report=report)
        responses.response_record(
            actor=provider_member.user,
            agreement=agreement,
            code=f"P{number:03d}",
            instrument="swemwbs",
            time_point="baseline",
            collected_on=datetime.date(2026, 4, 8),
            items=[3] * 7,
        )


def _three_year_agreement(commissioner_member, provider_member):
    """Twelve quarterly periods, all open, so a dashboard can show ten returns."""
    return make_agreement(
        commissioner_member,
        provider_member,
        starts_on=datetime.date(2023, 4, 1),
        ends_on=datetime.date(2026, 3, 31),
    )


@pytest.mark.parametrize("rows", [1, 10])
def test_agreement_dashboard_query_budget(
    client, commissioner_member, provider_member, django_assert_num_queries, rows
):
    agreement = _three_year_agreement(commissioner_member, provider_member)
    _returns(agreement, provider_member, rows)
    _login(client, commissioner_member.user)
    with django_assert_num_queries(22):
        client.get(agreement.get_absolute_url())


@pytest.mark.parametrize("rows", [1, 10])
def test_programme_dashboard_query_budget(
    client, commissioner_member, provider_member, django_assert_num_queries, rows
):
    agreement = _three_year_agreement(commissioner_member, provider_member)
    _returns(agreement, provider_member, rows)
    _login(client, commissioner_member.user)
    with django_assert_num_queries(23):
        client.get(reverse("monitoring:programme_dashboard", args=[agreement.programme_id]))


@pytest.mark.parametrize("rows", [1, 10])
def test_agreement_list_query_budget(
    client, commissioner_member, provider_member, django_assert_num_queries, rows
):
    for _ in range(rows):
        make_agreement(commissioner_member, provider_member)
    _login(client, commissioner_member.user)
    with django_assert_num_queries(7):
        client.get(reverse("monitoring:agreement_list"))


def test_score_endpoint_swemwbs_returns_raw_and_metric(db):
    response = APIClient().post(
        "/api/instruments/swemwbs/score/", {"items": [5, 5, 5, 5, 5, 5, 4]}, format="json"
    )
    assert (
        response.status_code,
        response.json()["raw_score"],
        response.json()["metric_score"],
    ) == (200, 34, "32.55")


def test_score_endpoint_wemwbs_has_no_metric(db):
    response = APIClient().post(
        "/api/instruments/wemwbs/score/", {"items": [4] * 14}, format="json"
    )
    assert (
        response.status_code,
        response.json()["raw_score"],
        "metric_score" in response.json(),
    ) == (200, 56, False)


def test_score_endpoint_wrong_count_is_400_with_message(db):
    response = APIClient().post("/api/instruments/swemwbs/score/", {"items": [1, 2]}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == "SWEMWBS has 7 items: 2 answers were given."


def test_score_endpoint_needs_no_mfa_for_a_commissioner(client, commissioner_member):
    no_mfa = MembershipFactory(organisation=OrganisationFactory(commissioner=True)).user
    client.force_login(no_mfa)
    response = client.post(
        "/api/instruments/ons4/score/", {"items": [7, 8, 6, 3]}, content_type="application/json"
    )
    assert (response.status_code, response.json()["raw_score"]) == (200, None)


def test_api_agreement_stranger_404_and_provider_sees_own(agreement, stranger, provider_member):
    api = APIClient()
    api.force_authenticate(stranger)
    assert api.get(f"/api/v1/monitoring/agreements/{agreement.pk}/").status_code == 404
    api.force_authenticate(provider_member.user)
    listed = api.get("/api/v1/monitoring/agreements/").json()
    assert [a["id"] for a in listed["results"]] == [agreement.pk]


def test_api_actual_wrong_unit_is_400(agreement, provider_member):
    report = returns.return_start(
        actor=provider_member.user, period=agreement.periods.get(number=1)
    )
    api = APIClient()
    api.force_authenticate(provider_member.user)
    response = api.post(
        f"/api/v1/monitoring/returns/{report.pk}/actuals/",
        {"agreement_kpi": agreement.kpis.get().pk, "value": "40", "unit": "percentage"},
        format="json",
    )
    assert response.status_code == 400
    assert report.actuals.count() == 0


def _vary_post(agreement, **targets):
    item = agreement.kpis.get()
    data = {"reason": "The choir meets twice a week from January, so more people take part."}
    current = {"minimum": item.minimum, "expected": item.expected, "stretch": item.stretch}
    for level, value in {**current, **targets}.items():
        data[f"target_{item.pk}_{level}"] = "" if value is None else str(value)
    return item, data


def test_variation_changes_whole_agreement_targets_and_keeps_the_before(
    client, agreement, commissioner_member
):
    item, data = _vary_post(agreement, minimum=40, expected=55, stretch=70)
    response = _login(client, commissioner_member.user).post(
        reverse("monitoring:agreement_vary", args=[agreement.pk]), data
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.minimum, item.expected, item.stretch) == (Decimal(40), Decimal(55), Decimal(70))
    variation = agreement.variations.get()
    assert [Decimal(v) for v in variation.before["targets:participants-engaged"]] == [30, 40, 50]
    assert [Decimal(v) for v in variation.after["targets:participants-engaged"]] == [40, 55, 70]


def test_variation_with_a_target_left_empty_is_refused_and_nothing_changes(
    client, agreement, commissioner_member
):
    item, data = _vary_post(agreement, minimum=45, stretch=None)
    response = _login(client, commissioner_member.user).post(
        reverse("monitoring:agreement_vary", args=[agreement.pk]), data
    )

    assert response.status_code == 200
    assert "enter all three targets" in response.content.decode()
    item.refresh_from_db()
    assert (item.minimum, item.stretch) == (Decimal(30), Decimal(50))
    assert not agreement.variations.exists()


def test_variation_page_refused_to_the_provider(client, agreement, provider_member):
    item, data = _vary_post(agreement, minimum=1, expected=2, stretch=3)
    response = _login(client, provider_member.user).post(
        reverse("monitoring:agreement_vary", args=[agreement.pk]), data
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.minimum == Decimal(30)
