"""Setting a panel up: the panel and its plan, members and their invitations, opening scoring
(which assigns bids to members) and starting moderation."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.rules import is_commissioner
from accounts.tokens import new_token, token_digest
from core.audit import audit_record, snapshot
from core.emails import email_send
from core.errors import ApplicationError
from evaluation import selectors
from evaluation.constants import (
    PANEL_INVITATION_VALID_DAYS,
    PANEL_TRANSITIONS,
    AssignmentMode,
    ConflictLevel,
    PanelRole,
    PanelStatus,
)
from evaluation.models import Assignment, Panel, PanelMember
from tenders.constants import Status
from tenders.models import Bid, Lot, Opportunity
from tenders.services import lifecycle

PLAN_FIELDS = (
    "name",
    "briefing",
    "assignment_mode",
    "min_scorers_per_bid",
    "blind_review",
    "comment_min_length",
    "variance_threshold",
    "interview_stage",
    "interview_notes",
    "budget",
    "guarantee_one_per_lot",
)
# Once scoring has begun, changing these would change what members were asked to do.
FIXED_ONCE_SCORING = {"assignment_mode", "min_scorers_per_bid", "blind_review"}


def check_manager(actor: User, panel: Panel) -> None:
    if not is_commissioner(actor, panel.opportunity.organisation):
        raise ApplicationError(
            "Only commissioners of the organisation that owns this opportunity can do this."
        )


def check_chair(actor: User, panel: Panel) -> PanelMember:
    member = panel.members.filter(user=actor, accepted_at__isnull=False).first()
    if member is None or not member.is_chair:
        raise ApplicationError("Only the panel's chair can do this.")
    return member


def move(*, actor: User, panel: Panel, to: str, extra: dict | None = None) -> None:
    if to not in PANEL_TRANSITIONS[panel.status]:
        raise ApplicationError(
            f"A panel that is {panel.get_status_display().lower()} cannot move to "
            f"{PanelStatus(to).label.lower()}."
        )
    before = panel.status
    panel.status = to
    panel.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=f"panel.{to}",
        obj=panel,
        organisation=panel.opportunity.organisation,
        before={"status": before},
        after={"status": to, **(extra or {})},
    )


def lock(panel: Panel) -> Panel:
    return (
        Panel.objects.select_for_update()
        .select_related("opportunity__organisation")
        .get(pk=panel.pk)
    )


def _clean_plan(opportunity: Opportunity, data: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(data)
    if "name" in cleaned:
        cleaned["name"] = (cleaned["name"] or "").strip()
        if not cleaned["name"]:
            raise ApplicationError("Give the panel a name.")
    if "assignment_mode" in cleaned and cleaned["assignment_mode"] not in AssignmentMode.values:
        raise ApplicationError("Choose how bids are shared out between members.")
    if "min_scorers_per_bid" in cleaned and (cleaned["min_scorers_per_bid"] or 0) < 1:
        raise ApplicationError("Each bid needs at least one scorer.")
    if "variance_threshold" in cleaned and Decimal(cleaned["variance_threshold"] or 0) <= 0:
        raise ApplicationError("The disagreement threshold must be more than 0 points.")
    if "budget" in cleaned:
        budget = Decimal(cleaned["budget"] or 0)
        if budget <= 0:
            raise ApplicationError("Enter the budget the panel is allocating, in pounds.")
        if budget > opportunity.total_budget:
            raise ApplicationError(
                f"The panel's budget cannot be more than the opportunity's budget "
                f"(£{opportunity.total_budget:,.2f})."
            )
    return cleaned


@transaction.atomic
def panel_create(
    *,
    actor: User,
    opportunity: Opportunity,
    name: str,
    lots: Iterable[Lot] = (),
    **plan: Any,
) -> Panel:
    """Side effects: audit entry."""
    if not is_commissioner(actor, opportunity.organisation):
        raise ApplicationError(
            "Only commissioners of the organisation that owns this opportunity can set up a panel."
        )
    if opportunity.status in (Status.DRAFT, Status.CANCELLED, Status.WITHDRAWN):
        raise ApplicationError("Set up a panel once the opportunity has been published.")
    lots = list(lots)
    if any(lot.opportunity_id != opportunity.pk for lot in lots):
        raise ApplicationError("Choose lots of this opportunity.")
    plan.setdefault("budget", opportunity.total_budget)
    data = _clean_plan(opportunity, {"name": name, **plan})
    unknown = set(data) - set(PLAN_FIELDS)
    if unknown:
        raise ApplicationError(f"These cannot be set here: {', '.join(sorted(unknown))}")
    panel = Panel.objects.create(opportunity=opportunity, created_by=actor, **data)
    panel.lots.set(lots)
    audit_record(
        actor=actor,
        action="panel.create",
        obj=panel,
        organisation=opportunity.organisation,
        after={**snapshot(panel, PLAN_FIELDS), "lots": [lot.number for lot in lots]},
    )
    return panel


@transaction.atomic
def panel_update_plan(*, actor: User, panel: Panel, **changes: Any) -> Panel:
    """Change the assessment plan. Side effects: audit entry with before and after."""
    panel = lock(panel)
    check_manager(actor, panel)
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ApplicationError(f"These cannot be changed here: {', '.join(sorted(unknown))}")
    if panel.status == PanelStatus.LETTERS_SENT:
        raise ApplicationError("The letters have been sent: the plan can no longer change.")
    if panel.status != PanelStatus.SETUP:
        fixed = {
            name
            for name in FIXED_ONCE_SCORING & set(changes)
            if getattr(panel, name) != changes[name]
        }
        if fixed:
            raise ApplicationError(
                "Scoring has started, so how bids are shared out and whether review is blind "
                "can no longer change."
            )
    data = _clean_plan(panel.opportunity, changes)
    before = snapshot(panel, list(data))
    for name, value in data.items():
        setattr(panel, name, value)
    panel.save()
    audit_record(
        actor=actor,
        action="panel.update",
        obj=panel,
        organisation=panel.opportunity.organisation,
        before=before,
        after=snapshot(panel, list(data)),
    )
    return panel


@transaction.atomic
def member_invite(
    *,
    actor: User,
    panel: Panel,
    email: str,
    full_name: str,
    role: str,
    lots: Iterable[Lot] = (),
) -> PanelMember:
    """Invite someone to sit on the panel. They need only a platform account, no organisation.

    Side effects: the invitation link (the only copy of the token) is emailed; audit entry.
    """
    panel = lock(panel)
    check_manager(actor, panel)
    if panel.status == PanelStatus.LETTERS_SENT:
        raise ApplicationError("This panel has finished; it cannot take new members.")
    email = (email or "").strip().lower()
    full_name = (full_name or "").strip()
    if not email or "@" not in email:
        raise ApplicationError("Enter the member's email address, like name@example.org.")
    if not full_name:
        raise ApplicationError("Enter the member's name.")
    if role not in PanelRole.values:
        raise ApplicationError("Choose the member's role on the panel.")
    lots = list(lots)
    panel_lots = {lot.pk for lot in panel.lots.all()} or {
        lot.pk for lot in panel.opportunity.lots.all()
    }
    if any(lot.pk not in panel_lots for lot in lots):
        raise ApplicationError("Choose lots this panel assesses.")
    if role == PanelRole.CHAIR and panel.members.filter(role=PanelRole.CHAIR).exists():
        raise ApplicationError("This panel already has a chair.")
    token = new_token()
    try:
        with transaction.atomic():
            member = PanelMember.objects.create(
                panel=panel,
                email=email,
                full_name=full_name,
                role=role,
                token_digest=token_digest(token),
                invited_by=actor,
                expires_at=timezone.now() + datetime.timedelta(days=PANEL_INVITATION_VALID_DAYS),
            )
    except IntegrityError as exc:
        raise ApplicationError(f"{email} has already been invited to this panel.") from exc
    member.lots.set(lots)
    audit_record(
        actor=actor,
        action="panel.member_invite",
        obj=member,
        organisation=panel.opportunity.organisation,
        after={"email": email, "role": role, "lots": [lot.number for lot in lots]},
    )
    email_send(
        to=[email],
        template="evaluation/email/member_invitation",
        context={
            "member": member,
            "panel": panel,
            "inviter": actor,
            "path": reverse("evaluation:member_accept", kwargs={"token": token}),
            "expires_at": member.expires_at,
        },
    )
    return member


@transaction.atomic
def member_accept(*, user: User, member: PanelMember) -> PanelMember:
    """Side effects: the seat is taken by this account; the token stops working; audit entry."""
    member = (
        PanelMember.objects.select_for_update()
        .select_related("panel__opportunity")
        .get(pk=member.pk)
    )
    if member.accepted_at is not None:
        raise ApplicationError("This invitation has already been accepted.")
    if member.expires_at is None or member.expires_at <= timezone.now():
        raise ApplicationError(
            "This invitation has expired. Ask the commissioner who invited you to send another."
        )
    if member.email.lower() != user.email.lower():
        raise ApplicationError(
            f"This invitation was sent to {member.email}. Sign in with that email address to "
            "accept it."
        )
    if PanelMember.objects.filter(panel=member.panel, user=user).exists():
        raise ApplicationError("You already sit on this panel.")
    member.user = user
    member.accepted_at = timezone.now()
    member.token_digest = None
    member.save(update_fields=["user", "accepted_at", "token_digest", "updated_at"])
    audit_record(
        actor=user,
        action="panel.member_accept",
        obj=member,
        organisation=member.panel.opportunity.organisation,
        after={"email": user.email, "role": member.role},
    )
    if member.panel.status == PanelStatus.SCORING:
        _assign_new_member(panel=member.panel, member=member)
    return member


@transaction.atomic
def member_remove(*, actor: User, member: PanelMember) -> None:
    """Only before scoring opens: afterwards a seat's record is part of the panel report."""
    panel = lock(member.panel)
    check_manager(actor, panel)
    if panel.status != PanelStatus.SETUP:
        raise ApplicationError(
            "Scoring has started: a member cannot be removed. Their scores for a bid are set "
            "aside if they declare a conflict."
        )
    audit_record(
        actor=actor,
        action="panel.member_remove",
        obj=member,
        organisation=panel.opportunity.organisation,
        before={"email": member.email, "role": member.role},
    )
    member.delete()


