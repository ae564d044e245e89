"""What attendees do: register (signed in, or as a guest confirming by email), write and
withdraw their profile, cancel, read the "who's in the room" board and contact someone on it,
and say they are interested in a programme without attending."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from core.viewutils import add_service_error, paginate
from engagement import selectors
from engagement.constants import PROFILE_WORD_LIMIT, Audience, RegistrationStatus
from engagement.forms import (
    BoardFilterForm,
    ContactForm,
    GuestRegisterForm,
    PersonalRegisterForm,
    ProfileForm,
    RegisterForm,
)
from engagement.models import Event, ProgrammeInterest, Registration
from engagement.services import profiles, registrations
from engagement.views.common import can_view_board, guest_registration, remember_guest

BOARD_PAGE_SIZE = 20


def _place_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CONFIRMED:
        who = (
            "You have"
            if registration.user_id == registration.registered_by_id
            else (f"{registration.name} has")
        )
        return f"{who} a place at {registration.event.title}. We have sent an email to confirm it."
    return (
        f"The event is full, so {registration.name} is on the waiting list. If a place comes "
        "up, it is given automatically and we send an email."
    )


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    if not event.registration_open:
        messages.info(request, "Registration for this event is closed.")
        return redirect(event)
    post = request.POST if request.method == "POST" else None
    if not request.user.is_authenticated:
        return _register_guest(request, event, post)
    organisation = request.organisation
    if organisation is not None and not request.user.has_perm(
        "engagement.register_for_events", organisation
    ):
        raise PermissionDenied
    form = PersonalRegisterForm(post) if organisation is None else RegisterForm(post)
    if post is not None and form.is_valid():
        try:
            registration = registrations.registration_create(
                actor=request.user,
                event=event,
                organisation=organisation,
                **_register_arguments(form.cleaned_data, organisation),
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _place_message(registration))
            return redirect("engagement:registration_detail", pk=registration.pk)
    return render(
        request,
        "engagement/registration/register.html",
        {"event": event, "form": form, "organisation": organisation},
    )


def _register_arguments(data: dict, organisation) -> dict[str, str]:
    """What the two registration forms ask, named as registration_create names it."""
    if organisation is None:
        return {
            "organisation_name": data["organisation_name"],
            "organisation_type": data["organisation_type"],
        }
    if data["who"] == "colleague":
        return {"name": data["colleague_name"], "email": data["colleague_email"]}
    return {}


def _register_guest(request: HttpRequest, event: Event, post) -> HttpResponse:
    if event.audience != Audience.ANYONE:
        return render(request, "engagement/registration/register_sign_in.html", {"event": event})
    form = GuestRegisterForm(post)
    if post is not None and form.is_valid():
        try:
            registration = registrations.registration_create_guest(event=event, **form.cleaned_data)
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            return render(
                request,
                "engagement/registration/guest_check_email.html",
                {"event": event, "registration": registration},
            )
    return render(
        request, "engagement/registration/register_guest.html", {"event": event, "form": form}
    )


@require_http_methods(["GET", "POST"])
def guest_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a guest's email. Confirming takes a POST, so a mail scanner following the
    link cannot use it up."""
    registration = selectors.registration_get_by_token(token=token)
    error = ""
    if request.method == "POST":
        try:
            registration, manage_token = registrations.registration_confirm(
                registration=registration
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            remember_guest(request, registration)
            messages.success(request, _place_message(registration))
            return redirect("engagement:guest_manage", token=manage_token)
    return render(
        request,
        "engagement/registration/guest_confirm.html",
        {"registration": registration, "event": registration.event, "error": error},
    )


def _registration_urls(registration: Registration, token: str = "") -> dict[str, str]:
    if token:
        return {
            "profile": reverse("engagement:guest_profile", args=[token]),
            "withdraw": reverse("engagement:guest_profile_withdraw", args=[token]),
            "cancel": reverse("engagement:guest_cancel", args=[token]),
            "back": reverse("engagement:guest_manage", args=[token]),
        }
    pk = registration.pk
    return {
        "profile": reverse("engagement:profile_edit", args=[pk]),
        "withdraw": reverse("engagement:profile_withdraw", args=[pk]),
        "cancel": reverse("engagement:registration_cancel", args=[pk]),
        "back": reverse("engagement:registration_detail", args=[pk]),
    }


def _registration_page(request: HttpRequest, registration: Registration, token: str = ""):
    event = registration.event
    return render(
        request,
        "engagement/registration/registration_detail.html",
        {
            "registration": registration,
            "event": event,
            "profile": getattr(registration, "profile", None),
            "urls": _registration_urls(registration, token),
            "board_visible": registration.status
            in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
            "can_change": registration.is_active and event.registration_open,
            "profile_open": event.starts_at > timezone.now(),
        },
    )


@login_required
def registration_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.registration_list_for_user(user=request.user))
    return render(request, "engagement/registration/registration_list.html", {"page_obj": page})


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.registration_get_for_user(user=request.user, pk=pk)
    return _registration_page(request, registration)


