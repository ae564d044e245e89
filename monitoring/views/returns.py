"""Returns: the provider fills one in and submits it; the commissioner accepts or queries it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from core.viewutils import add_service_error, file_open
from monitoring import selectors
from monitoring.constants import EDITABLE_STATUSES, LEVEL_REQUIREMENTS, ReturnStatus
from monitoring.forms import (
    ActualsForm,
    CaseStudyForm,
    EvidenceForm,
    ReturnNarrativeForm,
    ReviewForm,
    SpendForm,
    SubmitForm,
)
from monitoring.services import evidence as evidence_service
from monitoring.services import returns as service
from monitoring.views.common import agreement_for, return_for, sides


@login_required
@require_POST
def return_start(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    agreement = agreement_for(request, pk, "monitoring.report")
    period = agreement.periods.filter(pk=period_pk).first()
    if period is None:
        raise Http404
    try:
        report = service.return_start(actor=request.user, period=period)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(agreement)
    return redirect(report)


@login_required
def return_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = return_for(request, pk)
    agreement = report.agreement
    evidence = selectors.evidence_visible(
        user=request.user, agreement=agreement, queryset=report.evidence.all()
    )
    actuals = {a.agreement_kpi_id: a for a in report.actuals.all()}
    spend = {s.budget_line_id: s for s in report.spend_lines.all()}
    context = sides(request, agreement)
    editable = context["is_provider"] and report.status in EDITABLE_STATUSES
    return render(
        request,
        "monitoring/return_detail.html",
        {
            "report": report,
            "agreement": agreement,
            "kpi_rows": [(item, actuals.get(item.pk)) for item in agreement.kpis.all()],
            "reports_kpis": any(item.calculated_from is None for item in agreement.kpis.all()),
            "spend_rows": [(line, spend.get(line.pk)) for line in agreement.budget_lines.all()],
            "evidence": list(evidence),
            "editable": editable,
            "problems": service.submission_problems(report) if editable else [],
            "needs": LEVEL_REQUIREMENTS[agreement.monitoring_level],
            "can_review": context["is_commissioner"] and report.status == ReturnStatus.SUBMITTED,
            **context,
        },
    )


def _editable(request: HttpRequest, pk: int):
    report = return_for(request, pk, "monitoring.report")
    if report.status not in EDITABLE_STATUSES:
        messages.info(
            request,
            f"This return is {report.get_status_display().lower()}, so it can no longer be changed.",
        )
        return report, redirect(report)
    return report, None


def _page(request, report, form, *, title: str, button: str, enctype: bool = False) -> HttpResponse:
    return render(
        request,
        "monitoring/return_form.html",
        {
            "report": report,
            "form": form,
            "page_title": title,
            "button": button,
            "multipart": enctype,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def return_narrative(request: HttpRequest, pk: int) -> HttpResponse:
    report, stop = _editable(request, pk)
    if stop:
        return stop
    initial = {
        name: getattr(report, name)
        for name in (
            "narrative",
            "learning_commissioners",
            "learning_sector",
            "learning_delivery",
            "spend_to_date",
        )
    }
    form = ReturnNarrativeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            service.return_update(actor=request.user, report=report, **data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The narrative has been saved.")
            return redirect(report)
    return _page(request, report, form, title="Narrative, learning and spend", button="Save")


@login_required
@require_http_methods(["GET", "POST"])
def return_actuals(request: HttpRequest, pk: int) -> HttpResponse:
    report, stop = _editable(request, pk)
    if stop:
        return stop
    form = ActualsForm(request.POST if request.method == "POST" else None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for item, value in form.values():
                    service.actual_record(
                        actor=request.user, report=report, agreement_kpi=item, value=value
                    )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The KPI actuals have been saved.")
            return redirect(report)
    return _page(request, report, form, title="KPI actuals for this period", button="Save actuals")


@login_required
@require_http_methods(["GET", "POST"])
def return_spend(request: HttpRequest, pk: int) -> HttpResponse:
    report, stop = _editable(request, pk)
    if stop:
        return stop
    form = SpendForm(request.POST if request.method == "POST" else None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for line, amount in form.values():
                    service.spend_record(
                        actor=request.user, report=report, budget_line=line, amount=amount
                    )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Spend against the budget has been saved.")
            return redirect(report)
    return _page(
        request, report, form, title="Spend to date against each budget line", button="Save spend"
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_study_add(request: HttpRequest, pk: int) -> HttpResponse:
    report, stop = _editable(request, pk)
    if stop:
        return stop
    form = CaseStudyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service.case_study_add(actor=request.user, report=report, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The case study has been added.")
            return redirect(report)
    return _page(request, report, form, title="Add a case study", button="Add case study")


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    report, stop = _editable(request, pk)
    if stop:
        return stop
    form = (
        EvidenceForm(request.POST or None, request.FILES or None)
        if request.method == "POST"
        else EvidenceForm()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evidence_service.evidence_add(
                actor=request.user,
                report=report,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                upload=data["file"],
                url=data["url"],
                identifiable=data["identifiable"],
                consented=data["consented"],
                safeguarding_concern=data["safeguarding_concern"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{data['title']} has been added.")
            return redirect(report)
    return _page(request, report, form, title="Add evidence", button="Add evidence", enctype=True)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_remove(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    report, stop = _editable(request, pk)
    if stop:
        return stop
    evidence = next((e for e in report.evidence.all() if e.pk == evidence_pk), None)
    if evidence is None:
        raise Http404
    if request.method == "POST":
        try:
            evidence_service.evidence_remove(actor=request.user, evidence=evidence)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{evidence.title} has been removed.")
        return redirect(report)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Remove {evidence.title}?",
            "confirm_body": "The file is deleted from the return. This cannot be undone.",
            "confirm_button": "Remove evidence",
            "cancel_url": report.get_absolute_url(),
            "danger": True,
        },
    )


@login_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Evidence files through one checked door, never from a public media URL."""
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk)
    if not evidence.file:
        raise Http404
    response = FileResponse(file_open(evidence.file), content_type=evidence.file_type)
    response["Content-Disposition"] = "inline" if evidence.is_image else "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def return_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report, stop = _editable(request, pk)
    if stop:
        return stop
    form = SubmitForm(request.POST if request.method == "POST" else None)
    problems = service.submission_problems(report)
    if request.method == "POST" and form.is_valid():
        try:
            service.return_submit(
                actor=request.user, report=report, comment=form.cleaned_data["comment"]
            )
        except ApplicationError as exc:
            problems = exc.extra.get("problems") or []
            if not problems:
                add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"Your return for {report.period.label} has been submitted. {report.agreement.commissioner.name} has been emailed.",
            )
            return redirect(report)
    return render(
        request,
        "monitoring/return_submit.html",
        {
            "report": report,
            "form": form,
            "problems": problems,
            "resubmission": report.status == ReturnStatus.QUERIED,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def return_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = return_for(request, pk, "monitoring.review_return")
    if report.status != ReturnStatus.SUBMITTED:
        messages.info(
            request,
            f"This return is {report.get_status_display().lower()}: only a submitted return can be reviewed.",
        )
        return redirect(report)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                service.return_accept(actor=request.user, report=report, comment=data["comment"])
            else:
                service.return_query(actor=request.user, report=report, comment=data["comment"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            done = "accepted" if data["decision"] == "accept" else "sent back with your query"
            messages.success(
                request,
                f"The return has been {done}. {report.agreement.provider.name} has been emailed.",
            )
            return redirect(report)
    return render(
        request,
        "monitoring/return_form.html",
        {
            "report": report,
            "form": form,
            "page_title": "Review this return",
            "button": "Save decision",
            "cancel_url": reverse("monitoring:return_detail", args=[report.pk]),
        },
    )
