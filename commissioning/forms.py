from __future__ import annotations

from django import forms

from accounts.models import Organisation, User
from commissioning.models import Area, OutcomeArea, Programme


class ProgrammeForm(forms.ModelForm):
    outcome_areas = forms.ModelMultipleChoiceField(
        label="Outcome areas",
        queryset=OutcomeArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The outcomes for people the programme is meant to improve.",
    )
    areas = forms.ModelMultipleChoiceField(
        label="Where the programme works (optional)",
        queryset=Area.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        required=False,
        help_text="Local authority areas. Hold Ctrl (or Cmd) to choose more than one.",
    )
    team = forms.ModelMultipleChoiceField(
        label="Team",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Colleagues who work on this programme. If you choose nobody, you are the team.",
    )

    class Meta:
        model = Programme
        fields = (
            "name",
            "summary",
            "budget",
            "start_date",
            "end_date",
            "status",
            "outcome_areas",
            "areas",
            "team",
        )
        labels = {
            "name": "Programme name",
            "budget": "Budget (£)",
            "start_date": "Start date",
            "end_date": "End date",
        }
        help_texts = {
            "name": "For example, Arts and health innovation grants 2026",
            "start_date": "For example, 1 April 2026",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "budget": forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}),
            "status": forms.RadioSelect,
        }

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = User.objects.filter(
            memberships__organisation=organisation
        ).order_by("full_name", "email")
        self.fields["status"].choices = Programme._meta.get_field("status").choices

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be on or after the start date.")
        return cleaned

    def validate_constraints(self, exclude=None) -> None:
        # Constraints are enforced by the database and the service, with clearer messages.
        return
