"""Reads for assessment panels. Conflicts first: nothing here returns a bid's content to a
member unless they have declared for that bid, are cleared to score it and are assigned to it.

Every read of the bids a panel assesses goes through `panel_submissions`, so the source of
bids can change (to the eligibility-checked selector in tenders) in one place.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import Organisation, User
from accounts.rules import is_commissioner
from evaluation import funding, scoring
from evaluation.constants import ConflictLevel, ConflictRuling, Outcome, PanelStatus
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
from tenders import selectors as tender_selectors
from tenders.models import Bid, Criterion, Lot, Opportunity, Submission
from tenders.routes import ROUTES


def panel_submissions(*, panel: Panel, lot: Lot | None = None) -> QuerySet[Submission]:
    """The latest submission of each submitted bid the panel assesses (its lots, or one lot),
    leaving out bids the commissioner failed at the gates."""
    queryset = tender_selectors.submissions_for_evaluation(opportunity=panel.opportunity, lot=lot)
    lot_ids = [x.pk for x in panel.lots.all()] if lot is None else []
    if lot_ids:
        in_lots = Bid.lots.through.objects.filter(bid_id=OuterRef("bid_id"), lot_id__in=lot_ids)
        queryset = queryset.filter(Exists(in_lots))
    return (
        queryset.select_related("bid__organisation")
        .prefetch_related("bid__lots")
        .order_by("bid__organisation__name", "bid_id")
    )


# Access -----------------------------------------------------------------------------------


@dataclass
class PanelAccess:
    """Who the person is to this panel."""

    panel: Panel
    member: PanelMember | None
    is_manager: bool  # a commissioner of the organisation that owns the opportunity

    @property
    def is_chair(self) -> bool:
        return self.member is not None and self.member.is_chair


def panel_list_for_user(*, user: User) -> QuerySet[Panel]:
    """Panels the person sits on (accepted), and those of opportunities their commissioning
    organisation owns."""
    if not user.is_authenticated:
        return Panel.objects.none()
    return (
        Panel.objects.filter(
            Q(members__user=user, members__accepted_at__isnull=False)
            | Q(opportunity__organisation__memberships__user=user)
        )
        .distinct()
        .select_related("opportunity__organisation")
        .order_by("-created_at")
    )


def panel_get_for_user(*, user: User, pk: int) -> PanelAccess:
    """The panel for its members and its opportunity's commissioners; 404 for anyone else."""
    if not user.is_authenticated:
        raise Http404
    panel = (
        Panel.objects.select_related("opportunity__organisation")
        .prefetch_related(Prefetch("lots", queryset=Lot.objects.order_by("number")))
        .filter(pk=pk)
        .first()
    )
    if panel is None:
        raise Http404
    member = (
        PanelMember.objects.filter(panel=panel, user=user, accepted_at__isnull=False)
        .prefetch_related("lots")
        .first()
    )
    is_manager = bool(is_commissioner(user, panel.opportunity.organisation))
    if member is None and not is_manager:
        raise Http404
    return PanelAccess(panel=panel, member=member, is_manager=is_manager)


def member_get_by_token(*, token: str) -> PanelMember:
    from accounts.tokens import token_digest  # noqa: PLC0415

    member = (
        PanelMember.objects.select_related("panel__opportunity__organisation", "invited_by")
        .filter(token_digest=token_digest(token))
        .first()
    )
    if member is None:
        raise Http404
    return member


def member_list(*, panel: Panel) -> QuerySet[PanelMember]:
    return (
        panel.members.select_related("user").prefetch_related("lots").order_by("role", "full_name")
    )


def panel_opportunities_for(*, organisation: Organisation) -> QuerySet[Opportunity]:
    """Opportunities a commissioning organisation can set a panel up for: published or later."""
    return (
        Opportunity.objects.filter(organisation=organisation)
        .exclude(status="draft")
        .order_by("-created_at")
    )


# What applies to a bid ----------------------------------------------------------------------


def criteria_for(*, opportunity: Opportunity) -> list[Criterion]:
    return list(opportunity.criteria.select_related("lot").order_by("position", "id"))


