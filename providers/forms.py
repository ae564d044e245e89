"""Forms for the provider directory's pages: a provider's profile, section by section, and the
shortlists and consortia built from the directory. Services do the writing; these only check
what people typed and word the errors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from accounts.validators import normalise_postcode
from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea
from commissioning.vocabulary.snapshot import Term, vocabulary_snapshot
from core.errors import ApplicationError
from providers.constants import (
    DocumentKind,
    LegalForm,
    Setting,
    StaffBand,
    SupportNeed,
    TurnoverBand,
    ValueBand,
    VolunteerBand,
)
from providers.models import Activity, Evidence, ProviderProfile, Shortlist, TrackRecord, Venue
from providers.uploads import upload_check


def _with_blank(choices: Iterable[tuple[str, str]], blank: str) -> list[tuple[str, str]]:
    return [("", blank), *choices]


def _checked_upload(upload: UploadedFile | None) -> UploadedFile | None:
    """Refuse a file by its content here, so the message sits next to the file field."""
    if upload:
        try:
            upload_check(upload)
        except ApplicationError as exc:
            raise forms.ValidationError(exc.message) from exc
    return upload


class AboutForm(forms.ModelForm):
    legal_form = forms.ChoiceField(
        label="Legal form (optional)",
        choices=_with_blank(LegalForm.choices, "Choose a legal form"),
        required=False,
    )
    year_founded = forms.IntegerField(
        label="Year founded (optional)",
        required=False,
        min_value=1000,
        help_text="For example, 1998",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the year founded as a number, like 1998",
            "min_value": "The year founded must be a real year, like 1998",
        },
    )
    turnover_band = forms.ChoiceField(
        label="Yearly turnover (optional)",
        choices=TurnoverBand.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    staff_band = forms.ChoiceField(
        label="Paid staff (optional)",
        choices=StaffBand.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    volunteers_band = forms.ChoiceField(
        label="Volunteers (optional)",
        choices=VolunteerBand.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    class Meta:
        model = ProviderProfile
        fields = (
            "summary",
            "legal_form",
            "is_vcse",
            "is_sme",
            "year_founded",
            "turnover_band",
            "staff_band",
            "volunteers_band",
            "safeguarding_lead",
            "partners",
        )
        labels = {
            "summary": "Summary",
            "is_vcse": "We are a voluntary, community or social enterprise (VCSE)",
            "is_sme": "We are a small or medium-sized enterprise (SME)",
            "safeguarding_lead": "Safeguarding lead (optional)",
            "partners": "Partners (optional)",
        }
        help_texts = {
            "summary": "One or two sentences about what you do and who for. It is shown in "
            "search results. Up to 280 characters.",
            "is_sme": "Fewer than 250 staff, and a turnover under £44 million.",
            "safeguarding_lead": "The name of the person responsible for safeguarding.",
            "partners": "Organisations you have worked with, one on each line.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "summary": {
                "max_length": "The summary must be 280 characters or fewer",
            },
        }

    def clean_year_founded(self) -> int | None:
        year = self.cleaned_data.get("year_founded")
        this_year = timezone.localdate().year
        if year is not None and year > this_year:
            raise forms.ValidationError(
                f"The year founded must be a real year, no later than {this_year}"
            )
        return year


class ContactForm(forms.ModelForm):
    class Meta:
        model = ProviderProfile
        fields = ("contact_name", "contact_email", "contact_phone")
        labels = {
            "contact_name": "Contact person's full name",
            "contact_email": "Their email address",
            "contact_phone": "Their phone number (optional)",
        }
        help_texts = {
            "contact_name": "A named person commissioners can talk to, rather than a team or "
            "a general inbox.",
            "contact_email": "We will also send reminders about expiring documents here.",
            "contact_phone": "For example, 01632 960 001",
        }
        widgets = {
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }
        error_messages = {
            "contact_name": {"required": "Enter the contact person's full name"},
            "contact_email": {
                "required": "Enter their email address",
                "invalid": "Enter an email address in the correct format, like name@example.org",
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Optional in the model (a new profile starts blank), needed once you fill this in.
        self.fields["contact_name"].required = True
        self.fields["contact_email"].required = True


class WhatYouDoForm(forms.Form):
    art_forms = forms.ModelMultipleChoiceField(
        label="Art forms",
        queryset=ArtForm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    outcome_areas = forms.ModelMultipleChoiceField(
        label="Outcomes your work improves",
        queryset=OutcomeArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    beneficiary_groups = forms.ModelMultipleChoiceField(
        label="Who you work with",
        queryset=BeneficiaryGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    settings = forms.MultipleChoiceField(
        label="Settings you work in",
        choices=Setting.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    support_needs = forms.MultipleChoiceField(
        label="Support you would like (optional)",
        choices=SupportNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Commissioners only see how many providers would like each kind of "
        "support, never who.",
    )

    @classmethod
    def for_profile(cls, profile: ProviderProfile, data=None) -> WhatYouDoForm:
        return cls(
            data,
            initial={
                "art_forms": [a.pk for a in profile.art_forms.all()],
                "outcome_areas": [o.pk for o in profile.outcome_areas.all()],
                "beneficiary_groups": [b.pk for b in profile.beneficiary_groups.all()],
                "settings": profile.settings,
                "support_needs": profile.support_needs,
            },
        )


@dataclass
class AreaChoice:
    id: str
    value: int
    label: str
    checked: bool


@dataclass
class RegionGroup:
    id: str
    name: str
    areas: list[AreaChoice]
    whole_region: bool

    @property
    def chosen(self) -> int:
        return sum(1 for area in self.areas if area.checked)


class AreasForm(forms.Form):
    """Areas served, as checkboxes grouped by region (the page draws them in one <details> per
    region); a whole region can be chosen at once."""

    areas_served = forms.TypedMultipleChoiceField(
        label="Areas you work in",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose areas from the list"},
    )
    regions = forms.MultipleChoiceField(
        label="Whole regions",
        required=False,
        error_messages={"invalid_choice": "Choose regions from the list"},
    )

    def __init__(self, *args, areas: Iterable[Area], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._areas = sorted(areas, key=lambda a: (a.region or "~", a.name))
        self.fields["areas_served"].choices = [(a.pk, a.name) for a in self._areas]
        regions = sorted({a.region for a in self._areas if a.region})
        self.fields["regions"].choices = [(r, r) for r in regions]

    @classmethod
    def for_profile(cls, profile: ProviderProfile, areas: Iterable[Area], data=None) -> AreasForm:
        return cls(
            data, areas=areas, initial={"areas_served": [a.pk for a in profile.areas_served.all()]}
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        chosen = set(cleaned.get("areas_served") or [])
        whole = set(cleaned.get("regions") or [])
        cleaned["areas_served"] = [a for a in self._areas if a.pk in chosen or a.region in whole]
        cleaned.pop("regions", None)
        return cleaned

    def region_groups(self) -> list[RegionGroup]:
        if self.is_bound:
            checked = {str(v) for v in self.data.getlist("areas_served")}
            whole = set(self.data.getlist("regions"))
        else:
            checked = {str(v) for v in self.initial.get("areas_served", [])}
            whole = set()
        groups: dict[str, RegionGroup] = {}
        for area in self._areas:
            region = area.region or "Other areas"
            group = groups.get(region)
            if group is None:
                slug = "".join(ch if ch.isalnum() else "-" for ch in region.lower())
                group = groups[region] = RegionGroup(
                    id=f"region-{slug}", name=region, areas=[], whole_region=region in whole
                )
            label = f"{area.name} (whole county)" if area.kind == "county" else area.name
            group.areas.append(
                AreaChoice(
                    id=f"area-{area.code}",
                    value=area.pk,
                    label=label,
                    checked=str(area.pk) in checked,
                )
            )
        result = list(groups.values())
        # The error summary links to each field's first checkbox.
        if result:
            result[0].id = "id_regions"
            if result[0].areas:
                result[0].areas[0].id = "id_areas_served"
        return result


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ("name", "description", "who_for", "eligibility", "cost", "where")
        labels = {
            "name": "Name of the activity",
            "description": "What happens",
            "who_for": "Who it is for (optional)",
            "eligibility": "Who can take part (optional)",
            "cost": "Cost (optional)",
            "where": "Where it happens (optional)",
        }
        help_texts = {
            "name": "For example, Singing for lung health",
            "description": "What people do, how often and for how long.",
            "who_for": "For example, people with COPD and their carers",
            "eligibility": "For example, referral from a GP or social prescriber",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {"required": "Enter the name of the activity"},
            "description": {"required": "Describe what happens"},
        }


class VenueForm(forms.ModelForm):
    postcode = forms.CharField(
        label="Postcode",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        error_messages={"required": "Enter the venue's postcode"},
    )

    class Meta:
        model = Venue
        fields = ("name", "address", "postcode", "accessibility")
        labels = {
            "name": "Venue name",
            "address": "Address (optional)",
            "accessibility": "Accessibility (optional)",
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"name": {"required": "Enter the name of the venue"}}

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])


class TrackRecordForm(forms.ModelForm):
    year = forms.IntegerField(
        label="Year",
        help_text="The year the contract or grant started, for example 2023",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the year",
            "invalid": "Enter the year as a number, like 2023",
        },
    )
    value_band = forms.ChoiceField(
        label="Value",
        choices=ValueBand.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the value of the contract or grant"},
    )

    class Meta:
        model = TrackRecord
        fields = ("funder", "year", "value_band", "description")
        labels = {
            "funder": "Commissioner or funder",
            "description": "What you delivered (optional)",
        }
        help_texts = {"funder": "For example, Kent County Council or Arts Council England"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"funder": {"required": "Enter the commissioner or funder"}}


class EvidenceForm(forms.ModelForm):
    link = forms.URLField(
        label="Link (optional)",
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="A web page, report or film, for example https://www.example.org",
        error_messages={"invalid": "Enter a full web address, like https://www.example.org"},
    )
    file = forms.FileField(
        label="File (optional)",
        required=False,
        help_text="A PDF, Word or OpenDocument file, or a PNG, JPEG or WebP image, smaller "
        "than 10 MB.",
    )

    class Meta:
        model = Evidence
        fields = ("title", "summary", "link", "file")
        labels = {
            "title": "Title",
            "summary": "What happened and what difference it made",
            "link": "Link (optional)",
        }
        help_texts = {"link": "A web page, report or film, for example https://www.example.org"}
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "title": {"required": "Enter a title"},
            "summary": {"required": "Describe what happened and what difference it made"},
            "link": {"invalid": "Enter a full web address, like https://www.example.org"},
        }

    def clean_file(self) -> UploadedFile | None:
        return _checked_upload(self.cleaned_data.get("file"))


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of document is it?",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of document it is"},
    )
    file = forms.FileField(
        label="Upload the document",
        help_text="A PDF, Word or OpenDocument file, or a PNG, JPEG or WebP image, smaller "
        "than 10 MB.",
        error_messages={"required": "Choose a file to upload"},
    )
    expires_on = forms.DateField(
        label="Expiry date (optional)",
        required=False,
        help_text="For example, an insurance policy's end date. We will remind you before it "
        "expires.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date, like 31 3 2027"},
    )

    def clean_file(self) -> UploadedFile | None:
        return _checked_upload(self.cleaned_data.get("file"))

    def clean_expires_on(self):
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on is not None and expires_on < timezone.localdate():
            raise forms.ValidationError("The expiry date must be today or in the future")
        return expires_on


class ShortlistForm(forms.Form):
    name = forms.CharField(
        label="Name of the shortlist",
        max_length=150,
        help_text="For example, Dementia-friendly dance, Thanet",
        error_messages={
            "required": "Enter a name for the shortlist",
            "max_length": "The name must be 150 characters or fewer",
        },
    )


class ShortlistAddForm(forms.Form):
    """Add a provider to one of the organisation's shortlists (from search results or a
    profile page)."""

    profile = forms.IntegerField(widget=forms.HiddenInput)
    shortlist = forms.ModelChoiceField(
        label="Shortlist",
        queryset=Shortlist.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of your organisation's shortlists"},
    )
    note = forms.CharField(label="Note (optional)", max_length=300, required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, shortlists, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shortlist"].queryset = shortlists


class ConsortiumForm(forms.Form):
    name = forms.CharField(
        label="Name of the consortium",
        max_length=200,
        help_text="For example, East Kent Arts and Wellbeing Partnership",
        error_messages={"required": "Enter a name for the consortium"},
    )
    description = forms.CharField(
        label="What the consortium does (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you offer together, and the kinds of opportunities you will bid for.",
    )


class ConsortiumInviteForm(forms.Form):
    profile = forms.IntegerField(widget=forms.HiddenInput)


class ConsortiumRespondForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirm", "Confirm"), ("decline", "Decline")],
        error_messages={"required": "Choose whether to confirm or decline"},
    )


# The query-string values (slug or code) and names of the shared vocabulary, so search facets
# link with the same parameters DirectorySearchForm reads.
FACET_PARAMETERS = {
    "art_forms": "art_form",
    "outcome_areas": "outcome",
    "beneficiary_groups": "beneficiary",
    "areas": "area",
    "settings": "setting",
    "organisation_types": "type",
    "staff_bands": "size",
}


def vocabulary_terms() -> dict[str, dict[int, Term]]:
    """Every art form, outcome area, beneficiary group and area by id (from the cached
    vocabulary snapshot, so usually no query at all)."""
    return vocabulary_snapshot().terms
