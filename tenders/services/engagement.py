"""Providers and the opportunity: registering interest, personal invitations, clarification
questions and answers."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.constants import MembershipRole
from accounts.models import Organisation, User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from tenders.constants import QuestionStatus, Status
from tenders.models import Interest, Lot, Opportunity, Question, TargetedInvitation
from tenders.services.lifecycle import _notify_registered, emit_release


def _admin_emails(organisation: Organisation) -> list[str]:
    return sorted(
        organisation.memberships.filter(role=MembershipRole.ADMIN).values_list(
            "user__email", flat=True
        )
    )


@transaction.atomic
def interest_register(
    *, actor: User, opportunity: Opportunity, organisation: Organisation, lots: Iterable[Lot] = ()
) -> Interest:
    """Side effects: audit entry. Registered organisations hear of amendments and answers."""
    if opportunity.status != Status.PUBLISHED:
        raise ApplicationError("You can only register interest while the opportunity is open.")
    if organisation.is_commissioner:
        raise ApplicationError("Commissioners cannot register interest in opportunities.")
    lots = list(lots)
    if any(lot.opportunity_id != opportunity.pk for lot in lots):
        raise ApplicationError("Choose lots of this opportunity.")
    interest, created = Interest.objects.get_or_create(
        opportunity=opportunity, organisation=organisation, defaults={"registered_by": actor}
    )
    interest.lots.set(lots)
    audit_record(
        actor=actor,
        action="interest.register" if created else "interest.update",
        obj=interest,
        organisation=organisation,
        after={"lots": [lot.number for lot in lots]},
    )
    return interest


@transaction.atomic
def interest_withdraw(*, actor: User, interest: Interest) -> None:
    audit_record(
        actor=actor,
        action="interest.withdraw",
        obj=interest,
        organisation=interest.organisation,
        before={"opportunity": interest.opportunity.reference},
    )
    interest.delete()


@transaction.atomic
def invitations_send(
    *,
    actor: User,
    opportunity: Opportunity,
    organisations: Iterable[Organisation],
    message: str = "",
) -> list[TargetedInvitation]:
    """Personal invitations from the commissioner's own name to chosen directory providers.

    Side effects: an email to each organisation's admins and named contact; audit entries.
    Organisations already invited are skipped.
    """
    if opportunity.status not in (Status.DRAFT, Status.PUBLISHED):
        raise ApplicationError("Invitations can only be sent before the opportunity closes.")
    sent = []
    for organisation in organisations:
        recipients = set(_admin_emails(organisation))
        profile = getattr(organisation, "profile", None)
        if profile is not None and profile.contact_email:
            recipients.add(profile.contact_email.lower())
        try:
            with transaction.atomic():
                invitation = TargetedInvitation.objects.create(
                    opportunity=opportunity,
                    organisation=organisation,
                    sent_by=actor,
                    message=message.strip(),
                    sent_to=sorted(recipients),
                    sent_at=timezone.now(),
                )
        except IntegrityError:
            continue
        if recipients:
            email_send(
                to=sorted(recipients),
                template="tenders/email/invitation",
                context={
                    "opportunity": opportunity,
                    "organisation": organisation,
                    "sender": actor,
                    "message": invitation.message,
                },
            )
        audit_record(
            actor=actor,
            action="opportunity.invite",
            obj=invitation,
            organisation=opportunity.organisation,
            after={"organisation": organisation.name, "to": sorted(recipients)},
        )
        sent.append(invitation)
    return sent


@transaction.atomic
def question_ask(
    *,
    actor: User,
    opportunity: Opportunity,
    organisation: Organisation,
    text: str,
    sensitive: bool = False,
    notify: bool = True,
) -> Question:
    """Side effects: the commissioners are emailed (unless `notify` is off, as when they copy
    a question answered at their own market-engagement event); audit entry."""
    text = text.strip()
    if not text:
        raise ApplicationError("Enter your question.")
    if opportunity.status != Status.PUBLISHED:
        raise ApplicationError("Questions can only be asked while the opportunity is open.")
    deadline = opportunity.clarification_deadline or opportunity.closes_at
    if deadline and timezone.now() >= deadline:
        raise ApplicationError(
            f"The deadline for questions was {timezone.localtime(deadline):%-d %B %Y at %H:%M}."
        )
    question = Question.objects.create(
        opportunity=opportunity,
        organisation=organisation,
        asked_by=actor,
        text=text,
        sensitive=sensitive,
    )
    audit_record(
        actor=actor,
        action="question.ask",
        obj=question,
        organisation=organisation,
        after={"opportunity": opportunity.reference, "sensitive": sensitive},
    )
    if not notify:
        return question
    commissioners = _admin_emails(opportunity.organisation)
    if opportunity.created_by_id:
        commissioners = sorted({*commissioners, opportunity.created_by.email})
    email_send(
        to=commissioners,
        template="tenders/email/question_asked",
        context={"opportunity": opportunity},
    )
    return question


@transaction.atomic
def question_answer(
    *,
    actor: User,
    question: Question,
    answer: str,
    publish: bool = True,
    published_question: str = "",
    private_reason: str = "",
) -> Question:
    """Answer a question: published to everyone without the asker's identity, or (when the
    question is commercially sensitive) privately with a reason.

    Side effects: published answers go to everyone registered and emit an OCDS tenderUpdate
    with the enquiry; a private answer goes to the asker; audit entry.
    """
    question = (
        Question.objects.select_for_update().select_related("opportunity").get(pk=question.pk)
    )
    if question.status != QuestionStatus.OPEN:
        raise ApplicationError("This question has already been answered.")
    answer = answer.strip()
    if not answer:
        raise ApplicationError("Enter the answer.")
    if not publish and not private_reason.strip():
        raise ApplicationError(
            "Give the reason for answering privately; every bidder should get the same "
            "information unless it is commercially sensitive."
        )
    question.answer = answer
    question.answered_at = timezone.now()
    question.answered_by = actor
    if publish:
        question.status = QuestionStatus.PUBLISHED
        question.published_question = (published_question or question.text).strip()
    else:
        question.status = QuestionStatus.PRIVATE
        question.private_reason = private_reason.strip()
    question.save()
    opportunity = question.opportunity
    audit_record(
        actor=actor,
        action="question.publish" if publish else "question.answer_privately",
        obj=question,
        organisation=opportunity.organisation,
        after={"status": question.status, "reason": question.private_reason},
    )
    if publish:
        emit_release(opportunity, tag="tenderUpdate")
        _notify_registered(
            opportunity=opportunity, template="tenders/email/answer_published", context={}
        )
    elif question.asked_by_id:
        email_send(
            to=[question.asked_by.email],
            template="tenders/email/answer_private",
            context={"opportunity": opportunity, "question": question},
        )
    return question
