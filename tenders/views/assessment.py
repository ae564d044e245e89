"""How bids are assessed: weighted criteria (the Provider Selection Regime's key criteria one
click away) and pass/fail gates."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from core.viewutils import add_service_error
from tenders.constants import PSR_KEY_CRITERIA, CriterionKind
from tenders.forms import CriterionForm, GateForm
from tenders.models import Opportunity
from tenders.routes import rule_for
from tenders.services import drafting
from tenders.validation import social_value_warning
from tenders.views.common import commissioner_opportunity, find, unless_draft


def _criteria_scopes(opportunity: Opportunity) -> list[dict]:
    """Criteria grouped as they are weighted: the whole opportunity, then each lot."""
    criteria = list(opportunity.criteria.all())
    scopes = [{"lot": None, "criteria": [c for c in criteria if c.lot_id is None]}]
    scopes += [
        {"lot": lot, "criteria": [c for c in criteria if c.lot_id == lot.pk]}
        for lot in opportunity.lots.all()
    ]
    for scope in scopes:
        scope["total"] = sum(c.weight for c in scope["criteria"])
        scope["remaining"] = 100 - scope["total"]
    return [s for s in scopes if s["criteria"] or s["lot"] is None]


@login_required
def criterion_list(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    titles = {c.title for c in opportunity.criteria.all()}
    rule = rule_for(opportunity.route)
    psr = [
        {"index": index, "title": title, "added": title in titles}
        for index, title in enumerate(PSR_KEY_CRITERIA)
    ]
    return render(
        request,
        "tenders/manage/criterion_list.html",
        {
            "opportunity": opportunity,
            "scopes": _criteria_scopes(opportunity),
            "psr_criteria": psr if rule.offers_psr_criteria else [],
            "social_value_warning": social_value_warning(opportunity),
            "scale": opportunity.scoring_scale,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_form(request: HttpRequest, pk: int, criterion_pk: int | None = None) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    criterion = find(opportunity.criteria.all(), criterion_pk) if criterion_pk else None
    initial = {}
    if criterion is not None:
        initial = {
            "kind": criterion.kind,
            "title": criterion.title,
            "guidance": criterion.guidance,
            "weight": criterion.weight,
            "word_limit": criterion.word_limit,
            "lot": criterion.lot,
        }
    form = CriterionForm(
        request.POST if request.method == "POST" else None, initial=initial, opportunity=opportunity
    )
    if request.method == "POST" and form.is_valid():
        try:
            drafting.criterion_save(
                actor=request.user,
                opportunity=opportunity,
                criterion=criterion,
                **form.cleaned_data,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"“{form.cleaned_data['title']}” has been saved.")
            return redirect("tenders:criterion_list", pk=opportunity.pk)
    return render(
        request,
        "tenders/manage/criterion_form.html",
        {
            "form": form,
            "opportunity": opportunity,
            "criterion": criterion,
            "scopes": _criteria_scopes(opportunity),
        },
    )


@login_required
@require_POST
def psr_criterion_add(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """One click adds one of the Provider Selection Regime's key criteria at 20%."""
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    if index >= len(PSR_KEY_CRITERIA) or not rule_for(opportunity.route).offers_psr_criteria:
        messages.error(request, "That key criterion is not offered for this route.")
        return redirect("tenders:criterion_list", pk=opportunity.pk)
    title = PSR_KEY_CRITERIA[index]
    try:
        drafting.criterion_save(
            actor=request.user,
            opportunity=opportunity,
            kind=CriterionKind.PSR_KEY,
            title=title,
            weight=Decimal(20),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"“{title}” has been added at 20%. Change its weight if needed.")
    return redirect("tenders:criterion_list", pk=opportunity.pk)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_delete(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    criterion = find(opportunity.criteria.all(), criterion_pk)
    if request.method == "POST":
        drafting.criterion_delete(actor=request.user, criterion=criterion)
        messages.success(request, f"“{criterion.title}” has been deleted.")
        return redirect("tenders:criterion_list", pk=opportunity.pk)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Delete “{criterion.title}”?",
            "confirm_button": "Delete criterion",
            "cancel_url": reverse("tenders:criterion_list", args=[opportunity.pk]),
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def gate_form(request: HttpRequest, pk: int, gate_pk: int | None = None) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    gate = find(opportunity.gates.all(), gate_pk) if gate_pk else None
    initial = {"title": gate.title, "guidance": gate.guidance} if gate else {}
    form = GateForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            drafting.gate_save(
                actor=request.user, opportunity=opportunity, gate=gate, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"“{form.cleaned_data['title']}” has been saved.")
            return redirect("tenders:criterion_list", pk=opportunity.pk)
    return render(
        request,
        "tenders/manage/gate_form.html",
        {"form": form, "opportunity": opportunity, "gate": gate},
    )


@login_required
@require_http_methods(["GET", "POST"])
def gate_delete(request: HttpRequest, pk: int, gate_pk: int) -> HttpResponse:
    opportunity = commissioner_opportunity(request, pk)
    if response := unless_draft(request, opportunity):
        return response
    gate = find(opportunity.gates.all(), gate_pk)
    if request.method == "POST":
        drafting.gate_delete(actor=request.user, gate=gate)
        messages.success(request, f"“{gate.title}” has been deleted.")
        return redirect("tenders:criterion_list", pk=opportunity.pk)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Delete the gate “{gate.title}”?",
            "confirm_button": "Delete gate",
            "cancel_url": reverse("tenders:criterion_list", args=[opportunity.pk]),
            "danger": True,
        },
    )
