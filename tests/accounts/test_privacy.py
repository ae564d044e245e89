"""Subject-access export and account erasure."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts import privacy
from accounts.models import Invitation, Membership, User
from core.errors import ApplicationError
from core.models import AuditEntry
from tests.conftest import with_totp
from tests.factories import (
    PASSWORD,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProviderProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _person_with_records():
    membership = MembershipFactory(admin=True, user__full_name="Ada Lovelace")
    user = membership.user
    profile = ProviderProfileFactory(
        organisation=membership.organisation, contact_name="Ada Lovelace", contact_email=user.email
    )
    AuditEntry.objects.create(
        actor=user,
        actor_label=user.email,
        organisation=membership.organisation,
        action="profile.updated",
        content_type_id=1,
        object_id="1",
    )
    invitation = InvitationFactory(email=user.email.upper())
    return user, membership, profile, invitation


def test_personal_data_export_holds_every_record_that_links_to_or_names_the_person():
    user, membership, profile, invitation = _person_with_records()
    stranger = MembershipFactory()

    data = privacy.personal_data_export(user=user)

    records = data["records"]
    assert data["account"]["email"] == user.email
    assert "password" not in data["account"]
    assert [row["id"] for row in records["accounts.membership"]] == [membership.pk]
    assert [row["id"] for row in records["accounts.invitation"]] == [invitation.pk]
    assert [row["id"] for row in records["providers.providerprofile"]] == [profile.pk]
    assert [row["action"] for row in records["core.auditentry"]] == ["profile.updated"]
    assert [row["email"] for row in records["account.emailaddress"]] == [user.email]
    assert "token_digest" not in records["accounts.invitation"][0]
    assert stranger.user.email not in json.dumps(data)


def test_personal_data_download_is_json_of_the_signed_in_person_only(client):
    user, *_ = _person_with_records()
    other = UserFactory()
    client.force_login(user)

    response = client.get(reverse("accounts:personal_data_download"))

    assert response["Content-Disposition"] == 'attachment; filename="your-data.json"'
    body = json.loads(response.content)
    assert (body["account"]["email"], other.email in response.content.decode()) == (
        user.email,
        False,
    )


def test_personal_data_pages_refuse_someone_signed_out(client):
    for name in (
        "accounts:personal_data",
        "accounts:personal_data_download",
        "accounts:account_erase",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_account_erase_anonymises_and_keeps_records_others_rely_on(
    django_capture_on_commit_callbacks,
):
    user, _membership, profile, invitation = _person_with_records()
    programme = ProgrammeFactory(organisation=OrganisationFactory(commissioner=True))
    programme.team.add(user)
    address = user.email
    audit_before = AuditEntry.objects.filter(actor=user).count()

    with django_capture_on_commit_callbacks(execute=True):
        privacy.account_erase(user=user)

    user.refresh_from_db()
    profile.refresh_from_db()
    invitation.refresh_from_db()
    assert (user.email, user.full_name, user.is_active, user.has_usable_password()) == (
        f"erased-{user.pk}@erased.invalid",
        "",
        False,
        False,
    )
    assert (profile.contact_name, profile.contact_email) == ("", "")
    assert invitation.email == user.email
    assert Membership.objects.filter(user=user).count() == 0
    assert EmailAddress.objects.filter(user=user).count() == 0
    assert list(programme.team.all()) == []
    assert AuditEntry.objects.filter(actor=user).count() == audit_before + 2
    erased = AuditEntry.objects.get(action="account.erased")
    assert address not in json.dumps([erased.object_repr, erased.before, erased.after])
    assert mail.outbox[-1].to == [address]
    assert "erased" in mail.outbox[-1].subject


def test_account_erase_refused_for_the_only_admin_of_an_organisation_with_others():
    membership = MembershipFactory(admin=True, organisation__name="Stroud Arts")
    MembershipFactory(organisation=membership.organisation)

    with pytest.raises(ApplicationError, match="only admin of Stroud Arts"):
        privacy.account_erase(user=membership.user)

    assert User.objects.get(pk=membership.user_id).is_active is True
    assert Membership.objects.filter(organisation=membership.organisation).count() == 2


def test_account_erase_page_needs_the_password_and_changes_nothing_without_it(client):
    user, *_ = _person_with_records()
    client.force_login(user)

    response = client.post(
        reverse("accounts:account_erase"), {"password": "wrong", "confirm": "on"}
    )

    assert "The password is not right" in response.content.decode()
    user.refresh_from_db()
    assert user.is_active is True


def test_account_erase_page_erases_and_signs_out(client):
    user, *_ = _person_with_records()
    address = user.email
    client.force_login(user)

    response = client.post(
        reverse("accounts:account_erase"), {"password": PASSWORD, "confirm": "on"}, follow=True
    )

    assert "Your account has been erased" in response.content.decode()
    assert response.context["user"].is_authenticated is False
    assert client.login(email=address, password=PASSWORD) is False
    assert Invitation.objects.filter(email__iexact=address).count() == 0


def test_account_erase_page_shows_the_last_admin_refusal(client):
    membership = MembershipFactory(admin=True, organisation__name="Stroud Arts")
    MembershipFactory(organisation=membership.organisation)
    with_totp(membership.user)
    client.force_login(membership.user)

    response = client.post(
        reverse("accounts:account_erase"), {"password": PASSWORD, "confirm": "on"}
    )

    assert "Make someone else an admin first" in response.content.decode()
    assert User.objects.get(pk=membership.user_id).is_active is True
