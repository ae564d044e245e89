"""Assessment panels: who sits on them, what they declared, what they scored, what the panel
agreed and decided, and the letters that told applicants."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from core.models import TimeStampedModel
from evaluation.constants import (
    DEFAULT_MIN_SCORERS,
    DEFAULT_VARIANCE_THRESHOLD,
    AssignmentMode,
    ConflictLevel,
    ConflictRuling,
    Outcome,
    PanelRole,
    PanelStatus,
)


class Panel(TimeStampedModel):
    """A panel that assesses the bids for an opportunity (or some of its lots), and its plan."""

    opportunity = models.ForeignKey(
        "tenders.Opportunity", on_delete=models.PROTECT, related_name="panels"
    )
    lots = models.ManyToManyField(
        "tenders.Lot", blank=True, related_name="panels", help_text="None chosen: every lot."
    )
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=PanelStatus.choices, default=PanelStatus.SETUP)
    briefing = models.TextField("briefing notes for members", blank=True)
    assignment_mode = models.CharField(
        max_length=10, choices=AssignmentMode.choices, default=AssignmentMode.ALL
    )
    min_scorers_per_bid = models.PositiveSmallIntegerField(default=DEFAULT_MIN_SCORERS)
    blind_review = models.BooleanField(
        "hide applicants' identity from members while they score", default=False
    )
    comment_min_length = models.PositiveSmallIntegerField(
        "shortest comment allowed, in characters", default=0
    )
    variance_threshold = models.DecimalField(
        "flag a criterion when members' scores differ by at least",
        max_digits=4,
        decimal_places=1,
        default=DEFAULT_VARIANCE_THRESHOLD,
    )
    interview_stage = models.BooleanField("stage 3: interview or presentation", default=False)
    interview_notes = models.TextField("how the interviews will run", blank=True)
    budget = models.DecimalField("budget for this panel's bids", max_digits=12, decimal_places=2)
    guarantee_one_per_lot = models.BooleanField(
        "fund at least one bid in every lot where one fits", default=False
    )
    moderation_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    letters_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    standstill_ends_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="panel_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(min_scorers_per_bid__gte=1), name="panel_min_scorers_positive"
            ),
            models.CheckConstraint(
                condition=Q(variance_threshold__gt=0), name="panel_variance_threshold_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluation:panel_detail", kwargs={"pk": self.pk})


class PanelMember(TimeStampedModel):
    """A seat on a panel. External members (patients, clinicians) are invited by email and
    need only a platform account; until they accept, `user` is empty. Only a SHA-256 digest
    of the invitation token is stored."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_seats",
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=PanelRole.choices)
    lots = models.ManyToManyField(
        "tenders.Lot", blank=True, related_name="+", help_text="None chosen: every panel lot."
    )
    token_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["role", "full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), "panel", name="panel_member_email_once"),
            models.UniqueConstraint(
                fields=["panel", "user"],
                condition=Q(user__isnull=False),
                name="panel_member_user_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"

    @property
    def is_active(self) -> bool:
        return self.user_id is not None and self.accepted_at is not None

    @property
    def is_chair(self) -> bool:
        return self.role == PanelRole.CHAIR


class Declaration(TimeStampedModel):
    """A member's conflict-of-interest declaration for one bid. Made before they may see its
    content; a later change (a conflict discovered) is audited and sets their scores aside."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="declarations")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="declarations")
    bid = models.ForeignKey("tenders.Bid", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=10, choices=ConflictLevel.choices)
    note = models.TextField(blank=True)
    ruling = models.CharField(max_length=10, choices=ConflictRuling.choices, blank=True)
    ruling_note = models.TextField(blank=True)
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ruled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["bid_id", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "bid"], name="declaration_once_per_bid"),
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.bid_id}: {self.get_level_display()}"

    @property
    def clears_member(self) -> bool:
        """May the member see and score this bid?"""
        if self.level == ConflictLevel.NONE:
            return True
        return self.level == ConflictLevel.PERCEIVED and self.ruling == ConflictRuling.MAY_SCORE


class Assignment(TimeStampedModel):
    """A member is to score a bid. Set aside (never deleted) when a conflict comes to light."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="assignments")
    bid = models.ForeignKey("tenders.Bid", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    set_aside_at = models.DateTimeField(null=True, blank=True)
    set_aside_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["bid_id", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "bid"], name="assignment_once_per_bid")
        ]

    def __str__(self) -> str:
        return f"{self.member} scores {self.bid_id}"

    @property
    def is_counted(self) -> bool:
        return self.set_aside_at is None


class Score(models.Model):
    """One member's score for one criterion of one bid. "Not applicable" has no value and is
    left out of the weighting; a missing value is a missing score, never a zero."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    bid = models.ForeignKey("tenders.Bid", on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey("tenders.Criterion", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    comment = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["bid_id", "member_id", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "bid", "criterion"], name="score_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(not_applicable=False) | Q(value__isnull=True),
                name="score_not_applicable_has_no_value",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0), name="score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        shown = "n/a" if self.not_applicable else self.value
        return f"{self.member_id} on {self.bid_id}/{self.criterion_id}: {shown}"


class Consensus(models.Model):
    """The score the panel agreed for a criterion of a bid, with the rationale."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="consensus")
    bid = models.ForeignKey("tenders.Bid", on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey("tenders.Criterion", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    rationale = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "consensus scores"
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "bid", "criterion"], name="consensus_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=(Q(not_applicable=True) & Q(value__isnull=True))
                | (Q(not_applicable=False) & Q(value__isnull=False)),
                name="consensus_value_or_not_applicable",
            ),
        ]

    def __str__(self) -> str:
        return f"Consensus on {self.bid_id}/{self.criterion_id}"


class Decision(TimeStampedModel):
    """Funded, reserve or not funded, with the amount awarded and the panel's reasons."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="decisions")
    bid = models.ForeignKey("tenders.Bid", on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    proposed_outcome = models.CharField(
        max_length=12,
        choices=Outcome.choices,
        blank=True,
        help_text="What the funding line proposed.",
    )
    amount_requested = models.DecimalField(max_digits=12, decimal_places=2)
    amount_awarded = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    reasons = models.TextField(help_text="The panel's reasons, as the applicant will read them.")
    override_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["panel_id", "bid_id"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "bid"], name="decision_once_per_bid"),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.FUNDED)
                | (Q(amount_awarded__isnull=False) & Q(amount_awarded__gt=0)),
                name="decision_funded_has_amount",
            ),
            models.CheckConstraint(
                condition=Q(amount_awarded__isnull=True) | Q(amount_awarded__gte=0),
                name="decision_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bid}: {self.get_outcome_display()}"


class Letter(models.Model):
    """The decision letter an applicant received, as sent: kept for the record and shown in
    their account. It holds the consensus and reasons, never members' scores or names."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="letter")
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="letters")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="decision_letters"
    )
    subject = models.CharField(max_length=200)
    content = models.JSONField()
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("evaluation:letter_detail", kwargs={"pk": self.pk})


class Representation(models.Model):
    """A representation (challenge) received during the standstill, and what was done."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="representations")
    bid = models.ForeignKey(
        "tenders.Bid", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField()
    received_from = models.CharField(max_length=200)
    summary = models.TextField()
    response = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"Representation from {self.received_from}"
