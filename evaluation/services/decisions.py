"""Decisions: the funding line, each bid's outcome and award, the letters, the standstill and
confirming the award.

Overrides of the funding line (a different outcome, a budget exceeded, more than the per-bid
maximum) need a reason, which is audited and shown in the panel report.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from accounts.constants import MembershipRole
from accounts.models import User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from evaluation import selectors
from evaluation.constants import Outcome, PanelStatus
from evaluation.models import Decision, Letter, Panel, Representation
from evaluation.services.panels import check_manager, lock, move
from evaluation.standstill import standstill_end
from tenders.constants import Status
from tenders.models import Bid
from tenders.routes import rule_for
from tenders.services import lifecycle


def _money(value: Any, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ApplicationError(f"Enter the {label} in pounds, like 12000.") from exc
    if not amount.is_finite() or amount < 0:
        raise ApplicationError(f"Enter the {label} in pounds, like 12000.")
    return amount


def _check_deciding(panel: Panel) -> None:
    if panel.status == PanelStatus.LETTERS_SENT:
        raise ApplicationError("The letters have been sent: decisions can no longer change.")
    if panel.status != PanelStatus.MODERATION:
        raise ApplicationError("Decisions are made once moderation has started.")


def _default_reasons(outcome: str, rank: int, count: int, total: Decimal) -> str:
    place = f"The panel ranked your bid {rank} of {count}, with a consensus score of {total}%."
    if outcome == Outcome.FUNDED:
        return f"{place} It is within the budget and is funded."
    if outcome == Outcome.RESERVE:
        return (
            f"{place} It is on the reserve list: if a funded project does not go ahead, it may "
            "be offered funding."
        )
    return f"{place} The budget was allocated to higher-ranked bids that fitted within it."


@transaction.atomic
def decision_record(  # noqa: PLR0912 - one readable branch per refusal, in the order people meet them
    *,
    actor: User,
    panel: Panel,
    bid: Bid,
    outcome: str,
    reasons: str,
    amount_awarded: Any = None,
    override_reason: str = "",
) -> Decision:
    """Record funded, reserve or not funded for a bid.

    A decision that differs from the funding line's proposal, takes the panel or a lot over
    budget, or awards more than the per-bid maximum is refused without an override reason.
    Side effects: audit entry (`decision.override` when overriding).
    """
    panel = lock(panel)
    check_manager(actor, panel)
    _check_deciding(panel)
    if outcome not in Outcome.values:
        raise ApplicationError("Choose funded, reserve or not funded.")
    reasons = (reasons or "").strip()
    override_reason = (override_reason or "").strip()
    if not reasons:
        raise ApplicationError("Give the panel's reasons; the applicant will read them.")
    view = selectors.funding_line_for(panel=panel)
    moderated = view.bids.get(bid.pk)
    if moderated is None:
        raise ApplicationError("That bid is not one this panel assesses.")
    if not moderated.consensus_complete:
        raise ApplicationError(
            "Record the panel's consensus on every criterion of this bid before deciding."
        )
    amount = _money(amount_awarded, "amount awarded")
    if outcome == Outcome.FUNDED:
        if amount is None:
            amount = selectors.award_amount(panel, moderated.amount)
        if amount <= 0:
            raise ApplicationError("Enter the amount awarded, more than £0.")
    else:
        amount = None
    problems = []
    proposed = view.proposed_outcome(bid.pk)
    if outcome != proposed:
        problems.append(
            f"The funding line proposes {Outcome(proposed).label.lower()} for this bid."
        )
    if outcome == Outcome.FUNDED:
        others = Decision.objects.filter(panel=panel, outcome=Outcome.FUNDED).exclude(
            bid=bid
        ).aggregate(total=Sum("amount_awarded"))["total"] or Decimal(0)
        if others + amount > panel.budget:
            problems.append(
                f"Funding it takes the total to £{others + amount:,.2f}, over the budget of "
                f"£{panel.budget:,.2f}."
            )
        lot = moderated.lot
        if lot is not None and lot.budget is not None:
            lot_others = sum(
                (
                    d.amount_awarded
                    for d in view.decisions.values()
                    if d.outcome == Outcome.FUNDED
                    and d.bid_id != bid.pk
                    and view.bids.get(d.bid_id) is not None
                    and view.bids[d.bid_id].lot == lot
                ),
                Decimal(0),
            )
            if lot_others + amount > lot.budget:
                problems.append(
                    f"Funding it takes {lot} to £{lot_others + amount:,.2f}, over its budget of "
                    f"£{lot.budget:,.2f}."
                )
        maximum = panel.opportunity.max_bid
        if maximum is not None and amount > maximum:
            problems.append(f"£{amount:,.2f} is more than the most per bid, £{maximum:,.2f}.")
    if problems and not override_reason:
        raise ApplicationError(
            " ".join(problems) + " Give the reason for overriding it.",
            extra={"problems": problems},
        )
    existing = Decision.objects.select_for_update().filter(panel=panel, bid=bid).first()
    before = (
        {
            "outcome": existing.outcome,
            "amount_awarded": str(existing.amount_awarded),
            "reasons": existing.reasons,
        }
        if existing
        else None
    )
    decision, _ = Decision.objects.update_or_create(
        panel=panel,
        bid=bid,
        defaults={
            "outcome": outcome,
            "proposed_outcome": proposed,
            "amount_requested": moderated.amount,
            "amount_awarded": amount,
            "reasons": reasons,
            "override_reason": override_reason if problems else "",
            "decided_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action="decision.override" if problems else "decision.record",
        obj=decision,
        organisation=panel.opportunity.organisation,
        before=before,
        after={
            "outcome": outcome,
            "proposed": proposed,
            "amount_awarded": str(amount),
            "override_reason": decision.override_reason,
            "problems": problems,
        },
    )
    return decision


@transaction.atomic
def decisions_from_funding_line(*, actor: User, panel: Panel) -> int:
    """Record the funding line's proposal as the decision for every moderated bid that has
    none yet: funded, reserve for the marginal bids, not funded for the rest. Returns how
    many decisions were recorded. Side effects: an audit entry for each."""
    panel = lock(panel)
    check_manager(actor, panel)
    _check_deciding(panel)
    view = selectors.funding_line_for(panel=panel)
    ranked = view.line.funded + view.line.below
    ranked.sort(key=lambda c: (-c.total, c.amount, c.bid_id))
    count = 0
    for position, candidate in enumerate(ranked, start=1):
        if candidate.bid_id in view.decisions:
            continue
        outcome = view.proposed_outcome(candidate.bid_id)
        decision_record(
            actor=actor,
            panel=panel,
            bid=view.bids[candidate.bid_id].bid,
            outcome=outcome,
            amount_awarded=candidate.amount if outcome == Outcome.FUNDED else None,
            reasons=_default_reasons(outcome, position, len(ranked), candidate.total),
        )
        count += 1
    return count


def _point(value: Decimal) -> str:
    """A point on the scale as written on it: 3, not 3.0."""
    return f"{Decimal(str(value)).normalize():f}"


def _scale_labels(panel: Panel) -> dict[str, str]:
    return {_point(level["score"]): level["label"] for level in panel.opportunity.scoring_scale}


def _criteria_content(panel: Panel, moderated: selectors.ModeratedBid) -> list[dict[str, Any]]:
    labels = _scale_labels(panel)
    return [
        {
            "title": row.criterion.title,
            "weight": str(row.criterion.weight),
            "score": None if row.consensus.not_applicable else _point(row.consensus.value),
            "label": "Not applicable"
            if row.consensus.not_applicable
            else labels.get(_point(row.consensus.value), ""),
            "rationale": row.consensus.rationale,
        }
        for row in moderated.rows
    ]


def letter_content(
    *, panel: Panel, decision: Decision, view: selectors.FundingLineView
) -> dict[str, Any]:
    """What the applicant is told: their consensus scores and the panel's reasons (never a
    member's own score or name), and for procurement routes an assessment summary that
    compares their bid with the successful bid or bids in their lot."""
    opportunity = panel.opportunity
    moderated = view.bids[decision.bid_id]
    ranking = [b for b in view.bids.values() if b.consensus_complete]
    ranking = selectors.ranked(ranking)
    content: dict[str, Any] = {
        "opportunity": {"title": opportunity.title, "reference": opportunity.reference},
        "applicant": decision.bid.organisation.name,
        "bid_title": decision.bid.title,
        "outcome": decision.outcome,
        "outcome_label": decision.get_outcome_display(),
        "amount_requested": str(decision.amount_requested),
        "amount_awarded": str(decision.amount_awarded) if decision.amount_awarded else None,
        "reasons": decision.reasons,
        "total": str(moderated.consensus_total.value),
        "rank": next(i for i, b in enumerate(ranking, start=1) if b.bid.pk == decision.bid_id),
        "ranked": len(ranking),
        "scale_max": str(selectors.scale_max(opportunity)),
        "criteria": _criteria_content(panel, moderated),
        "assessment_summary": None,
    }
    if not rule_for(opportunity.route).is_grant:
        successful = [
            view.bids[d.bid_id]
            for d in view.decisions.values()
            if d.outcome == Outcome.FUNDED
            and d.bid_id != decision.bid_id
            and view.bids[d.bid_id].lot == moderated.lot
        ]
        content["assessment_summary"] = [
            {
                "applicant": other.bid.organisation.name,
                "total": str(other.consensus_total.value),
                "criteria": _criteria_content(panel, other),
            }
            for other in successful
        ]
    return content


def _recipients(bid: Bid, submission_by: User | None) -> list[str]:
    emails = set(
        bid.organisation.memberships.filter(role=MembershipRole.ADMIN).values_list(
            "user__email", flat=True
        )
    )
    if submission_by is not None:
        emails.add(submission_by.email)
    return sorted(emails)


def _award_entries(panel: Panel, decisions: list[Decision]) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{panel.opportunity.reference}-award-{d.bid_id}",
            "supplier": d.bid.organisation,
            "amount": d.amount_awarded,
            "date": panel.letters_sent_at,
            "status": "active" if d.confirmed_at else "pending",
            "lots": [lot.number for lot in d.bid.lots.all()],
            "contract": {"dateSigned": d.confirmed_at} if d.confirmed_at else None,
        }
        for d in decisions
    ]


def _emit_awards(panel: Panel, *, tag: str) -> None:
    """The tender's OCDS record gains award (and, once confirmed, contract) releases."""
    if rule_for(panel.opportunity.route).is_grant:
        return
    funded = list(
        Decision.objects.filter(panel=panel, outcome=Outcome.FUNDED)
        .select_related("bid__organisation")
        .prefetch_related("bid__lots")
        .order_by("bid_id")
    )
    if funded:
        lifecycle.emit_award_release(
            panel.opportunity, tag=tag, awards=_award_entries(panel, funded)
        )


