"""Evaluation: panels, their members, declarations, assignments, the bids in moderation and
on the funding line, decisions, awards, letters and the 360Giving feed."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation
from evaluation.constants import ConflictLevel, ConflictRuling, Outcome, PanelRole, PanelStatus
from evaluation.models import (
    Assignment,
    Consensus,
    Decision,
    Declaration,
    Letter,
    Panel,
    PanelMember,
)
from tenders.constants import BidStatus
from tenders.models import Bid, Submission
from tests.conftest import with_totp
from tests.evaluation.conftest import closed_call, make_panel, seat
from tests.evaluation.factories import LetterFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.query_counts.people import Counter
from tests.query_counts.registry import View, page


def _commissioner():
    membership = MembershipFactory(admin=True, organisation=OrganisationFactory(icb=True))
    with_totp(membership.user)
    return membership


def _call_and_panel(status: str = PanelStatus.SETUP):
    call = closed_call(_commissioner(), amounts=("12000",))
    panel = make_panel(call)
    if status != PanelStatus.SETUP:
        sent = timezone.now() if status == PanelStatus.LETTERS_SENT else None
        Panel.objects.filter(pk=panel.pk).update(status=status, letters_sent_at=sent)
        panel.refresh_from_db()
    return call, panel


def _grow_bids(call, numbers) -> list[Bid]:
    """More submitted bids like the one the call received: a new provider each, the same
    submitted content."""
    model = call.bids[0]
    submission = Submission.objects.filter(bid=model).latest("number")
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Measured applicant {n}", kind="provider", type="arts_cultural")
        for n in numbers
    )
    bids = Bid.objects.bulk_create(
        Bid(
            opportunity=call.opportunity,
            organisation=organisation,
            title=f"Measured project {n}",
            status=BidStatus.SUBMITTED,
            revision=model.revision,
        )
        for n, organisation in zip(numbers, organisations, strict=True)
    )
    Submission.objects.bulk_create(
        Submission(
            bid=bid,
            number=submission.number,
            submitted_at=submission.submitted_at,
            content=submission.content,
            sha256=submission.sha256,
        )
        for bid in bids
    )
    return bids


def _members(panel, numbers) -> list[PanelMember]:
    return PanelMember.objects.bulk_create(
        PanelMember(
            panel=panel,
            email=f"measured-member-{n}@example.org",
            full_name=f"Measured member {n}",
            role=PanelRole.PATIENT,
            accepted_at=timezone.now(),
        )
        for n in numbers
    )


def _panels(name: str) -> View:
    call, _ = _call_and_panel()
    counter = Counter()

    def grow(count: int) -> None:
        Panel.objects.bulk_create(
            Panel(opportunity=call.opportunity, name=f"Measured panel {n}", budget=Decimal(1000))
            for n in counter.take(count)
        )

    return View(user=call.user, url=reverse(name), grow=grow, shows="Measured panel 0")


@page("evaluation:panel_list", who="the commissioner who owns the opportunity")
def panel_list() -> View:
    return _panels("evaluation:panel_list")


@page("api_panels", who="the commissioner who owns the opportunity")
def api_panels() -> View:
    return _panels("api_panels")


def _under_panel(name: str, make, *, status: str = PanelStatus.SETUP, shows=None, as_chair=False):
    call, panel = _call_and_panel(status)
    user = seat(panel, PanelRole.CHAIR).user if as_chair else call.user
    counter = Counter()
    return View(
        user=user,
        url=reverse(name, args=[panel.pk]),
        grow=lambda count: make(call, panel, counter.take(count)),
        shows=shows,
    )


@page("api_panel_members", who="the commissioner who owns the opportunity")
def api_panel_members() -> View:
    return _under_panel(
        "api_panel_members",
        lambda call, panel, numbers: _members(panel, numbers),
        shows="Measured member 0",
    )


@page("evaluation:panel_detail", who="the commissioner who owns the opportunity")
def panel_detail() -> View:
    return _under_panel(
        "evaluation:panel_detail",
        lambda call, panel, numbers: _members(panel, numbers),
        shows="Measured member 0",
    )


def _declarations(call, panel, numbers, *, level=ConflictLevel.PERCEIVED):
    Declaration.objects.bulk_create(
        Declaration(
            panel=panel,
            member=member,
            bid=call.bids[0],
            level=level,
            note="I know their director",
            ruling=ConflictRuling.PENDING,
        )
        for member in _members(panel, numbers)
    )


@page("api_panel_declarations", who="the commissioner who owns the opportunity")
def api_panel_declarations() -> View:
    return _under_panel("api_panel_declarations", _declarations, shows="I know their director")


@page("evaluation:rulings", who="the panel's chair")
def rulings() -> View:
    return _under_panel(
        "evaluation:rulings",
        _declarations,
        status=PanelStatus.SCORING,
        shows="Measured member 0",
        as_chair=True,
    )


@page("api_panel_assignments", who="the commissioner who owns the opportunity")
def api_panel_assignments() -> View:
    def assignments(call, panel, numbers):
        Assignment.objects.bulk_create(
            Assignment(panel=panel, member=member, bid=call.bids[0])
            for member in _members(panel, numbers)
        )

    return _under_panel("api_panel_assignments", assignments)


def _bids(call, panel, numbers):
    _grow_bids(call, numbers)


def _moderated_bids(call, panel, numbers):
    """Bids with the panel's consensus recorded on every criterion: on the funding line."""
    bids = _grow_bids(call, numbers)
    criteria = list(call.opportunity.criteria.all())
    Consensus.objects.bulk_create(
        Consensus(
            panel=panel,
            bid=bid,
            criterion=criterion,
            value=Decimal(4),
            rationale="The panel agreed the plan is sound.",
        )
        for bid in bids
        for criterion in criteria
    )


