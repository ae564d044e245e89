"""Reads for accounts: every query that views and the API use lives here."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from accounts.constants import InvitationStatus, OrganisationKind
from accounts.models import Invitation, Membership, Organisation, User
from core.models import AuditEntry


def membership_queryset_for_user(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def membership_list_for_user(*, user: User) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(membership_queryset_for_user(user=user))


def user_with_memberships(*, user: User) -> User:
    return User.objects.prefetch_related(
        Prefetch("memberships", queryset=membership_queryset_for_user(user=user))
    ).get(pk=user.pk)


def user_requires_mfa(*, user: User, memberships: list[Membership]) -> bool:
    """Platform admins and members of commissioner organisations must use MFA."""
    return user.is_staff or any(
        m.organisation.kind == OrganisationKind.COMMISSIONER for m in memberships
    )


def user_has_mfa(*, user: User) -> bool:
    from allauth.mfa.models import Authenticator  # noqa: PLC0415

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def organisation_list_for_user(*, user: User) -> QuerySet[Organisation]:
    if user.is_staff:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user)


def organisation_get_for_user(*, user: User, pk: int) -> Organisation:
    """The organisation if the user may see it; a stranger gets 404, not a hint it exists."""
    if not user.is_authenticated:
        raise Http404
    organisations = organisation_list_for_user(user=user)
    try:
        return organisations.get(pk=pk)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc


def membership_for(*, user: User, organisation: Organisation) -> Membership | None:
    return Membership.objects.filter(user=user, organisation=organisation).first()


def member_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def membership_get_for_organisation(*, organisation: Organisation, pk: int) -> Membership:
    try:
        return Membership.objects.select_related("user", "organisation").get(
            organisation=organisation, pk=pk
        )
    except Membership.DoesNotExist as exc:
        raise Http404 from exc


def invitation_list_pending(*, organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=organisation, status=InvitationStatus.PENDING
    ).select_related("invited_by")


def invitation_get_for_organisation(*, organisation: Organisation, pk: int) -> Invitation:
    try:
        return Invitation.objects.select_related("organisation").get(
            organisation=organisation, pk=pk
        )
    except Invitation.DoesNotExist as exc:
        raise Http404 from exc


def invitation_get_by_token(*, token: str) -> Invitation:
    from accounts.tokens import token_digest  # noqa: PLC0415

    try:
        return Invitation.objects.select_related("organisation", "invited_by").get(
            token_digest=token_digest(token)
        )
    except Invitation.DoesNotExist as exc:
        raise Http404 from exc


def audit_list_for_organisation(*, organisation: Organisation) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(organisation=organisation).select_related(
        "content_type", "organisation"
    )


def audit_list_all() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("content_type", "organisation")