def criteria_for_bid(criteria: list[Criterion], bid: Bid) -> list[Criterion]:
    lot_ids = {lot.pk for lot in bid.lots.all()}
    return [c for c in criteria if c.lot_id is None or c.lot_id in lot_ids]


def scale_of(opportunity: Opportunity) -> list[dict[str, Any]]:
    return sorted(opportunity.scoring_scale, key=lambda level: level["score"])


def scale_max(opportunity: Opportunity) -> Decimal:
    return Decimal(str(max(level["score"] for level in opportunity.scoring_scale)))


def amount_requested(submission: Submission) -> Decimal:
    return sum((Decimal(str(line[2])) for line in submission.content.get("budget", [])), Decimal(0))


def bid_lot(bid: Bid) -> Lot | None:
    lots = sorted(bid.lots.all(), key=lambda lot: lot.number)
    return lots[0] if lots else None


def member_covers(member: PanelMember, bid: Bid) -> bool:
    """Does the member score this bid's lot?"""
    member_lots = {lot.pk for lot in member.lots.all()}
    if not member_lots:
        return True
    return bool(member_lots & {lot.pk for lot in bid.lots.all()})


# A member's work ------------------------------------------------------------------------------


@dataclass
class MemberBid:
    """One bid as a member sees it in their list: never its content."""

    submission: Submission
    declaration: Declaration | None
    assignment: Assignment | None
    label: str
    applicant: str

    @property
    def bid(self) -> Bid:
        return self.submission.bid

    @property
    def state(self) -> str:
        if self.declaration is None:
            return "declare"
        if self.declaration.level == ConflictLevel.ACTUAL:
            return "conflicted"
        if self.declaration.level == ConflictLevel.PERCEIVED:
            if self.declaration.ruling == ConflictRuling.PENDING:
                return "awaiting_ruling"
            if self.declaration.ruling == ConflictRuling.EXCLUDED:
                return "conflicted"
        if self.assignment is None:
            return "not_assigned"
        if self.assignment.set_aside_at is not None:
            return "set_aside"
        if self.assignment.submitted_at is not None:
            return "submitted"
        return "to_score"


def bid_label(panel: Panel, bid: Bid) -> str:
    """How a bid is named to members: the applicant is hidden in blind review."""
    if panel.blind_review:
        return f"Application {bid.pk}"
    return f"{bid.title}"


def member_bids(*, access: PanelAccess) -> list[MemberBid]:
    member = access.member
    if member is None:
        return []
    declarations = {d.bid_id: d for d in member.declarations.all()}
    assignments = {a.bid_id: a for a in member.assignments.all()}
    rows = []
    for submission in panel_submissions(panel=access.panel):
        bid = submission.bid
        if not member_covers(member, bid) and bid.pk not in assignments:
            continue
        rows.append(
            MemberBid(
                submission=submission,
                declaration=declarations.get(bid.pk),
                assignment=assignments.get(bid.pk),
                label=bid_label(access.panel, bid),
                applicant=bid.organisation.name,
            )
        )
    return rows


def declaration_for(*, member: PanelMember, bid: Bid) -> Declaration | None:
    return Declaration.objects.filter(member=member, bid=bid).first()


def panel_bid_get(*, panel: Panel, bid_id: int) -> Submission:
    """The latest submission of one of the panel's bids, or 404."""
    submission = panel_submissions(panel=panel).filter(bid_id=bid_id).first()
    if submission is None:
        raise Http404
    return submission


def submission_for_member(*, access: PanelAccess, bid_id: int) -> tuple[Submission, Assignment]:
    """A bid's content, for a member who declared, is cleared and is assigned to it. Anyone
    else (including a member who has not declared yet) gets 404: the content is not read."""
    member = access.member
    if member is None:
        raise Http404
    declaration = Declaration.objects.filter(member=member, bid_id=bid_id).first()
    if declaration is None or not declaration.clears_member:
        raise Http404
    assignment = Assignment.objects.filter(
        member=member, bid_id=bid_id, set_aside_at__isnull=True
    ).first()
    if assignment is None:
        raise Http404
    return panel_bid_get(panel=access.panel, bid_id=bid_id), assignment


