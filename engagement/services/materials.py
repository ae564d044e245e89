"""Equal information after the event: slides, notes and the Q&A summary, published to everyone
registered on the event and on the linked opportunity at the same moment; answers copied into
the opportunity's published clarifications."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.constants import MembershipRole
from accounts.models import User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from engagement.constants import EventStatus, MaterialKind, RegistrationStatus
from engagement.models import Event, EventQuestion, Material
from engagement.services.events import lock
from engagement.services.registrations import manage_path, manage_token_new
from providers.uploads import upload_check
from tenders.constants import Status as OpportunityStatus
from tenders.services import engagement as tender_engagement


def _check_changeable(event: Event) -> None:
    if event.status == EventStatus.CANCELLED:
        raise ApplicationError("The event was cancelled.")
    if event.status == EventStatus.DRAFT:
        raise ApplicationError("Publish the event before adding what it produced.")


@transaction.atomic
def material_add(
    *,
    actor: User,
    event: Event,
    kind: str,
    title: str,
    body: str = "",
    file: UploadedFile | None = None,
) -> Material:
    """Slides, notes or another document: a file (checked by its content), some text, or both.
    Once the materials are published, a new one is visible at once.

    Side effects: audit entry.
    """
    event = lock(event)
    _check_changeable(event)
    if kind not in MaterialKind.values:
        raise ApplicationError("Choose whether these are slides, notes or another document.")
    title, body = title.strip(), body.strip()
    if not title:
        raise ApplicationError("Enter a title, for example Slides from the morning session.")
    if not body and file is None:
        raise ApplicationError("Choose a file, write the notes, or both.")
    file_type = upload_check(file) if file is not None else ""
    material = Material.objects.create(
        event=event,
        kind=kind,
        title=title,
        body=body,
        file=file or "",
        file_type=file_type,
        added_by=actor,
    )
    audit_record(
        actor=actor,
        action="material.add",
        obj=material,
        organisation=event.organisation,
        after={"kind": kind, "title": title, "file": bool(file)},
    )
    return material


@transaction.atomic
def material_delete(*, actor: User, material: Material) -> None:
    storage, name = material.file.storage, material.file.name
    audit_record(
        actor=actor,
        action="material.delete",
        obj=material,
        organisation=material.event.organisation,
        before={"title": material.title},
    )
    material.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def event_question_add(*, actor: User, event: Event, question: str, answer: str) -> EventQuestion:
    """A question answered at the event, for the Q&A summary. Side effects: audit entry."""
    event = lock(event)
    _check_changeable(event)
    question, answer = question.strip(), answer.strip()
    if not question:
        raise ApplicationError("Enter the question as it was asked, without who asked it.")
    if not answer:
        raise ApplicationError("Enter the answer that was given.")
    item = EventQuestion.objects.create(
        event=event,
        question=question,
        answer=answer,
        position=event.questions.count() + 1,
    )
    audit_record(
        actor=actor,
        action="event_question.add",
        obj=item,
        organisation=event.organisation,
        after={"question": question[:200]},
    )
    return item


@transaction.atomic
def event_question_delete(*, actor: User, item: EventQuestion) -> None:
    if item.clarification_id:
        raise ApplicationError(
            "This answer has been published as a clarification of the opportunity, so it "
            "stays in the Q&A summary."
        )
    audit_record(
        actor=actor,
        action="event_question.delete",
        obj=item,
        organisation=item.event.organisation,
        before={"question": item.question[:200]},
    )
    item.delete()


def _everyone_registered(event: Event) -> dict[str, str]:
    """Everyone registered on the event, and on the linked opportunity (the same people, told
    at the same moment), with the page each should open. People without an account get a new
    management link, since the materials are only shown to those who prove they registered.
    """
    links: dict[str, str] = {}
    if event.opportunity_id:
        interests = event.opportunity.interests.all()
        emails = set(
            interests.filter(organisation__memberships__role=MembershipRole.ADMIN).values_list(
                "organisation__memberships__user__email", flat=True
            )
        ) | set(
            interests.exclude(registered_by=None).values_list("registered_by__email", flat=True)
        )
        links |= {email.lower(): event.get_absolute_url() for email in emails if email}
    registrations = event.registrations.filter(
        status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    )
    for registration in registrations:
        if registration.user_id is None:
            path = manage_path(manage_token_new(registration))
            registration.save(update_fields=["manage_digest", "updated_at"])
        else:
            path = event.get_absolute_url()
        links[registration.email.lower()] = path
    return links


@transaction.atomic
def materials_publish(*, actor: User, event: Event) -> Event:
    """Publish the slides, notes and Q&A summary to everyone registered on the event and on the
    linked opportunity, all at the same moment.

    Side effects: one email to each of them; audit entry.
    """
    event = lock(event)
    _check_changeable(event)
    if event.materials_published_at is not None:
        raise ApplicationError("The materials have already been published.")
    if not event.materials.exists() and not event.questions.exists():
        raise ApplicationError("Add the slides, notes or a question and answer first.")
    event.materials_published_at = timezone.now()
    event.save(update_fields=["materials_published_at", "updated_at"])
    recipients = _everyone_registered(event)
    audit_record(
        actor=actor,
        action="event.materials_publish",
        obj=event,
        organisation=event.organisation,
        after={
            "materials": event.materials.count(),
            "questions": event.questions.count(),
            "recipients": len(recipients),
        },
    )
    for email, path in sorted(recipients.items()):
        email_send(
            to=[email],
            template="engagement/email/materials_published",
            context={"event": event, "path": path},
        )
    return event


@transaction.atomic
def event_question_copy_to_clarifications(*, actor: User, item: EventQuestion) -> EventQuestion:
    """Publish a question answered at the event as a clarification of the linked opportunity,
    through the tender builder's own question and answer services (so every bidder hears of
    it and, for a tender, an OCDS release is emitted).

    Side effects: those of tenders.services.engagement.question_ask and question_answer
    (without telling the commissioners of a question they answered themselves); audit entry.
    """
    item = EventQuestion.objects.select_for_update().select_related("event").get(pk=item.pk)
    event = item.event
    opportunity = event.opportunity
    if opportunity is None:
        raise ApplicationError("This event is not linked to an opportunity.")
    if item.clarification_id:
        raise ApplicationError("This answer has already been published as a clarification.")
    if opportunity.status != OpportunityStatus.PUBLISHED:
        raise ApplicationError(
            f"“{opportunity.title}” is not open, so clarifications cannot be published. Copy "
            "the answer once it is published."
        )
    question = tender_engagement.question_ask(
        actor=actor,
        opportunity=opportunity,
        organisation=event.organisation,
        text=item.question,
        notify=False,
    )
    question = tender_engagement.question_answer(
        actor=actor, question=question, answer=item.answer, publish=True
    )
    item.clarification = question
    item.copied_at = timezone.now()
    item.save(update_fields=["clarification", "copied_at", "updated_at"])
    audit_record(
        actor=actor,
        action="event_question.copy",
        obj=item,
        organisation=event.organisation,
        after={"opportunity": opportunity.reference, "clarification": question.pk},
    )
    return item
