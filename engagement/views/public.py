"""What everyone sees: the list of events, an event's page, the calendar files, a programme's
events and the public list of organisations interested in it."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from core.viewutils import file_open, paginate
from engagement import ical, selectors
from engagement.constants import EventStatus
from engagement.forms import EventFilterForm
from engagement.views.common import (
    can_view_board,
    can_view_online_details,
    guest_registration,
    materials_visible,
)
from tenders.constants import PUBLIC_STATUSES as OPPORTUNITY_PUBLIC_STATUSES


def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None, programmes=selectors.programme_choices_public())
    filters = form.filters()
    page = paginate(request, selectors.event_list_public(filters))
    return render(
        request,
        "engagement/public/event_list.html",
        {
            "form": form,
            "page_obj": page,
            "when": filters.when,
            "filtered": bool(request.GET.dict().keys() - {"page"}),
            "can_run_events": getattr(request, "organisation", None) is not None
            and request.user.has_perm("engagement.add_event", request.organisation),
        },
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Open, held and cancelled events: anyone. A draft: only its organisers (404 otherwise)."""
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    registration = selectors.registration_for_user(event=event, user=request.user)
    guest = None if registration else guest_registration(request, event)
    organisation = getattr(request, "organisation", None)
    board_visible = can_view_board(request, event)
    show_materials = materials_visible(request, event)
    opportunity = event.opportunity
    return render(
        request,
        "engagement/public/event_detail.html",
        {
            "event": event,
            "can_manage": request.user.has_perm("engagement.change_event", event),
            "registration": registration or guest,
            "guest": guest,
            "colleagues": selectors.colleague_registrations(
                event=event, organisation=organisation, exclude=registration
            ),
            "board_visible": board_visible,
            "online_visible": can_view_online_details(request, event),
            "materials_visible": show_materials,
            "materials": selectors.materials_for(event=event) if show_materials else [],
            "questions": selectors.questions_for(event=event) if show_materials else [],
            "opportunity": (
                opportunity
                if opportunity is not None and opportunity.status in OPPORTUNITY_PUBLIC_STATUSES
                else None
            ),
            "is_open": event.registration_open,
            "places_left": _places_left(event),
        },
    )


def _places_left(event) -> int | None:
    if event.capacity is None:
        return None
    taken = event.registrations.filter(status="confirmed").count()
    return max(event.capacity - taken, 0)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The event as an "add to calendar" file. Never holds the online joining details."""
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    content = ical.calendar([event], name=event.title)
    return _ics_response(content, f"{slugify(event.title)[:60] or 'event'}.ics")


def feed_ics(request: HttpRequest) -> HttpResponse:
    """Every open and held event, to subscribe to in a calendar application."""
    content = ical.calendar(selectors.event_list_for_feed(), name="Market-engagement events")
    return _ics_response(content, "events.ics")


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A programme's events and the public list of everyone who expressed interest in it: the
    list Kent's procurement team accepted, rather than handing out contacts."""
    programme = selectors.programme_get_public(pk=pk)
    organisation = getattr(request, "organisation", None)
    can_express = organisation is not None and request.user.has_perm(
        "engagement.express_interest", organisation
    )
    return render(
        request,
        "engagement/public/programme_detail.html",
        {
            "programme": programme,
            "events": selectors.programme_events(programme=programme),
            "interested": selectors.programme_interested_organisations(programme=programme),
            "organisation": organisation if can_express else None,
            "interest": (
                selectors.programme_interest_for(programme=programme, organisation=organisation)
                if can_express
                else None
            ),
            "statuses": EventStatus,
        },
    )


def material_download(request: HttpRequest, pk: int) -> FileResponse:
    """A material's file, through one checked door: the organisers always; everyone who can
    see the board once the materials are published; 404 for anyone else."""
    material = selectors.material_get(pk=pk)
    if not material.file or not materials_visible(request, material.event):
        raise Http404
    inline = material.file_type in {"application/pdf", "image/png", "image/jpeg", "image/webp"}
    extension = material.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        file_open(material.file),
        content_type=material.file_type or "application/octet-stream",
        as_attachment=not inline,
        filename=f"{slugify(material.title)[:60] or 'material'}.{extension}",
    )
