"""Agreements: the list, entering one directly, its dashboard, KPIs, variations and payments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from monitoring import charts, selectors
from monitoring.constants import LEVEL_DESCRIPTIONS, ReturnStatus
from monitoring.forms import AgreementForm, AgreementKpiForm, PeriodTargetsForm, VariationForm
from monitoring.schedule import reminder_schedule
from monitoring.services import agreements as service
from monitoring.views.common import agreement_for, sides


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    return render(
        request,
        "monitoring/agreement_list.html",
        {
            "page_obj": paginate(request, selectors.agreement_list_for_user(user=request.user)),
            "can_add": organisation is not None
            and request.user.has_perm("monitoring.add_agreement", organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    if organisation is None or not request.user.has_perm("monitoring.add_agreement", organisation):
        raise PermissionDenied
    form = AgreementForm(
        request.POST if request.method == "POST" else None, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = service.agreement_create(
                actor=request.user,
                programme=data["programme"],
                provider=data["provider"],
                title=data["title"],
                summary=data["summary"],
                kind=data["kind"],
                value=data["value"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                monitoring_level=data["monitoring_level"] or None,
                frequency=data["frequency"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, f"{agreement.title} has been set up. Now add its KPIs and targets."
            )
            return redirect(agreement)
    return render(request, "monitoring/agreement_form.html", {"form": form})


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_for(request, pk)
    dashboard = selectors.agreement_dashboard(agreement=agreement)
    kpi_charts = [charts.kpi_chart(series) for series in dashboard.series]
    wellbeing = [
        charts.wellbeing_chart(result)
        for result in dashboard.results
        if result.analysis is not None
    ]
    spend_chart = charts.spend_chart(dashboard.spend) if dashboard.spend.lines else None
    schedule = [
        {
            "period": period,
            "report": getattr(period, "report", None),
            "reminders": reminder_schedule(period.due_on),
            "sent": {r.kind for r in period.reminders.all()},
        }
        for period in dashboard.periods
    ]
    return render(
        request,
        "monitoring/agreement_detail.html",
        {
            "agreement": dashboard.agreement,
            "dashboard": dashboard,
            "kpi_charts": list(zip(dashboard.series, kpi_charts, strict=True)),
            "wellbeing_charts": list(
                zip(
                    [r for r in dashboard.results if r.analysis is not None], wellbeing, strict=True
                )
            ),
            "spend_chart": spend_chart,
            "schedule": schedule,
            "level_description": LEVEL_DESCRIPTIONS[dashboard.agreement.monitoring_level],
            "statuses": ReturnStatus,
            **sides(request, agreement),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kpi_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_for(request, pk, "monitoring.manage_agreement")
    form = AgreementKpiForm(request.POST if request.method == "POST" else None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            service.agreement_kpi_add(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, f"{form.cleaned_data['kpi'].name} has been added with its targets."
            )
            return redirect(agreement)
    return render(
        request,
        "monitoring/kpi_form.html",
        {
            "form": form,
            "agreement": agreement,
            "page_title": "Add a KPI",
            "caption": agreement.title,
            "button": "Add KPI",
            "back_url": agreement.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kpi_targets(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    agreement = agreement_for(request, pk, "monitoring.manage_agreement")
    item = selectors.agreement_kpi_get(agreement=agreement, pk=kpi_pk)
    form = PeriodTargetsForm(
        request.POST if request.method == "POST" else None,
        agreement_kpi=item,
        periods=agreement.periods.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = service.kpi_targets_set(
                actor=request.user, agreement_kpi=item, targets=form.targets()
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"Targets by period for {item.kpi.name} have been saved."
                if changed
                else f"Nothing changed in the targets for {item.kpi.name}.",
            )
            return redirect(reverse("monitoring:agreement_detail", args=[agreement.pk]) + "#kpis")
    return render(
        request,
        "monitoring/kpi_targets.html",
        {"form": form, "agreement": agreement, "item": item},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_vary(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_for(request, pk, "monitoring.manage_agreement")
    form = VariationForm(request.POST if request.method == "POST" else None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.agreement_vary(
                actor=request.user,
                agreement=agreement,
                reason=data["reason"],
                value=data["value"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                targets=form.changed_targets,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, "The variation has been recorded and the provider has been emailed."
            )
            return redirect(agreement)
    return render(
        request,
        "monitoring/vary_form.html",
        {
            "form": form,
            "agreement": agreement,
            "page_title": "Vary the agreement",
            "caption": agreement.title,
            "button": "Record variation",
            "back_url": agreement.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def instalment_paid(request: HttpRequest, pk: int, instalment_pk: int) -> HttpResponse:
    agreement = agreement_for(request, pk, "monitoring.manage_agreement")
    instalment = agreement.instalments.filter(pk=instalment_pk).first()
    if instalment is None:
        raise Http404
    if request.method == "POST":
        try:
            service.instalment_mark_paid(actor=request.user, instalment=instalment)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Instalment {instalment.number} is recorded as paid today.")
        return redirect(agreement)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Record instalment {instalment.number} as paid today?",
            "confirm_body": f"£{instalment.amount:,.2f}, due on {instalment.due_on:%-d %B %Y}. This cannot be undone.",
            "confirm_button": "Record as paid",
            "cancel_url": reverse("monitoring:agreement_detail", args=[agreement.pk]),
        },
    )
