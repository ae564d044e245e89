from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from commissioning import services
from commissioning.models import OutcomeArea, Programme
from core.errors import ApplicationError
from core.models import AuditEntry
from tests.conftest import with_totp
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    OutcomeAreaFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _organisation_of(user):
    return user.memberships.get().organisation


def _form_data(**overrides):
    data = {
        "name": "Arts and health innovation grants 2026",
        "summary": "Grants of up to £15,000 across nine clinical themes.",
        "budget": "150000",
        "start_date": "2026-04-01",
        "end_date": "2027-03-31",
        "status": "planning",
    }
    return {**data, **overrides}


def test_programme_create_sets_team_to_creator_and_audits(commissioner):
    organisation = _organisation_of(commissioner)
    wellbeing = OutcomeAreaFactory(slug="wellbeing-test", name="Wellbeing test")

    programme = services.programme_create(
        actor=commissioner,
        organisation=organisation,
        name="Community mental health and wellbeing service",
        summary="Outcome-based service.",
        budget=Decimal("4000000"),
        start_date=datetime.date(2026, 10, 1),
        end_date=datetime.date(2029, 9, 30),
        outcome_areas=[wellbeing],
    )

    assert list(programme.team.all()) == [commissioner]
    entry = AuditEntry.objects.get(action="programme.create")
    assert entry.after["outcome_areas"] == ["wellbeing-test"]
    assert entry.after["budget"] == "4000000"
    assert entry.organisation == organisation


def test_programme_create_by_provider_refused(provider_admin):
    with pytest.raises(ApplicationError, match="commissioning organisation"):
        services.programme_create(
            actor=provider_admin,
            organisation=_organisation_of(provider_admin),
            name="Sneaky",
            summary="",
            budget=Decimal(1),
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2026, 2, 1),
        )

    assert Programme.objects.count() == 0


def test_programme_create_ends_before_it_starts_refused(commissioner):
    with pytest.raises(ApplicationError, match="end date"):
        services.programme_create(
            actor=commissioner,
            organisation=_organisation_of(commissioner),
            name="Backwards",
            summary="",
            budget=Decimal(1),
            start_date=datetime.date(2026, 2, 1),
            end_date=datetime.date(2026, 1, 1),
        )

    assert Programme.objects.count() == 0


def test_programme_update_team_outsider_refused(commissioner):
    programme = ProgrammeFactory(organisation=_organisation_of(commissioner))

    with pytest.raises(ApplicationError, match="Only members of"):
        services.programme_update(actor=commissioner, programme=programme, team=[UserFactory()])

    assert list(programme.team.all()) == []


def test_programme_update_records_changes(commissioner):
    programme = ProgrammeFactory(organisation=_organisation_of(commissioner), budget=Decimal(100))

    services.programme_update(actor=commissioner, programme=programme, budget=Decimal(250))

    entry = AuditEntry.objects.get(action="programme.update")
    assert list(entry.changes) == [("budget", "100.00", "250")]


