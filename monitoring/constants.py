"""Choices and fixed rules for monitoring: the lowest layer of the monitoring app."""

from __future__ import annotations

from decimal import Decimal

from django.db import models


class AgreementKind(models.TextChoices):
    GRANT = "grant", "Grant agreement"
    CONTRACT = "contract", "Contract"


class MonitoringLevel(models.TextChoices):
    LIGHT = "light", "Light"
    STANDARD = "standard", "Standard"
    ENHANCED = "enhanced", "Enhanced"


# The report's lesson: monitoring proportionate to the provider's size. Grants up to this amount
# are monitored lightly unless the commissioner chooses otherwise.
LIGHT_MONITORING_MAX = Decimal("25000")

# What a return must contain before it can be submitted, by monitoring level. A light return is
# KPI actuals and a short narrative; a £4m contract's enhanced return asks for much more.
LEVEL_REQUIREMENTS: dict[str, dict[str, bool]] = {
    MonitoringLevel.LIGHT: {"spend_lines": False, "case_study": False, "learning": False},
    MonitoringLevel.STANDARD: {"spend_lines": True, "case_study": False, "learning": True},
    MonitoringLevel.ENHANCED: {"spend_lines": True, "case_study": True, "learning": True},
}
LEVEL_DESCRIPTIONS = {
    MonitoringLevel.LIGHT: "KPI actuals and a short narrative each period.",
    MonitoringLevel.STANDARD: "KPI actuals, narrative, learning and spend against each budget line.",
    MonitoringLevel.ENHANCED: (
        "KPI actuals, narrative, learning, spend against each budget line and at least one case "
        "study each period."
    ),
}


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly"
    HALF_YEARLY = "half_yearly", "Every six months"
    ANNUAL = "annual", "Once a year"


FREQUENCY_MONTHS = {Frequency.QUARTERLY: 3, Frequency.HALF_YEARLY: 6, Frequency.ANNUAL: 12}

# A return is due this many days after its period ends.
RETURN_DUE_DAYS = 21
# Reminders: this many days before the due date, the day after it, and two weeks after it.
REMIND_DUE_SOON_DAYS = 7
REMIND_OVERDUE_DAYS = 1
REMIND_FINAL_DAYS = 14


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    FINAL = "final", "Still overdue"


class CostType(models.TextChoices):
    FIXED = "fixed", "Fixed"
    VARIABLE = "variable", "Variable"


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    QUERIED = "queried", "Queried"
    ACCEPTED = "accepted", "Accepted"


# The only moves a return can make; each is a service in monitoring.services.returns.
RETURN_TRANSITIONS: dict[str, set[str]] = {
    ReturnStatus.DRAFT: {ReturnStatus.SUBMITTED},
    ReturnStatus.SUBMITTED: {ReturnStatus.QUERIED, ReturnStatus.ACCEPTED},
    ReturnStatus.QUERIED: {ReturnStatus.SUBMITTED},
    ReturnStatus.ACCEPTED: set(),
}
# A provider can change a return only while it is in one of these states.
EDITABLE_STATUSES = {ReturnStatus.DRAFT, ReturnStatus.QUERIED}


class CommentKind(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    QUERY = "query", "Query"
    RESUBMITTED = "resubmitted", "Resubmitted"
    ACCEPTED = "accepted", "Accepted"


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", "Photo"
    VIDEO_LINK = "video_link", "Video link"
    ARTWORK = "artwork", "Artwork"
    DOCUMENT = "document", "Document"


EVIDENCE_FILE_KINDS = {EvidenceKind.PHOTO, EvidenceKind.ARTWORK, EvidenceKind.DOCUMENT}
EVIDENCE_IMAGE_TYPES = {"image/png", "image/jpeg", "image/webp"}


class TimePoint(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    FOLLOW_UP = "follow_up", "Follow-up"


class Rating(models.TextChoices):
    """Where an actual falls against the minimum, expected and stretch targets."""

    BELOW_MINIMUM = "below_minimum", "Below minimum"
    MINIMUM = "minimum", "Minimum met"
    EXPECTED = "expected", "Expected met"
    STRETCH = "stretch", "Stretch met"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class StatutoryRating(models.TextChoices):
    """The KPI performance ratings of the Procurement Act 2023 (section 52)."""

    GOOD = "good", "Good"
    APPROACHING = "approaching", "Approaching target"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


# Gloucestershire's six evaluation questions (NEF, The Art of Commissioning, 2016, section 5.3).
EVALUATION_QUESTIONS = [
    (1, "What's the worth and value to all the stakeholders?"),
    (2, "Financial cost: what are the fixed and variable costs?"),
    (3, "What's the learning for commissioners?"),
    (4, "What's the learning for the arts and culture sector?"),
    (5, "What's the learning for new ways and models of service delivery?"),
    (6, "What's the effectiveness?"),
]

# Fewer paired responses than this and an analysis says its results are not reliable
# (Warwick Medical School's rule of thumb for WEMWBS evaluations).
MIN_RELIABLE_PAIRS = 30

EVIDENCE_MAX_COUNT = 20
IMPORT_MAX_ROWS = 2000
