from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from accounts import services
from accounts.constants import InvitationStatus, MembershipRole, OrganisationKind
from accounts.models import Invitation, Membership, Organisation
from accounts.tokens import token_digest
from core.errors import ApplicationError
from core.models import AuditEntry
from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_organisation_create_makes_creator_admin_and_audits(user):
    organisation = services.organisation_create(
        user=user,
        name="Thanet Tidal Dance",
        type="arts_cultural",
        charity_number="1123 456",
        company_number="1234567",
        postcode="ct9 1ab",
    )

    assert organisation.kind == OrganisationKind.PROVIDER
    assert organisation.charity_number == "1123456"
    assert organisation.company_number == "01234567"
    assert organisation.postcode == "CT9 1AB"
    assert organisation.org_ids == ["GB-CHC-1123456", "GB-COH-01234567"]
    assert Membership.objects.get(organisation=organisation).role == MembershipRole.ADMIN
    actions = list(
        AuditEntry.objects.filter(organisation=organisation)
        .order_by("id")
        .values_list("action", "actor")
    )
    assert actions == [("organisation.create", user.pk), ("membership.create", user.pk)]


def test_organisation_create_duplicate_charity_number_refused(user):
    OrganisationFactory(charity_number="1123456")

    with pytest.raises(ApplicationError, match="charity number is already registered"):
        services.organisation_create(
            user=user, name="Copy", type="arts_cultural", charity_number="1123456"
        )

    assert Organisation.objects.filter(name="Copy").count() == 0
    assert Membership.objects.filter(user=user).count() == 0


def test_organisation_create_unknown_type_refused(user):
    with pytest.raises(ApplicationError, match="Choose what kind"):
        services.organisation_create(user=user, name="Odd", type="spaceship")

    assert Organisation.objects.count() == 0


def test_organisation_update_records_before_and_after(provider_admin):
    organisation = provider_admin.memberships.get().organisation
    old_name = organisation.name

    services.organisation_update(actor=provider_admin, organisation=organisation, name="New name")

    entry = AuditEntry.objects.get(action="organisation.update")
    assert entry.before == {"name": old_name}
    assert entry.after == {"name": "New name"}
    assert entry.organisation == organisation
    assert entry.changes == [("name", old_name, "New name")]


def test_organisation_update_kind_change_refused(provider_admin):
    organisation = provider_admin.memberships.get().organisation

    with pytest.raises(ApplicationError, match="cannot change between"):
        services.organisation_update(
            actor=provider_admin, organisation=organisation, type="local_authority"
        )

    organisation.refresh_from_db()
    assert organisation.kind == OrganisationKind.PROVIDER


def test_invitation_create_emails_single_use_link(
    provider_admin, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = provider_admin.memberships.get().organisation

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            actor=provider_admin, organisation=organisation, email="New.Person@Example.org"
        )

    assert invitation.email == "new.person@example.org"
    assert [m.to for m in mailoutbox] == [["new.person@example.org"]]
    body = mailoutbox[0].body
    token = body.split("/invitations/")[1].split("/")[0]
    assert invitation.token_digest != token
    assert Invitation.objects.get(token_digest=token_digest(token)) == invitation
    assert organisation.name in mailoutbox[0].subject + body


def test_invitation_create_for_existing_member_refused(provider_admin):
    organisation = provider_admin.memberships.get().organisation
    colleague = MembershipFactory(organisation=organisation).user

    with pytest.raises(ApplicationError, match="already a member"):
        services.invitation_create(
            actor=provider_admin, organisation=organisation, email=colleague.email.upper()
        )

    assert Invitation.objects.count() == 0


def test_invitation_create_twice_refused(provider_admin):
    organisation = provider_admin.memberships.get().organisation
    services.invitation_create(actor=provider_admin, organisation=organisation, email="a@b.org")

    with pytest.raises(ApplicationError, match="already been invited"):
        services.invitation_create(actor=provider_admin, organisation=organisation, email="A@b.org")

    assert Invitation.objects.count() == 1


def test_invitation_create_after_expiry_replaces_the_old_one(provider_admin):
    organisation = provider_admin.memberships.get().organisation
    old = InvitationFactory(organisation=organisation, email="a@b.org", expired=True)

    services.invitation_create(actor=provider_admin, organisation=organisation, email="a@b.org")

    old.refresh_from_db()
    assert old.status == InvitationStatus.EXPIRED
    assert Invitation.objects.filter(status=InvitationStatus.PENDING).count() == 1


