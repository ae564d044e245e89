"""The home page for each role, and programme pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from commissioning import selectors, services
from commissioning.forms import ProgrammeForm
from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate


def home(request: HttpRequest) -> HttpResponse:
    """What a person sees first depends on who they are acting for."""
    if not request.user.is_authenticated:
        return render(request, "home/anonymous.html")
    organisation = request.organisation
    context = {"organisation": organisation}
    if organisation is not None and organisation.is_commissioner:
        context["programmes"] = selectors.programme_list_for_organisation(
            organisation=organisation
        )[:10]
        return render(request, "home/commissioner.html", context)
    if organisation is not None:
        context["next_steps"] = _organisation_next_steps(organisation, request.membership)
        return render(request, "home/provider.html", context)
    if request.user.is_staff:
        return render(request, "home/platform_admin.html", _platform_admin_context())
    return render(request, "home/no_organisation.html", context)


def _organisation_next_steps(organisation, membership) -> list[str]:
    steps = []
    if not organisation.description:
        steps.append("Describe what your organisation does and who it works with")
    if not (organisation.charity_number or organisation.company_number):
        steps.append("Add your charity or company number, so commissioners can check who you are")
    if not organisation.postcode:
        steps.append("Add your address and postcode")
    if not organisation.website:
        steps.append("Add your website")
    return steps


def _platform_admin_context() -> dict[str, object]:
    from accounts.models import Organisation, User  # noqa: PLC0415
    from core.models import AuditEntry  # noqa: PLC0415

    return {
        "organisation_count": Organisation.objects.count(),
        "user_count": User.objects.count(),
        "recent_audit": AuditEntry.objects.select_related("organisation")[:10],
    }


def _commissioner_organisation(request: HttpRequest):
    organisation = request.organisation
    if organisation is None or not request.user.has_perm(
        "commissioning.add_programme", organisation
    ):
        raise PermissionDenied
    return organisation


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    organisation = _commissioner_organisation(request)
    page = paginate(request, selectors.programme_list_for_organisation(organisation=organisation))
    return render(
        request,
        "commissioning/programme_list.html",
        {"organisation": organisation, "page_obj": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    organisation = _commissioner_organisation(request)
    form = ProgrammeForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{programme.name} has been created.")
            return redirect(programme)
    return render(
        request, "commissioning/programme_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("commissioning.view_programme", programme):
        raise PermissionDenied
    return render(
        request,
        "commissioning/programme_detail.html",
        {
            "programme": programme,
            "can_change": request.user.has_perm("commissioning.change_programme", programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_update(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("commissioning.change_programme", programme):
        raise PermissionDenied
    form = ProgrammeForm(
        request.POST or None, instance=programme, organisation=programme.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(actor=request.user, programme=programme, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The programme has been saved.")
            return redirect(programme)
    return render(
        request,
        "commissioning/programme_form.html",
        {"form": form, "organisation": programme.organisation, "programme": programme},
    )
