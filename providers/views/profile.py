"""A provider's own profile: the overview (completeness, listing, sections) and the sections
edited as short forms. The items on it (activities, venues…) are in profile_items.

The profile is always the active organisation's (request.organisation), so a member of
another organisation can never reach it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from commissioning.selectors import area_list
from core.errors import ApplicationError
from core.viewutils import add_service_error
from providers import selectors
from providers.constants import DocumentKind, Setting, SupportNeed
from providers.forms import (
    AboutForm,
    AreasForm,
    ContactForm,
    WhatYouDoForm,
)
from providers.models import ProviderProfile
from providers.services import profiles

ProfileView = Callable[..., HttpResponse]


def own_profile_view(view: ProfileView) -> ProfileView:
    """Sign-in required; the view gets the active organisation's profile (created the first
    time). Commissioners, and people not acting for an organisation, are told why not."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        organisation = request.organisation
        if organisation is None:
            return _unavailable(request, reason="no_organisation")
        try:
            profiles.profile_ensure(organisation=organisation)
        except ApplicationError:
            return _unavailable(request, reason="commissioner")
        profile = selectors.profile_for_organisation(organisation=organisation)
        if not request.user.has_perm("providers.change_profile", profile):
            raise PermissionDenied
        return view(request, profile, *args, **kwargs)

    return wrapper


def _unavailable(request: HttpRequest, *, reason: str) -> HttpResponse:
    return render(request, "providers/profile/unavailable.html", {"reason": reason}, status=403)


def find_own(items: Iterable[Any], pk: int) -> Any:
    """One of the profile's own (prefetched) children; anything else is not found."""
    for item in items:
        if item.pk == pk:
            return item
    raise Http404


def _back_to_overview() -> HttpResponse:
    return redirect("providers:profile_overview")


@dataclass
class Section:
    key: str
    title: str
    url_name: str
    status: str  # "completed", "incomplete", "optional" or "action"
    hint: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _sections(profile: ProviderProfile) -> list[Section]:
    documents_held = list(profile.documents.all())
    kinds = {d.kind for d in documents_held if not d.is_expired}
    activities = len(profile.activities.all())
    venues = len(profile.venues.all())
    track_records = len(profile.track_records.all())
    evidence = len(profile.evidence.all())

    def done(ok: bool) -> str:
        return "completed" if ok else "incomplete"

    if any(d.is_expired for d in documents_held):
        documents_status = "action"
    else:
        documents_status = done(
            {DocumentKind.PUBLIC_LIABILITY, DocumentKind.SAFEGUARDING_POLICY} <= kinds
        )
    return [
        Section(
            "about",
            "About your organisation",
            "providers:profile_about",
            done(
                bool(
                    profile.summary
                    and profile.legal_form
                    and profile.staff_band
                    and profile.turnover_band
                    and profile.safeguarding_lead
                )
            ),
            "Summary, legal form, size and safeguarding lead",
        ),
        Section(
            "contact",
            "Contact person",
            "providers:profile_contact",
            done(bool(profile.contact_name and profile.contact_email)),
            profile.contact_name or "A named person commissioners can talk to",
        ),
        Section(
            "what",
            "What you do",
            "providers:profile_what",
            done(
                bool(
                    profile.art_forms.all()
                    and profile.outcome_areas.all()
                    and profile.beneficiary_groups.all()
                    and profile.settings
                )
            ),
            "Art forms, outcomes, who you work with and settings",
        ),
        Section(
            "where",
            "Where you work",
            "providers:profile_where",
            done(bool(profile.areas_served.all())),
            _plural(len(profile.areas_served.all()), "area", "areas"),
        ),
        Section(
            "activities",
            "Activities",
            "providers:activity_list",
            done(activities > 0),
            _plural(activities, "activity", "activities"),
        ),
        Section(
            "venues",
            "Venues",
            "providers:venue_list",
            "completed" if venues or Setting.ONLINE in profile.settings else "optional",
            _plural(venues, "venue", "venues"),
        ),
        Section(
            "track_record",
            "Track record",
            "providers:track_record_list",
            "completed" if track_records else "optional",
            _plural(track_records, "contract or grant", "contracts or grants"),
        ),
        Section(
            "evidence",
            "Evidence and case studies",
            "providers:evidence_list",
            "completed" if evidence else "optional",
            _plural(evidence, "case study", "case studies"),
        ),
        Section(
            "documents",
            "Documents",
            "providers:document_list",
            documents_status,
            _plural(len(documents_held), "document", "documents"),
        ),
    ]


# Where each of profile_completeness's next steps is done.
NEXT_STEP_SECTIONS = {
    "Write a short summary of what you do": "providers:profile_about",
    "Describe your organisation and who you work with": None,  # the organisation's own page
    "Name a contact person commissioners can talk to": "providers:profile_contact",
    "Choose your art forms": "providers:profile_what",
    "Choose the outcomes your work improves": "providers:profile_what",
    "Say who you work with": "providers:profile_what",
    "Choose the areas you work in": "providers:profile_where",
    "Choose the settings you work in": "providers:profile_what",
    "Add an activity you offer": "providers:activity_create",
    "Add a venue where you work": "providers:venue_create",
    "Add your track record or a case study": "providers:track_record_list",
    "Give your legal form and size": "providers:profile_about",
    "Name your safeguarding lead": "providers:profile_about",
    "Upload your public liability insurance": "providers:document_create",
    "Upload your safeguarding policy": "providers:document_create",
}