def test_invitation_accept_creates_membership_once():
    invitation = InvitationFactory(role=MembershipRole.ADMIN)
    invitee = UserFactory(email=invitation.email)

    membership = services.invitation_accept(user=invitee, invitation=invitation)

    invitation.refresh_from_db()
    assert membership.role == MembershipRole.ADMIN
    assert membership.organisation == invitation.organisation
    assert invitation.status == InvitationStatus.ACCEPTED
    with pytest.raises(ApplicationError, match="already been accepted"):
        services.invitation_accept(user=invitee, invitation=invitation)


def test_invitation_accept_expired_refused():
    invitation = InvitationFactory()
    invitee = UserFactory(email=invitation.email)

    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=15)),
        pytest.raises(ApplicationError, match="expired"),
    ):
        services.invitation_accept(user=invitee, invitation=invitation)

    assert Membership.objects.filter(user=invitee).count() == 0


def test_invitation_accept_by_someone_else_refused():
    invitation = InvitationFactory()
    stranger = UserFactory()

    with pytest.raises(ApplicationError, match="was sent to"):
        services.invitation_accept(user=stranger, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert Membership.objects.filter(user=stranger).count() == 0


def test_invitation_decline_closes_it():
    invitation = InvitationFactory()
    invitee = UserFactory(email=invitation.email)

    services.invitation_decline(user=invitee, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert Membership.objects.filter(user=invitee).count() == 0


def test_invitation_revoke_stops_acceptance(provider_admin):
    invitation = InvitationFactory(organisation=provider_admin.memberships.get().organisation)
    invitee = UserFactory(email=invitation.email)

    services.invitation_revoke(actor=provider_admin, invitation=invitation)

    with pytest.raises(ApplicationError, match="already been revoked"):
        services.invitation_accept(user=invitee, invitation=invitation)
    assert AuditEntry.objects.filter(action="invitation.revoked").count() == 1


def test_membership_remove_last_admin_refused(platform_admin):
    membership = MembershipFactory(admin=True)

    with pytest.raises(ApplicationError, match="last admin"):
        services.membership_remove(actor=platform_admin, membership=membership)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_membership_leave_as_last_admin_refused(provider_admin):
    membership = provider_admin.memberships.get()

    with pytest.raises(ApplicationError, match="only admin"):
        services.membership_remove(actor=provider_admin, membership=membership)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_membership_remove_member_emails_them(
    provider_admin, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = provider_admin.memberships.get().organisation
    member = MembershipFactory(organisation=organisation)

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_remove(actor=provider_admin, membership=member)

    assert not Membership.objects.filter(pk=member.pk).exists()
    assert [m.to for m in mailoutbox] == [[member.user.email]]
    entry = AuditEntry.objects.get(action="membership.remove")
    assert entry.before == {"user": member.user.email, "role": "member"}


def test_membership_change_role_of_last_admin_refused(provider_admin):
    membership = provider_admin.memberships.get()

    with pytest.raises(ApplicationError, match="at least one admin"):
        services.membership_change_role(
            actor=provider_admin, membership=membership, role=MembershipRole.MEMBER
        )

    membership.refresh_from_db()
    assert membership.role == MembershipRole.ADMIN


def test_membership_change_role_promotes_and_audits(provider_admin):
    organisation = provider_admin.memberships.get().organisation
    member = MembershipFactory(organisation=organisation)

    services.membership_change_role(
        actor=provider_admin, membership=member, role=MembershipRole.ADMIN
    )

    member.refresh_from_db()
    assert member.role == MembershipRole.ADMIN
    entry = AuditEntry.objects.get(action="membership.change_role")
    assert (entry.before, entry.after) == ({"role": "member"}, {"role": "admin"})


def test_invitations_expire_audits_each_invitation():
    stale = InvitationFactory.create_batch(3, expired=True)
    fresh = InvitationFactory()

    count = services.invitations_expire()

    assert count == 3
    assert set(Invitation.objects.filter(status="expired").values_list("pk", flat=True)) == {
        i.pk for i in stale
    }
    fresh.refresh_from_db()
    assert fresh.status == InvitationStatus.PENDING
    entries = AuditEntry.objects.filter(action="invitation.expire")
    assert sorted(entries.values_list("organisation_id", flat=True)) == sorted(
        i.organisation_id for i in stale
    )
    assert {(e.before["status"], e.after["status"]) for e in entries} == {("pending", "expired")}