@page("evaluation:moderation", who="the commissioner who owns the opportunity")
def moderation() -> View:
    return _under_panel(
        "evaluation:moderation", _bids, status=PanelStatus.MODERATION, shows="Measured applicant 0"
    )


@page("api_panel_moderation", who="the commissioner who owns the opportunity")
def api_panel_moderation() -> View:
    return _under_panel(
        "api_panel_moderation", _bids, status=PanelStatus.MODERATION, shows="Measured applicant 0"
    )


@page("evaluation:funding_line", who="the commissioner who owns the opportunity")
def funding_line() -> View:
    return _under_panel(
        "evaluation:funding_line",
        _moderated_bids,
        status=PanelStatus.MODERATION,
        shows="Measured applicant 0",
    )


@page("api_panel_funding_line", who="the commissioner who owns the opportunity")
def api_panel_funding_line() -> View:
    return _under_panel("api_panel_funding_line", _moderated_bids, status=PanelStatus.MODERATION)


def _decisions(call, panel, numbers):
    Decision.objects.bulk_create(
        Decision(
            panel=panel,
            bid=bid,
            outcome=Outcome.FUNDED,
            amount_requested=Decimal(12000),
            amount_awarded=Decimal(12000),
            reasons="Ranked within the budget.",
        )
        for bid in _grow_bids(call, numbers)
    )


@page("api_panel_decisions", who="the commissioner who owns the opportunity")
def api_panel_decisions() -> View:
    return _under_panel("api_panel_decisions", _decisions, status=PanelStatus.MODERATION)


@page("evaluation:awards", who="the commissioner who owns the opportunity")
def awards() -> View:
    return _under_panel(
        "evaluation:awards",
        _decisions,
        status=PanelStatus.LETTERS_SENT,
        shows="Measured applicant 0",
    )


def _letters(name: str, *, open_data: bool = False) -> View:
    """Letters (and awarded grants) on one bid from many panels: one decision per panel."""
    call, _ = _call_and_panel()
    bid = call.bids[0]
    counter = Counter()
    template = LetterFactory.build(decision=None, panel=None, organisation=None)

    def grow(count: int) -> None:
        numbers = counter.take(count)
        panels = Panel.objects.bulk_create(
            Panel(
                opportunity=call.opportunity,
                name=f"Measured panel {n}",
                budget=Decimal(150000),
                status=PanelStatus.LETTERS_SENT,
                letters_sent_at=timezone.now(),
            )
            for n in numbers
        )
        decisions = Decision.objects.bulk_create(
            Decision(
                panel=panel,
                bid=bid,
                outcome=Outcome.FUNDED,
                amount_requested=Decimal(12000),
                amount_awarded=Decimal(12000),
                reasons="Ranked within the budget.",
                confirmed_at=timezone.now(),
            )
            for panel in panels
        )
        Letter.objects.bulk_create(
            Letter(
                decision=decision,
                panel=decision.panel,
                organisation=bid.organisation,
                subject=f"Measured letter {n}",
                content=template.content,
                sent_at=timezone.now(),
            )
            for n, decision in zip(numbers, decisions, strict=True)
        )

    user = None if open_data else bid.organisation.memberships.first().user
    return View(user=user, url=reverse(name), grow=grow)


@page("evaluation:letter_list", who="the applicant")
def letter_list() -> View:
    return _letters("evaluation:letter_list")


@page("api_letters", who="the applicant")
def api_letters() -> View:
    return _letters("api_letters")


@page("threesixty_grants", who="anyone (open data)")
def threesixty_grants() -> View:
    return _letters("threesixty_grants", open_data=True)