def _next_steps(request: HttpRequest, profile: ProviderProfile, steps: list[str]) -> list[dict]:
    organisation = profile.organisation
    can_change_organisation = request.user.has_perm("accounts.change_organisation", organisation)
    result = []
    for step in steps:
        url_name = NEXT_STEP_SECTIONS.get(step, "providers:profile_overview")
        if url_name is None:
            url = (
                reverse("accounts:organisation_update", kwargs={"pk": organisation.pk})
                if can_change_organisation
                else organisation.get_absolute_url()
            )
        else:
            url = reverse(url_name)
        result.append({"text": step, "url": url})
    return result


# Where each of profile_listing_problems's problems is put right.
LISTING_PROBLEM_SECTIONS = {
    "Add a short summary of what you do": "providers:profile_about",
    "Name a contact person and give their email address": "providers:profile_contact",
    "Choose at least one art form": "providers:profile_what",
    "Choose at least one area you work in": "providers:profile_where",
}


def choice_labels(values: Iterable[str], choices: Iterable[tuple[str, str]]) -> list[str]:
    labels = dict(choices)
    return [labels.get(value, value) for value in values]


@own_profile_view
def profile_overview(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    percent, steps = selectors.profile_completeness(profile)
    return render(
        request,
        "providers/profile/overview.html",
        {
            "profile": profile,
            "organisation": profile.organisation,
            "percent": percent,
            "next_steps": _next_steps(request, profile, steps),
            "sections": _sections(profile),
            "listing_problems": [
                {
                    "text": problem,
                    "url": reverse(
                        LISTING_PROBLEM_SECTIONS.get(problem, "providers:profile_overview")
                    ),
                }
                for problem in (
                    [] if profile.is_listed else profiles.profile_listing_problems(profile=profile)
                )
            ],
            "settings_labels": choice_labels(profile.settings, Setting.choices),
            "support_labels": choice_labels(profile.support_needs, SupportNeed.choices),
            "can_list": request.user.has_perm("providers.list_profile", profile),
            "can_change_organisation": request.user.has_perm(
                "accounts.change_organisation", profile.organisation
            ),
        },
    )


@own_profile_view
@require_POST
def profile_list(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    if not request.user.has_perm("providers.list_profile", profile):
        raise PermissionDenied
    try:
        profiles.profile_set_listed(actor=request.user, profile=profile, listed=True)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "Your profile is now listed in the directory. Anyone can find it."
        )
    return _back_to_overview()


@own_profile_view
@require_http_methods(["GET", "POST"])
def profile_unlist(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    if not request.user.has_perm("providers.list_profile", profile):
        raise PermissionDenied
    if not profile.is_listed:
        return _back_to_overview()
    if request.method == "POST":
        profiles.profile_set_listed(actor=request.user, profile=profile, listed=False)
        messages.success(
            request,
            "Your profile has been removed from the directory. Only your colleagues can see it.",
        )
        return _back_to_overview()
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Remove your profile from the directory?",
            "confirm_body": "Commissioners and the public will no longer find it, and it will "
            "leave the open-data feed. Shortlists that include you will not show it. You can "
            "list it again at any time.",
            "confirm_button": "Remove from the directory",
            "cancel_url": reverse("providers:profile_overview"),
            "danger": True,
        },
    )


def _save_section(
    request: HttpRequest,
    profile: ProviderProfile,
    form: Any,
    *,
    template: str,
    success: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            profiles.profile_update(actor=request.user, profile=profile, **form.cleaned_data)
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, success)
            return _back_to_overview()
    return render(request, template, {"form": form, "profile": profile, **(extra or {})})


@own_profile_view
@require_http_methods(["GET", "POST"])
def profile_about(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    form = AboutForm(request.POST if request.method == "POST" else None, instance=profile)
    return _save_section(
        request,
        profile,
        form,
        template="providers/profile/about.html",
        success="Your organisation's details have been saved.",
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def profile_contact(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    form = ContactForm(request.POST if request.method == "POST" else None, instance=profile)
    return _save_section(
        request,
        profile,
        form,
        template="providers/profile/section_form.html",
        success="Your contact person has been saved.",
        extra={
            "title": "Contact person",
            "lead": "Commissioners told us they want to talk to a person, not a general inbox.",
        },
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def profile_what(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    form = WhatYouDoForm.for_profile(profile, request.POST if request.method == "POST" else None)
    return _save_section(
        request,
        profile,
        form,
        template="providers/profile/section_form.html",
        success="What you do has been saved.",
        extra={
            "title": "What you do",
            "lead": "Commissioners search by these. Choose all that apply.",
        },
    )


@own_profile_view
@require_http_methods(["GET", "POST"])
def profile_where(request: HttpRequest, profile: ProviderProfile) -> HttpResponse:
    form = AreasForm.for_profile(
        profile, area_list(), request.POST if request.method == "POST" else None
    )
    return _save_section(
        request,
        profile,
        form,
        template="providers/profile/where.html",
        success="The areas you work in have been saved.",
    )
