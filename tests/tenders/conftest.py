"""Opportunities built through the services, as a commissioner would."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from commissioning.models import Area, Kpi, OutcomeArea
from tenders.models import Clause, Opportunity
from tenders.services import bidding, drafting, lifecycle, opening
from tests.conftest import with_totp
from tests.factories import MembershipFactory, OrganisationFactory, ProgrammeFactory
from tests.providers.conftest import PDF_BYTES

_charity_numbers = itertools.count(7700001)


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


@dataclass
class SealedCall:
    """A grant call with lots, a gate and one submitted bid (with a PDF) per provider."""

    commissioner: object  # the commissioner's Membership
    opportunity: object
    lots: list = field(default_factory=list)
    providers: list = field(default_factory=list)  # each provider's admin Membership
    bids: list = field(default_factory=list)

    @property
    def user(self):
        return self.commissioner.user

    def close(self) -> None:
        Opportunity.objects.filter(pk=self.opportunity.pk).update(
            closes_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        self.opportunity.refresh_from_db()
        lifecycle.opportunity_close(actor=None, opportunity=self.opportunity)
        self.opportunity.refresh_from_db()

    def open(self) -> None:
        opening.opportunity_bids_open(actor=self.user, opportunity=self.opportunity)
        self.opportunity.refresh_from_db()


def sealed_call(
    commissioner,
    *,
    providers: int = 3,
    lots: tuple[str, ...] = ("Dementia", "Young people's mental health"),
    drafts: int = 1,
    closed: bool = True,
) -> SealedCall:
    """Published grant call; `providers` submitted bids spread over the lots (bid i in lot
    i % len(lots)), each with a PDF attached, plus `drafts` unsubmitted ones. Closed unless
    told otherwise; never opened."""

    opportunity = build_opportunity(
        commissioner, route="grant", budget=Decimal(150000), max_bid=Decimal(15000)
    )
    lot_objects = [
        drafting.lot_save(actor=commissioner.user, opportunity=opportunity, title=title)
        for title in lots
    ]
    drafting.gate_save(
        actor=commissioner.user, opportunity=opportunity, title="Safeguarding policy in place"
    )
    lifecycle.opportunity_publish(actor=commissioner.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    call = SealedCall(commissioner=commissioner, opportunity=opportunity, lots=lot_objects)
    for index in range(providers + drafts):
        membership = MembershipFactory(
            admin=True,
            organisation=OrganisationFactory(
                name=f"Arts Org {index + 1:02d}", charity_number=str(next(_charity_numbers))
            ),
        )
        user = membership.user
        bid = bidding.bid_start(
            actor=user,
            opportunity=opportunity,
            organisation=membership.organisation,
            title=f"Project {index + 1}",
            lots=[lot_objects[index % len(lot_objects)]] if lot_objects else [],
        )
        call.providers.append(membership)
        call.bids.append(bid)
        if index >= providers:
            continue
        for criterion in opportunity.criteria.all():
            bidding.answer_save(
                actor=user,
                bid=bid,
                criterion=criterion,
                text=f"Answer {index + 1} to {criterion.title}: we sing with people.",
                revision=0,
            )
        bidding.bid_update(
            actor=user,
            bid=bid,
            revision=0,
            budget_lines=[
                {"description": "Artist fees", "cost_type": "fixed", "amount": "9000"},
                {"description": "Venue hire", "cost_type": "variable", "amount": "1500"},
            ],
            gate_answers={g.pk: (True, "Reviewed 2026") for g in opportunity.gates.all()},
            declarations={
                "declare_eligible": True,
                "declare_no_conflicts": True,
                "declare_accurate": True,
            },
        )
        bidding.attachment_add(
            actor=user,
            bid=bid,
            file=SimpleUploadedFile(
                f"plan-{index + 1}.pdf", PDF_BYTES, content_type="application/pdf"
            ),
        )
        bidding.bid_submit(actor=user, bid=bid)
    if closed:
        call.close()
    return call