def scores_for(*, member: PanelMember, bid: Bid) -> dict[int, Score]:
    return {s.criterion_id: s for s in Score.objects.filter(member=member, bid=bid)}


def others_scores(*, access: PanelAccess, assignment: Assignment) -> list[dict[str, Any]]:
    """Empty until the member has submitted their own scores for this bid."""
    if assignment.submitted_at is None or access.member is None:
        return []
    others = (
        Assignment.objects.filter(
            bid_id=assignment.bid_id,
            panel=access.panel,
            submitted_at__isnull=False,
            set_aside_at__isnull=True,
        )
        .exclude(member=access.member)
        .select_related("member")
    )
    member_ids = [a.member_id for a in others]
    by_member: dict[int, dict[int, Score]] = defaultdict(dict)
    for score in Score.objects.filter(bid_id=assignment.bid_id, member_id__in=member_ids):
        by_member[score.member_id][score.criterion_id] = score
    return [{"member": a.member, "scores": by_member.get(a.member_id, {})} for a in others]


# Conflicts the chair decides ----------------------------------------------------------------


def declarations_for_panel(*, panel: Panel) -> QuerySet[Declaration]:
    return (
        Declaration.objects.filter(panel=panel)
        .exclude(level=ConflictLevel.NONE)
        .select_related("member", "bid__organisation", "ruled_by")
        .order_by("ruling", "bid__organisation__name", "member__full_name")
    )


def declaration_get_for_chair(*, access: PanelAccess, pk: int) -> Declaration:
    if not access.is_chair:
        raise Http404
    declaration = (
        Declaration.objects.select_related("member", "bid__organisation")
        .filter(panel=access.panel, pk=pk)
        .first()
    )
    if declaration is None:
        raise Http404
    return declaration


# Moderation -------------------------------------------------------------------------------------


@dataclass
class CriterionRow:
    criterion: Criterion
    marks: dict[int, Score]  # member id → score
    spread: scoring.Spread
    flagged: bool
    consensus: Consensus | None


@dataclass
class ModeratedBid:
    submission: Submission
    lot: Lot | None
    rows: list[CriterionRow]
    members: list[PanelMember]
    member_totals: dict[int, scoring.WeightedTotal]
    consensus_total: scoring.WeightedTotal
    assigned: int
    submitted: int
    amount: Decimal

    @property
    def bid(self) -> Bid:
        return self.submission.bid

    @property
    def flagged(self) -> bool:
        return any(row.flagged for row in self.rows)

    @property
    def flag_count(self) -> int:
        return sum(1 for row in self.rows if row.flagged)

    @property
    def consensus_complete(self) -> bool:
        return self.consensus_total.is_complete

    @property
    def missing_scorers(self) -> int:
        return self.assigned - self.submitted


def _weights(criteria: list[Criterion]) -> dict[int, Decimal]:
    return {c.pk: c.weight for c in criteria}


def _marks(scores: dict[int, Any]) -> dict[int, scoring.Mark]:
    return {
        cid: scoring.Mark(value=s.value, not_applicable=s.not_applicable)
        for cid, s in scores.items()
    }


