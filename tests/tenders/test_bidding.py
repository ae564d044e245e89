"""Preparing and submitting bids: checklist, receipts, versions, and the hard deadline."""

from __future__ import annotations

import datetime
import io
import threading
import time
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.urls import get_resolver
from django.utils import timezone

from core.errors import ApplicationError
from tenders.constants import BidStatus
from tenders.models import Bid, Opportunity, Submission
from tenders.services import bidding, lifecycle
from tests.factories import MembershipFactory, OrganisationFactory
from tests.providers.conftest import PDF_BYTES
from tests.tenders.conftest import build_opportunity


def _grant(commissioner_member, **fields):
    opportunity = build_opportunity(
        commissioner_member,
        route="grant",
        budget=Decimal(150000),
        max_bid=Decimal(15000),
        **fields,
    )
    opportunity.criteria.update(word_limit=50)
    lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity


def _provider():
    return MembershipFactory(admin=True, organisation=OrganisationFactory(name="Stroud Arts"))


def complete_bid(opportunity: Opportunity, membership, *, amount: str = "12000") -> Bid:
    user = membership.user
    bid = bidding.bid_start(
        actor=user, opportunity=opportunity, organisation=membership.organisation
    )
    for criterion in opportunity.criteria.all():
        bidding.answer_save(
            actor=user, bid=bid, criterion=criterion, text="We will sing with people.", revision=0
        )
    bidding.bid_update(
        actor=user,
        bid=bid,
        revision=0,
        budget_lines=[{"description": "Artist fees", "cost_type": "fixed", "amount": amount}],
        declarations={
            "declare_eligible": True,
            "declare_no_conflicts": True,
            "declare_accurate": True,
        },
    )
    bid.refresh_from_db()
    return bid


@pytest.mark.django_db
def test_checklist_lists_everything_missing(commissioner_member):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = bidding.bid_start(
        actor=provider.user, opportunity=opportunity, organisation=provider.organisation
    )

    problems = bidding.bid_checklist(bid)

    assert problems == [
        "Answer 'Quality of the delivery network'.",
        "Answer 'Price'.",
        "Answer 'Social value'.",
        "Add your budget: at least one cost line.",
        "Confirm that your organisation is eligible.",
        "Declare any conflicts of interest, or confirm you have none.",
        "Confirm that the information in your bid is accurate.",
    ]
    with pytest.raises(ApplicationError, match="cannot be submitted yet") as error:
        bidding.bid_submit(actor=provider.user, bid=bid)
    assert error.value.extra["problems"] == problems
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_checklist_word_limit_and_budget_maximum(commissioner_member):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = complete_bid(opportunity, provider)
    # Saving refuses a total over the maximum; a budget can still end up over it when an
    # amendment lowers the maximum after the budget was saved.
    bid.budget_lines.update(amount=Decimal(16000))
    criterion = opportunity.criteria.first()
    answer = bid.answers.get(criterion=criterion)
    bidding.answer_save(
        actor=provider.user,
        bid=bid,
        criterion=criterion,
        text="word " * 51,
        revision=answer.revision,
    )

    assert bidding.bid_checklist(bid) == [
        "Shorten your answer to 'Quality of the delivery network' to 50 words (it is 51).",
        "Your budget totals £16,000.00; the most you can ask for is £15,000.00.",
    ]


@pytest.mark.django_db
def test_budget_over_the_maximum_refused_on_save(commissioner_member):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = complete_bid(opportunity, provider)

    with pytest.raises(ApplicationError, match=r"the most you can ask for is £15,000\.00"):
        bidding.bid_update(
            actor=provider.user,
            bid=bid,
            revision=bid.revision,
            budget_lines=[{"description": "Fees", "cost_type": "fixed", "amount": "15000.01"}],
        )

    assert [line.amount for line in bid.budget_lines.all()] == [Decimal(12000)]


