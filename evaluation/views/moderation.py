"""Moderation, for the chair (and, to read, the commissioners): where members disagree, the
agreed score per criterion with its rationale, the ranking, and rulings on perceived
conflicts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error
from evaluation import selectors
from evaluation.forms import ConsensusForm, RulingForm
from evaluation.services import conflicts
from evaluation.services import moderation as services
from evaluation.views.common import chaired_panel, moderation_panel


@login_required
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    access = moderation_panel(request, pk)
    panel = access.panel
    bids = selectors.moderation(panel=panel)
    lots = list(panel.lots.all()) or list(panel.opportunity.lots.all())
    groups = [{"lot": lot, "bids": [b for b in bids if b.lot == lot]} for lot in lots] or [
        {"lot": None, "bids": bids}
    ]
    groups = [g for g in groups if g["bids"]]
    return render(
        request,
        "evaluation/moderation.html",
        {
            "access": access,
            "panel": panel,
            "groups": groups,
            "flagged": sum(1 for b in bids if b.flagged),
            "complete": sum(1 for b in bids if b.consensus_complete),
            "total": len(bids),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderation_bid(request: HttpRequest, pk: int, bid_pk: int) -> HttpResponse:
    access = moderation_panel(request, pk)
    panel = access.panel
    item = selectors.moderated_bid(panel=panel, bid_id=bid_pk)
    form = ConsensusForm(
        request.POST if request.method == "POST" else None,
        rows=item.rows,
        scale=selectors.scale_of(panel.opportunity),
    )
    can_record = access.is_chair and panel.status == "moderation"
    if request.method == "POST" and access.is_chair and form.is_valid():
        entries = form.entries()
        if not entries:
            form.add_error(
                None, "Record the agreed score and rationale for at least one criterion."
            )
        else:
            try:
                with transaction.atomic():
                    for criterion, value, not_applicable, rationale in entries:
                        services.consensus_record(
                            actor=request.user,
                            panel=panel,
                            bid=item.bid,
                            criterion=criterion,
                            value=value,
                            not_applicable=not_applicable,
                            rationale=rationale,
                        )
            except ApplicationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "The consensus scores have been saved.")
                return redirect("evaluation:moderation_bid", pk=panel.pk, bid_pk=item.bid.pk)
    return render(
        request,
        "evaluation/moderation_bid.html",
        {
            "access": access,
            "panel": panel,
            "item": item,
            "form": form,
            "sections": form.sections(),
            "can_record": can_record,
            "answers": item.submission.content.get("answers", {}),
        },
    )


@login_required
def rulings(request: HttpRequest, pk: int) -> HttpResponse:
    access = chaired_panel(request, pk)
    return render(
        request,
        "evaluation/rulings.html",
        {
            "panel": access.panel,
            "declarations": selectors.declarations_for_panel(panel=access.panel),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ruling(request: HttpRequest, pk: int, declaration_pk: int) -> HttpResponse:
    access = chaired_panel(request, pk)
    declaration = selectors.declaration_get_for_chair(access=access, pk=declaration_pk)
    form = RulingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conflicts.declaration_rule(
                actor=request.user,
                declaration=declaration,
                ruling=form.cleaned_data["ruling"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"Your decision on {declaration.member.full_name}'s conflict has been recorded.",
            )
            return redirect("evaluation:rulings", pk=access.panel.pk)
    return render(
        request,
        "evaluation/ruling_form.html",
        {"form": form, "panel": access.panel, "declaration": declaration},
    )
