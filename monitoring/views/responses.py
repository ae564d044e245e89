"""Pseudonymised instrument responses: entered on a form, or imported from CSV after a
row-by-row check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from monitoring.forms import ImportConfirmForm, ImportForm, ResponseForm
from monitoring.instruments import INSTRUMENTS, InstrumentError
from monitoring.services import responses as service
from monitoring.views.common import agreement_for, sides


@login_required
@require_http_methods(["GET", "POST"])
def response_list(request: HttpRequest, pk: int, instrument: str = "swemwbs") -> HttpResponse:
    agreement = agreement_for(request, pk)
    definition = INSTRUMENTS.get(instrument)
    if definition is None:
        raise Http404
    context = sides(request, agreement)
    form = None
    if context["is_provider"]:
        form = ResponseForm(
            request.POST if request.method == "POST" else None, instrument=definition
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                response = service.response_record(
                    actor=request.user,
                    agreement=agreement,
                    code=data["code"],
                    instrument=definition.code,
                    time_point=data["time_point"],
                    collected_on=data["collected_on"],
                    items=form.items(),
                )
            except (ApplicationError, InstrumentError) as exc:
                add_service_error(form, exc)
            else:
                score = (
                    response.metric_score
                    if response.metric_score is not None
                    else response.raw_score
                )
                scored = f" scoring {score}" if score is not None else ""
                messages.success(
                    request,
                    f"{response.participant.code}'s {response.get_time_point_display().lower()} response has been saved{scored}.",
                )
                return redirect(
                    "monitoring:response_list", pk=agreement.pk, instrument=definition.code
                )
    elif request.method == "POST":
        raise Http404
    responses = (
        agreement.responses.filter(instrument=definition.code)
        .select_related("participant")
        .order_by("participant__code", "time_point")
    )
    return render(
        request,
        "monitoring/response_list.html",
        {
            "agreement": agreement,
            "instrument": definition,
            "instruments": INSTRUMENTS.values(),
            "page_obj": paginate(request, responses, per_page=50),
            "form": form,
            **context,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def response_import(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_for(request, pk, "monitoring.report")
    if request.method == "POST" and "csv_text" in request.POST:
        confirm = ImportConfirmForm(request.POST)
        if not confirm.is_valid():
            messages.error(request, "The import could not be read. Upload the file again.")
            return redirect("monitoring:response_import", pk=agreement.pk)
        data = confirm.cleaned_data
        try:
            count = service.responses_import(
                actor=request.user,
                agreement=agreement,
                instrument=data["instrument"],
                csv_text=data["csv_text"],
                only_good_rows=data["choice"] == "good",
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("monitoring:response_import", pk=agreement.pk)
        messages.success(request, f"{count} response{'s' if count != 1 else ''} imported.")
        return redirect("monitoring:response_list", pk=agreement.pk, instrument=data["instrument"])
    form = (
        ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST"
        else ImportForm()
    )
    report = None
    if request.method == "POST" and form.is_valid():
        report = service.responses_import_check(
            agreement=agreement,
            instrument=form.cleaned_data["instrument"],
            csv_text=form.cleaned_data["file"],
        )
        if report.problems:
            for problem in report.problems:
                form.add_error("file", problem)
            report = None
    return render(
        request,
        "monitoring/response_import.html",
        {
            "agreement": agreement,
            "form": form,
            "report": report,
            "csv_text": form.cleaned_data.get("file", "") if report else "",
            "columns": {code: service.import_columns(code) for code in INSTRUMENTS},
        },
    )
