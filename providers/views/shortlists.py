"""Shortlists: named lists of providers an organisation keeps and shares among its members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from providers import selectors
from providers.exports import shortlist_csv
from providers.forms import ShortlistAddForm, ShortlistForm
from providers.models import Shortlist
from providers.services import shortlists as services


def shortlist_choices(request: HttpRequest) -> tuple[bool, list[Shortlist]]:
    """Whether the person can shortlist for their active organisation, and its shortlists."""
    organisation = getattr(request, "organisation", None)
    if organisation is None or not request.user.has_perm("providers.add_shortlist", organisation):
        return False, []
    return True, list(selectors.shortlist_list_for_organisation(organisation=organisation))


def _keeping_organisation(request: HttpRequest):
    organisation = request.organisation
    if organisation is None or not request.user.has_perm("providers.add_shortlist", organisation):
        raise PermissionDenied
    return organisation


def _shortlist_for(request: HttpRequest, pk: int, permission: str) -> Shortlist:
    shortlist = selectors.shortlist_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm(permission, shortlist):
        raise PermissionDenied
    return shortlist


@login_required
def shortlist_list(request: HttpRequest) -> HttpResponse:
    organisation = _keeping_organisation(request)
    page = paginate(request, selectors.shortlist_list_for_organisation(organisation=organisation))
    return render(
        request,
        "providers/shortlists/list.html",
        {"organisation": organisation, "page_obj": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def shortlist_create(request: HttpRequest) -> HttpResponse:
    organisation = _keeping_organisation(request)
    form = ShortlistForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            shortlist = services.shortlist_create(
                actor=request.user, organisation=organisation, name=form.cleaned_data["name"]
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"{shortlist.name} has been created. Add providers to it from the directory.",
            )
            return redirect(shortlist)
    return render(
        request, "providers/shortlists/form.html", {"form": form, "organisation": organisation}
    )


@login_required
def shortlist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shortlist = _shortlist_for(request, pk, "providers.view_shortlist")
    entries = list(selectors.shortlist_entries(shortlist=shortlist))
    return render(
        request,
        "providers/shortlists/detail.html",
        {
            "shortlist": shortlist,
            # A provider that has since left the directory withdrew its consent to be shown.
            "entries": [e for e in entries if e.profile.is_listed],
            "unlisted_entries": [e for e in entries if not e.profile.is_listed],
            "can_change": request.user.has_perm("providers.change_shortlist", shortlist),
        },
    )


@login_required
def shortlist_export(request: HttpRequest, pk: int) -> HttpResponse:
    shortlist = _shortlist_for(request, pk, "providers.view_shortlist")
    entries = [e for e in selectors.shortlist_entries(shortlist=shortlist) if e.profile.is_listed]
    return shortlist_csv(filename=f"shortlist-{shortlist.pk}.csv", entries=entries)


@login_required
@require_http_methods(["GET", "POST"])
def shortlist_delete(request: HttpRequest, pk: int) -> HttpResponse:
    shortlist = _shortlist_for(request, pk, "providers.change_shortlist")
    if request.method == "POST":
        services.shortlist_delete(actor=request.user, shortlist=shortlist)
        messages.success(request, f"{shortlist.name} has been deleted.")
        return redirect("providers:shortlist_list")
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Delete the shortlist {shortlist.name}?",
            "confirm_body": "It will be deleted for everyone in your organisation. The "
            "providers on it are not told and stay in the directory.",
            "confirm_button": "Delete shortlist",
            "cancel_url": shortlist.get_absolute_url(),
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def shortlist_remove(request: HttpRequest, pk: int, profile_pk: int) -> HttpResponse:
    shortlist = _shortlist_for(request, pk, "providers.change_shortlist")
    entry = next(
        (e for e in selectors.shortlist_entries(shortlist=shortlist) if e.profile_id == profile_pk),
        None,
    )
    if entry is None:
        raise Http404
    name = entry.profile.organisation.name if entry.profile.is_listed else "this provider"
    if request.method == "POST":
        try:
            services.shortlist_remove(
                actor=request.user, shortlist=shortlist, profile=entry.profile
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{name} has been removed from {shortlist.name}.")
        return redirect(shortlist)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Remove {name} from {shortlist.name}?",
            "confirm_body": "Your note about them will be deleted too. They stay in the directory.",
            "confirm_button": "Remove",
            "cancel_url": shortlist.get_absolute_url(),
            "danger": True,
        },
    )


def _safe_next(request: HttpRequest, value: str, fallback: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return fallback


@login_required
@require_POST
def shortlist_add(request: HttpRequest) -> HttpResponse:
    """Add a provider from search results or a profile page. With HTMX the small form is
    swapped for the outcome; without it the person goes back to where they were."""
    organisation = _keeping_organisation(request)
    form = ShortlistAddForm(
        request.POST,
        shortlists=selectors.shortlist_list_for_organisation(organisation=organisation),
    )
    error = ""
    entry = None
    profile = None
    if form.is_valid():
        profile = selectors.profile_get_for_user(user=request.user, pk=form.cleaned_data["profile"])
        shortlist = form.cleaned_data["shortlist"]
        if not request.user.has_perm("providers.change_shortlist", shortlist):
            raise PermissionDenied
        try:
            entry = services.shortlist_add(
                actor=request.user,
                shortlist=shortlist,
                profile=profile,
                note=form.cleaned_data["note"],
            )
        except ApplicationError as exc:
            error = exc.message
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if request.htmx:
        return render(
            request,
            "providers/shortlists/_add_result.html",
            {"entry": entry, "error": error, "profile": profile},
        )
    if entry is not None:
        messages.success(
            request, f"{entry.profile.organisation.name} has been added to {entry.shortlist.name}."
        )
    else:
        messages.error(request, error)
    return redirect(
        _safe_next(request, request.POST.get("next", ""), reverse("providers:directory"))
    )
