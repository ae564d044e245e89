"""The commissioner's side: their opportunities, and drafting one part by part."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from commissioning.selectors import programme_list_for_organisation
from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from tenders import selectors
from tenders.constants import (
    QuestionStatus,
    SectionKey,
    Status,
)
from tenders.forms import (
    KpiForm,
    LotForm,
    OpportunityCreateForm,
    OpportunityDetailsForm,
    OutcomeForm,
)
from tenders.models import Opportunity
from tenders.routes import rule_for
from tenders.services import drafting
from tenders.validation import weight_totals
from tenders.views.common import (
    available_actions,
    commissioner_opportunity,
    commissioner_organisation,
    find,
    findings_by_barrier,
    problems_before_publishing,
    unless_draft,
)


def _sections(opportunity: Opportunity) -> list:
    by_key = {section.key: section for section in opportunity.sections.all()}
    return [by_key[key] for key in SectionKey.values if key in by_key]


def _tasks(opportunity: Opportunity) -> list[dict]:
    """The draft's parts as GOV.UK task list groups, with a status for each."""
    pk = opportunity.pk
    totals = weight_totals(opportunity)
    weights_done = bool(totals) and all(total == 100 for total in totals.values())
    details_done = bool(opportunity.summary.strip() and opportunity.closes_at)
    if rule_for(opportunity.route).needs_justification:
        details_done = details_done and bool(opportunity.direct_award_justification.strip())
    lots = list(opportunity.lots.all())
    outcomes = list(opportunity.outcomes_sought.all())
    kpis = list(opportunity.kpis.all())

    def task(slug: str, title: str, url: str, done: bool | None, hint: str = "") -> dict:
        status = {True: "Completed", False: "Incomplete", None: "Optional"}[done]
        return {"slug": slug, "title": title, "url": url, "status": status, "hint": hint}

    return [
        {
            "title": "Describe the opportunity",
            "tasks": [
                task(
                    "details",
                    "Details and timeline",
                    reverse("tenders:details", args=[pk]),
                    details_done,
                    "Route, money, who and where, and the dates.",
                ),
                task(
                    "lots",
                    "Lots",
                    reverse("tenders:lot_list", args=[pk]),
                    True if lots else None,
                    f"{len(lots)} lot{'s' if len(lots) != 1 else ''}.",
                ),
                task(
                    "outcomes",
                    "Outcomes for people",
                    reverse("tenders:outcome_list", args=[pk]),
                    bool(outcomes),
                    f"{len(outcomes)} outcome{'s' if len(outcomes) != 1 else ''} for people.",
                ),
            ],
        },
        {
            "title": "Write the specification",
            "tasks": [
                task(
                    f"section-{section.key}",
                    section.get_key_display(),
                    reverse("tenders:section_edit", args=[pk, section.key]),
                    bool(section.body.strip()),
                )
                for section in _sections(opportunity)
            ],
        },
        {
            "title": "Say how bids are assessed and monitored",
            "tasks": [
                task(
                    "kpis",
                    "KPIs from the library",
                    reverse("tenders:kpi_list", args=[pk]),
                    True if kpis else None,
                    f"{len(kpis)} KPI{'s' if len(kpis) != 1 else ''}.",
                ),
                task(
                    "criteria",
                    "Assessment criteria and pass/fail gates",
                    reverse("tenders:criterion_list", args=[pk]),
                    weights_done,
                    "Weights must total 100%.",
                ),
            ],
        },
    ]


