"""Grant calls and bids built through the services, shared by the bid page and API tests."""

from __future__ import annotations

from decimal import Decimal

from tenders.models import Bid, Gate, Opportunity
from tenders.services import bidding, drafting, lifecycle
from tests.factories import MembershipFactory, OrganisationFactory
from tests.tenders.conftest import build_opportunity

ANSWER = "We will sing with people who are lonely, every week, in their own village halls."


def grant_call(
    commissioner_member, *, word_limit: int = 50, gate: bool = True, lots: tuple[str, ...] = ()
) -> Opportunity:
    """A published grant call: three questions, a £15,000 maximum, one pass/fail gate and
    the lots named."""
    opportunity = build_opportunity(
        commissioner_member,
        route="grant",
        budget=Decimal(150000),
        max_bid=Decimal(15000),
    )
    opportunity.criteria.update(word_limit=word_limit)
    for title in lots:
        drafting.lot_save(actor=commissioner_member.user, opportunity=opportunity, title=title)
    if gate:
        Gate.objects.create(opportunity=opportunity, title="Safeguarding policy in place")
    lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity


def provider(name: str = "Stroud Arts"):
    return MembershipFactory(admin=True, organisation=OrganisationFactory(name=name))


def draft_bid(opportunity: Opportunity, membership) -> Bid:
    return bidding.bid_start(
        actor=membership.user, opportunity=opportunity, organisation=membership.organisation
    )


def complete_bid(opportunity: Opportunity, membership, *, amount: str = "12000") -> Bid:
    """A bid with every answer, gate, budget line and declaration: ready to submit."""
    user = membership.user
    bid = draft_bid(opportunity, membership)
    for criterion in opportunity.criteria.all():
        bidding.answer_save(actor=user, bid=bid, criterion=criterion, text=ANSWER, revision=0)
    bidding.bid_update(
        actor=user,
        bid=bid,
        revision=0,
        budget_lines=[{"description": "Artist fees", "cost_type": "fixed", "amount": amount}],
        gate_answers={gate.pk: (True, "") for gate in opportunity.gates.all()},
        declarations={
            "declare_eligible": True,
            "declare_no_conflicts": True,
            "declare_accurate": True,
        },
    )
    bid.refresh_from_db()
    return bid
