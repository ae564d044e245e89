"""Opening sealed bids after close, deciding the pass/fail gates, sending bids to evaluation.

Until `opportunity_bids_open` runs, the selectors give a commissioner counts only (see
tenders.selectors.SEALED_UNTIL and `bids_are_open`). Opening happens once, is audited with the
digest of every latest submission at that moment, and emails nobody.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.rules import is_commissioner
from core.audit import audit_record
from core.errors import ApplicationError
from tenders.constants import BidStatus, Eligibility, Status
from tenders.models import Bid, Opportunity
from tenders.services import lifecycle

NOTE_MAX_LENGTH = 2000


def _check_commissioner(actor: User, opportunity: Opportunity) -> None:
    if not is_commissioner(actor, opportunity.organisation):
        raise ApplicationError("Only the opportunity's commissioners can do this.")


@transaction.atomic
def opportunity_bids_open(*, actor: User, opportunity: Opportunity) -> Opportunity:
    """Unseal the bids of a closed opportunity, once.

    Side effects: audit entry listing each bid's latest submission number and digest.
    """
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    _check_commissioner(actor, opportunity)
    if opportunity.bids_opened_at is not None:
        opened = timezone.localtime(opportunity.bids_opened_at)
        raise ApplicationError(
            f"The bids were already opened at {opened:%H:%M} on {opened:%-d %B %Y}."
        )
    if opportunity.status != Status.CLOSED:
        raise ApplicationError(
            "Bids can only be opened once the opportunity has closed to bids."
            if opportunity.status in (Status.DRAFT, Status.PUBLISHED)
            else "The bids of an opportunity that is "
            f"{opportunity.get_status_display().lower()} cannot be opened."
        )
    lifecycle.bids_mark_opened(actor=actor, opportunity=opportunity, automatic=False)
    return opportunity


@transaction.atomic
def bid_eligibility_set(*, actor: User, bid: Bid, passed: bool, note: str = "") -> Bid:
    """Record whether a submitted bid passes the opportunity's pass/fail gates. A fail needs
    a reason, which is kept for the feedback. Side effects: audit entry."""
    bid = Bid.objects.select_for_update().select_related("opportunity").get(pk=bid.pk)
    opportunity = bid.opportunity
    _check_commissioner(actor, opportunity)
    if opportunity.bids_opened_at is None:
        raise ApplicationError("Open the bids before deciding whether they pass the gates.")
    if opportunity.status != Status.CLOSED:
        raise ApplicationError(
            "The gate decisions are fixed once the bids have been sent to evaluation."
        )
    if bid.status != BidStatus.SUBMITTED:
        raise ApplicationError("Only a submitted bid can pass or fail the gates.")
    note = note.strip()
    if not passed and not note:
        raise ApplicationError("Give the reason the bid fails; the bidder will be told it.")
    if len(note) > NOTE_MAX_LENGTH:
        raise ApplicationError(
            f"Keep the note to {NOTE_MAX_LENGTH:,} characters (it has {len(note):,})."
        )
    before = {"eligibility": bid.eligibility, "note": bid.eligibility_note}
    bid.eligibility = Eligibility.PASSED if passed else Eligibility.FAILED
    bid.eligibility_note = note
    bid.eligibility_decided_by = actor
    bid.eligibility_decided_at = timezone.now()
    bid.save(
        update_fields=[
            "eligibility",
            "eligibility_note",
            "eligibility_decided_by",
            "eligibility_decided_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="bid.eligibility",
        obj=bid,
        organisation=opportunity.organisation,
        before=before,
        after={"eligibility": bid.eligibility, "note": note},
    )
    return bid


@transaction.atomic
def opportunity_send_to_evaluation(*, actor: User, opportunity: Opportunity) -> Opportunity:
    """Move an opened opportunity to evaluation once every submitted bid has a gate decision.
    Failed bids stay out of evaluation (tenders.selectors.submissions_for_evaluation).

    Side effects: audit entries (the move and the decisions' totals); OCDS release for tenders.
    """
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    _check_commissioner(actor, opportunity)
    if opportunity.status != Status.CLOSED:
        raise ApplicationError(
            "Only an opportunity that has closed to bids can be sent to evaluation."
        )
    if opportunity.bids_opened_at is None:
        raise ApplicationError("Open the bids before sending them to evaluation.")
    submitted = list(
        opportunity.bids.filter(status=BidStatus.SUBMITTED)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    undecided = [b for b in submitted if b.eligibility == Eligibility.PENDING]
    if undecided:
        names = [f"{b.organisation.name} ({b.title})" for b in undecided]
        raise ApplicationError(
            "Decide whether every bid passes the gates first. Still to decide: "
            + "; ".join(names)
            + ".",
            extra={"problems": [f"Decide the gates for {name}." for name in names]},
        )
    passed = sum(1 for b in submitted if b.eligibility == Eligibility.PASSED)
    if not passed:
        raise ApplicationError("No bid passed the gates, so there is nothing to evaluate.")
    audit_record(
        actor=actor,
        action="opportunity.send_to_evaluation",
        obj=opportunity,
        organisation=opportunity.organisation,
        after={"passed": passed, "failed": len(submitted) - passed},
    )
    lifecycle.opportunity_start_evaluation(actor=actor, opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity
