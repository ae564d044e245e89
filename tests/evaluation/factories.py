"""Factories for the evaluation app: one per model, with traits for the states tests need.

Bids come from the tenders services (see `closed_call` in conftest), so what a panel sees is
what a provider really submitted.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.tokens import token_digest
from evaluation.constants import ConflictLevel, ConflictRuling, Outcome, PanelRole
from evaluation.models import (
    Assignment,
    Consensus,
    Decision,
    Declaration,
    Letter,
    Panel,
    PanelMember,
    Representation,
    Score,
)
from tests.factories import UserFactory


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel

    name = factory.Sequence(lambda n: f"Assessment panel {n}")
    budget = factory.LazyAttribute(lambda o: o.opportunity.total_budget)
    briefing = "Score each criterion on its own evidence."


class PanelMemberFactory(factory.django.DjangoModelFactory):
    """An accepted member with an account, unless `invited=True`."""

    class Meta:
        model = PanelMember

    class Params:
        token = factory.Sequence(lambda n: f"panel-token-{n}")
        invited = factory.Trait(
            user=None,
            accepted_at=None,
            token_digest=factory.LazyAttribute(lambda o: token_digest(o.token)),
            expires_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21)),
        )
        chair = factory.Trait(role=PanelRole.CHAIR)

    panel = factory.SubFactory(PanelFactory)
    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(
        lambda o: o.user.email if o.user else f"invitee-{o.token}@example.org"
    )
    full_name = factory.LazyAttribute(lambda o: o.user.full_name if o.user else "Invited Person")
    role = PanelRole.PATIENT
    accepted_at = factory.LazyFunction(timezone.now)


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    class Params:
        perceived = factory.Trait(
            level=ConflictLevel.PERCEIVED,
            note="I know their director",
            ruling=ConflictRuling.PENDING,
        )
        actual = factory.Trait(
            level=ConflictLevel.ACTUAL,
            note="I helped write the bid",
            ruling=ConflictRuling.EXCLUDED,
        )

    panel = factory.LazyAttribute(lambda o: o.member.panel)
    member = factory.SubFactory(PanelMemberFactory)
    level = ConflictLevel.NONE


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    class Params:
        submitted = factory.Trait(submitted_at=factory.LazyFunction(timezone.now))

    panel = factory.LazyAttribute(lambda o: o.member.panel)
    member = factory.SubFactory(PanelMemberFactory)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    panel = factory.LazyAttribute(lambda o: o.member.panel)
    member = factory.SubFactory(PanelMemberFactory)
    value = Decimal(3)
    comment = "Clear plan with evidence from earlier work."


class ConsensusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consensus

    value = Decimal(3)
    rationale = "The panel agreed the plan is sound but the evaluation is thin."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    outcome = Outcome.FUNDED
    amount_requested = Decimal(12000)
    amount_awarded = Decimal(12000)
    reasons = "Ranked within the budget."


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letter

    panel = factory.LazyAttribute(lambda o: o.decision.panel)
    organisation = factory.LazyAttribute(lambda o: o.decision.bid.organisation)
    subject = "Decision on your bid"
    content = factory.LazyFunction(
        lambda: {
            "opportunity": {"title": "Grants", "reference": "X"},
            "applicant": "Stroud Arts",
            "bid_title": "Singing",
            "outcome": "funded",
            "outcome_label": "Funded",
            "amount_requested": "12000.00",
            "amount_awarded": "12000.00",
            "reasons": "Ranked within the budget.",
            "total": "70.00",
            "rank": 1,
            "ranked": 1,
            "scale_max": "5",
            "criteria": [],
            "assessment_summary": None,
        }
    )
    sent_at = factory.LazyFunction(timezone.now)


class RepresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representation

    received_on = factory.LazyFunction(timezone.localdate)
    received_from = "Stroud Arts"
    summary = "We think our evaluation plan was misread."
