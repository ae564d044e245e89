"""Panels over real closed calls: opportunities and bids made through the tenders services."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.utils import timezone

from evaluation.constants import ConflictLevel, PanelRole
from evaluation.models import Panel, PanelMember
from evaluation.services import conflicts, panels
from evaluation.services.scoring import MarkInput, scoresheet_save
from tenders.models import Bid, Opportunity
from tenders.services import bidding, drafting, lifecycle
from tests.conftest import with_totp
from tests.evaluation.factories import PanelMemberFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.tenders.conftest import build_opportunity

_charity_numbers = itertools.count(8800001)


@dataclass
class Call:
    commissioner: object  # the commissioner's Membership
    opportunity: Opportunity
    bids: list[Bid] = field(default_factory=list)

    @property
    def user(self):
        return self.commissioner.user


@pytest.fixture
def glos_commissioner(db):
    membership = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(icb=True, name="NHS Gloucestershire ICB"),
    )
    with_totp(membership.user)
    return membership


def closed_call(
    commissioner,
    *,
    amounts: list[str] = ("12000", "9000", "15000"),
    lots: list[str] = (),
    lot_budget: Decimal | None = None,
    route: str = "grant",
    budget: Decimal = Decimal(150000),
) -> Call:
    """A grant call that received one submitted bid per amount (each from a new provider,
    in lot i % len(lots)), then closed."""
    opportunity = build_opportunity(
        commissioner, route=route, budget=budget, max_bid=Decimal(15000)
    )
    lot_objects = [
        drafting.lot_save(
            actor=commissioner.user, opportunity=opportunity, title=title, budget=lot_budget
        )
        for title in lots
    ]
    lifecycle.opportunity_publish(actor=commissioner.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    call = Call(commissioner=commissioner, opportunity=opportunity)
    for index, amount in enumerate(amounts):
        provider = MembershipFactory(
            admin=True,
            organisation=OrganisationFactory(
                name=f"Provider {index + 1}", charity_number=str(next(_charity_numbers))
            ),
        )
        bid = bidding.bid_start(
            actor=provider.user,
            opportunity=opportunity,
            organisation=provider.organisation,
            title=f"Project {index + 1}",
            lots=[lot_objects[index % len(lot_objects)]] if lot_objects else [],
        )
        for criterion in opportunity.criteria.all():
            bidding.answer_save(
                actor=provider.user,
                bid=bid,
                criterion=criterion,
                text=f"Answer {index + 1} to {criterion.title}.",
                revision=0,
            )
        bidding.bid_update(
            actor=provider.user,
            bid=bid,
            revision=0,
            budget_lines=[{"description": "Artist fees", "cost_type": "fixed", "amount": amount}],
            declarations={
                "declare_eligible": True,
                "declare_no_conflicts": True,
                "declare_accurate": True,
            },
        )
        bidding.bid_submit(actor=provider.user, bid=bid)
        call.bids.append(bid)
    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    opportunity.refresh_from_db()
    lifecycle.opportunity_close(actor=None, opportunity=opportunity)
    opportunity.refresh_from_db()
    return call


@pytest.fixture
def call(glos_commissioner):
    return closed_call(glos_commissioner)


def make_panel(call: Call, **plan) -> Panel:
    return panels.panel_create(
        actor=call.user, opportunity=call.opportunity, name="Gloucestershire panel", **plan
    )


def seat(panel: Panel, role: str = PanelRole.PATIENT, **kwargs) -> PanelMember:
    return PanelMemberFactory(panel=panel, role=role, **kwargs)


def declare_all(member: PanelMember, bids, level: str = ConflictLevel.NONE) -> None:
    for bid in bids:
        conflicts.declaration_make(
            actor=member.user,
            member=member,
            bid=bid,
            level=level,
            note="" if level == "none" else "Known",
        )


def score_all(member: PanelMember, bid: Bid, value: str, *, submit: bool = True) -> None:
    assignment = member.assignments.get(bid=bid)
    marks = {
        c.pk: MarkInput(value=value, comment="Scored against the descriptors.")
        for c in bid.opportunity.criteria.all()
    }
    scoresheet_save(actor=member.user, assignment=assignment, marks=marks, submit=submit)


@pytest.fixture
def scoring_panel(call):
    """A panel of a chair and two members, scoring open, everyone declared no conflict."""
    panel = make_panel(call)
    chair = seat(panel, PanelRole.CHAIR)
    patient = seat(panel, PanelRole.PATIENT)
    clinician = seat(panel, PanelRole.CLINICIAN)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    for member in (chair, patient, clinician):
        declare_all(member, call.bids)
    panel.refresh_from_db()
    return {
        "panel": panel,
        "chair": chair,
        "patient": patient,
        "clinician": clinician,
        "call": call,
    }
