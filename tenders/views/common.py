"""Access checks every opportunity page shares."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.models import Organisation
from tenders import inclusion, selectors
from tenders.constants import TRANSITIONS, SectionKey, Status
from tenders.models import Opportunity
from tenders.validation import publication_problems


def commissioner_opportunity(request: HttpRequest, pk: int) -> Opportunity:
    """The opportunity, for its own commissioners only: anyone else gets 404 (a draft's
    existence is not given away) and a non-commissioner member 403."""
    opportunity = selectors.opportunity_get_for_commissioner(user=request.user, pk=pk)
    if not request.user.has_perm("tenders.change_opportunity", opportunity):
        raise PermissionDenied
    return opportunity


def commissioner_organisation(request: HttpRequest) -> Organisation:
    """The commissioning organisation the person is acting for."""
    organisation = request.organisation
    if organisation is None or not request.user.has_perm("tenders.add_opportunity", organisation):
        raise PermissionDenied
    return organisation


def bidding_organisation(request: HttpRequest, permission: str) -> Organisation:
    """The provider or infrastructure organisation the person is acting for."""
    organisation = request.organisation
    if organisation is None or not request.user.has_perm(permission, organisation):
        raise PermissionDenied
    return organisation


def unless_draft(request: HttpRequest, opportunity: Opportunity) -> HttpResponse | None:
    """Drafting pages only change drafts: a published opportunity changes by amendment."""
    if opportunity.status == Status.DRAFT:
        return None
    messages.info(
        request,
        "This opportunity has been published, so its draft can no longer be edited. "
        "Change its details with an amendment.",
    )
    return redirect("tenders:workspace", pk=opportunity.pk)


def problems_before_publishing(opportunity: Opportunity) -> list[str]:
    """Everything that stops publication, as the publish service will list it.

    lifecycle.opportunity_publish adds the summary check to validation.publication_problems,
    so it is added here too, to show the whole list before the button is pressed.
    """
    problems = publication_problems(opportunity)
    if not opportunity.summary.strip():
        problems.insert(0, "Write a short summary for the list of opportunities.")
    return problems


def find(items, pk: int):
    """One of the opportunity's prefetched lots, outcomes, KPIs, criteria or gates, or 404."""
    for item in items:
        if item.pk == pk:
            return item
    raise Http404


BARRIERS = {
    1: "Procurement that does not fit small providers",
    2: "Specifications that describe activities, not outcomes",
    3: "Arts and cultural organisations not invited or not reached",
    4: "A burden of proof that new providers face",
}


def finding_link(opportunity: Opportunity, code: str) -> tuple[str, str]:
    """Where in the draft a finding is fixed, and what the link says."""
    pk = opportunity.pk
    links = {
        "arts_not_mentioned": (
            reverse("tenders:section_edit", args=[pk, SectionKey.DELIVERY]),
            "Edit who may deliver",
        ),
        "activities_not_outcomes": (reverse("tenders:outcome_list", args=[pk]), "Edit outcomes"),
        "large_without_lots": (reverse("tenders:lot_list", args=[pk]), "Add lots"),
        "short_bid_window": (
            reverse("tenders:details", args=[pk]) + "#closes_date",
            "Change the closing date",
        ),
        "disproportionate_evidence": (
            reverse("tenders:criterion_list", args=[pk]),
            "Change the criteria",
        ),
        "no_market_engagement": (
            reverse("tenders:details", args=[pk]) + "#id_engagement_planned",
            "Plan market engagement",
        ),
        "no_arts_kpi": (reverse("tenders:kpi_list", args=[pk]), "Add the KPI"),
        "low_social_value": (
            reverse("tenders:criterion_list", args=[pk]),
            "Change the weights",
        ),
        "few_directory_matches": (
            reverse("tenders:details", args=[pk]) + "#id_art_forms",
            "Change art forms and areas",
        ),
    }
    return links.get(code, (reverse("tenders:workspace", args=[pk]), "Go to the draft"))


def findings_by_barrier(opportunity: Opportunity) -> list[dict]:
    findings = [
        {"finding": finding, "link": finding_link(opportunity, finding.code)}
        for finding in inclusion.run_check(opportunity)
    ]
    return [
        {"number": barrier, "name": BARRIERS.get(barrier, ""), "items": list(items)}
        for barrier, items in groupby(findings, key=lambda item: item["finding"].barrier)
    ]


@dataclass(frozen=True)
class Action:
    """A lifecycle move a commissioner makes from the opportunity's page."""

    slug: str
    to: str
    label: str
    title: str
    body: str
    button: str
    needs_reason: bool = False
    danger: bool = False


ACTIONS = [
    Action(
        slug="close",
        to=Status.CLOSED,
        label="Close to bids",
        title="Close this opportunity to bids?",
        body="No more bids can be made. This happens by itself at the closing time.",
        button="Close to bids",
    ),
    Action(
        slug="evaluate",
        to=Status.EVALUATION,
        label="Start evaluation",
        title="Start evaluating the bids?",
        body="The opportunity is shown as in evaluation. Bids still sealed are opened first, "
        "which is recorded in the audit trail. To decide the pass/fail gates before evaluation, "
        "use Send to evaluation on the bids page instead.",
        button="Start evaluation",
    ),
    Action(
        slug="award",
        to=Status.AWARDED,
        label="Record that it was awarded",
        title="Record that the opportunity was awarded?",
        body="The opportunity is shown as awarded. This cannot be undone.",
        button="Record award",
    ),
    Action(
        slug="not-awarded",
        to=Status.NOT_AWARDED,
        label="Record that it was not awarded",
        title="Record that the opportunity was not awarded?",
        body="The opportunity is shown as not awarded. This cannot be undone.",
        button="Record not awarded",
    ),
    Action(
        slug="withdraw",
        to=Status.WITHDRAWN,
        label="Withdraw",
        title="Withdraw this opportunity",
        body="It is taken down and everyone who registered interest is emailed your reason.",
        button="Withdraw opportunity",
        needs_reason=True,
        danger=True,
    ),
    Action(
        slug="cancel",
        to=Status.CANCELLED,
        label="Cancel",
        title="Cancel this opportunity",
        body="It will not go ahead. Everyone who registered interest is emailed your reason.",
        button="Cancel opportunity",
        needs_reason=True,
        danger=True,
    ),
]


def available_actions(opportunity: Opportunity) -> list[Action]:
    """The moves tenders.constants.TRANSITIONS allows from the opportunity's status. Closing
    early is not offered: the service refuses it before the closing time."""
    allowed = TRANSITIONS[opportunity.status]
    return [
        action
        for action in ACTIONS
        if action.to in allowed and not (action.slug == "close" and opportunity.is_open)
    ]
