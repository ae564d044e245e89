"""Creating, changing and moving an event through its life: draft, open, held, cancelled.

Every move is checked against engagement.constants.TRANSITIONS and audited. People registered
hear about changes to the time or place, and about cancellation.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from commissioning.models import Area, ArtForm, OutcomeArea, Programme
from core.audit import audit_record, snapshot
from core.emails import email_send
from core.errors import ApplicationError
from engagement.constants import (
    TRANSITIONS,
    Attendance,
    Audience,
    EventKind,
    EventStatus,
    RegistrationStatus,
)
from engagement.models import Event
from tenders.models import Opportunity
from tenders.selectors import opportunity_outcome_area_ids

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "agenda",
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "venue_postcode",
    "venue_accessibility",
    "online_details",
    "capacity",
    "registration_deadline",
    "audience",
)
# event_update leaves the programme and opportunity as they are unless told otherwise.
UNCHANGED: Any = object()
# A change to any of these is emailed to everyone registered.
NOTIFIED_FIELDS = (
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "venue_postcode",
    "online_details",
)


def lock(event: Event) -> Event:
    """The event, locked for this transaction: registrations for one event queue up here, so
    two people can never take the last place at once."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _links(
    *, organisation: Organisation, programme: Programme | None, opportunity: Opportunity | None
) -> Programme | None:
    """The programme the event belongs to (an opportunity's own, when only that is given)."""
    if opportunity is not None:
        if opportunity.organisation_id != organisation.pk:
            raise ApplicationError("Choose one of your own organisation's opportunities.")
        if programme is None:
            programme = opportunity.programme
        elif opportunity.programme_id != programme.pk:
            raise ApplicationError(
                f"“{opportunity.title}” belongs to the programme “{opportunity.programme}”: "
                "choose that programme, or no programme."
            )
    if programme is not None and programme.organisation_id != organisation.pk:
        raise ApplicationError("Choose one of your own organisation's programmes.")
    return programme


def _check(event: Event) -> None:
    """Refusals a person can act on, before the database's own constraints."""
    problems = []
    if not event.title.strip():
        problems.append("Enter a title.")
    if not event.description.strip():
        problems.append("Describe what the event is for and who should come.")
    if event.kind not in EventKind.values:
        problems.append("Choose what kind of event this is.")
    if event.audience not in Audience.values:
        problems.append("Choose who may register.")
    if event.ends_at <= event.starts_at:
        problems.append("The event must end after it starts.")
    if event.registration_deadline and event.registration_deadline > event.ends_at:
        problems.append("Registration must close before the event ends.")
    if not event.venue_name.strip() and not event.online_details.strip():
        problems.append("Give a venue, online joining details, or both.")
    if event.capacity is not None and event.capacity < 1:
        problems.append("The number of places must be at least 1, or leave it empty.")
    if problems:
        raise ApplicationError(" ".join(problems), extra={"problems": problems})
    try:
        event.full_clean(exclude=["organisation", "programme", "opportunity", "created_by"])
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages)) from exc


def _default_audience_terms(
    programme: Programme | None, opportunity: Opportunity | None
) -> tuple[list[int], list[int], list[int]]:
    """Outcome areas, art forms and areas to start from: the opportunity's, else the
    programme's."""
    if opportunity is not None:
        return (
            opportunity_outcome_area_ids(opportunity),
            [a.pk for a in opportunity.art_forms.all()],
            [a.pk for a in opportunity.areas.all()],
        )
    if programme is not None:
        return (
            [o.pk for o in programme.outcome_areas.all()],
            [],
            [a.pk for a in programme.areas.all()],
        )
    return [], [], []


