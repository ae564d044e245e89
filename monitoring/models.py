"""Agreements (grant agreements and contracts), their KPIs and targets, periodic returns with
evidence, and pseudonymised wellbeing-instrument responses."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core.models import TimeStampedModel
from monitoring.constants import (
    AgreementKind,
    CommentKind,
    CostType,
    EvidenceKind,
    Frequency,
    MonitoringLevel,
    ReminderKind,
    ReturnStatus,
    TimePoint,
)
from monitoring.instruments import INSTRUMENT_CHOICES, INSTRUMENTS, Instrument


def _evidence_path(instance: models.Model, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"monitoring/evidence/{uuid.uuid4().hex}.{suffix}"


class Agreement(TimeStampedModel):
    """A grant agreement or contract between a commissioner and a provider."""

    programme = models.ForeignKey(
        "commissioning.Programme", on_delete=models.PROTECT, related_name="agreements"
    )
    commissioner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="agreements_commissioned"
    )
    provider = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="agreements_held"
    )
    opportunity = models.ForeignKey(
        "tenders.Opportunity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    bid = models.ForeignKey(
        "tenders.Bid", null=True, blank=True, on_delete=models.PROTECT, related_name="agreements"
    )
    reference = models.CharField(max_length=30, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=AgreementKind.choices)
    value = models.DecimalField(max_digits=12, decimal_places=2, help_text="In pounds.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    monitoring_level = models.CharField(max_length=10, choices=MonitoringLevel.choices)
    frequency = models.CharField(
        "reporting frequency", max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="agreement_ends_after_it_starts"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="agreement_value_not_negative"),
            models.UniqueConstraint(
                fields=["bid"], condition=Q(bid__isnull=False), name="agreement_once_per_bid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:agreement_detail", kwargs={"pk": self.pk})


class AgreementOutcome(models.Model):
    """An outcome for people the agreement serves."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="outcomes")
    outcome_area = models.ForeignKey(
        "commissioning.OutcomeArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    statement = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.statement


class Instalment(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    due_on = models.DateField()
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="instalment_number_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="instalment_not_negative"),
        ]

    def __str__(self) -> str:
        return f"Instalment {self.number}"


class BudgetLine(models.Model):
    """What the money is for, as fixed or variable cost (Gloucestershire's second question)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="budget_lines")
    description = models.CharField(max_length=200)
    cost_type = models.CharField(max_length=10, choices=CostType.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="monitoring_budget_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.description


class ReportingPeriod(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=60)
    starts_on = models.DateField()
    ends_on = models.DateField()
    due_on = models.DateField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="period_number_once"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_open(self) -> bool:
        return self.starts_on <= timezone.localdate()


class AgreementKpi(models.Model):
    """A KPI chosen for the agreement, with its baseline and whole-agreement targets."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="kpis")
    kpi = models.ForeignKey("commissioning.Kpi", on_delete=models.PROTECT, related_name="+")
    baseline = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # Empty until agreed (an agreement made from an award starts with the tender's KPIs only).
    minimum = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    expected = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    stretch = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kpi"], name="agreement_kpi_once"),
            models.CheckConstraint(
                condition=Q(minimum__isnull=True, expected__isnull=True, stretch__isnull=True)
                | Q(minimum__isnull=False, expected__isnull=False, stretch__isnull=False),
                name="agreement_kpi_targets_all_or_none",
            ),
        ]

    def __str__(self) -> str:
        return str(self.kpi)

    @property
    def has_targets(self) -> bool:
        return self.expected is not None

    @property
    def lower_is_better(self) -> bool:
        return self.kpi.direction == "lower"

    @property
    def calculated_from(self) -> Instrument | None:
        """The wellbeing instrument whose analysis gives this KPI's actuals (mean SWEMWBS change,
        say), or None for a KPI the provider reports."""
        definition = INSTRUMENTS.get(self.kpi.instrument)
        return definition if definition is not None and definition.is_summed else None


class KpiTarget(models.Model):
    """Targets for one reporting period, where the commissioner set them per period."""

    agreement_kpi = models.ForeignKey(
        AgreementKpi, on_delete=models.CASCADE, related_name="targets"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="targets")
    minimum = models.DecimalField(max_digits=12, decimal_places=2)
    expected = models.DecimalField(max_digits=12, decimal_places=2)
    stretch = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement_kpi", "period"], name="kpi_target_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_kpi} in {self.period}"


