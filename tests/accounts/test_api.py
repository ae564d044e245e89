from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_me_lists_memberships(api, provider_admin):
    api.force_authenticate(provider_admin)

    response = api.get(reverse("api_me"))

    organisation = provider_admin.memberships.get().organisation
    assert response.json() == {
        "id": provider_admin.pk,
        "email": provider_admin.email,
        "full_name": provider_admin.full_name,
        "is_platform_admin": False,
        "memberships": [
            {
                "id": provider_admin.memberships.get().pk,
                "organisation": {
                    "id": organisation.pk,
                    "name": organisation.name,
                    "kind": "provider",
                    "type": "arts_cultural",
                },
                "role": "admin",
                "created_at": response.json()["memberships"][0]["created_at"],
            }
        ],
    }


def test_me_with_token_authentication(api, provider_admin):
    token = Token.objects.create(user=provider_admin)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api.get(reverse("api_me"))

    assert response.json()["email"] == provider_admin.email


def test_me_anonymous_refused_in_the_common_error_format(api):
    response = api.get(reverse("api_me"))

    assert response.status_code in (401, 403)
    body = response.json()
    assert body["type"] == "client_error"
    assert body["errors"][0]["code"] == "not_authenticated"


def test_organisation_list_only_mine(api, provider_admin):
    OrganisationFactory(name="Someone else's")
    api.force_authenticate(provider_admin)

    response = api.get(reverse("api_organisations"))

    names = [o["name"] for o in response.json()["results"]]
    assert names == [provider_admin.memberships.get().organisation.name]


def test_organisation_detail_stranger_gets_404(api, provider_admin):
    organisation = provider_admin.memberships.get().organisation
    api.force_authenticate(UserFactory())

    response = api.get(reverse("api_organisation", kwargs={"pk": organisation.pk}))

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_organisation_create_via_api(api, user):
    api.force_authenticate(user)

    response = api.post(
        reverse("api_organisations"),
        {"name": "Lydney Circus Skills", "type": "vcse", "charity_number": "1123456"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["org_ids"] == ["GB-CHC-1123456"]
    assert Organisation.objects.get(name="Lydney Circus Skills").memberships.get().user == user


def test_organisation_create_via_api_bad_input_saves_nothing(api, user):
    api.force_authenticate(user)

    response = api.post(
        reverse("api_organisations"),
        {"name": "", "type": "spaceship", "postcode": "nowhere"},
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "validation_error"
    assert {e["attr"] for e in body["errors"]} == {"name", "type"}
    assert Organisation.objects.count() == 0


def test_organisation_create_via_api_bad_postcode_explained(api, user):
    api.force_authenticate(user)

    response = api.post(
        reverse("api_organisations"),
        {"name": "Good name", "type": "vcse", "postcode": "nowhere"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == "Enter a real postcode, like ME14 1XQ"
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize("rows", [1, 10])
def test_organisation_list_api_query_budget(api, user, django_assert_num_queries, rows):
    for _ in range(rows):
        MembershipFactory(user=user)
    api.force_authenticate(user)

    with django_assert_num_queries(2):
        response = api.get(reverse("api_organisations"))

    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_membership_list_api_query_budget(api, user, django_assert_num_queries, rows):
    for _ in range(rows):
        MembershipFactory(user=user)
    api.force_authenticate(user)

    with django_assert_num_queries(2):
        response = api.get(reverse("api_memberships"))

    assert len(response.json()["results"]) == rows


def test_api_schema_describes_every_endpoint(api):
    response = api.get(reverse("api_schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")

    paths = set(response.json()["paths"])
    assert {
        "/api/v1/me/",
        "/api/v1/organisations/",
        "/api/v1/organisations/{id}/",
        "/api/v1/memberships/",
        "/api/v1/programmes/",
        "/api/v1/programmes/{id}/",
        "/api/v1/taxonomies/outcome-areas/",
        "/api/v1/taxonomies/art-forms/",
        "/api/v1/taxonomies/beneficiary-groups/",
        "/api/v1/taxonomies/areas/",
    } <= paths
