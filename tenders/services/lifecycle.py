"""Moving an opportunity through its life: publish, amend, close, evaluate, decide, cancel.

Every move is checked against tenders.constants.TRANSITIONS, audited, and (for tenders)
emits an immutable OCDS release. Everyone who registered interest hears about amendments and
cancellations.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.constants import MembershipRole
from accounts.models import User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from tenders import inclusion, ocds
from tenders.constants import TRANSITIONS, BidStatus, Status
from tenders.models import Opportunity, PublishedVersion, Release, Submission
from tenders.routes import rule_for
from tenders.services.drafting import apply_details
from tenders.validation import publication_problems


def _lock(opportunity: Opportunity) -> Opportunity:
    return Opportunity.objects.select_for_update().get(pk=opportunity.pk)


def _move(
    *, actor: User | None, opportunity: Opportunity, to: str, extra: dict | None = None
) -> None:
    if to not in TRANSITIONS[opportunity.status]:
        raise ApplicationError(
            f"An opportunity that is {opportunity.get_status_display().lower()} cannot become "
            f"{Status(to).label.lower()}."
        )
    before = opportunity.status
    opportunity.status = to
    opportunity.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=f"opportunity.{to}",
        obj=opportunity,
        organisation=opportunity.organisation,
        before={"status": before},
        after={"status": to, **(extra or {})},
    )


def emit_release(opportunity: Opportunity, *, tag: str) -> Release | None:
    """Store an immutable OCDS release of the opportunity as it is now (tenders only)."""
    if rule_for(opportunity.route).is_grant:
        return None
    sequence = opportunity.releases.count() + 1
    data = ocds.build_release(opportunity, tag=tag, sequence=sequence)
    return Release.objects.create(
        opportunity=opportunity,
        release_id=data["id"],
        ocid=data["ocid"],
        tags=data["tag"],
        data=data,
    )


def snapshot_of(opportunity: Opportunity) -> dict[str, Any]:
    """Everything a bidder reads, as published."""
    return {
        "title": opportunity.title,
        "summary": opportunity.summary,
        "route": opportunity.route,
        "total_budget": str(opportunity.total_budget),
        "min_bid": str(opportunity.min_bid) if opportunity.min_bid is not None else None,
        "max_bid": str(opportunity.max_bid) if opportunity.max_bid is not None else None,
        "closes_at": opportunity.closes_at.isoformat() if opportunity.closes_at else None,
        "clarification_deadline": (
            opportunity.clarification_deadline.isoformat()
            if opportunity.clarification_deadline
            else None
        ),
        "sections": {s.key: s.body for s in opportunity.sections.all()},
        "outcomes": [
            {"area": o.outcome_area.name, "statement": o.statement}
            for o in opportunity.outcomes_sought.select_related("outcome_area")
        ],
        "lots": [
            {"number": lot.number, "title": lot.title, "budget": str(lot.budget)}
            for lot in opportunity.lots.all()
        ],
        "criteria": [
            {
                "title": c.title,
                "kind": c.kind,
                "weight": str(c.weight),
                "lot": c.lot.number if c.lot_id else None,
                "word_limit": c.word_limit,
            }
            for c in opportunity.criteria.select_related("lot")
        ],
        "gates": [g.title for g in opportunity.gates.all()],
        "kpis": [
            {"kpi": k.kpi.name, "target": k.target} for k in opportunity.kpis.select_related("kpi")
        ],
    }


def _version(*, actor: User, opportunity: Opportunity, reason: str = "") -> PublishedVersion:
    opportunity.version += 1
    opportunity.save(update_fields=["version", "updated_at"])
    return PublishedVersion.objects.create(
        opportunity=opportunity,
        number=opportunity.version,
        published_by=actor,
        amendment_reason=reason,
        snapshot=snapshot_of(opportunity),
        inclusion_findings=[f.as_dict() for f in inclusion.run_check(opportunity)],
    )


def _notify_registered(*, opportunity: Opportunity, template: str, context: dict) -> None:
    emails = sorted(
        set(
            opportunity.interests.filter(
                organisation__memberships__role=MembershipRole.ADMIN
            ).values_list("organisation__memberships__user__email", flat=True)
        )
        | set(
            opportunity.interests.exclude(registered_by=None).values_list(
                "registered_by__email", flat=True
            )
        )
    )
    for email in emails:
        email_send(
            to=[email],
            template=template,
            context={"opportunity": opportunity, **context},
        )


@transaction.atomic
def opportunity_publish(*, actor: User, opportunity: Opportunity) -> PublishedVersion:
    """Publish a draft. Refused with every problem listed if it isn't ready.

    Side effects: version 1 kept with its inclusion check; OCDS `tender` release; audit entry.
    """
    opportunity = _lock(opportunity)
    if opportunity.status != Status.DRAFT:
        raise ApplicationError("Only a draft can be published.")
    problems = publication_problems(opportunity)
    if not opportunity.summary.strip():
        problems.insert(0, "Write a short summary for the list of opportunities.")
    if problems:
        raise ApplicationError(
            "This opportunity cannot be published yet: " + " ".join(problems),
            extra={"problems": problems},
        )
    opportunity.published_at = timezone.now()
    opportunity.save(update_fields=["published_at", "updated_at"])
    _move(actor=actor, opportunity=opportunity, to=Status.PUBLISHED)
    version = _version(actor=actor, opportunity=opportunity)
    emit_release(opportunity, tag="tender")
    return version


@transaction.atomic
def opportunity_amend(
    *, actor: User, opportunity: Opportunity, reason: str, **changes: Any
) -> PublishedVersion:
    """Change a live opportunity. A reason is required; the earlier version is kept.

    Side effects: new published version; OCDS `tenderAmendment` release; everyone registered
    is emailed; audit entry.
    """
    opportunity = _lock(opportunity)
    if opportunity.status != Status.PUBLISHED:
        raise ApplicationError("Only a live opportunity can be amended.")
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Give the reason for the amendment; bidders will see it.")
    apply_details(actor=actor, opportunity=opportunity, changes=changes, action="opportunity.amend")
    problems = publication_problems(opportunity)
    if problems:
        raise ApplicationError("The amendment cannot be published: " + " ".join(problems))
    version = _version(actor=actor, opportunity=opportunity, reason=reason)
    emit_release(opportunity, tag="tenderAmendment")
    _notify_registered(
        opportunity=opportunity,
        template="tenders/email/amended",
        context={"reason": reason, "version": version},
    )
    return version


@transaction.atomic
def opportunity_close(*, actor: User | None, opportunity: Opportunity) -> None:
    opportunity = _lock(opportunity)
    if opportunity.closes_at and opportunity.closes_at > timezone.now():
        raise ApplicationError("The opportunity cannot close before its closing time.")
    _move(actor=actor, opportunity=opportunity, to=Status.CLOSED)
    emit_release(opportunity, tag="tenderUpdate")


def bids_mark_opened(*, actor: User | None, opportunity: Opportunity, automatic: bool) -> None:
    """Unseal the bids: record who opened them and when, with the digest of every latest
    submission at that moment, so the record shows each bid was sealed until then. The caller
    holds the opportunity row lock and has checked that the bids may be opened."""
    opportunity.bids_opened_at = timezone.now()
    opportunity.bids_opened_by = actor if getattr(actor, "is_authenticated", False) else None
    opportunity.save(update_fields=["bids_opened_at", "bids_opened_by", "updated_at"])
    digests = list(
        Submission.objects.filter(bid__opportunity=opportunity, bid__status=BidStatus.SUBMITTED)
        .order_by("bid_id", "-number")
        .distinct("bid_id")
        .values_list("bid_id", "number", "sha256")
    )
    audit_record(
        actor=actor,
        action="opportunity.bids_open",
        obj=opportunity,
        organisation=opportunity.organisation,
        before={"bids_opened_at": None},
        after={
            "bids_opened_at": opportunity.bids_opened_at.isoformat(),
            "automatic": automatic,
            "submissions": [
                {"bid": bid, "number": number, "sha256": sha} for bid, number, sha in digests
            ],
        },
    )


@transaction.atomic
def opportunity_start_evaluation(*, actor: User, opportunity: Opportunity) -> None:
    """Side effects: bids still sealed are opened first (audited as automatic); OCDS release."""
    opportunity = _lock(opportunity)
    if opportunity.status == Status.CLOSED and opportunity.bids_opened_at is None:
        bids_mark_opened(actor=actor, opportunity=opportunity, automatic=True)
    _move(actor=actor, opportunity=opportunity, to=Status.EVALUATION)
    emit_release(opportunity, tag="tenderUpdate")


@transaction.atomic
def opportunity_decide(*, actor: User, opportunity: Opportunity, awarded: bool) -> None:
    opportunity = _lock(opportunity)
    _move(
        actor=actor,
        opportunity=opportunity,
        to=Status.AWARDED if awarded else Status.NOT_AWARDED,
    )
    emit_release(opportunity, tag="tenderUpdate")


@transaction.atomic
def opportunity_cancel(*, actor: User, opportunity: Opportunity, reason: str) -> None:
    """Side effects: OCDS `tenderCancellation`; everyone registered is emailed."""
    opportunity = _lock(opportunity)
    if not reason.strip():
        raise ApplicationError("Give the reason for cancelling; bidders will see it.")
    was_public = opportunity.status != Status.DRAFT
    _move(actor=actor, opportunity=opportunity, to=Status.CANCELLED, extra={"reason": reason})
    if was_public:
        emit_release(opportunity, tag="tenderCancellation")
        _notify_registered(
            opportunity=opportunity, template="tenders/email/cancelled", context={"reason": reason}
        )


@transaction.atomic
def opportunity_withdraw(*, actor: User, opportunity: Opportunity, reason: str) -> None:
    opportunity = _lock(opportunity)
    if not reason.strip():
        raise ApplicationError("Give the reason for withdrawing; bidders will see it.")
    _move(actor=actor, opportunity=opportunity, to=Status.WITHDRAWN, extra={"reason": reason})
    emit_release(opportunity, tag="tenderCancellation")
    _notify_registered(
        opportunity=opportunity, template="tenders/email/cancelled", context={"reason": reason}
    )


def opportunities_close_due() -> int:
    """Close every live opportunity whose closing time has passed (Celery beat, each minute)."""
    due = Opportunity.objects.filter(status=Status.PUBLISHED, closes_at__lte=timezone.now())
    count = 0
    for opportunity in due:
        opportunity_close(actor=None, opportunity=opportunity)
        count += 1
    return count


def emit_award_release(
    opportunity: Opportunity, *, tag: str, awards: list[dict[str, Any]]
) -> Release | None:
    """Store an immutable OCDS `award` or `contract` release (tenders only); the awards are
    described in tenders.ocds.build_award_release."""
    if rule_for(opportunity.route).is_grant:
        return None
    sequence = opportunity.releases.count() + 1
    data = ocds.build_award_release(opportunity, tag=tag, sequence=sequence, awards=awards)
    return Release.objects.create(
        opportunity=opportunity,
        release_id=data["id"],
        ocid=data["ocid"],
        tags=data["tag"],
        data=data,
    )