class Variation(TimeStampedModel):
    """A change of value, period or KPI targets, with its reason; what changed is kept."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="variations")
    reason = models.TextField()
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Variation to {self.agreement}"


class Return(TimeStampedModel):
    """A provider's return for one reporting period."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="returns")
    period = models.OneToOneField(ReportingPeriod, on_delete=models.PROTECT, related_name="report")
    status = models.CharField(
        max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT
    )
    narrative = models.TextField(
        "progress against the outcomes",
        blank=True,
        help_text="What happened this period, for whom, and what difference it made.",
    )
    learning_commissioners = models.TextField("learning for commissioners", blank=True)
    learning_sector = models.TextField("learning for the arts and culture sector", blank=True)
    learning_delivery = models.TextField("learning for new ways of delivering services", blank=True)
    spend_to_date = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="In pounds."
    )
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    submission_count = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["period__number"]
        indexes = [models.Index(fields=["agreement", "status"], name="return_agreement_status")]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:return_detail", kwargs={"pk": self.pk})

    @property
    def was_late(self) -> bool:
        first = self.first_submitted_at
        return first is not None and timezone.localdate(first) > self.period.due_on


class KpiActual(models.Model):
    report = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="actuals")
    agreement_kpi = models.ForeignKey(
        AgreementKpi, on_delete=models.CASCADE, related_name="actuals"
    )
    value = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "agreement_kpi"], name="kpi_actual_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_kpi}: {self.value}"


class SpendLine(models.Model):
    """Spend to date against one budget line, as reported in a return."""

    report = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="spend_lines")
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="spend")
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "budget_line"], name="spend_line_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="spend_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.budget_line}: {self.amount}"


class CaseStudy(TimeStampedModel):
    report = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="case_studies")
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="What happened and what difference it made.")
    quote = models.TextField(blank=True, help_text="A participant's own words, if they agreed.")
    consented = models.BooleanField(
        "the person it is about agreed to it being shared", default=False
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "case studies"

    def __str__(self) -> str:
        return self.title


class Evidence(TimeStampedModel):
    """A photo, video link, artwork or document, with its consent and safeguarding flags."""

    report = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=12, choices=EvidenceKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    file = models.FileField(upload_to=_evidence_path, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    url = models.URLField("video link", blank=True)
    identifiable = models.BooleanField("participants can be identified in it", default=False)
    consented = models.BooleanField(
        "everyone identifiable in it has consented to it being shared", default=False
    )
    safeguarding_concern = models.BooleanField("it raises a safeguarding concern", default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title

    @property
    def shareable(self) -> bool:
        """May it be shown beyond the provider and the commissioner, or exported?"""
        return self.consented and not self.safeguarding_concern

    @property
    def is_image(self) -> bool:
        return self.file_type.startswith("image/")


class ReturnComment(models.Model):
    """The kept thread between provider and commissioner about a return."""

    report = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="comments")
    kind = models.CharField(max_length=12, choices=CommentKind.choices)
    body = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.report}"


class ReminderSent(models.Model):
    """One reminder sent for one period, so the daily task never sends it twice."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "kind"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.period}"


class Participant(models.Model):
    """A pseudonymised participant: a code per person per agreement, never a name."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="participants")
    code = models.CharField(
        max_length=20,
        help_text="The provider's own code for the person, e.g. P014. Never a name or initials.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="participant_code_once"),
        ]

    def __str__(self) -> str:
        return self.code


class InstrumentResponse(models.Model):
    """One participant's answers to an instrument at one time point, with the scores."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    instrument = models.CharField(max_length=20, choices=INSTRUMENT_CHOICES)
    instrument_version = models.CharField(max_length=20)
    time_point = models.CharField(max_length=10, choices=TimePoint.choices)
    collected_on = models.DateField()
    items = models.JSONField()
    raw_score = models.PositiveSmallIntegerField(null=True, blank=True)
    metric_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["participant__code", "instrument", "time_point"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "instrument", "time_point"], name="response_once"
            ),
        ]
        indexes = [models.Index(fields=["agreement", "instrument"], name="response_agreement")]

    def __str__(self) -> str:
        return f"{self.participant} {self.instrument} {self.time_point}"
