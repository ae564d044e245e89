"""Writes for accounts: organisations, memberships and invitations.

Every function here is the only way the rest of the platform changes these models, and each
writes an audit entry.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.constants import (
    INVITATION_VALID_DAYS,
    KIND_BY_TYPE,
    InvitationStatus,
    MembershipRole,
)
from accounts.models import Invitation, Membership, Organisation, User
from accounts.tokens import new_token, token_digest
from accounts.validators import (
    normalise_charity_number,
    normalise_company_number,
    normalise_postcode,
)
from core.audit import audit_bulk_update, audit_record, snapshot
from core.emails import email_send
from core.errors import ApplicationError

ORGANISATION_FIELDS = (
    "name",
    "type",
    "charity_number",
    "company_number",
    "address",
    "postcode",
    "website",
    "description",
)


def _organisation_clean(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(data)
    if "type" in cleaned:
        if cleaned["type"] not in KIND_BY_TYPE:
            raise ApplicationError("Choose what kind of organisation this is.")
        cleaned["kind"] = KIND_BY_TYPE[cleaned["type"]]
    if "charity_number" in cleaned:
        cleaned["charity_number"] = normalise_charity_number(cleaned["charity_number"] or "")
    if "company_number" in cleaned:
        cleaned["company_number"] = normalise_company_number(cleaned["company_number"] or "")
    if "postcode" in cleaned:
        cleaned["postcode"] = normalise_postcode(cleaned["postcode"] or "")
    return cleaned


def _save_checking_identifiers(organisation: Organisation) -> None:
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        text = str(exc)
        if "charity_number" in text:
            raise ApplicationError(
                "An organisation with this charity number is already registered. Ask its "
                "admin to invite you."
            ) from exc
        if "company_number" in text:
            raise ApplicationError(
                "An organisation with this company number is already registered. Ask its "
                "admin to invite you."
            ) from exc
        raise


@transaction.atomic
def organisation_create(*, user: User, name: str, type: str, **fields: Any) -> Organisation:
    """Side effects: the creator becomes the organisation's first admin; two audit entries."""
    data = _organisation_clean({"name": name, "type": type, **fields})
    organisation = Organisation(**data)
    organisation.full_clean(exclude=["charity_number", "company_number"])
    _save_checking_identifiers(organisation)
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=MembershipRole.ADMIN
    )
    audit_record(
        actor=user,
        action="organisation.create",
        obj=organisation,
        organisation=organisation,
        after=snapshot(organisation, ("kind", *ORGANISATION_FIELDS)),
    )
    audit_record(
        actor=user,
        action="membership.create",
        obj=membership,
        organisation=organisation,
        after={"user": user.email, "role": membership.role},
    )
    return organisation


@transaction.atomic
def organisation_update(*, actor: User, organisation: Organisation, **changes: Any) -> Organisation:
    """Side effects: audit entry with the changed fields before and after."""
    unknown = set(changes) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ApplicationError(
            f"These details cannot be changed here: {', '.join(sorted(unknown))}"
        )
    data = _organisation_clean(changes)
    if "kind" in data and data["kind"] != organisation.kind:
        raise ApplicationError(
            "An organisation cannot change between commissioner, provider and infrastructure."
        )
    fields = list(data)
    before = snapshot(organisation, fields)
    for name, value in data.items():
        setattr(organisation, name, value)
    organisation.full_clean(exclude=["charity_number", "company_number"])
    _save_checking_identifiers(organisation)
    audit_record(
        actor=actor,
        action="organisation.update",
        obj=organisation,
        organisation=organisation,
        before=before,
        after=snapshot(organisation, fields),
    )
    return organisation


def _admin_count(organisation: Organisation) -> int:
    return organisation.memberships.filter(role=MembershipRole.ADMIN).count()