def test_programme_create_page(client, commissioner):
    client.force_login(commissioner)
    outcome = OutcomeArea.objects.first() or OutcomeAreaFactory()

    response = client.post(
        reverse("commissioning:programme_create"),
        _form_data(outcome_areas=[outcome.pk], team=[commissioner.pk]),
    )

    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == programme.get_absolute_url()
    assert list(programme.outcome_areas.all()) == [outcome]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"budget": "lots"}, "budget", "Enter a number."),
        (
            {"end_date": "2026-01-01"},
            "end_date",
            "The end date must be on or after the start date.",
        ),
        ({"start_date": "31/02/2026"}, "start_date", "Enter a valid date."),
    ],
)
def test_programme_create_page_bad_input_saves_nothing(
    client, commissioner, overrides, field, message
):
    client.force_login(commissioner)

    response = client.post(reverse("commissioning:programme_create"), _form_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "There is a problem" in response.content.decode()
    assert Programme.objects.count() == 0


def test_programme_create_page_refused_to_provider(client, provider_admin):
    client.force_login(provider_admin)

    response = client.post(reverse("commissioning:programme_create"), _form_data())

    assert response.status_code == 403
    assert Programme.objects.count() == 0


def test_programme_detail_stranger_gets_404(client, commissioner):
    programme = ProgrammeFactory(organisation=_organisation_of(commissioner))
    other = MembershipFactory(organisation=OrganisationFactory(commissioner=True)).user
    with_totp(other)
    client.force_login(other)

    response = client.get(programme.get_absolute_url())

    assert response.status_code == 404


def test_programme_update_page_refused_to_other_commissioner(client, commissioner):
    programme = ProgrammeFactory(organisation=_organisation_of(commissioner), name="Original")
    other = MembershipFactory(organisation=OrganisationFactory(commissioner=True)).user
    with_totp(other)
    client.force_login(other)

    response = client.post(
        reverse("commissioning:programme_update", kwargs={"pk": programme.pk}),
        _form_data(name="Taken over"),
    )

    programme.refresh_from_db()
    assert response.status_code == 404
    assert programme.name == "Original"


def test_programme_update_page_saves(client, commissioner):
    programme = ProgrammeFactory(organisation=_organisation_of(commissioner))
    client.force_login(commissioner)

    client.post(
        reverse("commissioning:programme_update", kwargs={"pk": programme.pk}),
        _form_data(name="Renamed", status="active"),
    )

    programme.refresh_from_db()
    assert (programme.name, programme.status) == ("Renamed", "active")


@pytest.mark.parametrize("rows", [1, 10])
def test_programme_list_query_budget(client, commissioner, django_assert_num_queries, rows):
    organisation = _organisation_of(commissioner)
    outcome = OutcomeAreaFactory()
    for programme in ProgrammeFactory.create_batch(rows, organisation=organisation):
        programme.outcome_areas.add(outcome)
        programme.team.add(commissioner)
    client.force_login(commissioner)

    with django_assert_num_queries(10):
        response = client.get(reverse("commissioning:programme_list"))

    assert len(response.context["page_obj"]) == rows


def test_home_commissioner_without_programmes_sees_what_to_do(client, commissioner):
    client.force_login(commissioner)

    response = client.get(reverse("home"))

    assert response.templates[0].name == "home/commissioner.html"
    assert list(response.context["programmes"]) == []
    assert reverse("commissioning:programme_create") in response.content.decode()


def test_home_commissioner_without_mfa_is_sent_to_set_it_up(client):
    membership = MembershipFactory(organisation=OrganisationFactory(commissioner=True))
    client.force_login(membership.user)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_api_programme_create_needs_mfa_for_session_users(client):
    membership = MembershipFactory(organisation=OrganisationFactory(commissioner=True))
    client.force_login(membership.user)

    response = client.get(reverse("api_programmes"))

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "mfa_required"


def test_home_provider_sees_next_steps(client):
    membership = MembershipFactory(
        organisation=OrganisationFactory(description="", website="", postcode="")
    )
    client.force_login(membership.user)

    response = client.get(reverse("home"))

    assert response.templates[0].name == "home/provider.html"
    assert response.context["next_steps"] == [
        "Describe what your organisation does and who it works with",
        "Add your charity or company number, so commissioners can check who you are",
        "Add your address and postcode",
        "Add your website",
    ]


def test_home_platform_admin(client, platform_admin):
    client.force_login(platform_admin)

    response = client.get(reverse("home"))

    assert response.templates[0].name == "home/platform_admin.html"
    assert response.context["user_count"] == 1


def test_api_programmes_only_my_organisations(commissioner):
    mine = ProgrammeFactory(organisation=_organisation_of(commissioner))
    ProgrammeFactory()
    api = APIClient()
    api.force_authenticate(commissioner)

    response = api.get(reverse("api_programmes"))

    assert [p["id"] for p in response.json()["results"]] == [mine.pk]


def test_api_programme_create_for_own_organisation(commissioner):
    api = APIClient()
    api.force_authenticate(commissioner)
    organisation = _organisation_of(commissioner)

    response = api.post(
        reverse("api_programmes"),
        {**_form_data(), "organisation": organisation.pk, "team": [commissioner.email]},
        format="json",
    )

    assert response.status_code == 201
    assert Programme.objects.get().team.get() == commissioner


def test_api_programme_create_for_foreign_organisation_refused(commissioner):
    api = APIClient()
    api.force_authenticate(commissioner)
    foreign = OrganisationFactory(commissioner=True)

    response = api.post(
        reverse("api_programmes"), {**_form_data(), "organisation": foreign.pk}, format="json"
    )

    assert response.status_code == 403
    assert Programme.objects.count() == 0


def test_api_programme_update_bad_dates_explained(commissioner):
    programme = ProgrammeFactory(organisation=_organisation_of(commissioner))
    api = APIClient()
    api.force_authenticate(commissioner)

    response = api.patch(
        reverse("api_programme", kwargs={"pk": programme.pk}),
        {"end_date": "2020-01-01"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "invalid",
            "detail": "The end date must be on or after the start date.",
            "attr": "end_date",
        }
    ]
    programme.refresh_from_db()
    assert programme.end_date == datetime.date(2027, 3, 31)


def test_api_programme_update_by_member_of_other_organisation_404(commissioner):
    programme = ProgrammeFactory()
    api = APIClient()
    api.force_authenticate(commissioner)

    response = api.patch(
        reverse("api_programme", kwargs={"pk": programme.pk}), {"name": "X"}, format="json"
    )

    assert response.status_code == 404


@pytest.mark.parametrize("rows", [1, 10])
def test_api_programme_list_query_budget(commissioner, django_assert_num_queries, rows):
    organisation = _organisation_of(commissioner)
    outcome = OutcomeAreaFactory()
    for programme in ProgrammeFactory.create_batch(rows, organisation=organisation):
        programme.outcome_areas.add(outcome)
    api = APIClient()
    api.force_authenticate(commissioner)

    with django_assert_num_queries(5):
        response = api.get(reverse("api_programmes"))

    assert response.json()["count"] == rows


def test_api_vocabulary_is_public():
    response = APIClient().get(reverse("api_outcome_areas"))

    assert response.status_code == 200
    assert {"slug", "name", "description"} == set(response.json()[0])


@pytest.mark.parametrize("rows", [1, 10])
def test_api_areas_query_budget(django_assert_num_queries, rows):
    from tests.factories import AreaFactory  # noqa: PLC0415

    county = AreaFactory(kind="county")
    AreaFactory.create_batch(rows, kind="district", parent=county)
    api = APIClient()

    with django_assert_num_queries(1):
        response = api.get(reverse("api_areas"))

    assert len(response.json()) >= rows + 1


@pytest.mark.parametrize("rows", [1, 10])
def test_home_commissioner_query_budget(client, commissioner, django_assert_num_queries, rows):
    ProgrammeFactory.create_batch(rows, organisation=_organisation_of(commissioner))
    client.force_login(commissioner)

    with django_assert_num_queries(8):
        response = client.get(reverse("home"))

    assert len(response.context["programmes"]) == rows
