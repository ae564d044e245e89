"""The HSDS 3.0 open-data feed: documents validate against the official schemas (copied into
tests/schemas/hsds-3.0/ from openreferral/specification, branch 3.0), only listed profiles
appear anywhere, filters, CORS and query budgets."""

from __future__ import annotations

import copy
import datetime
import functools
import json
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from rest_framework.test import APIClient

from providers import hsds
from providers.services import profiles
from tests.providers.factories_api import full_profile

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas" / "hsds-3.0"
SPEC = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PAGE_KEYS = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
]


@functools.cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def _term_schemas() -> tuple[dict, dict]:
    """taxonomy_term.json and taxonomy.json are not published compiled; their definitions sit
    inside organization.json (an attribute's taxonomy_term and its taxonomy_detail)."""
    term = _schema("organization.json")["properties"]["attributes"]["items"]["properties"][
        "taxonomy_term"
    ]
    return term, term["properties"]["taxonomy_detail"]


@functools.cache
def _registry() -> Registry:
    term, taxonomy = _term_schemas()
    documents = {
        f"{SPEC}compiled/{name}": _schema(name)
        for name in (
            "organization.json",
            "organization_list.json",
            "service.json",
            "service_list.json",
        )
    }
    documents[f"{SPEC}taxonomy_term.json"] = term
    documents[f"{SPEC}taxonomy.json"] = taxonomy
    return Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
        for uri, contents in documents.items()
    )


