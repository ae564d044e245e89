"""People, the organisations they belong to, and invitations to join them."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from accounts.constants import (
    KIND_BY_TYPE,
    InvitationStatus,
    MembershipRole,
    OrganisationKind,
    OrganisationType,
)
from accounts.managers import UserManager
from accounts.validators import (
    validate_charity_number,
    validate_company_number,
    validate_postcode,
)
from core.models import TimeStampedModel


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Email is the sign-in; `is_staff` marks a platform admin."""

    email = models.EmailField("email address", max_length=254, unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_staff = models.BooleanField(
        "platform admin", default=False, help_text="Can administer the whole platform."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Organisation(TimeStampedModel):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    type = models.CharField(max_length=30, choices=OrganisationType.choices)
    charity_number = models.CharField(
        max_length=12, blank=True, validators=[validate_charity_number]
    )
    company_number = models.CharField(
        max_length=8, blank=True, validators=[validate_company_number]
    )
    address = models.TextField(blank=True, help_text="Street address, town and county.")
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_postcode])
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="organisation_type_matches_kind",
                condition=models.Q(
                    *[
                        models.Q(
                            kind=kind, type__in=[t for t, k in KIND_BY_TYPE.items() if k == kind]
                        )
                        for kind in OrganisationKind.values
                    ],
                    _connector=models.Q.OR,
                ),
            ),
            models.UniqueConstraint(
                fields=["charity_number"],
                condition=~models.Q(charity_number=""),
                name="organisation_charity_number_unique",
                violation_error_message="An organisation with this charity number is already registered.",
            ),
            models.UniqueConstraint(
                fields=["company_number"],
                condition=~models.Q(company_number=""),
                name="organisation_company_number_unique",
                violation_error_message="An organisation with this company number is already registered.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation_detail", kwargs={"pk": self.pk})

    @property
    def is_commissioner(self) -> bool:
        return self.kind == OrganisationKind.COMMISSIONER

    @property
    def is_provider(self) -> bool:
        return self.kind == OrganisationKind.PROVIDER

    @property
    def org_ids(self) -> list[str]:
        """Identifiers in org-id.guide form, charity first."""
        ids = []
        if self.charity_number:
            if self.charity_number.startswith("SC"):
                ids.append(f"GB-SC-{self.charity_number}")
            elif self.charity_number.startswith("NIC"):
                ids.append(f"GB-NIC-{self.charity_number[3:]}")
            else:
                ids.append(f"GB-CHC-{self.charity_number}")
        if self.company_number:
            ids.append(f"GB-COH-{self.company_number}")
        return ids

    @property
    def org_id(self) -> str:
        """The primary identifier, or a platform-local one when none is registered."""
        return self.org_ids[0] if self.org_ids else f"XI-CCP-{self.pk}"


class Membership(TimeStampedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )

    class Meta:
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_unique_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == MembershipRole.ADMIN


class Invitation(TimeStampedModel):
    """An emailed, single-use invitation to join an organisation.

    Only a SHA-256 digest of the token is stored; the token itself is only in the email.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(
        max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    token_digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    expires_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at > timezone.now()
