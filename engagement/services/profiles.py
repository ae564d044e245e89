""" "Who's in the room": the paragraph attendees write about themselves (shared only with their
consent), expressions of interest in a programme, and "contact this organisation" messages
sent through the platform so nobody's email address is shown."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Organisation, User
from commissioning.models import ArtForm, OutcomeArea, Programme
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from engagement.constants import (
    ACTIVE_STATUSES,
    CONTACT_DAILY_LIMIT,
    PROFILE_WORD_LIMIT,
    EventStatus,
    RegistrationStatus,
)
from engagement.models import (
    AttendeeProfile,
    ContactMessage,
    Event,
    ProgrammeInterest,
    Registration,
)

CONTACT_MAX_CHARACTERS = 2000


def word_count(text: str) -> int:
    return len(text.split())


def _owner_organisation(profile: AttendeeProfile) -> Organisation | None:
    if profile.registration_id:
        return profile.registration.event.organisation
    return profile.interest.programme.organisation


@transaction.atomic
def profile_save(
    *,
    actor: User | None,
    about: str,
    consent: bool,
    registration: Registration | None = None,
    interest: ProgrammeInterest | None = None,
    looking_for_partners: bool = False,
    partner_note: str = "",
    outcome_areas: Iterable[OutcomeArea] = (),
    art_forms: Iterable[ArtForm] | None = None,
) -> AttendeeProfile:
    """Write or change the profile paragraph of a registration (until the event starts) or of
    an expression of interest. Without `consent` it is kept but nobody except its author and
    the organiser sees it.

    Side effects: audit entry (the consent and partner flag, not the text).
    """
    if (registration is None) == (interest is None):
        raise ApplicationError(
            "A profile belongs to one registration or one expression of interest."
        )
    about = about.strip()
    if not about:
        raise ApplicationError(
            "Write a few sentences about who you are, your interests and experience."
        )
    words = word_count(about)
    if words > PROFILE_WORD_LIMIT:
        raise ApplicationError(
            f"Your profile must be {PROFILE_WORD_LIMIT} words or fewer. It has {words} words."
        )
    partner_note = partner_note.strip()
    if registration is not None:
        registration = Registration.objects.select_related("event", "organisation").get(
            pk=registration.pk
        )
        if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
            raise ApplicationError("Only people registered for the event can write a profile.")
        if registration.event.starts_at <= timezone.now():
            raise ApplicationError(
                "Profiles can be changed until the event starts. You can still withdraw yours."
            )
        owner = {
            "registration": registration,
            "organisation": registration.organisation,
            "name": registration.name,
            "organisation_name": registration.organisation_name,
            "organisation_type": registration.organisation_type,
        }
        default_art_forms = list(registration.art_forms.all())
    else:
        interest = ProgrammeInterest.objects.select_related(
            "organisation", "registered_by", "programme"
        ).get(pk=interest.pk)
        organisation = interest.organisation
        owner = {
            "interest": interest,
            "organisation": organisation,
            "name": str(interest.registered_by or organisation),
            "organisation_name": organisation.name,
            "organisation_type": organisation.type,
        }
        profile = getattr(organisation, "profile", None)
        default_art_forms = list(profile.art_forms.all()) if profile is not None else []
    lookup = {"registration": registration} if registration else {"interest": interest}
    profile = AttendeeProfile.objects.select_for_update().filter(**lookup).first()
    created = profile is None
    if profile is None:
        profile = AttendeeProfile(**lookup)
    before = {"consented": profile.is_shared, "looking_for_partners": profile.looking_for_partners}
    for name, value in owner.items():
        setattr(profile, name, value)
    profile.about = about
    profile.looking_for_partners = looking_for_partners
    profile.partner_note = partner_note if looking_for_partners else ""
    if consent and profile.consented_at is None:
        profile.consented_at = timezone.now()
    elif not consent:
        profile.consented_at = None
    profile.save()
    profile.outcome_areas.set(outcome_areas)
    profile.art_forms.set(art_forms if art_forms is not None else default_art_forms)
    audit_record(
        actor=actor,
        action="profile.create" if created else "profile.update",
        obj=profile,
        organisation=_owner_organisation(profile),
        before=None if created else before,
        after={
            "consented": profile.is_shared,
            "looking_for_partners": profile.looking_for_partners,
            "words": words,
        },
    )
    return profile


@transaction.atomic
def profile_withdraw(*, actor: User | None, profile: AttendeeProfile) -> None:
    """Remove the profile from the board and delete its text, at any time.

    Side effects: audit entry.
    """
    audit_record(
        actor=actor,
        action="profile.withdraw",
        obj=profile,
        organisation=_owner_organisation(profile),
        before={"consented": profile.is_shared, "organisation": profile.organisation_name},
    )
    profile.delete()


@transaction.atomic
def programme_interest_register(
    *, actor: User, programme: Programme, organisation: Organisation
) -> ProgrammeInterest:
    """ "Interested in this programme": the organisation joins the programme's public list and
    may add a profile to the boards of its events without attending.

    Side effects: audit entry.
    """
    if organisation.is_commissioner:
        raise ApplicationError("Only providers can express interest in a programme.")
    if programme.status == "closed":
        raise ApplicationError("This programme has closed.")
    try:
        with transaction.atomic():
            interest = ProgrammeInterest.objects.create(
                programme=programme, organisation=organisation, registered_by=actor
            )
    except IntegrityError as exc:
        raise ApplicationError(
            f"{organisation.name} has already expressed interest in this programme."
        ) from exc
    audit_record(
        actor=actor,
        action="programme_interest.create",
        obj=interest,
        organisation=programme.organisation,
        after={"organisation": organisation.name, "programme": programme.name},
    )
    return interest


@transaction.atomic
def programme_interest_withdraw(*, actor: User, interest: ProgrammeInterest) -> None:
    """Leave the programme's list; the profile goes with it. Side effects: audit entry."""
    audit_record(
        actor=actor,
        action="programme_interest.withdraw",
        obj=interest,
        organisation=interest.programme.organisation,
        before={"organisation": interest.organisation.name},
    )
    interest.delete()


