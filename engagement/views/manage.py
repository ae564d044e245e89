"""The organiser's pages: create and change events, invite matching providers, see who
registered, tick people in on the day, publish what the event produced, write the summary and
read the statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from engagement import selectors
from engagement.constants import EventStatus, RegistrationStatus
from engagement.forms import (
    CheckinSearchForm,
    EventAudienceForm,
    EventForm,
    EventQuestionForm,
    InvitationForm,
    MaterialForm,
    ReasonForm,
    RegistrationAddForm,
    RegistrationFilterForm,
    SummaryForm,
)
from engagement.services import events, invitations, materials, registrations
from engagement.views.common import organiser_event, organiser_organisation

# Enough to choose from on one page; the page says so when there are more.
INVITATION_CHOICES_SHOWN = 100
CHECKIN_PAGE_SIZE = 50


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    organisation = organiser_organisation(request)
    page = paginate(request, selectors.event_list_for_organisation(organisation=organisation))
    return render(
        request,
        "engagement/manage/event_list.html",
        {"organisation": organisation, "page_obj": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    organisation = organiser_organisation(request)
    initial = {}
    for name in ("programme", "opportunity"):
        if request.GET.get(name, "").isdigit():
            initial[name] = int(request.GET[name])
    form = EventForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = events.event_create(
                actor=request.user, organisation=organisation, **form.details()
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"“{event.title}” has been saved as a draft. Invite providers and publish it "
                "when you are ready.",
            )
            return redirect("engagement:workspace", pk=event.pk)
    return render(
        request,
        "engagement/manage/event_form.html",
        {"form": form, "organisation": organisation, "creating": True},
    )


@login_required
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    return render(
        request,
        "engagement/manage/workspace.html",
        {
            "event": event,
            "statistics": selectors.event_statistics(event=event),
            "invitation_count": event.invitations.count(),
            "material_count": event.materials.count() + event.questions.count(),
        },
    )


def _unless_changeable(request: HttpRequest, event) -> HttpResponse | None:
    if event.status in (EventStatus.DRAFT, EventStatus.PUBLISHED):
        return None
    messages.info(
        request, f"A {event.get_status_display().lower()} event can no longer be changed."
    )
    return redirect("engagement:workspace", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    if (refused := _unless_changeable(request, event)) is not None:
        return refused
    form = EventForm(
        request.POST if request.method == "POST" else None,
        organisation=event.organisation,
        event=event,
    )
    if request.method == "POST" and form.is_valid():
        details = form.details()
        try:
            events.event_update(
                actor=request.user,
                event=event,
                programme=details.pop("programme"),
                opportunity=details.pop("opportunity"),
                **details,
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            text = "The event's details have been saved."
            if event.status == EventStatus.PUBLISHED:
                text += " Everyone registered has been told of any change to the time or place."
            messages.success(request, text)
            return redirect("engagement:workspace", pk=event.pk)
    return render(
        request,
        "engagement/manage/event_form.html",
        {"form": form, "event": event, "organisation": event.organisation, "creating": False},
    )


@login_required
@require_http_methods(["GET", "POST"])
def audience(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    if (refused := _unless_changeable(request, event)) is not None:
        return refused
    form = EventAudienceForm(
        request.POST if request.method == "POST" else None,
        initial={
            "outcome_areas": list(event.outcome_areas.all()),
            "art_forms": list(event.art_forms.all()),
            "areas": list(event.areas.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            events.event_update(actor=request.user, event=event, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Who the event is for has been saved.")
            return redirect("engagement:invitation_list", pk=event.pk)
    return render(request, "engagement/manage/audience.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    back = reverse("engagement:workspace", args=[event.pk])
    if request.method == "POST":
        try:
            events.event_publish(actor=request.user, event=event)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "The event is open for registration and listed publicly.")
        return redirect(back)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Publish “{event.title}”?",
            "confirm_body": "It is listed on the events page and in the calendar feed, and "
            "people can register.",
            "confirm_button": "Publish event",
            "cancel_url": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            events.event_cancel(actor=request.user, event=event, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The event has been cancelled and everyone registered told.")
            return redirect("engagement:workspace", pk=event.pk)
    return render(request, "engagement/manage/cancel.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def mark_held(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    back = reverse("engagement:workspace", args=[event.pk])
    if request.method == "POST":
        try:
            held = events.event_mark_held(actor=request.user, event=event)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"The event is recorded as held; {held.no_show_count} "
                f"{'person' if held.no_show_count == 1 else 'people'} with a place did not come. "
                "Now publish the materials and write the summary.",
            )
        return redirect(back)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Record the event as held?",
            "confirm_body": "Registration closes, and everyone with a place who was not "
            "checked in is recorded as not coming.",
            "confirm_button": "Record as held",
            "cancel_url": back,
        },
    )


# Registrations and check-in -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    filters = RegistrationFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    page = paginate(
        request,
        selectors.registration_list_for_event(
            event=event, status=data.get("status", ""), q=data.get("q", "").strip()
        ),
    )
    form = RegistrationAddForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            added = registrations.registration_add(
                actor=request.user, event=event, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            place = "has a place" if added.has_place else "is on the waiting list"
            messages.success(request, f"{added.name} {place}. We have emailed them.")
            return redirect("engagement:registration_manage_list", pk=event.pk)
    return render(
        request,
        "engagement/manage/registration_list.html",
        {
            "event": event,
            "page_obj": page,
            "filters": filters,
            "form": form,
            "can_add": event.status in (EventStatus.PUBLISHED, EventStatus.HELD),
            "statuses": RegistrationStatus,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_remove(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    registration = selectors.registration_get_for_organiser(event=event, pk=registration_pk)
    back = reverse("engagement:registration_manage_list", args=[event.pk])
    if request.method == "POST":
        try:
            registrations.registration_cancel(actor=request.user, registration=registration)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{registration.name}'s registration has been cancelled.")
        return redirect(back)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Cancel {registration.name}'s registration?",
            "confirm_body": "We email them. Their place goes to the first person on the "
            "waiting list.",
            "confirm_button": "Cancel registration",
            "cancel_url": back,
            "danger": True,
        },
    )


@login_required
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    form = CheckinSearchForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = paginate(request, selectors.checkin_list(event=event, q=q), CHECKIN_PAGE_SIZE)
    return render(
        request,
        "engagement/manage/checkin.html",
        {
            "event": event,
            "form": form,
            "page_obj": page,
            "statistics": selectors.event_statistics(event=event),
        },
    )


@login_required
@require_POST
def checkin_record(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    """Tick someone in (or out again). With HTMX only their row is redrawn."""
    event = organiser_event(request, pk)
    registration = selectors.registration_get_for_organiser(event=event, pk=registration_pk)
    attended = request.POST.get("attended") == "1"
    error = ""
    try:
        registration = registrations.attendance_record(
            actor=request.user, registration=registration, attended=attended
        )
    except ApplicationError as exc:
        error = exc.message
    if request.htmx:
        return render(
            request,
            "engagement/partials/checkin_row.html",
            {"event": event, "registration": registration, "error": error},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            f"{registration.name} is checked in."
            if attended
            else f"{registration.name} is no longer checked in.",
        )
    return redirect(
        reverse("engagement:checkin", args=[event.pk]) + f"#registration-{registration.pk}"
    )


# Invitations ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invitation_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    sent = list(selectors.invitations_for(event=event))
    invited = {invitation.organisation_id for invitation in sent}
    can_invite = event.status in (EventStatus.DRAFT, EventStatus.PUBLISHED) and not event.is_past
    matches = selectors.matching_providers_for_event(event=event)
    candidates = [
        profile
        for profile in matches[: INVITATION_CHOICES_SHOWN + len(invited)]
        if profile.organisation_id not in invited
    ][:INVITATION_CHOICES_SHOWN]
    match_count = matches.count()
    form = InvitationForm(
        request.POST if request.method == "POST" else None,
        choices=[(p.organisation_id, p.organisation.name) for p in candidates],
    )
    if request.method == "POST" and can_invite and form.is_valid():
        chosen = set(form.cleaned_data["organisations"])
        try:
            done = invitations.invitations_send(
                actor=request.user,
                event=event,
                organisations=[p.organisation for p in candidates if p.organisation_id in chosen],
                message=form.cleaned_data["message"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            count = len(done)
            messages.success(
                request, f"{count} invitation{'s' if count != 1 else ''} sent in your name."
            )
            return redirect("engagement:invitation_list", pk=event.pk)
    return render(
        request,
        "engagement/manage/invitation_list.html",
        {
            "event": event,
            "form": form,
            "candidates": candidates,
            "match_count": match_count,
            "more_than_shown": match_count > len(candidates) + len(invited),
            "invitations": sent,
            "can_invite": can_invite,
        },
    )


# Materials, the Q&A summary and the market-engagement summary ---------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def material_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    post = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if post else ""
    material_form = MaterialForm(post, request.FILES) if which == "material" else MaterialForm()
    question_form = EventQuestionForm(post if which == "question" else None)
    if which == "material" and material_form.is_valid():
        try:
            materials.material_add(actor=request.user, event=event, **material_form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(material_form, exc)
        else:
            messages.success(request, f"“{material_form.cleaned_data['title']}” has been added.")
            return redirect("engagement:material_list", pk=event.pk)
    if which == "question" and question_form.is_valid():
        try:
            materials.event_question_add(
                actor=request.user, event=event, **question_form.cleaned_data
            )
        except ApplicationError as exc:
            add_service_error(question_form, exc)
        else:
            messages.success(request, "The question and answer have been added.")
            return redirect(reverse("engagement:material_list", args=[event.pk]) + "#questions")
    return render(
        request,
        "engagement/manage/material_list.html",
        {
            "event": event,
            "materials": selectors.materials_for(event=event),
            "questions": selectors.questions_for(event=event),
            "material_form": material_form,
            "question_form": question_form,
            # The form that was sent, for the page's error summary.
            "form": {"material": material_form, "question": question_form}.get(which),
            "can_add": event.status in (EventStatus.PUBLISHED, EventStatus.HELD),
            "opportunity_open": event.opportunity is not None
            and event.opportunity.status == "published",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_delete(request: HttpRequest, pk: int, material_pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    material = event.materials.filter(pk=material_pk).first()
    if material is None:
        raise Http404
    back = reverse("engagement:material_list", args=[event.pk])
    if request.method == "POST":
        materials.material_delete(actor=request.user, material=material)
        messages.success(request, f"“{material.title}” has been deleted.")
        return redirect(back)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Delete “{material.title}”?",
            "confirm_body": "Anyone who could see it will no longer be able to."
            if event.materials_published_at
            else "",
            "confirm_button": "Delete",
            "cancel_url": back,
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    item = event.questions.filter(pk=question_pk).first()
    if item is None:
        raise Http404
    back = reverse("engagement:material_list", args=[event.pk]) + "#questions"
    if request.method == "POST":
        try:
            materials.event_question_delete(actor=request.user, item=item)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "The question has been deleted.")
        return redirect(back)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Delete this question and answer?",
            "confirm_body": item.question,
            "confirm_button": "Delete",
            "cancel_url": back,
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_copy(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    item = event.questions.filter(pk=question_pk).first()
    if item is None or event.opportunity is None:
        raise Http404
    back = reverse("engagement:material_list", args=[event.pk]) + "#questions"
    if request.method == "POST":
        try:
            materials.event_question_copy_to_clarifications(actor=request.user, item=item)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"The answer is published in the clarifications of “{event.opportunity.title}”, "
                "and everyone registered on it has been told.",
            )
        return redirect(back)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Publish this answer as a clarification?",
            "confirm_body": f"It is added to the published questions and answers of "
            f"“{event.opportunity.title}” without saying who asked, and everyone registered "
            "on the opportunity is emailed. It cannot be taken back.",
            "confirm_button": "Publish clarification",
            "cancel_url": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def materials_publish(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    back = reverse("engagement:material_list", args=[event.pk])
    if request.method == "POST":
        try:
            materials.materials_publish(actor=request.user, event=event)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                "The materials are published. Everyone registered on the event and on the "
                "opportunity can see them now, and has been emailed.",
            )
        return redirect(back)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Publish the materials to everyone registered?",
            "confirm_body": "The slides, notes and questions and answers become visible to "
            "everyone registered on the event and on the linked opportunity at the same "
            "moment, and each of them is emailed.",
            "confirm_button": "Publish materials",
            "cancel_url": back,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    if event.status != EventStatus.HELD:
        messages.info(request, "Write the summary once the event has been recorded as held.")
        return redirect("engagement:workspace", pk=event.pk)
    form = SummaryForm(
        request.POST if request.method == "POST" else None,
        initial={"heard": event.summary_heard, "changes": event.summary_changes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            events.event_summary_save(actor=request.user, event=event, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            text = "The summary has been saved."
            if event.opportunity_id:
                text += f" It is shown on “{event.opportunity.title}”."
            messages.success(request, text)
            return redirect("engagement:workspace", pk=event.pk)
    return render(request, "engagement/manage/summary.html", {"form": form, "event": event})


# Statistics -----------------------------------------------------------------------------------


@login_required
def statistics(request: HttpRequest, pk: int) -> HttpResponse:
    event = organiser_event(request, pk)
    return render(
        request,
        "engagement/manage/statistics.html",
        {"event": event, "statistics": selectors.event_statistics(event=event)},
    )


@login_required
def programme_statistics(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_organiser(user=request.user, pk=pk)
    if not request.user.has_perm("engagement.add_event", programme.organisation):
        raise PermissionDenied
    return render(
        request,
        "engagement/manage/programme_statistics.html",
        {"programme": programme, "rows": selectors.programme_statistics(programme=programme)},
    )
