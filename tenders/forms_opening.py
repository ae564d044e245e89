"""Forms for the commissioner's side of sealed bids: gate decisions and late permits."""

from __future__ import annotations

import datetime

from django import forms

from accounts.models import Organisation
from tenders.services.opening import NOTE_MAX_LENGTH


class EligibilityForm(forms.Form):
    PASSED, FAILED = "passed", "failed"

    decision = forms.ChoiceField(
        label="Does this bid pass the gates?",
        widget=forms.RadioSelect,
        choices=[
            (PASSED, "Yes, it passes every gate"),
            (FAILED, "No, it fails a gate and is not evaluated"),
        ],
        error_messages={"required": "Say whether the bid passes the gates."},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required if it fails: the reason is kept for the bidder's feedback.",
        error_messages={
            "max_length": f"Keep the note to {NOTE_MAX_LENGTH:,} characters.",
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.FAILED and not (data.get("note") or "").strip():
            self.add_error("note", "Give the reason the bid fails; the bidder will be told it.")
        return data

    @property
    def passed(self) -> bool:
        return self.cleaned_data["decision"] == self.PASSED


class LatePermitForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Choose the organisation whose late submission you accept.",
            "invalid_choice": "Choose one of the organisations that registered interest.",
        },
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Recorded in the audit trail and the register of bids.",
        error_messages={"required": "Give the reason for accepting a late submission."},
    )
    hours = forms.IntegerField(
        label="Hours they have to submit",
        min_value=1,
        max_value=168,
        initial=24,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter how many hours they have to submit.",
            "invalid": "Enter a whole number of hours.",
            "min_value": "Give them at least 1 hour.",
            "max_value": "Give them at most 168 hours (a week).",
        },
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    @property
    def valid_for(self) -> datetime.timedelta:
        return datetime.timedelta(hours=self.cleaned_data["hours"])
