"""Access checks the event pages share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.models import Organisation
from engagement import selectors
from engagement.models import Event, Registration

GUEST_SESSION_KEY = "engagement_guest_registrations"


def organiser_event(request: HttpRequest, pk: int) -> Event:
    """The event, for its own organisers only: anyone else gets 404 (a draft's existence is
    not given away) and a member without the commissioner role 403."""
    event = selectors.event_get_for_organiser(user=request.user, pk=pk)
    if not request.user.has_perm("engagement.change_event", event):
        raise PermissionDenied
    return event


def organiser_organisation(request: HttpRequest) -> Organisation:
    """The commissioning organisation the person is acting for."""
    organisation = request.organisation
    if organisation is None or not request.user.has_perm("engagement.add_event", organisation):
        raise PermissionDenied
    return organisation


def remember_guest(request: HttpRequest, registration: Registration) -> None:
    """This browser has shown it holds the guest's management link."""
    ids = [i for i in request.session.get(GUEST_SESSION_KEY, []) if i != registration.pk]
    request.session[GUEST_SESSION_KEY] = [*ids[-9:], registration.pk]


def guest_registration(request: HttpRequest, event: Event) -> Registration | None:
    """The guest registration for this event this browser proved it owns, if any."""
    for pk in reversed(request.session.get(GUEST_SESSION_KEY, [])):
        registration = selectors.registration_get_for_guest(pk=pk)
        if registration is not None and registration.event_id == event.pk:
            return registration
    return None


def can_view_board(request: HttpRequest, event: Event) -> bool:
    """Registered attendees (signed in, or guests by their link), providers registered on the
    linked opportunity or interested in the programme, and the organisers."""
    if request.user.has_perm("engagement.view_board", event):
        return True
    return guest_registration(request, event) is not None


def can_view_online_details(request: HttpRequest, event: Event) -> bool:
    """Only people with a confirmed place (and the organisers)."""
    if request.user.has_perm("engagement.view_online_details", event):
        return True
    guest = guest_registration(request, event)
    return guest is not None and guest.has_place


def materials_visible(request: HttpRequest, event: Event) -> bool:
    """The organisers always; everyone who can see the board once the materials are published
    (all at the same moment)."""
    if selectors.is_organiser_member(user=request.user, event=event):
        return True
    return event.materials_published_at is not None and can_view_board(request, event)
