"""A commissioner's programme with a published grant call in three themes, and bids."""

from __future__ import annotations

from pathlib import Path

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


ARTEFACTS = Path(__file__).resolve().parents[2] / "test-results" / "reports"


def png_artefact(pdf: bytes, page_index: int, name: str) -> Path:
    """One page of a PDF as a PNG under test-results/reports/, kept for a visual check."""
    import pypdfium2  # noqa: PLC0415

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / name
    document = pypdfium2.PdfDocument(pdf)
    try:
        document[page_index].render(scale=1.5).to_pil().save(path)
    finally:
        document.close()
    return path