def guest_manage(request: HttpRequest, token: str) -> HttpResponse:
    registration = selectors.registration_get_by_manage_token(token=token)
    remember_guest(request, registration)
    return _registration_page(request, registration, token)


def _profile_form(request: HttpRequest, registration: Registration, urls: dict[str, str]):
    event = registration.event
    profile = getattr(registration, "profile", None)
    if event.starts_at <= timezone.now():
        messages.info(
            request, "Profiles can be changed until the event starts. You can still withdraw yours."
        )
        return redirect(urls["back"])
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        profile=profile,
        default_art_forms=registration.art_forms.all(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = profiles.profile_save(
                actor=request.user if request.user.is_authenticated else None,
                registration=registration,
                about=data["about"],
                consent=data["consent"],
                looking_for_partners=data["looking_for_partners"],
                partner_note=data["partner_note"],
                outcome_areas=data["outcome_areas"],
                art_forms=data["art_forms"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                "Your profile is on the board for the other attendees and potential bidders."
                if saved.is_shared
                else "Your profile has been saved. Only you and the organiser can see it, "
                "because you have not agreed to share it.",
            )
            return redirect(urls["back"])
    return render(
        request,
        "engagement/registration/profile_form.html",
        {
            "form": form,
            "event": event,
            "registration": registration,
            "profile": profile,
            "urls": urls,
            "word_limit": PROFILE_WORD_LIMIT,
        },
    )


def _profile_withdraw(request: HttpRequest, profile, urls: dict[str, str], actor=None):
    if profile is None:
        return redirect(urls["back"])
    if request.method == "POST":
        profiles.profile_withdraw(actor=actor, profile=profile)
        messages.success(request, "Your profile has been withdrawn and deleted.")
        return redirect(urls["back"])
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Withdraw your profile?",
            "confirm_body": "It is removed from the board and deleted. You can write a new one "
            "until the event starts.",
            "confirm_button": "Withdraw profile",
            "cancel_url": urls["back"],
            "danger": True,
        },
    )


def _cancel(request: HttpRequest, registration: Registration, urls: dict[str, str], actor=None):
    if request.method == "POST":
        try:
            registrations.registration_cancel(actor=actor, registration=registration)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(urls["back"])
        messages.success(request, f"The registration for {registration.name} has been cancelled.")
        return redirect(registration.event)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Cancel {registration.name}'s place?",
            "confirm_body": "The place goes to the first person on the waiting list. You can "
            "register again while registration is open, if there is room.",
            "confirm_button": "Cancel registration",
            "cancel_url": urls["back"],
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.registration_get_for_user(user=request.user, pk=pk)
    return _profile_form(request, registration, _registration_urls(registration))


