"""Preparing and submitting bids.

The closing time is enforced in one place, `_deadline_guard`, under a lock on the opportunity
row: the same lock `lifecycle.opportunity_close` takes. A submission that began before the
deadline but would commit after it is refused; one that committed before it is never lost,
whatever the client's clock says. After close, no bid changes.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from accounts.constants import MembershipRole
from accounts.models import Organisation, User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from providers.constants import ConsortiumMemberStatus
from providers.models import Consortium
from providers.uploads import upload_check
from tenders.constants import (
    BID_ATTACHMENT_MAX_BYTES,
    BID_ATTACHMENTS_MAX_COUNT,
    BidPartnerStatus,
    BidStatus,
    CostType,
    Status,
)
from tenders.models import (
    Answer,
    Attachment,
    Bid,
    BidPartner,
    BudgetLine,
    Criterion,
    GateAnswer,
    Interest,
    LateSubmissionPermit,
    Lot,
    Opportunity,
    Submission,
)
from tenders.selectors import bid_partners_prefetch

_WORDS = re.compile(r"\S+")


def word_count(text: str) -> int:
    return len(_WORDS.findall(text or ""))


class BidConflictError(ApplicationError):
    """Someone else saved first; the caller shows both versions."""

    def __init__(self, message: str, *, current: Any) -> None:
        super().__init__(message)
        self.current = current


def _db_now() -> datetime.datetime:
    """The database server's clock at this instant (not the transaction's start time)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        return cursor.fetchone()[0]


def _check_editable(bid: Bid) -> None:
    opportunity = bid.opportunity
    if bid.status == BidStatus.WITHDRAWN:
        raise ApplicationError("This bid has been withdrawn.")
    if opportunity.status != Status.PUBLISHED or (
        opportunity.closes_at and timezone.now() >= opportunity.closes_at
    ):
        raise ApplicationError("This opportunity has closed. Bids can no longer be changed.")


def _is_member(user: User, organisation: Organisation) -> bool:
    return organisation.memberships.filter(user=user).exists()


def _check_contributor(user: User, bid: Bid) -> None:
    if _is_member(user, bid.organisation):
        return
    if bid.partners.filter(
        status=BidPartnerStatus.CONFIRMED, organisation__memberships__user=user
    ).exists():
        return
    raise ApplicationError("Only the bidding organisation and its partners can change this bid.")


@transaction.atomic
def bid_start(
    *,
    actor: User,
    opportunity: Opportunity,
    organisation: Organisation,
    title: str = "",
    lots: Iterable[Lot] = (),
    consortium: Consortium | None = None,
) -> Bid:
    """Start a draft bid. Side effects: interest registered; consortium partners added."""
    if not _is_member(actor, organisation):
        raise ApplicationError("You can only bid for an organisation you belong to.")
    if organisation.is_commissioner:
        raise ApplicationError("Commissioning organisations cannot bid.")
    if not opportunity.is_open:
        raise ApplicationError("This opportunity is not open for bids.")
    lots = list(lots)
    if any(lot.opportunity_id != opportunity.pk for lot in lots):
        raise ApplicationError("Choose lots of this opportunity.")
    if opportunity.lots.exists() and not lots:
        raise ApplicationError("Choose the lot you are bidding for.")
    if len(lots) > 1 and not opportunity.multiple_lots_allowed:
        raise ApplicationError("This opportunity allows a bid for one lot only.")
    if consortium is not None:
        if not opportunity.consortium_bids_welcome:
            raise ApplicationError("This opportunity does not accept consortium bids.")
        if consortium.lead_id != organisation.pk:
            raise ApplicationError("Only the consortium's lead organisation can bid for it.")
    bid = Bid.objects.create(
        opportunity=opportunity,
        organisation=organisation,
        consortium=consortium,
        title=title.strip() or f"{organisation.name}: {opportunity.title}"[:200],
        created_by=actor,
    )
    bid.lots.set(lots)
    Interest.objects.get_or_create(
        opportunity=opportunity, organisation=organisation, defaults={"registered_by": actor}
    )
    if consortium is not None:
        partners = consortium.members.filter(status=ConsortiumMemberStatus.CONFIRMED).exclude(
            organisation=organisation
        )
        BidPartner.objects.bulk_create(
            BidPartner(bid=bid, organisation=m.organisation, status=BidPartnerStatus.CONFIRMED)
            for m in partners
        )
    audit_record(
        actor=actor,
        action="bid.start",
        obj=bid,
        organisation=organisation,
        after={"opportunity": opportunity.reference, "lots": [lot.number for lot in lots]},
    )
    return bid