# Assigning bids to members ----------------------------------------------------------------------


def _eligible(panel: Panel, bid: Bid, members: list[PanelMember], conflicted: set) -> list:
    return [
        m for m in members if (m.pk, bid.pk) not in conflicted and selectors.member_covers(m, bid)
    ]


def _pick(
    candidates: list[PanelMember], *, load: Counter, roles_taken: set[str], count: int
) -> list[PanelMember]:
    """Members with the least work first, preferring roles the bid has no scorer of yet, so
    each bid gets a mix of patients, clinicians, commissioners and arts specialists."""
    chosen: list[PanelMember] = []
    pool = list(candidates)
    while pool and len(chosen) < count:
        pool.sort(key=lambda m: (m.role in roles_taken, load[m.pk], m.pk))
        member = pool.pop(0)
        chosen.append(member)
        roles_taken.add(member.role)
        load[member.pk] += 1
    return chosen


def _conflicted_pairs(panel: Panel) -> set[tuple[int, int]]:
    return {
        (d.member_id, d.bid_id)
        for d in panel.declarations.all()
        if d.level != ConflictLevel.NONE and not d.clears_member
    }


def _active_members(panel: Panel) -> list[PanelMember]:
    return list(
        panel.members.filter(user__isnull=False, accepted_at__isnull=False).prefetch_related("lots")
    )


