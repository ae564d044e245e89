"""A Gloucestershire-style light grant with its two parties, built through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from commissioning.models import Kpi
from monitoring.services import agreements
from monitoring.services.agreements import BudgetLineInput
from tests.conftest import with_totp
from tests.factories import MembershipFactory, OrganisationFactory, ProgrammeFactory


@pytest.fixture
def commissioner_member(db):
    membership = MembershipFactory(
        admin=True, organisation=OrganisationFactory(icb=True, name="NHS Gloucestershire ICB")
    )
    with_totp(membership.user)
    return membership


@pytest.fixture
def provider_member(db):
    return MembershipFactory(
        admin=True, organisation=OrganisationFactory(name="Breathe Sing Gloucestershire")
    )


@pytest.fixture
def stranger(db):
    return MembershipFactory(
        admin=True, organisation=OrganisationFactory(name="Someone Else Arts")
    ).user


def make_agreement(commissioner_member, provider_member, **overrides):
    programme = ProgrammeFactory(organisation=commissioner_member.organisation)
    fields = {
        "actor": commissioner_member.user,
        "programme": programme,
        "provider": provider_member.organisation,
        "title": "A bespoke choir for people with COPD and asthma",
        "kind": "grant",
        "value": Decimal("15000"),
        "starts_on": datetime.date(2026, 4, 1),
        "ends_on": datetime.date(2027, 3, 31),
        "budget_lines": [
            BudgetLineInput("Choir leader and accompanist", "variable", Decimal("9000")),
            BudgetLineInput("Venue hire and evaluation", "fixed", Decimal("6000")),
        ],
        **overrides,
    }
    agreement = agreements.agreement_create(**fields)
    agreements.agreement_kpi_add(
        actor=commissioner_member.user,
        agreement=agreement,
        kpi=Kpi.objects.get(slug="participants-engaged"),
        minimum=Decimal(30),
        expected=Decimal(40),
        stretch=Decimal(50),
    )
    return agreement


@pytest.fixture
def agreement(commissioner_member, provider_member):
    return make_agreement(commissioner_member, provider_member)
