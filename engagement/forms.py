"""Forms for event pages. They check what a person typed; the services check the rest and
their refusals are shown in the same error summary. Dates and times are UK time."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from accounts.constants import OrganisationType
from accounts.models import Organisation
from commissioning.models import Area, ArtForm, OutcomeArea, Programme
from engagement.constants import (
    PROFILE_WORD_LIMIT,
    Audience,
    EventKind,
    MaterialKind,
    RegistrationStatus,
)
from engagement.models import Event
from engagement.selectors import BoardFilters, EventFilters
from engagement.services.profiles import CONTACT_MAX_CHARACTERS, word_count
from tenders.models import Opportunity

TIME_WIDGET = forms.TimeInput(
    attrs={"type": "time", "class": "govuk-input--width-5"}, format="%H:%M"
)
TIME_ERRORS = {"invalid": "Enter a time, like 09:30 or 14:00."}
DATE_ERRORS = {"invalid": "Enter a real date, like 27 March 2026."}


def _combine(day: datetime.date | None, time: datetime.time | None) -> datetime.datetime | None:
    if day is None or time is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _split(moment: datetime.datetime | None) -> tuple[datetime.date | None, datetime.time | None]:
    if moment is None:
        return None, None
    local = timezone.localtime(moment)
    return local.date(), local.time().replace(second=0, microsecond=0)


def _organisation_type_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *OrganisationType.choices]


class EventForm(forms.Form):
    """A new event, or an event's details. Outcome areas, art forms and areas are only on the
    edit form: a new event starts from its opportunity's (or programme's)."""

    kind = forms.ChoiceField(
        label="What kind of event is it?",
        choices=EventKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of event it is."},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Community mental health and wellbeing: market engagement event",
        error_messages={"required": "Enter a title."},
    )
    description = forms.CharField(
        label="What is the event for, and who should come?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Describe what the event is for and who should come."},
    )
    agenda = forms.CharField(
        label="Agenda (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One item a line, for example 10:00 Welcome and the vision for the service.",
    )
    programme = forms.ModelChoiceField(
        label="Programme (optional)",
        queryset=Programme.objects.none(),
        required=False,
        empty_label="No programme",
    )
    opportunity = forms.ModelChoiceField(
        label="Opportunity (optional)",
        queryset=Opportunity.objects.none(),
        required=False,
        empty_label="No opportunity",
        help_text="The tender or grant call the event is about. Its programme is used when you "
        "choose no programme.",
    )
    date = forms.DateField(
        label="Date",
        error_messages={"required": "Enter the date of the event.", **DATE_ERRORS},
    )
    start_time = forms.TimeField(
        label="Start time",
        widget=TIME_WIDGET,
        help_text="UK time, for example 10:00.",
        error_messages={"required": "Enter the start time.", **TIME_ERRORS},
    )
    end_date = forms.DateField(
        label="End date (optional)",
        required=False,
        help_text="Only for an event over more than one day.",
        error_messages=DATE_ERRORS,
    )
    end_time = forms.TimeField(
        label="End time",
        widget=TIME_WIDGET,
        help_text="For example, 15:30.",
        error_messages={"required": "Enter the end time.", **TIME_ERRORS},
    )
    venue_name = forms.CharField(
        label="Venue (optional if the event is online)",
        max_length=200,
        required=False,
        help_text="Arts venues are encouraged: a theatre, gallery, museum or library.",
    )
    venue_address = forms.CharField(
        label="Venue address (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    venue_postcode = forms.CharField(
        label="Venue postcode (optional)", max_length=8, required=False
    )
    venue_accessibility = forms.CharField(
        label="Accessibility of the venue (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Step-free access, hearing loops, accessible toilets, quiet rooms, parking.",
    )
    online_details = forms.CharField(
        label="Online joining details (optional if the event is at a venue)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The link, meeting ID and passcode. Only people with a confirmed place see them.",
    )
    capacity = forms.IntegerField(
        label="Number of places (optional)",
        required=False,
        min_value=1,
        max_value=100000,
        help_text="When the places are taken, people join a waiting list. Leave empty for no limit.",
        error_messages={
            "invalid": "Enter the number of places as a whole number, like 100.",
            "min_value": "The number of places must be at least 1, or leave it empty.",
        },
    )
    deadline_date = forms.DateField(
        label="Registration closes: date (optional)",
        required=False,
        help_text="Registration stays open until the event starts if you leave this empty.",
        error_messages=DATE_ERRORS,
    )
    deadline_time = forms.TimeField(
        label="Registration closes: time (optional)",
        required=False,
        widget=TIME_WIDGET,
        help_text="Midday if left empty.",
        error_messages=TIME_ERRORS,
    )
    audience = forms.ChoiceField(
        label="Who may register?",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        initial=Audience.ANYONE,
        error_messages={"required": "Choose who may register."},
    )

    def __init__(self, *args, organisation: Organisation, event: Event | None = None, **kwargs):
        self.event = event
        initial = kwargs.pop("initial", {})
        if event is not None:
            initial = {
                **{
                    name: getattr(event, name)
                    for name in (
                        "kind",
                        "title",
                        "description",
                        "agenda",
                        "programme",
                        "opportunity",
                        "venue_name",
                        "venue_address",
                        "venue_postcode",
                        "venue_accessibility",
                        "online_details",
                        "capacity",
                        "audience",
                    )
                },
                **initial,
            }
            initial["date"], initial["start_time"] = _split(event.starts_at)
            end_date, initial["end_time"] = _split(event.ends_at)
            if end_date != initial["date"]:
                initial["end_date"] = end_date
            initial["deadline_date"], initial["deadline_time"] = _split(event.registration_deadline)
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(
            organisation=organisation
        ).order_by("name")
        self.fields["opportunity"].queryset = Opportunity.objects.filter(
            organisation=organisation
        ).order_by("title")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        cleaned["starts_at"] = _combine(day, start)
        cleaned["ends_at"] = _combine(cleaned.get("end_date") or day, end)
        if (
            cleaned["starts_at"]
            and cleaned["ends_at"]
            and cleaned["ends_at"] <= cleaned["starts_at"]
        ):
            self.add_error("end_time", "The event must end after it starts.")
        deadline_day, deadline_time = cleaned.get("deadline_date"), cleaned.get("deadline_time")
        if deadline_time and not deadline_day:
            self.add_error("deadline_date", "Enter the date as well as the time.")
        cleaned["registration_deadline"] = _combine(
            deadline_day, deadline_time or datetime.time(12, 0)
        )
        if (
            cleaned["registration_deadline"]
            and cleaned["ends_at"]
            and cleaned["registration_deadline"] > cleaned["ends_at"]
        ):
            self.add_error("deadline_date", "Registration must close before the event ends.")
        if (
            not cleaned.get("venue_name", "").strip()
            and not cleaned.get("online_details", "").strip()
        ):
            self.add_error("venue_name", "Give a venue, online joining details, or both.")
        return cleaned

    def details(self) -> dict[str, Any]:
        """The cleaned details, named as the event services name them."""
        skip = {"date", "start_time", "end_date", "end_time", "deadline_date", "deadline_time"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class EventAudienceForm(forms.Form):
    """Who the event is for: finds the directory providers to invite, and where it is listed."""

    outcome_areas = forms.ModelMultipleChoiceField(
        label="Outcome areas (optional)",
        queryset=OutcomeArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    art_forms = forms.ModelMultipleChoiceField(
        label="Art forms (optional)",
        queryset=ArtForm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty if any art form could help.",
    )
    areas = forms.ModelMultipleChoiceField(
        label="Areas (optional)",
        queryset=Area.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        required=False,
        help_text="Local authority areas. Hold Ctrl (or Cmd) to choose more than one.",
    )


class EventFilterForm(forms.Form):
    """The public list's search and filters (GET)."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label="Kind of event",
        choices=EventKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label="Anywhere",
    )
    programme = forms.ModelChoiceField(
        label="Programme", queryset=Programme.objects.none(), required=False, empty_label="Any"
    )
    when = forms.ChoiceField(
        label="When",
        choices=[("upcoming", "Upcoming"), ("past", "Past")],
        required=False,
        widget=forms.RadioSelect,
        initial="upcoming",
    )

    def __init__(self, *args, programmes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes

    def filters(self) -> EventFilters:
        if not self.is_bound or not self.is_valid():
            return EventFilters()
        data = self.cleaned_data
        return EventFilters(
            q=data["q"].strip(),
            kinds=data["kind"],
            area=data["area"].pk if data["area"] else None,
            programme=data["programme"].pk if data["programme"] else None,
            when=data["when"] or "upcoming",
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Everyone registered is emailed this reason.",
        error_messages={"required": "Give the reason for cancelling."},
    )


class RegisterForm(forms.Form):
    """A signed-in person registers themselves or a colleague for the organisation they act
    for."""

    who = forms.ChoiceField(
        label="Who is coming?",
        choices=[("me", "Me"), ("colleague", "A colleague")],
        widget=forms.RadioSelect,
        initial="me",
        error_messages={"required": "Choose who is coming."},
    )
    colleague_name = forms.CharField(label="Your colleague's name", max_length=150, required=False)
    colleague_email = forms.EmailField(
        label="Your colleague's email address",
        required=False,
        help_text="We email them their place and the joining details.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("who") == "colleague":
            if not cleaned.get("colleague_name", "").strip():
                self.add_error("colleague_name", "Enter your colleague's name.")
            if not cleaned.get("colleague_email") and "colleague_email" not in self.errors:
                self.add_error("colleague_email", "Enter your colleague's email address.")
        return cleaned


class PersonalRegisterForm(forms.Form):
    """A signed-in person who does not belong to an organisation on the platform."""

    organisation_name = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text="Or your own name if you work freelance.",
        error_messages={"required": "Enter the name of your organisation."},
    )
    organisation_type = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=_organisation_type_choices("Choose a kind"),
        error_messages={"required": "Choose what kind of organisation it is."},
    )


