"""Access checks the monitoring pages share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from monitoring import selectors
from monitoring.models import Agreement, Return


def agreement_for(
    request: HttpRequest, pk: int, permission: str = "monitoring.view_agreement"
) -> Agreement:
    """The agreement, for its parties (404 for anyone else); 403 without the permission."""
    agreement = selectors.agreement_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm(permission, agreement):
        raise PermissionDenied
    return agreement


def return_for(
    request: HttpRequest, pk: int, permission: str = "monitoring.view_agreement"
) -> Return:
    report = selectors.return_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm(permission, report.agreement):
        raise PermissionDenied
    return report


def sides(request: HttpRequest, agreement: Agreement) -> dict[str, bool]:
    return {
        "is_commissioner": request.user.has_perm("monitoring.manage_agreement", agreement),
        "is_provider": request.user.has_perm("monitoring.report", agreement),
    }
