"""The items on a provider's own profile: activities, venues, track record, case studies and
documents. Each is listed, added (or changed) on its own form page, and deleted after
confirmation; items are found among the active organisation's own profile, so another
organisation's ids give 404."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error
from providers.forms import (
    ActivityForm,
    DocumentForm,
    EvidenceForm,
    TrackRecordForm,
    VenueForm,
)
from providers.models import ProviderProfile
from providers.services import documents, profiles
from providers.views.profile import find_own, own_profile_view

# Activities and venues: a list, a form to add or change one, and a confirmed delete.


def _child_list(
    request: HttpRequest, profile: ProviderProfile, template: str, items: Iterable[Any]
) -> HttpResponse:
    return render(request, template, {"profile": profile, "items": list(items)})


def _child_edit(
    request: HttpRequest,
    profile: ProviderProfile,
    *,
    form_class: type,
    instance: Any,
    save: Callable[..., Any],
    list_url: str,
    heading: str,
    intro: str = "",
) -> HttpResponse:
    # The form works on a copy: validating a ModelForm changes its instance, and the service
    # records what the saved item was before.
    form = form_class(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(instance) if instance is not None else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            verb = "changed" if instance is not None else "added"
            messages.success(request, f"{saved} has been {verb}.")
            return redirect(list_url)
    return _item_form(request, profile, form, heading=heading, list_url=list_url, intro=intro)


def _item_form(
    request: HttpRequest,
    profile: ProviderProfile,
    form: Any,
    *,
    heading: str,
    list_url: str,
    intro: str = "",
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "providers/profile/item_form.html",
        {
            "form": form,
            "profile": profile,
            "heading": heading,
            "intro": intro,
            "list_url": list_url,
            "multipart": multipart,
        },
    )


def _child_delete(
    request: HttpRequest,
    *,
    name: str,
    delete: Callable[[], None],
    list_url: str,
    body: str,
) -> HttpResponse:
    if request.method == "POST":
        delete()
        messages.success(request, f"{capfirst(name)} has been deleted.")
        return redirect(list_url)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Delete {name}?",
            "confirm_body": body,
            "confirm_button": "Delete",
            "cancel_url": list_url,
            "danger": True,
        },
    )


@own_profile_view
def activity_list(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    return _child_list(
        request, profile, "providers/profile/activity_list.html", profile.activities.all()
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def activity_edit(
    request: HttpRequest, profile: ProviderProfile, pk: int | None = None
) -> HttpResponse:
    activity = find_own(profile.activities.all(), pk) if pk is not None else None
    return _child_edit(
        request,
        profile,
        form_class=ActivityForm,
        instance=activity,
        save=lambda data: profiles.activity_save(
            actor=request.user, profile=profile, activity=activity, **data
        ),
        list_url=reverse("providers:activity_list"),
        heading="Change the activity" if activity else "Add an activity",
        intro="A service you offer: a regular group, a course, a residency or a one-off event.",
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, profile: ProviderProfile, pk: int) -> HttpResponse:
    activity = find_own(profile.activities.all(), pk)
    return _child_delete(
        request,
        name=activity.name,
        delete=lambda: profiles.activity_delete(actor=request.user, activity=activity),
        list_url=reverse("providers:activity_list"),
        body="It will no longer appear on your profile or in search results.",
    )


@own_profile_view
def venue_list(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    return _child_list(request, profile, "providers/profile/venue_list.html", profile.venues.all())


@own_profile_view
@require_http_methods(["GET", "POST"])
def venue_edit(
    request: HttpRequest, profile: ProviderProfile, pk: int | None = None
) -> HttpResponse:
    venue = find_own(profile.venues.all(), pk) if pk is not None else None
    return _child_edit(
        request,
        profile,
        form_class=VenueForm,
        instance=venue,
        save=lambda data: profiles.venue_save(
            actor=request.user, profile=profile, venue=venue, **data
        ),
        list_url=reverse("providers:venue_list"),
        heading="Change the venue" if venue else "Add a venue",
        intro="A place where you run activities. Commissioners use the postcode to see how "
        "near you are to the people they serve.",
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def venue_delete(request: HttpRequest, profile: ProviderProfile, pk: int) -> HttpResponse:
    venue = find_own(profile.venues.all(), pk)
    return _child_delete(
        request,
        name=venue.name,
        delete=lambda: profiles.venue_delete(actor=request.user, venue=venue),
        list_url=reverse("providers:venue_list"),
        body="It will no longer appear on your profile.",
    )


# Track record and evidence: added and deleted (a change is a delete and a new entry).


@own_profile_view
def track_record_list(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    return _child_list(
        request, profile, "providers/profile/track_record_list.html", profile.track_records.all()
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def track_record_create(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    return _child_edit(
        request,
        profile,
        form_class=TrackRecordForm,
        instance=None,
        save=lambda data: profiles.track_record_add(actor=request.user, profile=profile, **data),
        list_url=reverse("providers:track_record_list"),
        heading="Add a contract or grant",
        intro="Public-sector contracts and grants you have delivered, such as from a council, "
        "the NHS or Arts Council England.",
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def track_record_delete(request: HttpRequest, profile: ProviderProfile, pk: int) -> HttpResponse:
    track_record = find_own(profile.track_records.all(), pk)
    return _child_delete(
        request,
        name=str(track_record),
        delete=lambda: profiles.track_record_delete(actor=request.user, track_record=track_record),
        list_url=reverse("providers:track_record_list"),
        body="It will no longer appear on your profile.",
    )


@own_profile_view
def evidence_list(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    return _child_list(
        request, profile, "providers/profile/evidence_list.html", profile.evidence.all()
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def evidence_create(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    form = EvidenceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence = profiles.evidence_add(
                actor=request.user, profile=profile, **form.cleaned_data
            )
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{evidence.title} has been added.")
            return redirect("providers:evidence_list")
    return _item_form(
        request,
        profile,
        form,
        heading="Add a case study",
        list_url=reverse("providers:evidence_list"),
        intro="Show the difference your work makes: a story, an evaluation, photos or a film.",
        multipart=True,
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def evidence_delete(request: HttpRequest, profile: ProviderProfile, pk: int) -> HttpResponse:
    evidence = find_own(profile.evidence.all(), pk)
    return _child_delete(
        request,
        name=evidence.title,
        delete=lambda: profiles.evidence_delete(actor=request.user, evidence=evidence),
        list_url=reverse("providers:evidence_list"),
        body="It will no longer appear on your profile, and any file with it will be deleted.",
    )


@own_profile_view
def document_list(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    return _child_list(
        request, profile, "providers/profile/document_list.html", profile.documents.all()
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = documents.document_upload(
                actor=request.user, profile=profile, **form.cleaned_data
            )
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, f"Your {document.get_kind_display().lower()} has been uploaded."
            )
            return redirect("providers:document_list")
    return _item_form(
        request,
        profile,
        form,
        heading="Upload a document",
        list_url=reverse("providers:document_list"),
        intro="Commissioners check these before they award. Only commissioners and your "
        "colleagues can see your documents.",
        multipart=True,
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, profile: ProviderProfile, pk: int) -> HttpResponse:
    document = find_own(profile.documents.all(), pk)
    return _child_delete(
        request,
        name=f"your {document.get_kind_display().lower()}",
        delete=lambda: documents.document_delete(actor=request.user, document=document),
        list_url=reverse("providers:document_list"),
        body="Commissioners will no longer be able to see it. You can upload it again later.",
    )