@transaction.atomic
def letters_send(*, actor: User, panel: Panel) -> list[Letter]:
    """Send every applicant their decision letter, kept in their account.

    Side effects: a letter stored and emailed for each bid; the panel's status moves to
    letters sent; for routes with a standstill, its last day is set; for procurement routes,
    an OCDS award release; audit entries.
    """
    panel = lock(panel)
    check_manager(actor, panel)
    _check_deciding(panel)
    view = selectors.funding_line_for(panel=panel)
    undecided = [b for b in view.bids.values() if b.bid.pk not in view.decisions]
    if undecided:
        raise ApplicationError(
            f"{len(undecided)} bid{'s' if len(undecided) != 1 else ''} still "
            f"{'need' if len(undecided) != 1 else 'needs'} a decision before letters can be sent."
        )
    now = timezone.now()
    rule = rule_for(panel.opportunity.route)
    panel.letters_sent_at = now
    if rule.standstill_working_days:
        panel.standstill_ends_on = standstill_end(
            timezone.localdate(now), working_days=rule.standstill_working_days
        )
    panel.save(update_fields=["letters_sent_at", "standstill_ends_on", "updated_at"])
    letters = []
    for decision in sorted(view.decisions.values(), key=lambda d: d.bid_id):
        content = letter_content(panel=panel, decision=decision, view=view)
        content["standstill_ends_on"] = (
            panel.standstill_ends_on.isoformat() if panel.standstill_ends_on else None
        )
        letter = Letter.objects.create(
            decision=decision,
            panel=panel,
            organisation=decision.bid.organisation,
            subject=f"Decision on your bid: {panel.opportunity.title}",
            content=content,
            sent_at=now,
            sent_by=actor,
        )
        letters.append(letter)
        audit_record(
            actor=actor,
            action="letter.send",
            obj=letter,
            organisation=panel.opportunity.organisation,
            after={"bid": decision.bid_id, "outcome": decision.outcome},
        )
        submission = view.bids[decision.bid_id].submission
        email_send(
            to=_recipients(decision.bid, submission.submitted_by),
            template="evaluation/email/decision_letter",
            context={
                "letter": letter,
                "content": content,
                "path": reverse("evaluation:letter_detail", kwargs={"pk": letter.pk}),
            },
        )
    move(actor=actor, panel=panel, to=PanelStatus.LETTERS_SENT, extra={"letters": len(letters)})
    _emit_awards(panel, tag="award")
    return letters


