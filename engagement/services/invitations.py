"""Personal invitations to an event, in the commissioner's own name: in Kent, arts
organisations came when a known contact wrote to them, not when the portal did."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from accounts.constants import MembershipRole
from accounts.models import Organisation, User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from engagement.constants import EventStatus
from engagement.models import Event, EventInvitation


def _recipients(organisation: Organisation) -> list[str]:
    """The organisation's admins and its directory contact."""
    emails = set(
        organisation.memberships.filter(role=MembershipRole.ADMIN).values_list(
            "user__email", flat=True
        )
    )
    profile = getattr(organisation, "profile", None)
    if profile is not None and profile.contact_email:
        emails.add(profile.contact_email)
    return sorted({email.lower() for email in emails})


@transaction.atomic
def invitations_send(
    *,
    actor: User,
    event: Event,
    organisations: Iterable[Organisation],
    message: str = "",
) -> list[EventInvitation]:
    """Side effects: an email from the commissioner's name to each organisation's admins and
    directory contact; an audit entry each. Organisations already invited are skipped."""
    event = Event.objects.get(pk=event.pk)
    if event.status not in (EventStatus.DRAFT, EventStatus.PUBLISHED) or event.is_past:
        raise ApplicationError("Invitations can only be sent before the event.")
    message = message.strip()
    sent = []
    for organisation in organisations:
        if organisation.is_commissioner:
            continue
        recipients = _recipients(organisation)
        try:
            with transaction.atomic():
                invitation = EventInvitation.objects.create(
                    event=event,
                    organisation=organisation,
                    sent_by=actor,
                    message=message,
                    sent_to=recipients,
                )
        except IntegrityError:
            continue
        if recipients:
            email_send(
                to=recipients,
                template="engagement/email/invitation",
                context={
                    "event": event,
                    "organisation": organisation,
                    "sender": actor,
                    "message": message,
                },
            )
        audit_record(
            actor=actor,
            action="event.invite",
            obj=invitation,
            organisation=event.organisation,
            after={"organisation": organisation.name, "to": recipients},
        )
        sent.append(invitation)
    return sent
