"""The providers' bid pages: the journey, refusals shown clearly, read-only after close,
sealing (404 for everyone but the bidder), partners, and query budgets."""

from __future__ import annotations

import datetime
import html

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tenders.constants import BidPartnerStatus, BidStatus
from tenders.models import Bid, BidPartner, Opportunity, Submission
from tenders.services import bidding
from tests.factories import (
    ConsortiumFactory,
    ConsortiumMemberFactory,
    MembershipFactory,
    ProviderProfileFactory,
)
from tests.providers.conftest import PDF_BYTES
from tests.tenders.bid_helpers import ANSWER, complete_bid, draft_bid, grant_call, provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(commissioner_member) -> Opportunity:
    return grant_call(commissioner_member)


@pytest.fixture
def bidder(db):
    return provider()


def _signed_in(client, user):
    client.force_login(user)
    return client


def _close(opportunity: Opportunity) -> None:
    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )


def _text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


# Starting and listing --------------------------------------------------------------------


def test_opportunity_page_offers_start_a_bid_to_providers(client, grant, bidder):
    page = _text(_signed_in(client, bidder.user).get(grant.get_absolute_url()))

    assert f'href="{reverse("bids:start", args=[grant.pk])}"' in page
    assert "Start a bid" in page


def test_opportunity_page_has_no_start_button_for_commissioners(client, grant, commissioner_member):
    page = _text(_signed_in(client, commissioner_member.user).get(grant.get_absolute_url()))

    assert reverse("bids:start", args=[grant.pk]) not in page


def test_start_a_bid_creates_a_draft_and_registers_interest(client, grant, bidder):
    response = _signed_in(client, bidder.user).post(
        reverse("bids:start", args=[grant.pk]), {"title": "Singing for breathing"}
    )

    bid = Bid.objects.get()
    assert response["Location"] == reverse("bids:workspace", args=[bid.pk])
    assert (bid.title, bid.status, bid.organisation) == (
        "Singing for breathing",
        BidStatus.DRAFT,
        bidder.organisation,
    )
    assert grant.interests.get().organisation == bidder.organisation


def test_start_a_bid_needs_one_lot_when_the_call_has_lots(client, commissioner_member, bidder):
    call = grant_call(commissioner_member, lots=("Dementia", "Diabetes"))
    Opportunity.objects.filter(pk=call.pk).update(multiple_lots_allowed=False)
    lots = list(call.lots.all())
    url = reverse("bids:start", args=[call.pk])
    signed_in = _signed_in(client, bidder.user)

    none_chosen = signed_in.post(url, {})
    two_chosen = signed_in.post(url, {"lots": [lot.pk for lot in lots]})
    one_chosen = signed_in.post(url, {"lots": [lots[1].pk]})

    assert "Choose the lot you are bidding for." in _text(none_chosen)
    assert "This opportunity allows a bid for one lot only." in _text(two_chosen)
    bid = Bid.objects.get()
    assert one_chosen["Location"] == reverse("bids:workspace", args=[bid.pk])
    assert list(bid.lots.all()) == [lots[1]]


def test_start_a_bid_as_a_directory_consortium_adds_its_partners(client, grant, bidder):
    consortium = ConsortiumFactory(lead=bidder.organisation, name="Stroud wellbeing")
    member = ConsortiumMemberFactory(
        consortium=consortium, organisation=provider("Cheltenham Dance").organisation
    )
    ConsortiumMemberFactory(consortium=consortium, status="confirmed")
    member.status = "confirmed"
    member.save()
    ConsortiumFactory(name="Someone else's consortium")
    signed_in = _signed_in(client, bidder.user)

    form_page = signed_in.get(reverse("bids:start", args=[grant.pk]))
    signed_in.post(reverse("bids:start", args=[grant.pk]), {"consortium": consortium.pk})

    assert list(form_page.context["form"].fields["consortium"].queryset) == [consortium]
    bid = Bid.objects.get()
    assert bid.consortium == consortium
    assert sorted(p.organisation.name for p in bid.partners.all()) == sorted(
        m.organisation.name for m in consortium.members.exclude(organisation=bidder.organisation)
    )
    assert {p.status for p in bid.partners.all()} == {BidPartnerStatus.CONFIRMED}


def test_start_a_bid_when_closed_refused(client, grant, bidder):
    _close(grant)

    response = _signed_in(client, bidder.user).post(reverse("bids:start", args=[grant.pk]), {})

    assert response["Location"] == grant.get_absolute_url()
    assert Bid.objects.count() == 0


