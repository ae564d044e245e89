"""The "Who's in the room" sheet for a market-engagement event: the profiles attendees (and
organisations interested in the programme) agreed to share, so potential partners can find
each other. Only consented profiles: the engagement app's board selector never returns any
other. For anyone who may see the event's board."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from engagement import selectors as engagement_selectors
from engagement.models import Event
from reports.kinds import ReportKind, register


@register
class WhosInTheRoom(ReportKind):
    slug = "event_room"
    name = "Who's in the room"
    description = (
        "A sheet of the event's attendees who agreed to share a profile: who they are, what "
        "they could deliver and whether they are looking for partners."
    )
    template = "reports/pdf/event_room.html"

    def target_for_user(self, *, user: User, pk: int) -> Event:
        """The event, for those who may see its board (attendees, potential bidders, the
        organisers); anyone else gets 404, as the board page gives them, so the sheet's
        existence says nothing."""
        event = engagement_selectors.event_get_for_user(user=user, pk=pk)
        if not user.has_perm("engagement.view_board", event):
            raise Http404
        return event

    def can_request(self, *, user: User, target: Event) -> bool:
        return user.has_perm("reports.request_event_room", target)

    def title(self, *, target: Event, parameters: dict[str, Any]) -> str:
        return f"Who's in the room: {target.title}"

    def back_link(self, *, target: Event) -> str:
        return reverse("engagement:board", kwargs={"pk": target.pk})

    def gather(self, *, target: Event, parameters: dict[str, Any]) -> dict[str, Any]:
        event = target
        profiles = engagement_selectors.board_profiles(event=event)
        return {
            "event": {
                "title": event.title,
                "organisation": event.organisation.name,
                "starts_at": timezone.localtime(event.starts_at),
                "kind": event.get_kind_display(),
                "venue": event.venue_name,
                "opportunity": event.opportunity.title if event.opportunity_id else "",
                "programme": event.programme.name if event.programme_id else "",
            },
            "profiles": [
                {
                    "name": p.name,
                    "organisation": p.organisation_name,
                    "type": p.get_organisation_type_display() if p.organisation_type else "",
                    "about": p.about,
                    "art_forms": [a.name for a in p.art_forms.all()],
                    "outcome_areas": [o.name for o in p.outcome_areas.all()],
                    "looking_for_partners": p.looking_for_partners,
                    "partner_note": p.partner_note,
                    "in_directory": p.directory_profile_id is not None,
                }
                for p in profiles
            ],
        }
