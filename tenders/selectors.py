"""Reads for opportunities: public lists, access checks, matching providers, Q&A."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.rules import is_member_of
from commissioning.models import Area
from providers.models import Consortium, ProviderProfile
from tenders.constants import (
    PUBLIC_STATUSES,
    BidPartnerStatus,
    BidStatus,
    Eligibility,
    QuestionStatus,
    Status,
)
from tenders.models import (
    Attachment,
    Bid,
    BidPartner,
    Criterion,
    Interest,
    LateSubmissionPermit,
    Lot,
    Opportunity,
    PublishedVersion,
    Question,
    Release,
    Submission,
    TargetedInvitation,
)


@dataclass
class OpportunityFilters:
    q: str = ""
    routes: list[str] = field(default_factory=list)
    outcome_areas: list[int] = field(default_factory=list)
    areas: list[int] = field(default_factory=list)
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    closing_before: datetime.date | None = None
    include_closed: bool = False


def opportunity_list_public(filters: OpportunityFilters | None = None) -> QuerySet[Opportunity]:
    """Published opportunities anyone can see, soonest closing first."""
    filters = filters or OpportunityFilters()
    queryset = Opportunity.objects.filter(status__in=PUBLIC_STATUSES)
    if not filters.include_closed:
        queryset = queryset.filter(status=Status.PUBLISHED, closes_at__gt=timezone.now())
    if filters.q:
        queryset = queryset.filter(Q(title__icontains=filters.q) | Q(summary__icontains=filters.q))
    if filters.routes:
        queryset = queryset.filter(route__in=filters.routes)
    if filters.outcome_areas:
        queryset = queryset.filter(
            outcomes_sought__outcome_area__in=filters.outcome_areas
        ).distinct()
    if filters.areas:
        queryset = queryset.filter(areas__in=_areas_with_relatives(filters.areas)).distinct()
    if filters.min_value is not None:
        queryset = queryset.filter(total_budget__gte=filters.min_value)
    if filters.max_value is not None:
        queryset = queryset.filter(total_budget__lte=filters.max_value)
    if filters.closing_before is not None:
        queryset = queryset.filter(closes_at__date__lte=filters.closing_before)
    return queryset.select_related("organisation", "programme").order_by("closes_at", "pk")


def opportunity_list_for_organisation(*, organisation: Organisation) -> QuerySet[Opportunity]:
    return (
        Opportunity.objects.filter(organisation=organisation)
        .select_related("programme")
        .annotate(
            question_count=Count(
                "questions", filter=Q(questions__status=QuestionStatus.OPEN), distinct=True
            ),
            interest_count=Count("interests", distinct=True),
        )
        .order_by("-created_at")
    )


def _detail_queryset() -> QuerySet[Opportunity]:
    return Opportunity.objects.select_related("organisation", "programme").prefetch_related(
        Prefetch("lots", queryset=Lot.objects.prefetch_related("outcome_areas")),
        "outcomes_sought__outcome_area",
        "sections",
        "kpis__kpi",
        Prefetch("criteria", queryset=Criterion.objects.select_related("lot")),
        "gates",
        "art_forms",
        "areas",
    )


def opportunity_get_for_user(*, user: User, pk: int) -> Opportunity:
    """A published opportunity for anyone; a draft only for its commissioners (else 404)."""
    try:
        opportunity = _detail_queryset().get(pk=pk)
    except Opportunity.DoesNotExist as exc:
        raise Http404 from exc
    if opportunity.status in PUBLIC_STATUSES:
        return opportunity
    if user.is_authenticated and (user.is_staff or is_member_of(user, opportunity.organisation)):
        return opportunity
    raise Http404


def opportunity_get_for_commissioner(*, user: User, pk: int) -> Opportunity:
    """For editing pages: only the owning organisation's members (else 404)."""
    opportunity = opportunity_get_for_user(user=user, pk=pk)
    if not (user.is_authenticated and is_member_of(user, opportunity.organisation)):
        raise Http404
    return opportunity