def moderation(*, panel: Panel, lot: Lot | None = None) -> list[ModeratedBid]:
    """Every bid with its submitted, counted scores by member and criterion, the spread,
    the flags, and the consensus so far. Set-aside scores are not counted."""
    opportunity = panel.opportunity
    submissions = list(panel_submissions(panel=panel, lot=lot))
    bid_ids = [s.bid_id for s in submissions]
    criteria = criteria_for(opportunity=opportunity)
    top = scale_max(opportunity)
    assignments = list(
        Assignment.objects.filter(panel=panel, bid_id__in=bid_ids, set_aside_at__isnull=True)
        .select_related("member")
        .order_by("member__role", "member__full_name")
    )
    submitted_members: dict[int, list[PanelMember]] = defaultdict(list)
    assigned_count: dict[int, int] = defaultdict(int)
    for a in assignments:
        assigned_count[a.bid_id] += 1
        if a.submitted_at is not None:
            submitted_members[a.bid_id].append(a.member)
    scores: dict[int, dict[int, dict[int, Score]]] = defaultdict(lambda: defaultdict(dict))
    counted = {(a.member_id, a.bid_id) for a in assignments if a.submitted_at is not None}
    for score in Score.objects.filter(panel=panel, bid_id__in=bid_ids):
        if (score.member_id, score.bid_id) in counted:
            scores[score.bid_id][score.criterion_id][score.member_id] = score
    consensus: dict[int, dict[int, Consensus]] = defaultdict(dict)
    for item in Consensus.objects.filter(panel=panel, bid_id__in=bid_ids):
        consensus[item.bid_id][item.criterion_id] = item
    result = []
    for submission in submissions:
        bid = submission.bid
        applicable = criteria_for_bid(criteria, bid)
        rows = []
        for criterion in applicable:
            marks = scores[bid.pk][criterion.pk]
            result_spread = scoring.spread(m.value for m in marks.values() if not m.not_applicable)
            rows.append(
                CriterionRow(
                    criterion=criterion,
                    marks=marks,
                    spread=result_spread,
                    flagged=scoring.is_flagged(result_spread, threshold=panel.variance_threshold),
                    consensus=consensus[bid.pk].get(criterion.pk),
                )
            )
        members = submitted_members[bid.pk]
        weights = _weights(applicable)
        member_totals = {
            m.pk: scoring.weighted_total(
                weights=weights,
                marks=_marks(
                    {
                        c.pk: scores[bid.pk][c.pk][m.pk]
                        for c in applicable
                        if m.pk in scores[bid.pk][c.pk]
                    }
                ),
                scale_max=top,
            )
            for m in members
        }
        result.append(
            ModeratedBid(
                submission=submission,
                lot=bid_lot(bid),
                rows=rows,
                members=members,
                member_totals=member_totals,
                consensus_total=scoring.weighted_total(
                    weights=weights, marks=_marks(consensus[bid.pk]), scale_max=top
                ),
                assigned=assigned_count[bid.pk],
                submitted=len(members),
                amount=amount_requested(submission),
            )
        )
    return ranked(result)


def ranked(bids: list[ModeratedBid]) -> list[ModeratedBid]:
    """By consensus total, highest first; bids without a complete consensus last."""
    return sorted(
        bids,
        key=lambda b: (
            not b.consensus_complete,
            -(b.consensus_total.value or Decimal(0)),
            b.amount,
            b.bid.pk,
        ),
    )


def moderated_bid(*, panel: Panel, bid_id: int) -> ModeratedBid:
    submission = panel_bid_get(panel=panel, bid_id=bid_id)
    for item in moderation(panel=panel):
        if item.bid.pk == submission.bid_id:
            return item
    raise Http404


# The funding line -------------------------------------------------------------------------------


@dataclass
class FundingLineView:
    line: funding.Line
    bids: dict[int, ModeratedBid]
    unmoderated: list[ModeratedBid]
    lots: list[Lot]
    decisions: dict[int, Decision]

    def proposed_outcome(self, bid_id: int) -> str:
        if bid_id in self.line.funded_ids:
            return Outcome.FUNDED
        if bid_id in {c.bid_id for c in self.line.marginal}:
            return Outcome.RESERVE
        return Outcome.NOT_FUNDED


def lot_budgets(panel: Panel) -> dict[int, Decimal | None]:
    lots = list(panel.lots.all()) or list(panel.opportunity.lots.all())
    return {lot.pk: lot.budget for lot in lots}


def award_amount(panel: Panel, requested: Decimal) -> Decimal:
    """What a bid would be awarded: what it asked for, capped at the per-bid maximum."""
    maximum = panel.opportunity.max_bid
    return min(requested, maximum) if maximum is not None else requested


def funding_line_for(*, panel: Panel) -> FundingLineView:
    bids = moderation(panel=panel)
    complete = [b for b in bids if b.consensus_complete]
    candidates = [
        funding.Candidate(
            bid_id=b.bid.pk,
            total=b.consensus_total.value,
            amount=award_amount(panel, b.amount),
            lot_id=b.lot.pk if b.lot else None,
        )
        for b in complete
    ]
    line = funding.funding_line(
        candidates=candidates,
        budget=panel.budget,
        lot_budgets=lot_budgets(panel),
        guarantee_one_per_lot=panel.guarantee_one_per_lot,
    )
    return FundingLineView(
        line=line,
        bids={b.bid.pk: b for b in bids},
        unmoderated=[b for b in bids if not b.consensus_complete],
        lots=list(panel.lots.all()) or list(panel.opportunity.lots.all()),
        decisions={d.bid_id: d for d in decisions_for(panel=panel)},
    )


