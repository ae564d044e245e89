from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.errors import ApplicationError
from tenders.constants import Route
from tenders.routes import ROUTES, rule_for
from tenders.services import drafting
from tenders.validation import (
    money_problems,
    publication_problems,
    social_value_warning,
    timeline_problems,
    weight_problems,
)
from tests.tenders.conftest import build_opportunity

pytestmark = pytest.mark.django_db


def test_every_route_has_a_rule():
    assert set(ROUTES) == set(Route.values)


@pytest.mark.parametrize(
    ("route", "minimum", "standstill", "grant", "method"),
    [
        ("open", 25, 8, False, "open"),
        ("competitive_flexible", 25, 8, False, "selective"),
        ("light_touch", 25, 0, False, "open"),
        ("psr_competitive", 25, 8, False, "open"),
        ("psr_direct_c", 0, 8, False, "direct"),
        ("grant", 14, 0, True, None),
        ("innovation_grant", 14, 0, True, None),
    ],
)
def test_route_rules(route, minimum, standstill, grant, method):
    rule = rule_for(route)

    assert (
        rule.min_bid_window_days,
        rule.standstill_working_days,
        rule.is_grant,
        rule.ocds_method,
    ) == (minimum, standstill, grant, method)


def test_grants_allow_almost_three_months_as_good_practice():
    assert rule_for("grant").good_practice_window_days == 84


def test_timeline_open_procedure_under_25_days_refused(commissioner_member):
    opportunity = build_opportunity(commissioner_member, days_open=20)

    problems = timeline_problems(opportunity)

    assert problems == [
        (
            "The closing date must be at least 25 days after publication for this route (it is 20 "
            "days)."
        )
    ]


def test_timeline_closing_in_the_past_refused(commissioner_member):
    opportunity = build_opportunity(commissioner_member, days_open=-1)

    assert "The closing date must be in the future." in timeline_problems(opportunity)


def test_timeline_grant_allows_a_short_window(commissioner_member):
    opportunity = build_opportunity(commissioner_member, route="grant", days_open=20)

    assert timeline_problems(opportunity) == []


def test_timeline_direct_award_needs_justification(commissioner_member):
    opportunity = build_opportunity(commissioner_member, route="direct_award")

    assert timeline_problems(opportunity) == [
        "Give the justification for using this direct award route."
    ]


def test_timeline_clarification_after_closing_refused(commissioner_member):
    opportunity = build_opportunity(
        commissioner_member,
        clarification_deadline=timezone.now() + datetime.timedelta(days=90),
    )

    assert "The clarification deadline must be before the closing date." in timeline_problems(
        opportunity
    )


def test_money_lot_budgets_over_total_refused(commissioner_member):
    opportunity = build_opportunity(commissioner_member, budget=Decimal(150000))
    for number in range(2):
        drafting.lot_save(
            actor=commissioner_member.user,
            opportunity=opportunity,
            title=f"Theme {number}",
            budget=Decimal(100000),
        )

    assert money_problems(opportunity) == [
        "The lots' budgets add up to more than the total budget."
    ]


def test_weights_must_total_exactly_100(commissioner_member):
    opportunity = build_opportunity(commissioner_member)
    opportunity.criteria.filter(kind="price").update(weight=Decimal("29.5"))

    assert weight_problems(opportunity) == [
        "The opportunity's criteria weights total 99.5%; they must total exactly 100%."
    ]


def test_weights_over_100_refused_when_adding(opportunity, commissioner_member):
    with pytest.raises(ApplicationError, match="would total 105%"):
        drafting.criterion_save(
            actor=commissioner_member.user,
            opportunity=opportunity,
            kind="quality",
            title="Extra",
            weight=Decimal(5),
        )

    assert opportunity.criteria.count() == 3


def test_weights_per_lot_scope(commissioner_member):
    opportunity = build_opportunity(commissioner_member)
    lot = drafting.lot_save(
        actor=commissioner_member.user, opportunity=opportunity, title="Dementia"
    )
    drafting.criterion_save(
        actor=commissioner_member.user,
        opportunity=opportunity,
        kind="question",
        title="How will you reach people living with dementia?",
        weight=Decimal(70),
        lot=lot,
    )

    assert weight_problems(opportunity) == [
        "Lot 1's criteria weights total 70%; they must total exactly 100%."
    ]


def test_social_value_under_10_percent_is_a_warning(commissioner_member):
    opportunity = build_opportunity(commissioner_member)
    opportunity.criteria.filter(kind="social_value").update(weight=Decimal(5))
    opportunity.criteria.filter(kind="price").update(weight=Decimal(35))

    warning = social_value_warning(opportunity)

    assert warning.startswith("Social value is weighted at 5%.")
    assert weight_problems(opportunity) == []
    assert publication_problems(opportunity) == []


def test_max_bid_above_budget_refused_on_create(commissioner_member):
    with pytest.raises(ApplicationError, match="maximum per bid cannot be more"):
        build_opportunity(commissioner_member, budget=Decimal(150000), max_bid=Decimal(200000))
