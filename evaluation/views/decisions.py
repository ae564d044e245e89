"""The commissioner's end of a panel: the funding line, decisions, letters, the standstill,
representations, confirming awards, and the panel report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from core.viewutils import add_service_error
from evaluation import selectors
from evaluation.constants import Outcome
from evaluation.forms import DecisionForm, RepresentationForm
from evaluation.services import decisions as services
from evaluation.views.common import managed_panel, panel_access
from tenders.routes import rule_for


@login_required
def funding_line(request: HttpRequest, pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    panel = access.panel
    view = selectors.funding_line_for(panel=panel)
    rows = []
    for position, candidate in enumerate(
        sorted(view.line.funded + view.line.below, key=lambda c: (-c.total, c.amount, c.bid_id)),
        start=1,
    ):
        rows.append(
            {
                "rank": position,
                "candidate": candidate,
                "bid": view.bids[candidate.bid_id],
                "proposed": Outcome(view.proposed_outcome(candidate.bid_id)),
                "guaranteed": candidate.bid_id in view.line.guaranteed,
                "skipped": candidate in view.line.skipped,
                "decision": view.decisions.get(candidate.bid_id),
            }
        )
    lot_rows = [
        {
            "lot": lot,
            "left": view.line.lot_left.get(lot.pk),
            "funded": sum(1 for c in view.line.funded if c.lot_id == lot.pk),
        }
        for lot in view.lots
    ]
    return render(
        request,
        "evaluation/funding_line.html",
        {
            "panel": panel,
            "view": view,
            "rows": rows,
            "lot_rows": lot_rows,
            "undecided": sum(1 for r in rows if r["decision"] is None),
        },
    )


@login_required
@require_POST
def decisions_apply(request: HttpRequest, pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    try:
        count = services.decisions_from_funding_line(actor=request.user, panel=access.panel)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{count} decisions recorded from the funding line.")
    return redirect("evaluation:funding_line", pk=access.panel.pk)


@login_required
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, pk: int, bid_pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    panel = access.panel
    view = selectors.funding_line_for(panel=panel)
    item = view.bids.get(bid_pk)
    if item is None:
        raise Http404
    existing = view.decisions.get(bid_pk)
    proposed = view.proposed_outcome(bid_pk)
    initial = (
        {
            "outcome": existing.outcome,
            "amount_awarded": existing.amount_awarded,
            "reasons": existing.reasons,
            "override_reason": existing.override_reason,
        }
        if existing
        else {"outcome": proposed, "amount_awarded": selectors.award_amount(panel, item.amount)}
    )
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                actor=request.user,
                panel=panel,
                bid=item.bid,
                outcome=form.cleaned_data["outcome"],
                amount_awarded=form.cleaned_data["amount_awarded"],
                reasons=form.cleaned_data["reasons"],
                override_reason=form.cleaned_data["override_reason"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"The decision on {item.bid.title} has been saved.")
            return redirect("evaluation:funding_line", pk=panel.pk)
    return render(
        request,
        "evaluation/decision_form.html",
        {
            "form": form,
            "panel": panel,
            "item": item,
            "proposed": Outcome(proposed),
            "existing": existing,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def letters_send(request: HttpRequest, pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    panel = access.panel
    if request.method == "POST":
        try:
            letters = services.letters_send(actor=request.user, panel=panel)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("evaluation:funding_line", pk=panel.pk)
        messages.success(request, f"{len(letters)} decision letters have been sent.")
        return redirect("evaluation:awards", pk=panel.pk)
    rule = rule_for(panel.opportunity.route)
    body = (
        "Each applicant is emailed and can read their letter in their account: their consensus "
        "scores and the panel's reasons, never members' own scores or names."
    )
    if rule.standstill_working_days:
        body += (
            f" A standstill of {rule.standstill_working_days} working days begins; awards can be "
            "confirmed once it ends."
        )
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Send the decision letters?",
            "confirm_body": body + " Decisions can no longer change.",
            "confirm_button": "Send letters",
            "cancel_url": reverse("evaluation:funding_line", args=[panel.pk]),
        },
    )


@login_required
def awards(request: HttpRequest, pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    panel = access.panel
    funded = [d for d in selectors.decisions_for(panel=panel) if d.outcome == Outcome.FUNDED]
    return render(
        request,
        "evaluation/awards.html",
        {
            "panel": panel,
            "funded": funded,
            "letters": panel.letters.select_related("organisation").order_by("organisation__name"),
            "representations": selectors.representations_for(panel=panel),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def award_confirm(request: HttpRequest, pk: int, bid_pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    panel = access.panel
    decision = selectors.decision_get(panel=panel, bid_id=bid_pk)
    if decision is None:
        raise Http404
    if request.method == "POST":
        try:
            services.award_confirm(actor=request.user, decision=decision)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, f"The award to {decision.bid.organisation.name} is confirmed."
            )
        return redirect("evaluation:awards", pk=panel.pk)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Confirm the award to {decision.bid.organisation.name}?",
            "confirm_body": (
                f"£{decision.amount_awarded:,.2f} for {decision.bid.title}. The agreement is "
                "then set up for monitoring. This cannot be undone."
            ),
            "confirm_button": "Confirm award",
            "cancel_url": reverse("evaluation:awards", args=[panel.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def representation_new(request: HttpRequest, pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    panel = access.panel
    submissions = list(selectors.panel_submissions(panel=panel))
    form = RepresentationForm(
        request.POST or None,
        bids=[(s.bid_id, f"{s.bid.organisation.name}: {s.bid.title}") for s in submissions],
    )
    if request.method == "POST" and form.is_valid():
        bid = next((s.bid for s in submissions if s.bid_id == form.cleaned_data["bid"]), None)
        try:
            services.representation_record(
                actor=request.user,
                panel=panel,
                received_from=form.cleaned_data["received_from"],
                received_on=form.cleaned_data["received_on"],
                summary=form.cleaned_data["summary"],
                response=form.cleaned_data["response"],
                bid=bid,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The representation has been recorded.")
            return redirect("evaluation:awards", pk=panel.pk)
    return render(request, "evaluation/representation_form.html", {"form": form, "panel": panel})


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    access = panel_access(request, pk)
    if not (access.is_manager or access.is_chair):
        raise PermissionDenied
    panel = access.panel
    return render(
        request,
        "evaluation/report.html",
        {"panel": panel, **selectors.panel_report(panel=panel), "access": access},
    )