@transaction.atomic
def bid_partner_invite(*, actor: User, bid: Bid, organisation: Organisation) -> BidPartner:
    """The lead invites a partner for this bid. Side effects: the partner's admins are emailed."""
    if not _is_member(actor, bid.organisation):
        raise ApplicationError("Only the lead organisation can invite partners.")
    _check_editable(bid)
    if organisation.pk == bid.organisation_id or organisation.is_commissioner:
        raise ApplicationError("Choose a provider organisation other than your own.")
    partner, created = BidPartner.objects.get_or_create(bid=bid, organisation=organisation)
    if not created:
        raise ApplicationError(f"{organisation} has already been asked to take part.")
    audit_record(
        actor=actor,
        action="bid.partner_invite",
        obj=bid,
        organisation=bid.organisation,
        after={"partner": organisation.name},
    )
    admins = list(
        organisation.memberships.filter(role=MembershipRole.ADMIN).values_list(
            "user__email", flat=True
        )
    )
    if admins:
        email_send(
            to=admins,
            template="tenders/email/bid_partner_invited",
            context={
                "bid": bid,
                "lead": bid.organisation,
                "organisation": organisation,
                "partner": partner,
            },
        )
    return partner


@transaction.atomic
def bid_partner_respond(*, actor: User, partner: BidPartner, accept: bool) -> BidPartner:
    if not _is_member(actor, partner.organisation):
        raise ApplicationError("Only the invited organisation can answer this.")
    if partner.status != BidPartnerStatus.INVITED:
        raise ApplicationError("This has already been answered.")
    partner.status = BidPartnerStatus.CONFIRMED if accept else BidPartnerStatus.DECLINED
    partner.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="bid.partner_confirm" if accept else "bid.partner_decline",
        obj=partner.bid,
        organisation=partner.organisation,
        after={"status": partner.status},
    )
    return partner


@transaction.atomic
def answer_save(*, actor: User, bid: Bid, criterion: Criterion, text: str, revision: int) -> Answer:
    """Autosave one answer. A stale revision raises BidConflictError with the saved text."""
    bid = Bid.objects.select_related("opportunity").get(pk=bid.pk)
    _check_contributor(actor, bid)
    _check_editable(bid)
    if criterion.opportunity_id != bid.opportunity_id:
        raise ApplicationError("That question belongs to another opportunity.")
    answer, _ = Answer.objects.get_or_create(bid=bid, criterion=criterion)
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if answer.revision != revision:
        raise BidConflictError(
            f"{answer.updated_by or 'Someone'} saved this answer at "
            f"{timezone.localtime(answer.updated_at):%H:%M} while you were typing. Your text "
            "has not been saved: compare it with theirs, then save again.",
            current=answer,
        )
    if answer.text == text:
        return answer
    answer.text = text
    answer.revision += 1
    answer.updated_by = actor
    answer.save()
    Bid.objects.filter(pk=bid.pk).update(updated_at=timezone.now())
    return answer


@transaction.atomic
def bid_update(
    *,
    actor: User,
    bid: Bid,
    revision: int,
    title: str | None = None,
    budget_lines: list[dict[str, Any]] | None = None,
    gate_answers: dict[int, tuple[bool | None, str]] | None = None,
    declarations: dict[str, Any] | None = None,
) -> Bid:
    """Save the bid's other parts (title, budget table, gates, declarations) in one go.

    A stale `revision` raises BidConflictError. Side effects: audit entry.
    """
    bid = Bid.objects.select_for_update().select_related("opportunity").get(pk=bid.pk)
    _check_contributor(actor, bid)
    _check_editable(bid)
    if bid.revision != revision:
        raise BidConflictError(
            "Someone else saved this bid while you were editing. Reload to see their changes; "
            "your changes have not been saved.",
            current=bid,
        )
    if title is not None:
        bid.title = title.strip()[:200] or bid.title
    if budget_lines is not None:
        lines = _budget_lines(bid, budget_lines)
        total = sum((line.amount for line in lines), Decimal(0))
        maximum = bid.opportunity.max_bid
        if maximum is not None and total > maximum:
            raise ApplicationError(
                f"Your budget totals £{total:,.2f}; the most you can ask for is £{maximum:,.2f}. "
                "Reduce a cost line and save again."
            )
        bid.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(lines)
    if gate_answers is not None:
        gates = {g.pk: g for g in bid.opportunity.gates.all()}
        for gate_id, (meets, note) in gate_answers.items():
            if gate_id not in gates:
                raise ApplicationError("That requirement belongs to another opportunity.")
            GateAnswer.objects.update_or_create(
                bid=bid, gate=gates[gate_id], defaults={"meets": meets, "note": note[:500]}
            )
    if declarations is not None:
        for name in ("declare_eligible", "declare_no_conflicts", "declare_accurate"):
            if name in declarations:
                setattr(bid, name, bool(declarations[name]))
        if "conflicts_note" in declarations:
            bid.conflicts_note = declarations["conflicts_note"].strip()
    bid.revision += 1
    bid.save()
    audit_record(
        actor=actor,
        action="bid.update",
        obj=bid,
        organisation=bid.organisation,
        after={"revision": bid.revision},
    )
    return bid


