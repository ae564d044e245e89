"""Per-request account state: the active organisation, and the MFA requirement."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from accounts import selectors

SESSION_KEY = "active_organisation_id"

# Paths a person who must set up MFA can still reach: the account pages (where MFA is set up),
# static files, the public statements and the open-data feeds.
_MFA_EXEMPT_PREFIXES = (
    "/accounts/",
    "/static/",
    "/media/",
    "/accessibility/",
    "/privacy/",
    # The open-data feeds ignore who is signed in.
    "/api/hsds/",
    "/api/ocds/",
    "/api/360giving/",
    # The public instrument-scoring endpoint is for anyone's use.
    "/api/instruments/",
)


class ActiveOrganisationMiddleware:
    """Sets request.memberships and request.organisation (the one the person is acting for)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        memberships = selectors.membership_list_for_user(user=request.user)
        active_id = request.session.get(SESSION_KEY) if memberships else None
        active = next((m for m in memberships if m.organisation_id == active_id), None)
        if active is None and memberships:
            active = memberships[0]
        request.memberships = memberships
        request.membership = active
        request.organisation = active.organisation if active else None
        return self.get_response(request)


class RequireMFAMiddleware:
    """Platform admins and commissioners cannot go further until they have set up MFA."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and not request.path.startswith(_MFA_EXEMPT_PREFIXES)
            and selectors.user_requires_mfa(user=request.user, memberships=request.memberships)
            and not selectors.user_has_mfa(user=request.user)
        ):
            message = (
                "Set up two-factor authentication to continue. Commissioners and platform "
                "admins must use an authenticator app to sign in."
            )
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "type": "client_error",
                        "errors": [{"code": "mfa_required", "detail": message, "attr": None}],
                    },
                    status=403,
                )
            messages.warning(request, message)
            return redirect("mfa_activate_totp")
        return self.get_response(request)
