"""Provider profiles: who an arts or cultural organisation is, what it does, where, and its
track record; plus shortlists and consortia built from the directory."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from accounts.validators import validate_postcode
from core.models import TimeStampedModel
from providers.constants import (
    DOCUMENT_REMINDER_DAYS,
    ConsortiumMemberStatus,
    DocumentKind,
    LegalForm,
    Setting,
    StaffBand,
    SupportNeed,
    TurnoverBand,
    ValueBand,
    VolunteerBand,
)


def _upload_path(instance: models.Model, filename: str) -> str:
    # Random names: an upload's URL never reveals or guesses another's.
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"providers/{instance._meta.model_name}/{uuid.uuid4().hex}.{suffix}"


class ProviderProfile(TimeStampedModel):
    """The directory entry of a provider (or infrastructure) organisation.

    `search_vector` and the `*_ids` arrays are a search index kept in step by
    `providers.services.profile_index_refresh` whenever the profile or its activities change.
    """

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="profile"
    )
    summary = models.CharField(
        max_length=280,
        blank=True,
        help_text="One or two sentences shown in search results.",
    )
    legal_form = models.CharField(max_length=30, choices=LegalForm.choices, blank=True)
    is_vcse = models.BooleanField("voluntary, community or social enterprise (VCSE)", default=False)
    is_sme = models.BooleanField("small or medium-sized enterprise (SME)", default=True)
    year_founded = models.PositiveSmallIntegerField(null=True, blank=True)
    turnover_band = models.CharField(max_length=12, choices=TurnoverBand.choices, blank=True)
    staff_band = models.CharField(max_length=10, choices=StaffBand.choices, blank=True)
    volunteers_band = models.CharField(max_length=10, choices=VolunteerBand.choices, blank=True)
    contact_name = models.CharField(
        max_length=150, blank=True, help_text="A named person commissioners can talk to."
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    safeguarding_lead = models.CharField(max_length=150, blank=True)
    art_forms = models.ManyToManyField("commissioning.ArtForm", blank=True, related_name="+")
    outcome_areas = models.ManyToManyField(
        "commissioning.OutcomeArea", blank=True, related_name="+"
    )
    beneficiary_groups = models.ManyToManyField(
        "commissioning.BeneficiaryGroup", blank=True, related_name="+"
    )
    areas_served = models.ManyToManyField("commissioning.Area", blank=True, related_name="+")
    settings = ArrayField(
        models.CharField(max_length=20, choices=Setting.choices), default=list, blank=True
    )
    support_needs = ArrayField(
        models.CharField(max_length=20, choices=SupportNeed.choices), default=list, blank=True
    )
    partners = models.TextField(
        blank=True, help_text="Organisations you have worked with, one per line."
    )
    is_listed = models.BooleanField(
        "listed in the public directory",
        default=False,
        help_text="Only listed profiles appear in the directory and the open-data feed.",
    )
    listed_at = models.DateTimeField(null=True, blank=True)

    # The search index (denormalised; never edited directly).
    search_vector = SearchVectorField(null=True, editable=False)
    art_form_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    outcome_area_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    beneficiary_group_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    area_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    sort_name = models.CharField(max_length=200, blank=True, editable=False, db_index=True)

    class Meta:
        indexes = [
            GinIndex(fields=["search_vector"], name="profile_search_vector"),
            GinIndex(fields=["art_form_ids"], name="profile_art_forms"),
            GinIndex(fields=["outcome_area_ids"], name="profile_outcome_areas"),
            GinIndex(fields=["beneficiary_group_ids"], name="profile_beneficiaries"),
            GinIndex(fields=["area_ids"], name="profile_areas"),
            GinIndex(fields=["settings"], name="profile_settings"),
            models.Index(fields=["is_listed", "sort_name"], name="profile_listed_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_founded__isnull=True)
                | models.Q(year_founded__gte=1000, year_founded__lte=2100),
                name="profile_year_founded_plausible",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def get_absolute_url(self) -> str:
        return reverse("providers:profile_detail", kwargs={"pk": self.pk})


class Activity(TimeStampedModel):
    """One service the provider offers (an HSDS service)."""

    profile = models.ForeignKey(
        ProviderProfile, on_delete=models.CASCADE, related_name="activities"
    )
    name = models.CharField(max_length=150)
    description = models.TextField()
    who_for = models.CharField("who it is for", max_length=300, blank=True)
    eligibility = models.CharField(max_length=300, blank=True)
    cost = models.CharField(
        max_length=150, blank=True, help_text="For example: Free, or £5 a session."
    )
    where = models.CharField(
        "where it happens", max_length=300, blank=True, help_text="Venues, settings or online."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.name


class Venue(TimeStampedModel):
    profile = models.ForeignKey(ProviderProfile, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(max_length=150)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, validators=[validate_postcode])
    accessibility = models.TextField(
        blank=True, help_text="Step-free access, hearing loops, accessible toilets, parking."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.postcode}"


class TrackRecord(TimeStampedModel):
    """Experience of a public-sector contract or grant."""

    profile = models.ForeignKey(
        ProviderProfile, on_delete=models.CASCADE, related_name="track_records"
    )
    funder = models.CharField("commissioner or funder", max_length=200)
    year = models.PositiveSmallIntegerField()
    value_band = models.CharField(max_length=12, choices=ValueBand.choices)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["-year", "funder"]

    def __str__(self) -> str:
        return f"{self.funder} ({self.year})"


class Evidence(TimeStampedModel):
    """A case study or piece of evidence: text, a link, and/or a file."""

    profile = models.ForeignKey(ProviderProfile, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=200)
    summary = models.TextField()
    link = models.URLField(blank=True)
    file = models.FileField(upload_to=_upload_path, blank=True)
    file_type = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title


class ProviderDocument(TimeStampedModel):
    """A due-diligence document (insurance, policies, accounts) with an expiry date."""

    profile = models.ForeignKey(ProviderProfile, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    file = models.FileField(upload_to=_upload_path)
    file_type = models.CharField(max_length=100, editable=False)
    expires_on = models.DateField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "-expires_on"]
        indexes = [models.Index(fields=["expires_on", "reminded_at"], name="document_expiry")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.profile}"

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def expires_soon(self) -> bool:
        if self.expires_on is None or self.is_expired:
            return False
        return self.expires_on <= timezone.localdate() + datetime.timedelta(
            days=DOCUMENT_REMINDER_DAYS
        )


class Shortlist(TimeStampedModel):
    """A named list of providers kept by a commissioner or lead provider, shared with their
    organisation."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="shortlists"
    )
    name = models.CharField(max_length=150)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    profiles = models.ManyToManyField(
        ProviderProfile, through="ShortlistEntry", related_name="shortlists"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "organisation", name="shortlist_name_unique_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("providers:shortlist_detail", kwargs={"pk": self.pk})


class ShortlistEntry(TimeStampedModel):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="entries")
    profile = models.ForeignKey(ProviderProfile, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["shortlist", "profile"], name="shortlist_entry_once")
        ]


class Consortium(TimeStampedModel):
    """Providers bidding together: a lead organisation and members who have each confirmed."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    lead = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="consortia_led"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "consortia"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("providers:consortium_detail", kwargs={"pk": self.pk})


class ConsortiumMember(TimeStampedModel):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="consortium_memberships"
    )
    status = models.CharField(
        max_length=10,
        choices=ConsortiumMemberStatus.choices,
        default=ConsortiumMemberStatus.INVITED,
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "organisation"], name="consortium_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.consortium}"
