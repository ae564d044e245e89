"""What everyone sees: the list of opportunities, an opportunity's page and its printable
specification; and what providers do there: register interest and ask questions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from tenders import selectors
from tenders.constants import SectionKey
from tenders.forms import InterestForm, OpportunityFilterForm, QuestionForm
from tenders.models import Opportunity
from tenders.routes import rule_for
from tenders.services import engagement
from tenders.validation import weight_totals
from tenders.views.common import bidding_organisation


def opportunity_list(request: HttpRequest) -> HttpResponse:
    form = OpportunityFilterForm(request.GET or None)
    page = paginate(request, selectors.opportunity_list_public(form.filters()))
    return render(
        request,
        "tenders/public/opportunity_list.html",
        {"form": form, "page_obj": page, "filtered": bool(request.GET.dict().keys() - {"page"})},
    )


def _specification(opportunity: Opportunity) -> dict:
    """What a bidder reads, in the specification's order, from the prefetched opportunity."""
    by_key = {section.key: section for section in opportunity.sections.all()}
    criteria = list(opportunity.criteria.all())
    outcomes = list(opportunity.outcomes_sought.all())
    kpis = list(opportunity.kpis.all())
    return {
        "opportunity": opportunity,
        "rule": rule_for(opportunity.route),
        "sections": [
            by_key[key]
            for key in SectionKey.values
            if key in by_key
            and (
                by_key[key].body
                or (key == SectionKey.OUTCOMES and outcomes)
                or (key == SectionKey.KPIS and kpis)
            )
        ],
        "lots": list(opportunity.lots.all()),
        "outcomes": outcomes,
        "kpis": kpis,
        "criteria": criteria,
        "criteria_by_scope": [
            {"scope": scope, "criteria": [c for c in criteria if _scope(c) == scope], "total": t}
            for scope, t in sorted(weight_totals(opportunity).items())
        ],
        "gates": list(opportunity.gates.all()),
        "scale": opportunity.scoring_scale,
    }


def _scope(criterion) -> str:
    return f"Lot {criterion.lot.number}" if criterion.lot_id else "The opportunity"


def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Published: anyone. A draft: only its own commissioners (404 for everyone else)."""
    opportunity = selectors.opportunity_get_for_user(user=request.user, pk=pk)
    context = _specification(opportunity)
    context["answers"] = selectors.published_questions(opportunity=opportunity)
    context["can_manage"] = request.user.has_perm("tenders.change_opportunity", opportunity)
    organisation = request.organisation if request.user.is_authenticated else None
    if organisation is not None and request.user.has_perm("tenders.ask_question", organisation):
        context["organisation"] = organisation
        context["interest"] = selectors.interest_for(
            opportunity=opportunity, organisation=organisation
        )
        context["own_questions"] = selectors.questions_for_organisation(
            opportunity=opportunity, organisation=organisation
        )
        context["question_form"] = QuestionForm()
        deadline = opportunity.clarification_deadline or opportunity.closes_at
        context["questions_closed"] = bool(deadline and deadline <= timezone.now())
    return render(request, "tenders/public/opportunity_detail.html", context)


def specification_print(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get_for_user(user=request.user, pk=pk)
    context = _specification(opportunity)
    context["answers"] = selectors.published_questions(opportunity=opportunity)
    return render(request, "tenders/public/specification_print.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def interest_register(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get_for_user(user=request.user, pk=pk)
    organisation = bidding_organisation(request, "tenders.register_interest")
    interest = selectors.interest_for(opportunity=opportunity, organisation=organisation)
    initial = {"lots": list(interest.lots.all())} if interest else {}
    form = InterestForm(
        request.POST if request.method == "POST" else None, initial=initial, opportunity=opportunity
    )
    if request.method == "POST" and form.is_valid():
        try:
            engagement.interest_register(
                actor=request.user,
                opportunity=opportunity,
                organisation=organisation,
                lots=form.cleaned_data.get("lots", []),
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"{organisation.name} has registered interest. You will be emailed about "
                "amendments and new answers.",
            )
            return redirect(opportunity)
    return render(
        request,
        "tenders/public/interest_form.html",
        {
            "form": form,
            "opportunity": opportunity,
            "organisation": organisation,
            "interest": interest,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get_for_user(user=request.user, pk=pk)
    organisation = bidding_organisation(request, "tenders.register_interest")
    interest = selectors.interest_for(opportunity=opportunity, organisation=organisation)
    if interest is None:
        return redirect(opportunity)
    if request.method == "POST":
        engagement.interest_withdraw(actor=request.user, interest=interest)
        messages.success(request, f"{organisation.name} is no longer registered as interested.")
        return redirect(opportunity)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Withdraw your interest?",
            "confirm_body": "You will no longer be emailed about amendments and new answers.",
            "confirm_button": "Withdraw interest",
            "cancel_url": opportunity.get_absolute_url(),
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get_for_user(user=request.user, pk=pk)
    organisation = bidding_organisation(request, "tenders.ask_question")
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            engagement.question_ask(
                actor=request.user,
                opportunity=opportunity,
                organisation=organisation,
                **form.cleaned_data,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                "Your question has been sent. The answer will appear on this page; you will "
                "be emailed when it does.",
            )
            return redirect(reverse("tenders:opportunity_detail", args=[pk]) + "#your-questions")
    return render(
        request,
        "tenders/public/question_form.html",
        {"form": form, "opportunity": opportunity, "organisation": organisation},
    )
