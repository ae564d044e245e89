"""Report pages: ask for a report, watch it being built, download it, and the list of your
reports. Thin: access check → selector or service → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from reports import selectors, services
from reports.presentation import job_rows, progress_token


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.report_job_list_for_user(user=request.user))
    return render(request, "reports/list.html", {"page_obj": page, "rows": job_rows(page)})


@login_required
@require_http_methods(["GET", "POST"])
def report_request(request: HttpRequest, kind: str, target_id: int) -> HttpResponse:
    report_kind, target = selectors.report_target_for_user(
        user=request.user, kind_slug=kind, pk=target_id
    )
    form = report_kind.form_class(request.POST if request.method == "POST" else None, target=target)
    if request.method == "POST" and form.is_valid():
        try:
            job, created = services.report_request(
                actor=request.user,
                organisation=request.organisation,
                kind=report_kind.slug,
                target_id=target.pk,
                parameters=form.parameters(),
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            if not created:
                messages.info(request, "You already asked for this report: here it is.")
            return redirect(job)
    return render(
        request,
        "reports/request.html",
        {
            "form": form,
            "kind": report_kind,
            "target": target,
            "back_url": report_kind.back_link(target=target),
        },
    )


def _progress_context(job) -> dict[str, object]:
    return {
        "job": job,
        "can_retry": services.report_can_retry(job),
        "token": progress_token(job),
        "rows": job_rows([job]),
    }


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.report_job_get_for_user(user=request.user, pk=pk)
    return render(request, "reports/detail.html", _progress_context(job))


@login_required
@require_GET
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress panel, polled by HTMX. Nothing changed since the page's last look: 204,
    so nothing is swapped and screen readers hear nothing new."""
    job = selectors.report_job_get_for_user(user=request.user, pk=pk)
    if not request.htmx:
        return redirect(job)
    if request.GET.get("seen") == progress_token(job):
        return HttpResponse(status=204)
    return render(request, "reports/_progress.html", _progress_context(job))


@login_required
@require_GET
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    job = selectors.report_job_file_for_user(user=request.user, pk=pk)
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=services.download_name(job),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.report_job_get_for_user(user=request.user, pk=pk)
    try:
        services.report_retry(actor=request.user, job=job)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The report is being built again.")
    return redirect(job)
