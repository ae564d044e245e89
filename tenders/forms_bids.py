"""Forms for the providers' bid pages. They check what a person typed; tenders.services.bidding
checks the rest, and its refusals are shown in the same error summary."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from accounts.models import Organisation
from providers.models import Consortium
from tenders.constants import CostType
from tenders.forms import MONEY_WIDGET
from tenders.models import Criterion, Gate, Lot, Opportunity

YES_NO = [("yes", "Yes"), ("no", "No")]


class BidStartForm(forms.Form):
    title = forms.CharField(
        label="Name your bid (optional)",
        max_length=200,
        required=False,
        help_text="For your own list of bids, for example the project's name.",
    )
    lots = forms.ModelMultipleChoiceField(
        label="Which lots are you bidding for?",
        queryset=Lot.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the lot you are bidding for."},
    )
    consortium = forms.ModelChoiceField(
        label="Are you bidding as a consortium?",
        queryset=Consortium.objects.none(),
        required=False,
        empty_label="No, my organisation is bidding alone",
        help_text="A consortium from the directory that your organisation leads. You can also "
        "invite partners for this bid alone once it is started.",
    )

    def __init__(self, *args: Any, opportunity: Opportunity, consortia: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lots = list(opportunity.lots.all())
        if lots:
            self.fields["lots"].queryset = opportunity.lots.all()
            if not opportunity.multiple_lots_allowed:
                self.fields["lots"].label = "Which lot are you bidding for?"
                self.fields["lots"].help_text = "This opportunity allows a bid for one lot only."
        else:
            del self.fields["lots"]
        if opportunity.consortium_bids_welcome and consortia.exists():
            self.fields["consortium"].queryset = consortia
        else:
            del self.fields["consortium"]


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="Your answer",
        required=False,
        strip=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 14, "class": "govuk-js-character-count"}),
    )
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, criterion: Criterion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = criterion.title
        self.fields["text"].widget.attrs["id"] = "id_text"
        self.fields["revision"].widget.attrs["id"] = "answer-revision"
        if criterion.word_limit:
            self.fields["text"].help_text = f"Up to {criterion.word_limit} words."


class BudgetLineForm(forms.Form):
    description = forms.CharField(label="What the cost is for", max_length=200, required=False)
    cost_type = forms.ChoiceField(
        label="Fixed or variable",
        choices=[("", "Choose"), *CostType.choices],
        required=False,
        help_text="Fixed costs stay the same however many people take part; variable costs "
        "grow with the numbers.",
    )
    amount = forms.DecimalField(
        label="Amount in pounds",
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        widget=MONEY_WIDGET,
        error_messages={
            "invalid": "Enter an amount in pounds, like 1500 or 1500.50.",
            "min_value": "The amount cannot be negative.",
            "max_decimal_places": "Enter pounds and pence, with no more than 2 decimal places.",
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = [data.get("description"), data.get("cost_type"), data.get("amount")]
        if any(value not in (None, "") for value in filled):
            if not data.get("description"):
                self.add_error("description", "Say what the cost is for.")
            if not data.get("cost_type"):
                self.add_error("cost_type", "Choose fixed or variable.")
            if data.get("amount") is None and "amount" not in self.errors:
                self.add_error("amount", "Enter the amount in pounds.")
        return data

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("description") or data.get("cost_type") or data.get("amount"))


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=3, max_num=50, absolute_max=60)


class RevisionForm(forms.Form):
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class DeclarationsForm(RevisionForm):
    declare_eligible = forms.BooleanField(
        label="My organisation is eligible to apply, as the opportunity describes",
        required=False,
    )
    declare_no_conflicts = forms.BooleanField(
        label="We have no conflicts of interest to declare", required=False
    )
    conflicts_note = forms.CharField(
        label="Conflicts of interest (if you have any)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example a trustee who also works for the commissioner.",
    )
    declare_accurate = forms.BooleanField(
        label="The information in this bid is accurate and complete", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("declare_no_conflicts") and (data.get("conflicts_note") or "").strip():
            self.add_error(
                "conflicts_note",
                "Either describe your conflicts of interest or confirm you have none, not both.",
            )
        return data


class GatesForm(RevisionForm):
    """One yes/no question (and an optional note) per pass/fail requirement."""

    def __init__(self, *args: Any, gates: list[Gate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gates = gates
        for gate in gates:
            self.fields[f"gate_{gate.pk}"] = forms.ChoiceField(
                label=f"Do you meet this requirement: {gate.title}?",
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
                help_text=gate.guidance,
            )
            self.fields[f"note_{gate.pk}"] = forms.CharField(
                label=f"Note on {gate.title} (optional)",
                required=False,
                max_length=500,
            )

    def answers(self) -> dict[int, tuple[bool | None, str]]:
        data = self.cleaned_data
        return {
            gate.pk: (
                {"yes": True, "no": False}.get(data.get(f"gate_{gate.pk}") or ""),
                data.get(f"note_{gate.pk}", ""),
            )
            for gate in self.gates
        }

    def gate_fields(self) -> list[tuple[Any, Any]]:
        return [(self[f"gate_{gate.pk}"], self[f"note_{gate.pk}"]) for gate in self.gates]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="PDF, Word, OpenDocument, spreadsheet or image, smaller than 10 MB.",
        error_messages={"required": "Choose a file to upload."},
    )


class PartnerInviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Partner organisation",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation from the directory",
        error_messages={"required": "Choose the organisation to invite."},
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
