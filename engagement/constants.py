"""Choices for market-engagement events: the lowest layer of the engagement app."""

from django.db import models

from accounts.constants import OrganisationType


class EventKind(models.TextChoices):
    MARKET_ENGAGEMENT = "market_engagement", "Market engagement or pre-procurement"
    WORKSHOP = "workshop", "Visioning or co-design workshop"
    NETWORKING = "networking", "Networking"
    TRAINING = "training", "Capacity-building training"
    BRIEFING = "briefing", "Provider briefing"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Open"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


# The only moves an event can make; each is a service in engagement.services.events.
TRANSITIONS: dict[str, set[str]] = {
    EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
    EventStatus.PUBLISHED: {EventStatus.HELD, EventStatus.CANCELLED},
    EventStatus.HELD: set(),
    EventStatus.CANCELLED: set(),
}
PUBLIC_STATUSES = {EventStatus.PUBLISHED, EventStatus.HELD, EventStatus.CANCELLED}


class Audience(models.TextChoices):
    ANYONE = "anyone", "Anyone, including people without an account"
    PROVIDERS = "providers", "Providers signed in to the platform"
    INVITED = "invited", "Only organisations you invite"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for email confirmation"
    CONFIRMED = "confirmed", "Registered"
    WAITLISTED = "waitlisted", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


# Registrations that are still someone's place (or place in the queue).
ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


class Attendance(models.TextChoices):
    UNKNOWN = "", "Not recorded"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "Did not come"


class MaterialKind(models.TextChoices):
    SLIDES = "slides", "Slides"
    NOTES = "notes", "Notes"
    OTHER = "other", "Other document"


# Organisations counted as arts and cultural in the make-up of the room (the figure Kent
# tracked), besides any organisation whose registration lists an art form.
ARTS_TYPES = {OrganisationType.ARTS_CULTURAL}

PROFILE_WORD_LIMIT = 150
GUEST_CONFIRMATION_HOURS = 72
# Reminders go out this long before an event starts (checked hourly by Celery beat).
REMINDER_HOURS = 48
# "Contact this organisation": how many messages one person may send in a day.
CONTACT_DAILY_LIMIT = 20
