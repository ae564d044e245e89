"""The events API: the same services as the pages, with permissions, refusals in the common
error format, the schema and query budgets."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from engagement.api import BOARD_REFUSED, MANAGE_REFUSED
from engagement.constants import Attendance, EventStatus, RegistrationStatus
from engagement.models import Event, ProgrammeInterest, Registration
from engagement.services import events, registrations
from tests.conftest import with_totp
from tests.engagement.conftest import make_event, new_provider
from tests.engagement.factories import AttendeeProfileFactory, RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.providers.conftest import PDF_BYTES, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _as(api: APIClient, user) -> APIClient:
    api.force_authenticate(user)
    return api


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


def _errors(response) -> list[str]:
    return [error["detail"] for error in response.json()["errors"]]


def _event_data(**changes):
    starts = timezone.now() + datetime.timedelta(days=20)
    return {
        "kind": "market_engagement",
        "title": "Market engagement",
        "description": "Meet us.",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + datetime.timedelta(hours=3)).isoformat(),
        "venue_name": "County Hall",
        **changes,
    }


# Events ---------------------------------------------------------------------------------------


def test_api_event_list_is_public(api, event):
    response = api.get(_url("api_events"))

    assert response.status_code == 200
    [item] = response.json()["results"]
    assert (item["id"], item["places_taken"], item["capacity"]) == (event.pk, 0, 3)


def test_api_event_list_filters_past_events(api, organiser, event):
    held = make_event(organiser, title="Held", days=-3)
    events.event_mark_held(actor=organiser.user, event=held)

    response = api.get(_url("api_events"), {"when": "past"})

    assert [item["title"] for item in response.json()["results"]] == ["Held"]


@pytest.mark.parametrize("rows", [1, 10])
def test_api_event_list_query_budget(api, organiser, django_assert_num_queries, rows):
    for n in range(rows):
        make_event(organiser, title=f"Event {n}")

    with django_assert_num_queries(2):
        response = api.get(_url("api_events"))

    assert len(response.json()["results"]) == rows


def test_api_event_create_as_a_commissioner(api, organiser, programme):
    response = _as(api, organiser.user).post(
        _url("api_events"), _event_data(programme=programme.pk, capacity=50), format="json"
    )

    assert response.status_code == 201
    event = Event.objects.get()
    assert (event.status, event.capacity, event.programme) == (EventStatus.DRAFT, 50, programme)


def test_api_event_create_refused_for_a_provider(api, provider):
    response = _as(api, provider.user).post(_url("api_events"), _event_data(), format="json")

    assert response.status_code == 403
    assert Event.objects.count() == 0


def test_api_event_create_with_an_end_before_the_start_refused(api, organiser):
    starts = timezone.now() + datetime.timedelta(days=2)
    response = _as(api, organiser.user).post(
        _url("api_events"),
        _event_data(ends_at=(starts - datetime.timedelta(hours=1)).isoformat()),
        format="json",
    )

    assert response.status_code == 400
    assert "The event must end after it starts." in _errors(response)[0]
    assert Event.objects.count() == 0


def test_api_event_create_with_another_councils_programme_refused(api, organiser):
    from tests.factories import ProgrammeFactory  # noqa: PLC0415

    response = _as(api, organiser.user).post(
        _url("api_events"), _event_data(programme=ProgrammeFactory().pk), format="json"
    )

    assert response.status_code == 400
    assert Event.objects.count() == 0


def test_api_draft_event_not_found_for_strangers(api, organiser, provider):
    draft = make_event(organiser, publish=False)

    assert _as(api, provider.user).get(_url("api_event", draft.pk)).status_code == 404


def test_api_event_online_details_only_for_people_with_a_place(api, organiser, provider):
    event = make_event(organiser, online_details="https://meet.example.org/room-9")
    client = _as(api, provider.user)
    assert client.get(_url("api_event", event.pk)).json()["online_details"] == ""

    registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )

    assert client.get(_url("api_event", event.pk)).json()["online_details"] == (
        "https://meet.example.org/room-9"
    )


def test_api_event_patch_refused_for_a_provider(api, event, provider):
    response = _as(api, provider.user).patch(
        _url("api_event", event.pk), {"title": "Mine now"}, format="json"
    )

    assert (response.status_code, _errors(response)) == (403, [MANAGE_REFUSED])


def test_api_event_patch_below_places_taken_refused(api, event, organiser):
    RegistrationFactory.create_batch(2, event=event)

    response = _as(api, organiser.user).patch(
        _url("api_event", event.pk), {"capacity": 1}, format="json"
    )

    assert response.status_code == 400
    assert _errors(response) == [
        "2 people already have places, so there must be at least 2 places."
    ]


def test_api_event_lifecycle_publish_hold_and_summarise(api, organiser):
    starts = timezone.now() - datetime.timedelta(hours=5)
    event = make_event(
        organiser, publish=False, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    client = _as(api, organiser.user)

    assert client.post(_url("api_event_publish", event.pk)).json()["status"] == "published"
    assert client.post(_url("api_event_held", event.pk)).json()["status"] == "held"
    response = client.put(
        _url("api_event_summary", event.pk),
        {"heard": "Lots please.", "changes": "Two lots."},
        format="json",
    )
    assert (response.status_code, response.json()["summary_changes"]) == (200, "Two lots.")


def test_api_event_cancel_needs_a_reason(api, event, organiser):
    response = _as(api, organiser.user).post(
        _url("api_event_cancel", event.pk), {"reason": ""}, format="json"
    )

    assert response.status_code == 400
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


# Registrations --------------------------------------------------------------------------------


def test_api_register_and_twice_refused(api, event, provider):
    client = _as(api, provider.user)

    first = client.post(_url("api_event_registrations", event.pk), {}, format="json")
    second = client.post(_url("api_event_registrations", event.pk), {}, format="json")

    assert (first.status_code, first.json()["status"]) == (201, "confirmed")
    assert second.status_code == 400
    assert _errors(second) == [f"{provider.user.email} is already registered for this event."]
    assert Registration.objects.count() == 1


def test_api_register_anonymously_refused(api, event):
    response = api.post(_url("api_event_registrations", event.pk), {}, format="json")

    assert response.status_code in (401, 403)


def test_api_register_a_colleague_with_a_bad_email_refused(api, event, provider):
    response = _as(api, provider.user).post(
        _url("api_event_registrations", event.pk),
        {"name": "Kim", "email": "kim@"},
        format="json",
    )

    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_api_registrations_list_refused_for_a_provider(api, event, provider):
    response = _as(api, provider.user).get(_url("api_event_registrations", event.pk))

    assert (response.status_code, _errors(response)) == (403, [MANAGE_REFUSED])


@pytest.mark.parametrize("rows", [1, 10])
def test_api_registrations_list_query_budget(
    api, event, organiser, django_assert_num_queries, rows
):
    RegistrationFactory.create_batch(rows, event=event)
    client = _as(api, organiser.user)

    with django_assert_num_queries(7):
        response = client.get(_url("api_event_registrations", event.pk))

    assert len(response.json()["results"]) == rows


def test_api_my_registrations_and_cancel(api, event, provider):
    registration = registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    client = _as(api, provider.user)

    assert [r["id"] for r in client.get(_url("api_registrations")).json()["results"]] == [
        registration.pk
    ]
    response = client.post(_url("api_registration_cancel", registration.pk))
    assert response.json()["status"] == RegistrationStatus.CANCELLED


def test_api_registration_not_found_for_another_provider(api, event, provider):
    registration = registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )

    response = _as(api, new_provider().user).get(_url("api_registration", registration.pk))

    assert response.status_code == 404


def test_api_attendance_by_the_organiser(api, organiser):
    event = make_event(organiser, days=0.2)
    registration = RegistrationFactory(event=event)

    response = _as(api, organiser.user).post(
        _url("api_event_attendance", event.pk, registration.pk), {"attended": True}, format="json"
    )

    assert response.json()["attendance"] == Attendance.ATTENDED


# Profiles, the board and contact ----------------------------------------------------------------


def test_api_profile_put_get_and_delete(api, event, provider):
    registration = registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    client = _as(api, provider.user)
    url = _url("api_registration_profile", registration.pk)

    put = client.put(
        url,
        {"about": "Dance for Parkinson's.", "consent": True, "looking_for_partners": True},
        format="json",
    )
    assert (put.status_code, put.json()["shared"]) == (200, True)
    assert client.get(url).json()["about"] == "Dance for Parkinson's."
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


def test_api_profile_over_the_word_limit_refused(api, event, provider):
    registration = registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )

    response = _as(api, provider.user).put(
        _url("api_registration_profile", registration.pk),
        {"about": "word " * 151, "consent": True},
        format="json",
    )

    assert response.status_code == 400
    assert _errors(response) == ["Your profile must be 150 words or fewer. It has 151 words."]


def test_api_board_refused_for_someone_not_registered(api, event, provider):
    response = _as(api, provider.user).get(_url("api_event_board", event.pk))

    assert (response.status_code, _errors(response)) == (403, [BOARD_REFUSED])


def test_api_board_lists_consented_profiles_without_emails(api, event, provider):
    AttendeeProfileFactory(
        registration=RegistrationFactory(event=event, email="hidden@example.org"), partners=True
    )
    AttendeeProfileFactory(registration=RegistrationFactory(event=event), unshared=True)
    registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )

    response = _as(api, provider.user).get(_url("api_event_board", event.pk))

    [profile] = response.json()["results"]
    assert profile["looking_for_partners"] is True
    assert "hidden@example.org" not in response.content.decode()


@pytest.mark.parametrize("rows", [1, 10])
def test_api_board_query_budget(api, event, organiser, django_assert_num_queries, rows):
    for _ in range(rows):
        AttendeeProfileFactory(registration=RegistrationFactory(event=event))
    client = _as(api, organiser.user)

    with django_assert_num_queries(9):
        response = client.get(_url("api_event_board", event.pk))

    assert len(response.json()["results"]) == rows


def test_api_contact_sends_through_the_platform(api, event, provider):
    profile = AttendeeProfileFactory(registration=RegistrationFactory(event=event))
    registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )

    response = _as(api, provider.user).post(
        _url("api_event_contact", event.pk, profile.pk), {"body": "Hello!"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["recipient_organisation"] == profile.organisation_name


# Invitations, materials, statistics and programmes ----------------------------------------------


def test_api_invitations_to_matching_providers_only(api, organiser):
    event = make_event(organiser)
    matching = make_profile("Thanet Tidal Dance")
    client = _as(api, organiser.user)

    listed = client.get(_url("api_event_matching_providers", event.pk)).json()["results"]
    assert [p["organisation"]["name"] for p in listed] == ["Thanet Tidal Dance"]
    stranger = OrganisationFactory(name="Not in the directory")
    refused = client.post(
        _url("api_event_invitations", event.pk), {"organisations": [stranger.pk]}, format="json"
    )
    assert refused.status_code == 400
    sent = client.post(
        _url("api_event_invitations", event.pk),
        {"organisations": [matching.organisation_id], "message": "Do come."},
        format="json",
    )
    assert [i["organisation"]["name"] for i in sent.json()] == ["Thanet Tidal Dance"]


def test_api_materials_hidden_until_published_then_visible_to_registrants(
    api, event, organiser, provider
):
    registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    organiser_client = APIClient()
    _as(organiser_client, organiser.user)
    added = organiser_client.post(
        _url("api_event_materials", event.pk),
        {"kind": "slides", "title": "Slides", "file": SimpleUploadedFile("s.pdf", PDF_BYTES)},
        format="multipart",
    )
    assert added.status_code == 201
    provider_client = _as(api, provider.user)
    assert provider_client.get(_url("api_event_materials", event.pk)).status_code == 404

    organiser_client.post(_url("api_event_materials_publish", event.pk))

    response = provider_client.get(_url("api_event_materials", event.pk))
    assert [m["title"] for m in response.json()["materials"]] == ["Slides"]


def test_api_material_refuses_a_fake_pdf(api, event, organiser):
    response = _as(api, organiser.user).post(
        _url("api_event_materials", event.pk),
        {"kind": "slides", "title": "Slides", "file": SimpleUploadedFile("s.pdf", b"not a pdf")},
        format="multipart",
    )

    assert response.status_code == 400
    assert event.materials.count() == 0


def test_api_question_copied_to_the_opportunitys_clarifications(api, organiser):
    from tenders.constants import QuestionStatus  # noqa: PLC0415
    from tenders.services import lifecycle  # noqa: PLC0415
    from tests.tenders.conftest import build_opportunity  # noqa: PLC0415

    opportunity = build_opportunity(organiser)
    lifecycle.opportunity_publish(actor=organiser.user, opportunity=opportunity)
    event = make_event(organiser, opportunity=opportunity)
    client = _as(api, organiser.user)
    item = client.post(
        _url("api_event_questions", event.pk),
        {"question": "Can we bid as a consortium?", "answer": "Yes."},
        format="json",
    ).json()

    response = client.post(_url("api_event_question_copy", event.pk, item["id"]))

    assert response.status_code == 200
    question = opportunity.questions.get()
    assert (question.status, question.published_question, question.answer) == (
        QuestionStatus.PUBLISHED,
        "Can we bid as a consortium?",
        "Yes.",
    )
    again = client.post(_url("api_event_question_copy", event.pk, item["id"]))
    assert _errors(again) == ["This answer has already been published as a clarification."]


def test_api_statistics_for_organisers_only(api, event, organiser, provider):
    RegistrationFactory(event=event, arts=True)

    assert _as(api, provider.user).get(_url("api_event_statistics", event.pk)).status_code == 403
    response = _as(APIClient(), organiser.user).get(_url("api_event_statistics", event.pk))
    assert (response.json()["registered"], response.json()["arts_percent"]) == (1, 100)


def test_api_programme_statistics_not_found_for_another_council(api, event):
    other = MembershipFactory(admin=True, organisation=OrganisationFactory(commissioner=True)).user
    with_totp(other)

    response = _as(api, other).get(_url("api_programme_event_statistics", event.programme_id))

    assert response.status_code == 404


def test_api_programme_interest_post_and_delete(api, event, provider):
    client = _as(api, provider.user)
    url = _url("api_programme_interest", event.programme_id)

    assert client.post(url).status_code == 201
    assert client.post(url).status_code == 400
    assert client.delete(url).status_code == 204
    assert ProgrammeInterest.objects.count() == 0


def test_api_schema_lists_the_event_paths(api):
    response = api.get(reverse("api_schema"), {"format": "json"})

    paths = response.json()["paths"]
    for path in (
        "/api/v1/events/",
        "/api/v1/events/{id}/registrations/",
        "/api/v1/events/{id}/board/",
        "/api/v1/events/{id}/invitations/",
        "/api/v1/events/{id}/materials/",
        "/api/v1/events/{id}/statistics/",
        "/api/v1/registrations/{id}/profile/",
    ):
        assert path in paths
