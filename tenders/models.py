"""Opportunities (tenders and grant calls), their specification, criteria, questions and the
open-contracting releases they emit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core.models import TimeStampedModel
from tenders.constants import (
    DEFAULT_SCORING_SCALE,
    CriterionKind,
    QuestionStatus,
    Route,
    SectionKey,
    Status,
)


def _default_scale() -> list[dict]:
    return [dict(level) for level in DEFAULT_SCORING_SCALE]


class Opportunity(TimeStampedModel):
    """A tender or grant call within a commissioner's programme."""

    programme = models.ForeignKey(
        "commissioning.Programme", on_delete=models.PROTECT, related_name="opportunities"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="opportunities"
    )
    reference = models.CharField(max_length=30, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(
        blank=True, help_text="A few sentences for the list of opportunities."
    )
    route = models.CharField(max_length=30, choices=Route.choices)
    direct_award_justification = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    total_budget = models.DecimalField(max_digits=12, decimal_places=2)
    min_bid = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    max_bid = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    contract_start = models.DateField(null=True, blank=True)
    contract_end = models.DateField(null=True, blank=True)
    multiple_lots_allowed = models.BooleanField(
        "one provider may bid for several lots", default=True
    )
    consortium_bids_welcome = models.BooleanField(default=True)
    art_forms = models.ManyToManyField("commissioning.ArtForm", blank=True, related_name="+")
    areas = models.ManyToManyField("commissioning.Area", blank=True, related_name="+")
    # Timeline (dates in Europe/London; closing is a moment).
    engagement_date = models.DateField("market engagement", null=True, blank=True)
    engagement_planned = models.BooleanField(
        "a market-engagement event is held or planned", default=False
    )
    publish_on = models.DateField("planned publication", null=True, blank=True)
    clarification_deadline = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField("closing date and time", null=True, blank=True)
    evaluation_date = models.DateField(null=True, blank=True)
    award_date = models.DateField(null=True, blank=True)
    service_start = models.DateField("service or project start", null=True, blank=True)
    scoring_scale = models.JSONField(default=_default_scale)
    # Set by the lifecycle services.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    # Set once, by tenders.services.opening.opportunity_bids_open: until then bids are sealed.
    bids_opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    bids_opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "opportunities"
        indexes = [models.Index(fields=["status", "closes_at"], name="opportunity_status_closes")]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_budget__gte=0), name="opportunity_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(max_bid__isnull=True) | Q(max_bid__lte=F("total_budget")),
                name="opportunity_max_bid_within_budget",
                violation_error_message="The maximum per bid cannot be more than the budget.",
            ),
            models.CheckConstraint(
                condition=Q(min_bid__isnull=True)
                | Q(max_bid__isnull=True)
                | Q(min_bid__lte=F("max_bid")),
                name="opportunity_min_bid_below_max",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tenders:opportunity_detail", kwargs={"pk": self.pk})

    @property
    def ocid(self) -> str:
        return f"{settings.OCDS_PREFIX}-{self.reference}"

    @property
    def is_open(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.closes_at is not None
            and self.closes_at > timezone.now()
        )


class Lot(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    budget = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    outcome_areas = models.ManyToManyField(
        "commissioning.OutcomeArea", blank=True, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "number"], name="lot_number_unique")
        ]

    def __str__(self) -> str:
        return f"Lot {self.number}: {self.title}"


class OutcomeSought(models.Model):
    """An outcome for people the opportunity is meant to achieve, tied to an outcome area."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="outcomes_sought"
    )
    outcome_area = models.ForeignKey(
        "commissioning.OutcomeArea", on_delete=models.PROTECT, related_name="+"
    )
    statement = models.CharField(
        max_length=300,
        help_text="Written as an outcome for people, for example: people connect to their "
        "communities and feel less lonely.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.statement


class Section(models.Model):
    """One section of the specification. `revision` detects edits that would overwrite
    someone else's save."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=20, choices=SectionKey.choices)
    body = models.TextField(blank=True, help_text="Sanitised HTML.")
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["opportunity", "key"], name="section_once")]

    def __str__(self) -> str:
        return self.get_key_display()


