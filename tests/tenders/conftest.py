"""Opportunities built through the services, as a commissioner would."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from commissioning.models import Area, Kpi, OutcomeArea
from tenders.models import Clause
from tenders.services import drafting
from tests.conftest import with_totp
from tests.factories import MembershipFactory, OrganisationFactory, ProgrammeFactory


@pytest.fixture
def commissioner_member(db):
    membership = MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Kent County Council")
    )
    with_totp(membership.user)
    return membership


def build_opportunity(
    commissioner,
    *,
    route: str = "open",
    budget: Decimal = Decimal("4000000"),
    days_open: int = 60,
    publishable: bool = True,
    **fields,
):
    programme = ProgrammeFactory(organisation=commissioner.organisation)
    defaults = {
        "summary": "Community mental health and wellbeing service for Kent.",
        "closes_at": timezone.now() + datetime.timedelta(days=days_open),
        "clarification_deadline": timezone.now() + datetime.timedelta(days=days_open - 7),
        "engagement_planned": True,
        "areas": Area.objects.filter(code="E10000016"),
        **fields,
    }
    opportunity = drafting.opportunity_create(
        actor=commissioner.user,
        programme=programme,
        title="Community mental health and wellbeing service",
        route=route,
        total_budget=budget,
        **defaults,
    )
    if publishable:
        drafting.outcome_add(
            actor=commissioner.user,
            opportunity=opportunity,
            outcome_area=OutcomeArea.objects.get(name="Mental health"),
            statement="People connect to their communities and feel less lonely",
        )
        for kind, title, weight in (
            ("quality", "Quality of the delivery network", Decimal(60)),
            ("price", "Price", Decimal(30)),
            ("social_value", "Social value", Decimal(10)),
        ):
            drafting.criterion_save(
                actor=commissioner.user,
                opportunity=opportunity,
                kind=kind,
                title=title,
                weight=weight,
            )
        drafting.clause_insert(
            actor=commissioner.user,
            opportunity=opportunity,
            clause=Clause.objects.get(slug="delivery-network-arts"),
        )
        drafting.kpi_add(
            actor=commissioner.user,
            opportunity=opportunity,
            kpi=Kpi.objects.get(slug="access-arts-cultural-activities"),
        )
    opportunity.refresh_from_db()
    return opportunity


@pytest.fixture
def opportunity(commissioner_member):
    return build_opportunity(commissioner_member)
