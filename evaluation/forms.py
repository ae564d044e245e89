"""Forms for panel pages. Services do the checking that matters; these turn what people typed
into the services' arguments and say clearly what is missing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from evaluation.constants import AssignmentMode, ConflictLevel, ConflictRuling, Outcome, PanelRole
from evaluation.models import Score
from tenders.models import Criterion, Lot

NOT_APPLICABLE = "na"


class LotChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Lot) -> str:
        return str(obj)


class PanelPlanForm(forms.Form):
    name = forms.CharField(
        label="Panel name",
        max_length=200,
        error_messages={"required": "Give the panel a name."},
    )
    lots = LotChoiceField(
        label="Lots this panel assesses",
        queryset=Lot.objects.none(),
        required=False,
        help_text="Choose none for every lot.",
    )
    briefing = forms.CharField(
        label="Briefing notes for members",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What members should know before they start: the aims of the programme, "
        "how to declare conflicts and how to score.",
    )
    assignment_mode = forms.ChoiceField(
        label="Who scores which bids",
        choices=AssignmentMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how bids are shared out."},
    )
    min_scorers_per_bid = forms.IntegerField(
        label="Scorers per bid, at least",
        min_value=1,
        max_value=50,
        help_text="Used when bids are shared out. Each bid also gets a mix of roles.",
        error_messages={
            "required": "Enter how many members score each bid.",
            "min_value": "Each bid needs at least one scorer.",
            "invalid": "Enter a whole number, like 3.",
        },
    )
    blind_review = forms.BooleanField(
        label="Blind review: hide applicants' names from members while they score",
        required=False,
    )
    comment_min_length = forms.IntegerField(
        label="Shortest comment allowed, in characters",
        min_value=0,
        max_value=2000,
        help_text="0 means any comment will do; a comment is always required.",
        error_messages={"invalid": "Enter a whole number, like 50."},
    )
    variance_threshold = forms.DecimalField(
        label="Flag for discussion when members' scores differ by at least (points)",
        min_value=Decimal("0.5"),
        max_digits=4,
        decimal_places=1,
        error_messages={
            "min_value": "Enter at least 0.5 points.",
            "invalid": "Enter a number of points, like 2.",
            "required": "Enter the number of points.",
        },
    )
    interview_stage = forms.BooleanField(
        label="Stage 3: interview or presentation for shortlisted applicants", required=False
    )
    interview_notes = forms.CharField(
        label="How interviews will run (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    budget = forms.DecimalField(
        label="Budget this panel allocates, in pounds",
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": "Enter the budget, in pounds.",
            "invalid": "Enter the budget in pounds, like 150000.",
            "min_value": "Enter a budget of more than £0.",
        },
    )
    guarantee_one_per_lot = forms.BooleanField(
        label="Fund at least one bid in every lot, where one fits", required=False
    )

    def __init__(self, *args: Any, opportunity, fixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lots"].queryset = opportunity.lots.order_by("number")
        if not opportunity.lots.exists():
            del self.fields["lots"]
            del self.fields["guarantee_one_per_lot"]
        if fixed:
            for name in ("assignment_mode", "min_scorers_per_bid", "blind_review"):
                self.fields[name].disabled = True
            if "lots" in self.fields:
                self.fields["lots"].disabled = True


class PanelCreateForm(PanelPlanForm):
    opportunity = forms.ChoiceField(label="Opportunity")


class MemberInviteForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter the member's name."}
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the member's email address.",
            "invalid": "Enter an email address in the correct format, like name@example.org.",
        },
    )
    role = forms.ChoiceField(
        label="Role on the panel",
        choices=PanelRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the member's role."},
    )
    lots = LotChoiceField(
        label="Lots they score",
        queryset=Lot.objects.none(),
        required=False,
        help_text="Choose none for every lot the panel assesses.",
    )

    def __init__(self, *args: Any, lots, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if lots:
            self.fields["lots"].queryset = Lot.objects.filter(pk__in=[lot.pk for lot in lots])
        else:
            del self.fields["lots"]


class DeclarationForm(forms.Form):
    level = forms.ChoiceField(
        label="Do you have a conflict of interest with this applicant or bid?",
        choices=ConflictLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you have a conflict of interest."},
    )
    note = forms.CharField(
        label="What is the conflict?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: I volunteer with them; a relative works there; I was asked "
        "to advise on the bid. Required for a perceived or actual conflict.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("level") in (ConflictLevel.PERCEIVED, ConflictLevel.ACTUAL)
            and not (data.get("note") or "").strip()
        ):
            self.add_error("note", "Say what the conflict is, so the chair can decide.")
        return data


class RulingForm(forms.Form):
    ruling = forms.ChoiceField(
        label="Your decision",
        choices=[
            (ConflictRuling.MAY_SCORE, "They may score this bid"),
            (ConflictRuling.EXCLUDED, "Remove them from scoring this bid"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether they may score this bid."},
    )
    note = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="It is kept in the panel report.",
        error_messages={"required": "Give the reason for your decision."},
    )


def point(value: Any) -> str:
    """A point on the scale as a form value: 3, whether stored as 3 or 3.0."""
    return f"{Decimal(str(value)).normalize():f}"


def _scale_choices(scale: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (
            point(level["score"]),
            f"{level['score']} {level['label']}: {level['descriptor']}",
        )
        for level in scale
    ]


class ScoreSheetForm(forms.Form):
    """One score (or not applicable) and comment per criterion, with the revision each was
    loaded at, so a save from a stale tab is caught."""

    def __init__(
        self,
        *args: Any,
        criteria: list[Criterion],
        scale: list[dict[str, Any]],
        scores: dict[int, Score],
        disabled: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        choices = [*_scale_choices(scale), (NOT_APPLICABLE, "Not applicable to this bid")]
        for criterion in criteria:
            score = scores.get(criterion.pk)
            initial = None
            if score is not None:
                initial = (
                    NOT_APPLICABLE
                    if score.not_applicable
                    else (point(score.value) if score.value is not None else None)
                )
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=f"Your score for {criterion.title}",
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                initial=initial,
                disabled=disabled,
                error_messages={"invalid_choice": "Choose a score from the scale."},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Your comment on {criterion.title}",
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                initial=score.comment if score else "",
                disabled=disabled,
            )
            self.fields[f"revision_{criterion.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=score.revision if score else 0, required=False
            )

    def sections(self) -> list[dict[str, Any]]:
        return [
            {
                "criterion": c,
                "score": self[f"score_{c.pk}"],
                "comment": self[f"comment_{c.pk}"],
                "revision": self[f"revision_{c.pk}"],
            }
            for c in self.criteria
        ]

    def marks(self) -> dict[int, dict[str, Any]]:
        result = {}
        for criterion in self.criteria:
            raw = self.cleaned_data.get(f"score_{criterion.pk}") or ""
            result[criterion.pk] = {
                "value": None if raw in ("", NOT_APPLICABLE) else raw,
                "not_applicable": raw == NOT_APPLICABLE,
                "comment": self.cleaned_data.get(f"comment_{criterion.pk}") or "",
                "revision": self.cleaned_data.get(f"revision_{criterion.pk}"),
            }
        return result


class ConsensusForm(forms.Form):
    def __init__(self, *args: Any, rows: list, scale: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        choices = [*_scale_choices(scale), (NOT_APPLICABLE, "Not applicable to this bid")]
        for row in rows:
            criterion = row.criterion
            consensus = row.consensus
            initial = None
            if consensus is not None:
                initial = NOT_APPLICABLE if consensus.not_applicable else point(consensus.value)
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=f"Agreed score for {criterion.title}",
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                initial=initial,
                error_messages={"invalid_choice": "Choose a score from the scale."},
            )
            self.fields[f"rationale_{criterion.pk}"] = forms.CharField(
                label=f"The panel's rationale for {criterion.title}",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=consensus.rationale if consensus else "",
                help_text="The applicant reads this in their letter.",
            )

    def sections(self) -> list[dict[str, Any]]:
        return [
            {
                "row": row,
                "score": self[f"score_{row.criterion.pk}"],
                "rationale": self[f"rationale_{row.criterion.pk}"],
            }
            for row in self.rows
        ]

    def entries(self) -> list[tuple[Criterion, str | None, bool, str]]:
        """(criterion, value, not applicable, rationale) for each criterion given a score."""
        entries = []
        for row in self.rows:
            raw = self.cleaned_data.get(f"score_{row.criterion.pk}") or ""
            rationale = self.cleaned_data.get(f"rationale_{row.criterion.pk}") or ""
            if not raw and not rationale.strip():
                continue
            entries.append(
                (
                    row.criterion,
                    None if raw == NOT_APPLICABLE else raw,
                    raw == NOT_APPLICABLE,
                    rationale,
                )
            )
        return entries


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose funded, reserve or not funded."},
    )
    amount_awarded = forms.DecimalField(
        label="Amount awarded, in pounds (if funded)",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        help_text="May differ from the amount applied for.",
        error_messages={
            "invalid": "Enter the amount in pounds, like 12000.",
            "min_value": "Enter an amount of more than £0.",
        },
    )
    reasons = forms.CharField(
        label="The panel's reasons",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The applicant reads these in their letter.",
        error_messages={"required": "Give the panel's reasons."},
    )
    override_reason = forms.CharField(
        label="Reason for overriding the funding line (if you are)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the decision differs from the funding line, goes over a budget "
        "or the most per bid. It is audited.",
    )


class RepresentationForm(forms.Form):
    received_from = forms.CharField(
        label="Who made it",
        max_length=200,
        error_messages={"required": "Say who the representation came from."},
    )
    received_on = forms.DateField(
        label="Date received",
        error_messages={
            "required": "Enter the date it was received.",
            "invalid": "Enter a real date, like 27 5 2026.",
        },
    )
    bid = forms.TypedChoiceField(
        label="About which bid (optional)", required=False, coerce=int, empty_value=None
    )
    summary = forms.CharField(
        label="What it says",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Summarise the representation."},
    )
    response = forms.CharField(
        label="What was done about it (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, bids: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bid"].choices = [("", "Not about one bid"), *bids]
        self.fields["bid"].widget = forms.Select(choices=self.fields["bid"].choices)
