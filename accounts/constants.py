"""Kinds of organisation and membership roles; the lowest layer of the accounts app."""

from django.db import models


class OrganisationKind(models.TextChoices):
    COMMISSIONER = "commissioner", "Commissioner"
    PROVIDER = "provider", "Provider"
    INFRASTRUCTURE = "infrastructure", "Infrastructure organisation"


class OrganisationType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    INTEGRATED_CARE_BOARD = "icb", "Integrated Care Board"
    NHS_TRUST = "nhs_trust", "NHS trust"
    OTHER_PUBLIC_BODY = "other_public_body", "Other public body"
    ARTS_CULTURAL = "arts_cultural", "Arts or cultural organisation"
    VCSE = "vcse", "Voluntary, community or social enterprise"
    FREELANCE = "freelance", "Freelance artist or sole trader"
    OTHER_PROVIDER = "other_provider", "Other provider"
    UMBRELLA = "umbrella", "Arts or VCSE umbrella body"
    BROKER = "broker", "Broker"


TYPES_BY_KIND: dict[str, list[str]] = {
    OrganisationKind.COMMISSIONER: [
        OrganisationType.LOCAL_AUTHORITY,
        OrganisationType.INTEGRATED_CARE_BOARD,
        OrganisationType.NHS_TRUST,
        OrganisationType.OTHER_PUBLIC_BODY,
    ],
    OrganisationKind.PROVIDER: [
        OrganisationType.ARTS_CULTURAL,
        OrganisationType.VCSE,
        OrganisationType.FREELANCE,
        OrganisationType.OTHER_PROVIDER,
    ],
    OrganisationKind.INFRASTRUCTURE: [OrganisationType.UMBRELLA, OrganisationType.BROKER],
}
KIND_BY_TYPE: dict[str, str] = {t: kind for kind, types in TYPES_BY_KIND.items() for t in types}


class MembershipRole(models.TextChoices):
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    REVOKED = "revoked", "Revoked"
    EXPIRED = "expired", "Expired"


INVITATION_VALID_DAYS = 14
