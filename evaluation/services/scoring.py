"""Independent scoring. A member's score for a criterion is one row (unique per member, bid
and criterion), written under a lock on the member's assignment, with a revision number so a
second tab cannot overwrite a newer save unseen."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.audit import audit_record
from core.errors import ApplicationError
from evaluation import selectors
from evaluation.constants import PanelStatus
from evaluation.models import Assignment, Declaration, Score
from tenders.models import Criterion


class ScoreConflictError(ApplicationError):
    """The score was saved elsewhere (another tab) since this one was loaded."""


@dataclass(frozen=True)
class MarkInput:
    value: str | Decimal | None
    not_applicable: bool = False
    comment: str = ""
    revision: int | None = None


def _lock_assignment(*, actor: User, assignment: Assignment) -> Assignment:
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("panel__opportunity__organisation", "member", "bid")
        .get(pk=assignment.pk)
    )
    member = assignment.member
    if member.user_id != actor.pk:
        raise ApplicationError("You can only score as yourself.")
    panel = assignment.panel
    declaration = Declaration.objects.filter(member=member, bid=assignment.bid).first()
    if declaration is None:
        raise ApplicationError(
            "Declare whether you have a conflict of interest with this bid before scoring it."
        )
    if not declaration.clears_member or assignment.set_aside_at is not None:
        raise ApplicationError(
            "You have a conflict of interest with this bid, so you cannot score it."
        )
    if panel.status == PanelStatus.SETUP:
        raise ApplicationError("Scoring has not opened yet.")
    if panel.status != PanelStatus.SCORING:
        raise ApplicationError(
            "Moderation has started, so scores can no longer change. Tell the chair if you "
            "want to raise something."
        )
    return assignment


def _value(raw: str | Decimal | None, scale: set[Decimal], title: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation as exc:
        raise ApplicationError(f"'{title}': choose a score from the scale.") from exc
    if value not in scale:
        low, high = min(scale), max(scale)
        raise ApplicationError(
            f"'{title}': the score must be one of the scale's points, from {low:g} to {high:g}."
        )
    return value


@transaction.atomic
def scoresheet_save(  # noqa: PLR0912 - one readable branch per refusal, in the order people meet them
    *, actor: User, assignment: Assignment, marks: dict[int, MarkInput], submit: bool = False
) -> list[Score]:
    """Save a member's scores for a bid as a draft, or submit them.

    Submitting needs a score or "not applicable" and a comment (of the panel's minimum length)
    for every criterion. A stale revision raises ScoreConflictError and saves nothing.
    Side effects: audit entry on submission (and on each change after submission).
    """
    assignment = _lock_assignment(actor=actor, assignment=assignment)
    panel = assignment.panel
    opportunity = panel.opportunity
    criteria = selectors.criteria_for_bid(
        selectors.criteria_for(opportunity=opportunity), assignment.bid
    )
    by_id: dict[int, Criterion] = {c.pk: c for c in criteria}
    if set(marks) - set(by_id):
        raise ApplicationError("Score only this bid's criteria.")
    scale = {Decimal(str(level["score"])) for level in opportunity.scoring_scale}
    existing = {
        s.criterion_id: s
        for s in Score.objects.select_for_update().filter(
            member=assignment.member, bid=assignment.bid
        )
    }
    problems = []
    saved = []
    for criterion_id, mark in marks.items():
        criterion = by_id[criterion_id]
        value = None if mark.not_applicable else _value(mark.value, scale, criterion.title)
        score = existing.get(criterion_id)
        if mark.revision is not None and (score.revision if score else 0) != mark.revision:
            raise ScoreConflictError(
                f"Your score for '{criterion.title}' was changed in another window since you "
                "opened this page. Nothing has been saved: reload the page to see it."
            )
        if score is None:
            score = Score(
                panel=panel, member=assignment.member, bid=assignment.bid, criterion=criterion
            )
        comment = (mark.comment or "").strip()
        if (score.value, score.not_applicable, score.comment) != (
            value,
            mark.not_applicable,
            comment,
        ) or score.pk is None:
            score.value = value
            score.not_applicable = mark.not_applicable
            score.comment = comment
            score.revision += 1
            score.save()
        existing[criterion_id] = score
        saved.append(score)
    if submit or assignment.submitted_at is not None:
        for criterion in criteria:
            score = existing.get(criterion.pk)
            if score is None or (score.value is None and not score.not_applicable):
                problems.append(f"Score '{criterion.title}', or mark it not applicable.")
            elif not score.comment:
                problems.append(f"Write a comment on '{criterion.title}'.")
            elif len(score.comment) < panel.comment_min_length:
                problems.append(
                    f"Your comment on '{criterion.title}' must be at least "
                    f"{panel.comment_min_length} characters (it is {len(score.comment)})."
                )
        if problems:
            raise ApplicationError(
                "Your scores cannot be submitted yet: " + " ".join(problems),
                extra={"problems": problems},
            )
    if submit or assignment.submitted_at is not None:
        first = assignment.submitted_at is None
        if first:
            assignment.submitted_at = timezone.now()
            assignment.save(update_fields=["submitted_at", "updated_at"])
        audit_record(
            actor=actor,
            action="scores.submit" if first else "scores.change",
            obj=assignment,
            organisation=opportunity.organisation,
            after={
                str(s.criterion_id): ("n/a" if s.not_applicable else str(s.value)) for s in saved
            },
        )
    return saved
