"""The commissioner's sealed-bid pages: counts while sealed, opening, review, gates, bid pack,
register, late permits and sending to evaluation."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from core.models import AuditEntry
from tenders.constants import Eligibility, Status
from tenders.models import Bid, LateSubmissionPermit, Opportunity
from tenders.services import bidding, opening
from tests.providers.conftest import PDF_BYTES
from tests.tenders.conftest import sealed_call

pytestmark = pytest.mark.django_db


def _url(name, call, *args):
    return reverse(f"tenders:{name}", args=[call.opportunity.pk, *args])


def _names(call):
    return [m.organisation.name for m in call.providers]


def test_overview_before_close_shows_counts_and_no_bidder(client, commissioner_member):
    call = sealed_call(commissioner_member, providers=3, drafts=1, closed=False)
    client.force_login(call.user)

    page = client.get(_url("bids_overview", call)).content.decode()

    assert "Bids in draft" in page
    assert "Open the bids" not in page
    assert [name for name in _names(call) if name in page] == []
    assert "Project 1" not in page
    assert "we sing with people" not in page


def test_content_urls_are_404_until_the_bids_are_opened(client, commissioner_member):
    call = sealed_call(commissioner_member, closed=False)
    attachment = call.bids[0].attachments.get()
    client.force_login(call.user)
    urls = [
        _url("bid_review", call, call.bids[0].pk),
        _url("bid_eligibility", call, call.bids[0].pk),
        _url("bid_register", call),
        _url("bid_register_csv", call),
        _url("bid_pack_lot", call, call.lots[0].pk),
        _url("bid_review_attachment", call, attachment.pk),
        _url("send_to_evaluation", call),
    ]

    before_close = [client.get(url).status_code for url in urls]
    call.close()
    after_close = [client.get(url).status_code for url in urls]

    assert before_close == [404] * len(urls)
    assert after_close == [404] * len(urls)


def test_open_the_bids_asks_first_then_opens_and_lists_them_per_lot(client, commissioner_member):
    call = sealed_call(commissioner_member, providers=3, drafts=1)
    client.force_login(call.user)

    overview = client.get(_url("bids_overview", call)).content.decode()
    confirm = client.get(_url("bids_open", call)).content.decode()
    assert "Open the bids" in overview
    assert "audit trail" in confirm
    assert Opportunity.objects.get(pk=call.opportunity.pk).bids_opened_at is None

    response = client.post(_url("bids_open", call), follow=True)

    page = response.content.decode()
    assert Opportunity.objects.get(pk=call.opportunity.pk).bids_opened_by == call.user
    assert AuditEntry.objects.filter(action="opportunity.bids_open").count() == 1
    lot_one = page.index("Lot 1: Dementia")
    lot_two = page.index("Lot 2: Young people")
    assert lot_one < page.index("Arts Org 01") < page.index("Arts Org 03") < lot_two
    assert page.index("Arts Org 02") > lot_two
    assert "Arts Org 04" not in page  # still a draft: never submitted, never shown


def test_bid_review_shows_what_was_submitted(client, commissioner_member):
    call = sealed_call(commissioner_member)
    call.open()
    bid = call.bids[0]
    client.force_login(call.user)

    page = client.get(_url("bid_review", call, bid.pk)).content.decode()

    submission = bid.submissions.get()
    assert submission.sha256 in page
    assert "Answer 1 to Quality of the delivery network: we sing with people." in page
    assert "£10,500.00" in page
    assert "Safeguarding policy in place" in page
    attachment = bid.attachments.get()
    assert _url("bid_review_attachment", call, attachment.pk) in page
    download = client.get(_url("bid_review_attachment", call, attachment.pk))
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["X-Content-Type-Options"] == "nosniff"


def test_attachment_of_another_opportunity_is_404_here(client, commissioner_member):
    call = sealed_call(commissioner_member, providers=1, drafts=0)
    other = sealed_call(commissioner_member, providers=1, drafts=0)
    call.open()
    other.open()
    client.force_login(call.user)
    foreign = other.bids[0].attachments.get()

    assert client.get(_url("bid_review_attachment", call, foreign.pk)).status_code == 404


def test_eligibility_fail_without_reason_refused_then_saved(client, commissioner_member):
    call = sealed_call(commissioner_member)
    call.open()
    bid = call.bids[0]
    client.force_login(call.user)

    refused = client.post(
        _url("bid_eligibility", call, bid.pk), {"decision": "failed", "note": " "}
    )
    assert "Give the reason the bid fails" in refused.content.decode()
    assert Bid.objects.get(pk=bid.pk).eligibility == Eligibility.PENDING

    client.post(
        _url("bid_eligibility", call, bid.pk),
        {"decision": "failed", "note": "No safeguarding policy"},
    )
    bid.refresh_from_db()
    assert (bid.eligibility, bid.eligibility_note) == (Eligibility.FAILED, "No safeguarding policy")


def test_bid_pack_is_a_zip_of_each_bid_as_submitted_with_its_files(client, commissioner_member):
    call = sealed_call(commissioner_member, providers=3)
    call.open()
    client.force_login(call.user)

    response = client.get(_url("bid_pack_lot", call, call.lots[0].pk))

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == [
        "001 Arts Org 01/attachments/01 plan-1.pdf",
        "001 Arts Org 01/bid.html",
        "002 Arts Org 03/attachments/01 plan-3.pdf",
        "002 Arts Org 03/bid.html",
        "index.html",
    ]
    assert archive.read("001 Arts Org 01/attachments/01 plan-1.pdf") == PDF_BYTES
    bid_page = archive.read("001 Arts Org 01/bid.html").decode()
    assert "Answer 1 to Price: we sing with people." in bid_page
    assert call.bids[0].submissions.get().sha256 in bid_page
    assert client.get(_url("bid_pack", call)).status_code == 404  # lots: a pack per lot


def test_register_page_and_csv_list_every_version(client, commissioner_member):
    call = sealed_call(commissioner_member, providers=2, drafts=0)
    call.open()
    client.force_login(call.user)

    page = client.get(_url("bid_register", call)).content.decode()
    response = client.get(_url("bid_register_csv", call))

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["organisation"], r["version"], r["latest"], r["late"]) for r in rows] == [
        ("Arts Org 01", "1", "yes", "no"),
        ("Arts Org 02", "1", "yes", "no"),
    ]
    assert [r["sha256"] for r in rows] == [b.submissions.get().sha256 for b in call.bids]
    assert all(r["sha256"] in page for r in rows)
    assert response["Content-Disposition"].startswith("attachment;")


def test_late_permit_form_refuses_bad_input_then_grants(client, commissioner_member):
    call = sealed_call(commissioner_member, drafts=1)
    client.force_login(call.user)
    late = call.providers[-1].organisation

    refused = client.post(
        _url("late_permits", call), {"organisation": late.pk, "reason": "", "hours": "0"}
    )
    page = refused.content.decode()
    assert "Give the reason for accepting a late submission." in page
    assert "Give them at least 1 hour." in page
    assert LateSubmissionPermit.objects.count() == 0

    client.post(
        _url("late_permits", call),
        {"organisation": late.pk, "reason": "Power cut at the studio", "hours": "4"},
    )
    permit = LateSubmissionPermit.objects.get()
    assert (permit.organisation, permit.reason, permit.decided_by) == (
        late,
        "Power cut at the studio",
        call.user,
    )


def test_send_to_evaluation_lists_undecided_bids_then_moves(client, commissioner_member):
    call = sealed_call(commissioner_member, providers=2, drafts=0)
    call.open()
    client.force_login(call.user)
    opening.bid_eligibility_set(actor=call.user, bid=call.bids[0], passed=True)

    refused = client.post(_url("send_to_evaluation", call)).content.decode()
    assert "Decide the gates for Arts Org 02 (Project 2)." in refused
    assert Opportunity.objects.get(pk=call.opportunity.pk).status == Status.CLOSED

    opening.bid_eligibility_set(actor=call.user, bid=call.bids[1], passed=True)
    client.post(_url("send_to_evaluation", call))
    assert Opportunity.objects.get(pk=call.opportunity.pk).status == Status.EVALUATION


def test_workspace_links_to_the_bids(client, commissioner_member):
    call = sealed_call(commissioner_member, closed=False)
    client.force_login(call.user)

    page = client.get(reverse("tenders:workspace", args=[call.opportunity.pk])).content.decode()

    assert _url("bids_overview", call) in page


@pytest.mark.parametrize("providers", [1, 6])
def test_opened_overview_query_budget(
    client, commissioner_member, django_assert_num_queries, providers
):
    call = sealed_call(commissioner_member, providers=providers, drafts=0)
    call.open()
    client.force_login(call.user)
    client.get(_url("bids_overview", call))  # warm the session and content types

    with django_assert_num_queries(25):
        response = client.get(_url("bids_overview", call))

    assert response.content.decode().count("Decide the gates<span") == providers


@pytest.mark.parametrize("providers", [1, 5])
def test_register_query_budget(client, commissioner_member, django_assert_num_queries, providers):
    call = sealed_call(commissioner_member, providers=providers, drafts=0)
    call.open()
    client.force_login(call.user)
    client.get(_url("bid_register", call))

    with django_assert_num_queries(20):
        response = client.get(_url("bid_register", call))

    assert response.content.decode().count("app-code") == providers


def test_review_and_pack_show_what_was_submitted_not_later_draft_edits(client, commissioner_member):
    call = sealed_call(commissioner_member, providers=1, drafts=0, lots=(), closed=False)
    bid, user = call.bids[0], call.providers[0].user
    criterion = call.opportunity.criteria.first()
    answer = bid.answers.get(criterion=criterion)
    bidding.answer_save(
        actor=user, bid=bid, criterion=criterion, text="A later draft.", revision=answer.revision
    )
    bidding.attachment_remove(actor=user, attachment=bid.attachments.get())
    call.close()
    call.open()
    client.force_login(call.user)

    page = client.get(_url("bid_review", call, bid.pk)).content.decode()
    response = client.get(_url("bid_pack", call))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))

    assert "Answer 1 to Quality of the delivery network" in page
    assert "A later draft." not in page
    assert "removed this file after submitting" in page
    assert archive.namelist() == ["index.html", "001 Arts Org 01/bid.html"]
    assert "A later draft." not in archive.read("001 Arts Org 01/bid.html").decode()


def test_register_csv_neutralises_spreadsheet_formulas(client, commissioner_member):
    call = sealed_call(commissioner_member, providers=1, drafts=0)
    Bid.objects.filter(pk=call.bids[0].pk).update(title='=HYPERLINK("http://evil")')
    call.open()
    client.force_login(call.user)

    rows = list(
        csv.DictReader(io.StringIO(client.get(_url("bid_register_csv", call)).content.decode()))
    )

    assert rows[0]["bid_title"] == '\'=HYPERLINK("http://evil")'