class Clause(models.Model):
    """Ready wording a commissioner can insert into a section and edit."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=150)
    section = models.CharField(max_length=20, choices=SectionKey.choices)
    body = models.TextField()
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["section", "title"]

    def __str__(self) -> str:
        return self.title


class OpportunityKpi(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="kpis")
    kpi = models.ForeignKey("commissioning.Kpi", on_delete=models.PROTECT, related_name="+")
    target = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "kpi"], name="opportunity_kpi_once")
        ]

    def __str__(self) -> str:
        return str(self.kpi)


class Criterion(models.Model):
    """A weighted award criterion (or grant question) for the opportunity or one lot."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="criteria")
    lot = models.ForeignKey(
        Lot, null=True, blank=True, on_delete=models.CASCADE, related_name="criteria"
    )
    kind = models.CharField(max_length=20, choices=CriterionKind.choices)
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    weight = models.DecimalField(max_digits=5, decimal_places=2, help_text="Percent.")
    word_limit = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(weight__lte=100), name="criterion_weight_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.weight}%)"


class Gate(models.Model):
    """A pass/fail requirement checked before scoring (eligibility, insurance, safeguarding)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="gates")
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class PublishedVersion(models.Model):
    """What was published, as published: every version is kept."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="published_versions"
    )
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    amendment_reason = models.TextField(blank=True)
    snapshot = models.JSONField()
    inclusion_findings = models.JSONField(default=list)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "number"], name="version_once")
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} version {self.number}"


class Interest(TimeStampedModel):
    """A provider organisation registered interest: it is told of amendments and answers."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="interests"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lots = models.ManyToManyField(Lot, blank=True, related_name="interests")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation"], name="interest_once_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.opportunity}"


class TargetedInvitation(TimeStampedModel):
    """A personal invitation to a directory provider, sent in the commissioner's own name."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="opportunity_invitations"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(blank=True)
    sent_to = models.JSONField(default=list)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation"], name="targeted_invitation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} invited to {self.opportunity}"


class Question(TimeStampedModel):
    """A clarification question: private until answered, then published to everyone without
    the asker's identity (or answered privately, with a reason, when commercially sensitive)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="questions")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="questions_asked"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    sensitive = models.BooleanField(
        "commercially sensitive", default=False, help_text="Asks for a private answer."
    )
    status = models.CharField(
        max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    published_question = models.TextField(
        blank=True, help_text="The question as published, with anything identifying removed."
    )
    answer = models.TextField(blank=True)
    private_reason = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:80]


class Release(models.Model):
    """An immutable OCDS release, emitted on publication, amendment and status change."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="releases")
    release_id = models.CharField(max_length=100, unique=True)
    ocid = models.CharField(max_length=100, db_index=True)
    date = models.DateTimeField(default=timezone.now, db_index=True)
    tags = models.JSONField()
    data = models.JSONField()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.release_id


# Bids live in their own module; Django finds models through this one.
from tenders.models_bids import (  # noqa: E402
    Answer,
    Attachment,
    Bid,
    BidPartner,
    BudgetLine,
    GateAnswer,
    LateSubmissionPermit,
    Submission,
)

__all__ = [
    "Answer",
    "Attachment",
    "Bid",
    "BidPartner",
    "BudgetLine",
    "Clause",
    "Criterion",
    "Gate",
    "GateAnswer",
    "Interest",
    "LateSubmissionPermit",
    "Lot",
    "Opportunity",
    "OpportunityKpi",
    "OutcomeSought",
    "PublishedVersion",
    "Question",
    "Release",
    "Section",
    "Submission",
    "TargetedInvitation",
]
