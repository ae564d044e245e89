from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.constants import InvitationStatus, MembershipRole
from accounts.middleware import SESSION_KEY
from accounts.models import Invitation, Membership, Organisation
from core.models import AuditEntry
from tests.factories import (
    AuditEntryFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _organisation_of(user):
    return user.memberships.get().organisation


def test_organisation_create_page_creates_and_switches(client, user):
    client.force_login(user)

    response = client.post(
        reverse("accounts:organisation_create"),
        {"name": "Stroud Valleys Arts", "type": "arts_cultural", "postcode": "gl5 1aa"},
    )

    organisation = Organisation.objects.get(name="Stroud Valleys Arts")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert client.session[SESSION_KEY] == organisation.pk
    assert organisation.postcode == "GL5 1AA"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "type": "arts_cultural"}, "name", "This field is required."),
        ({"name": "X", "type": ""}, "type", "This field is required."),
        (
            {"name": "X", "type": "arts_cultural", "postcode": "nowhere"},
            "postcode",
            "Enter a real postcode, like ME14 1XQ",
        ),
        (
            {"name": "X", "type": "arts_cultural", "charity_number": "12"},
            "charity_number",
            "Enter a charity number like 1123456, 1123456-1 or SC012345",
        ),
        (
            {"name": "X", "type": "arts_cultural", "website": "not a url"},
            "website",
            "Enter a valid URL.",
        ),
    ],
)
def test_organisation_create_bad_input_shows_error_and_saves_nothing(
    client, user, data, field, message
):
    client.force_login(user)

    response = client.post(reverse("accounts:organisation_create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert Organisation.objects.count() == 0


def test_organisation_create_duplicate_company_number_shows_error(client, user):
    OrganisationFactory(company_number="01234567")
    client.force_login(user)

    response = client.post(
        reverse("accounts:organisation_create"),
        {"name": "Copy", "type": "arts_cultural", "company_number": "1234567"},
    )

    assert response.status_code == 200
    assert "company number is already registered" in response.content.decode()
    assert Organisation.objects.filter(name="Copy").count() == 0


def test_organisation_detail_stranger_gets_404(client, provider_admin):
    organisation = _organisation_of(provider_admin)
    client.force_login(UserFactory())

    response = client.get(organisation.get_absolute_url())

    assert response.status_code == 404
    assert organisation.name not in response.content.decode()


def test_organisation_detail_member_sees_members(client, provider_admin):
    organisation = _organisation_of(provider_admin)
    colleague = MembershipFactory(organisation=organisation).user
    client.force_login(colleague)

    response = client.get(organisation.get_absolute_url())

    assert response.status_code == 200
    assert [m.user for m in response.context["members"]] == sorted(
        [provider_admin, colleague], key=lambda u: (u.full_name, u.email)
    )
    assert response.context["can_manage"] is False


@pytest.mark.parametrize("url_name", ["accounts:organisation_update", "accounts:invitation_create"])
def test_admin_pages_refuse_a_plain_member(client, provider_admin, url_name):
    organisation = _organisation_of(provider_admin)
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)

    get = client.get(reverse(url_name, kwargs={"pk": organisation.pk}))
    post = client.post(
        reverse(url_name, kwargs={"pk": organisation.pk}),
        {"name": "Hijacked", "type": "arts_cultural", "email": "x@example.org", "role": "admin"},
    )

    assert (get.status_code, post.status_code) == (403, 403)
    organisation.refresh_from_db()
    assert organisation.name != "Hijacked"
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("url_name", ["accounts:organisation_update", "accounts:invitation_create"])
def test_admin_pages_hide_the_organisation_from_a_stranger(client, provider_admin, url_name):
    organisation = _organisation_of(provider_admin)
    client.force_login(UserFactory())

    response = client.post(reverse(url_name, kwargs={"pk": organisation.pk}), {"name": "X"})

    assert response.status_code == 404


def test_invitation_create_page_bad_email_shows_error(client, provider_admin):
    organisation = _organisation_of(provider_admin)
    client.force_login(provider_admin)

    response = client.post(
        reverse("accounts:invitation_create", kwargs={"pk": organisation.pk}),
        {"email": "not-an-email", "role": "member"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    assert Invitation.objects.count() == 0


def test_invitation_respond_accepts_for_matching_user(client):
    invitation = InvitationFactory(token="secret-token")
    invitee = UserFactory(email=invitation.email)
    client.force_login(invitee)
    url = reverse("accounts:invitation_respond", kwargs={"token": "secret-token"})

    response = client.post(url, {"decision": "accept"})

    assert response.status_code == 302
    assert Membership.objects.get(user=invitee).organisation == invitation.organisation
    assert client.session[SESSION_KEY] == invitation.organisation_id


def test_invitation_respond_wrong_user_refused_with_message(client):
    InvitationFactory(token="secret-token", email="invitee@example.org")
    client.force_login(UserFactory())
    url = reverse("accounts:invitation_respond", kwargs={"token": "secret-token"})

    response = client.post(url, {"decision": "accept"})

    assert response.status_code == 400
    assert "This invitation was sent to invitee@example.org" in response.content.decode()
    assert Membership.objects.count() == 0


def test_invitation_respond_unknown_token_404(client, user):
    client.force_login(user)

    response = client.get(reverse("accounts:invitation_respond", kwargs={"token": "nope"}))

    assert response.status_code == 404


def test_invitation_respond_signed_out_asks_to_sign_in(client):
    invitation = InvitationFactory(token="secret-token")

    response = client.get(reverse("accounts:invitation_respond", kwargs={"token": "secret-token"}))

    assert response.status_code == 200
    assert response.templates[0].name == "accounts/invitation_signin.html"
    assert invitation.organisation.name in response.content.decode()


def test_invitation_revoke_needs_confirmation(client, provider_admin):
    invitation = InvitationFactory(organisation=_organisation_of(provider_admin))
    client.force_login(provider_admin)
    url = reverse(
        "accounts:invitation_revoke",
        kwargs={"pk": invitation.organisation_id, "invitation_pk": invitation.pk},
    )

    confirm = client.get(url)
    invitation.refresh_from_db()
    assert confirm.status_code == 200
    assert invitation.status == InvitationStatus.PENDING

    client.post(url)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED


def test_membership_remove_by_plain_member_refused(client, provider_admin):
    organisation = _organisation_of(provider_admin)
    member = MembershipFactory(organisation=organisation)
    other = MembershipFactory(organisation=organisation)
    client.force_login(member.user)

    response = client.post(
        reverse(
            "accounts:membership_remove", kwargs={"pk": organisation.pk, "membership_pk": other.pk}
        )
    )

    assert response.status_code == 403
    assert Membership.objects.filter(pk=other.pk).exists()


def test_membership_leave_by_member(client, provider_admin):
    organisation = _organisation_of(provider_admin)
    member = MembershipFactory(organisation=organisation)
    client.force_login(member.user)
    url = reverse(
        "accounts:membership_remove", kwargs={"pk": organisation.pk, "membership_pk": member.pk}
    )

    response = client.post(url)

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.filter(action="membership.leave").count() == 1


def test_membership_leave_as_last_admin_shows_message(client, provider_admin):
    membership = provider_admin.memberships.get()
    client.force_login(provider_admin)
    url = reverse(
        "accounts:membership_remove",
        kwargs={"pk": membership.organisation_id, "membership_pk": membership.pk},
    )

    response = client.post(url, follow=True)

    assert "You are the only admin" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_membership_role_page_promotes(client, provider_admin):
    organisation = _organisation_of(provider_admin)
    member = MembershipFactory(organisation=organisation)
    client.force_login(provider_admin)

    client.post(
        reverse(
            "accounts:membership_role", kwargs={"pk": organisation.pk, "membership_pk": member.pk}
        ),
        {"role": "admin"},
    )

    member.refresh_from_db()
    assert member.role == MembershipRole.ADMIN


def test_organisation_switch_to_own_organisation(client, provider_admin):
    second = MembershipFactory(user=provider_admin).organisation
    client.force_login(provider_admin)

    client.post(reverse("accounts:organisation_switch"), {"organisation": second.pk})

    response = client.get(reverse("home"))
    assert response.context["active_organisation"] == second


def test_organisation_switch_to_foreign_organisation_refused(client, provider_admin):
    foreign = OrganisationFactory()
    client.force_login(provider_admin)

    client.post(reverse("accounts:organisation_switch"), {"organisation": foreign.pk})

    assert client.session.get(SESSION_KEY) != foreign.pk
    response = client.get(reverse("home"))
    assert response.context["active_organisation"] == _organisation_of(provider_admin)


def test_organisation_audit_admin_sees_own_trail_only(client, provider_admin):
    organisation = _organisation_of(provider_admin)
    mine = AuditEntryFactory(organisation=organisation, action="organisation.update")
    AuditEntryFactory(action="organisation.update")
    client.force_login(provider_admin)

    response = client.get(reverse("accounts:organisation_audit", kwargs={"pk": organisation.pk}))

    assert list(response.context["page_obj"]) == [mine]


def test_organisation_audit_member_refused(client, provider_admin):
    organisation = _organisation_of(provider_admin)
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)

    response = client.get(reverse("accounts:organisation_audit", kwargs={"pk": organisation.pk}))

    assert response.status_code == 403


def test_audit_all_refused_to_organisation_admin(client, provider_admin):
    client.force_login(provider_admin)

    response = client.get(reverse("accounts:audit_all"))

    assert response.status_code == 403


def test_audit_all_platform_admin_sees_everything(client, platform_admin):
    entries = AuditEntryFactory.create_batch(3)
    client.force_login(platform_admin)

    response = client.get(reverse("accounts:audit_all"))

    assert {e.pk for e in response.context["page_obj"]} == {e.pk for e in entries}


@pytest.mark.parametrize("rows", [1, 10])
def test_audit_list_query_budget(client, provider_admin, django_assert_num_queries, rows):
    organisation = _organisation_of(provider_admin)
    AuditEntryFactory.create_batch(rows, organisation=organisation)
    client.force_login(provider_admin)
    url = reverse("accounts:organisation_audit", kwargs={"pk": organisation.pk})

    with django_assert_num_queries(7):
        client.get(url)


@pytest.mark.parametrize("rows", [1, 10])
def test_organisation_list_query_budget(client, user, django_assert_num_queries, rows):
    for _ in range(rows):
        MembershipFactory(user=user)
    client.force_login(user)

    with django_assert_num_queries(3):
        response = client.get(reverse("accounts:organisation_list"))

    assert len(response.context["memberships"]) == rows


def test_membership_role_bad_choice_explained_and_unchanged(client, provider_admin):
    organisation = _organisation_of(provider_admin)
    member = MembershipFactory(organisation=organisation)
    client.force_login(provider_admin)

    response = client.post(
        reverse(
            "accounts:membership_role", kwargs={"pk": organisation.pk, "membership_pk": member.pk}
        ),
        {"role": "owner"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["role"] == [
        "Select a valid choice. owner is not one of the available choices."
    ]
    member.refresh_from_db()
    assert member.role == MembershipRole.MEMBER


@pytest.mark.parametrize("url_name", ["accounts:membership_role", "accounts:invitation_revoke"])
def test_member_management_refused_to_a_plain_member(client, provider_admin, url_name):
    organisation = _organisation_of(provider_admin)
    member = MembershipFactory(organisation=organisation)
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(member.user)
    kwargs = {"pk": organisation.pk}
    if url_name == "accounts:membership_role":
        kwargs["membership_pk"] = member.pk
    else:
        kwargs["invitation_pk"] = invitation.pk

    response = client.post(reverse(url_name, kwargs=kwargs), {"role": "admin"})

    assert response.status_code == 403
    member.refresh_from_db()
    invitation.refresh_from_db()
    assert (member.role, invitation.status) == (MembershipRole.MEMBER, InvitationStatus.PENDING)


@pytest.mark.parametrize("rows", [1, 10])
def test_organisation_detail_query_budget(client, provider_admin, django_assert_num_queries, rows):
    organisation = _organisation_of(provider_admin)
    MembershipFactory.create_batch(rows, organisation=organisation)
    InvitationFactory.create_batch(rows, organisation=organisation)
    client.force_login(provider_admin)

    with django_assert_num_queries(9):
        response = client.get(organisation.get_absolute_url())

    assert len(response.context["members"]) == rows + 1
