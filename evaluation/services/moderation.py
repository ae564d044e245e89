"""Moderation: the chair records the score the panel agreed for each criterion of a bid."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction

from accounts.models import User
from core.audit import audit_record
from core.errors import ApplicationError
from evaluation import selectors
from evaluation.constants import PanelStatus
from evaluation.models import Consensus, Panel
from evaluation.services.panels import check_chair, lock
from tenders.models import Bid, Criterion


@transaction.atomic
def consensus_record(
    *,
    actor: User,
    panel: Panel,
    bid: Bid,
    criterion: Criterion,
    value: str | Decimal | None,
    not_applicable: bool = False,
    rationale: str,
) -> Consensus:
    """Side effects: audit entry with the score before and after."""
    panel = lock(panel)
    check_chair(actor, panel)
    if panel.status != PanelStatus.MODERATION:
        raise ApplicationError("Consensus scores are recorded during moderation.")
    submission = selectors.panel_bid_get(panel=panel, bid_id=bid.pk)
    applicable = selectors.criteria_for_bid(
        selectors.criteria_for(opportunity=panel.opportunity), submission.bid
    )
    if criterion.pk not in {c.pk for c in applicable}:
        raise ApplicationError("That criterion does not apply to this bid.")
    rationale = (rationale or "").strip()
    if not rationale:
        raise ApplicationError(
            f"'{criterion.title}': give the panel's rationale for the agreed score; the "
            "applicant will read it."
        )
    amount = None
    if not not_applicable:
        scale = {Decimal(str(level["score"])) for level in panel.opportunity.scoring_scale}
        try:
            amount = Decimal(str(value)) if value not in (None, "") else None
        except InvalidOperation:
            amount = None
        if amount is None or amount not in scale:
            raise ApplicationError(
                f"'{criterion.title}': choose the agreed score from the scale, or mark it not "
                "applicable."
            )
    existing = (
        Consensus.objects.select_for_update()
        .filter(panel=panel, bid=bid, criterion=criterion)
        .first()
    )
    before = (
        {
            "value": str(existing.value),
            "not_applicable": existing.not_applicable,
            "rationale": existing.rationale,
        }
        if existing
        else None
    )
    consensus, _ = Consensus.objects.update_or_create(
        panel=panel,
        bid=bid,
        criterion=criterion,
        defaults={
            "value": amount,
            "not_applicable": not_applicable,
            "rationale": rationale,
            "recorded_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action="consensus.record",
        obj=consensus,
        organisation=panel.opportunity.organisation,
        before=before,
        after={"value": str(amount), "not_applicable": not_applicable, "rationale": rationale},
    )
    return consensus
