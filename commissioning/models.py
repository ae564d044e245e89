"""The shared vocabulary every capability uses, and commissioners' programmes of work."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from core.models import TimeStampedModel


class Term(models.Model):
    """A term in a controlled vocabulary, loaded by data migrations."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class OutcomeArea(Term):
    """Areas of social outcome, from Table 2 of the NEF report (2016)."""


class ArtForm(Term):
    pass


class BeneficiaryGroup(Term):
    pass


class AreaKind(models.TextChoices):
    COUNTY = "county", "County"
    DISTRICT = "district", "Non-metropolitan district"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan", "Metropolitan district"
    LONDON_BOROUGH = "london_borough", "London borough"


class Area(models.Model):
    """A local authority area of England, identified by its ONS GSS code."""

    code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The county a non-metropolitan district lies in.",
    )
    region = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeStatus(models.TextChoices):
    PLANNING = "planning", "Planning"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class Programme(TimeStampedModel):
    """A commissioning body's programme of work, e.g. an arts and health grants programme."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="programmes"
    )
    name = models.CharField(max_length=200)
    summary = models.TextField(
        help_text="What the programme is for and who it should reach, in plain English."
    )
    budget = models.DecimalField(max_digits=12, decimal_places=2, help_text="In pounds.")
    start_date = models.DateField()
    end_date = models.DateField()
    status = models.CharField(
        max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PLANNING
    )
    outcome_areas = models.ManyToManyField(OutcomeArea, related_name="programmes", blank=True)
    areas = models.ManyToManyField(
        Area, related_name="programmes", blank=True, help_text="Where the programme works."
    )
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="programmes", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="programme_ends_after_it_starts",
                violation_error_message="The end date must be on or after the start date.",
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="programme_budget_not_negative",
                violation_error_message="The budget cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("commissioning:programme_detail", kwargs={"pk": self.pk})


class KpiUnit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    CURRENCY = "currency", "Pounds"
    SCORE = "score", "Score"


class KpiDirection(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Kpi(models.Model):
    """A key performance indicator in the shared library, or one a commissioner added.

    Shared ones have no organisation and are loaded by data migration.
    """

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    definition = models.TextField()
    unit = models.CharField(max_length=12, choices=KpiUnit.choices)
    direction = models.CharField(
        max_length=6, choices=KpiDirection.choices, default=KpiDirection.HIGHER
    )
    evidence = models.TextField("how it is evidenced", blank=True)
    instrument = models.CharField(
        max_length=30,
        blank=True,
        help_text="The validated wellbeing instrument it is measured with, if any.",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kpis",
        help_text="Empty for the shared library.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "KPI"

    def __str__(self) -> str:
        return self.name
