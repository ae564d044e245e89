"""Publishing, amending and the later moves of an opportunity's life."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error
from tenders import selectors
from tenders.constants import Status
from tenders.forms import OpportunityAmendForm, ReasonForm
from tenders.models import Opportunity
from tenders.services import lifecycle
from tenders.views.common import (
    ACTIONS,
    available_actions,
    commissioner_opportunity,
    findings_by_barrier,
    problems_before_publishing,
)


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if opportunity.status != Status.DRAFT:
        messages.info(request, "This opportunity has already been published.")
        return redirect("tenders:workspace", pk=opportunity.pk)
    if request.method == "POST":
        try:
            lifecycle.opportunity_publish(actor=request.user, opportunity=opportunity)
        except ApplicationError as exc:
            problems = exc.extra.get("problems") or [exc.message]
        else:
            messages.success(
                request, f"{opportunity.title} has been published. Providers can now find it."
            )
            return redirect("tenders:workspace", pk=opportunity.pk)
    else:
        problems = problems_before_publishing(opportunity)
    return render(
        request,
        "tenders/manage/publish.html",
        {
            "opportunity": opportunity,
            "problems": problems,
            "barriers": findings_by_barrier(opportunity),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if opportunity.status != Status.PUBLISHED:
        messages.info(request, "Only an opportunity that is open for bids can be amended.")
        return redirect("tenders:workspace", pk=opportunity.pk)
    form = OpportunityAmendForm(
        request.POST if request.method == "POST" else None, opportunity=opportunity
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = lifecycle.opportunity_amend(
                actor=request.user,
                opportunity=opportunity,
                reason=form.cleaned_data["reason"],
                **form.changes(),
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"Version {version.number} has been published. Everyone who registered "
                "interest has been emailed the reason.",
            )
            return redirect("tenders:workspace", pk=opportunity.pk)
    return render(request, "tenders/manage/amend.html", {"form": form, "opportunity": opportunity})


def _perform(action_slug: str, *, actor, opportunity: Opportunity, reason: str) -> None:
    if action_slug == "close":
        lifecycle.opportunity_close(actor=actor, opportunity=opportunity)
    elif action_slug == "evaluate":
        lifecycle.opportunity_start_evaluation(actor=actor, opportunity=opportunity)
    elif action_slug in ("award", "not-awarded"):
        lifecycle.opportunity_decide(
            actor=actor, opportunity=opportunity, awarded=action_slug == "award"
        )
    elif action_slug == "withdraw":
        lifecycle.opportunity_withdraw(actor=actor, opportunity=opportunity, reason=reason)
    elif action_slug == "cancel":
        lifecycle.opportunity_cancel(actor=actor, opportunity=opportunity, reason=reason)


@login_required
@require_http_methods(["GET", "POST"])
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Confirm a move (with a reason when bidders must be told why), then make it."""
    opportunity = commissioner_opportunity(request, pk)
    chosen = next((a for a in ACTIONS if a.slug == action), None)
    if chosen is None:
        raise Http404
    if chosen not in available_actions(opportunity):
        messages.error(
            request,
            f"An opportunity that is {opportunity.get_status_display().lower()} cannot be "
            f"moved on that way.",
        )
        return redirect("tenders:workspace", pk=opportunity.pk)
    form = (
        ReasonForm(request.POST if request.method == "POST" else None)
        if chosen.needs_reason
        else None
    )
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            _perform(
                chosen.slug,
                actor=request.user,
                opportunity=opportunity,
                reason=form.cleaned_data["reason"] if form else "",
            )
        except ApplicationError as exc:
            if form is None:
                messages.error(request, exc.message)
                return redirect("tenders:workspace", pk=opportunity.pk)
            add_service_error(form, exc)
        else:
            messages.success(
                request, f"{opportunity.title} is now {Status(chosen.to).label.lower()}."
            )
            return redirect("tenders:workspace", pk=opportunity.pk)
    return render(
        request,
        "tenders/manage/transition.html",
        {
            "opportunity": opportunity,
            "action": chosen,
            "form": form,
            "cancel_url": reverse("tenders:workspace", args=[opportunity.pk]),
        },
    )


@login_required
def version_list(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    return render(
        request,
        "tenders/manage/version_list.html",
        {
            "opportunity": opportunity,
            "versions": selectors.versions_for(opportunity=opportunity),
        },
    )
