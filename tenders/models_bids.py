"""Bids: what providers prepare and submit against an opportunity, sealed until it closes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from tenders.constants import BidPartnerStatus, BidStatus, CostType, Eligibility


def _attachment_path(instance: models.Model, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"bids/{uuid.uuid4().hex}.{suffix}"


class Bid(TimeStampedModel):
    """A provider's bid. Editable as a draft; each submission is kept as an immutable
    `Submission` with a receipt. `revision` stops a later save silently overwriting an
    earlier one."""

    opportunity = models.ForeignKey(
        "tenders.Opportunity", on_delete=models.PROTECT, related_name="bids"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="bids"
    )
    lots = models.ManyToManyField("tenders.Lot", blank=True, related_name="bids")
    consortium = models.ForeignKey(
        "providers.Consortium",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bids",
    )
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=BidStatus.choices, default=BidStatus.DRAFT)
    revision = models.PositiveIntegerField(default=0)
    declare_eligible = models.BooleanField(default=False)
    declare_no_conflicts = models.BooleanField(default=False)
    conflicts_note = models.TextField(blank=True)
    declare_accurate = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The commissioner's pass/fail gate decision, made after the bids are opened.
    eligibility = models.CharField(
        max_length=10, choices=Eligibility.choices, default=Eligibility.PENDING
    )
    eligibility_note = models.TextField(blank=True)
    eligibility_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    eligibility_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["opportunity", "status"], name="bid_opportunity_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(eligibility=Eligibility.PENDING)
                | Q(eligibility_decided_at__isnull=False),
                name="bid_eligibility_decided_when",
            )
        ]

    def __str__(self) -> str:
        return self.title


class BidPartner(TimeStampedModel):
    """A partner organisation in a consortium bid: it can read and contribute; only the lead
    submits."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="bid_partnerships"
    )
    status = models.CharField(
        max_length=10, choices=BidPartnerStatus.choices, default=BidPartnerStatus.INVITED
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bid", "organisation"], name="bid_partner_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.bid}"


class Answer(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey("tenders.Criterion", on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="answer_once_per_criterion")
        ]

    def __str__(self) -> str:
        return f"Answer to {self.criterion_id}"


class GateAnswer(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="gate_answers")
    gate = models.ForeignKey("tenders.Gate", on_delete=models.CASCADE, related_name="+")
    meets = models.BooleanField(null=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bid", "gate"], name="gate_answer_once")]

    def __str__(self) -> str:
        return f"Gate {self.gate_id}: {self.meets}"


class BudgetLine(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="budget_lines")
    description = models.CharField(max_length=200)
    cost_type = models.CharField(max_length=10, choices=CostType.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative")
        ]

    def __str__(self) -> str:
        return self.description


class Attachment(TimeStampedModel):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)
    name = models.CharField(max_length=200)
    file_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    """One submitted version of a bid, exactly as submitted, with its receipt."""

    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.JSONField()
    sha256 = models.CharField("SHA-256 digest", max_length=64)
    is_late = models.BooleanField(default=False)
    late_reason = models.TextField(blank=True)
    late_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "number"], name="submission_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.bid} submission {self.number}"

    @property
    def receipt_reference(self) -> str:
        return f"{self.bid.opportunity.reference}-B{self.bid_id}-{self.number}"


class LateSubmissionPermit(TimeStampedModel):
    """A commissioner's audited decision to accept one organisation's late submission."""

    opportunity = models.ForeignKey(
        "tenders.Opportunity", on_delete=models.CASCADE, related_name="late_permits"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    valid_until = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "organisation"], name="late_permit_once")
        ]