def test_bid_list_empty_state_says_what_to_do(client, bidder):
    page = _text(_signed_in(client, bidder.user).get(reverse("bids:list")))

    assert "Stroud Arts has no bids yet." in page
    assert f'href="{reverse("tenders:opportunity_list")}"' in page


def test_bid_list_shows_own_and_partner_bids_only(client, grant, bidder):
    own = draft_bid(grant, bidder)
    lead = provider("Cheltenham Dance")
    theirs = draft_bid(grant, lead)
    BidPartner.objects.create(
        bid=theirs, organisation=bidder.organisation, status=BidPartnerStatus.CONFIRMED
    )
    draft_bid(grant, provider("Gloucester Choir"))

    response = _signed_in(client, bidder.user).get(reverse("bids:list"))

    assert [b.pk for b in response.context["page_obj"]] == [own.pk, theirs.pk]
    assert "Partner in Cheltenham Dance's bid" in _text(response)


def test_anonymous_is_sent_to_sign_in(client, grant, bidder):
    bid = draft_bid(grant, bidder)

    response = client.get(reverse("bids:workspace", args=[bid.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# The workspace ---------------------------------------------------------------------------


def test_workspace_prefills_the_organisation_from_its_profile(client, grant, bidder):
    ProviderProfileFactory(
        organisation=bidder.organisation, contact_name="Ada Jones", contact_email="ada@stroud.org"
    )
    bid = draft_bid(grant, bidder)

    page = _text(_signed_in(client, bidder.user).get(reverse("bids:workspace", args=[bid.pk])))

    assert "Ada Jones" in page
    assert "ada@stroud.org" in page
    assert f'href="{reverse("providers:profile_overview")}"' in page
    assert "Answer 'Quality of the delivery network'." in page


# Answers ---------------------------------------------------------------------------------


def test_answer_saved_and_word_count_shown(client, grant, bidder):
    bid = draft_bid(grant, bidder)
    criterion = grant.criteria.first()
    url = reverse("bids:answer", args=[bid.pk, criterion.pk])
    signed_in = _signed_in(client, bidder.user)

    signed_in.post(url, {"text": "Three short words", "revision": 0})
    page = _text(signed_in.get(url))

    assert bid.answers.get().text == "Three short words"
    assert "You can enter up to 50 words. You have used 3." in page
    assert 'data-maxwords="50"' in page


def test_over_length_answer_kept_as_draft_but_blocks_submission(client, grant, bidder):
    bid = complete_bid(grant, bidder)
    criterion = grant.criteria.first()
    signed_in = _signed_in(client, bidder.user)

    signed_in.post(
        reverse("bids:answer", args=[bid.pk, criterion.pk]), {"text": "word " * 51, "revision": 1}
    )
    page = _text(signed_in.get(reverse("bids:answer", args=[bid.pk, criterion.pk])))
    refused = signed_in.post(reverse("bids:submit", args=[bid.pk]))

    assert "You have used 51 words, which is more than the limit of 50." in page
    assert refused.status_code == 400
    assert (
        "Shorten your answer to 'Quality of the delivery network' to 50 words (it is 51)."
        in _text(refused)
    )
    assert Submission.objects.count() == 0


def test_answer_conflict_shows_both_versions_and_keeps_theirs(client, grant, bidder):
    bid = draft_bid(grant, bidder)
    criterion = grant.criteria.first()
    colleague = MembershipFactory(organisation=bidder.organisation).user
    bidding.answer_save(actor=colleague, bid=bid, criterion=criterion, text="Theirs.", revision=0)

    response = _signed_in(client, bidder.user).post(
        reverse("bids:answer", args=[bid.pk, criterion.pk]), {"text": "Mine.", "revision": 0}
    )

    page = _text(response)
    assert response.status_code == 409
    assert "Someone else has saved this answer" in page
    assert "<p>Theirs.</p>" in page
    assert ">Mine.</textarea>" in page
    assert response.context["form"]["revision"].value() == 1
    assert bid.answers.get().text == "Theirs."


def test_autosave_returns_the_new_revision(client, grant, bidder):
    bid = draft_bid(grant, bidder)
    criterion = grant.criteria.first()

    response = _signed_in(client, bidder.user).post(
        reverse("bids:answer", args=[bid.pk, criterion.pk]),
        {"text": "Saved as I type.", "revision": 0},
        HTTP_HX_REQUEST="true",
    )

    page = _text(response)
    assert page.startswith("Saved at")
    assert 'name="revision" value="1" id="answer-revision" hx-swap-oob="true"' in page


def test_autosave_conflict_stops_autosave_and_shows_theirs(client, grant, bidder):
    bid = draft_bid(grant, bidder)
    criterion = grant.criteria.first()
    colleague = MembershipFactory(organisation=bidder.organisation).user
    bidding.answer_save(actor=colleague, bid=bid, criterion=criterion, text="Theirs.", revision=0)

    response = _signed_in(client, bidder.user).post(
        reverse("bids:answer", args=[bid.pk, criterion.pk]),
        {"text": "Mine, typed meanwhile.", "revision": 0},
        HTTP_HX_REQUEST="true",
    )

    page = _text(response)
    assert page.startswith("Not saved: someone else saved this answer while you were typing.")
    assert '<div id="answer-conflict" hx-swap-oob="true">' in page
    assert 'value="1" id="answer-revision" hx-swap-oob="true"' in page
    assert '<div id="answer-autosave" hx-swap-oob="true"></div>' in page
    assert bid.answers.get().text == "Theirs."


# Budget ----------------------------------------------------------------------------------


def _budget_post(revision: int, rows: list[tuple[str, str, str]]) -> dict:
    data = {
        "revision": revision,
        "lines-TOTAL_FORMS": len(rows),
        "lines-INITIAL_FORMS": 0,
        "lines-MIN_NUM_FORMS": 0,
        "lines-MAX_NUM_FORMS": 50,
    }
    for n, (description, cost_type, amount) in enumerate(rows):
        data |= {
            f"lines-{n}-description": description,
            f"lines-{n}-cost_type": cost_type,
            f"lines-{n}-amount": amount,
        }
    return data


def test_budget_saved_with_cost_types_and_blank_rows_ignored(client, grant, bidder):
    bid = draft_bid(grant, bidder)

    _signed_in(client, bidder.user).post(
        reverse("bids:budget", args=[bid.pk]),
        _budget_post(
            0, [("Artist fees", "fixed", "8000"), ("Materials", "variable", "1200"), ("", "", "")]
        ),
    )

    assert [(li.description, li.cost_type, str(li.amount)) for li in bid.budget_lines.all()] == [
        ("Artist fees", "fixed", "8000.00"),
        ("Materials", "variable", "1200.00"),
    ]


def test_budget_over_the_maximum_refused_with_a_clear_message(client, grant, bidder):
    bid = draft_bid(grant, bidder)

    response = _signed_in(client, bidder.user).post(
        reverse("bids:budget", args=[bid.pk]),
        _budget_post(0, [("Artist fees", "fixed", "10000"), ("Venue", "variable", "5000.50")]),
    )

    assert response.status_code == 400
    assert (
        "Your budget totals £15,000.50; the most you can ask for is £15,000.00. "
        "Reduce a cost line and save again." in _text(response)
    )
    assert bid.budget_lines.count() == 0


def test_budget_row_half_filled_asks_for_the_rest(client, grant, bidder):
    bid = draft_bid(grant, bidder)

    response = _signed_in(client, bidder.user).post(
        reverse("bids:budget", args=[bid.pk]), _budget_post(0, [("Artist fees", "", "")])
    )

    page = _text(response)
    assert '<a href="#id_lines-0-cost_type">Choose fixed or variable.</a>' in page
    assert '<a href="#id_lines-0-amount">Enter the amount in pounds.</a>' in page
    assert bid.budget_lines.count() == 0


# Attachments -----------------------------------------------------------------------------


def test_attachment_uploaded_and_downloaded_through_the_checked_view(client, grant, bidder):
    bid = draft_bid(grant, bidder)
    signed_in = _signed_in(client, bidder.user)

    signed_in.post(
        reverse("bids:attachments", args=[bid.pk]),
        {"file": SimpleUploadedFile("plan.pdf", PDF_BYTES, content_type="application/pdf")},
    )
    attachment = bid.attachments.get()
    downloaded = signed_in.get(reverse("bids:attachment_download", args=[bid.pk, attachment.pk]))

    assert b"".join(downloaded.streaming_content) == PDF_BYTES
    assert "/media/" not in _text(signed_in.get(reverse("bids:attachments", args=[bid.pk])))


def test_attachment_of_the_wrong_type_refused_with_a_clear_message(client, grant, bidder):
    bid = draft_bid(grant, bidder)

    response = _signed_in(client, bidder.user).post(
        reverse("bids:attachments", args=[bid.pk]),
        {"file": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf at all")},
    )

    assert response.status_code == 400
    assert "The selected file" in _text(response)
    assert bid.attachments.count() == 0


def test_attachment_removed_after_confirmation(client, grant, bidder):
    bid = draft_bid(grant, bidder)
    attachment = bidding.attachment_add(
        actor=bidder.user, bid=bid, file=SimpleUploadedFile("plan.pdf", PDF_BYTES)
    )
    url = reverse("bids:attachment_remove", args=[bid.pk, attachment.pk])
    signed_in = _signed_in(client, bidder.user)

    confirm = signed_in.get(url)
    assert "Remove plan.pdf?" in _text(confirm)
    assert bid.attachments.count() == 1

    signed_in.post(url)
    assert bid.attachments.count() == 0


# Submit, receipt, resubmit, withdraw -----------------------------------------------------


def test_submit_incomplete_lists_what_to_fix(client, grant, bidder):
    bid = draft_bid(grant, bidder)

    response = _signed_in(client, bidder.user).post(reverse("bids:submit", args=[bid.pk]))

    page = _text(response)
    assert response.status_code == 400
    assert "Your bid has not been submitted." in page
    for problem in bidding.bid_checklist(bid):
        assert problem in page
    assert Submission.objects.count() == 0


def test_submit_shows_the_receipt_and_emails_it(
    client, grant, bidder, django_capture_on_commit_callbacks
):
    bid = complete_bid(grant, bidder)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = _signed_in(client, bidder.user).post(
            reverse("bids:submit", args=[bid.pk]), follow=True
        )

    submission = Submission.objects.get()
    page = _text(response)
    assert response.redirect_chain[-1][0] == reverse("bids:receipt", args=[bid.pk, 1])
    assert submission.receipt_reference in page
    assert submission.sha256[:8] in page
    assert len(mail.outbox) == 1
    assert submission.receipt_reference in mail.outbox[0].body
    assert reverse("bids:receipt", args=[bid.pk, 1]) in mail.outbox[0].body


def test_resubmit_makes_a_new_version_and_lists_the_earlier(client, grant, bidder):
    bid = complete_bid(grant, bidder)
    signed_in = _signed_in(client, bidder.user)
    signed_in.post(reverse("bids:submit", args=[bid.pk]))
    criterion = grant.criteria.first()
    signed_in.post(
        reverse("bids:answer", args=[bid.pk, criterion.pk]),
        {"text": ANSWER + " Now with dance.", "revision": 1},
    )

    response = signed_in.post(reverse("bids:submit", args=[bid.pk]), follow=True)

    assert [s.number for s in bid.submissions.all()] == [2, 1]
    page = _text(response)
    assert "Version 1" in page
    assert "2 (this receipt)" in page


def test_withdraw_after_confirmation(client, grant, bidder):
    bid = complete_bid(grant, bidder)
    url = reverse("bids:withdraw", args=[bid.pk])
    signed_in = _signed_in(client, bidder.user)

    assert "Withdraw this bid?" in _text(signed_in.get(url))
    signed_in.post(url)

    bid.refresh_from_db()
    assert bid.status == BidStatus.WITHDRAWN


# After close: read-only ------------------------------------------------------------------


def test_after_close_pages_are_read_only_and_changes_refused(client, grant, bidder):
    bid = complete_bid(grant, bidder)
    criterion = grant.criteria.first()
    _close(grant)
    signed_in = _signed_in(client, bidder.user)

    workspace = _text(signed_in.get(reverse("bids:workspace", args=[bid.pk])))
    answer_page = _text(signed_in.get(reverse("bids:answer", args=[bid.pk, criterion.pk])))
    saved = signed_in.post(
        reverse("bids:answer", args=[bid.pk, criterion.pk]),
        {"text": "Too late", "revision": 1},
        follow=True,
    )
    submitted = signed_in.post(reverse("bids:submit", args=[bid.pk]))

    assert "Bids can no longer be changed." in workspace
    assert "<textarea" not in answer_page
    assert "This opportunity has closed. Bids can no longer be changed." in _text(saved)
    assert bid.answers.get(criterion=criterion).text == ANSWER
    assert "This opportunity closed" in _text(submitted)
    assert Submission.objects.count() == 0


# Partners --------------------------------------------------------------------------------


def test_partner_invited_accepts_contributes_and_cannot_submit(
    client, grant, bidder, django_capture_on_commit_callbacks
):
    bid = complete_bid(grant, bidder)
    partner = provider("Cheltenham Dance")
    ProviderProfileFactory(organisation=partner.organisation, is_listed=True)
    with django_capture_on_commit_callbacks(execute=True):
        _signed_in(client, bidder.user).post(
            reverse("bids:partners", args=[bid.pk]), {"organisation": partner.organisation.pk}
        )
    invitation = BidPartner.objects.get()
    assert reverse("bids:invitation", args=[invitation.pk]) in mail.outbox[-1].body
    client.logout()
    partner_client = _signed_in(client, partner.user)

    listed = _text(partner_client.get(reverse("bids:list")))
    partner_client.post(reverse("bids:invitation", args=[invitation.pk]), {"answer": "accept"})
    criterion = grant.criteria.first()
    partner_client.post(
        reverse("bids:answer", args=[bid.pk, criterion.pk]),
        {"text": ANSWER + " Dance too.", "revision": 1},
    )
    submit_page = _text(partner_client.get(reverse("bids:submit", args=[bid.pk])))
    refused = partner_client.post(reverse("bids:submit", args=[bid.pk]))

    assert "Stroud Arts asks you to join its bid" in listed
    assert bid.answers.get(criterion=criterion).text == ANSWER + " Dance too."
    assert "Only Stroud Arts, the lead organisation, can submit it." in submit_page
    assert "Submit bid</button>" not in submit_page
    assert refused.status_code == 404
    assert Submission.objects.count() == 0


def test_invitation_for_another_organisation_is_404(client, grant, bidder):
    bid = draft_bid(grant, bidder)
    invitation = BidPartner.objects.create(
        bid=bid, organisation=provider("Cheltenham Dance").organisation
    )
    other = provider("Gloucester Choir")

    response = _signed_in(client, other.user).get(reverse("bids:invitation", args=[invitation.pk]))

    assert response.status_code == 404


# Sealing ---------------------------------------------------------------------------------


def _every_bid_page(bid: Bid, attachment_pk: int, criterion_pk: int) -> list[str]:
    return [
        reverse("bids:workspace", args=[bid.pk]),
        reverse("bids:answer", args=[bid.pk, criterion_pk]),
        reverse("bids:budget", args=[bid.pk]),
        reverse("bids:requirements", args=[bid.pk]),
        reverse("bids:declarations", args=[bid.pk]),
        reverse("bids:attachments", args=[bid.pk]),
        reverse("bids:attachment_download", args=[bid.pk, attachment_pk]),
        reverse("bids:attachment_remove", args=[bid.pk, attachment_pk]),
        reverse("bids:partners", args=[bid.pk]),
        reverse("bids:submit", args=[bid.pk]),
        reverse("bids:receipt", args=[bid.pk, 1]),
        reverse("bids:withdraw", args=[bid.pk]),
    ]


def test_another_provider_and_the_commissioner_get_404_on_every_page(
    client, grant, bidder, commissioner_member
):
    bid = complete_bid(grant, bidder)
    attachment = bidding.attachment_add(
        actor=bidder.user, bid=bid, file=SimpleUploadedFile("plan.pdf", PDF_BYTES)
    )
    bidding.bid_submit(actor=bidder.user, bid=bid)
    urls = _every_bid_page(bid, attachment.pk, grant.criteria.first().pk)

    for user in (provider("Gloucester Choir").user, commissioner_member.user):
        client.force_login(user)
        statuses = {
            url: (client.get(url).status_code, client.post(url).status_code) for url in urls
        }
        assert set(statuses.values()) == {(404, 404)}, statuses
    bid.refresh_from_db()
    assert (bid.status, bid.attachments.count(), bid.submissions.count()) == (
        BidStatus.SUBMITTED,
        1,
        1,
    )


# Query budgets ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 6])
def test_bid_list_query_budget(client, commissioner_member, count, django_assert_num_queries):
    bidder = provider()
    for _ in range(count):
        draft_bid(grant_call(commissioner_member, gate=False), bidder)
    signed_in = _signed_in(client, bidder.user)
    signed_in.get(reverse("bids:list"))

    with django_assert_num_queries(7):
        response = signed_in.get(reverse("bids:list"))

    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [1, 6])
def test_workspace_query_budget(client, grant, count, django_assert_num_queries):
    bidder = provider()
    bids = [complete_bid(grant, bidder) for _ in range(count)]
    for bid in bids:
        bidding.attachment_add(
            actor=bidder.user, bid=bid, file=SimpleUploadedFile("plan.pdf", PDF_BYTES)
        )
    signed_in = _signed_in(client, bidder.user)
    url = reverse("bids:workspace", args=[bids[-1].pk])
    signed_in.get(url)

    with django_assert_num_queries(16):
        response = signed_in.get(url)

    assert response.context["bid"] == bids[-1]
