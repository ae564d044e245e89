"""Panel pages: who gets in (and who gets 404 or 403), bad input saves nothing, and list pages
stay within a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation.constants import PanelRole
from evaluation.models import Declaration, PanelMember, Score
from evaluation.services import panels
from tests.evaluation.conftest import closed_call, make_panel, score_all, seat
from tests.evaluation.factories import (
    DecisionFactory,
    LetterFactory,
    PanelFactory,
    PanelMemberFactory,
)
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def _urls(panel, bid):
    return {
        "detail": reverse("evaluation:panel_detail", args=[panel.pk]),
        "training": reverse("evaluation:training", args=[panel.pk]),
        "plan": reverse("evaluation:panel_plan", args=[panel.pk]),
        "invite": reverse("evaluation:member_invite", args=[panel.pk]),
        "declare": reverse("evaluation:declaration", args=[panel.pk, bid.pk]),
        "score": reverse("evaluation:score", args=[panel.pk, bid.pk]),
        "moderation": reverse("evaluation:moderation", args=[panel.pk]),
        "moderation_bid": reverse("evaluation:moderation_bid", args=[panel.pk, bid.pk]),
        "rulings": reverse("evaluation:rulings", args=[panel.pk]),
        "funding": reverse("evaluation:funding_line", args=[panel.pk]),
        "awards": reverse("evaluation:awards", args=[panel.pk]),
        "report": reverse("evaluation:report", args=[panel.pk]),
    }


EXPECTED = {
    # page: (commissioner, chair, patient, stranger)
    "detail": (200, 200, 200, 404),
    "training": (200, 200, 200, 404),
    "plan": (200, 403, 403, 404),
    "invite": (200, 403, 403, 404),
    "declare": (403, 200, 200, 404),
    "score": (403, 200, 200, 404),
    "moderation": (200, 200, 403, 404),
    "moderation_bid": (200, 200, 403, 404),
    "rulings": (403, 200, 403, 404),
    "funding": (200, 403, 403, 404),
    "awards": (200, 403, 403, 404),
    "report": (200, 200, 403, 404),
}


@pytest.mark.parametrize("page_name", sorted(EXPECTED))
def test_panel_pages_permissions_matrix(client, scoring_panel, page_name):
    panel = scoring_panel["panel"]
    bid = scoring_panel["call"].bids[0]
    url = _urls(panel, bid)[page_name]
    people = (
        scoring_panel["call"].user,
        scoring_panel["chair"].user,
        scoring_panel["patient"].user,
        UserFactory(),
    )

    statuses = []
    for person in people:
        client.force_login(person)
        statuses.append(client.get(url).status_code)

    assert tuple(statuses) == EXPECTED[page_name]


def test_member_of_another_panel_cannot_see_this_one(client, scoring_panel, glos_commissioner):
    other_call = closed_call(glos_commissioner, amounts=["5000"])
    other_panel = make_panel(other_call)
    outsider = seat(other_panel, PanelRole.CHAIR)
    panel = scoring_panel["panel"]
    bid = scoring_panel["call"].bids[0]
    _client(client, outsider.user)

    for name in ("detail", "score", "moderation", "moderation_bid"):
        assert client.get(_urls(panel, bid)[name]).status_code == 404


def test_score_page_is_404_until_declared_and_for_a_conflicted_bid(client, call):
    panel = make_panel(call)
    seat(panel, PanelRole.CHAIR)
    member = seat(panel)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    bid = call.bids[0]
    url = reverse("evaluation:score", args=[panel.pk, bid.pk])
    _client(client, member.user)

    assert client.get(url).status_code == 404
    response = client.post(
        reverse("evaluation:declaration", args=[panel.pk, bid.pk]),
        {"level": "actual", "note": "My partner wrote it"},
    )
    assert response.status_code == 302
    assert client.get(url).status_code == 404


def test_declaration_form_perceived_without_note_saves_nothing(client, scoring_panel):
    member = seat(scoring_panel["panel"], PanelRole.ARTS)
    bid = scoring_panel["call"].bids[0]
    _client(client, member.user)

    response = client.post(
        reverse("evaluation:declaration", args=[scoring_panel["panel"].pk, bid.pk]),
        {"level": "perceived", "note": " "},
    )

    assert response.status_code == 200
    assert "Say what the conflict is, so the chair can decide." in response.content.decode()
    assert not Declaration.objects.filter(member=member).exists()


def test_score_form_rejects_a_point_off_the_scale_and_saves_nothing(client, scoring_panel):
    panel = scoring_panel["panel"]
    bid = scoring_panel["call"].bids[0]
    patient = scoring_panel["patient"]
    criterion = bid.opportunity.criteria.first()
    _client(client, patient.user)

    response = client.post(
        reverse("evaluation:score", args=[panel.pk, bid.pk]),
        {f"score_{criterion.pk}": "9", f"comment_{criterion.pk}": "Great", "submit": "1"},
    )

    assert response.status_code == 200
    assert "Choose a score from the scale." in response.content.decode()
    assert Score.objects.filter(member=patient).count() == 0


def test_score_form_submit_without_comments_lists_each_problem(client, scoring_panel):
    panel = scoring_panel["panel"]
    bid = scoring_panel["call"].bids[0]
    patient = scoring_panel["patient"]
    data = {"submit": "1"}
    for criterion in bid.opportunity.criteria.all():
        data[f"score_{criterion.pk}"] = "3"
        data[f"revision_{criterion.pk}"] = "0"
    _client(client, patient.user)

    response = client.post(reverse("evaluation:score", args=[panel.pk, bid.pk]), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Write a comment on &#x27;Price&#x27;." in body
    assert patient.assignments.get(bid=bid).submitted_at is None


def test_score_page_hides_others_until_submitted_then_shows_them(client, scoring_panel):
    panel = scoring_panel["panel"]
    bid = scoring_panel["call"].bids[0]
    score_all(scoring_panel["clinician"], bid, "4")
    patient = scoring_panel["patient"]
    _client(client, patient.user)
    url = reverse("evaluation:score", args=[panel.pk, bid.pk])
    clinician_name = scoring_panel["clinician"].full_name

    assert clinician_name not in client.get(url).content.decode()
    score_all(patient, bid, "3")
    assert clinician_name in client.get(url).content.decode()


def test_invite_form_bad_email_saves_nothing(client, scoring_panel):
    panel = scoring_panel["panel"]
    _client(client, scoring_panel["call"].user)

    response = client.post(
        reverse("evaluation:member_invite", args=[panel.pk]),
        {"full_name": "Pat", "email": "not-an-email", "role": "patient"},
    )

    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.content.decode()
    assert PanelMember.objects.filter(panel=panel).count() == 3


def test_plan_form_budget_over_the_opportunity_is_refused(client, scoring_panel):
    panel = scoring_panel["panel"]
    _client(client, scoring_panel["call"].user)

    response = client.post(
        reverse("evaluation:panel_plan", args=[panel.pk]),
        {
            "name": panel.name,
            "assignment_mode": "all",
            "min_scorers_per_bid": "3",
            "comment_min_length": "0",
            "variance_threshold": "2",
            "budget": "999999",
        },
    )

    assert "cannot be more than the opportunity&#x27;s budget" in response.content.decode()
    panel.refresh_from_db()
    assert panel.budget == Decimal(150000)


def test_decision_form_needs_reasons(client, scoring_panel):
    panel = scoring_panel["panel"]
    panels.panel_start_moderation(actor=scoring_panel["chair"].user, panel=panel)
    bid = scoring_panel["call"].bids[0]
    _client(client, scoring_panel["call"].user)

    response = client.post(
        reverse("evaluation:decision", args=[panel.pk, bid.pk]), {"outcome": "funded"}
    )

    assert response.status_code == 200
    assert "Give the panel&#x27;s reasons." in response.content.decode()
    assert not panel.decisions.exists()


def test_panel_create_flow_for_a_commissioner(client, call):
    _client(client, call.user)
    chooser = client.get(reverse("evaluation:panel_create"))
    assert call.opportunity.title in chooser.content.decode()

    response = client.post(
        reverse("evaluation:panel_create"),
        {
            "opportunity": call.opportunity.pk,
            "name": "Round 1 panel",
            "assignment_mode": "even",
            "min_scorers_per_bid": "2",
            "comment_min_length": "10",
            "variance_threshold": "2",
            "budget": "150000",
        },
    )

    assert response.status_code == 302
    panel = call.opportunity.panels.get()
    assert (panel.name, panel.assignment_mode, panel.min_scorers_per_bid) == (
        "Round 1 panel",
        "even",
        2,
    )


def test_panel_create_refused_for_a_provider(client):
    provider = MembershipFactory(admin=True).user
    _client(client, provider)

    assert client.get(reverse("evaluation:panel_create")).status_code == 403


def test_letters_only_for_the_applicant_and_the_commissioners(client, scoring_panel):
    call = scoring_panel["call"]
    decision = DecisionFactory(panel=scoring_panel["panel"], bid=call.bids[0])
    letter = LetterFactory(decision=decision)
    applicant = call.bids[0].organisation.memberships.first().user
    other_applicant = call.bids[1].organisation.memberships.first().user
    url = reverse("evaluation:letter_detail", args=[letter.pk])

    statuses = []
    for person in (applicant, call.user, other_applicant, scoring_panel["patient"].user):
        client.force_login(person)
        statuses.append(client.get(url).status_code)

    assert statuses == [200, 200, 404, 404]
    client.force_login(applicant)
    body = client.get(url).content.decode()
    for member in (scoring_panel["patient"], scoring_panel["clinician"], scoring_panel["chair"]):
        assert member.full_name not in body


@pytest.mark.parametrize("count", [1, 10])
def test_panel_list_query_budget(client, django_assert_num_queries, call, count):
    user = UserFactory()
    for _ in range(count):
        PanelMemberFactory(panel=PanelFactory(opportunity=call.opportunity), user=user)
    _client(client, user)

    with django_assert_num_queries(5):
        response = client.get(reverse("evaluation:panel_list"))

    assert response.status_code == 200
    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [1, 10])
def test_letter_list_query_budget(client, django_assert_num_queries, glos_commissioner, count):
    call = closed_call(glos_commissioner, amounts=["5000"])
    bid = call.bids[0]
    applicant = bid.organisation.memberships.first().user
    for index in range(count):
        other = PanelFactory(opportunity=call.opportunity, name=f"Panel {index}")
        LetterFactory(decision=DecisionFactory(panel=other, bid=bid))
    _client(client, applicant)

    with django_assert_num_queries(5):
        response = client.get(reverse("evaluation:letter_list"))

    assert len(response.context["page_obj"]) == count


def test_letters_send_page_confirms_first(client, scoring_panel):
    panel = scoring_panel["panel"]
    panels.panel_start_moderation(actor=scoring_panel["chair"].user, panel=panel)
    _client(client, scoring_panel["call"].user)

    response = client.get(reverse("evaluation:letters_send", args=[panel.pk]))
    assert "Send the decision letters?" in response.content.decode()
    response = client.post(reverse("evaluation:letters_send", args=[panel.pk]))
    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.status == "moderation"  # refused: no decisions yet
