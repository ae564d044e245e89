"""Tenders: the public opportunity list, a commissioner's opportunities and everything listed
under one opportunity (lots, outcomes, KPIs, criteria, gates, versions, questions,
invitations, matching providers), and the OCDS feed."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation
from commissioning.models import Area, Kpi, OutcomeArea, Programme
from tenders.constants import BidStatus, QuestionStatus, Status
from tenders.models import (
    Answer,
    Attachment,
    Bid,
    BidPartner,
    BudgetLine,
    Criterion,
    Gate,
    GateAnswer,
    LateSubmissionPermit,
    Lot,
    Opportunity,
    OpportunityKpi,
    OutcomeSought,
    PublishedVersion,
    Question,
    Release,
    Submission,
    TargetedInvitation,
)
from tenders.services import lifecycle
from tests.query_counts.people import Counter, commissioner, provider
from tests.query_counts.providers import generated_profiles
from tests.query_counts.registry import View, page
from tests.tenders.conftest import build_opportunity


def _grow_opportunities(membership, *, status: str):
    programme = Programme.objects.create(
        organisation=membership.organisation,
        name="Measured programme",
        budget=Decimal(1_000_000),
        start_date=datetime.date(2026, 4, 1),
        end_date=datetime.date(2027, 3, 31),
    )
    counter = Counter()
    outcome_area = OutcomeArea.objects.get(name="Mental health")
    areas = list(Area.objects.filter(code="E10000016"))

    def grow(count: int) -> None:
        now = timezone.now()
        published = status != Status.DRAFT
        opportunities = Opportunity.objects.bulk_create(
            Opportunity(
                programme=programme,
                organisation=membership.organisation,
                reference=f"QC-{status}-{n:04d}",
                title=f"Measured opportunity {n}",
                summary="Community wellbeing through the arts.",
                route="open",
                status=status,
                total_budget=Decimal(100_000),
                closes_at=now + datetime.timedelta(days=30 + n % 20),
                published_at=now if published else None,
                version=1 if published else 0,
                created_by=membership.user,
            )
            for n in counter.take(count)
        )
        OutcomeSought.objects.bulk_create(
            OutcomeSought(
                opportunity=opportunity,
                outcome_area=outcome_area,
                statement="People feel less lonely",
            )
            for opportunity in opportunities
        )
        Opportunity.areas.through.objects.bulk_create(
            Opportunity.areas.through(opportunity=opportunity, area=area)
            for opportunity in opportunities
            for area in areas
        )
        Lot.objects.bulk_create(
            Lot(opportunity=opportunity, number=1, title="Lot one") for opportunity in opportunities
        )

    return grow


@page("tenders:opportunity_list", who="anyone")
def opportunity_list() -> View:
    return View(
        user=None,
        url=reverse("tenders:opportunity_list"),
        grow=_grow_opportunities(commissioner(), status=Status.PUBLISHED),
        shows="Measured opportunity 0",
    )


@page("api_opportunities_published", who="anyone")
def api_opportunities_published() -> View:
    return View(
        user=None,
        url=reverse("api_opportunities_published"),
        grow=_grow_opportunities(commissioner(), status=Status.PUBLISHED),
        shows="Measured opportunity 0",
    )


@page("tenders:manage_list", who="a commissioner of the organisation")
def manage_list() -> View:
    membership = commissioner()
    return View(
        user=membership.user,
        url=reverse("tenders:manage_list"),
        grow=_grow_opportunities(membership, status=Status.DRAFT),
        shows="Measured opportunity 0",
    )


@page("api_opportunities", who="a commissioner of the organisation")
def api_opportunities() -> View:
    membership = commissioner()
    return View(
        user=membership.user,
        url=reverse("api_opportunities"),
        grow=_grow_opportunities(membership, status=Status.DRAFT),
        shows="Measured opportunity 0",
    )


def _nested(name: str, make, *, shows: str | None = None, published: bool = False, **options):
    """A page listing rows under one opportunity, seen by its commissioner; `make(opportunity,
    numbers)` adds the rows."""
    membership = commissioner()
    opportunity = build_opportunity(membership, **options)
    if published:
        lifecycle.opportunity_publish(actor=membership.user, opportunity=opportunity)
    counter = Counter()
    return View(
        user=membership.user,
        url=reverse(name, args=[opportunity.pk]),
        grow=lambda count: make(opportunity, counter.take(count)),
        shows=shows,
    )


def _lots(opportunity, numbers):
    lots = Lot.objects.bulk_create(
        Lot(opportunity=opportunity, number=n + 10, title=f"Measured lot {n}") for n in numbers
    )
    areas = list(OutcomeArea.objects.all()[:2])
    Lot.outcome_areas.through.objects.bulk_create(
        Lot.outcome_areas.through(lot=lot, outcomearea=area) for lot in lots for area in areas
    )


@page("tenders:lot_list", who="the opportunity's commissioner")
def lot_list() -> View:
    return _nested("tenders:lot_list", _lots, shows="Measured lot 0")


@page("api_opportunity_lots", who="the opportunity's commissioner")
def api_opportunity_lots() -> View:
    return _nested("api_opportunity_lots", _lots, shows="Measured lot 0")


def _outcomes(opportunity, numbers):
    area = OutcomeArea.objects.get(name="Mental health")
    OutcomeSought.objects.bulk_create(
        OutcomeSought(
            opportunity=opportunity,
            outcome_area=area,
            statement=f"Measured outcome {n}",
            position=n,
        )
        for n in numbers
    )


@page("tenders:outcome_list", who="the opportunity's commissioner")
def outcome_list() -> View:
    return _nested("tenders:outcome_list", _outcomes, shows="Measured outcome 0")


@page("api_opportunity_outcomes", who="the opportunity's commissioner")
def api_opportunity_outcomes() -> View:
    return _nested("api_opportunity_outcomes", _outcomes, shows="Measured outcome 0")


def _kpis(opportunity, numbers):
    kpis = Kpi.objects.bulk_create(
        Kpi(
            slug=f"measured-kpi-{n}",
            name=f"Measured KPI {n}",
            definition="People taking part.",
            unit="count",
            organisation=opportunity.organisation,
        )
        for n in numbers
    )
    OpportunityKpi.objects.bulk_create(
        OpportunityKpi(opportunity=opportunity, kpi=kpi) for kpi in kpis
    )


@page("tenders:kpi_list", who="the opportunity's commissioner")
def kpi_list() -> View:
    return _nested("tenders:kpi_list", _kpis, shows="Measured KPI 0")


@page("api_opportunity_kpis", who="the opportunity's commissioner")
def api_opportunity_kpis() -> View:
    return _nested("api_opportunity_kpis", _kpis, shows="Measured KPI 0")


def _criteria(opportunity, numbers):
    Criterion.objects.bulk_create(
        Criterion(
            opportunity=opportunity,
            kind="quality",
            title=f"Measured criterion {n}",
            weight=Decimal("0.1"),
            position=n + 10,
        )
        for n in numbers
    )


@page("tenders:criterion_list", who="the opportunity's commissioner")
def criterion_list() -> View:
    return _nested("tenders:criterion_list", _criteria, shows="Measured criterion 0")


@page("api_opportunity_criteria", who="the opportunity's commissioner")
def api_opportunity_criteria() -> View:
    return _nested("api_opportunity_criteria", _criteria, shows="Measured criterion 0")


@page("api_opportunity_gates", who="the opportunity's commissioner")
def api_opportunity_gates() -> View:
    return _nested(
        "api_opportunity_gates",
        lambda opportunity, numbers: Gate.objects.bulk_create(
            Gate(opportunity=opportunity, title=f"Measured gate {n}", position=n) for n in numbers
        ),
        shows="Measured gate 0",
    )


@page("tenders:version_list", who="the opportunity's commissioner")
def version_list() -> View:
    def versions(opportunity, numbers):
        PublishedVersion.objects.bulk_create(
            PublishedVersion(
                opportunity=opportunity,
                number=n + 10,
                amendment_reason=f"Measured amendment {n}",
                snapshot={"title": opportunity.title},
            )
            for n in numbers
        )

    return _nested("tenders:version_list", versions, published=True)


def _questions(status: str):
    asker = provider()

    def make(opportunity, numbers):
        now = timezone.now()
        answered = status != QuestionStatus.OPEN
        Question.objects.bulk_create(
            Question(
                opportunity=opportunity,
                organisation=asker.organisation,
                asked_by=asker.user,
                text=f"Measured question {n}?",
                published_question=f"Measured question {n}?" if answered else "",
                status=status,
                answer="Yes." if answered else "",
                answered_at=now if answered else None,
            )
            for n in numbers
        )

    return make


@page("tenders:question_list", who="the opportunity's commissioner")
def question_list() -> View:
    return _nested(
        "tenders:question_list",
        _questions(QuestionStatus.OPEN),
        published=True,
        shows="Measured question 0",
    )


@page("api_opportunity_questions", who="the opportunity's commissioner")
def api_opportunity_questions() -> View:
    return _nested(
        "api_opportunity_questions",
        _questions(QuestionStatus.OPEN),
        published=True,
        shows="Measured question 0",
    )


@page("api_opportunity_answers", who="anyone (published answers)")
def api_opportunity_answers() -> View:
    view = _nested(
        "api_opportunity_answers",
        _questions(QuestionStatus.PUBLISHED),
        published=True,
        shows="Measured question 0",
    )
    view.user = None
    return view


@page("tenders:opportunity_detail", who="anyone (the published answers under it)")
def opportunity_detail() -> View:
    view = _nested(
        "tenders:opportunity_detail",
        _questions(QuestionStatus.PUBLISHED),
        published=True,
        shows="Measured question 0",
    )
    view.user = None
    return view


def _invitations(opportunity, numbers):
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Measured invitee {n}", kind="provider", type="arts_cultural")
        for n in numbers
    )
    TargetedInvitation.objects.bulk_create(
        TargetedInvitation(
            opportunity=opportunity,
            organisation=organisation,
            sent_to=["admin@example.org"],
            sent_at=timezone.now(),
        )
        for organisation in organisations
    )


@page("tenders:invitation_list", who="the opportunity's commissioner")
def invitation_list() -> View:
    return _nested("tenders:invitation_list", _invitations, shows="Measured invitee 0")


@page("api_opportunity_invitations", who="the opportunity's commissioner")
def api_opportunity_invitations() -> View:
    return _nested("api_opportunity_invitations", _invitations, shows="Measured invitee 0")


@page("api_opportunity_matching_providers", who="the opportunity's commissioner")
def api_opportunity_matching_providers() -> View:
    # No outcomes, art forms or areas: every listed provider matches.
    grow, _ = generated_profiles()
    return _nested(
        "api_opportunity_matching_providers",
        lambda opportunity, numbers: grow(len(numbers)),
        publishable=False,
        areas=Area.objects.none(),
    )


@page("ocds_releases", who="anyone (open data)")
def ocds_releases() -> View:
    membership = commissioner()
    opportunity = build_opportunity(membership)
    counter = Counter()

    def grow(count: int) -> None:
        Release.objects.bulk_create(
            Release(
                opportunity=opportunity,
                release_id=f"measured-release-{n}",
                ocid=opportunity.ocid,
                tags=["tender"],
                data={"id": f"measured-release-{n}", "ocid": opportunity.ocid},
            )
            for n in counter.take(count)
        )

    return View(user=None, url=reverse("ocds_releases"), grow=grow, shows="measured-release-0")


def _own_bids(name: str) -> View:
    bidder = provider()
    grow_opportunities = _grow_opportunities(commissioner(), status=Status.PUBLISHED)
    counter = Counter()

    def grow(count: int) -> None:
        numbers = counter.take(count)
        grow_opportunities(count)
        opportunities = Opportunity.objects.filter(
            reference__in=[f"QC-{Status.PUBLISHED}-{n:04d}" for n in numbers]
        )
        Bid.objects.bulk_create(
            Bid(
                opportunity=opportunity,
                organisation=bidder.organisation,
                title=f"Measured bid {n}",
                created_by=bidder.user,
            )
            for n, opportunity in zip(numbers, opportunities.order_by("reference"), strict=True)
        )

    return View(user=bidder.user, url=reverse(name), grow=grow, shows="Measured bid 0")


@page("api_bids", who="a provider, for its organisation's bids")
def api_bids() -> View:
    return _own_bids("api_bids")


@page("bids:list", who="a provider, for its organisation's bids")
def bid_list() -> View:
    return _own_bids("bids:list")


@page("api_bid_invitations", who="a provider invited into other organisations' bids")
def api_bid_invitations() -> View:
    invitee = provider()
    membership = commissioner()
    opportunity = build_opportunity(membership)
    counter = Counter()

    def grow(count: int) -> None:
        numbers = counter.take(count)
        leads = Organisation.objects.bulk_create(
            Organisation(name=f"Measured lead {n}", kind="provider", type="arts_cultural")
            for n in numbers
        )
        bids = Bid.objects.bulk_create(
            Bid(opportunity=opportunity, organisation=lead, title=f"Measured bid {n}")
            for n, lead in zip(numbers, leads, strict=True)
        )
        BidPartner.objects.bulk_create(
            BidPartner(bid=bid, organisation=invitee.organisation) for bid in bids
        )

    return View(
        user=invitee.user, url=reverse("api_bid_invitations"), grow=grow, shows="Measured bid 0"
    )


def _under_bid(name: str, make, *, shows: str | None = None) -> View:
    """A list under one bid, seen by the bidder: `make(bid, numbers)` adds the rows."""
    membership = commissioner()
    opportunity = build_opportunity(membership)
    lifecycle.opportunity_publish(actor=membership.user, opportunity=opportunity)
    bidder = provider()
    bid = Bid.objects.create(
        opportunity=opportunity,
        organisation=bidder.organisation,
        title="Measured bid",
        created_by=bidder.user,
    )
    counter = Counter()
    return View(
        user=bidder.user,
        url=reverse(name, args=[bid.pk]),
        grow=lambda count: make(bid, counter.take(count)),
        shows=shows,
    )


@page("api_bid_answers", who="the bidder")
def api_bid_answers() -> View:
    def answers(bid, numbers):
        criteria = Criterion.objects.bulk_create(
            Criterion(
                opportunity=bid.opportunity,
                kind="quality",
                title=f"Measured criterion {n}",
                weight=Decimal("0.1"),
                position=n + 10,
            )
            for n in numbers
        )
        Answer.objects.bulk_create(
            Answer(bid=bid, criterion=criterion, text=f"Measured answer {n}")
            for n, criterion in zip(numbers, criteria, strict=True)
        )

    return _under_bid("api_bid_answers", answers, shows="Measured answer 0")


def _gates(bid, numbers):
    made = Gate.objects.bulk_create(
        Gate(opportunity=bid.opportunity, title=f"Measured gate {n}", position=n) for n in numbers
    )
    GateAnswer.objects.bulk_create(
        GateAnswer(bid=bid, gate=gate, meets=True, note="We hold the insurance.") for gate in made
    )


@page("api_bid_gates", who="the bidder")
def api_bid_gates() -> View:
    return _under_bid("api_bid_gates", _gates, shows="Measured gate 0")


@page("bids:requirements", who="the bidder")
def bid_requirements() -> View:
    return _under_bid("bids:requirements", _gates, shows="Measured gate 0")


@page("api_bid_budget", who="the bidder")
def api_bid_budget() -> View:
    return _under_bid(
        "api_bid_budget",
        lambda bid, numbers: BudgetLine.objects.bulk_create(
            BudgetLine(
                bid=bid,
                description=f"Measured cost {n}",
                cost_type="fixed",
                amount=Decimal(10),
                position=n,
            )
            for n in numbers
        ),
        shows="Measured cost 0",
    )


def _attachments(name: str) -> View:
    return _under_bid(
        name,
        lambda bid, numbers: Attachment.objects.bulk_create(
            Attachment(
                bid=bid,
                file=f"bids/measured-{n}.pdf",
                name=f"Measured attachment {n}.pdf",
                file_type="application/pdf",
                size=2048,
                sha256="0" * 64,
            )
            for n in numbers
        ),
        shows="Measured attachment 0",
    )


@page("api_bid_attachments", who="the bidder")
def api_bid_attachments() -> View:
    return _attachments("api_bid_attachments")


@page("bids:attachments", who="the bidder")
def bid_attachments() -> View:
    return _attachments("bids:attachments")


@page("api_bid_receipts", who="the bidder")
def api_bid_receipts() -> View:
    return _under_bid(
        "api_bid_receipts",
        lambda bid, numbers: Submission.objects.bulk_create(
            Submission(
                bid=bid,
                number=n + 1,
                submitted_at=timezone.now(),
                content={"title": bid.title},
                sha256=f"{n:064x}",
            )
            for n in numbers
        ),
        shows="0" * 63 + "0",
    )


def _partners(bid, numbers):
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Measured partner {n}", kind="provider", type="arts_cultural")
        for n in numbers
    )
    BidPartner.objects.bulk_create(
        BidPartner(bid=bid, organisation=organisation) for organisation in organisations
    )


@page("api_bid_partners", who="the bidder")
def api_bid_partners() -> View:
    return _under_bid("api_bid_partners", _partners, shows="Measured partner 0")


@page("bids:partners", who="the bidder")
def bid_partners() -> View:
    return _under_bid("bids:partners", _partners, shows="Measured partner 0")


def _opened(name: str, *, shows: str | None = "Measured applicant 0") -> View:
    """A closed opportunity whose bids were opened, seen by its commissioner: grow(n) adds n
    bids, each with a submitted version."""
    membership = commissioner()
    opportunity = build_opportunity(membership)
    lifecycle.opportunity_publish(actor=membership.user, opportunity=opportunity)
    Opportunity.objects.filter(pk=opportunity.pk).update(
        status=Status.CLOSED,
        closes_at=timezone.now() - datetime.timedelta(days=1),
        bids_opened_at=timezone.now(),
        bids_opened_by=membership.user,
    )
    counter = Counter()

    def grow(count: int) -> None:
        numbers = counter.take(count)
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Measured applicant {n}", kind="provider", type="arts_cultural")
            for n in numbers
        )
        bids = Bid.objects.bulk_create(
            Bid(
                opportunity=opportunity,
                organisation=organisation,
                title=f"Measured bid {n}",
                status=BidStatus.SUBMITTED,
            )
            for n, organisation in zip(numbers, organisations, strict=True)
        )
        Submission.objects.bulk_create(
            Submission(
                bid=bid,
                number=1,
                submitted_at=timezone.now() - datetime.timedelta(days=2),
                content={"title": bid.title},
                sha256=f"{bid.pk:064x}",
            )
            for bid in bids
        )

    return View(
        user=membership.user, url=reverse(name, args=[opportunity.pk]), grow=grow, shows=shows
    )


@page("api_opportunity_bid_register", who="the opportunity's commissioner, after opening")
def api_opportunity_bid_register() -> View:
    return _opened("api_opportunity_bid_register")


@page("tenders:bid_register", who="the opportunity's commissioner, after opening")
def bid_register() -> View:
    return _opened("tenders:bid_register")


@page("tenders:bid_register_csv", who="the opportunity's commissioner, after opening")
def bid_register_csv() -> View:
    return _opened("tenders:bid_register_csv")


@page("tenders:bids_overview", who="the opportunity's commissioner, after opening")
def bids_overview() -> View:
    return _opened("tenders:bids_overview")


@page("tenders:late_permits", who="the opportunity's commissioner")
def late_permits() -> View:
    def permits(opportunity, numbers):
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Measured latecomer {n}", kind="provider", type="arts_cultural")
            for n in numbers
        )
        LateSubmissionPermit.objects.bulk_create(
            LateSubmissionPermit(
                opportunity=opportunity,
                organisation=organisation,
                reason="Their venue flooded on the closing day.",
                valid_until=timezone.now() + datetime.timedelta(days=1),
            )
            for organisation in organisations
        )

    return _nested("tenders:late_permits", permits, published=True, shows="Measured latecomer 0")
