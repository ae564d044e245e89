"""The directory API: search with the page's filters, profiles, a provider's own profile,
activities, documents and consortia; permissions, bad input and query budgets."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.constants import MembershipRole
from core.models import AuditEntry
from providers.constants import ConsortiumMemberStatus
from providers.filters import DirectorySearchForm
from providers.models import Activity, Consortium, ProviderDocument, ProviderProfile
from providers.selectors import directory_facets, directory_queryset, directory_summary
from providers.services import consortia, documents, profiles
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.providers.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _as(api: APIClient, user) -> APIClient:
    api.force_authenticate(user)
    return api


def _page_filters(params: dict):
    """The filters the directory page would apply to this query string."""
    return DirectorySearchForm(QueryDict(urlencode(params, doseq=True))).filters()


def _pdf(name: str = "insurance.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


# Directory search -------------------------------------------------------------------------------


@pytest.fixture
def directory(profile_factory):
    return [
        profile_factory(
            "Medway Maker Theatre",
            summary="Community playmaking with older people.",
            art_forms=("Theatre",),
            outcomes=("Wellbeing",),
            settings=("care_homes",),
            staff_band="1_9",
        ),
        profile_factory(
            "Thanet Tidal Dance",
            summary="Dance on the coast.",
            art_forms=("Dance",),
            outcomes=("Wellbeing", "Physical health"),
            beneficiaries=("Older people",),
            settings=("care_homes", "outdoors"),
        ),
        profile_factory(
            "Swale Clay Collective",
            summary="Ceramics studio for young people.",
            art_forms=("Visual arts",),
            outcomes=("Education and learning",),
            areas=("E07000113",),
            organisation_type="vcse",
        ),
        profile_factory("Hidden Theatre", listed=False, art_forms=("Theatre",)),
    ]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "theat"},
        {"art_form": ["dance", "theatre"]},
        {"outcome": "wellbeing", "setting": "care_homes"},
        {"area": "E07000113", "type": "vcse"},
        {"q": "older", "sort": "name"},
        {"size": "1_9"},
    ],
)
def test_directory_search_matches_page_selectors(api, directory, params):
    expected = [p.pk for p in directory_queryset(_page_filters(params))]

    response = api.get(reverse("api_directory"), params)

    body = response.json()
    assert [r["id"] for r in body["results"]] == expected
    assert body["count"] == len(expected)


def test_directory_search_facet_counts_match_page(api, directory):
    params = {"outcome": "wellbeing"}
    filters = _page_filters(params)
    page_facets = directory_facets(directory_summary(filters), filters)

    response = api.get(reverse("api_directory"), params)

    facets = response.json()["facets"]
    assert [(v["label"], v["count"]) for v in facets["art_form"]] == [
        (v.label, v.count) for v in page_facets["art_forms"]
    ]
    assert {v["value"]: v["count"] for v in facets["art_form"]} == {"dance": 1, "theatre": 1}
    assert [(v["value"], v["selected"]) for v in facets["outcome"] if v["selected"]] == [
        ("wellbeing", True)
    ]
    assert {v["value"]: v["count"] for v in facets["setting"]} == {
        "care_homes": 2,
        "outdoors": 1,
    }


def test_directory_search_result_summary(api, directory):
    response = api.get(reverse("api_directory"), {"q": "Thanet Tidal Dance"})

    first = response.json()["results"][0]
    assert first["name"] == "Thanet Tidal Dance"
    assert first["art_forms"] == [{"slug": "dance", "name": "Dance"}]
    assert first["beneficiary_groups"] == [{"slug": "older-people", "name": "Older people"}]
    assert first["areas_served"] == [{"code": "E10000016", "name": "Kent"}]
    assert sorted(o["slug"] for o in first["outcome_areas"]) == ["physical-health", "wellbeing"]


def test_directory_search_unknown_slug_ignored(api, directory):
    response = api.get(reverse("api_directory"), {"art_form": "no-such-art", "q": "dance"})

    assert response.status_code == 200
    assert [r["name"] for r in response.json()["results"]] == ["Thanet Tidal Dance"]


@pytest.mark.parametrize("q", ["'; DROP TABLE x; --", "\x00\x01", "é" * 5000, "&|!():*<->"])
def test_directory_search_any_text_never_errors(api, directory, q):
    expected = [p.pk for p in directory_queryset(_page_filters({"q": q}))]

    response = api.get(reverse("api_directory"), {"q": q})

    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == expected


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=st.text(max_size=300),
    art_form=st.lists(st.text(max_size=30), max_size=3),
    area=st.text(max_size=12),
)
def test_directory_search_any_query_string_never_errors(directory, q, art_form, area):
    response = APIClient().get(
        reverse("api_directory"), {"q": q, "art_form": art_form, "area": area, "sort": q[:5]}
    )

    assert response.status_code == 200
    assert response.json()["count"] == len(response.json()["results"])


def test_directory_search_unlisted_never_appear(api, directory):
    response = api.get(reverse("api_directory"), {"q": "hidden"})

    assert response.json()["count"] == 0


@pytest.mark.parametrize("rows", [1, 10])
def test_directory_search_query_budget(api, profile_factory, django_assert_num_queries, rows):
    for n in range(rows):
        profile_factory(f"Dance Company {n}")

    search = {"q": "dance", "art_form": "dance"}
    # A first search: the vocabulary (4), the count, the facet counts, the ranking, the rows.
    with django_assert_num_queries(8):
        response = api.get(reverse("api_directory"), search)
    # The same search again: the same answer for every caller, kept until a profile changes.
    with django_assert_num_queries(0):
        again = api.get(reverse("api_directory"), search)
    # The same search paged differently: only that page's rows are read.
    with django_assert_num_queries(1):
        paged = api.get(reverse("api_directory"), {**search, "page_size": 5})

    assert response.json() == again.json()
    assert paged.json()["count"] == rows
    assert paged.json()["results"] == response.json()["results"][:5]


def test_directory_search_shared_answer_changes_when_a_profile_does(api, profile_factory):
    profile = profile_factory("Dance Company One")
    search = {"q": "dance"}
    before = api.get(reverse("api_directory"), search).json()

    profiles.profile_set_listed(actor=profile.admin, profile=profile, listed=False)
    after = api.get(reverse("api_directory"), search).json()

    assert before["count"] == 1
    assert after["count"] == 0


# Directory profile ------------------------------------------------------------------------------


def test_directory_profile_public(api, profile_factory):
    profile = profile_factory(
        "Medway Maker Theatre", activities=(("Playmaking", "Plays with older people"),)
    )

    response = api.get(reverse("api_directory_profile", kwargs={"pk": profile.pk}))

    body = response.json()
    assert body["organisation"]["name"] == "Medway Maker Theatre"
    assert [a["name"] for a in body["activities"]] == ["Playmaking"]
    assert "support_needs" not in body


def test_directory_profile_unlisted_stranger_404(api, profile_factory):
    profile = profile_factory("Hidden Theatre", listed=False)

    anonymous = api.get(reverse("api_directory_profile", kwargs={"pk": profile.pk}))
    stranger = _as(APIClient(), UserFactory()).get(
        reverse("api_directory_profile", kwargs={"pk": profile.pk})
    )

    assert (anonymous.status_code, stranger.status_code) == (404, 404)
    assert stranger.json()["errors"][0]["code"] == "not_found"


def test_directory_profile_unlisted_visible_to_member(api, profile_factory):
    profile = profile_factory("Hidden Theatre", listed=False)

    response = _as(api, profile.admin).get(
        reverse("api_directory_profile", kwargs={"pk": profile.pk})
    )

    assert (response.status_code, response.json()["is_listed"]) == (200, False)


# The caller's own profile -----------------------------------------------------------------------


def test_profile_get_own(api, profile_factory):
    profile = profile_factory("Medway Maker Theatre", listed=False)

    response = _as(api, profile.admin).get(reverse("api_profile"))

    body = response.json()
    assert body["id"] == profile.pk
    assert body["art_forms"] == [{"slug": "dance", "name": "Dance"}]
    assert body["listing_problems"] == []
    assert 0 < body["completeness"]["percent"] < 100
    assert "Add an activity you offer" in body["completeness"]["next_steps"]


def test_profile_created_on_first_request(api, provider_admin):
    organisation = provider_admin.memberships.get().organisation

    response = _as(api, provider_admin).get(reverse("api_profile"))

    assert response.json()["id"] == ProviderProfile.objects.get(organisation=organisation).pk
    assert response.json()["is_listed"] is False


def test_profile_patch_goes_through_the_service(api, profile_factory):
    profile = profile_factory("Medway Maker Theatre")

    response = _as(api, profile.admin).patch(
        reverse("api_profile"),
        {
            "summary": "Playmaking in care homes.",
            "art_forms": ["theatre", "music"],
            "areas_served": ["E07000113"],
            "settings": ["schools", "care_homes"],
            "year_founded": 1998,
        },
        format="json",
    )

    profile.refresh_from_db()
    assert response.status_code == 200
    assert sorted(profile.art_forms.values_list("slug", flat=True)) == ["music", "theatre"]
    assert profile.settings == ["care_homes", "schools"]
    assert profile.year_founded == 1998
    assert response.json()["areas_served"] == [{"code": "E07000113", "name": "Swale"}]
    assert AuditEntry.objects.filter(action="profile.update").count() == 2
    assert directory_queryset(DirectorySearchForm({"q": "playmaking"}).filters()).get() == profile


@pytest.mark.parametrize(
    ("year", "attr", "detail"),
    [
        (3000, "year_founded", "Ensure this value is less than or equal to 2100."),
        (2099, "non_field_errors", "The year founded must be a real year, no later than"),
    ],
)
def test_profile_patch_bad_year_changes_nothing(api, profile_factory, year, attr, detail):
    profile = profile_factory("Medway Maker Theatre", summary="Before.")

    response = _as(api, profile.admin).patch(
        reverse("api_profile"), {"summary": "After.", "year_founded": year}, format="json"
    )

    profile.refresh_from_db()
    error = response.json()["errors"][0]
    assert response.status_code == 400
    assert response.json()["type"] == "validation_error"
    assert error["attr"] == attr
    assert error["detail"].startswith(detail)
    assert (profile.summary, profile.year_founded) == ("Before.", None)


def test_profile_patch_unknown_art_form_refused(api, profile_factory):
    profile = profile_factory("Medway Maker Theatre")

    response = _as(api, profile.admin).patch(
        reverse("api_profile"), {"art_forms": ["no-such-art"]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "art_forms"
    assert list(profile.art_forms.values_list("slug", flat=True)) == ["dance"]


def test_profile_patch_another_organisation_404(api, profile_factory):
    mine = profile_factory("Mine Arts")
    theirs = profile_factory("Their Arts", summary="Theirs.")

    response = _as(api, mine.admin).patch(
        reverse("api_profile") + f"?organisation={theirs.organisation_id}",
        {"summary": "Hijacked."},
        format="json",
    )

    theirs.refresh_from_db()
    assert response.status_code == 404
    assert theirs.summary == "Theirs."


def test_profile_several_organisations_needs_choice(api, profile_factory):
    first = profile_factory("First Arts")
    second = profile_factory("Second Arts", summary="Second.")
    MembershipFactory(user=first.admin, organisation=second.organisation, admin=True)
    token = Token.objects.create(user=first.admin)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    without = api.get(reverse("api_profile"))
    chosen = api.get(reverse("api_profile"), {"organisation": second.organisation_id})

    assert without.status_code == 400
    assert without.json()["errors"][0] == {
        "code": "invalid",
        "detail": "Say which of your organisations you are acting for: add ?organisation=<id>.",
        "attr": "organisation",
    }
    assert chosen.json()["summary"] == "Second."


def test_profile_commissioner_has_none(api, commissioner):
    response = _as(api, commissioner).get(reverse("api_profile"))

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == (
        "Commissioning organisations do not have directory profiles."
    )


def test_profile_anonymous_refused(api):
    response = api.get(reverse("api_profile"))

    assert response.status_code in (401, 403)
    assert response.json()["errors"][0]["code"] == "not_authenticated"


def test_profile_listing_by_admin(api, profile_factory):
    profile = profile_factory("Medway Maker Theatre", listed=False)

    response = _as(api, profile.admin).post(
        reverse("api_profile_listing"), {"listed": True}, format="json"
    )

    profile.refresh_from_db()
    assert response.json()["is_listed"] is True
    assert profile.is_listed is True


def test_profile_listing_non_admin_403(api, profile_factory):
    profile = profile_factory("Medway Maker Theatre")
    member = MembershipFactory(organisation=profile.organisation, role=MembershipRole.MEMBER).user

    response = _as(api, member).post(
        reverse("api_profile_listing"), {"listed": False}, format="json"
    )

    profile.refresh_from_db()
    assert response.status_code == 403
    assert response.json()["errors"][0]["detail"] == (
        "Only your organisation's admins can list or unlist its profile."
    )
    assert profile.is_listed is True


def test_profile_listing_incomplete_profile_explained(api, provider_admin):
    response = _as(api, provider_admin).post(
        reverse("api_profile_listing"), {"listed": True}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"].startswith(
        "Before your profile can be listed: add a short summary"
    )


# Activities -------------------------------------------------------------------------------------


def test_activity_create_update_delete(api, profile_factory):
    profile = profile_factory("Medway Maker Theatre")
    client = _as(api, profile.admin)

    created = client.post(
        reverse("api_profile_activities"),
        {"name": "Playmaking", "description": "Plays with older people", "cost": "Free"},
        format="json",
    )
    pk = created.json()["id"]
    changed = client.patch(
        reverse("api_profile_activity", kwargs={"pk": pk}), {"cost": "£2"}, format="json"
    )
    listed = client.get(reverse("api_profile_activities"))
    deleted = client.delete(reverse("api_profile_activity", kwargs={"pk": pk}))

    assert created.status_code == 201
    assert (changed.json()["name"], changed.json()["cost"]) == ("Playmaking", "£2")
    assert [a["name"] for a in listed.json()["results"]] == ["Playmaking"]
    assert deleted.status_code == 204
    assert Activity.objects.count() == 0
    assert list(
        AuditEntry.objects.filter(action__startswith="activity.").values_list("action", flat=True)
    ) == ["activity.delete", "activity.update", "activity.create"]


def test_activity_of_another_organisation_404(api, profile_factory):
    mine = profile_factory("Mine Arts")
    theirs = profile_factory("Their Arts", activities=(("Choir", "Singing"),))
    activity = theirs.activities.get()

    client = _as(api, mine.admin)
    changed = client.patch(
        reverse("api_profile_activity", kwargs={"pk": activity.pk}), {"name": "Mine"}, format="json"
    )
    deleted = client.delete(reverse("api_profile_activity", kwargs={"pk": activity.pk}))

    activity.refresh_from_db()
    assert (changed.status_code, deleted.status_code) == (404, 404)
    assert activity.name == "Choir"


def test_activity_create_missing_fields_400(api, profile_factory):
    profile = profile_factory("Medway Maker Theatre")

    response = _as(api, profile.admin).post(
        reverse("api_profile_activities"), {"name": ""}, format="json"
    )

    assert response.status_code == 400
    assert sorted(e["attr"] for e in response.json()["errors"]) == ["description", "name"]
    assert Activity.objects.count() == 0


@pytest.mark.parametrize("rows", [1, 10])
def test_activity_list_query_budget(api, profile_factory, django_assert_num_queries, rows):
    profile = profile_factory(
        "Busy Arts", activities=tuple((f"Class {n}", "Making") for n in range(rows))
    )
    client = _as(api, profile.admin)

    with django_assert_num_queries(6):
        response = client.get(reverse("api_profile_activities"))

    assert response.json()["count"] == rows


# Documents --------------------------------------------------------------------------------------


def test_document_upload_checked_by_content(api, profile_factory):
    profile = profile_factory("Medway Maker Theatre")

    response = _as(api, profile.admin).post(
        reverse("api_profile_documents"),
        {"kind": "public_liability", "file": _pdf("cover.docx"), "expires_on": "2099-01-31"},
        format="multipart",
    )

    document = ProviderDocument.objects.get()
    assert response.status_code == 201
    assert response.json()["file_type"] == "application/pdf"
    assert (document.profile, document.kind) == (profile, "public_liability")


def test_document_upload_bad_content_400_nothing_saved(api, profile_factory, settings):
    profile = profile_factory("Medway Maker Theatre")
    fake = SimpleUploadedFile("policy.pdf", b"MZ\x90\x00 a program", content_type="application/pdf")

    response = _as(api, profile.admin).post(
        reverse("api_profile_documents"),
        {"kind": "safeguarding_policy", "file": fake},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"].startswith("The selected file must be a ")
    assert ProviderDocument.objects.count() == 0
    assert not any(path.is_file() for path in settings.MEDIA_ROOT.rglob("*"))


def test_document_upload_unknown_kind_400(api, profile_factory):
    profile = profile_factory("Medway Maker Theatre")

    response = _as(api, profile.admin).post(
        reverse("api_profile_documents"), {"kind": "passport", "file": _pdf()}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "kind"
    assert ProviderDocument.objects.count() == 0


def test_document_list_and_delete(api, profile_factory, django_capture_on_commit_callbacks):
    profile = profile_factory("Medway Maker Theatre")
    document = documents.document_upload(
        actor=profile.admin, profile=profile, kind="accounts", file=_pdf()
    )
    client = _as(api, profile.admin)

    listed = client.get(reverse("api_profile_documents"))
    with django_capture_on_commit_callbacks(execute=True):
        deleted = client.delete(reverse("api_profile_document", kwargs={"pk": document.pk}))

    assert [d["kind"] for d in listed.json()["results"]] == ["accounts"]
    assert deleted.status_code == 204
    assert ProviderDocument.objects.count() == 0


def test_document_of_another_organisation_404(api, profile_factory):
    mine = profile_factory("Mine Arts")
    theirs = profile_factory("Their Arts")
    document = documents.document_upload(
        actor=theirs.admin, profile=theirs, kind="accounts", file=_pdf()
    )

    response = _as(api, mine.admin).delete(
        reverse("api_profile_document", kwargs={"pk": document.pk})
    )

    assert response.status_code == 404
    assert ProviderDocument.objects.get() == document


# Consortia --------------------------------------------------------------------------------------


@pytest.fixture
def consortium(profile_factory):
    lead = profile_factory("Lead Arts")
    member = profile_factory("Member Arts")
    created = consortia.consortium_create(
        actor=lead.admin,
        lead=lead.organisation,
        name="Kent Arts and Health",
        members=[member.organisation],
    )
    created.lead_profile, created.member_profile = lead, member
    return created


def test_consortium_list_public_confirmed_members_only(api, consortium):
    response = api.get(reverse("api_consortia"))

    assert response.json()["results"] == [
        {
            "id": consortium.pk,
            "name": "Kent Arts and Health",
            "description": "",
            "lead": {"id": consortium.lead_id, "name": "Lead Arts"},
            "members": [{"id": consortium.lead_id, "name": "Lead Arts"}],
        }
    ]


@pytest.mark.parametrize("rows", [1, 10])
def test_consortium_list_query_budget(api, profile_factory, django_assert_num_queries, rows):
    lead = profile_factory("Lead Arts")
    for n in range(rows):
        consortia.consortium_create(actor=lead.admin, lead=lead.organisation, name=f"Group {n}")

    with django_assert_num_queries(3):
        response = api.get(reverse("api_consortia"))

    assert response.json()["count"] == rows


def test_consortium_create_by_lead_admin(
    api, profile_factory, mailoutbox, django_capture_on_commit_callbacks
):
    lead = profile_factory("Lead Arts")
    member = profile_factory("Member Arts")

    with django_capture_on_commit_callbacks(execute=True):
        response = _as(api, lead.admin).post(
            reverse("api_consortia"),
            {"name": "Coastal Partners", "members": [member.organisation_id]},
            format="json",
        )

    body = response.json()
    assert response.status_code == 201
    assert [(m["organisation"]["name"], m["status"]) for m in body["members"]] == [
        ("Lead Arts", "confirmed"),
        ("Member Arts", "invited"),
    ]
    assert Consortium.objects.get().lead == lead.organisation
    assert [m.to for m in mailoutbox] == [[member.admin.email]]


def test_consortium_create_non_admin_403(api, profile_factory):
    lead = profile_factory("Lead Arts")
    member = MembershipFactory(organisation=lead.organisation, role=MembershipRole.MEMBER).user

    response = _as(api, member).post(
        reverse("api_consortia"), {"name": "Coastal Partners"}, format="json"
    )

    assert response.status_code == 403
    assert Consortium.objects.count() == 0


def test_consortium_create_unlisted_member_refused(api, profile_factory):
    lead = profile_factory("Lead Arts")
    hidden = profile_factory("Hidden Arts", listed=False)

    response = _as(api, lead.admin).post(
        reverse("api_consortia"),
        {"name": "Coastal Partners", "members": [hidden.organisation_id]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "members"
    assert Consortium.objects.count() == 0


def test_consortium_create_by_commissioner_refused(api, commissioner):
    response = _as(api, commissioner).post(
        reverse("api_consortia"), {"name": "Council Group"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == "Only providers can lead a consortium."


def test_consortium_respond_accept(api, consortium):
    member = consortium.member_profile

    response = _as(api, member.admin).post(
        reverse("api_consortium_respond", kwargs={"pk": consortium.pk}),
        {"accept": True},
        format="json",
    )

    assert response.json()["status"] == ConsortiumMemberStatus.CONFIRMED
    assert consortium.members.get(organisation=member.organisation).status == "confirmed"


def test_consortium_respond_twice_explained(api, consortium):
    member = consortium.member_profile
    client = _as(api, member.admin)
    url = reverse("api_consortium_respond", kwargs={"pk": consortium.pk})
    client.post(url, {"accept": False}, format="json")

    response = client.post(url, {"accept": True}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == "This has already been declined."


def test_consortium_respond_stranger_404(api, consortium):
    outsider = OrganisationFactory()
    user = MembershipFactory(organisation=outsider, admin=True).user

    response = _as(api, user).post(
        reverse("api_consortium_respond", kwargs={"pk": consortium.pk}),
        {"accept": True},
        format="json",
    )

    assert response.status_code == 404
    assert consortium.members.get(organisation=consortium.member_profile.organisation).status == (
        "invited"
    )


def test_consortium_respond_non_admin_403(api, consortium):
    organisation = consortium.member_profile.organisation
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user

    response = _as(api, member).post(
        reverse("api_consortium_respond", kwargs={"pk": consortium.pk}),
        {"accept": True},
        format="json",
    )

    assert response.status_code == 403
    assert consortium.members.get(organisation=organisation).status == "invited"


# Schema -----------------------------------------------------------------------------------------


def test_api_schema_describes_directory_and_feed(api):
    response = api.get(reverse("api_schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")

    paths = set(response.json()["paths"])
    assert {
        "/api/v1/directory/",
        "/api/v1/directory/{id}/",
        "/api/v1/profile/",
        "/api/v1/profile/listing/",
        "/api/v1/profile/activities/",
        "/api/v1/profile/activities/{id}/",
        "/api/v1/profile/documents/",
        "/api/v1/profile/documents/{id}/",
        "/api/v1/consortia/",
        "/api/v1/consortia/{id}/respond/",
        "/api/hsds/",
        "/api/hsds/organizations",
        "/api/hsds/organizations/{id}",
        "/api/hsds/services",
        "/api/hsds/services/{id}",
        "/api/hsds/taxonomies",
        "/api/hsds/taxonomies/{id}",
        "/api/hsds/taxonomy_terms",
        "/api/hsds/taxonomy_terms/{id}",
    } <= paths
