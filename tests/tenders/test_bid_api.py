"""The providers' bids API: the contract the deadline-rush benchmark relies on, revisions and
conflicts, refusals, the sealing (404 for everyone but the bidder) and query budgets."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tenders.constants import BidPartnerStatus, BidStatus
from tenders.models import Bid, BidPartner, Opportunity, Submission
from tenders.services import bidding
from tests.factories import MembershipFactory, ProviderProfileFactory
from tests.providers.conftest import PDF_BYTES
from tests.tenders.bid_helpers import ANSWER, complete_bid, draft_bid, grant_call, provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(commissioner_member) -> Opportunity:
    return grant_call(commissioner_member)


@pytest.fixture
def bidder(db):
    return provider()


def _as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _pdf(name: str = "plan.pdf", content: bytes = PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _url(name: str, bid: Bid, **kwargs) -> str:
    return reverse(name, kwargs={"pk": bid.pk, **kwargs})


# The contract: attachments and submit ----------------------------------------------------


def test_attachment_upload_by_token_returns_201_with_digest(grant, bidder):
    bid = draft_bid(grant, bidder)
    token = Token.objects.create(user=bidder.user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.post(_url("api_bid_attachments", bid), {"file": _pdf()}, format="multipart")

    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["file_type"], body["size"]) == (
        "plan.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert len(body["sha256"]) == 64
    assert [a.name for a in bid.attachments.all()] == ["plan.pdf"]


def test_attachment_of_the_wrong_type_by_content_refused(grant, bidder):
    bid = draft_bid(grant, bidder)

    response = _as(bidder.user).post(
        _url("api_bid_attachments", bid),
        {"file": _pdf("budget.pdf", b"MZ\x90\x00 this is a program, not a PDF")},
        format="multipart",
    )

    assert response.status_code == 400
    assert "selected file" in response.json()["errors"][0]["detail"].lower()
    assert bid.attachments.count() == 0


def test_submit_returns_the_receipt_and_emails_it(
    grant, bidder, django_capture_on_commit_callbacks
):
    bid = complete_bid(grant, bidder)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = _as(bidder.user).post(_url("api_bid_submit", bid))

    assert response.status_code == 201
    submission = Submission.objects.get(bid=bid)
    assert response.json() == {
        "reference": submission.receipt_reference,
        "number": 1,
        "submitted_at": submission.submitted_at.astimezone(datetime.UTC)
        .isoformat()
        .replace("+00:00", "Z"),
        "sha256": submission.sha256,
        "is_late": False,
    }
    assert [m.to for m in mail.outbox] == [[bidder.user.email]]
    assert submission.sha256 in mail.outbox[0].body


def test_submit_incomplete_refused_with_what_is_missing(grant, bidder):
    bid = draft_bid(grant, bidder)

    response = _as(bidder.user).post(_url("api_bid_submit", bid))

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Your bid cannot be submitted yet."
    assert body["missing"] == bidding.bid_checklist(bid)
    assert "Add your budget: at least one cost line." in body["missing"]
    assert Submission.objects.count() == 0


def test_submit_after_close_refused(grant, bidder):
    bid = complete_bid(grant, bidder)
    # The deadline is checked against the database server's clock, so the closing time moves.
    Opportunity.objects.filter(pk=grant.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = _as(bidder.user).post(_url("api_bid_submit", bid))

    assert response.status_code == 400
    assert response.json()["detail"].startswith("This opportunity closed")
    assert response.json()["missing"] == []
    assert Submission.objects.count() == 0


def test_resubmit_keeps_both_versions_in_the_receipts(grant, bidder):
    bid = complete_bid(grant, bidder)
    client = _as(bidder.user)
    client.post(_url("api_bid_submit", bid))
    criterion = grant.criteria.first()
    client.put(
        _url("api_bid_answer", bid, criterion_pk=criterion.pk),
        {"text": ANSWER + " And dance.", "revision": 1},
    )
    client.post(_url("api_bid_submit", bid))

    receipts = client.get(_url("api_bid_receipts", bid)).json()

    assert [r["number"] for r in receipts] == [2, 1]
    assert receipts[0]["sha256"] != receipts[1]["sha256"]


# Bids, answers, budget, gates ------------------------------------------------------------


def test_create_bid_and_list_it(grant, bidder):
    client = _as(bidder.user)

    created = client.post(reverse("api_bids"), {"opportunity": grant.pk, "title": "Songs"})

    assert created.status_code == 201
    assert (created.json()["title"], created.json()["status"], created.json()["is_lead"]) == (
        "Songs",
        "draft",
        True,
    )
    listed = client.get(reverse("api_bids")).json()["results"]
    assert [(b["id"], b["organisation"]["name"]) for b in listed] == [
        (created.json()["id"], "Stroud Arts")
    ]


def test_create_bid_for_an_unknown_lot_refused(grant, bidder):
    response = _as(bidder.user).post(reverse("api_bids"), {"opportunity": grant.pk, "lots": [7]})

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == "This opportunity has no lot 7."
    assert Bid.objects.count() == 0


def test_commissioner_cannot_start_a_bid(grant, commissioner_member):
    response = _as(commissioner_member.user).post(reverse("api_bids"), {"opportunity": grant.pk})

    assert response.status_code == 400
    assert Bid.objects.count() == 0


def test_answer_saved_with_revision_and_conflict_returns_current(grant, bidder):
    bid = draft_bid(grant, bidder)
    colleague = MembershipFactory(organisation=bidder.organisation).user
    criterion = grant.criteria.first()
    url = _url("api_bid_answer", bid, criterion_pk=criterion.pk)

    first = _as(bidder.user).put(url, {"text": "Ours first.", "revision": 0})
    stale = _as(colleague).put(url, {"text": "Theirs, typed at the same time.", "revision": 0})

    assert first.status_code == 200
    assert (first.json()["text"], first.json()["revision"], first.json()["word_count"]) == (
        "Ours first.",
        1,
        2,
    )
    assert stale.status_code == 409
    assert (stale.json()["current"]["text"], stale.json()["current"]["revision"]) == (
        "Ours first.",
        1,
    )
    assert bid.answers.get().text == "Ours first."


def test_answer_to_another_opportunitys_question_is_404(grant, bidder, commissioner_member):
    bid = draft_bid(grant, bidder)
    other = grant_call(commissioner_member)

    response = _as(bidder.user).put(
        _url("api_bid_answer", bid, criterion_pk=other.criteria.first().pk),
        {"text": "x", "revision": 0},
    )

    assert response.status_code == 404


def test_budget_over_the_maximum_refused_and_nothing_saved(grant, bidder):
    bid = draft_bid(grant, bidder)
    client = _as(bidder.user)
    client.put(
        _url("api_bid_budget", bid),
        {"revision": 0, "lines": [{"description": "Fees", "cost_type": "fixed", "amount": "9000"}]},
    )

    response = client.put(
        _url("api_bid_budget", bid),
        {
            "revision": 1,
            "lines": [
                {"description": "Fees", "cost_type": "fixed", "amount": "9000"},
                {"description": "Materials", "cost_type": "variable", "amount": "6000.01"},
            ],
        },
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == (
        "Your budget totals £15,000.01; the most you can ask for is £15,000.00. "
        "Reduce a cost line and save again."
    )
    assert [
        (line["description"], line["amount"])
        for line in client.get(_url("api_bid_budget", bid)).json()
    ] == [("Fees", "9000.00")]


def test_stale_bid_revision_is_409_with_the_current_bid(grant, bidder):
    bid = draft_bid(grant, bidder)
    client = _as(bidder.user)
    client.patch(_url("api_bid", bid), {"revision": 0, "title": "First"}, format="json")

    response = client.patch(_url("api_bid", bid), {"revision": 0, "title": "Second"}, format="json")

    assert response.status_code == 409
    assert (response.json()["current"]["title"], response.json()["current"]["revision"]) == (
        "First",
        1,
    )


def test_gate_answers_and_checklist(grant, bidder):
    bid = draft_bid(grant, bidder)
    gate = grant.gates.get()
    client = _as(bidder.user)

    saved = client.put(
        _url("api_bid_gates", bid),
        {"revision": 0, "answers": [{"gate": gate.pk, "meets": True, "note": "Policy 2025"}]},
    )
    checklist = client.get(_url("api_bid_checklist", bid)).json()

    assert saved.json() == [
        {
            "gate": gate.pk,
            "title": "Safeguarding policy in place",
            "meets": True,
            "note": "Policy 2025",
        }
    ]
    assert checklist["ready"] is False
    assert "Say whether you meet 'Safeguarding policy in place'." not in checklist["missing"]
    assert "Confirm that your organisation is eligible." in checklist["missing"]


def test_attachment_download_and_delete(grant, bidder):
    bid = draft_bid(grant, bidder)
    client = _as(bidder.user)
    attachment_id = client.post(
        _url("api_bid_attachments", bid), {"file": _pdf()}, format="multipart"
    ).json()["id"]
    url = _url("api_bid_attachment", bid, attachment_pk=attachment_id)

    downloaded = client.get(url)
    deleted = client.delete(url)

    assert b"".join(downloaded.streaming_content) == PDF_BYTES
    assert downloaded["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert deleted.status_code == 204
    assert bid.attachments.count() == 0


def test_withdraw(grant, bidder):
    bid = complete_bid(grant, bidder)

    response = _as(bidder.user).post(_url("api_bid_withdraw", bid))

    assert (response.status_code, response.json()["status"]) == (200, BidStatus.WITHDRAWN)


# Consortium partners ---------------------------------------------------------------------


def test_partner_contributes_but_cannot_submit_or_withdraw(grant, bidder):
    bid = complete_bid(grant, bidder)
    partner = provider("Cheltenham Dance")
    BidPartner.objects.create(
        bid=bid, organisation=partner.organisation, status=BidPartnerStatus.CONFIRMED
    )
    client = _as(partner.user)
    criterion = grant.criteria.first()

    answered = client.put(
        _url("api_bid_answer", bid, criterion_pk=criterion.pk),
        {"text": ANSWER + " With dance.", "revision": 1},
    )
    submitted = client.post(_url("api_bid_submit", bid))
    withdrawn = client.post(_url("api_bid_withdraw", bid))

    assert answered.status_code == 200
    assert client.get(_url("api_bid", bid)).json()["is_lead"] is False
    assert submitted.status_code == 400
    assert submitted.json() == {
        "detail": "Only the lead organisation can submit this bid.",
        "missing": [],
    }
    assert withdrawn.status_code == 400
    assert Submission.objects.count() == 0


def test_lead_invites_a_partner_who_accepts_through_the_api(grant, bidder):
    bid = draft_bid(grant, bidder)
    partner = provider("Cheltenham Dance")
    ProviderProfileFactory(organisation=partner.organisation, listed=True)

    invited = _as(bidder.user).post(
        _url("api_bid_partners", bid), {"organisation": partner.organisation.pk}
    )
    invitations = _as(partner.user).get(reverse("api_bid_invitations")).json()["results"]
    answered = _as(partner.user).post(
        reverse("api_bid_invitation", kwargs={"pk": invited.json()["id"]}), {"accept": True}
    )

    assert invited.status_code == 201
    assert [(i["bid"], i["lead"]["name"]) for i in invitations] == [(bid.pk, "Stroud Arts")]
    assert answered.json()["status"] == BidPartnerStatus.CONFIRMED
    assert _as(partner.user).get(_url("api_bid", bid)).json()["is_lead"] is False
    assert [
        p["organisation"]["name"]
        for p in _as(bidder.user).get(_url("api_bid_partners", bid)).json()
    ] == ["Cheltenham Dance"]


def test_partner_cannot_invite_and_unlisted_organisation_refused(grant, bidder):
    bid = draft_bid(grant, bidder)
    partner = provider("Cheltenham Dance")
    BidPartner.objects.create(
        bid=bid, organisation=partner.organisation, status=BidPartnerStatus.CONFIRMED
    )
    unlisted = provider("Unlisted Choir")
    listed = provider("Listed Choir")
    ProviderProfileFactory(organisation=listed.organisation, listed=True)

    by_partner = _as(partner.user).post(
        _url("api_bid_partners", bid), {"organisation": listed.organisation.pk}
    )
    unlisted_asked = _as(bidder.user).post(
        _url("api_bid_partners", bid), {"organisation": unlisted.organisation.pk}
    )

    assert by_partner.status_code == 400
    assert by_partner.json()["errors"][0]["detail"] == (
        "Only the lead organisation can invite partners."
    )
    assert unlisted_asked.status_code == 400
    assert bid.partners.count() == 1


def test_invited_but_unconfirmed_partner_sees_nothing(grant, bidder):
    bid = draft_bid(grant, bidder)
    partner = provider("Cheltenham Dance")
    BidPartner.objects.create(bid=bid, organisation=partner.organisation)

    assert _as(partner.user).get(_url("api_bid", bid)).status_code == 404


# Sealing: nobody else learns the bid exists ----------------------------------------------


def _every_bid_endpoint(bid: Bid, attachment_id: int, criterion_id: int):
    return [
        ("get", _url("api_bid", bid)),
        ("patch", _url("api_bid", bid)),
        ("get", _url("api_bid_answers", bid)),
        ("put", _url("api_bid_answer", bid, criterion_pk=criterion_id)),
        ("get", _url("api_bid_gates", bid)),
        ("put", _url("api_bid_gates", bid)),
        ("get", _url("api_bid_budget", bid)),
        ("put", _url("api_bid_budget", bid)),
        ("get", _url("api_bid_attachments", bid)),
        ("post", _url("api_bid_attachments", bid)),
        ("get", _url("api_bid_attachment", bid, attachment_pk=attachment_id)),
        ("delete", _url("api_bid_attachment", bid, attachment_pk=attachment_id)),
        ("get", _url("api_bid_checklist", bid)),
        ("post", _url("api_bid_submit", bid)),
        ("post", _url("api_bid_withdraw", bid)),
        ("get", _url("api_bid_receipts", bid)),
    ]


def test_another_provider_and_the_commissioner_get_404_everywhere(
    grant, bidder, commissioner_member
):
    bid = complete_bid(grant, bidder)
    attachment = bidding.attachment_add(actor=bidder.user, bid=bid, file=_pdf())
    other = provider("Gloucester Choir")

    for user in (other.user, commissioner_member.user):
        client = _as(user)
        statuses = {
            (method, url): getattr(client, method)(url).status_code
            for method, url in _every_bid_endpoint(bid, attachment.pk, grant.criteria.first().pk)
        }
        assert set(statuses.values()) == {404}, statuses
        assert client.get(reverse("api_bids")).json()["results"] == []
    assert bid.attachments.count() == 1
    assert Submission.objects.count() == 0


def test_anonymous_refused(grant, bidder):
    bid = draft_bid(grant, bidder)

    response = APIClient().get(_url("api_bid", bid))

    assert response.status_code in (401, 403)
    assert "pk" not in response.json()


def test_bids_in_the_schema():
    schema = APIClient().get(reverse("api_schema"), {"format": "json"}).json()

    assert {
        "/api/v1/bids/",
        "/api/v1/bids/{id}/",
        "/api/v1/bids/{id}/answers/{criterion_pk}/",
        "/api/v1/bids/{id}/attachments/",
        "/api/v1/bids/{id}/submit/",
        "/api/v1/bids/{id}/withdraw/",
        "/api/v1/bids/{id}/receipts/",
    } <= set(schema["paths"])


# Query budgets ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 8])
def test_bid_list_query_budget(commissioner_member, count, django_assert_num_queries):
    bidder = provider()
    for _ in range(count):
        draft_bid(grant_call(commissioner_member, gate=False), bidder)
    client = _as(bidder.user)

    with django_assert_num_queries(2):
        response = client.get(reverse("api_bids"))

    assert response.json()["count"] == count


@pytest.mark.parametrize("lines", [1, 8])
def test_bid_detail_query_budget(grant, bidder, lines, django_assert_num_queries):
    bid = complete_bid(grant, bidder)
    bidding.bid_update(
        actor=bidder.user,
        bid=bid,
        revision=1,
        budget_lines=[
            {"description": f"Cost {n}", "cost_type": "fixed", "amount": "100"}
            for n in range(lines)
        ],
    )
    client = _as(bidder.user)

    with django_assert_num_queries(7):
        response = client.get(_url("api_bid", bid))

    assert len(response.json()["budget_lines"]) == lines