class GuestRegisterForm(forms.Form):
    name = forms.CharField(
        label="Your name", max_length=150, error_messages={"required": "Enter your name."}
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We send a link to confirm your place. Other attendees never see it.",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    organisation_name = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text="Or your own name if you work freelance.",
        error_messages={"required": "Enter the name of your organisation."},
    )
    organisation_type = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=_organisation_type_choices("Choose a kind"),
        error_messages={"required": "Choose what kind of organisation it is."},
    )
    art_forms = forms.ModelMultipleChoiceField(
        label="Art forms you work in (optional)",
        queryset=ArtForm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class RegistrationAddForm(forms.Form):
    """The organiser adds someone who signed up another way."""

    name = forms.CharField(
        label="Name", max_length=150, error_messages={"required": "Enter the person's name."}
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address.",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    organisation_name = forms.CharField(
        label="Organisation",
        max_length=200,
        error_messages={"required": "Enter the name of their organisation."},
    )
    organisation_type = forms.ChoiceField(
        label="Kind of organisation (optional)",
        choices=_organisation_type_choices("Not known"),
        required=False,
    )


class ProfileForm(forms.Form):
    about = forms.CharField(
        label="About you",
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=f"Who you are, your interests and experience, and the outcomes you could help "
        f"deliver. {PROFILE_WORD_LIMIT} words or fewer.",
        error_messages={
            "required": "Write a few sentences about who you are, your interests and experience."
        },
    )
    outcome_areas = forms.ModelMultipleChoiceField(
        label="Outcomes you could help deliver (optional)",
        queryset=OutcomeArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    art_forms = forms.ModelMultipleChoiceField(
        label="Art forms (optional)",
        queryset=ArtForm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    looking_for_partners = forms.BooleanField(label="We are looking for partners", required=False)
    partner_note = forms.CharField(
        label="What kind of partner are you looking for? (optional)",
        max_length=300,
        required=False,
        help_text="For example, a mental health provider to lead a consortium bid.",
    )
    consent = forms.BooleanField(
        label="Share my profile with the other attendees and potential bidders",
        required=False,
        help_text="Without this, only you and the organiser can see it. Your email address is "
        "never shown: people contact you through the platform.",
    )

    def __init__(self, *args, profile=None, default_art_forms=(), **kwargs) -> None:
        initial = kwargs.pop("initial", {})
        if profile is not None:
            initial = {
                "about": profile.about,
                "outcome_areas": list(profile.outcome_areas.all()),
                "art_forms": list(profile.art_forms.all()),
                "looking_for_partners": profile.looking_for_partners,
                "partner_note": profile.partner_note,
                "consent": profile.is_shared,
                **initial,
            }
        else:
            initial = {"art_forms": list(default_art_forms), **initial}
        super().__init__(*args, initial=initial, **kwargs)

    def clean_about(self) -> str:
        about = self.cleaned_data["about"].strip()
        words = word_count(about)
        if words > PROFILE_WORD_LIMIT:
            raise forms.ValidationError(
                f"Your profile must be {PROFILE_WORD_LIMIT} words or fewer. It has {words} words."
            )
        return about


class BoardFilterForm(forms.Form):
    q = forms.CharField(label="Search profiles", required=False, max_length=200)
    art_form = forms.ModelChoiceField(
        label="Art form", queryset=ArtForm.objects.all(), required=False, empty_label="Any"
    )
    organisation_type = forms.ChoiceField(
        label="Kind of organisation", choices=_organisation_type_choices("Any"), required=False
    )
    looking_for_partners = forms.BooleanField(
        label="Only those looking for partners", required=False
    )

    def filters(self) -> BoardFilters:
        if not self.is_bound or not self.is_valid():
            return BoardFilters()
        data = self.cleaned_data
        return BoardFilters(
            q=data["q"].strip(),
            art_form=data["art_form"].pk if data["art_form"] else None,
            organisation_type=data["organisation_type"],
            looking_for_partners=data["looking_for_partners"],
        )


class ContactForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=CONTACT_MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="Say who you are and why you would like to talk. We email it to them; "
        "their email address is not shown to you.",
        error_messages={
            "required": "Write your message.",
            "max_length": f"Your message must be {CONTACT_MAX_CHARACTERS:,} characters or fewer.",
        },
    )
    share_email = forms.BooleanField(
        label="Include my email address so they can reply to me directly", required=False
    )


class InvitationForm(forms.Form):
    organisations = forms.TypedMultipleChoiceField(
        label="Providers to invite",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one provider to invite."},
    )
    message = forms.CharField(
        label="Your message (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A personal note sent in your name, for example why you think their work fits.",
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].choices = choices


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=MaterialKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether these are slides, notes or another document."},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title, for example Slides from the morning session."},
    )
    file = forms.FileField(
        label="File (optional)",
        required=False,
        help_text="A PDF, Word or OpenDocument file, or an image, up to 10 MB. Save slides as PDF.",
    )
    body = forms.CharField(
        label="Text (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For example, the notes of the discussion. Give a file, some text, or both.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("body", "").strip():
            self.add_error("file", "Choose a file, write the notes, or both.")
        return cleaned


class EventQuestionForm(forms.Form):
    question = forms.CharField(
        label="Question",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="As it was asked, without saying who asked it.",
        error_messages={"required": "Enter the question."},
    )
    answer = forms.CharField(
        label="Answer",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the answer that was given."},
    )


class SummaryForm(forms.Form):
    heard = forms.CharField(
        label="What we heard",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What providers told you: what works, what worries them, what they could do.",
    )
    changes = forms.CharField(
        label="What changes in the specification",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Shown on the opportunity, so every bidder reads the same.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("heard", "").strip() and not cleaned.get("changes", "").strip():
            self.add_error(
                "heard", "Say what you heard, what changes in the specification, or both."
            )
        return cleaned


class RegistrationFilterForm(forms.Form):
    q = forms.CharField(label="Name or organisation", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Any"), *RegistrationStatus.choices],
        required=False,
    )


class CheckinSearchForm(forms.Form):
    q = forms.CharField(label="Find a name or organisation", required=False, max_length=200)