def _errors(document: dict, schema: dict) -> list[str]:
    validator = Draft202012Validator(
        schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return sorted(
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(document)
    )


def _list_schema(path: str) -> dict:
    """The list response of the HSDS OpenAPI file, with its Page header made required (the
    API reference says lists "must include" it)."""
    openapi = _schema("openapi.json")
    schema = copy.deepcopy(
        openapi["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    )
    schema["allOf"] = [openapi["components"]["schemas"]["Page"]]
    schema["type"] = "object"
    schema["required"] = [*PAGE_KEYS, "contents"]
    return schema


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def listed():
    return full_profile("Thanet Tidal Dance", charity_number="1123456", company_number="09876543")


def _org_url(profile) -> str:
    return reverse(
        "hsds_organization", kwargs={"id": hsds.organization_id(profile.organisation_id)}
    )


def _service_url(activity) -> str:
    return reverse("hsds_service", kwargs={"id": hsds.service_id(activity.pk)})


def _names(response) -> list[str]:
    return [item["name"] for item in response.json()["contents"]]


# Identifiers ------------------------------------------------------------------------------------


def test_hsds_ids_reversible_and_valid_uuids():
    organization = hsds.organization_id(42)
    service = hsds.service_id(42)

    assert organization.endswith("-00000000002a")
    assert organization != service
    assert [
        hsds.decode_id(hsds.ORGANIZATION, organization),
        hsds.decode_id(hsds.SERVICE, service),
    ] == [42, 42]
    assert hsds.decode_id(hsds.ORGANIZATION, service) is None
    assert hsds.decode_id(hsds.ORGANIZATION, "not-a-uuid") is None
    assert _errors(organization, {"type": "string", "format": "uuid"}) == []


def test_hsds_term_ids_stable_by_slug():
    assert hsds.term_id("art_form", "dance") == hsds.term_id("art_form", "dance")
    assert hsds.term_id("art_form", "dance") != hsds.term_id("setting", "dance")


# Documents validate -----------------------------------------------------------------------------


def test_hsds_schema_check_catches_bad_documents():
    """The validation below has teeth: formats are checked and required fields enforced."""
    bad = {"id": "42", "description": "x", "email": "nobody", "services": [{"id": "1"}]}

    assert _errors(bad, _schema("organization.json")) == [
        ": 'name' is a required property",
        "email: 'nobody' is not a 'email'",
        "id: '42' is not a 'uuid'",
        "services/0/id: '1' is not a 'uuid'",
        "services/0: 'name' is a required property",
        "services/0: 'status' is a required property",
    ]


def test_hsds_organization_document_validates(api, listed, settings):
    settings.SITE_URL = "https://directory.example.org"
    activity = listed.activities.get()

    response = api.get(_org_url(listed))

    document = response.json()
    assert _errors(document, _schema("organization.json")) == []
    assert document["id"] == hsds.organization_id(listed.organisation_id)
    assert document["name"] == "Thanet Tidal Dance"
    assert document["description"] == "Dance with older people on the Kent coast."
    assert document["email"] == "jo@example.org"
    assert document["website"] == "https://tidal-dance.example.org"
    assert document["uri"] == f"https://directory.example.org/directory/{listed.pk}/"
    assert document["year_incorporated"] == 2011
    assert document["legal_status"] == "Charitable company"
    assert [
        (i["identifier_scheme"], i["identifier"]) for i in document["organization_identifiers"]
    ] == [
        ("GB-CHC", "1123456"),
        ("GB-COH", "09876543"),
    ]
    assert [(c["name"], c["email"], c["phones"][0]["number"]) for c in document["contacts"]] == [
        ("Jo Bloggs", "jo@example.org", "01843 123456")
    ]
    assert [p["number"] for p in document["phones"]] == ["01843 123456"]
    [location] = document["locations"]
    [address] = location["addresses"]
    assert (location["name"], location["location_type"]) == ("The Pavilion", "physical")
    assert (address["address_1"], address["city"], address["state_province"]) == (
        "1 Harbour Street",
        "Ramsgate",
        "Kent",
    )
    assert (address["postal_code"], address["country"]) == ("CT11 8HA", "GB")
    assert [s["id"] for s in document["services"]] == [hsds.service_id(activity.pk)]
    assert sorted((a["link_type"], a["taxonomy_term"]["code"]) for a in document["attributes"]) == [
        ("art_form", "dance"),
        ("art_form", "music"),
        ("beneficiary_group", "older-people"),
        ("outcome_area", "wellbeing"),
        ("setting", "care_homes"),
        ("setting", "community_centres"),
    ]
    assert {a["link_id"] for a in document["attributes"]} == {document["id"]}


def test_hsds_service_document_validates(api, listed, settings):
    settings.SITE_URL = "https://directory.example.org"
    activity = listed.activities.get()

    response = api.get(_service_url(activity))

    document = response.json()
    assert _errors(document, _schema("service.json")) == []
    assert document["status"] == "active"
    assert document["organization_id"] == hsds.organization_id(listed.organisation_id)
    assert document["organization"]["name"] == "Thanet Tidal Dance"
    assert document["eligibility_description"] == (
        "People living with dementia and their carers\n\nLiving in Thanet"
    )
    assert document["fees_description"] == "Free"
    assert document["url"] == f"https://directory.example.org/directory/{listed.pk}/"
    assert document["description"].endswith("Where: Care homes and community centres in Thanet")
    assert [(a["name"], a["uri"]) for a in document["service_areas"]] == [
        ("Kent", "http://statistics.data.gov.uk/id/statistical-geography/E10000016")
    ]
    assert [c["name"] for c in document["contacts"]] == ["Jo Bloggs"]
    assert {a["link_entity"] for a in document["attributes"]} == {"service"}
    assert len(document["attributes"]) == 6


@pytest.mark.parametrize(
    ("url_name", "schema_path"),
    [
        ("hsds_organizations", "/organizations"),
        ("hsds_services", "/services"),
        ("hsds_taxonomies", "/taxonomies"),
        ("hsds_taxonomy_terms", "/taxonomy_terms"),
    ],
)
def test_hsds_list_responses_validate(api, listed, url_name, schema_path):
    response = api.get(reverse(url_name))

    body = response.json()
    assert _errors(body, _list_schema(schema_path)) == []
    assert body["size"] == len(body["contents"]) > 0


def test_hsds_taxonomy_and_term_details_validate(api):
    term_schema, taxonomy_schema = _term_schemas()
    taxonomy = api.get(reverse("hsds_taxonomy", kwargs={"id": hsds.taxonomy_id("art_form")}))
    term = api.get(reverse("hsds_taxonomy_term", kwargs={"id": hsds.term_id("art_form", "dance")}))

    assert _errors(taxonomy.json(), taxonomy_schema) == []
    assert _errors(term.json(), term_schema) == []
    assert (taxonomy.json()["name"], term.json()["name"]) == ("Art forms", "Dance")


def test_hsds_taxonomy_terms_cover_the_four_vocabularies(api):
    response = api.get(reverse("hsds_taxonomy_terms"), {"per_page": 200})

    body = response.json()
    assert sorted({t["taxonomy"] for t in body["contents"]}) == [
        "Art forms",
        "Beneficiary groups",
        "Outcome areas",
        "Settings",
    ]
    assert body["total_items"] == len(body["contents"])


def test_hsds_taxonomy_terms_filtered_by_taxonomy(api):
    response = api.get(reverse("hsds_taxonomy_terms"), {"taxonomy_id": hsds.taxonomy_id("setting")})

    assert [t["code"] for t in response.json()["contents"]] == [
        "theatres",
        "libraries",
        "museums",
        "care_homes",
        "hospitals",
        "schools",
        "community_centres",
        "outdoors",
        "online",
    ]


def test_hsds_root_describes_the_feed(api):
    response = api.get(reverse("hsds_root"))

    assert response.json() == {
        "version": "3.0",
        "profile": "https://docs.openreferral.org/en/3.0/",
        "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
    }


# Consent: unlisted profiles never appear --------------------------------------------------------


def test_hsds_unlisted_profile_absent_from_lists(api, listed):
    hidden = full_profile("Hidden Harbour Theatre", listed=False)

    organizations = api.get(reverse("hsds_organizations"))
    services = api.get(reverse("hsds_services"))

    assert _names(organizations) == ["Thanet Tidal Dance"]
    assert [s["organization"]["name"] for s in services.json()["contents"]] == [
        "Thanet Tidal Dance"
    ]
    assert hidden.activities.count() == 1


def test_hsds_unlisted_profile_details_404(api):
    hidden = full_profile("Hidden Harbour Theatre", listed=False)

    organization = api.get(_org_url(hidden))
    service = api.get(_service_url(hidden.activities.get()))

    assert (organization.status_code, service.status_code) == (404, 404)
    assert organization.json()["type"] == "client_error"
    assert organization.json()["errors"][0]["code"] == "not_found"
    assert service.json()["errors"][0]["detail"] == (
        "No service of a listed organization has this id."
    )


def test_hsds_unlisting_removes_profile_and_services(api, listed):
    activity = listed.activities.get()

    profiles.profile_set_listed(actor=listed.admin, profile=listed, listed=False)

    assert api.get(reverse("hsds_organizations")).json()["total_items"] == 0
    assert api.get(reverse("hsds_services")).json()["total_items"] == 0
    assert api.get(_service_url(activity)).status_code == 404


def test_hsds_unlisted_absent_under_taxonomy_term_filter(api, listed):
    full_profile("Hidden Harbour Theatre", listed=False)
    dance = hsds.term_id("art_form", "dance")

    organizations = api.get(reverse("hsds_organizations"), {"taxonomy_term_id": dance})
    services = api.get(reverse("hsds_services"), {"taxonomy_term_id": dance})

    assert _names(organizations) == ["Thanet Tidal Dance"]
    assert services.json()["total_items"] == 1


def test_hsds_service_id_cannot_reach_an_organization(api, listed):
    activity = listed.activities.get()

    response = api.get(reverse("hsds_organization", kwargs={"id": hsds.service_id(activity.pk)}))

    assert response.status_code == 404


# Filters ----------------------------------------------------------------------------------------


def test_hsds_taxonomy_term_filter_matches_only_tagged(api, profile_factory, listed):
    profile_factory("Clay Collective", art_forms=("Visual arts",), settings=("outdoors",))

    by_art_form = api.get(
        reverse("hsds_organizations"), {"taxonomy_term_id": hsds.term_id("art_form", "music")}
    )
    by_setting = api.get(
        reverse("hsds_organizations"), {"taxonomy_term_id": hsds.term_id("setting", "outdoors")}
    )

    assert _names(by_art_form) == ["Thanet Tidal Dance"]
    assert _names(by_setting) == ["Clay Collective"]


def test_hsds_unknown_taxonomy_term_gives_empty_list(api, listed):
    response = api.get(
        reverse("hsds_services"), {"taxonomy_term_id": hsds.term_id("art_form", "nonsense")}
    )

    assert response.json()["total_items"] == 0
    assert response.json()["empty"] is True


def test_hsds_malformed_taxonomy_term_400(api):
    response = api.get(reverse("hsds_organizations"), {"taxonomy_term_id": "dance"})

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "invalid",
            "detail": "Enter an id from this feed (a UUID).",
            "attr": "taxonomy_term_id",
        }
    ]


def test_hsds_services_filtered_by_organization(api, listed, profile_factory):
    profile_factory("Other Arts", activities=(("Choir", "Singing together"),))

    response = api.get(
        reverse("hsds_services"),
        {"organization_id": hsds.organization_id(listed.organisation_id)},
    )

    assert _names(response) == ["Seated dance for people living with dementia"]


def test_hsds_modified_after_returns_recent_changes(api, profile_factory):
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC), tick=False):
        old = profile_factory("Old Arts", activities=(("Old class", "Pottery"),))
    with time_machine.travel(datetime.datetime(2026, 3, 5, 9, tzinfo=datetime.UTC), tick=False):
        profile_factory("New Arts", activities=(("New class", "Drawing"),))

    organizations = api.get(
        reverse("hsds_organizations"), {"modified_after": "2026-02-01T00:00:00Z"}
    )
    services = api.get(reverse("hsds_services"), {"modified_after": "2026-02-01"})

    assert _names(organizations) == ["New Arts"]
    assert _names(services) == ["New class"]
    assert services.json()["contents"][0]["last_modified"] == "2026-03-05T09:00:00+00:00"
    assert old.is_listed is True


