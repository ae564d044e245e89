"""Consortia: providers bidding together. The lead creates one and invites members; each
member's admin confirms or declines."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.constants import MembershipRole
from accounts.models import Organisation, User
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from providers.constants import ConsortiumMemberStatus
from providers.models import Consortium, ConsortiumMember


def _invite(*, actor: User, consortium: Consortium, organisation: Organisation) -> None:
    if organisation.is_commissioner:
        raise ApplicationError(f"{organisation} is a commissioner and cannot join a consortium.")
    _, created = ConsortiumMember.objects.get_or_create(
        consortium=consortium, organisation=organisation
    )
    if not created:
        raise ApplicationError(f"{organisation} has already been asked to join.")
    audit_record(
        actor=actor,
        action="consortium.invite",
        obj=consortium,
        organisation=consortium.lead,
        after={"member": str(organisation)},
    )
    admins = list(
        organisation.memberships.filter(role=MembershipRole.ADMIN).values_list(
            "user__email", flat=True
        )
    )
    if admins:
        email_send(
            to=admins,
            template="providers/email/consortium_invitation",
            context={
                "consortium": consortium,
                "organisation": organisation,
                "inviter": actor,
                "path": reverse("providers:consortium_detail", kwargs={"pk": consortium.pk}),
            },
        )


@transaction.atomic
def consortium_create(
    *,
    actor: User,
    lead: Organisation,
    name: str,
    description: str = "",
    members: Iterable[Organisation] = (),
) -> Consortium:
    """Side effects: the lead is a confirmed member; each other member's admins are emailed."""
    if lead.is_commissioner:
        raise ApplicationError("Only providers can lead a consortium.")
    name = name.strip()
    if not name:
        raise ApplicationError("Enter a name for the consortium.")
    consortium = Consortium.objects.create(
        name=name, description=description, lead=lead, created_by=actor
    )
    ConsortiumMember.objects.create(
        consortium=consortium,
        organisation=lead,
        status=ConsortiumMemberStatus.CONFIRMED,
        responded_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="consortium.create",
        obj=consortium,
        organisation=lead,
        after={"name": name},
    )
    for organisation in members:
        if organisation.pk != lead.pk:
            _invite(actor=actor, consortium=consortium, organisation=organisation)
    return consortium


@transaction.atomic
def consortium_invite(*, actor: User, consortium: Consortium, organisation: Organisation) -> None:
    _invite(actor=actor, consortium=consortium, organisation=organisation)


@transaction.atomic
def consortium_respond(*, actor: User, member: ConsortiumMember, accept: bool) -> ConsortiumMember:
    """A member organisation's admin confirms or declines. Side effects: audit entry."""
    member = ConsortiumMember.objects.select_for_update().get(pk=member.pk)
    if member.status != ConsortiumMemberStatus.INVITED:
        raise ApplicationError(f"This has already been {member.get_status_display().lower()}.")
    member.status = ConsortiumMemberStatus.CONFIRMED if accept else ConsortiumMemberStatus.DECLINED
    member.responded_at = timezone.now()
    member.save(update_fields=["status", "responded_at", "updated_at"])
    audit_record(
        actor=actor,
        action="consortium.confirm" if accept else "consortium.decline",
        obj=member.consortium,
        organisation=member.organisation,
        before={"status": ConsortiumMemberStatus.INVITED},
        after={"status": member.status},
    )
    return member


@transaction.atomic
def consortium_member_remove(*, actor: User, member: ConsortiumMember) -> None:
    """The lead removes a member, or a member leaves. The lead itself cannot leave."""
    if member.organisation_id == member.consortium.lead_id:
        raise ApplicationError("The lead organisation cannot leave its own consortium.")
    audit_record(
        actor=actor,
        action="consortium.remove",
        obj=member.consortium,
        organisation=member.consortium.lead,
        before={"member": str(member.organisation), "status": member.status},
    )
    member.delete()
