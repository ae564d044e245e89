"""Forms for the monitoring pages. They check what a person typed; the services check the rest
and their refusals appear in the same error summary."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

from accounts.constants import OrganisationKind
from accounts.models import Organisation
from commissioning.models import Kpi, Programme
from monitoring.constants import (
    LEVEL_DESCRIPTIONS,
    AgreementKind,
    EvidenceKind,
    Frequency,
    MonitoringLevel,
    TimePoint,
)
from monitoring.instruments import INSTRUMENT_CHOICES, Instrument

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER_WIDGET = forms.NumberInput(
    attrs={"step": "any", "inputmode": "decimal", "class": "govuk-input--width-10"}
)


def _number(
    label: str, *, required: bool = True, help_text: str = "", min_value=None
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        min_value=min_value,
        widget=NUMBER_WIDGET,
        help_text=help_text,
        error_messages={
            "invalid": "Enter a number, like 40 or 12.5.",
            "required": f"Enter the {label.lower()}.",
            "max_decimal_places": "Enter no more than 2 decimal places.",
            "max_digits": "Enter a smaller number.",
            "min_value": "The amount cannot be negative.",
        },
    )


def _date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        error_messages={
            "invalid": "Enter a real date, like 2026-04-01.",
            "required": f"Enter the {label.lower()}.",
        },
    )


class AgreementForm(forms.Form):
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        label="Programme",
        empty_label=None,
        error_messages={"required": "Choose the programme."},
    )
    provider = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Provider",
        error_messages={"required": "Choose the provider."},
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title."}
    )
    summary = forms.CharField(
        label="What it is for (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    kind = forms.ChoiceField(
        label="Kind of agreement",
        choices=AgreementKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose grant agreement or contract."},
    )
    value = _number("Value (£)", min_value=Decimal(0))
    starts_on = _date("Start date")
    ends_on = _date("End date")
    monitoring_level = forms.ChoiceField(
        label="Monitoring level (optional)",
        required=False,
        choices=[("", "Proportionate to the value (light up to £25,000)")]
        + [
            (value, f"{label}: {LEVEL_DESCRIPTIONS[value]}")
            for value, label in MonitoringLevel.choices
        ],
        widget=forms.RadioSelect,
    )
    frequency = forms.ChoiceField(
        label="Returns",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        initial=Frequency.QUARTERLY,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(
            organisation=organisation
        ).order_by("name")
        self.fields["provider"].queryset = Organisation.objects.filter(
            kind__in=[OrganisationKind.PROVIDER, OrganisationKind.INFRASTRUCTURE]
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The end date must be on or after the start date.")
        return data


class AgreementKpiForm(forms.Form):
    kpi = forms.ModelChoiceField(
        queryset=Kpi.objects.none(), label="KPI", error_messages={"required": "Choose a KPI."}
    )
    baseline = _number("Baseline (optional)", required=False)
    minimum = _number("Minimum target")
    expected = _number("Expected target")
    stretch = _number("Stretch target")

    def __init__(self, *args: Any, agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = agreement.kpis.values("kpi_id")
        self.fields["kpi"].queryset = Kpi.objects.filter(
            Q(organisation=None) | Q(organisation=agreement.commissioner)
        ).exclude(pk__in=taken)


TARGET_LEVELS = (("minimum", "Minimum"), ("expected", "Expected"), ("stretch", "Stretch"))


class PeriodTargetsForm(forms.Form):
    """A minimum, expected and stretch target for each reporting period of one KPI; a period
    left empty is rated against the whole-agreement targets."""

    def __init__(self, *args: Any, agreement_kpi, periods, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = list(periods)
        current = {t.period_id: t for t in agreement_kpi.targets.all()}
        unit = agreement_kpi.kpi.get_unit_display().lower()
        for period in self.periods:
            for level, label in TARGET_LEVELS:
                name = f"period_{period.pk}_{level}"
                where = f"{period.label}, {label.lower()}"
                self.fields[name] = forms.DecimalField(
                    label=label,
                    required=False,
                    max_digits=12,
                    decimal_places=2,
                    widget=forms.NumberInput(
                        attrs={
                            "step": "any",
                            "inputmode": "decimal",
                            "class": "govuk-input--width-5",
                        }
                    ),
                    error_messages={
                        "invalid": f"{where}: enter a number ({unit}), like 40 or 12.5.",
                        "max_decimal_places": f"{where}: enter no more than 2 decimal places.",
                        "max_digits": f"{where}: enter a smaller number.",
                    },
                )
                target = current.get(period.pk)
                if target is not None:
                    self.initial.setdefault(name, getattr(target, level))

    def rows(self) -> list[tuple[Any, list]]:
        """Each period with its three bound fields, for the template."""
        return [
            (period, [self[f"period_{period.pk}_{level}"] for level, _ in TARGET_LEVELS])
            for period in self.periods
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for period in self.periods:
            names = [f"period_{period.pk}_{level}" for level, _ in TARGET_LEVELS]
            if any(name in self.errors for name in names):
                continue
            given = [data.get(name) is not None for name in names]
            if any(given) and not all(given):
                first_empty = names[given.index(False)]
                self.add_error(
                    first_empty,
                    f"{period.label}: enter all three targets, or leave all three empty to use "
                    "the whole-agreement targets.",
                )
        return data

    def targets(self) -> dict[int, tuple[Decimal, Decimal, Decimal] | None]:
        chosen: dict[int, tuple[Decimal, Decimal, Decimal] | None] = {}
        for period in self.periods:
            values = tuple(
                self.cleaned_data.get(f"period_{period.pk}_{level}") for level, _ in TARGET_LEVELS
            )
            chosen[period.pk] = None if all(v is None for v in values) else values
        return chosen


class VariationForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the variation",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason for the variation."},
    )
    value = _number("New value (£, optional)", required=False, min_value=Decimal(0))
    starts_on = _date("New start date (optional)", required=False)
    ends_on = _date("New end date (optional)", required=False)

    def __init__(self, *args: Any, agreement=None, **kwargs: Any) -> None:
        """Besides value and dates, the whole-agreement targets of each KPI, shown with their
        current values: change any of the three to vary them."""
        super().__init__(*args, **kwargs)
        self.items = list(agreement.kpis.select_related("kpi")) if agreement is not None else []
        for item in self.items:
            for level, label in TARGET_LEVELS:
                name = f"target_{item.pk}_{level}"
                self.fields[name] = _number(
                    f"{item.kpi.name}: {label.lower()} target for the whole agreement",
                    required=False,
                )
                self.initial.setdefault(name, getattr(item, level))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.changed_targets: dict[int, tuple[Decimal, Decimal, Decimal]] = {}
        for item in self.items:
            names = [f"target_{item.pk}_{level}" for level, _ in TARGET_LEVELS]
            values = tuple(data.get(name) for name in names)
            if any(name in self.errors for name in names):
                continue
            if None in values:
                self.add_error(
                    names[values.index(None)],
                    f"{item.kpi.name}: enter all three targets (minimum, expected and stretch).",
                )
                continue
            if values != (item.minimum, item.expected, item.stretch):
                self.changed_targets[item.pk] = values
        return data


class ReturnNarrativeForm(forms.Form):
    narrative = forms.CharField(
        label="Progress against the outcomes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What happened this period, for whom, and what difference it made.",
    )
    learning_commissioners = forms.CharField(
        label="Learning for commissioners", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    learning_sector = forms.CharField(
        label="Learning for the arts and culture sector",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    learning_delivery = forms.CharField(
        label="Learning for new ways of delivering services",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    spend_to_date = _number(
        "Total spend to date (£, optional)", required=False, min_value=Decimal(0)
    )


class ActualsForm(forms.Form):
    """One field per KPI of the agreement the provider reports, named by its id. KPIs
    calculated from an instrument's responses are left out: nobody types those."""

    def __init__(self, *args: Any, report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {a.agreement_kpi_id: a.value for a in report.actuals.all()}
        self.items = [k for k in report.agreement.kpis.all() if k.calculated_from is None]
        for item in self.items:
            unit = item.kpi.get_unit_display().lower()
            self.fields[f"kpi_{item.pk}"] = _number(
                f"{item.kpi.name} ({unit})",
                required=False,
                help_text=item.kpi.definition,
            )
            self.initial.setdefault(f"kpi_{item.pk}", current.get(item.pk))

    def values(self) -> list[tuple[Any, Decimal]]:
        return [
            (item, self.cleaned_data[f"kpi_{item.pk}"])
            for item in self.items
            if self.cleaned_data.get(f"kpi_{item.pk}") is not None
        ]


class SpendForm(forms.Form):
    def __init__(self, *args: Any, report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {s.budget_line_id: s.amount for s in report.spend_lines.all()}
        self.lines = list(report.agreement.budget_lines.all())
        for line in self.lines:
            self.fields[f"line_{line.pk}"] = _number(
                f"{line.description} (budget £{line.amount:,.0f}, {line.get_cost_type_display().lower()} cost)",
                required=False,
                min_value=Decimal(0),
            )
            self.initial.setdefault(f"line_{line.pk}", current.get(line.pk))

    def values(self) -> list[tuple[Any, Decimal]]:
        return [
            (line, self.cleaned_data[f"line_{line.pk}"])
            for line in self.lines
            if self.cleaned_data.get(f"line_{line.pk}") is not None
        ]


class CaseStudyForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the case study a title."}
    )
    body = forms.CharField(
        label="What happened and what difference it made",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write what happened."},
    )
    quote = forms.CharField(
        label="A participant's own words (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consented = forms.BooleanField(
        label="The person it is about agreed to it being shared", required=False
    )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of evidence",
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of evidence this is."},
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the evidence a title."}
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(
        label="File (for a photo, artwork or document)",
        required=False,
        help_text="PNG, JPEG or WebP images; PDF, Word or OpenDocument documents.",
    )
    url = forms.URLField(
        label="Video link (for a video)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the video's web address, starting https://."},
    )
    identifiable = forms.BooleanField(label="Participants can be identified in it", required=False)
    consented = forms.BooleanField(
        label="Everyone identifiable in it has consented to it being shared", required=False
    )
    safeguarding_concern = forms.BooleanField(
        label="It raises a safeguarding concern", required=False
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("accept", "Accept the return"),
            ("query", "Query it: send it back with a question"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept or query the return."},
    )
    comment = forms.CharField(
        label="Comment (needed for a query)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "query" and not data.get("comment", "").strip():
            self.add_error(
                "comment", "Say what needs to change; the provider will see your comment."
            )
        return data


class SubmitForm(forms.Form):
    comment = forms.CharField(
        label="Note for the commissioner (needed when resubmitting)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResponseForm(forms.Form):
    code = forms.CharField(
        label="Participant code",
        max_length=20,
        help_text="Your own code for the person, such as P014. Never a name or initials.",
        error_messages={"required": "Enter the participant's code."},
    )
    time_point = forms.ChoiceField(
        label="When",
        choices=TimePoint.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose baseline or follow-up."},
    )
    collected_on = _date("Date collected")

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        # Most answers are typed in on the day they are given.
        self.fields["collected_on"].initial = timezone.localdate
        for item in instrument.items:
            self.fields[f"item_{item.number}"] = forms.IntegerField(
                label=f"{item.number}. {item.text}",
                min_value=instrument.scale_min,
                max_value=instrument.scale_max,
                widget=forms.NumberInput(
                    attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}
                ),
                help_text=f"{instrument.scale_min} to {instrument.scale_max}",
                error_messages={
                    "required": f"Answer {item.number}: enter a number from {instrument.scale_min} to {instrument.scale_max}.",
                    "invalid": f"Answer {item.number}: enter a whole number from {instrument.scale_min} to {instrument.scale_max}.",
                    "min_value": f"Answer {item.number} must be from {instrument.scale_min} to {instrument.scale_max}.",
                    "max_value": f"Answer {item.number} must be from {instrument.scale_min} to {instrument.scale_max}.",
                },
            )

    def items(self) -> list[int]:
        return [self.cleaned_data[f"item_{item.number}"] for item in self.instrument.items]


class ImportForm(forms.Form):
    instrument = forms.ChoiceField(
        label="Instrument",
        choices=INSTRUMENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the instrument."},
    )
    file = forms.FileField(
        label="CSV file", error_messages={"required": "Choose the CSV file to import."}
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError("The CSV file must be smaller than 1 MB.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("The file must be a CSV saved as UTF-8 text.") from exc


class ImportConfirmForm(forms.Form):
    instrument = forms.ChoiceField(choices=INSTRUMENT_CHOICES, widget=forms.HiddenInput)
    csv_text = forms.CharField(widget=forms.HiddenInput, strip=False)
    choice = forms.ChoiceField(choices=[("good", "good"), ("all", "all")], widget=forms.HiddenInput)
