"""An opportunity's life: every allowed move works, every other is refused and changes
nothing; publication problems; amendments, cancellation and withdrawal; clarification Q&A."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from core.errors import ApplicationError
from core.models import AuditEntry
from tenders.constants import TRANSITIONS, QuestionStatus, Status
from tenders.models import Opportunity, PublishedVersion, Release
from tenders.selectors import published_questions
from tenders.serializers import PublishedAnswerSerializer
from tenders.services import drafting, engagement, lifecycle
from tests.factories import MembershipFactory, OrganisationFactory
from tests.tenders.conftest import build_opportunity

pytestmark = pytest.mark.django_db

REASON = "The service has been recommissioned with the NHS."


def _provider(name: str = "Stroud Arts"):
    return MembershipFactory(admin=True, organisation=OrganisationFactory(name=name))


def _publish(member, opportunity: Opportunity) -> Opportunity:
    lifecycle.opportunity_publish(actor=member.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity


def _after_closing(time_machine, opportunity: Opportunity) -> None:
    time_machine.move_to(opportunity.closes_at + datetime.timedelta(minutes=1))


def opportunity_in(status: str, member, time_machine) -> Opportunity:
    """An opportunity brought to `status` the way a commissioner would, through the services."""
    user = member.user
    opportunity = build_opportunity(member)
    if status == Status.DRAFT:
        return opportunity
    if status == Status.CANCELLED:
        lifecycle.opportunity_cancel(actor=user, opportunity=opportunity, reason=REASON)
        opportunity.refresh_from_db()
        return opportunity
    _publish(member, opportunity)
    if status == Status.WITHDRAWN:
        lifecycle.opportunity_withdraw(actor=user, opportunity=opportunity, reason=REASON)
    if status in (Status.PUBLISHED, Status.WITHDRAWN):
        opportunity.refresh_from_db()
        return opportunity
    _after_closing(time_machine, opportunity)
    lifecycle.opportunity_close(actor=user, opportunity=opportunity)
    if status != Status.CLOSED:
        lifecycle.opportunity_start_evaluation(actor=user, opportunity=opportunity)
    if status in (Status.AWARDED, Status.NOT_AWARDED):
        lifecycle.opportunity_decide(
            actor=user, opportunity=opportunity, awarded=status == Status.AWARDED
        )
    opportunity.refresh_from_db()
    return opportunity


def move(opportunity: Opportunity, to: str, user) -> None:
    """The lifecycle service that moves an opportunity to `to`."""
    services = {
        Status.PUBLISHED: lambda: lifecycle.opportunity_publish(
            actor=user, opportunity=opportunity
        ),
        Status.CLOSED: lambda: lifecycle.opportunity_close(actor=user, opportunity=opportunity),
        Status.EVALUATION: lambda: lifecycle.opportunity_start_evaluation(
            actor=user, opportunity=opportunity
        ),
        Status.AWARDED: lambda: lifecycle.opportunity_decide(
            actor=user, opportunity=opportunity, awarded=True
        ),
        Status.NOT_AWARDED: lambda: lifecycle.opportunity_decide(
            actor=user, opportunity=opportunity, awarded=False
        ),
        Status.CANCELLED: lambda: lifecycle.opportunity_cancel(
            actor=user, opportunity=opportunity, reason=REASON
        ),
        Status.WITHDRAWN: lambda: lifecycle.opportunity_withdraw(
            actor=user, opportunity=opportunity, reason=REASON
        ),
    }
    services[to]()


# Every opportunity can be moved to any status but draft (nothing returns to draft).
TARGETS = [s for s in Status.values if s != Status.DRAFT]
ALLOWED = [(f, t) for f in Status.values for t in TARGETS if t in TRANSITIONS[f]]
REFUSED = [(f, t) for f in Status.values for t in TARGETS if t not in TRANSITIONS[f]]


def test_transitions_cover_every_pair():
    assert len(ALLOWED) == 10
    assert len(ALLOWED) + len(REFUSED) == len(Status.values) * len(TARGETS)


@pytest.mark.parametrize(("before", "after"), ALLOWED)
def test_transition_allowed(commissioner_member, time_machine, before, after):
    opportunity = opportunity_in(before, commissioner_member, time_machine)
    if after == Status.CLOSED:
        _after_closing(time_machine, opportunity)

    move(opportunity, after, commissioner_member.user)

    opportunity.refresh_from_db()
    assert opportunity.status == after
    entry = AuditEntry.objects.filter(action=f"opportunity.{after}").latest("id")
    assert (entry.before["status"], entry.after["status"]) == (before, after)
    assert entry.actor == commissioner_member.user


@pytest.mark.parametrize(("before", "after"), REFUSED)
def test_transition_refused_changes_nothing(commissioner_member, time_machine, before, after):
    opportunity = opportunity_in(before, commissioner_member, time_machine)
    if after == Status.CLOSED:
        _after_closing(time_machine, opportunity)
    counts = (
        AuditEntry.objects.count(),
        Release.objects.count(),
        PublishedVersion.objects.count(),
    )

    with pytest.raises(ApplicationError) as refused:
        move(opportunity, after, commissioner_member.user)

    if after == Status.PUBLISHED:
        assert refused.value.message == "Only a draft can be published."
    else:
        assert refused.value.message == (
            f"An opportunity that is {Status(before).label.lower()} cannot become "
            f"{Status(after).label.lower()}."
        )
    opportunity.refresh_from_db()
    assert opportunity.status == before
    assert (
        AuditEntry.objects.count(),
        Release.objects.count(),
        PublishedVersion.objects.count(),
    ) == counts


def test_close_refused_before_the_closing_time(opportunity, commissioner_member):
    _publish(commissioner_member, opportunity)

    with pytest.raises(ApplicationError) as refused:
        lifecycle.opportunity_close(actor=commissioner_member.user, opportunity=opportunity)

    assert refused.value.message == "The opportunity cannot close before its closing time."
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED


# Publication.


def _publish_problems(member, opportunity) -> list[str]:
    with pytest.raises(ApplicationError) as refused:
        lifecycle.opportunity_publish(actor=member.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    assert opportunity.status == Status.DRAFT
    assert opportunity.published_at is None
    assert opportunity.published_versions.count() == 0
    assert opportunity.releases.count() == 0
    assert refused.value.message == (
        "This opportunity cannot be published yet: " + " ".join(refused.value.extra["problems"])
    )
    return refused.value.extra["problems"]


def test_publish_refused_when_weights_do_not_total_100(opportunity, commissioner_member):
    drafting.criterion_delete(
        actor=commissioner_member.user, criterion=opportunity.criteria.get(title="Price")
    )

    problems = _publish_problems(commissioner_member, opportunity)

    assert problems == [
        "The opportunity's criteria weights total 70%; they must total exactly 100%."
    ]


def test_publish_refused_when_closing_too_soon_for_the_route(commissioner_member):
    opportunity = build_opportunity(commissioner_member, route="open", days_open=10)

    problems = _publish_problems(commissioner_member, opportunity)

    assert problems == [
        (
            "The closing date must be at least 25 days after publication for this route "
            "(it is 10 days)."
        )
    ]


def test_publish_refused_when_closing_date_has_passed(commissioner_member):
    opportunity = build_opportunity(commissioner_member, days_open=-1)

    problems = _publish_problems(commissioner_member, opportunity)

    assert problems == ["The closing date must be in the future."]


def test_publish_refused_without_a_summary(commissioner_member):
    opportunity = build_opportunity(commissioner_member, summary="")

    problems = _publish_problems(commissioner_member, opportunity)

    assert problems == ["Write a short summary for the list of opportunities."]


def test_publish_lists_every_problem_at_once(commissioner_member):
    opportunity = build_opportunity(commissioner_member, summary="", days_open=10)
    drafting.criterion_delete(
        actor=commissioner_member.user, criterion=opportunity.criteria.get(title="Social value")
    )

    problems = _publish_problems(commissioner_member, opportunity)

    assert problems == [
        "Write a short summary for the list of opportunities.",
        (
            "The closing date must be at least 25 days after publication for this route "
            "(it is 10 days)."
        ),
        "The opportunity's criteria weights total 90%; they must total exactly 100%.",
    ]


def test_publish_keeps_version_one_and_emits_a_tender_release(opportunity, commissioner_member):
    version = lifecycle.opportunity_publish(actor=commissioner_member.user, opportunity=opportunity)

    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED
    assert (version.number, version.amendment_reason) == (1, "")
    assert version.snapshot["title"] == "Community mental health and wellbeing service"
    assert [f["code"] for f in version.inclusion_findings] == ["few_directory_matches"]
    assert list(opportunity.releases.values_list("tags", flat=True)) == [["tender"]]


# Amendments.


def test_amend_requires_a_reason_and_saves_nothing(opportunity, commissioner_member):
    _publish(commissioner_member, opportunity)

    with pytest.raises(ApplicationError) as refused:
        lifecycle.opportunity_amend(
            actor=commissioner_member.user,
            opportunity=opportunity,
            reason="   ",
            title="A new title",
        )

    assert refused.value.message == "Give the reason for the amendment; bidders will see it."
    opportunity.refresh_from_db()
    assert opportunity.title == "Community mental health and wellbeing service"
    assert opportunity.version == 1
    assert opportunity.releases.count() == 1


def test_amend_refused_when_the_change_breaks_the_rules(opportunity, commissioner_member):
    _publish(commissioner_member, opportunity)

    with pytest.raises(ApplicationError) as refused:
        lifecycle.opportunity_amend(
            actor=commissioner_member.user,
            opportunity=opportunity,
            reason="Closing sooner",
            closes_at=timezone.now() + datetime.timedelta(days=5),
            clarification_deadline=timezone.now() + datetime.timedelta(days=2),
        )

    assert refused.value.message == (
        "The amendment cannot be published: The closing date must be at least 25 days after "
        "publication for this route (it is 5 days)."
    )
    opportunity.refresh_from_db()
    assert opportunity.closes_at > timezone.now() + datetime.timedelta(days=50)
    assert opportunity.version == 1


def test_amend_keeps_the_earlier_version(opportunity, commissioner_member):
    _publish(commissioner_member, opportunity)

    version = lifecycle.opportunity_amend(
        actor=commissioner_member.user,
        opportunity=opportunity,
        reason="The budget has grown.",
        total_budget=Decimal("4500000"),
    )

    opportunity.refresh_from_db()
    assert opportunity.version == 2
    assert version.amendment_reason == "The budget has grown."
    assert [
        (v.number, Decimal(v.snapshot["total_budget"]), v.amendment_reason)
        for v in opportunity.published_versions.all()
    ] == [(2, Decimal(4500000), "The budget has grown."), (1, Decimal(4000000), "")]


def test_amend_emails_registered_organisations(
    opportunity, commissioner_member, mailoutbox, django_capture_on_commit_callbacks
):
    _publish(commissioner_member, opportunity)
    provider = _provider()
    engagement.interest_register(
        actor=provider.user, opportunity=opportunity, organisation=provider.organisation
    )

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.opportunity_amend(
            actor=commissioner_member.user,
            opportunity=opportunity,
            reason="The budget has grown.",
            total_budget=Decimal("4500000"),
        )

    assert [m.to for m in mailoutbox] == [[provider.user.email]]
    assert "The budget has grown." in mailoutbox[0].body


# Cancelling and withdrawing.


@pytest.mark.parametrize(
    ("service", "message"),
    [
        (lifecycle.opportunity_cancel, "Give the reason for cancelling; bidders will see it."),
        (lifecycle.opportunity_withdraw, "Give the reason for withdrawing; bidders will see it."),
    ],
)
def test_cancel_and_withdraw_require_a_reason(opportunity, commissioner_member, service, message):
    _publish(commissioner_member, opportunity)

    with pytest.raises(ApplicationError) as refused:
        service(actor=commissioner_member.user, opportunity=opportunity, reason=" ")

    assert refused.value.message == message
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED
    assert opportunity.releases.count() == 1


@pytest.mark.parametrize(
    "ending",
    [
        (lifecycle.opportunity_cancel, Status.CANCELLED),
        (lifecycle.opportunity_withdraw, Status.WITHDRAWN),
    ],
    ids=["cancel", "withdraw"],
)
def test_cancel_and_withdraw_email_registered_organisations(
    opportunity, commissioner_member, mailoutbox, django_capture_on_commit_callbacks, ending
):
    service, status = ending
    _publish(commissioner_member, opportunity)
    registered = [_provider("Stroud Arts"), _provider("Kent Dance")]
    for provider in registered:
        engagement.interest_register(
            actor=provider.user, opportunity=opportunity, organisation=provider.organisation
        )
    _provider("Not registered")

    with django_capture_on_commit_callbacks(execute=True):
        service(actor=commissioner_member.user, opportunity=opportunity, reason=REASON)

    opportunity.refresh_from_db()
    assert opportunity.status == status
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.user.email for p in registered)
    assert all(REASON in m.body for m in mailoutbox)
    entry = AuditEntry.objects.filter(action=f"opportunity.{status}").get()
    assert entry.after == {"status": status, "reason": REASON}


def test_cancel_a_draft_needs_no_release_or_emails(
    opportunity, commissioner_member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.opportunity_cancel(
            actor=commissioner_member.user, opportunity=opportunity, reason=REASON
        )

    opportunity.refresh_from_db()
    assert opportunity.status == Status.CANCELLED
    assert opportunity.releases.count() == 0
    assert mailoutbox == []


# Clarification questions.


def test_question_asked_before_the_clarification_deadline(opportunity, commissioner_member):
    _publish(commissioner_member, opportunity)
    provider = _provider()

    question = engagement.question_ask(
        actor=provider.user,
        opportunity=opportunity,
        organisation=provider.organisation,
        text="  May a consortium of choirs bid?  ",
    )

    assert (question.text, question.status) == (
        "May a consortium of choirs bid?",
        QuestionStatus.OPEN,
    )
    assert list(published_questions(opportunity=opportunity)) == []


def test_question_refused_after_the_clarification_deadline(
    opportunity, commissioner_member, time_machine
):
    _publish(commissioner_member, opportunity)
    provider = _provider()
    deadline = opportunity.clarification_deadline
    time_machine.move_to(deadline + datetime.timedelta(seconds=1))

    with pytest.raises(ApplicationError) as refused:
        engagement.question_ask(
            actor=provider.user,
            opportunity=opportunity,
            organisation=provider.organisation,
            text="Is it too late to ask?",
        )

    assert refused.value.message == (
        f"The deadline for questions was {timezone.localtime(deadline):%-d %B %Y at %H:%M}."
    )
    assert opportunity.questions.count() == 0


def test_question_refused_on_a_draft(opportunity):
    provider = _provider()

    with pytest.raises(ApplicationError) as refused:
        engagement.question_ask(
            actor=provider.user,
            opportunity=opportunity,
            organisation=provider.organisation,
            text="Can we see the draft?",
        )

    assert refused.value.message == "Questions can only be asked while the opportunity is open."


def test_published_answer_never_names_the_asker(
    opportunity, commissioner_member, mailoutbox, django_capture_on_commit_callbacks
):
    _publish(commissioner_member, opportunity)
    asker = _provider("Stroud Arts")
    other = _provider("Kent Dance")
    for provider in (asker, other):
        engagement.interest_register(
            actor=provider.user, opportunity=opportunity, organisation=provider.organisation
        )
    question = engagement.question_ask(
        actor=asker.user,
        opportunity=opportunity,
        organisation=asker.organisation,
        text="Stroud Arts runs choirs in Gloucestershire: may we bid for Kent?",
    )

    with django_capture_on_commit_callbacks(execute=True):
        engagement.question_answer(
            actor=commissioner_member.user,
            question=question,
            answer="Yes, providers from outside Kent are welcome.",
            published_question="A provider based outside Kent asks whether it may bid.",
        )

    published = PublishedAnswerSerializer(
        published_questions(opportunity=opportunity), many=True
    ).data
    release = opportunity.releases.latest("date").data
    shared = json.dumps([published, release, [(m.subject, m.body) for m in mailoutbox]])
    assert [(a["question"], a["answer"]) for a in published] == [
        (
            "A provider based outside Kent asks whether it may bid.",
            "Yes, providers from outside Kent are welcome.",
        )
    ]
    assert "Stroud Arts" not in shared
    assert asker.user.email not in shared
    assert asker.user.full_name not in shared
    assert sorted(m.to[0] for m in mailoutbox) == sorted([asker.user.email, other.user.email])


def test_private_answer_needs_a_reason(opportunity, commissioner_member):
    _publish(commissioner_member, opportunity)
    provider = _provider()
    question = engagement.question_ask(
        actor=provider.user,
        opportunity=opportunity,
        organisation=provider.organisation,
        text="Is our day rate of £350 in range?",
        sensitive=True,
    )

    with pytest.raises(ApplicationError) as refused:
        engagement.question_answer(
            actor=commissioner_member.user, question=question, answer="Yes.", publish=False
        )

    assert refused.value.message == (
        "Give the reason for answering privately; every bidder should get the same "
        "information unless it is commercially sensitive."
    )
    question.refresh_from_db()
    assert (question.status, question.answer) == (QuestionStatus.OPEN, "")


def test_private_answer_with_a_reason_goes_to_the_asker_only(
    opportunity, commissioner_member, mailoutbox, django_capture_on_commit_callbacks
):
    _publish(commissioner_member, opportunity)
    asker = _provider("Stroud Arts")
    other = _provider("Kent Dance")
    engagement.interest_register(
        actor=other.user, opportunity=opportunity, organisation=other.organisation
    )
    question = engagement.question_ask(
        actor=asker.user,
        opportunity=opportunity,
        organisation=asker.organisation,
        text="Is our day rate of £350 in range?",
        sensitive=True,
    )

    with django_capture_on_commit_callbacks(execute=True):
        engagement.question_answer(
            actor=commissioner_member.user,
            question=question,
            answer="Yes.",
            publish=False,
            private_reason="It is about the provider's own prices.",
        )

    question.refresh_from_db()
    assert (question.status, question.private_reason) == (
        QuestionStatus.PRIVATE,
        "It is about the provider's own prices.",
    )
    assert list(published_questions(opportunity=opportunity)) == []
    assert [m.to for m in mailoutbox] == [[asker.user.email]]


def test_question_answered_once_only(opportunity, commissioner_member):
    _publish(commissioner_member, opportunity)
    provider = _provider()
    question = engagement.question_ask(
        actor=provider.user,
        opportunity=opportunity,
        organisation=provider.organisation,
        text="May we bid?",
    )
    engagement.question_answer(actor=commissioner_member.user, question=question, answer="Yes.")

    with pytest.raises(ApplicationError) as refused:
        engagement.question_answer(actor=commissioner_member.user, question=question, answer="No.")

    assert refused.value.message == "This question has already been answered."
    question.refresh_from_db()
    assert question.answer == "Yes."


# Closing when due.


def test_opportunities_close_due_closes_only_due_ones(commissioner_member, time_machine):
    due = _publish(commissioner_member, build_opportunity(commissioner_member, days_open=30))
    later = _publish(commissioner_member, build_opportunity(commissioner_member, days_open=60))
    draft = build_opportunity(commissioner_member, days_open=30)
    time_machine.move_to(due.closes_at + datetime.timedelta(minutes=1))

    closed = lifecycle.opportunities_close_due()

    assert closed == 1
    statuses = {o.pk: o.status for o in Opportunity.objects.all()}
    assert statuses == {
        due.pk: Status.CLOSED,
        later.pk: Status.PUBLISHED,
        draft.pk: Status.DRAFT,
    }
    assert list(due.releases.order_by("date").values_list("tags", flat=True)) == [
        ["tender"],
        ["tenderUpdate"],
    ]
    entry = AuditEntry.objects.get(action="opportunity.closed")
    assert (entry.actor, entry.object_id) == (None, str(due.pk))
