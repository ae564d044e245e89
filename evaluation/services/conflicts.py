"""Conflicts of interest, first, always: a member declares for each bid before seeing it.

An actual conflict removes the member from scoring that bid (another member is assigned to
keep the minimum). A perceived one waits for the chair's ruling. A conflict declared after
scoring has its scores set aside, not deleted: they stay in the record and the panel report.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from evaluation import selectors
from evaluation.constants import ConflictLevel, ConflictRuling, PanelStatus
from evaluation.models import Assignment, Declaration, PanelMember
from evaluation.services.panels import check_chair, lock, reassign_for
from tenders.models import Bid


def _set_aside(*, actor: User, member: PanelMember, bid: Bid, reason: str) -> None:
    assignment = (
        Assignment.objects.select_for_update()
        .filter(member=member, bid=bid, set_aside_at__isnull=True)
        .first()
    )
    if assignment is None:
        return
    assignment.set_aside_at = timezone.now()
    assignment.set_aside_reason = reason
    assignment.save(update_fields=["set_aside_at", "set_aside_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="assignment.set_aside",
        obj=assignment,
        organisation=member.panel.opportunity.organisation,
        after={"member": member.email, "bid": bid.pk, "reason": reason},
    )
    reassign_for(actor=actor, panel=member.panel, bid=bid)


@transaction.atomic
def declaration_make(  # noqa: PLR0912 - one readable branch per refusal, in the order people meet them
    *, actor: User, member: PanelMember, bid: Bid, level: str, note: str = ""
) -> Declaration:
    """Declare none, perceived or actual for a bid. A conflict can be declared (or made more
    serious) at any time; "none" cannot replace a conflict already declared.

    Side effects: audit entry; an actual conflict sets the member's scores for the bid aside
    and reassigns the bid; a perceived one is sent to the chair (emailed).
    """
    panel = lock(member.panel)
    if member.user_id != actor.pk or member.accepted_at is None:
        raise ApplicationError("Only the member themselves can declare their interests.")
    if panel.status == PanelStatus.LETTERS_SENT:
        raise ApplicationError("The panel has finished. Tell the commissioner directly.")
    if level not in ConflictLevel.values:
        raise ApplicationError("Choose no conflict, a perceived conflict or an actual conflict.")
    note = (note or "").strip()
    if level != ConflictLevel.NONE and not note:
        raise ApplicationError("Say what the conflict is, so the chair can decide.")
    selectors.panel_bid_get(panel=panel, bid_id=bid.pk)
    declaration = Declaration.objects.select_for_update().filter(member=member, bid=bid).first()
    order = [ConflictLevel.NONE, ConflictLevel.PERCEIVED, ConflictLevel.ACTUAL]
    before = None
    if declaration is not None:
        before = {
            "level": declaration.level,
            "note": declaration.note,
            "ruling": declaration.ruling,
        }
        if order.index(level) < order.index(declaration.level):
            raise ApplicationError(
                "A conflict you have declared cannot be withdrawn here. Ask the chair if it was "
                "declared by mistake."
            )
        if level == declaration.level and note == declaration.note:
            return declaration
    else:
        declaration = Declaration(panel=panel, member=member, bid=bid)
    declaration.level = level
    declaration.note = note
    if level == ConflictLevel.PERCEIVED and (before is None or before["level"] != level):
        declaration.ruling = ConflictRuling.PENDING
    elif level == ConflictLevel.ACTUAL:
        declaration.ruling = ConflictRuling.EXCLUDED
    elif level == ConflictLevel.NONE:
        declaration.ruling = ""
    declaration.save()
    audit_record(
        actor=actor,
        action="declaration.make" if before is None else "declaration.change",
        obj=declaration,
        organisation=panel.opportunity.organisation,
        before=before,
        after={"level": level, "note": note, "ruling": declaration.ruling},
    )
    if level == ConflictLevel.ACTUAL:
        _set_aside(actor=actor, member=member, bid=bid, reason=f"Actual conflict: {note}")
    elif level == ConflictLevel.PERCEIVED and declaration.ruling == ConflictRuling.PENDING:
        _set_aside_pending(actor=actor, member=member, bid=bid, note=note)
        chair = (
            panel.members.filter(role="chair", user__isnull=False).select_related("user").first()
        )
        if chair is not None and chair.pk != member.pk:
            email_send(
                to=[chair.user.email],
                template="evaluation/email/perceived_conflict",
                context={"panel": panel, "member": member, "declaration": declaration},
            )
    return declaration


def _set_aside_pending(*, actor: User, member: PanelMember, bid: Bid, note: str) -> None:
    """A perceived conflict declared after scoring: the scores wait, set aside, for the
    chair; if the chair allows the member to score, they count again."""
    if Assignment.objects.filter(member=member, bid=bid, submitted_at__isnull=False).exists():
        _set_aside(actor=actor, member=member, bid=bid, reason=f"Perceived conflict: {note}")


@transaction.atomic
def declaration_rule(
    *, actor: User, declaration: Declaration, ruling: str, note: str = ""
) -> Declaration:
    """The chair decides a perceived conflict: the member may score, or is removed.

    Side effects: audit entry; the member is emailed; removal sets their scores aside and
    reassigns the bid.
    """
    panel = lock(declaration.panel)
    check_chair(actor, panel)
    declaration = (
        Declaration.objects.select_for_update(of=("self",))
        .select_related("member__user")
        .get(pk=declaration.pk)
    )
    if declaration.level != ConflictLevel.PERCEIVED:
        raise ApplicationError("Only a perceived conflict needs the chair's decision.")
    if ruling not in (ConflictRuling.MAY_SCORE, ConflictRuling.EXCLUDED):
        raise ApplicationError("Choose whether the member may score this bid.")
    note = (note or "").strip()
    if not note:
        raise ApplicationError("Give the reason for your decision; it goes in the panel report.")
    if declaration.member.user_id == actor.pk:
        raise ApplicationError(
            "You cannot rule on your own conflict. Ask the commissioner to appoint another chair."
        )
    before = {"ruling": declaration.ruling}
    declaration.ruling = ruling
    declaration.ruling_note = note
    declaration.ruled_by = actor
    declaration.ruled_at = timezone.now()
    declaration.save()
    audit_record(
        actor=actor,
        action="declaration.rule",
        obj=declaration,
        organisation=panel.opportunity.organisation,
        before=before,
        after={"ruling": ruling, "note": note},
    )
    member = declaration.member
    if ruling == ConflictRuling.EXCLUDED:
        _set_aside(
            actor=actor, member=member, bid=declaration.bid, reason=f"Removed by the chair: {note}"
        )
    else:
        Assignment.objects.filter(
            member=member,
            bid=declaration.bid,
            set_aside_reason__startswith="Perceived conflict",
        ).update(set_aside_at=None, set_aside_reason="")
    email_send(
        to=[member.user.email],
        template="evaluation/email/conflict_ruled",
        context={"panel": panel, "declaration": declaration},
    )
    return declaration