def _areas_with_relatives(area_ids: list[int]) -> set[int]:
    """The areas, the districts inside any county among them, and the counties they lie in."""
    ids = set(area_ids)
    ids |= set(Area.objects.filter(parent_id__in=area_ids).values_list("id", flat=True))
    ids |= set(
        Area.objects.filter(id__in=area_ids, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    return ids


def opportunity_outcome_area_ids(opportunity: Opportunity) -> list[int]:
    ids = {o.outcome_area_id for o in opportunity.outcomes_sought.all()}
    for lot in opportunity.lots.all():
        ids |= {a.pk for a in lot.outcome_areas.all()}
    return sorted(ids)


def matching_providers(*, opportunity: Opportunity) -> QuerySet[ProviderProfile]:
    """Listed directory providers whose outcomes, art forms and areas fit the opportunity."""
    return providers_matching(
        outcome_area_ids=opportunity_outcome_area_ids(opportunity),
        art_form_ids=[a.pk for a in opportunity.art_forms.all()],
        area_ids=[a.pk for a in opportunity.areas.all()],
    )


def providers_matching(
    *, outcome_area_ids: list[int], art_form_ids: list[int], area_ids: list[int]
) -> QuerySet[ProviderProfile]:
    """Listed directory providers that share an outcome area, an art form and an area (with
    the counties and districts around it) with those given; an empty list matches anything.
    Market-engagement events find the providers to invite with it too."""
    queryset = ProviderProfile.objects.filter(is_listed=True)
    if outcome_area_ids:
        queryset = queryset.filter(outcome_area_ids__overlap=sorted(outcome_area_ids))
    if art_form_ids:
        queryset = queryset.filter(art_form_ids__overlap=sorted(art_form_ids))
    if area_ids:
        queryset = queryset.filter(area_ids__overlap=sorted(_areas_with_relatives(area_ids)))
    return queryset.select_related("organisation").order_by("sort_name")


def published_questions(*, opportunity: Opportunity) -> QuerySet[Question]:
    """Answers published to everyone, without the asker."""
    return opportunity.questions.filter(status=QuestionStatus.PUBLISHED).order_by("answered_at")


def questions_for_organisation(
    *, opportunity: Opportunity, organisation: Organisation
) -> QuerySet[Question]:
    return opportunity.questions.filter(organisation=organisation).order_by("created_at")


def questions_for_commissioner(*, opportunity: Opportunity) -> QuerySet[Question]:
    return opportunity.questions.select_related("organisation", "asked_by").order_by(
        "status", "created_at"
    )


def question_get_for_commissioner(*, user: User, pk: int) -> Question:
    try:
        question = Question.objects.select_related("opportunity__organisation").get(pk=pk)
    except Question.DoesNotExist as exc:
        raise Http404 from exc
    if not is_member_of(user, question.opportunity.organisation):
        raise Http404
    return question


def interest_for(*, opportunity: Opportunity, organisation: Organisation | None) -> Interest | None:
    if organisation is None:
        return None
    return opportunity.interests.filter(organisation=organisation).first()


def interested_organisations(*, opportunity: Opportunity) -> QuerySet[Interest]:
    return opportunity.interests.select_related("organisation").order_by("organisation__name")


def invitations_for(*, opportunity: Opportunity) -> QuerySet[TargetedInvitation]:
    registered = Interest.objects.filter(opportunity=opportunity).values("organisation_id")
    return (
        opportunity.invitations.select_related("organisation", "sent_by")
        .annotate(registered=Count("organisation", filter=Q(organisation_id__in=registered)))
        .order_by("organisation__name")
    )


def versions_for(*, opportunity: Opportunity) -> QuerySet[PublishedVersion]:
    return opportunity.published_versions.select_related("published_by").order_by("-number")


def release_list() -> QuerySet[Release]:
    return Release.objects.order_by("-date", "-id")


def release_get(*, release_id: str) -> Release:
    try:
        return Release.objects.get(release_id=release_id)
    except Release.DoesNotExist as exc:
        raise Http404 from exc


def releases_for_ocid(*, ocid: str) -> list[Release]:
    releases = list(Release.objects.filter(ocid=ocid).order_by("date", "id"))
    if not releases:
        raise Http404
    return releases


# Bids ------------------------------------------------------------------------------------
# A bid is sealed: its organisation and partners can see it; the commissioner sees only counts
# until the opportunity has closed AND the bids have been opened (an audited act), then the
# submitted versions; anyone else cannot learn it exists.

SEALED_UNTIL = {Status.DRAFT, Status.PUBLISHED}


def bid_list_for_organisation(*, organisation: Organisation) -> QuerySet[Bid]:
    """Bids the organisation leads or is a confirmed partner in."""
    return (
        Bid.objects.filter(
            Q(organisation=organisation)
            | Q(partners__organisation=organisation, partners__status=BidPartnerStatus.CONFIRMED)
        )
        .distinct()
        .select_related("opportunity", "organisation")
        .annotate(submission_count=Count("submissions", distinct=True))
        .order_by("opportunity__closes_at", "pk")
    )


def bids_on_opportunity_for_organisation(
    *, organisation: Organisation, opportunity: Opportunity
) -> QuerySet[Bid]:
    """The organisation's own bids on one opportunity (to point at before starting another)."""
    return Bid.objects.filter(organisation=organisation, opportunity=opportunity).order_by("pk")


def bid_list_for_user(*, user: User) -> QuerySet[Bid]:
    """Bids of every organisation the person belongs to, as lead or confirmed partner."""
    if not user.is_authenticated:
        return Bid.objects.none()
    return (
        Bid.objects.filter(
            Q(organisation__memberships__user=user)
            | Q(
                partners__organisation__memberships__user=user,
                partners__status=BidPartnerStatus.CONFIRMED,
            )
        )
        .distinct()
        .select_related("opportunity", "organisation")
        .annotate(submission_count=Count("submissions", distinct=True))
        .order_by("opportunity__closes_at", "pk")
    )


def bid_invitations_for_organisation(*, organisation: Organisation) -> QuerySet[BidPartner]:
    """Open invitations to take part in another organisation's bid."""
    return (
        BidPartner.objects.filter(organisation=organisation, status=BidPartnerStatus.INVITED)
        .select_related("bid__organisation", "bid__opportunity")
        .order_by("-created_at")
    )


def bid_invitations_for_user(*, user: User) -> QuerySet[BidPartner]:
    """Open invitations to any organisation the person belongs to."""
    if not user.is_authenticated:
        return BidPartner.objects.none()
    return (
        BidPartner.objects.filter(
            organisation__memberships__user=user, status=BidPartnerStatus.INVITED
        )
        .select_related("bid__organisation", "bid__opportunity", "organisation")
        .order_by("-created_at", "pk")
    )


def bid_partner_get_for_invitee(*, user: User, pk: int) -> BidPartner:
    """An invitation, for members of the invited organisation only (404 otherwise)."""
    partner = (
        BidPartner.objects.select_related("bid__organisation", "bid__opportunity", "organisation")
        .filter(pk=pk)
        .first()
    )
    if partner is None or not is_member_of(user, partner.organisation):
        raise Http404
    return partner


def consortia_led_by(*, organisation: Organisation) -> QuerySet[Consortium]:
    """The directory consortia an organisation may bid for: those it leads."""
    return Consortium.objects.filter(lead=organisation).order_by("name")


def bid_partner_candidates(*, bid: Bid) -> QuerySet[Organisation]:
    """Directory-listed providers the lead may invite: not itself, not already asked."""
    asked = BidPartner.objects.filter(bid=bid).values("organisation_id")
    return (
        Organisation.objects.filter(profile__is_listed=True)
        .exclude(pk=bid.organisation_id)
        .exclude(pk__in=asked)
        .order_by("name")
    )


def bid_questions(bid: Bid) -> list[Criterion]:
    """The criteria the bid answers: the opportunity's own and those of the lots it is for."""
    lot_ids = {lot.pk for lot in bid.lots.all()}
    return [c for c in bid.opportunity.criteria.all() if c.lot_id is None or c.lot_id in lot_ids]


def bid_is_lead(*, user: User, bid: Bid) -> bool:
    """Members of the lead organisation submit and withdraw; partners only contribute."""
    return is_member_of(user, bid.organisation)


def bid_partners_prefetch() -> Prefetch:
    """A bid's partners with their organisations (who they are decides who may see the bid)."""
    return Prefetch("partners", queryset=BidPartner.objects.select_related("organisation"))


def _bid_detail_queryset() -> QuerySet[Bid]:
    return Bid.objects.select_related(
        "opportunity__organisation", "organisation__profile", "consortium"
    ).prefetch_related(
        "lots",
        "opportunity__lots",
        "opportunity__criteria",
        "opportunity__gates",
        "answers",
        "gate_answers",
        "budget_lines",
        "attachments",
        bid_partners_prefetch(),
        # The receipts list, not each version's sealed copy of the bid (read on its receipt).
        Prefetch("submissions", queryset=Submission.objects.defer("content").order_by("-number")),
    )


def _bid_record_queryset() -> QuerySet[Bid]:
    """What the API's record of a bid shows: no questions, answers or receipts."""
    return Bid.objects.select_related("opportunity", "organisation").prefetch_related(
        "lots",
        "budget_lines",
        "attachments",
        bid_partners_prefetch(),
    )


def _bid_access_queryset() -> QuerySet[Bid]:
    """Only what deciding who may reach a bid reads: its organisation and partners."""
    return Bid.objects.select_related("organisation").prefetch_related(bid_partners_prefetch())


def bid_get_for_bidder(*, user: User, pk: int) -> Bid:
    """The bid for members of its organisation and of its confirmed partners; 404 otherwise.
    With everything its page shows."""
    return _bid_for_bidder(user, pk, _bid_detail_queryset())


def bid_record_for_bidder(*, user: User, pk: int) -> Bid:
    """As `bid_get_for_bidder`, with what the API's record of the bid shows."""
    return _bid_for_bidder(user, pk, _bid_record_queryset())


def bid_for_bidder_to_act(*, user: User, pk: int) -> Bid:
    """As `bid_get_for_bidder`, for a service that reads what it needs itself (submitting
    reads the bid again under its lock)."""
    return _bid_for_bidder(user, pk, _bid_access_queryset())


def _bid_for_bidder(user: User, pk: int, queryset: QuerySet[Bid]) -> Bid:
    if not user.is_authenticated:
        raise Http404
    bid = queryset.filter(pk=pk).first()
    if bid is None:
        raise Http404
    if is_member_of(user, bid.organisation):
        return bid
    if any(
        p.status == BidPartnerStatus.CONFIRMED and is_member_of(user, p.organisation)
        for p in bid.partners.all()
    ):
        return bid
    raise Http404


@dataclass
class LotBidCounts:
    lot: Lot
    interested: int
    drafts: int
    submitted: int


@dataclass
class BidCounts:
    """What a commissioner may know while bids are sealed: how many, never who or what."""

    interested: int
    drafts: int
    submitted: int
    withdrawn: int
    lots: list[LotBidCounts]

    @property
    def started(self) -> int:
        return self.drafts + self.submitted + self.withdrawn


def bid_counts(*, opportunity: Opportunity) -> BidCounts:
    """Counts for the whole opportunity (one query) and for each lot (one query)."""
    totals = Opportunity.objects.filter(pk=opportunity.pk).aggregate(
        interested=Count("interests", distinct=True),
        drafts=Count("bids", filter=Q(bids__status=BidStatus.DRAFT), distinct=True),
        submitted=Count("bids", filter=Q(bids__status=BidStatus.SUBMITTED), distinct=True),
        withdrawn=Count("bids", filter=Q(bids__status=BidStatus.WITHDRAWN), distinct=True),
    )
    lots = (
        Lot.objects.filter(opportunity=opportunity)
        .annotate(
            interested_count=Count("interests", distinct=True),
            draft_count=Count("bids", filter=Q(bids__status=BidStatus.DRAFT), distinct=True),
            submitted_count=Count(
                "bids", filter=Q(bids__status=BidStatus.SUBMITTED), distinct=True
            ),
        )
        .order_by("number", "pk")
    )
    return BidCounts(
        interested=totals["interested"],
        drafts=totals["drafts"],
        submitted=totals["submitted"],
        withdrawn=totals["withdrawn"],
        lots=[
            LotBidCounts(
                lot=lot,
                interested=lot.interested_count,
                drafts=lot.draft_count,
                submitted=lot.submitted_count,
            )
            for lot in lots
        ],
    )


def bids_are_open(opportunity: Opportunity) -> bool:
    """Bid content exists for the commissioner only after close and an audited opening."""
    return opportunity.status not in SEALED_UNTIL and opportunity.bids_opened_at is not None


def _check_opened_for(user: User, opportunity: Opportunity) -> None:
    if not user.is_authenticated:
        raise Http404
    if not is_member_of(user, opportunity.organisation):
        raise Http404
    if not bids_are_open(opportunity):
        raise Http404


def _latest_submissions() -> QuerySet[Submission]:
    """Each bid's newest submission, by anti-join (no DISTINCT, so it composes)."""
    newer = Submission.objects.filter(bid=OuterRef("bid"), number__gt=OuterRef("number"))
    return Submission.objects.filter(~Exists(newer))


def _in_lot(lot: Lot) -> Exists:
    return Exists(Bid.lots.through.objects.filter(bid_id=OuterRef("bid_id"), lot_id=lot.pk))


def submissions_for_commissioner(
    *, user: User, opportunity: Opportunity, lot: Lot | None = None
) -> QuerySet[Submission]:
    """After the bids are opened, the latest submitted version of each bid not withdrawn (in
    one lot, if given); before that, 404 for everyone."""
    _check_opened_for(user, opportunity)
    queryset = _latest_submissions().filter(
        bid__opportunity=opportunity, bid__status=BidStatus.SUBMITTED
    )
    if lot is not None:
        queryset = queryset.filter(_in_lot(lot))
    return (
        queryset.select_related("bid__organisation", "bid__eligibility_decided_by", "submitted_by")
        .prefetch_related("bid__lots", "bid__attachments")
        .order_by("bid__organisation__name", "bid_id")
    )


def submissions_for_evaluation(
    *, opportunity: Opportunity, lot: Lot | None = None
) -> QuerySet[Submission]:
    """What evaluation assesses: the latest submission of each submitted bid that did not fail
    the gates (optionally in one lot). The caller checks who may read them."""
    queryset = (
        _latest_submissions()
        .filter(bid__opportunity=opportunity, bid__status=BidStatus.SUBMITTED)
        .exclude(bid__eligibility=Eligibility.FAILED)
    )
    if lot is not None:
        queryset = queryset.filter(_in_lot(lot))
    return queryset


def bid_get_for_commissioner(*, user: User, opportunity: Opportunity, pk: int) -> Bid:
    """One submitted bid of an opened opportunity, with every version; 404 otherwise."""
    _check_opened_for(user, opportunity)
    bid = (
        Bid.objects.filter(
            pk=pk, opportunity=opportunity, status=BidStatus.SUBMITTED, submissions__isnull=False
        )
        .select_related("organisation", "consortium", "eligibility_decided_by")
        .prefetch_related(
            "lots",
            "attachments",
            Prefetch(
                "submissions",
                queryset=Submission.objects.select_related("submitted_by").order_by("-number"),
            ),
        )
        .distinct()
        .first()
    )
    if bid is None:
        raise Http404
    return bid


def register_for_commissioner(*, user: User, opportunity: Opportunity) -> QuerySet[Submission]:
    """Every submitted version of every bid (withdrawn ones too, for the record), once the
    bids are opened; each annotated with its bid's latest version number."""
    _check_opened_for(user, opportunity)
    latest = Submission.objects.filter(bid=OuterRef("bid")).order_by("-number").values("number")[:1]
    return (
        Submission.objects.filter(bid__opportunity=opportunity)
        .annotate(latest_number=Subquery(latest))
        .select_related("bid__organisation", "late_accepted_by")
        .order_by("bid__organisation__name", "bid_id", "number")
    )


def late_permits_for(*, opportunity: Opportunity) -> QuerySet[LateSubmissionPermit]:
    return opportunity.late_permits.select_related("organisation", "decided_by").order_by(
        "organisation__name"
    )


def late_permit_candidates(*, opportunity: Opportunity) -> QuerySet[Organisation]:
    """Organisations that registered interest (every bidder has): who might ask to be late.
    Who registered is not sealed; who started a bid is, so this never looks at bids."""
    return Organisation.objects.filter(interests__opportunity=opportunity).order_by("name")


def attachment_get_for_user(*, user: User, pk: int) -> Attachment:
    """Bid attachments through one checked door: bidders always, the commissioner once the
    bids are opened (and only a submitted bid's)."""
    attachment = (
        Attachment.objects.select_related("bid__opportunity__organisation").filter(pk=pk).first()
    )
    if attachment is None or not user.is_authenticated:
        raise Http404
    bid = attachment.bid
    try:
        bid_get_for_bidder(user=user, pk=bid.pk)
        return attachment
    except Http404:
        pass
    if (
        bids_are_open(bid.opportunity)
        and bid.status == BidStatus.SUBMITTED
        and is_member_of(user, bid.opportunity.organisation)
    ):
        return attachment
    raise Http404
