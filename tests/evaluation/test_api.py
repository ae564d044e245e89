"""The panels API: the same services as the pages; members reach only their own panels, their
own scores, and nothing of a bid they have not declared for or are conflicted on."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from evaluation.constants import PanelRole
from evaluation.models import Score
from evaluation.services import conflicts, panels
from tests.evaluation.conftest import make_panel, score_all, seat
from tests.evaluation.factories import (
    AssignmentFactory,
    DecisionFactory,
    DeclarationFactory,
    LetterFactory,
    PanelFactory,
    PanelMemberFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def _scores_payload(bid, value="4", comment="Clear and well evidenced.", submit=False):
    return {
        "scores": [
            {"criterion": c.pk, "value": value, "comment": comment}
            for c in bid.opportunity.criteria.all()
        ],
        "submit": submit,
    }


def test_api_member_scores_a_bid_and_submits(scoring_panel):
    patient = scoring_panel["patient"]
    panel = scoring_panel["panel"]
    bid = scoring_panel["call"].bids[0]
    url = reverse("api_panel_scores", args=[panel.pk, bid.pk])

    response = _api(patient.user).put(url, _scores_payload(bid, submit=True), format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["submitted_at"] is not None
    assert sorted(s["value"] for s in response.json()["scores"]) == ["4.0", "4.0", "4.0"]


def test_api_bid_content_is_404_before_declaring_and_when_conflicted(call):
    panel = make_panel(call)
    seat(panel, PanelRole.CHAIR)
    member = seat(panel)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    bid = call.bids[0]
    api = _api(member.user)
    url = reverse("api_panel_bid", args=[panel.pk, bid.pk])

    assert api.get(url).status_code == 404
    assert api.get(reverse("api_panel_scores", args=[panel.pk, bid.pk])).status_code == 404
    conflicts.declaration_make(
        actor=member.user, member=member, bid=bid, level="actual", note="Mine"
    )
    assert api.get(url).status_code == 404
    response = api.post(
        reverse("api_panel_declarations", args=[panel.pk]),
        {"bid": call.bids[1].pk, "level": "none"},
        format="json",
    )
    assert response.status_code == 201
    body = api.get(reverse("api_panel_bid", args=[panel.pk, call.bids[1].pk])).json()
    assert body["applicant"] == call.bids[1].organisation.name
    assert len(body["answers"]) == 3


def test_api_blind_review_hides_the_applicant(call):
    panel = make_panel(call, blind_review=True)
    seat(panel, PanelRole.CHAIR)
    member = seat(panel)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    bid = call.bids[0]
    conflicts.declaration_make(actor=member.user, member=member, bid=bid, level="none")

    body = _api(member.user).get(reverse("api_panel_bid", args=[panel.pk, bid.pk])).json()

    assert body["applicant"] is None
    assert body["label"] == f"Application {bid.pk}"


def test_api_bad_scores_are_refused_with_the_message(scoring_panel):
    patient = scoring_panel["patient"]
    panel = scoring_panel["panel"]
    bid = scoring_panel["call"].bids[0]

    response = _api(patient.user).put(
        reverse("api_panel_scores", args=[panel.pk, bid.pk]),
        _scores_payload(bid, value="6", submit=True),
        format="json",
    )

    assert response.status_code == 400
    assert "one of the scale's points" in response.json()["errors"][0]["detail"]
    assert Score.objects.count() == 0


def test_api_strangers_and_other_panels_get_404(scoring_panel, call):
    panel = scoring_panel["panel"]
    other = seat(make_panel(call), PanelRole.CHAIR)
    for user in (UserFactory(), other.user):
        api = _api(user)
        assert api.get(reverse("api_panel", args=[panel.pk])).status_code == 404
        assert api.get(reverse("api_panel_moderation", args=[panel.pk])).status_code == 404


def test_api_members_are_refused_commissioner_views(scoring_panel):
    api = _api(scoring_panel["patient"].user)
    panel = scoring_panel["panel"]

    for name in (
        "api_panel_members",
        "api_panel_funding_line",
        "api_panel_decisions",
        "api_panel_moderation",
    ):
        assert api.get(reverse(name, args=[panel.pk])).status_code == 403, name
    assert api.post(reverse("api_panel_letters", args=[panel.pk])).status_code == 403


def test_api_commissioner_invites_and_runs_the_panel(scoring_panel):
    call = scoring_panel["call"]
    panel = scoring_panel["panel"]
    api = _api(call.user)

    response = api.post(
        reverse("api_panel_members", args=[panel.pk]),
        {"full_name": "Dr Tom Bennett", "email": "tom@example.org", "role": "clinician"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["joined"] is False
    bad = api.post(
        reverse("api_panel_members", args=[panel.pk]),
        {"full_name": "X", "email": "x@example.org", "role": "boss"},
        format="json",
    )
    assert bad.status_code == 400

    for bid, value in zip(call.bids, ("5", "4", "3"), strict=True):
        for member in (
            scoring_panel["chair"],
            scoring_panel["patient"],
            scoring_panel["clinician"],
        ):
            score_all(member, bid, value)
    panels.panel_start_moderation(actor=scoring_panel["chair"].user, panel=panel)
    chair_api = _api(scoring_panel["chair"].user)
    for bid, value in zip(call.bids, ("5", "4", "3"), strict=True):
        response = chair_api.post(
            reverse("api_panel_consensus", args=[panel.pk, bid.pk]),
            {
                "scores": [
                    {"criterion": c.pk, "value": value, "rationale": "Agreed in discussion."}
                    for c in bid.opportunity.criteria.all()
                ]
            },
            format="json",
        )
        assert response.status_code == 200, response.json()
    line = api.get(reverse("api_panel_funding_line", args=[panel.pk])).json()
    assert [b["bid"] for b in line["funded"]] == [b.pk for b in call.bids]
    assert Decimal(line["left"]) == Decimal(150000 - 12000 - 9000 - 15000)

    response = api.post(
        reverse("api_panel_decisions", args=[panel.pk]),
        {"bid": call.bids[0].pk, "outcome": "not_funded", "reasons": "Duplicate of NHS work"},
        format="json",
    )
    assert response.status_code == 400
    assert "Give the reason for overriding it" in response.json()["errors"][0]["detail"]
    for bid in call.bids:
        response = api.post(
            reverse("api_panel_decisions", args=[panel.pk]),
            {"bid": bid.pk, "outcome": "funded", "reasons": "Within budget"},
            format="json",
        )
        assert response.status_code == 201
    response = api.post(reverse("api_panel_letters", args=[panel.pk]))
    assert response.status_code == 201
    assert len(response.json()) == 3
    moderation_view = api.get(reverse("api_panel_moderation", args=[panel.pk])).json()
    assert [b["consensus_total"] for b in moderation_view] == ["100.00", "80.00", "60.00"]


def test_api_letters_for_the_applicant_never_show_members(scoring_panel):
    call = scoring_panel["call"]
    decision = DecisionFactory(panel=scoring_panel["panel"], bid=call.bids[0])
    letter = LetterFactory(decision=decision)
    applicant = call.bids[0].organisation.memberships.first().user
    api = _api(applicant)

    listed = api.get(reverse("api_letters")).json()
    detail = api.get(reverse("api_letter", args=[letter.pk]))

    assert [item["id"] for item in listed["results"]] == [letter.pk]
    assert detail.status_code == 200
    assert scoring_panel["patient"].full_name not in str(detail.json())
    assert (
        _api(call.bids[1].organisation.memberships.first().user)
        .get(reverse("api_letter", args=[letter.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize("count", [1, 10])
def test_api_panel_list_query_budget(django_assert_num_queries, call, count):
    user = UserFactory()
    for _ in range(count):
        PanelMemberFactory(panel=PanelFactory(opportunity=call.opportunity), user=user)
    api = _api(user)

    with django_assert_num_queries(3):
        response = api.get(reverse("api_panels"))

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 10])
def test_api_member_list_query_budget(django_assert_num_queries, call, count):
    panel = PanelFactory(opportunity=call.opportunity)
    PanelMemberFactory.create_batch(count, panel=panel)
    api = _api(call.user)

    with django_assert_num_queries(QUERIES["members"]):
        response = api.get(reverse("api_panel_members", args=[panel.pk]))

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 10])
def test_api_declaration_and_assignment_lists_query_budget(django_assert_num_queries, call, count):
    panel = PanelFactory(opportunity=call.opportunity)
    bid = call.bids[0]
    for _ in range(count):
        member = PanelMemberFactory(panel=panel)
        DeclarationFactory(member=member, bid=bid, perceived=True)
        AssignmentFactory(member=member, bid=bid)
    api = _api(call.user)

    with django_assert_num_queries(QUERIES["declarations"]):
        declarations = api.get(reverse("api_panel_declarations", args=[panel.pk]))
    with django_assert_num_queries(QUERIES["assignments"]):
        assignments = api.get(reverse("api_panel_assignments", args=[panel.pk]))

    assert (declarations.json()["count"], assignments.json()["count"]) == (count, count)


@pytest.mark.parametrize("count", [1, 10])
def test_api_letter_list_query_budget(django_assert_num_queries, call, count):
    bid = call.bids[0]
    for index in range(count):
        panel = PanelFactory(opportunity=call.opportunity, name=f"Panel {index}")
        LetterFactory(decision=DecisionFactory(panel=panel, bid=bid))
    api = _api(bid.organisation.memberships.first().user)

    with django_assert_num_queries(QUERIES["letters"]):
        response = api.get(reverse("api_letters"))

    assert response.json()["count"] == count


QUERIES = {"members": 7, "declarations": 6, "assignments": 6, "letters": 2}


def test_api_open_scoring_and_chair_rules_on_a_perceived_conflict(call):
    panel = make_panel(call)
    chair = seat(panel, PanelRole.CHAIR)
    patient = seat(panel)
    refused = _api(patient.user).post(reverse("api_panel_open", args=[panel.pk]))
    assert refused.status_code == 403

    opened = _api(call.user).post(reverse("api_panel_open", args=[panel.pk]))
    assert opened.json()["status"] == "scoring"
    declaration = conflicts.declaration_make(
        actor=patient.user, member=patient, bid=call.bids[0], level="perceived", note="Neighbour"
    )
    url = reverse("api_panel_ruling", args=[panel.pk, declaration.pk])

    assert _api(patient.user).post(url, {"ruling": "may_score", "note": "x"}).status_code == 404
    missing = _api(chair.user).post(url, {"ruling": "may_score", "note": ""}, format="json")
    assert missing.status_code == 400
    ruled = _api(chair.user).post(url, {"ruling": "may_score", "note": "Not close"}, format="json")
    assert ruled.json()["ruling"] == "may_score"
    started = _api(chair.user).post(reverse("api_panel_moderation_start", args=[panel.pk]))
    assert started.json()["status"] == "moderation"


def test_api_award_confirm_refused_before_letters(scoring_panel):
    call = scoring_panel["call"]
    panel = scoring_panel["panel"]
    DecisionFactory(panel=panel, bid=call.bids[0])

    response = _api(call.user).post(
        reverse("api_panel_award_confirm", args=[panel.pk, call.bids[0].pk])
    )

    assert response.status_code == 400
    assert "Send the decision letters" in response.json()["errors"][0]["detail"]
    assert (
        _api(call.user)
        .post(reverse("api_panel_award_confirm", args=[panel.pk, call.bids[1].pk]))
        .status_code
        == 404
    )