def _budget_lines(bid: Bid, rows: list[dict[str, Any]]) -> list[BudgetLine]:
    lines = []
    for position, row in enumerate(rows):
        description = (row.get("description") or "").strip()
        if not description:
            raise ApplicationError(f"Budget line {position + 1}: describe the cost.")
        if row.get("cost_type") not in CostType.values:
            raise ApplicationError(f"Budget line {position + 1}: choose fixed or variable.")
        try:
            amount = Decimal(str(row.get("amount")))
        except ArithmeticError as exc:
            raise ApplicationError(
                f"Budget line {position + 1}: enter an amount in pounds."
            ) from exc
        if not amount.is_finite() or amount < 0:
            raise ApplicationError(f"Budget line {position + 1}: enter an amount in pounds.")
        lines.append(
            BudgetLine(
                bid=bid,
                description=description[:200],
                cost_type=row["cost_type"],
                amount=amount.quantize(Decimal("0.01")),
                position=position,
            )
        )
    return lines


@transaction.atomic
def attachment_add(*, actor: User, bid: Bid, file: UploadedFile) -> Attachment:
    """Side effects: audit entry. The file is checked by upload_check (content, size,
    expansion, polyglots)."""
    bid = Bid.objects.select_related("opportunity").get(pk=bid.pk)
    _check_contributor(actor, bid)
    _check_editable(bid)
    if file.size and file.size > BID_ATTACHMENT_MAX_BYTES:
        raise ApplicationError(
            f"The selected file must be smaller than {filesizeformat(BID_ATTACHMENT_MAX_BYTES)}."
        )
    if bid.attachments.count() >= BID_ATTACHMENTS_MAX_COUNT:
        raise ApplicationError(
            f"A bid can have up to {BID_ATTACHMENTS_MAX_COUNT} attachments. Remove one first."
        )
    file_type = upload_check(file)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    attachment = Attachment.objects.create(
        bid=bid,
        file=file,
        name=(file.name or "attachment")[:200],
        file_type=file_type,
        size=file.size or 0,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    audit_record(
        actor=actor,
        action="bid.attach",
        obj=bid,
        organisation=bid.organisation,
        after={"file": attachment.name, "sha256": attachment.sha256},
    )
    return attachment


@transaction.atomic
def attachment_remove(*, actor: User, attachment: Attachment) -> None:
    bid = attachment.bid
    _check_contributor(actor, bid)
    _check_editable(bid)
    audit_record(
        actor=actor,
        action="bid.detach",
        obj=bid,
        organisation=bid.organisation,
        before={"file": attachment.name, "sha256": attachment.sha256},
    )
    attachment.delete()


def bid_checklist(bid: Bid) -> list[str]:
    """Everything that stops the bid being submitted, written so the provider can fix it."""
    opportunity = bid.opportunity
    problems = []
    lot_ids = {lot.pk for lot in bid.lots.all()}
    criteria = [c for c in opportunity.criteria.all() if c.lot_id is None or c.lot_id in lot_ids]
    answers = {a.criterion_id: a.text for a in bid.answers.all()}
    for criterion in criteria:
        text = answers.get(criterion.pk, "").strip()
        if not text:
            problems.append(f"Answer '{criterion.title}'.")
        elif criterion.word_limit and word_count(text) > criterion.word_limit:
            problems.append(
                f"Shorten your answer to '{criterion.title}' to {criterion.word_limit} words "
                f"(it is {word_count(text)})."
            )
    gate_answers = {g.gate_id: g.meets for g in bid.gate_answers.all()}
    for gate in opportunity.gates.all():
        if gate_answers.get(gate.pk) is None:
            problems.append(f"Say whether you meet '{gate.title}'.")
        elif gate_answers[gate.pk] is False:
            problems.append(f"You must meet '{gate.title}' to bid.")
    total = sum((line.amount for line in bid.budget_lines.all()), Decimal(0))
    if total <= 0:
        problems.append("Add your budget: at least one cost line.")
    if opportunity.max_bid is not None and total > opportunity.max_bid:
        problems.append(
            f"Your budget totals £{total:,.2f}; the most you can ask for is "
            f"£{opportunity.max_bid:,.2f}."
        )
    if opportunity.min_bid is not None and 0 < total < opportunity.min_bid:
        problems.append(f"Your budget must be at least £{opportunity.min_bid:,.2f}.")
    if not bid.declare_eligible:
        problems.append("Confirm that your organisation is eligible.")
    if not bid.declare_no_conflicts and not bid.conflicts_note.strip():
        problems.append("Declare any conflicts of interest, or confirm you have none.")
    if not bid.declare_accurate:
        problems.append("Confirm that the information in your bid is accurate.")
    return problems


def _bid_for_sealing() -> QuerySet[Bid]:
    """A bid with everything its checklist and its sealed content read."""
    return Bid.objects.select_related("opportunity", "organisation__profile").prefetch_related(
        "lots",
        "answers",
        "gate_answers",
        "budget_lines",
        "attachments",
        "opportunity__criteria",
        "opportunity__gates",
        bid_partners_prefetch(),
    )


def _opportunity_share_locked(pk: int) -> Opportunity:
    """The opportunity's row under a share lock (FOR SHARE, which the ORM does not offer):
    many transactions may hold it at once, and none can change the row meanwhile."""
    table = Opportunity._meta.db_table
    return Opportunity.objects.raw(
        f'SELECT * FROM "{table}" WHERE "id" = %s FOR SHARE',  # noqa: S608 - our own table
        [pk],
    )[0]


def bid_content(bid: Bid) -> dict[str, Any]:
    """The bid exactly as it will be sealed: what the digest covers."""
    profile = getattr(bid.organisation, "profile", None)
    return {
        "opportunity": bid.opportunity.reference,
        "organisation": {
            "name": bid.organisation.name,
            "org_id": bid.organisation.org_id,
            "address": bid.organisation.address,
            "postcode": bid.organisation.postcode,
            "contact": (profile.contact_name, profile.contact_email) if profile else None,
        },
        "title": bid.title,
        "lots": sorted(lot.number for lot in bid.lots.all()),
        "partners": sorted(
            p.organisation.name
            for p in bid.partners.all()
            if p.status == BidPartnerStatus.CONFIRMED
        ),
        "answers": {str(a.criterion_id): a.text for a in bid.answers.all()},
        "gates": {str(g.gate_id): [g.meets, g.note] for g in bid.gate_answers.all()},
        "budget": [
            [line.description, line.cost_type, str(line.amount)] for line in bid.budget_lines.all()
        ],
        "declarations": {
            "eligible": bid.declare_eligible,
            "no_conflicts": bid.declare_no_conflicts,
            "conflicts_note": bid.conflicts_note,
            "accurate": bid.declare_accurate,
        },
        "attachments": [
            {"name": a.name, "size": a.size, "sha256": a.sha256} for a in bid.attachments.all()
        ],
    }


def content_digest(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _deadline_guard(
    opportunity: Opportunity, *, organisation: Organisation
) -> tuple[datetime.datetime, LateSubmissionPermit | None]:
    """The one place the closing time is enforced. Call inside the transaction that writes
    the submission, holding the opportunity row lock; returns the server time to record."""
    now = _db_now()
    if (
        opportunity.status == Status.PUBLISHED
        and opportunity.closes_at
        and now < opportunity.closes_at
    ):
        return now, None
    permit = (
        LateSubmissionPermit.objects.select_for_update()
        .filter(opportunity=opportunity, organisation=organisation, used_at__isnull=True)
        .first()
    )
    # A late bid is only fair while the others are still sealed.
    if (
        permit is not None
        and now < permit.valid_until
        and opportunity.bids_opened_at is None
        and opportunity.status
        in (
            Status.PUBLISHED,
            Status.CLOSED,
        )
    ):
        return now, permit
    closed = timezone.localtime(opportunity.closes_at) if opportunity.closes_at else None
    raise ApplicationError(
        "This opportunity closed"
        + (f" at {closed:%H:%M:%S} on {closed:%-d %B %Y}" if closed else "")
        + ". Your bid was not submitted."
    )


def bid_submit(*, actor: User, bid: Bid) -> Submission:
    """Submit (or resubmit) the bid as a new, immutable version with a receipt.

    The bid is read, checked and sealed in one transaction holding its row, so what is sealed
    is exactly what was checked. The opportunity's row is only share-locked: providers
    submitting at the same time do not wait for each other, but a change to the opportunity
    (its closing time, opening the bids) waits for them, and they for it.

    Side effects: receipt emailed to the submitter and the organisation's admins; audit entry.
    """
    with transaction.atomic():
        opportunity = _opportunity_share_locked(bid.opportunity_id)
        locked = _bid_for_sealing().select_for_update(of=("self",)).get(pk=bid.pk)
        if not _is_member(actor, locked.organisation):
            raise ApplicationError("Only the lead organisation can submit this bid.")
        if locked.status == BidStatus.WITHDRAWN:
            raise ApplicationError("This bid has been withdrawn.")
        problems = bid_checklist(locked)
        if problems:
            raise ApplicationError(
                "Your bid cannot be submitted yet: " + " ".join(problems),
                extra={"problems": problems},
            )
        content = bid_content(locked)
        digest = content_digest(content)
        submitted_at, permit = _deadline_guard(opportunity, organisation=locked.organisation)
        number = locked.submissions.count() + 1
        submission = Submission.objects.create(
            bid=locked,
            number=number,
            submitted_at=submitted_at,
            submitted_by=actor,
            content=content,
            sha256=digest,
            is_late=permit is not None,
            late_reason=permit.reason if permit else "",
            late_accepted_by=permit.decided_by if permit else None,
        )
        if permit is not None:
            permit.used_at = submitted_at
            permit.save(update_fields=["used_at", "updated_at"])
        locked.status = BidStatus.SUBMITTED
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="bid.submit",
            obj=locked,
            organisation=locked.organisation,
            after={"number": number, "sha256": digest, "late": permit is not None},
        )
        recipients = sorted(
            {actor.email}
            | set(
                locked.organisation.memberships.filter(role=MembershipRole.ADMIN).values_list(
                    "user__email", flat=True
                )
            )
        )
        email_send(
            to=recipients,
            template="tenders/email/bid_receipt",
            context={"bid": locked, "submission": submission, "opportunity": opportunity},
        )
        # Last statement before commit: a submission must not commit after the deadline.
        if permit is None and _db_now() >= opportunity.closes_at:
            raise ApplicationError("This opportunity closed while your bid was being submitted.")
    return submission


@transaction.atomic
def bid_withdraw(*, actor: User, bid: Bid) -> Bid:
    """Withdraw before the deadline; the submitted versions are kept for the record."""
    bid = Bid.objects.select_for_update().select_related("opportunity").get(pk=bid.pk)
    if not _is_member(actor, bid.organisation):
        raise ApplicationError("Only the lead organisation can withdraw this bid.")
    _check_editable(bid)
    before = bid.status
    bid.status = BidStatus.WITHDRAWN
    bid.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="bid.withdraw",
        obj=bid,
        organisation=bid.organisation,
        before={"status": before},
        after={"status": BidStatus.WITHDRAWN},
    )
    return bid