def _lock_memberships(organisation: Organisation) -> None:
    """Serialise membership changes per organisation, so two admins leaving at once cannot
    leave it with none."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


@transaction.atomic
def membership_change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    if role not in MembershipRole.values:
        raise ApplicationError("Choose admin or member.")
    _lock_memberships(membership.organisation)
    membership.refresh_from_db()
    if membership.role == role:
        return membership
    if membership.is_admin and _admin_count(membership.organisation) == 1:
        raise ApplicationError(
            "An organisation needs at least one admin. Make someone else an admin first."
        )
    before = {"role": membership.role}
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    audit_record(
        actor=actor,
        action="membership.change_role",
        obj=membership,
        organisation=membership.organisation,
        before=before,
        after={"role": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """Remove someone (or, when actor is the member, leave).

    Side effects: audit entry; the removed person is told by email.
    """
    organisation = membership.organisation
    _lock_memberships(organisation)
    membership.refresh_from_db()
    leaving = membership.user_id == actor.pk
    if membership.is_admin and _admin_count(organisation) == 1:
        if leaving:
            raise ApplicationError(
                "You are the only admin. Make someone else an admin before you leave."
            )
        raise ApplicationError("The last admin of an organisation cannot be removed.")
    audit_record(
        actor=actor,
        action="membership.leave" if leaving else "membership.remove",
        obj=membership,
        organisation=organisation,
        before={"user": membership.user.email, "role": membership.role},
    )
    user = membership.user
    membership.delete()
    if not leaving:
        email_send(
            to=[user.email],
            template="accounts/email/membership_removed",
            context={"organisation": organisation, "actor": actor},
        )


@transaction.atomic
def invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: str = MembershipRole.MEMBER
) -> Invitation:
    """Side effects: emails the invitation link (the only copy of the token); audit entry."""
    email = email.strip().lower()
    if role not in MembershipRole.values:
        raise ApplicationError("Choose admin or member.")
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ApplicationError(f"{email} is already a member of {organisation.name}.")
    if organisation.invitations.filter(
        email__iexact=email, status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
    ).exists():
        raise ApplicationError(
            f"{email} has already been invited. Revoke that invitation to send a new one."
        )
    # A pending invitation that has quietly expired makes way for the new one.
    audit_bulk_update(
        actor=actor,
        action="invitation.expire",
        organisation=organisation,
        queryset=organisation.invitations.filter(
            email__iexact=email, status=InvitationStatus.PENDING
        ),
        status=InvitationStatus.EXPIRED,
    )
    token = new_token()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_digest=token_digest(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_VALID_DAYS),
    )
    audit_record(
        actor=actor,
        action="invitation.create",
        obj=invitation,
        organisation=organisation,
        after={"email": email, "role": role},
    )
    email_send(
        to=[email],
        template="accounts/email/invitation",
        context={
            "organisation": organisation,
            "inviter": actor,
            "role": invitation.get_role_display().lower(),
            "path": reverse("accounts:invitation_respond", kwargs={"token": token}),
            "expires_at": invitation.expires_at,
        },
    )
    return invitation


def _invitation_check_open(invitation: Invitation) -> None:
    if invitation.status != InvitationStatus.PENDING:
        raise ApplicationError(
            f"This invitation has already been {invitation.get_status_display().lower()}."
        )
    if invitation.expires_at <= timezone.now():
        raise ApplicationError(
            "This invitation has expired. Ask an admin of the organisation to invite you again."
        )


def _invitation_close(*, invitation: Invitation, actor: User | None, status: str) -> None:
    before = {"status": invitation.status}
    invitation.status = status
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at", "updated_at"])
    audit_record(
        actor=actor,
        action=f"invitation.{status}",
        obj=invitation,
        organisation=invitation.organisation,
        before=before,
        after={"status": status},
    )


@transaction.atomic
def invitation_accept(*, user: User, invitation: Invitation) -> Membership:
    """Side effects: membership created; invitation closed; audit entries; inviter emailed."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _invitation_check_open(invitation)
    if invitation.email.lower() != user.email.lower():
        raise ApplicationError(
            f"This invitation was sent to {invitation.email}. Sign in with that email address "
            "to accept it."
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    _invitation_close(invitation=invitation, actor=user, status=InvitationStatus.ACCEPTED)
    if created:
        audit_record(
            actor=user,
            action="membership.create",
            obj=membership,
            organisation=invitation.organisation,
            after={"user": user.email, "role": membership.role},
        )
    if invitation.invited_by is not None:
        email_send(
            to=[invitation.invited_by.email],
            template="accounts/email/invitation_accepted",
            context={"organisation": invitation.organisation, "member": user},
        )
    return membership


@transaction.atomic
def invitation_decline(*, user: User, invitation: Invitation) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _invitation_check_open(invitation)
    if invitation.email.lower() != user.email.lower():
        raise ApplicationError(f"This invitation was sent to {invitation.email}.")
    _invitation_close(invitation=invitation, actor=user, status=InvitationStatus.DECLINED)


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise ApplicationError(
            f"This invitation has already been {invitation.get_status_display().lower()}."
        )
    _invitation_close(invitation=invitation, actor=actor, status=InvitationStatus.REVOKED)


def invitations_expire() -> int:
    """Mark every pending invitation past its expiry as expired (run hourly by Celery beat)."""
    return audit_bulk_update(
        actor=None,
        action="invitation.expire",
        organisation_field="organisation",
        queryset=Invitation.objects.filter(
            status=InvitationStatus.PENDING, expires_at__lte=timezone.now()
        ),
        status=InvitationStatus.EXPIRED,
    )
