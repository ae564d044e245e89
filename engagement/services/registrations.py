"""Places at events: registering (signed in, or as a guest who confirms by email), the waiting
list, cancelling, check-in on the day and reminders before it.

Every change to who has a place happens with the event's row locked (events.lock), so
concurrent registrations queue up and an event is never over-booked.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.constants import OrganisationKind, OrganisationType
from accounts.models import Organisation, User
from accounts.rules import is_member_of
from accounts.tokens import new_token, token_digest
from commissioning.models import ArtForm
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from engagement.constants import (
    ACTIVE_STATUSES,
    ARTS_TYPES,
    GUEST_CONFIRMATION_HOURS,
    REMINDER_HOURS,
    Attendance,
    Audience,
    EventStatus,
    RegistrationStatus,
)
from engagement.models import Event, Registration
from engagement.services.events import lock

INVALID_EMAIL = "Enter an email address in the correct format, like name@example.com"


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    if not email:
        raise ApplicationError("Enter an email address.")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ApplicationError(INVALID_EMAIL) from exc
    return email


def _check_open(event: Event) -> None:
    if event.status != EventStatus.PUBLISHED:
        if event.status == EventStatus.CANCELLED:
            raise ApplicationError("This event has been cancelled.")
        raise ApplicationError("This event is not open for registration.")
    if event.registration_closes_at <= timezone.now():
        closed = timezone.localtime(event.registration_closes_at)
        raise ApplicationError(
            f"Registration for this event closed on {closed:%-d %B %Y at %H:%M}."
        )


def _check_not_registered(event: Event, email: str) -> None:
    existing = event.registrations.filter(email__iexact=email, status__in=ACTIVE_STATUSES).first()
    if existing is None:
        return
    if existing.status == RegistrationStatus.WAITLISTED:
        raise ApplicationError(f"{email} is already on the waiting list for this event.")
    raise ApplicationError(f"{email} is already registered for this event.")


def _place_status(event: Event) -> str:
    """A place if there is one left, otherwise the waiting list (call with the event locked)."""
    if event.capacity is None:
        return RegistrationStatus.CONFIRMED
    taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return RegistrationStatus.CONFIRMED if taken < event.capacity else RegistrationStatus.WAITLISTED


def _set_place(registration: Registration, status: str) -> None:
    now = timezone.now()
    registration.status = status
    if status == RegistrationStatus.CONFIRMED:
        registration.confirmed_at = now
    else:
        registration.waitlisted_at = now


def _is_arts(organisation_type: str, art_form_ids: list[int]) -> bool:
    return organisation_type in ARTS_TYPES or bool(art_form_ids)


def _organisation_art_form_ids(organisation: Organisation | None) -> list[int]:
    profile = getattr(organisation, "profile", None) if organisation is not None else None
    return [a.pk for a in profile.art_forms.all()] if profile is not None else []


def _audit(
    *, actor: User | None, action: str, registration: Registration, before: dict | None = None
) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=registration,
        organisation=registration.event.organisation,
        before=before,
        after={
            "status": registration.status,
            "organisation": registration.organisation_name,
            "attendance": registration.attendance,
        },
    )


def manage_token_new(registration: Registration) -> str:
    """A new token for the management link of someone without an account (the earlier link
    stops working). Only its digest is kept; call before saving the registration."""
    token = new_token()
    registration.manage_digest = token_digest(token)
    return token


def manage_path(token: str) -> str:
    return reverse("engagement:guest_manage", kwargs={"token": token})


def _email_place(registration: Registration, *, path: str = "") -> None:
    """Tell the person whether they have a place or are on the waiting list."""
    event = registration.event
    path = path or reverse("engagement:registration_detail", kwargs={"pk": registration.pk})
    email_send(
        to=[registration.email],
        template=(
            "engagement/email/registered"
            if registration.status == RegistrationStatus.CONFIRMED
            else "engagement/email/waitlisted"
        ),
        context={"event": event, "registration": registration, "path": path},
    )


@transaction.atomic
def registration_create(
    *,
    actor: User,
    event: Event,
    organisation: Organisation | None,
    name: str = "",
    email: str = "",
    organisation_name: str = "",
    organisation_type: str = "",
) -> Registration:
    """A signed-in person registers themselves, or (with `name` and `email`) a colleague, for
    the organisation they act for. Without an organisation they give its name and type.

    Side effects: audit entry; the attendee is emailed whether they have a place or are on
    the waiting list.
    """
    event = lock(event)
    _check_open(event)
    if organisation is not None and not is_member_of(actor, organisation):
        raise ApplicationError("You can only register people from organisations you belong to.")
    if event.audience == Audience.PROVIDERS and (
        organisation is None or organisation.kind == OrganisationKind.COMMISSIONER
    ):
        raise ApplicationError(
            "Only providers can register for this event: act for a provider organisation."
        )
    if event.audience == Audience.INVITED and (
        organisation is None or not event.invitations.filter(organisation=organisation).exists()
    ):
        raise ApplicationError(
            "This event is by invitation only, and your organisation has not been invited."
        )
    colleague = bool(email.strip()) and email.strip().lower() != actor.email.lower()
    if colleague:
        email = _clean_email(email)
        name = name.strip()
        if not name:
            raise ApplicationError("Enter your colleague's name.")
        attendee = User.objects.filter(email__iexact=email).first()
        if organisation is not None and attendee and not is_member_of(attendee, organisation):
            attendee = None
    else:
        email, name, attendee = actor.email.lower(), actor.full_name or actor.email, actor
    if organisation is not None:
        organisation_name, organisation_type = organisation.name, organisation.type
    else:
        organisation_name = organisation_name.strip()
        if not organisation_name:
            raise ApplicationError("Enter the name of your organisation, or 'None'.")
        if organisation_type and organisation_type not in OrganisationType.values:
            raise ApplicationError("Choose what kind of organisation it is.")
    _check_not_registered(event, email)
    art_form_ids = _organisation_art_form_ids(organisation)
    registration = Registration(
        event=event,
        user=attendee,
        organisation=organisation,
        registered_by=actor,
        name=name,
        email=email,
        organisation_name=organisation_name,
        organisation_type=organisation_type,
        is_arts_cultural=_is_arts(organisation_type, art_form_ids),
    )
    _set_place(registration, _place_status(event))
    registration.save()
    registration.art_forms.set(art_form_ids)
    _audit(actor=actor, action="registration.create", registration=registration)
    _email_place(registration)
    return registration


@transaction.atomic
def registration_add(
    *,
    actor: User,
    event: Event,
    name: str,
    email: str,
    organisation_name: str,
    organisation_type: str = "",
    organisation: Organisation | None = None,
    art_forms: Iterable[ArtForm] = (),
    notify: bool = True,
) -> Registration:
    """The organiser adds someone who signed up another way (by phone, at the door). It takes
    a place if there is one, like any registration, but ignores the deadline and audience.

    Side effects: audit entry; the person is emailed unless `notify` is off.
    """
    event = lock(event)
    if event.status not in (EventStatus.PUBLISHED, EventStatus.HELD):
        raise ApplicationError("People can only be added to an open event.")
    email = _clean_email(email)
    name = name.strip()
    if not name:
        raise ApplicationError("Enter the person's name.")
    if organisation is not None:
        organisation_name, organisation_type = organisation.name, organisation.type
    if not organisation_name.strip():
        raise ApplicationError("Enter the name of their organisation.")
    _check_not_registered(event, email)
    art_form_ids = [a.pk for a in art_forms] or _organisation_art_form_ids(organisation)
    registration = Registration(
        event=event,
        organisation=organisation,
        registered_by=actor,
        name=name,
        email=email,
        organisation_name=organisation_name.strip(),
        organisation_type=organisation_type,
        is_arts_cultural=_is_arts(organisation_type, art_form_ids),
    )
    _set_place(registration, _place_status(event))
    path = manage_path(manage_token_new(registration))
    registration.save()
    registration.art_forms.set(art_form_ids)
    _audit(actor=actor, action="registration.add", registration=registration)
    if notify:
        email_send(
            to=[registration.email],
            template=(
                "engagement/email/registered"
                if registration.status == RegistrationStatus.CONFIRMED
                else "engagement/email/waitlisted"
            ),
            context={"event": event, "registration": registration, "path": path},
        )
    return registration


@transaction.atomic
def registration_create_guest(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str,
    organisation_type: str,
    art_forms: Iterable[ArtForm] = (),
) -> Registration:
    """Someone without an account registers: nothing is held for them until they follow the
    link in the email we send (a single-use token; only its digest is kept). Registering
    again before confirming sends a fresh link.

    Side effects: audit entry; the confirmation email.
    """
    event = lock(event)
    _check_open(event)
    if event.audience != Audience.ANYONE:
        raise ApplicationError(
            "Only providers signed in to the platform can register for this event. Sign in, "
            "or create an account for your organisation."
        )
    email = _clean_email(email)
    name, organisation_name = name.strip(), organisation_name.strip()
    if not name:
        raise ApplicationError("Enter your name.")
    if not organisation_name:
        raise ApplicationError(
            "Enter the name of your organisation (or your own name if you work freelance)."
        )
    if organisation_type not in OrganisationType.values:
        raise ApplicationError("Choose what kind of organisation it is.")
    token = new_token()
    expires = min(
        timezone.now() + datetime.timedelta(hours=GUEST_CONFIRMATION_HOURS),
        event.registration_closes_at,
    )
    pending = event.registrations.filter(
        email__iexact=email, status=RegistrationStatus.PENDING
    ).first()
    if pending is None:
        _check_not_registered(event, email)
        registration = Registration(event=event, email=email, status=RegistrationStatus.PENDING)
    else:
        registration = pending
    art_form_ids = [a.pk for a in art_forms]
    registration.name = name
    registration.organisation_name = organisation_name
    registration.organisation_type = organisation_type
    registration.is_arts_cultural = _is_arts(organisation_type, art_form_ids)
    registration.token_digest = token_digest(token)
    registration.token_expires_at = expires
    registration.save()
    registration.art_forms.set(art_form_ids)
    _audit(actor=None, action="registration.guest", registration=registration)
    email_send(
        to=[email],
        template="engagement/email/guest_confirm",
        context={
            "event": event,
            "registration": registration,
            "path": reverse("engagement:guest_confirm", kwargs={"token": token}),
            "expires_at": expires,
        },
    )
    return registration


@transaction.atomic
def registration_confirm(*, registration: Registration) -> tuple[Registration, str]:
    """A guest followed their link: they get a place, or join the waiting list. The link stops
    working; the returned token is for the link they manage their registration with.

    Side effects: audit entry; an email with the place (or queue) and the management link.
    """
    event = lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING or not registration.token_digest:
        raise ApplicationError("This link has already been used. Check your email for another.")
    if registration.token_expires_at and registration.token_expires_at <= timezone.now():
        raise ApplicationError(
            "This link has expired. Register again to get a new one, if registration is still open."
        )
    _check_open(event)
    _set_place(registration, _place_status(event))
    manage_token = manage_token_new(registration)
    registration.token_digest = ""
    registration.token_expires_at = None
    registration.save()
    _audit(
        actor=None,
        action="registration.confirm",
        registration=registration,
        before={"status": RegistrationStatus.PENDING},
    )
    _email_place(registration, path=manage_path(manage_token))
    return registration, manage_token


def waiting_list_promote(*, event: Event, actor: User | None) -> list[Registration]:
    """Give free places to the waiting list, first come first served (call with the event
    locked). Side effects: audit entries; each person promoted is emailed."""
    if event.status != EventStatus.PUBLISHED or event.starts_at <= timezone.now():
        return []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )
    if event.capacity is not None:
        taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        waiting = waiting[: max(event.capacity - taken, 0)]
    promoted = []
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        _audit(
            actor=actor,
            action="registration.promote",
            registration=registration,
            before={"status": RegistrationStatus.WAITLISTED},
        )
        email_send(
            to=[registration.email],
            template="engagement/email/promoted",
            context={"event": event, "registration": registration},
        )
        promoted.append(registration)
    return promoted


@transaction.atomic
def registration_cancel(*, actor: User | None, registration: Registration) -> Registration:
    """Give up a place (or a place in the queue); the first on the waiting list gets it.

    Side effects: audit entries; the person is emailed, and so is anyone promoted.
    """
    event = lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise ApplicationError("This registration has already been cancelled.")
    if event.status != EventStatus.PUBLISHED or event.starts_at <= timezone.now():
        raise ApplicationError("The event has started, so registrations can no longer change.")
    before = {"status": registration.status}
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.token_digest = ""
    registration.save()
    _audit(actor=actor, action="registration.cancel", registration=registration, before=before)
    if before["status"] != RegistrationStatus.PENDING:
        email_send(
            to=[registration.email],
            template="engagement/email/cancelled",
            context={"event": event, "registration": registration},
        )
    waiting_list_promote(event=event, actor=actor)
    return registration


@transaction.atomic
def attendance_record(*, actor: User, registration: Registration, attended: bool) -> Registration:
    """Tick someone in on the day (or untick a mistake). Only people with a place are on the
    check-in list.

    Side effects: audit entry.
    """
    registration = (
        Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    )
    event = registration.event
    if event.status not in (EventStatus.PUBLISHED, EventStatus.HELD):
        raise ApplicationError("Attendance can only be recorded for an open or held event.")
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ApplicationError(f"{registration.name} does not have a place at this event.")
    if timezone.localtime(event.starts_at).date() > timezone.localdate() + datetime.timedelta(
        days=1
    ):
        raise ApplicationError("Check-in opens the day before the event.")
    before = {"attendance": registration.attendance}
    if attended:
        registration.attendance = Attendance.ATTENDED
        registration.checked_in_at = registration.checked_in_at or timezone.now()
    else:
        registration.attendance = (
            Attendance.NO_SHOW if event.status == EventStatus.HELD else Attendance.UNKNOWN
        )
        registration.checked_in_at = None
    registration.save(update_fields=["attendance", "checked_in_at", "updated_at"])
    if before["attendance"] != registration.attendance:
        _audit(
            actor=actor, action="registration.attendance", registration=registration, before=before
        )
    return registration


def reminders_send() -> int:
    """Email everyone with a place at an event starting in the next REMINDER_HOURS who has not
    been reminded yet, with the joining details (run hourly by Celery beat; safe to repeat).

    Side effects: one email per person; `reminded_at` is set so nobody is reminded twice.
    """
    now = timezone.now()
    sent = 0
    with transaction.atomic():
        due = (
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event")
            .filter(
                status=RegistrationStatus.CONFIRMED,
                reminded_at__isnull=True,
                event__status=EventStatus.PUBLISHED,
                event__starts_at__gt=now,
                event__starts_at__lte=now + datetime.timedelta(hours=REMINDER_HOURS),
            )
            .order_by("pk")
        )
        for registration in due:
            email_send(
                to=[registration.email],
                template="engagement/email/reminder",
                context={"event": registration.event, "registration": registration},
            )
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at", "updated_at"])
            sent += 1
    return sent