def decisions_for(*, panel: Panel) -> QuerySet[Decision]:
    return Decision.objects.filter(panel=panel).select_related("bid__organisation")


def decision_get(*, panel: Panel, bid_id: int) -> Decision | None:
    return Decision.objects.filter(panel=panel, bid_id=bid_id).first()


def representations_for(*, panel: Panel) -> QuerySet[Representation]:
    return panel.representations.select_related("bid__organisation", "recorded_by")


def panel_report(*, panel: Panel) -> dict[str, Any]:
    """What the panel report holds: members, declarations and rulings, set-aside scores,
    decisions and representations."""
    return {
        "members": list(member_list(panel=panel)),
        "declarations": list(declarations_for_panel(panel=panel)),
        "set_aside": list(
            Assignment.objects.filter(panel=panel, set_aside_at__isnull=False).select_related(
                "member", "bid__organisation"
            )
        ),
        "decisions": list(decisions_for(panel=panel)),
        "representations": list(representations_for(panel=panel)),
    }


# Letters --------------------------------------------------------------------------------------


def letter_list_for_organisation(*, organisation: Organisation | None) -> QuerySet[Letter]:
    if organisation is None:
        return Letter.objects.none()
    return (
        Letter.objects.filter(organisation=organisation)
        .select_related("decision__bid", "panel__opportunity")
        .order_by("-sent_at", "-id")
    )


def letter_list_for_user(*, user: User) -> QuerySet[Letter]:
    """Letters to every organisation the person belongs to (API callers have no session)."""
    if not user.is_authenticated:
        return Letter.objects.none()
    return (
        Letter.objects.filter(organisation__memberships__user=user)
        .select_related("decision__bid", "panel__opportunity")
        .order_by("-sent_at", "-id")
    )


def letter_get_for_user(*, user: User, pk: int) -> Letter:
    """A letter for members of the applicant organisation, and the panel's commissioners."""
    if not user.is_authenticated:
        raise Http404
    letter = (
        Letter.objects.select_related(
            "decision__bid", "organisation", "panel__opportunity__organisation"
        )
        .filter(pk=pk)
        .first()
    )
    if letter is None:
        raise Http404
    if letter.organisation.memberships.filter(user=user).exists():
        return letter
    if is_commissioner(user, letter.panel.opportunity.organisation):
        return letter
    raise Http404


def funded_counts(*, opportunity_ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Bids funded, once the decisions have gone to the applicants (letters sent): per lot
    (a bid in several lots counts once in each) and per opportunity."""
    announced = Decision.objects.filter(
        outcome=Outcome.FUNDED,
        panel__status=PanelStatus.LETTERS_SENT,
        panel__opportunity_id__in=opportunity_ids,
    )
    by_lot = dict(
        announced.filter(bid__lots__isnull=False)
        .values_list("bid__lots")
        .annotate(n=Count("bid", distinct=True))
        .values_list("bid__lots", "n")
    )
    by_opportunity = dict(
        announced.values_list("panel__opportunity_id")
        .annotate(n=Count("bid", distinct=True))
        .values_list("panel__opportunity_id", "n")
    )
    return by_lot, by_opportunity


# Open data --------------------------------------------------------------------------------------


def awarded_grants() -> QuerySet[Decision]:
    """Funded decisions on grant routes whose letters have gone out, newest first."""
    grant_routes = [route for route, rule in ROUTES.items() if rule.is_grant]
    return (
        Decision.objects.filter(
            outcome=Outcome.FUNDED,
            panel__status=PanelStatus.LETTERS_SENT,
            panel__opportunity__route__in=grant_routes,
        )
        .select_related(
            "bid__organisation", "panel__opportunity__organisation", "panel__opportunity__programme"
        )
        .prefetch_related("bid__lots")
        .order_by("-panel__letters_sent_at", "bid_id")
    )
