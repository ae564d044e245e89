"""Sealed bids: counts only until close and opening, then opening, gates and evaluation."""

from __future__ import annotations

import pytest
from django.http import Http404

from core.errors import ApplicationError
from core.models import AuditEntry
from evaluation import selectors as evaluation_selectors
from evaluation.models import Panel
from tenders import selectors
from tenders.constants import Eligibility, Status
from tenders.models import Bid, Opportunity
from tenders.services import bidding, lifecycle, opening
from tests.factories import MembershipFactory, OrganisationFactory
from tests.tenders.conftest import sealed_call


def _other_commissioner():
    return MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Another Council")
    ).user


@pytest.mark.django_db
def test_counts_before_close_say_how_many_never_who(commissioner_member):
    call = sealed_call(commissioner_member, providers=3, drafts=2, closed=False)
    interest = call.opportunity.interests.get(organisation=call.providers[0].organisation)
    interest.lots.set(call.lots)

    counts = selectors.bid_counts(opportunity=call.opportunity)

    assert (counts.interested, counts.drafts, counts.submitted, counts.withdrawn) == (5, 2, 3, 0)
    assert [(c.lot.title, c.interested, c.drafts, c.submitted) for c in counts.lots] == [
        ("Dementia", 1, 1, 2),
        ("Young people's mental health", 1, 1, 1),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("providers", [1, 6])
def test_counts_query_budget(commissioner_member, django_assert_num_queries, providers):
    call = sealed_call(commissioner_member, providers=providers, drafts=0, closed=False)

    with django_assert_num_queries(2):
        counts = selectors.bid_counts(opportunity=call.opportunity)

    assert counts.submitted == providers


@pytest.mark.django_db
def test_content_sealed_before_close_and_after_close_until_opened(commissioner_member):
    call = sealed_call(commissioner_member, closed=False)
    attachment = call.bids[0].attachments.get()
    user, opportunity = call.user, call.opportunity

    for stage in ("published", "closed"):
        with pytest.raises(Http404):
            selectors.submissions_for_commissioner(user=user, opportunity=opportunity)
        with pytest.raises(Http404):
            selectors.attachment_get_for_user(user=user, pk=attachment.pk)
        with pytest.raises(Http404):
            selectors.bid_get_for_commissioner(
                user=user, opportunity=opportunity, pk=call.bids[0].pk
            )
        if stage == "published":
            call.close()
    call.open()

    submissions = selectors.submissions_for_commissioner(user=user, opportunity=call.opportunity)
    assert [s.bid.organisation.name for s in submissions] == [
        "Arts Org 01",
        "Arts Org 02",
        "Arts Org 03",
    ]
    assert selectors.attachment_get_for_user(user=user, pk=attachment.pk) == attachment


@pytest.mark.django_db
def test_opened_bids_stay_hidden_from_other_commissioners_and_drafts_never_show(
    commissioner_member,
):
    call = sealed_call(commissioner_member, drafts=1)
    call.open()
    stranger = _other_commissioner()
    draft = call.bids[-1]

    with pytest.raises(Http404):
        selectors.submissions_for_commissioner(user=stranger, opportunity=call.opportunity)
    with pytest.raises(Http404):
        selectors.attachment_get_for_user(user=stranger, pk=call.bids[0].attachments.get().pk)
    with pytest.raises(Http404):
        selectors.bid_get_for_commissioner(
            user=call.user, opportunity=call.opportunity, pk=draft.pk
        )


@pytest.mark.django_db
def test_open_only_after_close(commissioner_member):
    call = sealed_call(commissioner_member, closed=False)

    with pytest.raises(ApplicationError, match="once the opportunity has closed"):
        opening.opportunity_bids_open(actor=call.user, opportunity=call.opportunity)

    call.opportunity.refresh_from_db()
    assert call.opportunity.bids_opened_at is None


@pytest.mark.django_db
def test_open_once_audited_with_every_digest_and_no_email(commissioner_member, mailoutbox):
    call = sealed_call(commissioner_member)
    mailoutbox.clear()

    opening.opportunity_bids_open(actor=call.user, opportunity=call.opportunity)

    call.opportunity.refresh_from_db()
    assert call.opportunity.bids_opened_by == call.user
    entry = AuditEntry.objects.get(action="opportunity.bids_open")
    assert entry.actor == call.user
    assert entry.after["automatic"] is False
    assert entry.after["submissions"] == [
        {"bid": bid.pk, "number": 1, "sha256": bid.submissions.get().sha256}
        for bid in call.bids[:3]
    ]
    assert mailoutbox == []
    with pytest.raises(ApplicationError, match="already opened"):
        opening.opportunity_bids_open(actor=call.user, opportunity=call.opportunity)
    assert AuditEntry.objects.filter(action="opportunity.bids_open").count() == 1


@pytest.mark.django_db
def test_open_refused_to_another_commissioner(commissioner_member):
    call = sealed_call(commissioner_member)

    with pytest.raises(ApplicationError, match="Only the opportunity's commissioners"):
        opening.opportunity_bids_open(actor=_other_commissioner(), opportunity=call.opportunity)

    assert Opportunity.objects.get(pk=call.opportunity.pk).bids_opened_at is None


@pytest.mark.django_db
def test_eligibility_only_after_opening_and_a_fail_needs_a_reason(commissioner_member):
    call = sealed_call(commissioner_member)
    bid = call.bids[0]

    with pytest.raises(ApplicationError, match="Open the bids"):
        opening.bid_eligibility_set(actor=call.user, bid=bid, passed=True)
    call.open()
    with pytest.raises(ApplicationError, match="Give the reason"):
        opening.bid_eligibility_set(actor=call.user, bid=bid, passed=False, note="  ")
    bid.refresh_from_db()
    assert bid.eligibility == Eligibility.PENDING

    opening.bid_eligibility_set(actor=call.user, bid=bid, passed=False, note="No safeguarding")

    bid.refresh_from_db()
    assert (bid.eligibility, bid.eligibility_note, bid.eligibility_decided_by) == (
        Eligibility.FAILED,
        "No safeguarding",
        call.user,
    )
    entry = AuditEntry.objects.get(action="bid.eligibility")
    assert (entry.before["eligibility"], entry.after["eligibility"]) == ("pending", "failed")


@pytest.mark.django_db
def test_eligibility_refused_for_a_draft_and_to_another_commissioner(commissioner_member):
    call = sealed_call(commissioner_member, drafts=1)
    call.open()

    with pytest.raises(ApplicationError, match="Only a submitted bid"):
        opening.bid_eligibility_set(actor=call.user, bid=call.bids[-1], passed=True)
    with pytest.raises(ApplicationError, match="Only the opportunity's commissioners"):
        opening.bid_eligibility_set(actor=_other_commissioner(), bid=call.bids[0], passed=True)

    assert Bid.objects.exclude(eligibility=Eligibility.PENDING).count() == 0


@pytest.mark.django_db
def test_send_to_evaluation_needs_every_decision_and_leaves_failed_bids_out(commissioner_member):
    call = sealed_call(commissioner_member)
    call.open()
    first, second, third = call.bids[:3]
    opening.bid_eligibility_set(actor=call.user, bid=first, passed=True)
    opening.bid_eligibility_set(actor=call.user, bid=second, passed=False, note="Out of area")

    with pytest.raises(ApplicationError, match="Still to decide: Arts Org 03") as error:
        opening.opportunity_send_to_evaluation(actor=call.user, opportunity=call.opportunity)
    assert error.value.extra["problems"] == ["Decide the gates for Arts Org 03 (Project 3)."]
    assert Opportunity.objects.get(pk=call.opportunity.pk).status == Status.CLOSED

    opening.bid_eligibility_set(actor=call.user, bid=third, passed=True)
    opportunity = opening.opportunity_send_to_evaluation(
        actor=call.user, opportunity=call.opportunity
    )

    assert opportunity.status == Status.EVALUATION
    assert AuditEntry.objects.get(action="opportunity.send_to_evaluation").after == {
        "passed": 2,
        "failed": 1,
    }
    assert sorted(
        s.bid_id for s in selectors.submissions_for_evaluation(opportunity=opportunity)
    ) == sorted([first.pk, third.pk])
    assert [
        s.bid_id
        for s in selectors.submissions_for_evaluation(opportunity=opportunity, lot=call.lots[0])
    ] == [first.pk, third.pk]
    panel = Panel.objects.create(opportunity=opportunity, name="Grant panel", budget=150000)
    assert [s.bid_id for s in evaluation_selectors.panel_submissions(panel=panel)] == [
        first.pk,
        third.pk,
    ]
    with pytest.raises(ApplicationError, match="fixed once the bids have been sent"):
        opening.bid_eligibility_set(actor=call.user, bid=first, passed=False, note="Changed")


@pytest.mark.django_db
def test_send_to_evaluation_refused_before_opening_or_when_every_bid_failed(
    commissioner_member,
):
    call = sealed_call(commissioner_member, providers=1, drafts=0)

    with pytest.raises(ApplicationError, match="Open the bids before sending"):
        opening.opportunity_send_to_evaluation(actor=call.user, opportunity=call.opportunity)
    call.open()
    opening.bid_eligibility_set(actor=call.user, bid=call.bids[0], passed=False, note="Late")
    with pytest.raises(ApplicationError, match="nothing to evaluate"):
        opening.opportunity_send_to_evaluation(actor=call.user, opportunity=call.opportunity)


@pytest.mark.django_db
def test_starting_evaluation_on_sealed_bids_opens_them_with_an_audit_entry(commissioner_member):
    call = sealed_call(commissioner_member)

    lifecycle.opportunity_start_evaluation(actor=call.user, opportunity=call.opportunity)

    call.opportunity.refresh_from_db()
    assert call.opportunity.bids_opened_at is not None
    entry = AuditEntry.objects.get(action="opportunity.bids_open")
    assert (entry.after["automatic"], len(entry.after["submissions"])) == (True, 3)


@pytest.mark.django_db
def test_no_late_permit_once_the_bids_are_opened(commissioner_member):
    call = sealed_call(commissioner_member, drafts=1)
    late = call.providers[-1]
    bidding.late_permit_grant(
        actor=call.user,
        opportunity=call.opportunity,
        organisation=late.organisation,
        reason="Power cut at the studio",
    )
    call.open()

    with pytest.raises(ApplicationError, match="opened, so a late submission"):
        bidding.late_permit_grant(
            actor=call.user,
            opportunity=call.opportunity,
            organisation=late.organisation,
            reason="Again",
        )
    with pytest.raises(ApplicationError):
        bidding.bid_submit(actor=late.user, bid=call.bids[-1])
    assert call.bids[-1].submissions.count() == 0