@login_required
@require_http_methods(["GET", "POST"])
def profile_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.registration_get_for_user(user=request.user, pk=pk)
    return _profile_withdraw(
        request,
        getattr(registration, "profile", None),
        _registration_urls(registration),
        actor=request.user,
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.registration_get_for_user(user=request.user, pk=pk)
    return _cancel(request, registration, _registration_urls(registration), actor=request.user)


@require_http_methods(["GET", "POST"])
def guest_profile(request: HttpRequest, token: str) -> HttpResponse:
    registration = selectors.registration_get_by_manage_token(token=token)
    return _profile_form(request, registration, _registration_urls(registration, token))


@require_http_methods(["GET", "POST"])
def guest_profile_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    registration = selectors.registration_get_by_manage_token(token=token)
    return _profile_withdraw(
        request, getattr(registration, "profile", None), _registration_urls(registration, token)
    )


@require_http_methods(["GET", "POST"])
def guest_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = selectors.registration_get_by_manage_token(token=token)
    return _cancel(request, registration, _registration_urls(registration, token))


# The board ------------------------------------------------------------------------------------


def _board_event(request: HttpRequest, pk: int) -> Event:
    """The event, if the person may see its board: registered attendees, providers registered
    on the linked opportunity or interested in the programme, and the organisers. Anyone else
    gets 404, so the board's existence says nothing."""
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    if not can_view_board(request, event):
        raise Http404
    return event


def board(request: HttpRequest, pk: int) -> HttpResponse:
    event = _board_event(request, pk)
    form = BoardFilterForm(request.GET or None)
    page = paginate(
        request, selectors.board_profiles(event=event, filters=form.filters()), BOARD_PAGE_SIZE
    )
    return render(
        request,
        "engagement/public/board.html",
        {
            "event": event,
            "form": form,
            "page_obj": page,
            "filtered": bool(request.GET.dict().keys() - {"page"}),
        },
    )


def board_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The board laid out for the wall: every consented profile, no filters."""
    event = _board_event(request, pk)
    return render(
        request,
        "engagement/public/board_print.html",
        {"event": event, "profiles": selectors.board_profiles(event=event)},
    )


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, pk: int, profile_pk: int) -> HttpResponse:
    """ "Contact this organisation": a message emailed through the platform; nobody's address
    is shown."""
    event = _board_event(request, pk)
    profile = selectors.board_profile_get(event=event, pk=profile_pk)
    guest = None if request.user.is_authenticated else guest_registration(request, event)
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            profiles.contact_send(
                event=event,
                profile=profile,
                body=form.cleaned_data["body"],
                share_email=form.cleaned_data["share_email"],
                sender=request.user if request.user.is_authenticated else None,
                sender_registration=guest,
                sender_organisation=getattr(request, "organisation", None),
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"Your message has been sent to {profile.name} at {profile.organisation_name}.",
            )
            return redirect("engagement:board", pk=event.pk)
    return render(
        request,
        "engagement/public/contact_form.html",
        {"event": event, "profile": profile, "form": form},
    )


# Interested in a programme, without attending ---------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def interest_register(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_public(pk=pk)
    organisation = request.organisation
    if organisation is None or not request.user.has_perm(
        "engagement.express_interest", organisation
    ):
        raise PermissionDenied
    back = reverse("engagement:programme_detail", args=[programme.pk])
    if request.method == "POST":
        try:
            interest = profiles.programme_interest_register(
                actor=request.user, programme=programme, organisation=organisation
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(back)
        messages.success(
            request,
            f"{organisation.name} is on the list of organisations interested in {programme.name}. "
            "Add a profile so attendees and potential bidders can find you.",
        )
        return redirect("engagement:interest_profile", pk=interest.pk)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": f"Say {organisation.name} is interested in {programme.name}?",
            "confirm_body": "Your organisation's name joins the public list of organisations "
            "interested in the programme. You can add a profile for the boards of its events "
            "without attending, and leave the list at any time.",
            "confirm_button": "Add us to the list",
            "cancel_url": back,
        },
    )


def _interest_urls(interest: ProgrammeInterest) -> dict[str, str]:
    return {
        "profile": reverse("engagement:interest_profile", args=[interest.pk]),
        "withdraw": reverse("engagement:interest_profile_withdraw", args=[interest.pk]),
        "back": reverse("engagement:programme_detail", args=[interest.programme_id]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def interest_profile(request: HttpRequest, pk: int) -> HttpResponse:
    interest = selectors.programme_interest_get_for_user(user=request.user, pk=pk)
    profile = getattr(interest, "profile", None)
    organisation_profile = getattr(interest.organisation, "profile", None)
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        profile=profile,
        default_art_forms=organisation_profile.art_forms.all() if organisation_profile else (),
    )
    urls = _interest_urls(interest)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profiles.profile_save(
                actor=request.user,
                interest=interest,
                about=data["about"],
                consent=data["consent"],
                looking_for_partners=data["looking_for_partners"],
                partner_note=data["partner_note"],
                outcome_areas=data["outcome_areas"],
                art_forms=data["art_forms"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Your profile has been saved.")
            return redirect(urls["back"])
    return render(
        request,
        "engagement/registration/profile_form.html",
        {
            "form": form,
            "programme": interest.programme,
            "interest": interest,
            "profile": profile,
            "urls": urls,
            "word_limit": PROFILE_WORD_LIMIT,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_profile_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    interest = selectors.programme_interest_get_for_user(user=request.user, pk=pk)
    return _profile_withdraw(
        request, getattr(interest, "profile", None), _interest_urls(interest), actor=request.user
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    interest = selectors.programme_interest_get_for_user(user=request.user, pk=pk)
    back = reverse("engagement:programme_detail", args=[interest.programme_id])
    if request.method == "POST":
        profiles.programme_interest_withdraw(actor=request.user, interest=interest)
        messages.success(
            request, f"{interest.organisation.name} is no longer on the list for this programme."
        )
        return redirect(back)
    return render(
        request,
        "confirm.html",
        {
            "confirm_title": "Leave the list of interested organisations?",
            "confirm_body": "Your organisation's name and its profile are removed.",
            "confirm_button": "Leave the list",
            "cancel_url": back,
            "danger": True,
        },
    )
