"""The directory's search parameters: one form validates them for the page and the API."""

from __future__ import annotations

from django import forms

from accounts.constants import OrganisationType
from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea
from providers.constants import Setting, StaffBand
from providers.selectors import DirectoryFilters

SORT_CHOICES = [("relevance", "Best match"), ("name", "Name (A to Z)")]


class _SlugChoices(forms.ModelMultipleChoiceField):
    """Facet values by slug in the query string (readable, shareable URLs)."""

    def __init__(self, queryset, **kwargs) -> None:
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class DirectorySearchForm(forms.Form):
    """Unknown or malformed values are dropped rather than refused, so a shared or hand-edited
    search URL always shows results (the directory is public)."""

    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    art_form = _SlugChoices(ArtForm.objects.all(), label="Art form")
    outcome = _SlugChoices(OutcomeArea.objects.all(), label="Outcome area")
    beneficiary = _SlugChoices(BeneficiaryGroup.objects.all(), label="Who they work with")
    area = forms.ModelMultipleChoiceField(
        Area.objects.all(), to_field_name="code", required=False, label="Area served"
    )
    setting = forms.MultipleChoiceField(choices=Setting.choices, required=False, label="Setting")
    type = forms.MultipleChoiceField(
        choices=OrganisationType.choices, required=False, label="Kind of organisation"
    )
    size = forms.MultipleChoiceField(
        choices=StaffBand.choices, required=False, label="Size (paid staff)"
    )
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, label="Sort by")

    def __init__(self, data=None, **kwargs) -> None:
        super().__init__(data=self._clean_data(data), **kwargs)

    def _clean_data(self, data):
        if data is None:
            return None
        cleaned = data.copy()
        if "q" in cleaned:
            cleaned["q"] = (cleaned.get("q") or "")[:200]
        return cleaned

    def filters(self) -> DirectoryFilters:
        """The validated filters. A field with a bad value is ignored; the others still apply."""
        self.is_valid()
        data = self.cleaned_data
        return DirectoryFilters(
            q=data.get("q") or "",
            art_forms=[a.pk for a in data.get("art_form") or []],
            outcome_areas=[o.pk for o in data.get("outcome") or []],
            beneficiary_groups=[b.pk for b in data.get("beneficiary") or []],
            areas=[a.pk for a in data.get("area") or []],
            settings=list(data.get("setting") or []),
            organisation_types=list(data.get("type") or []),
            staff_bands=list(data.get("size") or []),
            sort=data.get("sort") or "relevance",
        )