@login_required
def opportunity_list(request: HttpRequest) -> HttpResponse:
    organisation = commissioner_organisation(request)
    page = paginate(request, selectors.opportunity_list_for_organisation(organisation=organisation))
    return render(
        request,
        "tenders/manage/opportunity_list.html",
        {"organisation": organisation, "page_obj": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_create(request: HttpRequest) -> HttpResponse:
    organisation = commissioner_organisation(request)
    form = OpportunityCreateForm(
        request.POST if request.method == "POST" else None, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = drafting.opportunity_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{opportunity.title} has been created as a draft.")
            return redirect("tenders:workspace", pk=opportunity.pk)
    return render(
        request,
        "tenders/manage/opportunity_create.html",
        {
            "form": form,
            "organisation": organisation,
            "has_programmes": programme_list_for_organisation(organisation=organisation).exists(),
        },
    )


@login_required
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's task list and inclusion check; a published opportunity's actions."""
    opportunity = commissioner_opportunity(request, pk)
    context = {
        "opportunity": opportunity,
        "rule": rule_for(opportunity.route),
        "actions": available_actions(opportunity),
    }
    if opportunity.status == Status.DRAFT:
        context["task_groups"] = _tasks(opportunity)
        context["barriers"] = findings_by_barrier(opportunity)
        context["finding_count"] = sum(len(b["items"]) for b in context["barriers"])
        context["problems"] = problems_before_publishing(opportunity)
    else:
        questions = selectors.questions_for_commissioner(opportunity=opportunity)
        context["open_questions"] = sum(1 for q in questions if q.status == QuestionStatus.OPEN)
        context["interests"] = selectors.interested_organisations(opportunity=opportunity)
    return render(request, "tenders/manage/workspace.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    form = OpportunityDetailsForm(
        request.POST if request.method == "POST" else None, opportunity=opportunity
    )
    if request.method == "POST" and form.is_valid():
        try:
            drafting.opportunity_update(
                actor=request.user, opportunity=opportunity, **form.details()
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The details and timeline have been saved.")
            return redirect("tenders:workspace", pk=opportunity.pk)
    return render(
        request, "tenders/manage/details.html", {"form": form, "opportunity": opportunity}
    )


@login_required
def lot_list(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    return render(request, "tenders/manage/lot_list.html", {"opportunity": opportunity})


@login_required
@require_http_methods(["GET", "POST"])
def lot_form(request: HttpRequest, pk: int, lot_pk: int | None = None) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    lot = find(opportunity.lots.all(), lot_pk) if lot_pk else None
    form = LotForm(request.POST if request.method == "POST" else None, lot=lot)
    if request.method == "POST" and form.is_valid():
        try:
            saved = drafting.lot_save(
                actor=request.user, opportunity=opportunity, lot=lot, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Lot {saved.number}, {saved.title}, has been saved.")
            return redirect("tenders:lot_list", pk=opportunity.pk)
    return render(
        request,
        "tenders/manage/lot_form.html",
        {
            "form": form,
            "opportunity": opportunity,
            "lot": lot,
            "heading": f"Change lot {lot.number}" if lot else "Add a lot",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lot_delete(request: HttpRequest, pk: int, lot_pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    lot = find(opportunity.lots.all(), lot_pk)
    if request.method == "POST":
        try:
            drafting.lot_delete(actor=request.user, lot=lot)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{lot} has been deleted.")
        return redirect("tenders:lot_list", pk=opportunity.pk)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Delete {lot}?",
            "confirm_body": "Its criteria are deleted too. The other lots are renumbered.",
            "confirm_button": "Delete lot",
            "cancel_url": reverse("tenders:lot_list", args=[opportunity.pk]),
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_list(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    form = OutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            drafting.outcome_add(actor=request.user, opportunity=opportunity, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The outcome has been added.")
            return redirect("tenders:outcome_list", pk=opportunity.pk)
    return render(
        request, "tenders/manage/outcome_list.html", {"form": form, "opportunity": opportunity}
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_remove(request: HttpRequest, pk: int, outcome_pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    outcome = find(opportunity.outcomes_sought.all(), outcome_pk)
    if request.method == "POST":
        drafting.outcome_remove(actor=request.user, outcome=outcome)
        messages.success(request, "The outcome has been removed.")
        return redirect("tenders:outcome_list", pk=opportunity.pk)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Remove this outcome?",
            "confirm_body": outcome.statement,
            "confirm_button": "Remove outcome",
            "cancel_url": reverse("tenders:outcome_list", args=[opportunity.pk]),
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kpi_list(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    form = KpiForm(
        request.POST if request.method == "POST" else None, organisation=opportunity.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = drafting.kpi_add(
                actor=request.user, opportunity=opportunity, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{item.kpi.name} has been added.")
            return redirect("tenders:kpi_list", pk=opportunity.pk)
    return render(
        request,
        "tenders/manage/kpi_list.html",
        {
            "form": form,
            "opportunity": opportunity,
            "kpis_section_url": reverse("tenders:section_edit", args=[pk, SectionKey.KPIS]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kpi_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    item = find(opportunity.kpis.all(), item_pk)
    if request.method == "POST":
        drafting.kpi_remove(actor=request.user, item=item)
        messages.success(request, f"{item.kpi.name} has been removed.")
        return redirect("tenders:kpi_list", pk=opportunity.pk)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Remove the KPI “{item.kpi.name}”?",
            "confirm_button": "Remove KPI",
            "cancel_url": reverse("tenders:kpi_list", args=[opportunity.pk]),
            "danger": True,
        },
    )


@login_required
def inclusion_check(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    return render(
        request,
        "tenders/manage/inclusion_check.html",
        {"opportunity": opportunity, "barriers": findings_by_barrier(opportunity)},
    )
