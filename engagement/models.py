"""Market-engagement events: who may come, who registered, what they said about themselves
("who's in the room"), who was invited, what was published afterwards and who turned up."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from accounts.constants import OrganisationType
from accounts.validators import validate_postcode
from core.models import TimeStampedModel
from engagement.constants import (
    ACTIVE_STATUSES,
    Attendance,
    Audience,
    EventKind,
    EventStatus,
    MaterialKind,
    RegistrationStatus,
)


def _material_path(instance: models.Model, filename: str) -> str:
    # Random names: a file's URL never reveals or lets anyone guess another's.
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"engagement/materials/{uuid.uuid4().hex}.{suffix}"


class Event(TimeStampedModel):
    """An event a commissioner runs, usually for a programme and/or one of its opportunities.

    `outcome_areas`, `art_forms` and `areas` say who the event is for: they find the directory
    providers to invite, and `areas` is where the event is listed.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="events"
    )
    programme = models.ForeignKey(
        "commissioning.Programme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    opportunity = models.ForeignKey(
        "tenders.Opportunity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagement_events",
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What the event is for and who should come.")
    agenda = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True)
    venue_postcode = models.CharField(max_length=8, blank=True, validators=[validate_postcode])
    venue_accessibility = models.TextField(
        "accessibility of the venue",
        blank=True,
        help_text="Step-free access, hearing loops, accessible toilets, quiet rooms, parking.",
    )
    online_details = models.TextField(
        "online joining details",
        blank=True,
        help_text="Shown only to people with a confirmed place.",
    )
    capacity = models.PositiveIntegerField(null=True, blank=True)
    registration_deadline = models.DateTimeField(null=True, blank=True)
    audience = models.CharField(max_length=12, choices=Audience.choices, default=Audience.ANYONE)
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    outcome_areas = models.ManyToManyField(
        "commissioning.OutcomeArea", blank=True, related_name="+"
    )
    art_forms = models.ManyToManyField("commissioning.ArtForm", blank=True, related_name="+")
    areas = models.ManyToManyField("commissioning.Area", blank=True, related_name="+")
    # The market-engagement summary, written after the event.
    summary_heard = models.TextField("what we heard", blank=True)
    summary_changes = models.TextField("what changes in the specification", blank=True)
    summary_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by the lifecycle services.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    held_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancel_reason = models.TextField(blank=True)
    materials_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"], name="event_status_starts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message="The event must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
                violation_error_message="The number of places must be at least 1.",
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True)
                | Q(registration_deadline__lte=F("ends_at")),
                name="event_deadline_before_end",
                violation_error_message="Registration must close before the event ends.",
            ),
            models.CheckConstraint(
                condition=~Q(venue_name="") | ~Q(online_details=""),
                name="event_has_venue_or_online",
                violation_error_message="Give a venue, online joining details, or both.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("engagement:event_detail", kwargs={"pk": self.pk})

    @property
    def is_online(self) -> bool:
        return bool(self.online_details.strip())

    @property
    def is_in_person(self) -> bool:
        return bool(self.venue_name.strip())

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def registration_open(self) -> bool:
        return self.status == EventStatus.PUBLISHED and self.registration_closes_at > timezone.now()

    @property
    def has_summary(self) -> bool:
        return bool(self.summary_heard.strip() or self.summary_changes.strip())


class ProgrammeInterest(TimeStampedModel):
    """A provider said "interested in this programme" without (or as well as) attending."""

    programme = models.ForeignKey(
        "commissioning.Programme", on_delete=models.CASCADE, related_name="engagement_interests"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="programme_interests"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="programme_interest_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} interested in {self.programme}"


class Registration(TimeStampedModel):
    """A place at an event (or in its queue) for one person.

    Signed-in providers register themselves or colleagues (`organisation` set); guests give a
    name, email and organisation and confirm by email (`token_digest`, single use); a guest's
    `manage_digest` is the link they use afterwards. Only SHA-256 digests of tokens are kept.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=150)
    email = models.EmailField()
    organisation_name = models.CharField(max_length=200)
    organisation_type = models.CharField(
        max_length=30, choices=OrganisationType.choices, blank=True
    )
    art_forms = models.ManyToManyField("commissioning.ArtForm", blank=True, related_name="+")
    is_arts_cultural = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    token_digest = models.CharField(max_length=64, blank=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    manage_digest = models.CharField(max_length=64, blank=True)
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, blank=True, default=Attendance.UNKNOWN
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=Q(status__in=ACTIVE_STATUSES),
                name="registration_once_per_email",
                violation_error_message="This email address is already registered.",
            ),
            models.UniqueConstraint(
                fields=["token_digest"],
                condition=~Q(token_digest=""),
                name="registration_token_unique",
            ),
            models.UniqueConstraint(
                fields=["manage_digest"],
                condition=~Q(manage_digest=""),
                name="registration_manage_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation_name}) at {self.event}"

    @property
    def is_guest(self) -> bool:
        return self.organisation_id is None and self.user_id is None

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def has_place(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED


class AttendeeProfile(TimeStampedModel):
    """The paragraph an attendee (or an organisation interested in the programme) writes about
    itself. Shared with other attendees and potential bidders only with `consented_at` set."""

    registration = models.OneToOneField(
        Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="profile"
    )
    interest = models.OneToOneField(
        ProgrammeInterest, null=True, blank=True, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=150)
    organisation_name = models.CharField(max_length=200)
    organisation_type = models.CharField(
        max_length=30, choices=OrganisationType.choices, blank=True
    )
    about = models.TextField(
        help_text="Who you are, your interests and experience, and the outcomes you could help "
        "deliver."
    )
    outcome_areas = models.ManyToManyField(
        "commissioning.OutcomeArea", blank=True, related_name="+"
    )
    art_forms = models.ManyToManyField("commissioning.ArtForm", blank=True, related_name="+")
    looking_for_partners = models.BooleanField(default=False)
    partner_note = models.CharField("the partners you are looking for", max_length=300, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation_name", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration__isnull=False, interest__isnull=True)
                | Q(registration__isnull=True, interest__isnull=False),
                name="attendee_profile_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation_name}"

    @property
    def is_shared(self) -> bool:
        return self.consented_at is not None


class EventInvitation(TimeStampedModel):
    """A personal invitation to a directory provider, sent in the commissioner's own name."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="event_invitations"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(blank=True)
    sent_to = models.JSONField(default=list)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="event_invitation_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} invited to {self.event}"


class Material(TimeStampedModel):
    """Slides, notes or another document from the event: a file, some text, or both. Nobody
    but the organiser sees any of them until they are published together."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(max_length=10, choices=MaterialKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    file = models.FileField(upload_to=_material_path, blank=True)
    file_type = models.CharField(max_length=100, blank=True, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(body="") | ~Q(file=""), name="material_has_text_or_file"
            )
        ]

    def __str__(self) -> str:
        return self.title


class EventQuestion(TimeStampedModel):
    """A question answered at the event, for the Q&A summary; it can be copied into the linked
    opportunity's published clarifications."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    question = models.TextField()
    answer = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    clarification = models.ForeignKey(
        "tenders.Question", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    copied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.question[:80]


class ContactMessage(TimeStampedModel):
    """A "contact this organisation" message, emailed through the platform so that nobody's
    address is shown to the sender. The recipient's address is not stored here."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="contact_messages")
    profile = models.ForeignKey(
        AttendeeProfile, null=True, on_delete=models.SET_NULL, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sender_registration = models.ForeignKey(
        Registration, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sender_name = models.CharField(max_length=150)
    sender_organisation = models.CharField(max_length=200, blank=True)
    recipient_organisation = models.CharField(max_length=200)
    body = models.TextField()
    share_email = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.sender_name} to {self.recipient_organisation}"