def profile_on_board(*, event: Event, profile: AttendeeProfile) -> bool:
    """Whether the profile is one the event's board shows."""
    if not profile.is_shared:
        return False
    if profile.registration_id:
        registration = profile.registration
        return registration.event_id == event.pk and registration.status in (
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITLISTED,
        )
    return event.programme_id is not None and profile.interest.programme_id == event.programme_id


def _recipient(profile: AttendeeProfile) -> str:
    if profile.registration_id:
        return profile.registration.email
    interest = profile.interest
    if interest.registered_by_id:
        return interest.registered_by.email
    return ""


@transaction.atomic
def contact_send(
    *,
    event: Event,
    profile: AttendeeProfile,
    body: str,
    sender: User | None = None,
    sender_registration: Registration | None = None,
    sender_organisation: Organisation | None = None,
    share_email: bool = False,
) -> ContactMessage:
    """ "Contact this organisation": the message is emailed to the profile's author by the
    platform. The sender never sees the recipient's address; the recipient sees the sender's
    only if they chose to share it.

    Side effects: the email; audit entry (without the message text).
    """
    if sender is None and sender_registration is None:
        raise ApplicationError("Sign in, or use the link in your registration email, to send.")
    if event.status == EventStatus.CANCELLED:
        raise ApplicationError("This event has been cancelled.")
    if not profile_on_board(event=event, profile=profile):
        raise ApplicationError("This profile is no longer shared on the board.")
    body = body.strip()
    if not body:
        raise ApplicationError("Write your message.")
    if len(body) > CONTACT_MAX_CHARACTERS:
        raise ApplicationError(
            f"Your message must be {CONTACT_MAX_CHARACTERS:,} characters or fewer. "
            f"It has {len(body):,}."
        )
    if sender is not None:
        sender_name = sender.full_name or sender.email
        sender_email = sender.email
        organisation_name = sender_organisation.name if sender_organisation else ""
        already = ContactMessage.objects.filter(sender=sender)
    else:
        if sender_registration.status not in ACTIVE_STATUSES:
            raise ApplicationError("Your registration has been cancelled.")
        sender_name = sender_registration.name
        sender_email = sender_registration.email
        organisation_name = sender_registration.organisation_name
        already = ContactMessage.objects.filter(sender_registration=sender_registration)
    recipient = _recipient(profile)
    if not recipient:
        raise ApplicationError("This organisation cannot be contacted through the platform.")
    if recipient.lower() == sender_email.lower():
        raise ApplicationError("This is your own profile.")
    since = timezone.now() - datetime.timedelta(days=1)
    if already.filter(created_at__gte=since).count() >= CONTACT_DAILY_LIMIT:
        raise ApplicationError(
            f"You can send {CONTACT_DAILY_LIMIT} messages a day. Try again tomorrow."
        )
    message = ContactMessage.objects.create(
        event=event,
        profile=profile,
        sender=sender,
        sender_registration=sender_registration,
        sender_name=sender_name,
        sender_organisation=organisation_name,
        recipient_organisation=profile.organisation_name,
        body=body,
        share_email=share_email,
    )
    email_send(
        to=[recipient],
        template="engagement/email/contact",
        context={
            "event": event,
            "profile": profile,
            "message": message,
            "sender_email": sender_email if share_email else "",
        },
    )
    audit_record(
        actor=sender,
        action="contact.send",
        obj=message,
        # The sender's own trail: who wrote to whom is not the organiser's business.
        organisation=sender_organisation,
        after={
            "from": organisation_name or sender_name,
            "to": profile.organisation_name,
            "email_shared": share_email,
        },
    )
    return message