@transaction.atomic
def event_create(
    *,
    actor: User,
    organisation: Organisation,
    kind: str,
    title: str,
    description: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    programme: Programme | None = None,
    opportunity: Opportunity | None = None,
    outcome_areas: Iterable[OutcomeArea] | None = None,
    art_forms: Iterable[ArtForm] | None = None,
    areas: Iterable[Area] | None = None,
    **fields: Any,
) -> Event:
    """A draft event. Outcome areas, art forms and areas default to the opportunity's (or the
    programme's), so the matching providers can be invited at once.

    Side effects: audit entry.
    """
    if not organisation.is_commissioner:
        raise ApplicationError("Only commissioning organisations can run events here.")
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ApplicationError(f"These details cannot be set: {', '.join(sorted(unknown))}")
    programme = _links(organisation=organisation, programme=programme, opportunity=opportunity)
    event = Event(
        organisation=organisation,
        programme=programme,
        opportunity=opportunity,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor,
        **fields,
    )
    _check(event)
    event.save()
    outcome_ids, art_form_ids, area_ids = _default_audience_terms(programme, opportunity)
    event.outcome_areas.set(outcome_areas if outcome_areas is not None else outcome_ids)
    event.art_forms.set(art_forms if art_forms is not None else art_form_ids)
    event.areas.set(areas if areas is not None else area_ids)
    audit_record(
        actor=actor,
        action="event.create",
        obj=event,
        organisation=organisation,
        after={
            **snapshot(event, ("kind", "title", "starts_at", "audience", "capacity")),
            "programme": programme.name if programme else None,
            "opportunity": opportunity.reference if opportunity else None,
        },
    )
    return event


@transaction.atomic
def event_update(
    *,
    actor: User,
    event: Event,
    programme: Programme | object | None = UNCHANGED,
    opportunity: Opportunity | object | None = UNCHANGED,
    outcome_areas: Iterable[OutcomeArea] | None = None,
    art_forms: Iterable[ArtForm] | None = None,
    areas: Iterable[Area] | None = None,
    **changes: Any,
) -> Event:
    """Change a draft or open event. Places cannot drop below those already taken; more
    places go to the waiting list at once.

    Side effects: audit entry; when an open event's time or place changes, everyone registered
    is emailed; people promoted from the waiting list are emailed.
    """
    from engagement.services.registrations import waiting_list_promote  # noqa: PLC0415

    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise ApplicationError(f"These details cannot be changed: {', '.join(sorted(unknown))}")
    event = lock(event)
    if event.status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
        raise ApplicationError(
            f"A {event.get_status_display().lower()} event can no longer be changed."
        )
    fields = list(changes)
    before = snapshot(event, [*fields, "programme", "opportunity"])
    for name, value in changes.items():
        setattr(event, name, value.strip() if isinstance(value, str) else value)
    if programme is not UNCHANGED or opportunity is not UNCHANGED:
        new_opportunity = event.opportunity if opportunity is UNCHANGED else opportunity
        new_programme = event.programme if programme is UNCHANGED else programme
        event.programme = _links(
            organisation=event.organisation, programme=new_programme, opportunity=new_opportunity
        )
        event.opportunity = new_opportunity
    if "capacity" in changes and event.capacity is not None:
        taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        if event.capacity < taken:
            raise ApplicationError(
                f"{taken} people already have places, so there must be at least {taken} places."
            )
    _check(event)
    event.save()
    if outcome_areas is not None:
        event.outcome_areas.set(outcome_areas)
    if art_forms is not None:
        event.art_forms.set(art_forms)
    if areas is not None:
        event.areas.set(areas)
    after = snapshot(event, [*fields, "programme", "opportunity"])
    audit_record(
        actor=actor,
        action="event.update",
        obj=event,
        organisation=event.organisation,
        before={k: v for k, v in before.items() if after.get(k) != v},
        after={k: v for k, v in after.items() if before.get(k) != v},
    )
    moved = [name for name in NOTIFIED_FIELDS if before.get(name) != after.get(name)]
    if event.status == EventStatus.PUBLISHED and moved:
        _email_registered(event=event, template="engagement/email/event_changed")
    if event.status == EventStatus.PUBLISHED:
        waiting_list_promote(event=event, actor=actor)
    return event


