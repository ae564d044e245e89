"""The commissioner's sealed-bids API: counts while sealed, opening, register, gates, evaluation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tenders.constants import Eligibility, Status
from tenders.models import Bid, Opportunity
from tests.factories import MembershipFactory, OrganisationFactory
from tests.tenders.conftest import sealed_call

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _url(name, call, **kwargs):
    return reverse(name, kwargs={"pk": call.opportunity.pk, **kwargs})


def _errors(response):
    return [(e["attr"], e["detail"]) for e in response.json()["errors"]]


def test_counts_while_sealed(commissioner_member):
    call = sealed_call(commissioner_member, providers=3, drafts=1, closed=False)

    response = _api(call.user).get(_url("api_opportunity_bid_counts", call))

    body = response.json()
    assert {k: body[k] for k in ("opened_at", "interested", "drafts", "submitted")} == {
        "opened_at": None,
        "interested": 4,
        "drafts": 1,
        "submitted": 3,
    }
    assert [(lot["number"], lot["drafts"], lot["submitted"]) for lot in body["lots"]] == [
        (1, 0, 2),
        (2, 1, 1),
    ]


def test_register_and_eligibility_are_404_until_opened(commissioner_member):
    call = sealed_call(commissioner_member)
    api = _api(call.user)
    bid = call.bids[0]

    statuses = [
        api.get(_url("api_opportunity_bid_register", call)).status_code,
        api.get(_url("api_opportunity_bid_eligibility", call, bid_pk=bid.pk)).status_code,
        api.post(
            _url("api_opportunity_bid_eligibility", call, bid_pk=bid.pk), {"passed": True}
        ).status_code,
        api.post(_url("api_opportunity_bids_send_to_evaluation", call)).status_code,
    ]

    assert statuses == [404, 404, 404, 404]
    assert Bid.objects.get(pk=bid.pk).eligibility == Eligibility.PENDING


def test_open_before_close_refused_then_opens_once(commissioner_member):
    call = sealed_call(commissioner_member, closed=False)
    api = _api(call.user)

    early = api.post(_url("api_opportunity_bids_open", call))
    assert early.status_code == 400
    assert _errors(early) == [
        (
            "non_field_errors",
            "Bids can only be opened once the opportunity has closed to bids.",
        )
    ]
    call.close()
    opened = api.post(_url("api_opportunity_bids_open", call))
    again = api.post(_url("api_opportunity_bids_open", call))

    assert opened.status_code == 200
    assert opened.json()["bids_opened_by"] == call.user.email
    assert again.status_code == 400
    assert "already opened" in _errors(again)[0][1]


def test_register_lists_each_version_with_its_digest(commissioner_member):
    call = sealed_call(commissioner_member, providers=2, drafts=0)
    call.open()

    rows = _api(call.user).get(_url("api_opportunity_bid_register", call)).json()

    assert [(r["organisation"], r["version"], r["sha256"]) for r in rows] == [
        (b.organisation.name, 1, b.submissions.get().sha256) for b in call.bids
    ]


def test_eligibility_and_send_to_evaluation(commissioner_member):
    call = sealed_call(commissioner_member, providers=2, drafts=0)
    call.open()
    api = _api(call.user)
    first, second = call.bids

    no_reason = api.post(
        _url("api_opportunity_bid_eligibility", call, bid_pk=first.pk), {"passed": False}
    )
    assert no_reason.status_code == 400
    assert _errors(no_reason) == [
        ("non_field_errors", "Give the reason the bid fails; the bidder will be told it.")
    ]
    failed = api.post(
        _url("api_opportunity_bid_eligibility", call, bid_pk=first.pk),
        {"passed": False, "note": "Outside Gloucestershire"},
    )
    assert failed.json()["eligibility"] == "failed"
    undecided = api.post(_url("api_opportunity_bids_send_to_evaluation", call))
    assert undecided.status_code == 400
    assert ("problems", "Decide the gates for Arts Org 02 (Project 2).") in _errors(undecided)

    api.post(
        _url("api_opportunity_bid_eligibility", call, bid_pk=second.pk),
        {"passed": True},
        format="json",
    )
    moved = api.post(_url("api_opportunity_bids_send_to_evaluation", call))

    assert moved.json() == {"id": call.opportunity.pk, "status": Status.EVALUATION}


def test_another_commissioner_and_a_bidder_are_refused(commissioner_member):
    call = sealed_call(commissioner_member, providers=1, drafts=0)
    call.open()
    stranger = MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Another Council")
    ).user
    bidder = call.providers[0].user
    urls = [
        ("get", _url("api_opportunity_bid_counts", call)),
        ("post", _url("api_opportunity_bids_open", call)),
        ("get", _url("api_opportunity_bid_register", call)),
        ("get", _url("api_opportunity_bid_eligibility", call, bid_pk=call.bids[0].pk)),
        ("post", _url("api_opportunity_bid_eligibility", call, bid_pk=call.bids[0].pk)),
        ("post", _url("api_opportunity_bids_send_to_evaluation", call)),
    ]

    for user in (stranger, bidder):
        api = _api(user)
        assert [getattr(api, method)(url).status_code for method, url in urls] == [403] * 6

    assert Opportunity.objects.get(pk=call.opportunity.pk).status == Status.CLOSED


@pytest.mark.parametrize("providers", [1, 5])
def test_register_api_query_budget(commissioner_member, django_assert_num_queries, providers):
    call = sealed_call(commissioner_member, providers=providers, drafts=0)
    call.open()
    api = _api(call.user)

    with django_assert_num_queries(15):
        rows = api.get(_url("api_opportunity_bid_register", call)).json()

    assert len(rows) == providers


def test_schema_describes_the_sealed_bid_endpoints(commissioner_member):
    response = _api(commissioner_member.user).get(
        reverse("api_schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )

    paths = set(response.json()["paths"])
    assert {
        "/api/v1/opportunities/{id}/bids/counts/",
        "/api/v1/opportunities/{id}/bids/open/",
        "/api/v1/opportunities/{id}/bids/register/",
        "/api/v1/opportunities/{id}/bids/{bid_pk}/eligibility/",
        "/api/v1/opportunities/{id}/bids/evaluation/",
    } <= paths