@transaction.atomic
def representation_record(
    *,
    actor: User,
    panel: Panel,
    received_from: str,
    summary: str,
    received_on: datetime.date | None = None,
    bid: Bid | None = None,
    response: str = "",
) -> Representation:
    """Record a representation received during the standstill. Side effects: audit entry."""
    panel = lock(panel)
    check_manager(actor, panel)
    if panel.status != PanelStatus.LETTERS_SENT:
        raise ApplicationError("Representations are recorded once the letters have been sent.")
    received_from = (received_from or "").strip()
    summary = (summary or "").strip()
    if not received_from:
        raise ApplicationError("Say who the representation came from.")
    if not summary:
        raise ApplicationError("Summarise the representation.")
    received_on = received_on or timezone.localdate()
    if received_on < timezone.localdate(panel.letters_sent_at):
        raise ApplicationError("A representation cannot be received before the letters were sent.")
    if bid is not None:
        selectors.panel_bid_get(panel=panel, bid_id=bid.pk)
    representation = Representation.objects.create(
        panel=panel,
        bid=bid,
        received_on=received_on,
        received_from=received_from,
        summary=summary,
        response=(response or "").strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="representation.record",
        obj=representation,
        organisation=panel.opportunity.organisation,
        after={"from": received_from, "bid": bid.pk if bid else None, "on": received_on},
    )
    return representation