def _email_registered(*, event: Event, template: str, context: dict | None = None) -> None:
    """One email to each person with a place or on the waiting list."""
    registrations = event.registrations.filter(
        status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    )
    for registration in registrations:
        email_send(
            to=[registration.email],
            template=template,
            context={"event": event, "registration": registration, **(context or {})},
        )


def _move(*, actor: User | None, event: Event, to: str, extra: dict | None = None) -> None:
    if to not in TRANSITIONS[event.status]:
        raise ApplicationError(
            f"An event that is {event.get_status_display().lower()} cannot become "
            f"{EventStatus(to).label.lower()}."
        )
    before = event.status
    event.status = to
    event.save()
    audit_record(
        actor=actor,
        action=f"event.{to}",
        obj=event,
        organisation=event.organisation,
        before={"status": before},
        after={"status": to, **(extra or {})},
    )


@transaction.atomic
def event_publish(*, actor: User, event: Event) -> Event:
    """Open a draft for registration and list it publicly. Side effects: audit entry."""
    event = lock(event)
    _check(event)
    event.published_at = timezone.now()
    _move(actor=actor, event=event, to=EventStatus.PUBLISHED)
    return event


@transaction.atomic
def event_cancel(*, actor: User, event: Event, reason: str) -> Event:
    """Side effects: everyone registered is emailed the reason; audit entry."""
    event = lock(event)
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Give the reason for cancelling; everyone registered is told.")
    was_open = event.status == EventStatus.PUBLISHED
    event.cancelled_at = timezone.now()
    event.cancel_reason = reason
    _move(actor=actor, event=event, to=EventStatus.CANCELLED, extra={"reason": reason})
    if was_open:
        _email_registered(
            event=event, template="engagement/email/event_cancelled", context={"reason": reason}
        )
    return event


@transaction.atomic
def event_mark_held(*, actor: User, event: Event) -> Event:
    """Record that the event took place. Everyone with a place who was not checked in is
    recorded as not coming; registration closes.

    Side effects: one audit entry for the event and one per registration marked as a no-show.
    """
    from core.audit import audit_bulk_update  # noqa: PLC0415

    event = lock(event)
    if event.starts_at > timezone.now():
        raise ApplicationError("You can record the event as held once it has started.")
    event.held_at = timezone.now()
    _move(actor=actor, event=event, to=EventStatus.HELD)
    no_shows = audit_bulk_update(
        actor=actor,
        action="registration.no_show",
        organisation=event.organisation,
        queryset=event.registrations.filter(
            status=RegistrationStatus.CONFIRMED, attendance=Attendance.UNKNOWN
        ),
        attendance=Attendance.NO_SHOW,
    )
    event.no_show_count = no_shows
    return event


@transaction.atomic
def event_summary_save(*, actor: User, event: Event, heard: str, changes: str) -> Event:
    """The market-engagement summary: what was heard and what changes in the specification.
    Shown on the linked opportunity; a held event with a summary satisfies the inclusion
    check's "market engagement held".

    Side effects: audit entry.
    """
    event = lock(event)
    if event.status != EventStatus.HELD:
        raise ApplicationError("Write the summary once the event has been recorded as held.")
    heard, changes = heard.strip(), changes.strip()
    if not heard and not changes:
        raise ApplicationError("Say what you heard, what changes in the specification, or both.")
    before = snapshot(event, ("summary_heard", "summary_changes"))
    event.summary_heard = heard
    event.summary_changes = changes
    event.summary_updated_at = timezone.now()
    event.save(update_fields=["summary_heard", "summary_changes", "summary_updated_at"])
    audit_record(
        actor=actor,
        action="event.summary",
        obj=event,
        organisation=event.organisation,
        before=before,
        after=snapshot(event, ("summary_heard", "summary_changes")),
    )
    return event
