"""Access checks every panel page shares."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from evaluation import selectors
from evaluation.selectors import PanelAccess


def panel_access(request: HttpRequest, pk: int) -> PanelAccess:
    """The panel for its members and commissioners; anyone else gets 404."""
    return selectors.panel_get_for_user(user=request.user, pk=pk)


def managed_panel(request: HttpRequest, pk: int) -> PanelAccess:
    """Commissioners of the owning organisation only: a member gets 403, a stranger 404."""
    access = panel_access(request, pk)
    if not request.user.has_perm("evaluation.manage_panel", access.panel):
        raise PermissionDenied
    return access


def member_panel(request: HttpRequest, pk: int) -> PanelAccess:
    """Members only (a commissioner who does not sit on the panel gets 403)."""
    access = panel_access(request, pk)
    if access.member is None:
        raise PermissionDenied
    return access


def chaired_panel(request: HttpRequest, pk: int) -> PanelAccess:
    access = panel_access(request, pk)
    if not access.is_chair:
        raise PermissionDenied
    return access


def moderation_panel(request: HttpRequest, pk: int) -> PanelAccess:
    """The chair and the commissioners see the moderation view."""
    access = panel_access(request, pk)
    if not (access.is_chair or access.is_manager):
        raise PermissionDenied
    return access
