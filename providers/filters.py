"""The directory's search parameters: one form validates them for the page and the API."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from accounts.constants import OrganisationType
from commissioning.vocabulary.snapshot import vocabulary_snapshot
from providers.constants import Setting, StaffBand
from providers.selectors import DirectoryFilters

SORT_CHOICES = [("relevance", "Best match"), ("name", "Name (A to Z)")]


class _TermChoices(forms.MultipleChoiceField):
    """Facet values by slug (ONS code for areas) in the query string — readable, shareable
    URLs — cleaned to term ids, checked against the cached vocabulary snapshot (no query)."""

    def __init__(self, vocabulary: str, **kwargs) -> None:
        self.vocabulary = vocabulary
        super().__init__(required=False, **kwargs)

    def clean(self, value) -> list[int]:
        values = self.to_python(value)
        known = vocabulary_snapshot().ids_by_parameter(self.vocabulary)
        for item in values:
            if item not in known:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return list(dict.fromkeys(known[item] for item in values))


class DirectorySearchForm(forms.Form):
    """Unknown or malformed values are dropped rather than refused, so a shared or hand-edited
    search URL always shows results (the directory is public)."""

    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    art_form = _TermChoices("art_forms", label="Art form")
    outcome = _TermChoices("outcome_areas", label="Outcome area")
    beneficiary = _TermChoices("beneficiary_groups", label="Who they work with")
    area = _TermChoices("areas", label="Area served")
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
            art_forms=data.get("art_form") or [],
            outcome_areas=data.get("outcome") or [],
            beneficiary_groups=data.get("beneficiary") or [],
            areas=data.get("area") or [],
            settings=list(data.get("setting") or []),
            organisation_types=list(data.get("type") or []),
            staff_bands=list(data.get("size") or []),
            sort=data.get("sort") or "relevance",
        )