def test_hsds_modified_after_follows_activity_changes(api, profile_factory):
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC), tick=False):
        profile = profile_factory("Old Arts", activities=(("Old class", "Pottery"),))
    with time_machine.travel(datetime.datetime(2026, 3, 5, 9, tzinfo=datetime.UTC), tick=False):
        profiles.activity_save(
            actor=profile.admin,
            profile=profile,
            activity=profile.activities.get(),
            cost="£3 a session",
        )

    response = api.get(
        reverse("hsds_organizations"), {"modified_after": "2026-02-01T00:00:00 00:00"}
    )

    assert _names(response) == ["Old Arts"]


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "2026-02-30T10:00:00Z"])
def test_hsds_modified_after_malformed_400(api, value):
    response = api.get(reverse("hsds_services"), {"modified_after": value})

    assert response.status_code == 400
    assert response.json() == {
        "type": "validation_error",
        "errors": [
            {
                "code": "invalid",
                "detail": "Enter a date and time in ISO 8601 form, like 2026-01-31T09:00:00Z.",
                "attr": "modified_after",
            }
        ],
    }


def test_hsds_pagination_header(api, profile_factory):
    for name in ("A Arts", "B Arts", "C Arts"):
        profile_factory(name)

    response = api.get(reverse("hsds_organizations"), {"page": 2, "per_page": 2})

    body = response.json()
    assert {key: body[key] for key in PAGE_KEYS} == {
        "total_items": 3,
        "total_pages": 2,
        "page_number": 2,
        "size": 1,
        "first_page": False,
        "last_page": True,
        "empty": False,
    }
    assert _names(response) == ["C Arts"]