@transaction.atomic
def award_confirm(
    *, actor: User, decision: Decision, today: datetime.date | None = None
) -> Decision:
    """Confirm a funded bid's award, once the letters have gone and any standstill is over.

    Side effects: audit entry; for procurement routes an OCDS contract release; when every
    funded bid is confirmed the opportunity is recorded as awarded. Monitoring's
    agreement_create_from_award(actor, bid, amount) is to be called here once it lands.
    """
    panel = lock(decision.panel)
    check_manager(actor, panel)
    decision = (
        Decision.objects.select_for_update().select_related("bid__organisation").get(pk=decision.pk)
    )
    if decision.outcome != Outcome.FUNDED:
        raise ApplicationError("Only a funded bid's award can be confirmed.")
    if panel.status != PanelStatus.LETTERS_SENT:
        raise ApplicationError("Send the decision letters before confirming an award.")
    if decision.confirmed_at is not None:
        raise ApplicationError("This award has already been confirmed.")
    today = today or timezone.localdate()
    if panel.standstill_ends_on is not None and today <= panel.standstill_ends_on:
        opens = panel.standstill_ends_on + datetime.timedelta(days=1)
        raise ApplicationError(
            f"The standstill period ends on {panel.standstill_ends_on:%-d %B %Y}. The award "
            f"can be confirmed from {opens:%-d %B %Y}."
        )
    decision.confirmed_at = timezone.now()
    decision.confirmed_by = actor
    decision.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    audit_record(
        actor=actor,
        action="award.confirm",
        obj=decision,
        organisation=panel.opportunity.organisation,
        after={"bid": decision.bid_id, "amount": str(decision.amount_awarded)},
    )
    opportunity = panel.opportunity
    pending = Decision.objects.filter(
        panel__opportunity=opportunity, outcome=Outcome.FUNDED, confirmed_at__isnull=True
    ).exists()
    if not pending and opportunity.status == Status.EVALUATION:
        lifecycle.opportunity_decide(actor=actor, opportunity=opportunity, awarded=True)
        opportunity.refresh_from_db()
    # Last, so the record's latest release (its compiled release) has the awards and contracts.
    _emit_awards(panel, tag="contract")
    return decision
