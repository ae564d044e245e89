"""Organisations, memberships and invitations (accounts/urls.py, the accounts API, allauth)."""

from tests.security.matrix import Entry, Public
from tests.security.world import OUTSIDERS

ORG_ADMIN = (*OUTSIDERS, "provider")

ENTRIES = [
    Entry(
        "accounts:organisation_detail",
        lambda w: {"pk": w.organisation.pk},
        ORG_ADMIN,
        "commissioner",
    ),
    Entry(
        "accounts:organisation_update",
        lambda w: {"pk": w.organisation.pk},
        ORG_ADMIN,
        "commissioner",
    ),
    Entry(
        "accounts:invitation_create", lambda w: {"pk": w.organisation.pk}, ORG_ADMIN, "commissioner"
    ),
    Entry(
        "accounts:organisation_audit",
        lambda w: {"pk": w.organisation.pk},
        ORG_ADMIN,
        "commissioner",
    ),
    Entry(
        "accounts:invitation_revoke",
        lambda w: {"pk": w.organisation.pk, "invitation_pk": w.invitation.pk},
        ORG_ADMIN,
        "commissioner",
    ),
    Entry(
        "accounts:membership_role",
        lambda w: {"pk": w.organisation.pk, "membership_pk": w.commissioner_membership.pk},
        ORG_ADMIN,
        "commissioner",
    ),
    Entry(
        "accounts:membership_remove",
        lambda w: {"pk": w.organisation.pk, "membership_pk": w.commissioner_membership.pk},
        ORG_ADMIN,
        "commissioner",
    ),
    # A token that was never issued: nobody gets anywhere (signed out: asked to sign in).
    Entry("accounts:invitation_respond", lambda w: {"token": "never-issued-token"}),
    Entry("api_organisation", lambda w: {"pk": w.organisation.pk}, ORG_ADMIN, "commissioner"),
]

PUBLIC = [
    Public(
        "account_confirm_email",
        "allauth: the emailed key is the credential; a wrong key shows allauth's invalid-link page.",
    ),
    Public(
        "account_reset_password_from_key",
        "allauth: the emailed key is the credential; a wrong key shows allauth's bad-token page.",
    ),
]