def test_hsds_page_past_the_end_is_empty(api, listed):
    response = api.get(reverse("hsds_organizations"), {"page": str(10**30)})

    body = response.json()
    assert (body["total_items"], body["size"], body["empty"], body["last_page"]) == (
        1,
        0,
        True,
        True,
    )


@pytest.mark.parametrize("params", [{"page": "0"}, {"per_page": "many"}])
def test_hsds_bad_page_400(api, params):
    response = api.get(reverse("hsds_organizations"), params)

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == next(iter(params))


# HTTP: CORS, no authentication, query budgets ---------------------------------------------------


def test_hsds_cors_open(api, listed):
    response = api.get(reverse("hsds_organizations"), HTTP_ORIGIN="https://example.net")

    assert response["Access-Control-Allow-Origin"] == "*"


def test_api_v1_not_cors_open(api):
    response = api.get(reverse("api_directory"), HTTP_ORIGIN="https://example.net")

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_hsds_ignores_credentials(api, listed):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = api.get(reverse("hsds_organizations"))

    assert _names(response) == ["Thanet Tidal Dance"]


def test_hsds_read_only(api):
    response = api.post(reverse("hsds_organizations"), {})

    assert response.status_code == 405


@pytest.mark.parametrize("rows", [1, 10])
@pytest.mark.parametrize("url_name", ["hsds_organizations", "hsds_services"])
def test_hsds_list_query_budget(api, profile_factory, django_assert_num_queries, rows, url_name):
    for n in range(rows):
        profile_factory(f"Arts {n}", activities=((f"Class {n}", "Making things"),))

    with django_assert_num_queries(2):
        response = api.get(reverse(url_name))

    assert response.json()["total_items"] == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_hsds_organization_detail_query_budget(
    api, profile_factory, django_assert_num_queries, rows
):
    profile = profile_factory(
        "Busy Arts", activities=tuple((f"Class {n}", "Making things") for n in range(rows))
    )

    with django_assert_num_queries(7):
        response = api.get(_org_url(profile))

    assert len(response.json()["services"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_hsds_filtered_list_query_budget(api, profile_factory, django_assert_num_queries, rows):
    for n in range(rows):
        profile_factory(f"Arts {n}")

    with django_assert_num_queries(5):
        response = api.get(
            reverse("hsds_organizations"),
            {
                "taxonomy_term_id": hsds.term_id("art_form", "dance"),
                "modified_after": "2020-01-01",
            },
        )

    assert response.json()["total_items"] == rows