@pytest.mark.django_db
def test_submit_gives_a_receipt_and_keeps_versions(
    commissioner_member, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = complete_bid(opportunity, provider)

    with django_capture_on_commit_callbacks(execute=True):
        first = bidding.bid_submit(actor=provider.user, bid=bid)
    bidding.bid_update(actor=provider.user, bid=bid, revision=bid.revision + 0, title="Revised")
    second = bidding.bid_submit(actor=provider.user, bid=bid)

    assert (first.number, second.number) == (1, 2)
    assert first.sha256 != second.sha256
    assert len(first.sha256) == 64
    assert first.submitted_at < opportunity.closes_at
    assert Submission.objects.filter(bid=bid).count() == 2
    assert first.sha256 in mailoutbox[0].body
    assert provider.user.email in mailoutbox[0].to


@pytest.mark.django_db
def test_autosave_conflict_never_overwrites(commissioner_member):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    colleague = MembershipFactory(organisation=provider.organisation).user
    bid = bidding.bid_start(
        actor=provider.user, opportunity=opportunity, organisation=provider.organisation
    )
    criterion = opportunity.criteria.first()
    bidding.answer_save(actor=provider.user, bid=bid, criterion=criterion, text="Mine", revision=0)

    with pytest.raises(bidding.BidConflictError) as conflict:
        bidding.answer_save(
            actor=colleague, bid=bid, criterion=criterion, text="Theirs", revision=0
        )

    assert conflict.value.current.text == "Mine"
    assert bid.answers.get(criterion=criterion).text == "Mine"


@pytest.mark.django_db
def test_stranger_cannot_change_a_bid(commissioner_member):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = bidding.bid_start(
        actor=provider.user, opportunity=opportunity, organisation=provider.organisation
    )
    stranger = _provider().user

    with pytest.raises(ApplicationError, match="Only the bidding organisation"):
        bidding.answer_save(
            actor=stranger, bid=bid, criterion=opportunity.criteria.first(), text="x", revision=0
        )

    assert bid.answers.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("budget.pdf", b"not a pdf at all", "must be a"),
        ("budget.pdf", b"", "empty"),
    ],
)
def test_attachment_checked_by_content(commissioner_member, name, content, message):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = bidding.bid_start(
        actor=provider.user, opportunity=opportunity, organisation=provider.organisation
    )

    with pytest.raises(ApplicationError, match=message):
        bidding.attachment_add(actor=provider.user, bid=bid, file=SimpleUploadedFile(name, content))

    assert bid.attachments.count() == 0


@pytest.mark.django_db
def test_attachment_zip_bomb_refused(commissioner_member):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (60 * 1024 * 1024))
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = bidding.bid_start(
        actor=provider.user, opportunity=opportunity, organisation=provider.organisation
    )

    with pytest.raises(ApplicationError, match="expands to far more"):
        bidding.attachment_add(
            actor=provider.user,
            bid=bid,
            file=SimpleUploadedFile("bid.docx", buffer.getvalue()),
        )

    assert bid.attachments.count() == 0


@pytest.mark.django_db
def test_attachment_digest_is_part_of_the_receipt(commissioner_member):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = complete_bid(opportunity, provider)
    attachment = bidding.attachment_add(
        actor=provider.user, bid=bid, file=SimpleUploadedFile("plan.pdf", PDF_BYTES)
    )

    submission = bidding.bid_submit(actor=provider.user, bid=bid)

    assert submission.content["attachments"] == [
        {"name": "plan.pdf", "size": len(PDF_BYTES), "sha256": attachment.sha256}
    ]


@pytest.mark.django_db
def test_bid_after_close_refused_and_nothing_changes(commissioner_member):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = complete_bid(opportunity, provider)
    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    with pytest.raises(ApplicationError, match="closed"):
        bidding.bid_submit(actor=provider.user, bid=bid)
    with pytest.raises(ApplicationError, match="closed"):
        bidding.bid_update(actor=provider.user, bid=bid, revision=bid.revision, title="Late")

    bid.refresh_from_db()
    assert (bid.status, bid.submissions.count()) == (BidStatus.DRAFT, 0)