def assignments_build(*, panel: Panel) -> int:
    """Create the assignments for every bid (after the panel opens): all members, or an even
    share with the minimum number of scorers per bid. Returns how many were created."""
    members = _active_members(panel)
    conflicted = _conflicted_pairs(panel)
    existing = {(a.member_id, a.bid_id) for a in panel.assignments.all()}
    load: Counter = Counter(
        a.member_id for a in panel.assignments.filter(set_aside_at__isnull=True)
    )
    new = []
    for submission in selectors.panel_submissions(panel=panel):
        bid = submission.bid
        eligible = _eligible(panel, bid, members, conflicted)
        if panel.assignment_mode == AssignmentMode.ALL:
            chosen = eligible
        else:
            already = [m for m in eligible if (m.pk, bid.pk) in existing]
            chosen = already + _pick(
                [m for m in eligible if (m.pk, bid.pk) not in existing],
                load=load,
                roles_taken={m.role for m in already},
                count=max(0, panel.min_scorers_per_bid - len(already)),
            )
        new += [
            Assignment(panel=panel, member=m, bid=bid)
            for m in chosen
            if (m.pk, bid.pk) not in existing
        ]
    Assignment.objects.bulk_create(new)
    return len(new)


def _assign_new_member(*, panel: Panel, member: PanelMember) -> None:
    """A member who joins once scoring is open scores every bid (all-members mode) or fills
    bids that are short of scorers (even mode)."""
    assignments_build(panel=panel)


