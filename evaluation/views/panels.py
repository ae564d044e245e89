"""Setting a panel up (commissioners) and every panel's home page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from evaluation import selectors
from evaluation.constants import PanelStatus
from evaluation.forms import MemberInviteForm, PanelCreateForm, PanelPlanForm
from evaluation.services import panels as services
from evaluation.views.common import managed_panel, panel_access

PLAN_FIELDS = [
    "name",
    "briefing",
    "assignment_mode",
    "min_scorers_per_bid",
    "blind_review",
    "comment_min_length",
    "variance_threshold",
    "interview_stage",
    "interview_notes",
    "budget",
    "guarantee_one_per_lot",
]


@login_required
def panel_list(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    can_create = organisation is not None and request.user.has_perm(
        "evaluation.add_panel", organisation
    )
    page = paginate(request, selectors.panel_list_for_user(user=request.user))
    return render(
        request,
        "evaluation/panel_list.html",
        {"page_obj": page, "can_create": can_create},
    )


def _plan_initial(panel) -> dict:
    initial = {name: getattr(panel, name) for name in PLAN_FIELDS}
    initial["lots"] = list(panel.lots.all())
    return initial


def _plan_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in PLAN_FIELDS if name in form.cleaned_data}


@login_required
@require_http_methods(["GET", "POST"])
def panel_create(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    if organisation is None or not request.user.has_perm("evaluation.add_panel", organisation):
        raise PermissionDenied
    opportunities = list(selectors.panel_opportunities_for(organisation=organisation))
    chosen_id = request.POST.get("opportunity") or request.GET.get("opportunity")
    opportunity = next((o for o in opportunities if str(o.pk) == chosen_id), None)
    if opportunity is None:
        return render(
            request,
            "evaluation/panel_choose_opportunity.html",
            {
                "opportunities": opportunities,
                "error": "Choose an opportunity." if chosen_id else "",
            },
            status=400 if chosen_id else 200,
        )
    initial = {
        "name": f"Assessment panel: {opportunity.title}",
        "assignment_mode": "all",
        "min_scorers_per_bid": 3,
        "comment_min_length": 0,
        "variance_threshold": 2,
        "budget": opportunity.total_budget,
        "opportunity": opportunity.pk,
    }
    form = PanelCreateForm(
        request.POST if request.method == "POST" and "name" in request.POST else None,
        initial=initial,
        opportunity=opportunity,
    )
    form.fields["opportunity"].choices = [(opportunity.pk, opportunity.title)]
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            panel = services.panel_create(
                actor=request.user,
                opportunity=opportunity,
                lots=form.cleaned_data.get("lots") or [],
                **_plan_data(form),
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{panel.name} has been set up. Now invite its members.")
            return redirect(panel)
    return render(
        request,
        "evaluation/panel_form.html",
        {"form": form, "opportunity": opportunity, "panel": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def panel_plan(request: HttpRequest, pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    panel = access.panel
    fixed = panel.status != PanelStatus.SETUP
    form = PanelPlanForm(
        request.POST if request.method == "POST" else None,
        initial=_plan_initial(panel),
        opportunity=panel.opportunity,
        fixed=fixed,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_update_plan(actor=request.user, panel=panel, **_plan_data(form))
            if not fixed and "lots" in form.cleaned_data:
                panel.lots.set(form.cleaned_data["lots"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The assessment plan has been saved.")
            return redirect(panel)
    return render(
        request,
        "evaluation/panel_form.html",
        {"form": form, "opportunity": panel.opportunity, "panel": panel},
    )


@login_required
def panel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = panel_access(request, pk)
    panel = access.panel
    context = {
        "access": access,
        "panel": panel,
        "opportunity": panel.opportunity,
        "members": list(selectors.member_list(panel=panel)) if access.is_manager else [],
        "bids": selectors.member_bids(access=access),
        "bid_count": selectors.panel_submissions(panel=panel).count(),
        "pending_rulings": [
            d for d in selectors.declarations_for_panel(panel=panel) if d.ruling == "pending"
        ]
        if access.is_chair
        else [],
    }
    return render(request, "evaluation/panel_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_invite(request: HttpRequest, pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    panel = access.panel
    lots = list(panel.lots.all()) or list(panel.opportunity.lots.all())
    form = MemberInviteForm(request.POST or None, lots=lots)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_invite(
                actor=request.user,
                panel=panel,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=form.cleaned_data["role"],
                lots=form.cleaned_data.get("lots") or [],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"We have emailed an invitation to {member.email}.")
            return redirect(panel)
    return render(request, "evaluation/member_invite.html", {"form": form, "panel": panel})


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    panel = access.panel
    member = next((m for m in selectors.member_list(panel=panel) if m.pk == member_pk), None)
    if member is None:
        raise Http404
    if request.method == "POST":
        try:
            services.member_remove(actor=request.user, member=member)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{member.full_name} has been removed from the panel.")
        return redirect(panel)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Remove {member.full_name} from the panel?",
            "confirm_body": "Their invitation stops working. You can invite them again.",
            "confirm_button": "Remove member",
            "cancel_url": panel.get_absolute_url(),
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def panel_open(request: HttpRequest, pk: int) -> HttpResponse:
    access = managed_panel(request, pk)
    panel = access.panel
    if request.method == "POST":
        try:
            created = services.panel_open_scoring(actor=request.user, panel=panel)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"Scoring is open: {created} bids assigned to members, who have been emailed.",
            )
        return redirect(panel)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Open scoring?",
            "confirm_body": "Bids are assigned to members and each member is emailed. How bids "
            "are shared out and whether review is blind can no longer change.",
            "confirm_button": "Open scoring",
            "cancel_url": panel.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderation_start(request: HttpRequest, pk: int) -> HttpResponse:
    access = panel_access(request, pk)
    panel = access.panel
    if not (access.is_chair or access.is_manager):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.panel_start_moderation(actor=request.user, panel=panel)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(panel)
        messages.success(request, "Moderation has started. Submitted scores can no longer change.")
        return redirect("evaluation:moderation", pk=panel.pk)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Start moderation?",
            "confirm_body": "Members can no longer change their scores. Scores not submitted "
            "by now are shown as missing.",
            "confirm_button": "Start moderation",
            "cancel_url": panel.get_absolute_url(),
        },
    )
