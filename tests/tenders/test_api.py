"""The opportunities API: the same services as the pages, with permissions, refusals in the
common error format, the section conflict, the schema and query budgets."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commissioning.models import OutcomeArea
from tenders.api.opportunities import MANAGE_REFUSED, PROVIDERS_ONLY
from tenders.constants import QuestionStatus, Status
from tenders.models import Criterion, Lot, Opportunity, Section
from tenders.services import engagement, lifecycle
from tests.factories import MembershipFactory, OrganisationFactory, ProgrammeFactory
from tests.providers.conftest import make_profile
from tests.tenders.conftest import build_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _new_provider():
    return MembershipFactory(admin=True, organisation=OrganisationFactory(name="Stroud Arts"))


@pytest.fixture
def provider(db):
    return _new_provider()


@pytest.fixture
def stranger(db):
    """A commissioner at another council."""
    return MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Somerset Council")
    ).user


@pytest.fixture
def published(opportunity, commissioner_member):
    lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity


def _as(api, user) -> APIClient:
    api.force_authenticate(user)
    return api


def _url(name: str, opportunity: Opportunity, **kwargs) -> str:
    return reverse(name, kwargs={"pk": opportunity.pk, **kwargs})


def _errors(response) -> list[tuple[str | None, str]]:
    return [(e["attr"], e["detail"]) for e in response.json()["errors"]]


def _create_data(programme, **overrides) -> dict:
    return {
        "programme": programme.pk,
        "title": "Creative health for people with long-term lung conditions",
        "route": "open",
        "total_budget": "250000.00",
        "max_bid": "50000.00",
        "summary": "Singing and dance for breathing and wellbeing.",
        "closes_at": (timezone.now() + datetime.timedelta(days=60)).isoformat(),
        "art_forms": ["music"],
        "areas": ["E10000016"],
        **overrides,
    }


# Creating and changing drafts.


def test_api_opportunity_create_for_own_programme(api, commissioner_member):
    programme = ProgrammeFactory(organisation=commissioner_member.organisation)

    response = _as(api, commissioner_member.user).post(
        reverse("api_opportunities"), _create_data(programme), format="json"
    )

    assert response.status_code == 201
    opportunity = Opportunity.objects.get()
    body = response.json()
    assert body["id"] == opportunity.pk
    assert body["reference"] == opportunity.reference
    assert body["organisation"] == {
        "id": commissioner_member.organisation.pk,
        "name": "Kent County Council",
    }
    assert (body["status"], body["max_bid"], body["art_forms"], body["areas"]) == (
        "draft",
        "50000.00",
        ["music"],
        ["E10000016"],
    )
    assert [s["key"] for s in body["sections"]] == [
        "background",
        "outcomes",
        "delivery",
        "kpis",
        "budget",
        "timeline",
        "how_to_bid",
        "assessment",
    ]
    assert (opportunity.programme, opportunity.created_by) == (
        programme,
        commissioner_member.user,
    )


def test_api_opportunity_create_with_token_authentication(api, commissioner_member):
    programme = ProgrammeFactory(organisation=commissioner_member.organisation)
    token = Token.objects.create(user=commissioner_member.user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api.post(reverse("api_opportunities"), _create_data(programme), format="json")

    assert response.status_code == 201
    assert Opportunity.objects.get().organisation == commissioner_member.organisation


def test_api_opportunity_create_in_another_organisations_programme_refused(
    api, commissioner_member
):
    foreign = ProgrammeFactory()

    response = _as(api, commissioner_member.user).post(
        reverse("api_opportunities"), _create_data(foreign), format="json"
    )

    assert response.status_code == 400
    assert _errors(response) == [("programme", "Choose one of your organisation's programmes.")]
    assert Opportunity.objects.count() == 0


def test_api_opportunity_create_max_bid_above_budget_refused(api, commissioner_member):
    programme = ProgrammeFactory(organisation=commissioner_member.organisation)

    response = _as(api, commissioner_member.user).post(
        reverse("api_opportunities"),
        _create_data(programme, max_bid="300000.00"),
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["type"] == "validation_error"
    assert _errors(response) == [
        ("non_field_errors", "The maximum per bid cannot be more than the total budget.")
    ]
    assert Opportunity.objects.count() == 0


def test_api_opportunity_create_closing_date_in_the_past_refused(api, commissioner_member):
    programme = ProgrammeFactory(organisation=commissioner_member.organisation)
    yesterday = timezone.now() - datetime.timedelta(days=1)

    response = _as(api, commissioner_member.user).post(
        reverse("api_opportunities"),
        _create_data(programme, closes_at=yesterday.isoformat()),
        format="json",
    )

    assert response.status_code == 400
    assert _errors(response) == [("closes_at", "The closing date must be in the future.")]
    assert Opportunity.objects.count() == 0


def test_api_opportunity_create_bad_input_explained(api, commissioner_member):
    programme = ProgrammeFactory(organisation=commissioner_member.organisation)

    response = _as(api, commissioner_member.user).post(
        reverse("api_opportunities"),
        _create_data(programme, route="beauty_contest", title="", art_forms=["juggling"]),
        format="json",
    )

    assert response.status_code == 400
    assert {attr for attr, _ in _errors(response)} == {"route", "title", "art_forms"}
    assert Opportunity.objects.count() == 0


def test_api_opportunity_list_only_my_organisations(api, commissioner_member, stranger):
    mine = build_opportunity(commissioner_member, publishable=False)
    build_opportunity(stranger.memberships.get(), publishable=False)

    response = _as(api, commissioner_member.user).get(reverse("api_opportunities"))

    assert [o["id"] for o in response.json()["results"]] == [mine.pk]
    assert response.json()["results"][0]["open_questions"] == 0


def test_api_opportunity_list_for_an_organisation_i_am_not_in_is_404(
    api, commissioner_member, stranger
):
    response = _as(api, commissioner_member.user).get(
        reverse("api_opportunities"),
        {"organisation": stranger.memberships.get().organisation_id},
    )

    assert response.status_code == 404


def test_api_opportunity_list_refused_to_providers(api, provider):
    response = _as(api, provider.user).get(reverse("api_opportunities"))

    assert response.status_code == 403
    assert _errors(response) == [
        (None, "Only members of a commissioning organisation have opportunities to manage.")
    ]


def test_api_opportunity_list_needs_sign_in(api):
    response = api.get(reverse("api_opportunities"))

    assert response.status_code in (401, 403)
    assert response.json()["errors"][0]["code"] == "not_authenticated"


def test_api_opportunity_update_draft(api, opportunity, commissioner_member):
    response = _as(api, commissioner_member.user).patch(
        _url("api_opportunity", opportunity),
        {"title": "Community wellbeing service", "areas": []},
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["title"], response.json()["areas"]) == (
        "Community wellbeing service",
        [],
    )
    opportunity.refresh_from_db()
    assert opportunity.title == "Community wellbeing service"
    assert list(opportunity.areas.all()) == []


def test_api_opportunity_update_published_refused(api, published, commissioner_member):
    response = _as(api, commissioner_member.user).patch(
        _url("api_opportunity", published), {"title": "Sneaky"}, format="json"
    )

    assert response.status_code == 400
    assert _errors(response) == [
        (
            "non_field_errors",
            "This opportunity has been published. Make changes as an amendment, with a reason.",
        )
    ]
    published.refresh_from_db()
    assert published.title == "Community mental health and wellbeing service"


def test_api_opportunity_update_max_bid_above_budget_refused(api, opportunity, commissioner_member):
    response = _as(api, commissioner_member.user).patch(
        _url("api_opportunity", opportunity), {"max_bid": "5000000.00"}, format="json"
    )

    assert response.status_code == 400
    assert _errors(response) == [
        ("non_field_errors", "The maximum per bid cannot be more than the total budget.")
    ]
    opportunity.refresh_from_db()
    assert opportunity.max_bid is None


# Who may see and do what.

DRAFT_ENDPOINTS = [
    ("get", "api_opportunity"),
    ("patch", "api_opportunity"),
    ("get", "api_opportunity_published"),
    ("get", "api_opportunity_lots"),
    ("post", "api_opportunity_lots"),
    ("get", "api_opportunity_sections"),
    ("get", "api_opportunity_criteria"),
    ("get", "api_opportunity_inclusion_check"),
    ("post", "api_opportunity_publish"),
    ("post", "api_opportunity_cancel"),
    ("get", "api_opportunity_questions"),
    ("get", "api_opportunity_invitations"),
]


@pytest.mark.parametrize(("method", "name"), DRAFT_ENDPOINTS)
def test_api_draft_is_404_for_another_organisations_commissioner(
    api, opportunity, stranger, method, name
):
    response = getattr(_as(api, stranger), method)(
        _url(name, opportunity), {"title": "Taken over", "reason": "Mine now"}, format="json"
    )

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.title) == (
        Status.DRAFT,
        "Community mental health and wellbeing service",
    )
    assert opportunity.lots.count() == 0


def test_api_draft_is_404_to_the_public(api, opportunity):
    response = api.get(_url("api_opportunity_published", opportunity))

    assert response.status_code == 404


COMMISSIONER_ACTIONS = [
    ("post", "api_opportunity_publish", {}),
    ("post", "api_opportunity_amend", {"reason": "Mine now", "title": "Taken over"}),
    ("post", "api_opportunity_close", {}),
    ("post", "api_opportunity_evaluation", {}),
    ("post", "api_opportunity_decide", {"awarded": True}),
    ("post", "api_opportunity_cancel", {"reason": "Mine now"}),
    ("post", "api_opportunity_withdraw", {"reason": "Mine now"}),
    ("post", "api_opportunity_lots", {"title": "Lot"}),
    ("get", "api_opportunity_sections", {}),
    ("get", "api_opportunity_inclusion_check", {}),
    ("get", "api_opportunity_questions", {}),
    ("get", "api_opportunity_matching_providers", {}),
    ("post", "api_opportunity_invitations", {"organisations": []}),
]


@pytest.mark.parametrize("action", COMMISSIONER_ACTIONS, ids=[a[1] for a in COMMISSIONER_ACTIONS])
def test_api_provider_refused_commissioner_actions(api, published, provider, action):
    method, name, data = action

    response = getattr(_as(api, provider.user), method)(_url(name, published), data, format="json")

    assert response.status_code == 403
    assert _errors(response) == [(None, MANAGE_REFUSED)]
    published.refresh_from_db()
    assert (published.status, published.version, published.releases.count()) == (
        Status.PUBLISHED,
        1,
        1,
    )


def test_api_published_opportunity_readable_by_anyone(api, published):
    response = api.get(_url("api_opportunity_published", published))

    assert response.status_code == 200
    body = response.json()
    assert (body["reference"], body["status"], body["ocid"]) == (
        published.reference,
        "published",
        published.ocid,
    )
    assert [c["title"] for c in body["criteria"]] == [
        "Quality of the delivery network",
        "Price",
        "Social value",
    ]


# An opportunity's parts.


def test_api_lots_add_change_and_delete(api, opportunity, commissioner_member):
    client = _as(api, commissioner_member.user)
    for title in ("Dementia", "Chronic pain"):
        client.post(
            _url("api_opportunity_lots", opportunity),
            {"title": title, "budget": "15000.00", "outcome_areas": ["mental-health"]},
            format="json",
        )
    first, second = Lot.objects.order_by("number")

    changed = client.patch(
        _url("api_opportunity_lot", opportunity, item_pk=second.pk),
        {"description": "Creative health for people living with pain."},
        format="json",
    )
    deleted = client.delete(_url("api_opportunity_lot", opportunity, item_pk=first.pk))

    assert changed.json() == {
        "id": second.pk,
        "number": 2,
        "title": "Chronic pain",
        "description": "Creative health for people living with pain.",
        "budget": "15000.00",
        "outcome_areas": ["mental-health"],
    }
    assert deleted.status_code == 204
    listed = client.get(_url("api_opportunity_lots", opportunity)).json()["results"]
    assert [(lot["number"], lot["title"]) for lot in listed] == [(1, "Chronic pain")]


def test_api_lot_budget_above_total_refused(api, opportunity, commissioner_member):
    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_lots", opportunity),
        {"title": "Everything", "budget": "5000000.00"},
        format="json",
    )

    assert response.status_code == 400
    assert _errors(response) == [
        ("non_field_errors", "A lot's budget cannot be more than the total budget.")
    ]
    assert opportunity.lots.count() == 0


def test_api_outcome_add_and_remove(api, opportunity, commissioner_member):
    client = _as(api, commissioner_member.user)

    added = client.post(
        _url("api_opportunity_outcomes", opportunity),
        {"outcome_area": "wellbeing", "statement": "People feel more hopeful about the future"},
        format="json",
    )
    removed = client.delete(
        _url("api_opportunity_outcome", opportunity, item_pk=added.json()["id"])
    )

    assert added.status_code == 201
    assert (added.json()["outcome_area"], added.json()["position"]) == ("wellbeing", 1)
    assert removed.status_code == 204
    assert list(opportunity.outcomes_sought.values_list("statement", flat=True)) == [
        "People connect to their communities and feel less lonely"
    ]


def test_api_criterion_weights_over_100_refused(api, opportunity, commissioner_member):
    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_criteria", opportunity),
        {"kind": "quality", "title": "Partnership working", "weight": "10.00"},
        format="json",
    )

    assert response.status_code == 400
    assert _errors(response) == [
        ("non_field_errors", "The weights would total 110%; they must total exactly 100%.")
    ]
    assert opportunity.criteria.count() == 3


def test_api_criterion_change_weight(api, opportunity, commissioner_member):
    price = opportunity.criteria.get(title="Price")
    client = _as(api, commissioner_member.user)

    too_much = client.patch(
        _url("api_opportunity_criterion", opportunity, item_pk=price.pk),
        {"weight": "40.00"},
        format="json",
    )
    fine = client.patch(
        _url("api_opportunity_criterion", opportunity, item_pk=price.pk),
        {"weight": "20.00", "word_limit": 500},
        format="json",
    )

    assert too_much.status_code == 400
    assert _errors(too_much) == [
        ("non_field_errors", "The weights would total 110%; they must total exactly 100%.")
    ]
    assert (fine.json()["weight"], fine.json()["word_limit"]) == ("20.00", 500)
    price.refresh_from_db()
    assert price.weight == Decimal(20)


def test_api_criterion_for_another_opportunitys_lot_refused(api, opportunity, commissioner_member):
    other = build_opportunity(commissioner_member, publishable=False)
    foreign_lot = Lot.objects.create(opportunity=other, number=1, title="Elsewhere")

    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_criteria", opportunity),
        {"kind": "quality", "title": "Lot quality", "weight": "100.00", "lot": foreign_lot.pk},
        format="json",
    )

    assert response.status_code == 400
    assert [attr for attr, _ in _errors(response)] == ["lot"]
    assert Criterion.objects.filter(lot=foreign_lot).count() == 0


def test_api_gates_and_kpis(api, opportunity, commissioner_member):
    client = _as(api, commissioner_member.user)

    gate = client.post(
        _url("api_opportunity_gates", opportunity),
        {"title": "Safeguarding policy", "guidance": "Adults and children."},
        format="json",
    )
    duplicate_kpi = client.post(
        _url("api_opportunity_kpis", opportunity),
        {"kpi": "access-arts-cultural-activities"},
        format="json",
    )

    assert gate.status_code == 201
    assert gate.json()["title"] == "Safeguarding policy"
    assert duplicate_kpi.status_code == 400
    assert _errors(duplicate_kpi) == [
        (
            "non_field_errors",
            (
                "Number of people supported to access arts or cultural groups/activities is "
                "already one of this opportunity's KPIs."
            ),
        )
    ]


def test_api_section_save_and_stale_revision_conflict(api, opportunity, commissioner_member):
    colleague = MembershipFactory(organisation=commissioner_member.organisation).user
    url = _url("api_opportunity_section", opportunity, key="background")
    revision = _as(api, commissioner_member.user).get(url).json()["revision"]
    first = _as(APIClient(), colleague).put(
        url, {"body": "<p>Loneliness is rising in Kent.</p>", "revision": revision}, format="json"
    )

    second = _as(api, commissioner_member.user).put(
        url, {"body": "<p>Our needs assessment says…</p>", "revision": revision}, format="json"
    )

    assert first.status_code == 200
    assert first.json()["revision"] == revision + 1
    assert second.status_code == 409
    body = second.json()
    assert body["type"] == "client_error"
    [error] = body["errors"]
    assert (error["code"], error["attr"]) == ("conflict", "revision")
    assert "while you were editing" in error["detail"]
    assert (body["current"]["body"], body["current"]["revision"]) == (
        "<p>Loneliness is rising in Kent.</p>",
        revision + 1,
    )
    assert body["current"]["updated_by"] == colleague.full_name
    assert body["submitted"] == {"body": "<p>Our needs assessment says…</p>", "revision": revision}
    section = Section.objects.get(opportunity=opportunity, key="background")
    assert (section.body, section.revision) == (
        "<p>Loneliness is rising in Kent.</p>",
        revision + 1,
    )


def test_api_section_save_sanitises_html(api, opportunity, commissioner_member):
    url = _url("api_opportunity_section", opportunity, key="background")

    response = _as(api, commissioner_member.user).put(
        url,
        {"body": '<p onclick="steal()">Need<script>alert(1)</script></p>', "revision": 0},
        format="json",
    )

    assert response.json()["body"] == "<p>Need</p>"


def test_api_unknown_section_is_404(api, opportunity, commissioner_member):
    response = _as(api, commissioner_member.user).get(
        _url("api_opportunity_section", opportunity, key="appendix")
    )

    assert response.status_code == 404


def test_api_inclusion_check_lists_findings(api, opportunity, commissioner_member):
    response = _as(api, commissioner_member.user).get(
        _url("api_opportunity_inclusion_check", opportunity)
    )

    [finding] = response.json()["findings"]
    assert (finding["code"], finding["barrier"], finding["title"]) == (
        "few_directory_matches",
        3,
        "Only 0 providers in the directory match",
    )
    assert finding["fix"].startswith("Widen the areas or art forms")


# Publishing and the lifecycle.


def test_api_publish(api, opportunity, commissioner_member):
    response = _as(api, commissioner_member.user).post(_url("api_opportunity_publish", opportunity))

    assert response.status_code == 200
    assert (response.json()["number"], response.json()["amendment_reason"]) == (1, "")
    assert [f["code"] for f in response.json()["inclusion_findings"]] == ["few_directory_matches"]
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED
    assert list(opportunity.releases.values_list("tags", flat=True)) == [["tender"]]


def test_api_publish_refused_lists_every_problem(api, commissioner_member):
    opportunity = build_opportunity(commissioner_member, summary="", days_open=10)

    response = _as(api, commissioner_member.user).post(_url("api_opportunity_publish", opportunity))

    assert response.status_code == 400
    problems = [
        "Write a short summary for the list of opportunities.",
        (
            "The closing date must be at least 25 days after publication for this route "
            "(it is 10 days)."
        ),
    ]
    assert _errors(response) == [
        ("non_field_errors", "This opportunity cannot be published yet: " + " ".join(problems)),
        *[("problems", problem) for problem in problems],
    ]
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.releases.count()) == (Status.DRAFT, 0)


def test_api_amend_without_reason_refused(api, published, commissioner_member):
    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_amend", published), {"title": "A new title"}, format="json"
    )

    assert response.status_code == 400
    assert _errors(response) == [
        ("non_field_errors", "Give the reason for the amendment; bidders will see it.")
    ]
    published.refresh_from_db()
    assert (published.title, published.version) == (
        "Community mental health and wellbeing service",
        1,
    )


def test_api_amend_with_reason_keeps_the_earlier_version(api, published, commissioner_member):
    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_amend", published),
        {"reason": "A clearer title.", "title": "Community wellbeing and connection service"},
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["number"], response.json()["amendment_reason"]) == (
        2,
        "A clearer title.",
    )
    assert [(v.number, v.snapshot["title"]) for v in published.published_versions.all()] == [
        (2, "Community wellbeing and connection service"),
        (1, "Community mental health and wellbeing service"),
    ]


def test_api_cancel_without_reason_refused(api, published, commissioner_member):
    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_cancel", published), {}, format="json"
    )

    assert response.status_code == 400
    assert _errors(response) == [
        ("non_field_errors", "Give the reason for cancelling; bidders will see it.")
    ]
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_api_close_before_closing_time_refused(api, published, commissioner_member):
    response = _as(api, commissioner_member.user).post(_url("api_opportunity_close", published))

    assert response.status_code == 400
    assert _errors(response) == [
        ("non_field_errors", "The opportunity cannot close before its closing time.")
    ]


def test_api_lifecycle_to_a_decision(api, published, commissioner_member, time_machine):
    time_machine.move_to(published.closes_at + datetime.timedelta(minutes=1))
    client = _as(api, commissioner_member.user)

    closed = client.post(_url("api_opportunity_close", published))
    evaluating = client.post(_url("api_opportunity_evaluation", published))
    no_decision = client.post(_url("api_opportunity_decide", published), {}, format="json")
    decided = client.post(
        _url("api_opportunity_decide", published), {"awarded": True}, format="json"
    )

    assert [closed.json()["status"], evaluating.json()["status"], decided.json()["status"]] == [
        "closed",
        "evaluation",
        "awarded",
    ]
    assert _errors(no_decision) == [("awarded", "Say whether the opportunity was awarded.")]


def test_api_refused_transition_explained(api, opportunity, commissioner_member):
    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_withdraw", opportunity), {"reason": "Not needed"}, format="json"
    )

    assert response.status_code == 400
    assert _errors(response) == [
        ("non_field_errors", "An opportunity that is draft cannot become withdrawn.")
    ]


# Questions, interest and invitations.


def test_api_question_asked_answered_and_published_without_the_asker(
    api, published, commissioner_member, provider
):
    asked = _as(APIClient(), provider.user).post(
        _url("api_opportunity_answers", published),
        {"text": "May a consortium of choirs bid?"},
        format="json",
    )
    question_id = asked.json()["id"]
    queue = _as(api, commissioner_member.user).get(_url("api_opportunity_questions", published))

    answered = api.post(
        _url("api_opportunity_question_answer", published, item_pk=question_id),
        {"answer": "Yes, consortia are welcome."},
        format="json",
    )
    public = APIClient().get(_url("api_opportunity_answers", published))

    assert asked.status_code == 201
    assert asked.json()["status"] == QuestionStatus.OPEN
    [queued] = queue.json()["results"]
    assert (queued["organisation"]["name"], queued["asked_by"]) == (
        "Stroud Arts",
        provider.user.full_name,
    )
    assert answered.json()["status"] == QuestionStatus.PUBLISHED
    assert public.json()["results"] == [
        {
            "id": question_id,
            "question": "May a consortium of choirs bid?",
            "answer": "Yes, consortia are welcome.",
            "answered_at": answered.json()["answered_at"],
        }
    ]
    assert "Stroud Arts" not in public.content.decode()


def test_api_question_asked_by_a_commissioner_refused(api, published, commissioner_member):
    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_answers", published), {"text": "Hello?"}, format="json"
    )

    assert response.status_code == 403
    assert _errors(response) == [(None, PROVIDERS_ONLY)]
    assert published.questions.count() == 0


def test_api_question_asked_anonymously_refused(api, published):
    response = api.post(_url("api_opportunity_answers", published), {"text": "Hi"}, format="json")

    assert response.status_code in (401, 403)
    assert published.questions.count() == 0


def test_api_question_after_the_deadline_refused(api, published, provider, time_machine):
    time_machine.move_to(published.clarification_deadline + datetime.timedelta(hours=1))

    response = _as(api, provider.user).post(
        _url("api_opportunity_answers", published), {"text": "Too late?"}, format="json"
    )

    assert response.status_code == 400
    assert _errors(response)[0][1].startswith("The deadline for questions was ")
    assert published.questions.count() == 0


def test_api_private_answer_without_a_reason_refused(api, published, commissioner_member, provider):
    question = engagement.question_ask(
        actor=provider.user,
        opportunity=published,
        organisation=provider.organisation,
        text="Is our day rate in range?",
        sensitive=True,
    )

    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_question_answer", published, item_pk=question.pk),
        {"answer": "Yes.", "publish": False},
        format="json",
    )

    assert response.status_code == 400
    assert _errors(response) == [
        (
            "non_field_errors",
            (
                "Give the reason for answering privately; every bidder should get the same "
                "information unless it is commercially sensitive."
            ),
        )
    ]
    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN


def test_api_answer_to_another_opportunitys_question_is_404(
    api, published, commissioner_member, provider
):
    other = build_opportunity(commissioner_member)
    lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=other)
    other.refresh_from_db()
    question = engagement.question_ask(
        actor=provider.user, opportunity=other, organisation=provider.organisation, text="Q?"
    )

    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_question_answer", published, item_pk=question.pk),
        {"answer": "A."},
        format="json",
    )

    assert response.status_code == 404


def test_api_interest_register_and_withdraw(api, published, provider):
    client = _as(api, provider.user)

    registered = client.post(_url("api_opportunity_interest", published), {}, format="json")
    withdrawn = client.delete(_url("api_opportunity_interest", published))
    again = client.delete(_url("api_opportunity_interest", published))

    assert registered.status_code == 201
    assert registered.json()["organisation"] == {
        "id": provider.organisation_id,
        "name": "Stroud Arts",
    }
    assert withdrawn.status_code == 204
    assert again.status_code == 404
    assert published.interests.count() == 0


def test_api_interest_for_an_organisation_i_am_not_in_refused(api, published, provider):
    elsewhere = OrganisationFactory(name="Kent Dance")

    response = _as(api, provider.user).post(
        _url("api_opportunity_interest", published),
        {"organisation": elsewhere.pk},
        format="json",
    )

    assert response.status_code == 403
    assert published.interests.count() == 0


def _matching_provider(name: str):
    return make_profile(name, outcomes=("Mental health",), areas=("E10000016",))


def test_api_invitations_sent_and_tracked(api, opportunity, commissioner_member):
    profile = _matching_provider("Margate Community Choir")
    make_profile("Far Away Arts", outcomes=("Mental health",), areas=("E06000022",))
    client = _as(api, commissioner_member.user)

    matching = client.get(_url("api_opportunity_matching_providers", opportunity))
    sent = client.post(
        _url("api_opportunity_invitations", opportunity),
        {"organisations": [profile.organisation_id], "message": "Do bid!"},
        format="json",
    )
    lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    engagement.interest_register(
        actor=profile.admin, opportunity=opportunity, organisation=profile.organisation
    )
    tracked = client.get(_url("api_opportunity_invitations", opportunity))

    assert [p["organisation"]["name"] for p in matching.json()["results"]] == [
        "Margate Community Choir"
    ]
    assert sent.status_code == 201
    assert [(i["organisation"]["name"], i["message"]) for i in sent.json()] == [
        ("Margate Community Choir", "Do bid!")
    ]
    [invitation] = tracked.json()["results"]
    assert (invitation["registered"], invitation["sent_to"]) == (
        True,
        sorted({profile.admin.email, "jo@example.org"}),
    )


def test_api_invitations_only_to_listed_providers(api, opportunity, commissioner_member, stranger):
    unlisted = make_profile("Unlisted Arts", listed=False)

    response = _as(api, commissioner_member.user).post(
        _url("api_opportunity_invitations", opportunity),
        {"organisations": [unlisted.organisation_id, stranger.memberships.get().organisation_id]},
        format="json",
    )

    assert response.status_code == 400
    assert [attr for attr, _ in _errors(response)] == ["organisations"]
    assert opportunity.invitations.count() == 0


# The public list.


def test_api_published_list_shows_only_open_opportunities(api, commissioner_member):
    live = build_opportunity(commissioner_member)
    lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=live)
    build_opportunity(commissioner_member)

    response = api.get(reverse("api_opportunities_published"))

    assert [(o["id"], o["organisation"]["name"]) for o in response.json()["results"]] == [
        (live.pk, "Kent County Council")
    ]
    assert response.json()["results"][0]["url"] == f"http://testserver/opportunities/{live.pk}/"


def test_api_published_list_filters(api, commissioner_member):
    opportunities = {}
    for route in ("open", "grant"):
        opportunities[route] = build_opportunity(
            commissioner_member, route=route, max_bid=Decimal(15000)
        )
        lifecycle.opportunity_publish(
            actor=commissioner_member.user, opportunity=opportunities[route]
        )

    grants = api.get(reverse("api_opportunities_published"), {"route": "grant"})
    small = api.get(reverse("api_opportunities_published"), {"max_value": "100000"})
    bad = api.get(reverse("api_opportunities_published"), {"outcome_area": "astrology"})

    assert [o["id"] for o in grants.json()["results"]] == [opportunities["grant"].pk]
    assert small.json()["results"] == []
    assert bad.status_code == 400
    assert [attr for attr, _ in _errors(bad)] == ["outcome_area"]


# The schema.


def test_api_schema_lists_the_opportunity_and_ocds_paths(api):
    response = api.get(reverse("api_schema"), {"format": "json"})

    paths = response.json()["paths"]
    assert {
        "/api/v1/opportunities/",
        "/api/v1/opportunities/{id}/",
        "/api/v1/opportunities/{id}/sections/{key}/",
        "/api/v1/opportunities/{id}/publish/",
        "/api/v1/opportunities/{id}/amend/",
        "/api/v1/opportunities/{id}/inclusion-check/",
        "/api/v1/opportunities/{id}/questions/{item_pk}/answer/",
        "/api/v1/opportunities/{id}/invitations/",
        "/api/v1/opportunities/published/",
        "/api/v1/opportunities/published/{id}/questions/",
        "/api/ocds/releases/",
        "/api/ocds/releases/{release_id}/",
        "/api/ocds/records/{ocid}/",
    } <= set(paths)
    assert "409" in paths["/api/v1/opportunities/{id}/sections/{key}/"]["put"]["responses"]


# Query budgets: the same number of queries for 1 row and for 10.


@pytest.mark.parametrize("rows", [1, 10])
def test_api_opportunity_list_query_budget(
    api, commissioner_member, django_assert_num_queries, rows
):
    for _ in range(rows):
        build_opportunity(commissioner_member, publishable=False)
    client = _as(api, commissioner_member.user)

    with django_assert_num_queries(3):
        response = client.get(reverse("api_opportunities"))

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_api_published_list_query_budget(api, commissioner_member, django_assert_num_queries, rows):
    for _ in range(rows):
        opportunity = build_opportunity(commissioner_member)
        lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=opportunity)

    with django_assert_num_queries(2):
        response = api.get(reverse("api_opportunities_published"))

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_api_lot_list_query_budget(
    api, opportunity, commissioner_member, django_assert_num_queries, rows
):
    for number in range(1, rows + 1):
        lot = Lot.objects.create(opportunity=opportunity, number=number, title=f"Lot {number}")
        lot.outcome_areas.set(OutcomeArea.objects.all()[:2])
    client = _as(api, commissioner_member.user)

    with django_assert_num_queries(14):
        response = client.get(_url("api_opportunity_lots", opportunity))

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_api_question_list_query_budget(
    api, published, commissioner_member, django_assert_num_queries, rows
):
    provider = _new_provider()
    for number in range(rows):
        engagement.question_ask(
            actor=provider.user,
            opportunity=published,
            organisation=provider.organisation,
            text=f"Question {number}?",
        )
    client = _as(api, commissioner_member.user)

    with django_assert_num_queries(14):
        response = client.get(_url("api_opportunity_questions", published))

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_api_published_answers_query_budget(
    api, published, commissioner_member, django_assert_num_queries, rows
):
    provider = _new_provider()
    for number in range(rows):
        question = engagement.question_ask(
            actor=provider.user,
            opportunity=published,
            organisation=provider.organisation,
            text=f"Question {number}?",
        )
        engagement.question_answer(actor=commissioner_member.user, question=question, answer="A.")

    with django_assert_num_queries(13):
        response = api.get(_url("api_opportunity_answers", published))

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_api_invitation_list_query_budget(
    api, opportunity, commissioner_member, django_assert_num_queries, rows
):
    profiles = [_matching_provider(f"Choir {number}") for number in range(rows)]
    engagement.invitations_send(
        actor=commissioner_member.user,
        opportunity=opportunity,
        organisations=[p.organisation for p in profiles],
    )
    client = _as(api, commissioner_member.user)

    with django_assert_num_queries(17):
        matching = client.get(_url("api_opportunity_matching_providers", opportunity))
    with django_assert_num_queries(15):
        invitations = client.get(_url("api_opportunity_invitations", opportunity))

    assert len(matching.json()["results"]) == rows
    assert len(invitations.json()["results"]) == rows