@pytest.mark.django_db
def test_late_submission_only_with_an_audited_permit(commissioner_member):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = complete_bid(opportunity, provider)
    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    opportunity.refresh_from_db()

    with pytest.raises(ApplicationError, match="Give the reason"):
        bidding.late_permit_grant(
            actor=commissioner_member.user,
            opportunity=opportunity,
            organisation=provider.organisation,
            reason=" ",
        )
    bidding.late_permit_grant(
        actor=commissioner_member.user,
        opportunity=opportunity,
        organisation=provider.organisation,
        reason="Portal outage reported at 11:58",
    )
    submission = bidding.bid_submit(actor=provider.user, bid=bid)

    assert submission.is_late is True
    assert submission.late_reason == "Portal outage reported at 11:58"
    with pytest.raises(ApplicationError, match="closed"):
        bidding.bid_submit(actor=provider.user, bid=bid)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_submission_that_would_commit_after_the_deadline_is_refused(
    commissioner_member, monkeypatch
):
    opportunity = _grant(commissioner_member)
    provider = _provider()
    bid = complete_bid(opportunity, provider)
    closes_at = timezone.now() + datetime.timedelta(seconds=1)
    Opportunity.objects.filter(pk=opportunity.pk).update(closes_at=closes_at)

    def slow_email(**kwargs):
        # The submission started before the deadline but is still working when it passes.
        time.sleep(max(0, (closes_at - timezone.now()).total_seconds()) + 0.2)

    monkeypatch.setattr(bidding, "email_send", slow_email)

    with pytest.raises(ApplicationError, match="closed while your bid was being submitted"):
        bidding.bid_submit(actor=provider.user, bid=bid)

    bid.refresh_from_db()
    assert (bid.status, bid.submissions.count()) == (BidStatus.DRAFT, 0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_the_deadline_none_lost_none_late(commissioner_member):
    # Every view loaded first, as a deployed worker has them (config/wsgi.py): otherwise the
    # receipt email's first link, run alone, spends seconds importing them past the deadline.
    get_resolver().url_patterns  # noqa: B018
    opportunity = _grant(commissioner_member)
    bids = [complete_bid(opportunity, _provider()) for _ in range(8)]
    closes_at = timezone.now() + datetime.timedelta(seconds=1)
    Opportunity.objects.filter(pk=opportunity.pk).update(closes_at=closes_at)
    results: dict[int, str] = {}

    def submit(bid: Bid, delay: float) -> None:
        try:
            time.sleep(delay)
            submission = bidding.bid_submit(actor=bid.created_by, bid=bid)
            results[bid.pk] = f"accepted {submission.submitted_at.isoformat()}"
        except ApplicationError as exc:
            results[bid.pk] = f"refused {exc.message}"
        finally:
            connection.close()

    threads = [
        # Half start before the deadline, half after it.
        threading.Thread(target=submit, args=(bid, 0.3 * index))
        for index, bid in enumerate(bids)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    submissions = list(Submission.objects.filter(bid__opportunity=opportunity))
    accepted = [pk for pk, result in results.items() if result.startswith("accepted")]
    assert len(results) == 8
    assert sorted(s.bid_id for s in submissions) == sorted(accepted)
    assert all(s.submitted_at < closes_at for s in submissions)
    assert 0 < len(accepted) < 8, results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_submitters_do_not_wait_for_each_other_but_changes_to_the_opportunity_do(
    commissioner_member, monkeypatch
):
    opportunity = _grant(commissioner_member)
    first, second = (complete_bid(opportunity, _provider()) for _ in range(2))
    first_is_sealing, let_first_finish = threading.Event(), threading.Event()

    def email(**kwargs):
        # The first submission stops inside its transaction, holding its locks.
        if kwargs["context"]["bid"].pk == first.pk:
            first_is_sealing.set()
            let_first_finish.wait(10)

    monkeypatch.setattr(bidding, "email_send", email)
    outcome: dict[str, object] = {}

    def submit_first() -> None:
        try:
            outcome["first"] = bidding.bid_submit(actor=first.created_by, bid=first)
        finally:
            connection.close()

    thread = threading.Thread(target=submit_first)
    thread.start()
    try:
        assert first_is_sealing.wait(10)
        # Another provider's submission goes through meanwhile...
        second_submission = bidding.bid_submit(actor=second.created_by, bid=second)
        # ...but the opportunity itself cannot be changed until the first one commits.
        with pytest.raises(DatabaseError), transaction.atomic():
            Opportunity.objects.select_for_update(nowait=True).get(pk=opportunity.pk)
    finally:
        let_first_finish.set()
        thread.join()

    assert second_submission.number == 1
    assert outcome["first"].number == 1
    assert set(
        Bid.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    ) == {BidStatus.SUBMITTED}