@transaction.atomic
def late_permit_grant(
    *,
    actor: User,
    opportunity: Opportunity,
    organisation: Organisation,
    reason: str,
    valid_for: datetime.timedelta = datetime.timedelta(hours=24),
) -> LateSubmissionPermit:
    """A commissioner's explicit, audited decision to accept one late submission."""
    if not _is_member(actor, opportunity.organisation):
        raise ApplicationError("Only the opportunity's commissioners can accept a late bid.")
    if not reason.strip():
        raise ApplicationError("Give the reason for accepting a late submission.")
    if opportunity.status not in (Status.PUBLISHED, Status.CLOSED):
        raise ApplicationError("Late submissions can only be accepted before evaluation starts.")
    if opportunity.bids_opened_at is not None:
        raise ApplicationError(
            "The bids have been opened, so a late submission can no longer be accepted."
        )
    permit, _ = LateSubmissionPermit.objects.update_or_create(
        opportunity=opportunity,
        organisation=organisation,
        defaults={
            "reason": reason.strip(),
            "decided_by": actor,
            "valid_until": timezone.now() + valid_for,
            "used_at": None,
        },
    )
    audit_record(
        actor=actor,
        action="bid.late_permit",
        obj=opportunity,
        organisation=opportunity.organisation,
        after={"organisation": organisation.name, "reason": permit.reason},
    )
    return permit
