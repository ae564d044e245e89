"""Consortia: providers bidding together. Anyone can see them and their confirmed members; the
lead's admins invite and remove members; each invited organisation's admins confirm or decline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.rules import is_admin_of
from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from providers import selectors
from providers.constants import ConsortiumMemberStatus
from providers.forms import ConsortiumForm, ConsortiumInviteForm, ConsortiumRespondForm
from providers.models import Consortium, ConsortiumMember
from providers.selectors import DirectoryFilters
from providers.services import consortia as services

INVITE_RESULTS = 20


def _can_lead(request: HttpRequest) -> bool:
    """Admins of a provider or infrastructure organisation can start a consortium."""
    organisation = request.organisation
    return (
        organisation is not None
        and not organisation.is_commissioner
        and is_admin_of(request.user, organisation)
    )


def _member(consortium: Consortium, member_pk: int) -> ConsortiumMember:
    for member in selectors.consortium_members(consortium=consortium):
        if member.pk == member_pk:
            return member
    raise Http404


def consortium_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.consortium_list_public())
    return render(
        request,
        "providers/consortia/list.html",
        {"page_obj": page, "can_create": _can_lead(request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consortium_create(request: HttpRequest) -> HttpResponse:
    if not _can_lead(request):
        raise PermissionDenied
    organisation = request.organisation
    form = ConsortiumForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            consortium = services.consortium_create(
                actor=request.user, lead=organisation, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"{consortium.name} has been created, with {organisation.name} as its lead. "
                "Now invite its members.",
            )
            return redirect(consortium)
    return render(
        request, "providers/consortia/form.html", {"form": form, "organisation": organisation}
    )


def consortium_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consortium = selectors.consortium_get(pk=pk)
    can_manage = request.user.has_perm("providers.manage_consortium", consortium)
    memberships = getattr(request, "memberships", [])
    member_of = {m.organisation_id for m in memberships}
    admin_of = {m.organisation_id for m in memberships if m.is_admin}
    # Invitations and refusals are the business of the lead and the organisation asked.
    sees_all = can_manage or consortium.lead_id in member_of or request.user.is_staff
    rows = []
    for member in selectors.consortium_members(consortium=consortium):
        own = member.organisation_id in member_of
        if not (sees_all or own or member.status == ConsortiumMemberStatus.CONFIRMED):
            continue
        is_lead = member.organisation_id == consortium.lead_id
        rows.append(
            {
                "member": member,
                "is_lead": is_lead,
                "can_respond": member.status == ConsortiumMemberStatus.INVITED
                and member.organisation_id in admin_of,
                "can_remove": can_manage and not is_lead,
                "can_leave": not can_manage
                and not is_lead
                and member.status == ConsortiumMemberStatus.CONFIRMED
                and member.organisation_id in admin_of,
            }
        )
    return render(
        request,
        "providers/consortia/detail.html",
        {"consortium": consortium, "rows": rows, "can_manage": can_manage, "sees_all": sees_all},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consortium_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead's admins find listed providers in the directory and invite them."""
    consortium = selectors.consortium_get(pk=pk)
    if not request.user.has_perm("providers.manage_consortium", consortium):
        raise PermissionDenied
    if request.method == "POST":
        form = ConsortiumInviteForm(request.POST)
        if not form.is_valid():
            raise Http404
        profile = selectors.profile_get_for_user(user=request.user, pk=form.cleaned_data["profile"])
        try:
            if not profile.is_listed:
                raise ApplicationError(
                    f"{profile.organisation} is not listed in the directory, so cannot be invited."
                )
            services.consortium_invite(
                actor=request.user, consortium=consortium, organisation=profile.organisation
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"{profile.organisation.name} has been invited. We have emailed their admins.",
            )
        return redirect(consortium)
    q = request.GET.get("q", "")[:200].strip()
    results = (
        list(selectors.directory_queryset(DirectoryFilters(q=q))[:INVITE_RESULTS]) if q else []
    )
    already = {m.organisation_id for m in selectors.consortium_members(consortium=consortium)}
    return render(
        request,
        "providers/consortia/invite.html",
        {"consortium": consortium, "q": q, "results": results, "already": already},
    )


@login_required
@require_POST
def consortium_respond(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    consortium = selectors.consortium_get(pk=pk)
    member = _member(consortium, member_pk)
    if not is_admin_of(request.user, member.organisation):
        raise PermissionDenied
    form = ConsortiumRespondForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to confirm or decline.")
        return redirect(consortium)
    accept = form.cleaned_data["decision"] == "confirm"
    try:
        services.consortium_respond(actor=request.user, member=member, accept=accept)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"{member.organisation.name} is now a member of {consortium.name}."
            if accept
            else f"You have declined to join {consortium.name}.",
        )
    return redirect(consortium)


@login_required
@require_http_methods(["GET", "POST"])
def consortium_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    consortium = selectors.consortium_get(pk=pk)
    member = _member(consortium, member_pk)
    can_manage = request.user.has_perm("providers.manage_consortium", consortium)
    leaving = not can_manage and is_admin_of(request.user, member.organisation)
    if not (can_manage or leaving):
        raise PermissionDenied
    name = member.organisation.name
    if request.method == "POST":
        try:
            services.consortium_member_remove(actor=request.user, member=member)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"{name} has left {consortium.name}."
                if leaving
                else f"{name} has been removed from {consortium.name}.",
            )
        return redirect(consortium)
    if leaving:
        context = {
            "confirm_title": f"Leave {consortium.name}?",
            "confirm_body": f"{name} will no longer be a member. The lead can invite you again.",
            "confirm_button": "Leave consortium",
        }
    else:
        context = {
            "confirm_title": f"Remove {name} from {consortium.name}?",
            "confirm_body": "They will no longer be a member. You can invite them again later.",
            "confirm_button": "Remove",
        }
    return render(
        request,
        "confirm.html",
        {**context, "cancel_url": consortium.get_absolute_url(), "danger": True},
    )
