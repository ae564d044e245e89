"""Event pages: who may see what (strangers get 404), forms refusing bad input with nothing
saved, what never reaches the wrong person, and query budgets for every list."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engagement.constants import Attendance, EventStatus, RegistrationStatus
from engagement.models import AttendeeProfile, Event, Registration
from engagement.services import events, materials, registrations
from tests.conftest import with_totp
from tests.engagement.conftest import make_event, new_provider
from tests.engagement.factories import (
    AttendeeProfileFactory,
    EventInvitationFactory,
    MaterialFactory,
    ProgrammeInterestFactory,
    RegistrationFactory,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.providers.conftest import make_profile

pytestmark = pytest.mark.django_db

MANAGE_PAGES = [
    "workspace",
    "event_edit",
    "audience",
    "publish",
    "cancel",
    "mark_held",
    "registration_manage_list",
    "checkin",
    "invitation_list",
    "material_list",
    "statistics",
]


@pytest.fixture
def other_commissioner(db):
    user = MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Somerset Council")
    ).user
    with_totp(user)
    return user


def _html(response) -> str:
    return response.content.decode()


# Who may see what -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_manage_pages_are_not_found_for_another_council(client, event, other_commissioner, name):
    client.force_login(other_commissioner)

    assert client.get(reverse(f"engagement:{name}", args=[event.pk])).status_code == 404


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_manage_pages_are_not_found_for_a_provider(client, event, provider, name):
    client.force_login(provider.user)

    assert client.get(reverse(f"engagement:{name}", args=[event.pk])).status_code == 404


def test_manage_pages_not_found_for_someone_without_an_organisation(client, organiser):
    event = make_event(organiser)
    client.force_login(UserFactory())

    assert client.get(reverse("engagement:workspace", args=[event.pk])).status_code == 404


def test_manage_list_refused_for_a_provider(client, provider):
    client.force_login(provider.user)

    assert client.get(reverse("engagement:manage_list")).status_code == 403
    assert client.get(reverse("engagement:event_create")).status_code == 403


def test_draft_event_is_not_found_for_strangers_and_shown_to_its_organisers(client, organiser):
    event = make_event(organiser, publish=False)

    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(organiser.user)
    assert "This is a preview" in _html(client.get(event.get_absolute_url()))


def test_online_details_never_reach_someone_without_a_place(client, organiser, provider):
    event = make_event(organiser, online_details="https://meet.example.org/room-42 passcode 77")
    waiting_user = UserFactory()
    RegistrationFactory.create(event=event, user=waiting_user, waitlisted=True)

    assert "room-42" not in _html(client.get(event.get_absolute_url()))
    client.force_login(provider.user)
    assert "room-42" not in _html(client.get(event.get_absolute_url()))
    client.force_login(waiting_user)
    assert "room-42" not in _html(client.get(event.get_absolute_url()))
    registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    client.force_login(provider.user)
    assert "room-42" in _html(client.get(event.get_absolute_url()))


def test_board_is_not_found_for_someone_not_registered(client, event, provider):
    AttendeeProfileFactory(registration=RegistrationFactory(event=event))

    assert client.get(reverse("engagement:board", args=[event.pk])).status_code == 404
    client.force_login(provider.user)
    assert client.get(reverse("engagement:board", args=[event.pk])).status_code == 404
    assert client.get(reverse("engagement:board_print", args=[event.pk])).status_code == 404


def test_board_open_to_providers_registered_on_the_opportunity(client, organiser, provider):
    from tests.tenders.conftest import build_opportunity  # noqa: PLC0415

    opportunity = build_opportunity(organiser)
    event = make_event(organiser, opportunity=opportunity)
    from tenders.models import Interest  # noqa: PLC0415

    Interest.objects.create(opportunity=opportunity, organisation=provider.organisation)
    client.force_login(provider.user)

    assert client.get(reverse("engagement:board", args=[event.pk])).status_code == 200


def test_board_shows_consented_profiles_only_and_never_an_email(client, event, provider):
    shared = AttendeeProfileFactory(
        registration=RegistrationFactory(event=event, email="guest-secret@example.org"),
        about="Shared paragraph about singing.",
    )
    AttendeeProfileFactory(
        registration=RegistrationFactory(event=event), about="Private paragraph.", unshared=True
    )
    registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    client.force_login(provider.user)

    html = _html(client.get(reverse("engagement:board", args=[event.pk])))

    assert "Shared paragraph about singing." in html
    assert "Private paragraph." not in html
    assert "guest-secret@example.org" not in html
    assert reverse("engagement:contact", args=[event.pk, shared.pk]) in html


def test_board_filter_by_partners(client, event, organiser):
    AttendeeProfileFactory(
        registration=RegistrationFactory(event=event), about="Seeking a lead.", partners=True
    )
    AttendeeProfileFactory(registration=RegistrationFactory(event=event), about="Not seeking.")
    client.force_login(organiser.user)

    response = client.get(
        reverse("engagement:board", args=[event.pk]), {"looking_for_partners": "on"}
    )

    assert [p.about for p in response.context["page_obj"]] == ["Seeking a lead."]


def test_organiser_sees_a_profile_without_consent_in_the_registrations(client, event, organiser):
    AttendeeProfileFactory(registration=RegistrationFactory(event=event), unshared=True)
    client.force_login(organiser.user)

    html = _html(client.get(reverse("engagement:registration_manage_list", args=[event.pk])))

    assert "Not shared" in html


def test_registration_page_not_found_for_another_provider(client, event, provider):
    registration = registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    client.force_login(new_provider().user)

    for name in ("registration_detail", "profile_edit", "profile_withdraw", "registration_cancel"):
        assert client.get(reverse(f"engagement:{name}", args=[registration.pk])).status_code == 404


def test_material_file_not_found_before_publication_and_then_open_to_registrants(
    client, organiser, provider
):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    from tests.providers.conftest import PDF_BYTES  # noqa: PLC0415

    event = make_event(organiser)
    registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    material = materials.material_add(
        actor=organiser.user,
        event=event,
        kind="slides",
        title="Slides",
        file=SimpleUploadedFile("slides.pdf", PDF_BYTES),
    )
    url = reverse("engagement:material_download", args=[material.pk])
    client.force_login(provider.user)
    assert client.get(url).status_code == 404

    materials.materials_publish(actor=organiser.user, event=event)

    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    client.force_login(new_provider().user)
    assert client.get(url).status_code == 404


def test_programme_page_not_found_without_a_public_event(client, programme):
    assert (
        client.get(reverse("engagement:programme_detail", args=[programme.pk])).status_code == 404
    )


def test_programme_statistics_not_found_for_another_council(client, event, other_commissioner):
    client.force_login(other_commissioner)

    url = reverse("engagement:programme_statistics", args=[event.programme_id])
    assert client.get(url).status_code == 404


def test_interest_profile_not_found_for_another_organisation(client, programme):
    interest = ProgrammeInterestFactory(programme=programme)
    client.force_login(new_provider().user)

    assert client.get(reverse("engagement:interest_profile", args=[interest.pk])).status_code == 404


# Journeys through the pages ---------------------------------------------------------------------


def test_event_create_form_bad_input_saves_nothing(client, organiser):
    client.force_login(organiser.user)
    day = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()

    response = client.post(
        reverse("engagement:event_create"),
        {
            "kind": "market_engagement",
            "title": "An event",
            "description": "Hello",
            "date": day,
            "start_time": "15:00",
            "end_time": "10:00",
            "audience": "anyone",
            "capacity": "0",
        },
    )

    errors = response.context["form"].errors
    assert errors["end_time"] == ["The event must end after it starts."]
    assert errors["venue_name"] == ["Give a venue, online joining details, or both."]
    assert errors["capacity"] == ["The number of places must be at least 1, or leave it empty."]
    assert "There is a problem" in _html(response)
    assert Event.objects.count() == 0


def test_event_create_form_makes_a_draft_in_uk_time(client, organiser, programme):
    client.force_login(organiser.user)
    day = datetime.date(2031, 6, 17)

    response = client.post(
        reverse("engagement:event_create"),
        {
            "kind": "workshop",
            "title": "Co-design workshop",
            "description": "Design the service with us.",
            "programme": programme.pk,
            "date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "15:30",
            "venue_name": "Turner Contemporary",
            "audience": "providers",
            "capacity": "40",
        },
    )

    event = Event.objects.get()
    assert response.url == reverse("engagement:workspace", args=[event.pk])
    assert timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M") == "2031-06-17 10:00"
    assert (event.status, event.capacity, event.programme) == (EventStatus.DRAFT, 40, programme)


def test_signed_in_provider_registers_a_colleague(client, event, provider):
    client.force_login(provider.user)

    client.post(
        reverse("engagement:register", args=[event.pk]),
        {"who": "colleague", "colleague_name": "Kim Park", "colleague_email": "kim@example.org"},
    )

    registration = Registration.objects.get()
    assert (registration.name, registration.organisation) == ("Kim Park", provider.organisation)


def test_register_form_refuses_a_colleague_without_an_email(client, event, provider):
    client.force_login(provider.user)

    response = client.post(
        reverse("engagement:register", args=[event.pk]),
        {"who": "colleague", "colleague_name": "Kim Park"},
    )

    assert response.context["form"].errors["colleague_email"] == [
        "Enter your colleague's email address."
    ]
    assert Registration.objects.count() == 0


def test_register_twice_shows_the_refusal(client, event, provider):
    client.force_login(provider.user)
    client.post(reverse("engagement:register", args=[event.pk]), {"who": "me"})

    response = client.post(reverse("engagement:register", args=[event.pk]), {"who": "me"})

    assert response.context["form"].non_field_errors() == [
        f"{provider.user.email} is already registered for this event."
    ]
    assert Registration.objects.count() == 1


def test_guest_registers_confirms_by_email_and_manages_their_registration(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("engagement:register", args=[event.pk]),
            {
                "name": "Sam Lee",
                "email": "sam@example.org",
                "organisation_name": "Sam Lee Music",
                "organisation_type": "freelance",
            },
        )
    assert "Check your email" in _html(response)
    link = re.search(r"http://\S+(/events/confirm/\S+/)", mail.outbox[-1].body).group(1)
    assert client.get(link).status_code == 200
    assert Registration.objects.get().status == RegistrationStatus.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(link)

    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert confirmed.url.startswith("/events/guest/")
    assert client.get(link).status_code == 404
    assert client.get(reverse("engagement:board", args=[event.pk])).status_code == 200


def test_guest_register_form_bad_email_saves_nothing(client, event):
    response = client.post(
        reverse("engagement:register", args=[event.pk]),
        {
            "name": "Sam",
            "email": "sam@",
            "organisation_name": "Sam",
            "organisation_type": "freelance",
        },
    )

    assert response.context["form"].errors["email"] == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert Registration.objects.count() == 0


def test_guest_cannot_register_for_a_providers_only_event(client, organiser):
    event = make_event(organiser, audience="providers")

    response = client.get(reverse("engagement:register", args=[event.pk]))

    assert "Sign in to register" in _html(response)


def test_profile_form_over_the_word_limit_saves_nothing(client, event, provider):
    registration = registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    client.force_login(provider.user)

    response = client.post(
        reverse("engagement:profile_edit", args=[registration.pk]),
        {"about": "word " * 151, "consent": "on"},
    )

    assert response.context["form"].errors["about"] == [
        "Your profile must be 150 words or fewer. It has 151 words."
    ]
    assert AttendeeProfile.objects.count() == 0


def test_contact_form_empty_message_refused(client, event, provider):
    profile = AttendeeProfileFactory(registration=RegistrationFactory(event=event))
    registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    client.force_login(provider.user)

    response = client.post(reverse("engagement:contact", args=[event.pk, profile.pk]), {})

    assert response.context["form"].errors["body"] == ["Write your message."]


def test_checkin_with_htmx_redraws_only_the_row(client, organiser):
    event = make_event(organiser, days=0.1)
    registration = RegistrationFactory(event=event, name="Robin Shaw")
    client.force_login(organiser.user)

    response = client.post(
        reverse("engagement:checkin_record", args=[event.pk, registration.pk]),
        {"attended": "1"},
        HTTP_HX_REQUEST="true",
    )

    html = _html(response)
    assert html.strip().startswith(
        f'<li class="app-checkin__item" id="registration-{registration.pk}"'
    )
    assert "Checked in" in html
    registration.refresh_from_db()
    assert registration.attendance == Attendance.ATTENDED


def test_checkin_too_early_shows_the_refusal_in_the_row(client, event, organiser):
    registration = RegistrationFactory(event=event)
    client.force_login(organiser.user)

    response = client.post(
        reverse("engagement:checkin_record", args=[event.pk, registration.pk]),
        {"attended": "1"},
        HTTP_HX_REQUEST="true",
    )

    assert "Check-in opens the day before the event." in _html(response)


def test_material_form_without_file_or_text_saves_nothing(client, event, organiser):
    client.force_login(organiser.user)

    response = client.post(
        reverse("engagement:material_list", args=[event.pk]),
        {"form": "material", "kind": "notes", "title": "Notes"},
    )

    assert response.context["material_form"].errors["file"] == [
        "Choose a file, write the notes, or both."
    ]
    assert event.materials.count() == 0


def test_material_form_refuses_a_file_that_is_not_a_document(client, event, organiser):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    client.force_login(organiser.user)

    response = client.post(
        reverse("engagement:material_list", args=[event.pk]),
        {
            "form": "material",
            "kind": "slides",
            "title": "Slides",
            "file": SimpleUploadedFile("slides.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )

    assert "The selected file must be a" in response.context["material_form"].non_field_errors()[0]
    assert event.materials.count() == 0


def test_summary_shown_on_the_linked_opportunity(client, organiser):
    from tenders.services import lifecycle  # noqa: PLC0415
    from tests.tenders.conftest import build_opportunity  # noqa: PLC0415

    opportunity = build_opportunity(organiser)
    lifecycle.opportunity_publish(actor=organiser.user, opportunity=opportunity)
    event = make_event(organiser, opportunity=opportunity, days=-1)
    events.event_mark_held(actor=organiser.user, event=event)
    events.event_summary_save(
        actor=organiser.user,
        event=event,
        heard="Small providers need longer.",
        changes="The bid window is now twelve weeks.",
    )

    html = _html(client.get(opportunity.get_absolute_url()))

    assert "Market engagement" in html
    assert "The bid window is now twelve weeks." in html


def test_nav_has_events_for_everyone(client, provider):
    assert "/events/" in _html(client.get("/"))
    client.force_login(provider.user)
    assert 'href="/events/"' in _html(client.get("/"))


# Query budgets ----------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 10])
def test_public_event_list_query_budget(client, organiser, django_assert_num_queries, rows):
    for n in range(rows):
        make_event(organiser, title=f"Event {n}")

    with django_assert_num_queries(4):
        response = client.get(reverse("engagement:event_list"))

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_manage_event_list_query_budget(client, organiser, django_assert_num_queries, rows):
    for n in range(rows):
        make_event(organiser, title=f"Event {n}", publish=n % 2 == 0)
    client.force_login(organiser.user)

    with django_assert_num_queries(7):
        response = client.get(reverse("engagement:manage_list"))

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_board_query_budget(client, event, organiser, django_assert_num_queries, rows):
    for _ in range(rows):
        AttendeeProfileFactory(registration=RegistrationFactory(event=event), partners=True)
    client.force_login(organiser.user)

    with django_assert_num_queries(14):
        response = client.get(reverse("engagement:board", args=[event.pk]))

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_registration_list_query_budget(client, event, organiser, django_assert_num_queries, rows):
    for _ in range(rows):
        AttendeeProfileFactory(registration=RegistrationFactory(event=event))
    client.force_login(organiser.user)

    with django_assert_num_queries(12):
        response = client.get(reverse("engagement:registration_manage_list", args=[event.pk]))

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_checkin_list_query_budget(client, organiser, django_assert_num_queries, rows):
    event = make_event(organiser, days=0.1)
    RegistrationFactory.create_batch(rows, event=event)
    client.force_login(organiser.user)

    with django_assert_num_queries(16):
        response = client.get(reverse("engagement:checkin", args=[event.pk]))

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_invitation_list_query_budget(client, event, organiser, django_assert_num_queries, rows):
    for n in range(rows):
        EventInvitationFactory(event=event, organisation=OrganisationFactory(name=f"Org {n}"))
        make_profile(f"Listed provider {n}")
    client.force_login(organiser.user)

    with django_assert_num_queries(13):
        response = client.get(reverse("engagement:invitation_list", args=[event.pk]))

    assert len(response.context["invitations"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_my_registrations_query_budget(
    client, organiser, provider, django_assert_num_queries, rows
):
    for n in range(rows):
        registrations.registration_create(
            actor=provider.user,
            event=make_event(organiser, title=f"Event {n}"),
            organisation=provider.organisation,
        )
    client.force_login(provider.user)

    with django_assert_num_queries(5):
        response = client.get(reverse("engagement:registration_list"))

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_event_detail_with_materials_query_budget(
    client, organiser, provider, django_assert_num_queries, rows
):
    event = make_event(organiser)
    registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    MaterialFactory.create_batch(rows, event=event)
    materials.materials_publish(actor=organiser.user, event=event)
    client.force_login(provider.user)

    with django_assert_num_queries(19):
        response = client.get(event.get_absolute_url())

    assert len(response.context["materials"]) == rows
