"""Checks every monitoring service shares: who is acting, and for which side."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.constants import MembershipRole
from accounts.models import Organisation, User
from accounts.rules import is_member_of
from core.errors import ApplicationError
from monitoring.models import Agreement


def check_commissioner(actor: User | None, agreement: Agreement) -> None:
    if actor is not None and not is_member_of(actor, agreement.commissioner):
        raise ApplicationError(
            f"Only members of {agreement.commissioner.name} can do this for this agreement."
        )


def check_provider(actor: User | None, agreement: Agreement) -> None:
    if actor is not None and not is_member_of(actor, agreement.provider):
        raise ApplicationError(
            f"Only members of {agreement.provider.name} can do this for this agreement."
        )


def organisation_emails(organisation: Organisation) -> list[str]:
    """Where an organisation's notices go: its admins, else every member."""
    members: QuerySet = organisation.memberships.select_related("user").filter(user__is_active=True)
    admins = sorted({m.user.email for m in members if m.role == MembershipRole.ADMIN})
    return admins or sorted({m.user.email for m in members})