def reassign_for(*, actor: User | None, panel: Panel, bid: Bid) -> PanelMember | None:
    """Keep the minimum number of scorers on a bid after a member is removed from it."""
    counted = panel.assignments.filter(bid=bid, set_aside_at__isnull=True)
    if panel.assignment_mode == AssignmentMode.ALL or counted.count() >= panel.min_scorers_per_bid:
        return None
    members = _active_members(panel)
    conflicted = _conflicted_pairs(panel)
    taken = set(panel.assignments.filter(bid=bid).values_list("member_id", flat=True))
    load: Counter = Counter(
        panel.assignments.filter(set_aside_at__isnull=True).values_list("member_id", flat=True)
    )
    roles = {a.member.role for a in counted.select_related("member")}
    candidates = [m for m in _eligible(panel, bid, members, conflicted) if m.pk not in taken]
    chosen = _pick(candidates, load=load, roles_taken=roles, count=1)
    if not chosen:
        audit_record(
            actor=actor,
            action="panel.short_of_scorers",
            obj=panel,
            organisation=panel.opportunity.organisation,
            after={"bid": bid.pk, "scorers": counted.count(), "minimum": panel.min_scorers_per_bid},
        )
        return None
    Assignment.objects.create(panel=panel, member=chosen[0], bid=bid)
    audit_record(
        actor=actor,
        action="panel.reassign",
        obj=panel,
        organisation=panel.opportunity.organisation,
        after={"bid": bid.pk, "member": chosen[0].email},
    )
    email_send(
        to=[chosen[0].user.email],
        template="evaluation/email/bid_assigned",
        context={"member": chosen[0], "panel": panel},
    )
    return chosen[0]


@transaction.atomic
def panel_open_scoring(*, actor: User, panel: Panel) -> int:
    """Open scoring: bids are assigned to members, who can then declare and score.

    Side effects: the opportunity moves to evaluation if it was closed; assignments created;
    every member is emailed; audit entry. Returns the number of assignments.
    """
    panel = lock(panel)
    check_manager(actor, panel)
    opportunity = panel.opportunity
    if opportunity.status not in (Status.CLOSED, Status.EVALUATION):
        raise ApplicationError("Scoring can open once the opportunity has closed to bids.")
    members = _active_members(panel)
    if not members:
        raise ApplicationError("No member has accepted their invitation yet.")
    if not selectors.panel_submissions(panel=panel).exists():
        raise ApplicationError("There are no submitted bids for this panel to assess.")
    if not any(m.is_chair for m in members):
        raise ApplicationError("The panel needs a chair who has accepted their invitation.")
    if opportunity.status == Status.CLOSED:
        lifecycle.opportunity_start_evaluation(actor=actor, opportunity=opportunity)
    move(actor=actor, panel=panel, to=PanelStatus.SCORING)
    created = assignments_build(panel=panel)
    for member in members:
        email_send(
            to=[member.user.email],
            template="evaluation/email/scoring_open",
            context={"member": member, "panel": panel},
        )
    return created


@transaction.atomic
def panel_start_moderation(*, actor: User, panel: Panel) -> Panel:
    """From now on submitted scores cannot change. Side effects: audit entry."""
    panel = lock(panel)
    if not is_commissioner(actor, panel.opportunity.organisation):
        check_chair(actor, panel)
    move(actor=actor, panel=panel, to=PanelStatus.MODERATION)
    panel.moderation_started_at = timezone.now()
    panel.save(update_fields=["moderation_started_at", "updated_at"])
    return panel
