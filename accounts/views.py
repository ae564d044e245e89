"""Organisation pages: thin views over accounts.services and accounts.selectors."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import privacy, selectors, services
from accounts.forms import (
    AccountEraseForm,
    InvitationForm,
    MembershipRoleForm,
    OrganisationForm,
    OrganisationSwitchForm,
)
from accounts.middleware import SESSION_KEY
from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate


def _organisation_for(request: HttpRequest, pk: int, permission: str):
    organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm(permission, organisation):
        raise PermissionDenied
    return organisation


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/organisation_list.html",
        {"memberships": request.memberships},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(user=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            request.session[SESSION_KEY] = organisation.pk
            messages.success(request, f"{organisation.name} has been created. You are its admin.")
            return redirect(organisation)
    return render(request, "accounts/organisation_form.html", {"form": form, "creating": True})


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, "accounts.view_organisation")
    can_manage = request.user.has_perm("accounts.manage_members", organisation)
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "members": selectors.member_list(organisation=organisation),
            "invitations": (
                selectors.invitation_list_pending(organisation=organisation) if can_manage else []
            ),
            "can_manage": can_manage,
            "membership": selectors.membership_for(user=request.user, organisation=organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_update(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, "accounts.change_organisation")
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user,
                organisation=selectors.organisation_get_for_user(user=request.user, pk=pk),
                **form.cleaned_data,
            )
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The organisation's details have been saved.")
            return redirect(organisation)
    return render(
        request,
        "accounts/organisation_form.html",
        {"form": form, "organisation": organisation, "creating": False},
    )


@login_required
@require_POST
def organisation_switch(request: HttpRequest) -> HttpResponse:
    form = OrganisationSwitchForm(request.POST, memberships=request.memberships)
    if form.is_valid():
        request.session[SESSION_KEY] = form.cleaned_data["organisation"]
        chosen = next(
            m.organisation
            for m in request.memberships
            if m.organisation_id == form.cleaned_data["organisation"]
        )
        messages.success(request, f"You are now acting for {chosen.name}.")
    else:
        messages.error(request, "You can only switch to an organisation you belong to.")
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, "accounts.manage_members")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"We have emailed an invitation to {invitation.email}.")
            return redirect(organisation)
    return render(
        request, "accounts/invitation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, "accounts.manage_members")
    invitation = selectors.invitation_get_for_organisation(
        organisation=organisation, pk=invitation_pk
    )
    if request.method == "POST":
        try:
            services.invitation_revoke(actor=request.user, invitation=invitation)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"The invitation to {invitation.email} has been revoked.")
        return redirect(organisation)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Revoke the invitation to {invitation.email}?",
            "confirm_body": "The link in their email will stop working. You can invite them again later.",
            "confirm_button": "Revoke invitation",
            "cancel_url": organisation.get_absolute_url(),
            "danger": True,
        },
    )


def invitation_respond(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation email links to: accept or decline."""
    invitation = selectors.invitation_get_by_token(token=token)
    if not request.user.is_authenticated:
        return render(request, "accounts/invitation_signin.html", {"invitation": invitation})
    error = None
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "accept":
                membership = services.invitation_accept(user=request.user, invitation=invitation)
                request.session[SESSION_KEY] = membership.organisation_id
                messages.success(request, f"You have joined {membership.organisation.name}.")
                return redirect(membership.organisation)
            if decision == "decline":
                services.invitation_decline(user=request.user, invitation=invitation)
                messages.success(
                    request, f"You have declined the invitation to {invitation.organisation.name}."
                )
                return redirect("home")
            error = "Choose whether to accept or decline the invitation."
        except ApplicationError as exc:
            error = exc.message
    return render(
        request,
        "accounts/invitation_respond.html",
        {"invitation": invitation, "error": error},
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, "accounts.manage_members")
    membership = selectors.membership_get_for_organisation(
        organisation=organisation, pk=membership_pk
    )
    form = MembershipRoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(
                actor=request.user, membership=membership, role=form.cleaned_data["role"]
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, f"{membership.user} is now {membership.get_role_display().lower()}."
            )
            return redirect(organisation)
    return render(
        request,
        "accounts/membership_role.html",
        {"form": form, "organisation": organisation, "membership": membership},
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, "accounts.view_organisation")
    membership = selectors.membership_get_for_organisation(
        organisation=organisation, pk=membership_pk
    )
    leaving = membership.user_id == request.user.pk
    if not leaving and not request.user.has_perm("accounts.manage_members", organisation):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.membership_remove(actor=request.user, membership=membership)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(organisation)
        if leaving:
            request.session.pop(SESSION_KEY, None)
            messages.success(request, f"You have left {organisation.name}.")
            return redirect("home")
        messages.success(request, f"{membership.user} has been removed from {organisation.name}.")
        return redirect(organisation)
    if leaving:
        context = {
            "confirm_title": f"Leave {organisation.name}?",
            "confirm_body": "You will no longer be able to act for this organisation. An admin "
            "can invite you back.",
            "confirm_button": "Leave organisation",
        }
    else:
        context = {
            "confirm_title": f"Remove {membership.user} from {organisation.name}?",
            "confirm_body": "They will no longer be able to act for this organisation. We will "
            "tell them by email. You can invite them back later.",
            "confirm_button": "Remove",
        }
    return render(
        request,
        "confirm.html",
        {**context, "cancel_url": organisation.get_absolute_url(), "danger": True},
    )


@login_required
def organisation_audit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for(request, pk, "accounts.view_audit")
    page = paginate(request, selectors.audit_list_for_organisation(organisation=organisation))
    return render(
        request,
        "accounts/audit_list.html",
        {"organisation": organisation, "page_obj": page},
    )


@login_required
def audit_all(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("accounts.view_all_audit"):
        raise PermissionDenied
    page = paginate(request, selectors.audit_list_all())
    return render(request, "accounts/audit_list.html", {"organisation": None, "page_obj": page})


@login_required
def personal_data(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/personal_data.html")


@login_required
def personal_data_download(request: HttpRequest) -> HttpResponse:
    data = privacy.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="your-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_erase(request: HttpRequest) -> HttpResponse:
    form = AccountEraseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.account_erase(user=request.user)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            logout(request)
            messages.success(
                request, "Your account has been erased. We have emailed you to confirm."
            )
            return redirect("home")
    return render(request, "accounts/account_erase.html", {"form": form})
