"""A commissioner's programme with a published grant call in three themes, and bids."""

from __future__ import annotations

import pytest

from tests.conftest import with_totp
from tests.factories import MembershipFactory, OrganisationFactory
from tests.reports.factories import BidFactory, grant_call


@pytest.fixture
def commissioner_member(db):
    membership = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(
            icb=True, name="NHS Gloucestershire Integrated Care Board"
        ),
    )
    with_totp(membership.user)
    return membership


@pytest.fixture
def opportunity(commissioner_member):
    return grant_call(commissioner_member)


@pytest.fixture
def programme(opportunity):
    return opportunity.programme


@pytest.fixture
def bids(opportunity):
    """Two bids for the first theme, one for the second; a draft that does not count."""
    dementia, lungs, _ = opportunity.lots.all()
    return [
        BidFactory(opportunity=opportunity, lots=[dementia]),
        BidFactory(opportunity=opportunity, lots=[dementia]),
        BidFactory(opportunity=opportunity, lots=[lungs]),
        BidFactory(opportunity=opportunity, lots=[lungs], draft=True),
    ]


@pytest.fixture
def stranger(db):
    """A commissioner at another council: sees none of this programme."""
    membership = MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Kent County Council")
    )
    with_totp(membership.user)
    return membership.user


def period_of(programme) -> dict[str, str]:
    return {
        "period_start": programme.start_date.isoformat(),
        "period_end": programme.end_date.isoformat(),
    }
