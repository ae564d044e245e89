"""Choices for assessment panels: the lowest layer of the evaluation app."""

from decimal import Decimal

from django.db import models


class PanelRole(models.TextChoices):
    PATIENT = "patient", "Patient or person with lived experience"
    CLINICIAN = "clinician", "Clinician"
    COMMISSIONER = "commissioner", "Commissioner"
    ARTS = "arts", "Arts and culture specialist"
    INDEPENDENT = "independent", "Independent member"
    CHAIR = "chair", "Chair"


class PanelStatus(models.TextChoices):
    SETUP = "setup", "Being set up"
    SCORING = "scoring", "Scoring"
    MODERATION = "moderation", "Moderation"
    LETTERS_SENT = "letters_sent", "Letters sent"


# The only moves a panel can make; each is a service in evaluation.services.panels.
PANEL_TRANSITIONS: dict[str, set[str]] = {
    PanelStatus.SETUP: {PanelStatus.SCORING},
    PanelStatus.SCORING: {PanelStatus.MODERATION},
    PanelStatus.MODERATION: {PanelStatus.LETTERS_SENT},
    PanelStatus.LETTERS_SENT: set(),
}


class AssignmentMode(models.TextChoices):
    ALL = "all", "Every member scores every bid"
    EVEN = "even", "Share the bids out evenly, with a minimum number of scorers per bid"


class ConflictLevel(models.TextChoices):
    NONE = "none", "No conflict"
    PERCEIVED = "perceived", "Perceived conflict"
    ACTUAL = "actual", "Actual conflict"


class ConflictRuling(models.TextChoices):
    """The chair's decision on a perceived conflict (actual conflicts need none)."""

    PENDING = "pending", "Waiting for the chair"
    MAY_SCORE = "may_score", "May score"
    EXCLUDED = "excluded", "Removed from scoring this bid"


class Outcome(models.TextChoices):
    FUNDED = "funded", "Funded"
    RESERVE = "reserve", "Reserve"
    NOT_FUNDED = "not_funded", "Not funded"


# Members disagree widely when their scores on a criterion differ by this many points or more.
DEFAULT_VARIANCE_THRESHOLD = Decimal(2)
DEFAULT_MIN_SCORERS = 3
PANEL_INVITATION_VALID_DAYS = 21
# England and Wales: Procurement Act 2023 and the Provider Selection Regime.
STANDSTILL_WORKING_DAYS = 8
