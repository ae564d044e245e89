"""Reads for events: public lists, access checks, the board, invitations and statistics."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from accounts.constants import OrganisationType
from accounts.models import Organisation, User
from accounts.rules import is_member_of
from accounts.tokens import token_digest
from commissioning.models import Area, Programme
from engagement.constants import (
    ACTIVE_STATUSES,
    PUBLIC_STATUSES,
    Attendance,
    EventStatus,
    RegistrationStatus,
)
from engagement.models import (
    AttendeeProfile,
    Event,
    EventInvitation,
    EventQuestion,
    Material,
    ProgrammeInterest,
    Registration,
)
from providers.models import ProviderProfile
from tenders.selectors import providers_matching

ON_THE_LIST = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


# Events ---------------------------------------------------------------------------------------


@dataclass
class EventFilters:
    q: str = ""
    kinds: list[str] = field(default_factory=list)
    area: int | None = None
    programme: int | None = None
    when: str = "upcoming"  # or "past"


def _with_places(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.annotate(
        places_taken=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
    )


def _area_and_around(area_id: int) -> list[int]:
    """The area, the districts in it (for a county) and the county it lies in (for a
    district): an event for Kent is listed under Thanet too, and the other way round."""
    area = Area.objects.filter(pk=area_id).values("pk", "parent_id").first()
    if area is None:
        return []
    ids = {area["pk"], *Area.objects.filter(parent_id=area_id).values_list("pk", flat=True)}
    if area["parent_id"]:
        ids.add(area["parent_id"])
    return sorted(ids)


def event_list_public(filters: EventFilters | None = None) -> QuerySet[Event]:
    """Open, held and cancelled events anyone can see: upcoming soonest first, or past latest
    first."""
    filters = filters or EventFilters()
    now = timezone.now()
    queryset = Event.objects.filter(status__in=PUBLIC_STATUSES)
    if filters.when == "past":
        queryset = queryset.filter(ends_at__lte=now)
    else:
        queryset = queryset.filter(ends_at__gt=now)
    if filters.q:
        queryset = queryset.filter(
            Q(title__icontains=filters.q)
            | Q(description__icontains=filters.q)
            | Q(organisation__name__icontains=filters.q)
        )
    if filters.kinds:
        queryset = queryset.filter(kind__in=filters.kinds)
    if filters.programme:
        queryset = queryset.filter(programme_id=filters.programme)
    if filters.area:
        queryset = queryset.filter(
            Exists(
                Event.areas.through.objects.filter(
                    event_id=OuterRef("pk"), area_id__in=_area_and_around(filters.area)
                )
            )
        )
    order = ("-starts_at", "-pk") if filters.when == "past" else ("starts_at", "pk")
    return _with_places(queryset.select_related("organisation", "programme")).order_by(*order)


def event_list_for_feed() -> QuerySet[Event]:
    """The iCalendar feed: open and held events from the last year and every future one."""
    since = timezone.now() - datetime.timedelta(days=365)
    return (
        Event.objects.filter(status__in=(EventStatus.PUBLISHED, EventStatus.HELD))
        .filter(ends_at__gte=since)
        .select_related("organisation")
        .order_by("starts_at", "pk")
    )


def event_list_for_organisation(*, organisation: Organisation) -> QuerySet[Event]:
    return _with_places(
        Event.objects.filter(organisation=organisation).select_related("programme")
    ).order_by("-starts_at", "-pk")


def _detail_queryset() -> QuerySet[Event]:
    return Event.objects.select_related(
        "organisation", "programme", "opportunity", "opportunity__organisation"
    ).prefetch_related("areas", "art_forms", "outcome_areas")


def event_get_for_user(*, user: User, pk: int) -> Event:
    """An open, held or cancelled event for anyone; a draft only for its organisers (else
    404, so a draft's existence is not given away)."""
    event = _detail_queryset().filter(pk=pk).first()
    if event is None:
        raise Http404
    if event.status in PUBLIC_STATUSES:
        return event
    if user.is_authenticated and is_member_of(user, event.organisation):
        return event
    raise Http404


def event_get_for_organiser(*, user: User, pk: int) -> Event:
    """For managing pages: only the organising organisation's members (else 404)."""
    event = event_get_for_user(user=user, pk=pk)
    if not (user.is_authenticated and is_member_of(user, event.organisation)):
        raise Http404
    return event


def events_for_opportunity(*, opportunity) -> QuerySet[Event]:
    """Public events linked to an opportunity, for its page."""
    return Event.objects.filter(
        opportunity=opportunity, status__in=(EventStatus.PUBLISHED, EventStatus.HELD)
    ).order_by("starts_at", "pk")


# Programmes -----------------------------------------------------------------------------------


def programme_get_public(*, pk: int) -> Programme:
    """A programme with at least one public event (else 404)."""
    programme = (
        Programme.objects.select_related("organisation")
        .filter(pk=pk, events__status__in=PUBLIC_STATUSES)
        .distinct()
        .first()
    )
    if programme is None:
        raise Http404
    return programme


def programme_events(*, programme: Programme) -> QuerySet[Event]:
    return _with_places(
        Event.objects.filter(programme=programme, status__in=PUBLIC_STATUSES)
    ).order_by("starts_at", "pk")


def programme_interested_organisations(*, programme: Programme) -> list[str]:
    """The public list of everyone who expressed interest in the programme: organisations on
    the platform that registered for one of its events or said they were interested. (Guests
    appear only through a profile they chose to share.)"""
    registered = Registration.objects.filter(
        event__programme=programme,
        event__status__in=PUBLIC_STATUSES,
        status__in=ON_THE_LIST,
        organisation__isnull=False,
    ).values_list("organisation__name", flat=True)
    interested = ProgrammeInterest.objects.filter(programme=programme).values_list(
        "organisation__name", flat=True
    )
    return sorted(set(registered) | set(interested), key=str.lower)


def programme_interest_for(
    *, programme: Programme, organisation: Organisation | None
) -> ProgrammeInterest | None:
    if organisation is None:
        return None
    return (
        ProgrammeInterest.objects.select_related("profile")
        .filter(programme=programme, organisation=organisation)
        .first()
    )


def programme_interest_get_for_user(*, user: User, pk: int) -> ProgrammeInterest:
    interest = (
        ProgrammeInterest.objects.select_related("programme__organisation", "organisation")
        .filter(pk=pk)
        .first()
    )
    if interest is None or not is_member_of(user, interest.organisation):
        raise Http404
    return interest


# Registrations --------------------------------------------------------------------------------


def registration_for_user(*, event: Event, user: User) -> Registration | None:
    """The person's own registration for the event, if it is still active."""
    if not user.is_authenticated:
        return None
    return (
        event.registrations.filter(status__in=ACTIVE_STATUSES)
        .filter(Q(user=user) | Q(email__iexact=user.email))
        .select_related("profile")
        .first()
    )


def colleague_registrations(
    *, event: Event, organisation: Organisation | None, exclude: Registration | None = None
) -> QuerySet[Registration]:
    if organisation is None:
        return Registration.objects.none()
    queryset = event.registrations.filter(organisation=organisation, status__in=ACTIVE_STATUSES)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.order_by("name")


def registration_list_for_user(*, user: User) -> QuerySet[Registration]:
    """Everyone's own registrations, and the ones they made for colleagues."""
    return (
        Registration.objects.filter(Q(user=user) | Q(registered_by=user))
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event__organisation")
        .order_by("-event__starts_at", "pk")
    )


def registration_get_for_user(*, user: User, pk: int) -> Registration:
    """A registration for the person registered (by account or by their verified address),
    whoever registered them, and the members of the organisation it is for; anyone else gets
    404."""
    registration = (
        Registration.objects.select_related("event__organisation", "organisation", "user")
        .filter(pk=pk)
        .first()
    )
    if registration is None or not user.is_authenticated:
        raise Http404
    if registration.user_id == user.pk:
        return registration
    if registration.registered_by_id == user.pk:
        return registration
    # Registered as a guest before signing in, with the address they have since verified.
    if registration.email.lower() == user.email.lower():
        return registration
    if registration.organisation_id and is_member_of(user, registration.organisation):
        return registration
    raise Http404


def registration_get_for_organiser(*, event: Event, pk: int) -> Registration:
    registration = event.registrations.filter(pk=pk).first()
    if registration is None:
        raise Http404
    registration.event = event
    return registration


def registration_get_by_token(*, token: str) -> Registration:
    """A guest's pending registration, by the single-use token in their email."""
    registration = (
        Registration.objects.select_related("event__organisation")
        .filter(token_digest=token_digest(token), status=RegistrationStatus.PENDING)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def registration_get_by_manage_token(*, token: str) -> Registration:
    registration = (
        Registration.objects.select_related("event__organisation", "event__programme")
        .filter(manage_digest=token_digest(token))
        .exclude(manage_digest="")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def registration_get_for_guest(*, pk: int | None) -> Registration | None:
    """The guest registration this browser proved it owns (by its management link)."""
    if pk is None:
        return None
    return (
        Registration.objects.select_related("event")
        .filter(pk=pk, user__isnull=True, status__in=ON_THE_LIST)
        .exclude(manage_digest="")
        .first()
    )


def registration_list_for_event(
    *, event: Event, status: str = "", q: str = ""
) -> QuerySet[Registration]:
    queryset = event.registrations.select_related("profile")
    if status:
        queryset = queryset.filter(status=status)
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(organisation_name__icontains=q))
    return queryset.order_by("status", "name", "pk")


def checkin_list(*, event: Event, q: str = "") -> QuerySet[Registration]:
    """Everyone with a place, by name, for ticking in on the day."""
    queryset = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(organisation_name__icontains=q))
    return queryset.order_by("name", "pk")


# The board ------------------------------------------------------------------------------------


@dataclass
class BoardFilters:
    q: str = ""
    art_form: int | None = None
    organisation_type: str = ""
    looking_for_partners: bool = False


def board_profiles(
    *, event: Event, filters: BoardFilters | None = None
) -> QuerySet[AttendeeProfile]:
    """The consented profiles of the event's attendees and of the organisations interested in
    its programme. A profile without consent is never here."""
    filters = filters or BoardFilters()
    on_event = Q(registration__event=event, registration__status__in=ON_THE_LIST)
    owners = (
        on_event | Q(interest__programme_id=event.programme_id) if event.programme_id else on_event
    )
    queryset = AttendeeProfile.objects.filter(owners, consented_at__isnull=False)
    if filters.q:
        queryset = queryset.filter(
            Q(about__icontains=filters.q)
            | Q(organisation_name__icontains=filters.q)
            | Q(partner_note__icontains=filters.q)
            | Q(name__icontains=filters.q)
        )
    if filters.art_form:
        queryset = queryset.filter(
            Exists(
                AttendeeProfile.art_forms.through.objects.filter(
                    attendeeprofile_id=OuterRef("pk"), artform_id=filters.art_form
                )
            )
        )
    if filters.organisation_type:
        queryset = queryset.filter(organisation_type=filters.organisation_type)
    if filters.looking_for_partners:
        queryset = queryset.filter(looking_for_partners=True)
    listed = ProviderProfile.objects.filter(
        organisation_id=OuterRef("organisation_id"), is_listed=True
    )
    return (
        queryset.annotate(directory_profile_id=Subquery(listed.values("pk")[:1]))
        .prefetch_related("art_forms", "outcome_areas")
        .order_by("organisation_name", "name", "pk")
    )


def board_profile_get(*, event: Event, pk: int) -> AttendeeProfile:
    """One profile from the event's board (else 404)."""
    profile = (
        board_profiles(event=event)
        .filter(pk=pk)
        .select_related("registration", "interest__registered_by")
        .first()
    )
    if profile is None:
        raise Http404
    return profile


# Invitations ----------------------------------------------------------------------------------


def invitations_for(*, event: Event) -> QuerySet[EventInvitation]:
    """Invitations sent, with whether each organisation registered and attended."""
    registrations = Registration.objects.filter(
        event=event, organisation_id=OuterRef("organisation_id")
    )
    return (
        event.invitations.select_related("organisation", "sent_by")
        .annotate(
            registered=Exists(registrations.filter(status__in=ON_THE_LIST)),
            attended=Exists(registrations.filter(attendance=Attendance.ATTENDED)),
        )
        .order_by("organisation__name")
    )


def matching_providers_for_event(*, event: Event) -> QuerySet[ProviderProfile]:
    """Listed directory providers that fit the event's outcome areas, art forms and areas,
    found by the tender builder's matching."""
    return providers_matching(
        outcome_area_ids=[o.pk for o in event.outcome_areas.all()],
        art_form_ids=[a.pk for a in event.art_forms.all()],
        area_ids=[a.pk for a in event.areas.all()],
    )


# Materials ------------------------------------------------------------------------------------


def materials_for(*, event: Event) -> QuerySet[Material]:
    return event.materials.order_by("kind", "created_at", "pk")


def questions_for(*, event: Event) -> QuerySet[EventQuestion]:
    return event.questions.order_by("position", "pk")


def material_get(*, pk: int) -> Material:
    material = Material.objects.select_related("event__organisation").filter(pk=pk).first()
    if material is None:
        raise Http404
    return material


def is_organiser_member(*, user: User, event: Event) -> bool:
    return user.is_authenticated and is_member_of(user, event.organisation)


# Statistics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    percent: int


@dataclass
class EventStatistics:
    registered: int
    waitlisted: int
    pending: int
    cancelled: int
    attended: int
    no_show: int
    basis: str  # "attended" once the event is held, otherwise "registered"
    total: int
    arts: int
    arts_percent: int
    by_type: list[Share]
    by_art_form: list[Share]
    invited: int
    invited_registered: int


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def event_statistics(*, event: Event) -> EventStatistics:
    """Registrations, attendance and the make-up of the room: by kind of organisation, by art
    form, and the share of arts and cultural organisations (the figure Kent tracked). Counts
    those who came once the event is held, those with a place before."""
    counts = event.registrations.aggregate(
        registered=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        pending=Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        attended=Count("pk", filter=Q(attendance=Attendance.ATTENDED)),
        no_show=Count("pk", filter=Q(attendance=Attendance.NO_SHOW)),
        arts_registered=Count(
            "pk", filter=Q(status=RegistrationStatus.CONFIRMED, is_arts_cultural=True)
        ),
        arts_attended=Count("pk", filter=Q(attendance=Attendance.ATTENDED, is_arts_cultural=True)),
    )
    held = event.status == EventStatus.HELD
    basis_filter = (
        Q(attendance=Attendance.ATTENDED) if held else Q(status=RegistrationStatus.CONFIRMED)
    )
    total = counts["attended"] if held else counts["registered"]
    arts = counts["arts_attended"] if held else counts["arts_registered"]
    labels = dict(OrganisationType.choices)
    by_type = [
        Share(
            labels.get(row["organisation_type"], "Not given"), row["n"], _percent(row["n"], total)
        )
        for row in event.registrations.filter(basis_filter)
        .values("organisation_type")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation_type")
    ]
    through = Registration.art_forms.through
    basis_ids = event.registrations.filter(basis_filter).values("pk")
    by_art_form = [
        Share(row["artform__name"], row["n"], _percent(row["n"], total))
        for row in through.objects.filter(registration_id__in=basis_ids)
        .values("artform__name")
        .annotate(n=Count("registration_id"))
        .order_by("-n", "artform__name")
    ]
    registered_from = Registration.objects.filter(
        event=event, organisation_id=OuterRef("organisation_id"), status__in=ON_THE_LIST
    )
    invitations = event.invitations.aggregate(
        invited=Count("pk"), registered=Count("pk", filter=Q(Exists(registered_from)))
    )
    return EventStatistics(
        registered=counts["registered"],
        waitlisted=counts["waitlisted"],
        pending=counts["pending"],
        cancelled=counts["cancelled"],
        attended=counts["attended"],
        no_show=counts["no_show"],
        basis="attended" if held else "registered",
        total=total,
        arts=arts,
        arts_percent=_percent(arts, total),
        by_type=by_type,
        by_art_form=by_art_form,
        invited=invitations["invited"],
        invited_registered=invitations["registered"],
    )


@dataclass(frozen=True)
class EventRow:
    event: Event
    registered: int
    attended: int
    arts_registered: int
    arts_attended: int

    @property
    def arts_percent_registered(self) -> int:
        return _percent(self.arts_registered, self.registered)

    @property
    def arts_percent_attended(self) -> int:
        return _percent(self.arts_attended, self.attended)


def programme_statistics(*, programme: Programme) -> list[EventRow]:
    """Each of a programme's events side by side (one query)."""
    events = (
        Event.objects.filter(programme=programme)
        .exclude(status=EventStatus.DRAFT)
        .annotate(
            registered=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            attended=Count(
                "registrations", filter=Q(registrations__attendance=Attendance.ATTENDED)
            ),
            arts_registered=Count(
                "registrations",
                filter=Q(
                    registrations__status=RegistrationStatus.CONFIRMED,
                    registrations__is_arts_cultural=True,
                ),
            ),
            arts_attended=Count(
                "registrations",
                filter=Q(
                    registrations__attendance=Attendance.ATTENDED,
                    registrations__is_arts_cultural=True,
                ),
            ),
        )
        .order_by("starts_at", "pk")
    )
    return [
        EventRow(
            event=event,
            registered=event.registered,
            attended=event.attended,
            arts_registered=event.arts_registered,
            arts_attended=event.arts_attended,
        )
        for event in events
    ]


def programme_get_for_organiser(*, user: User, pk: int) -> Programme:
    programme = Programme.objects.select_related("organisation").filter(pk=pk).first()
    if programme is None or not is_member_of(user, programme.organisation):
        raise Http404
    return programme


def area_choices() -> QuerySet[Area]:
    return Area.objects.order_by("name")


def programme_choices_public() -> QuerySet[Programme]:
    """Programmes that have public events, for the list's filter."""
    return Programme.objects.filter(events__status__in=PUBLIC_STATUSES).distinct().order_by("name")


@dataclass
class ProgrammeReach:
    """The make-up of the rooms across a programme's events in a period: those who came to
    events already held, those with a place at events still to come."""

    events: list[EventRow]
    people: int
    arts: int
    arts_percent: int
    by_type: list[Share]


def programme_reach(
    *, programme: Programme, start: datetime.date, end: datetime.date
) -> ProgrammeReach:
    """The programme's events starting between two days, side by side, and attendance by
    kind of organisation across them (two queries)."""
    rows = [
        row
        for row in programme_statistics(programme=programme)
        if row.event.status != EventStatus.CANCELLED
        and start <= timezone.localdate(row.event.starts_at) <= end
    ]
    ids = [row.event.pk for row in rows]
    counted = Registration.objects.filter(event_id__in=ids).filter(
        Q(event__status=EventStatus.HELD, attendance=Attendance.ATTENDED)
        | (~Q(event__status=EventStatus.HELD) & Q(status=RegistrationStatus.CONFIRMED))
    )
    labels = dict(OrganisationType.choices)
    by_type_rows = list(
        counted.values("organisation_type")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation_type")
    )
    people = sum(row["n"] for row in by_type_rows)
    arts = sum(
        row.arts_attended if row.event.status == EventStatus.HELD else row.arts_registered
        for row in rows
    )
    return ProgrammeReach(
        events=rows,
        people=people,
        arts=arts,
        arts_percent=_percent(arts, people),
        by_type=[
            Share(
                labels.get(row["organisation_type"], "Not given"),
                row["n"],
                _percent(row["n"], people),
            )
            for row in by_type_rows
        ],
    )
