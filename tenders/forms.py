"""Forms for the opportunity pages. They check what a person typed; the services check the rest
and their refusals are shown in the same error summary."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

from accounts.models import Organisation
from commissioning.models import Area, ArtForm, Kpi, OutcomeArea, Programme
from tenders.constants import CriterionKind, Route
from tenders.models import Lot, Opportunity, Question
from tenders.routes import rule_for
from tenders.selectors import OpportunityFilters

MONEY_WIDGET = forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"})
TIME_WIDGET = forms.TimeInput(
    attrs={"type": "time", "class": "govuk-input--width-5"}, format="%H:%M"
)


def _money(label: str, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        widget=MONEY_WIDGET,
        help_text=help_text,
        error_messages={
            "invalid": "Enter an amount in pounds, like 15000 or 15000.50.",
            "min_value": "The amount cannot be negative.",
            "max_digits": "Enter an amount under £10 billion.",
            "max_decimal_places": "Enter pounds and pence, with no more than 2 decimal places.",
        },
    )


def route_hint(route: str) -> str:
    """What choosing the route means, from the route's rules in tenders.routes."""
    rule = rule_for(route)
    parts = []
    if rule.is_grant:
        parts.append(
            "A grant, not procurement: a light grant agreement and proportionate questions."
        )
    if rule.competitive and rule.min_bid_window_days:
        parts.append(
            f"Open for bids for at least {rule.min_bid_window_days} days "
            f"(good practice: {rule.good_practice_window_days} days or more)."
        )
    elif not rule.competitive:
        parts.append("No open competition.")
    if rule.standstill_working_days:
        parts.append(f"Standstill of {rule.standstill_working_days} working days before award.")
    else:
        parts.append("No standstill period.")
    if rule.needs_justification:
        parts.append("You must record why this route is justified.")
    if rule.offers_psr_criteria:
        parts.append("Offers the five key criteria of the Provider Selection Regime.")
    if rule.notices:
        notices = ", ".join(rule.notices)
        parts.append(f"Notices: {notices}.")
    return " ".join(parts)


class RouteChoiceMixin:
    """Route radios with each route's rules as the option's hint (see route_field.html)."""

    def route_options(self) -> list[dict[str, Any]]:
        field = self["route"]
        value = str(field.value() or "")
        return [
            {
                "id": field.auto_id if index == 0 else f"{field.auto_id}_{index}",
                "value": route,
                "label": label,
                "hint": route_hint(route),
                "checked": route == value,
            }
            for index, (route, label) in enumerate(Route.choices)
        ]


class OpportunityCreateForm(RouteChoiceMixin, forms.Form):
    programme = forms.ModelChoiceField(
        label="Programme",
        queryset=Programme.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="The programme of work this opportunity belongs to.",
        error_messages={"required": "Choose the programme this opportunity belongs to."},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Community mental health and wellbeing service",
        error_messages={"required": "Enter a title."},
    )
    route = forms.ChoiceField(
        label="How will you buy or fund it?",
        choices=Route.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you will buy or fund it."},
    )
    total_budget = _money("Total budget (£)", required=True)

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(
            organisation=organisation
        ).order_by("-start_date", "name")
        self.fields["total_budget"].error_messages["required"] = "Enter the total budget."


def _combine(day: datetime.date | None, time: datetime.time | None) -> datetime.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, time or datetime.time(12, 0)))


def _same(before: Any, after: Any) -> bool:
    """Equal as the form shows them: times to the minute."""
    if isinstance(before, datetime.datetime) and isinstance(after, datetime.datetime):
        return before.replace(second=0, microsecond=0) == after.replace(second=0, microsecond=0)
    return before == after


def _split(moment: datetime.datetime | None) -> tuple[datetime.date | None, datetime.time | None]:
    if moment is None:
        return None, None
    local = timezone.localtime(moment)
    return local.date(), local.time().replace(second=0, microsecond=0)


class OpportunityDetailsForm(RouteChoiceMixin, forms.Form):
    """The details and timeline of a draft. Dates and times are UK time (Europe/London)."""

    title = forms.CharField(label="Title", max_length=200)
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few sentences for the list of opportunities: what you want to achieve and "
        "who should bid.",
    )
    route = forms.ChoiceField(
        label="How will you buy or fund it?", choices=Route.choices, widget=forms.RadioSelect
    )
    direct_award_justification = forms.CharField(
        label="Why is this route justified?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed for a direct award and for the Provider Selection Regime's direct "
        "award and most suitable provider processes.",
    )
    total_budget = _money("Total budget (£)", required=True)
    min_bid = _money("Smallest bid you will accept (£, optional)")
    max_bid = _money(
        "Largest bid you will accept (£, optional)",
        help_text="For example, 15000 for bids of up to £15,000.",
    )
    contract_start = forms.DateField(label="Contract or grant starts (optional)", required=False)
    contract_end = forms.DateField(label="Contract or grant ends (optional)", required=False)
    multiple_lots_allowed = forms.BooleanField(
        label="One provider may bid for several lots", required=False
    )
    consortium_bids_welcome = forms.BooleanField(
        label="Consortium and partnership bids are welcome", required=False
    )
    art_forms = forms.ModelMultipleChoiceField(
        label="Art forms (optional)",
        queryset=ArtForm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Art forms that could deliver the outcomes. Used to find and invite providers "
        "from the directory; leave empty if any art form could.",
    )
    areas = forms.ModelMultipleChoiceField(
        label="Where the work happens (optional)",
        queryset=Area.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        required=False,
        help_text="Local authority areas. Hold Ctrl (or Cmd) to choose more than one.",
    )
    engagement_planned = forms.BooleanField(
        label="A market-engagement event is held or planned", required=False
    )
    engagement_date = forms.DateField(label="Market-engagement event (optional)", required=False)
    publish_on = forms.DateField(
        label="Planned publication date (optional)",
        required=False,
        help_text="The bid window is counted from here, or from today if it is earlier.",
    )
    clarification_date = forms.DateField(
        label="Deadline for questions: date (optional)", required=False
    )
    clarification_time = forms.TimeField(
        label="Deadline for questions: time (optional)",
        required=False,
        widget=TIME_WIDGET,
        help_text="For example, 17:00. Midday if left empty.",
    )
    closes_date = forms.DateField(
        label="Closing date", required=False, help_text="For example, 27 March 2026."
    )
    closes_time = forms.TimeField(
        label="Closing time",
        required=False,
        widget=TIME_WIDGET,
        help_text="UK time, for example 12:00 for midday. Midday if left empty.",
    )
    evaluation_date = forms.DateField(label="Evaluation (optional)", required=False)
    award_date = forms.DateField(label="Award (optional)", required=False)
    service_start = forms.DateField(label="Service or project starts (optional)", required=False)

    # Form fields that are not details of the opportunity.
    _combined = {
        "clarification_deadline": ("clarification_date", "clarification_time"),
        "closes_at": ("closes_date", "closes_time"),
    }

    def __init__(self, *args, opportunity: Opportunity, **kwargs) -> None:
        self.opportunity = opportunity
        initial = {
            name: getattr(opportunity, name)
            for name in (
                "title",
                "summary",
                "route",
                "direct_award_justification",
                "total_budget",
                "min_bid",
                "max_bid",
                "contract_start",
                "contract_end",
                "multiple_lots_allowed",
                "consortium_bids_welcome",
                "engagement_planned",
                "engagement_date",
                "publish_on",
                "evaluation_date",
                "award_date",
                "service_start",
            )
        }
        initial["art_forms"] = list(opportunity.art_forms.all())
        initial["areas"] = list(opportunity.areas.all())
        for name, (day, time) in self._combined.items():
            initial[day], initial[time] = _split(getattr(opportunity, name))
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["total_budget"].error_messages["required"] = "Enter the total budget."

    def needs_justification(self) -> bool:
        route = self["route"].value() or self.opportunity.route
        return route in Route.values and rule_for(route).needs_justification

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name, (day, time) in self._combined.items():
            if cleaned.get(time) and not cleaned.get(day):
                self.add_error(day, "Enter the date as well as the time.")
            cleaned[name] = _combine(cleaned.get(day), cleaned.get(time))
        self._check_money(cleaned)
        self._check_dates(cleaned)
        return cleaned

    def _check_money(self, cleaned: dict[str, Any]) -> None:
        budget, low, high = (cleaned.get(n) for n in ("total_budget", "min_bid", "max_bid"))
        if budget is not None and high is not None and high > budget:
            self.add_error("max_bid", "The maximum per bid cannot be more than the total budget.")
        if low is not None and high is not None and low > high:
            self.add_error("min_bid", "The minimum per bid cannot be more than the maximum.")

    def _window_start(self, cleaned: dict[str, Any]) -> datetime.datetime:
        now = timezone.now()
        planned = cleaned.get("publish_on")
        if planned is None:
            return now
        return max(now, timezone.make_aware(datetime.datetime.combine(planned, datetime.time())))

    def _check_dates(self, cleaned: dict[str, Any]) -> None:
        closes, clarification = cleaned.get("closes_at"), cleaned.get("clarification_deadline")
        route = cleaned.get("route")
        if closes is not None:
            if closes <= timezone.now():
                self.add_error("closes_date", "The closing date must be in the future.")
            elif route:
                rule = rule_for(route)
                days = (closes - self._window_start(cleaned)).total_seconds() / 86400
                if rule.competitive and days < rule.min_bid_window_days:
                    self.add_error(
                        "closes_date",
                        f"The closing date must be at least {rule.min_bid_window_days} days "
                        f"after publication for this route (it is {math.floor(days)} days).",
                    )
        if closes and clarification and clarification >= closes:
            self.add_error(
                "clarification_date", "The deadline for questions must be before the closing date."
            )
        start, end = cleaned.get("contract_start"), cleaned.get("contract_end")
        if start and end and end < start:
            self.add_error("contract_end", "The contract or grant must end after it starts.")
        award = cleaned.get("award_date")
        if closes and award and award < timezone.localtime(closes).date():
            self.add_error("award_date", "The award date must be after the closing date.")

    def details(self) -> dict[str, Any]:
        """The cleaned details, named as the drafting services name them."""
        skip = {name for pair in self._combined.values() for name in pair}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class OpportunityAmendForm(OpportunityDetailsForm):
    """A live opportunity's details, with the reason bidders will see. The route is fixed once
    published."""

    reason = forms.CharField(
        label="Reason for the amendment",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Everyone who has registered interest is emailed this reason.",
        error_messages={"required": "Give the reason for the amendment; bidders will see it."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["route"]
        del self.fields["direct_award_justification"]
        del self.fields["publish_on"]

    def needs_justification(self) -> bool:
        return False

    def _check_dates(self, cleaned: dict[str, Any]) -> None:
        # The route's minimum window was met when it was published; it is not re-measured.
        cleaned = {**cleaned, "route": None}
        super()._check_dates(cleaned)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not self.changes():
            raise forms.ValidationError(
                "You have not changed anything. Change a detail, or go back."
            )
        return cleaned

    def changes(self) -> dict[str, Any]:
        """Only the details that differ from the published ones."""
        current = self.opportunity
        changes = {}
        for name, value in self.details().items():
            if name == "reason":
                continue
            if name in ("art_forms", "areas"):
                before = {obj.pk for obj in getattr(current, name).all()}
                if {obj.pk for obj in value} != before:
                    changes[name] = value
            elif not _same(getattr(current, name), value):
                changes[name] = value
        return changes


class LotForm(forms.Form):
    title = forms.CharField(
        label="Lot title",
        max_length=200,
        help_text="For example, Dementia",
        error_messages={"required": "Enter the lot's title."},
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    budget = _money("Budget for this lot (£, optional)")
    outcome_areas = forms.ModelMultipleChoiceField(
        label="Outcome areas (optional)",
        queryset=OutcomeArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, lot: Lot | None = None, **kwargs) -> None:
        if lot is not None:
            kwargs["initial"] = {
                "title": lot.title,
                "description": lot.description,
                "budget": lot.budget,
                "outcome_areas": list(lot.outcome_areas.all()),
            }
        super().__init__(*args, **kwargs)


class OutcomeForm(forms.Form):
    outcome_area = forms.ModelChoiceField(
        label="Outcome area",
        queryset=OutcomeArea.objects.all(),
        empty_label="Choose an outcome area",
        error_messages={"required": "Choose the outcome area."},
    )
    statement = forms.CharField(
        label="The outcome for people",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Write what will change for people, not the activity that gets them there. "
        "For example: people connect to their communities and feel less lonely.",
        error_messages={"required": "Write the outcome as a change for people."},
    )


class SectionForm(forms.Form):
    body = forms.CharField(
        label="Text of this section",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
        help_text="You can use simple HTML: &lt;p&gt; for paragraphs, &lt;strong&gt;, "
        "&lt;ul&gt; and &lt;li&gt; for lists, &lt;h2&gt; and &lt;h3&gt; for headings and "
        '&lt;a href="…"&gt; for links. Anything else is removed when you save.',
    )
    revision = forms.IntegerField(
        widget=forms.HiddenInput(attrs={"id": "section-revision"}), min_value=0
    )


class KpiForm(forms.Form):
    kpi = forms.ModelChoiceField(
        label="KPI",
        queryset=Kpi.objects.none(),
        empty_label="Choose a KPI",
        error_messages={"required": "Choose a KPI from the library."},
    )
    target = forms.CharField(
        label="Target (optional)",
        max_length=200,
        required=False,
        help_text="For example, 300 people a year; or minimum 200, expected 300, stretch 400.",
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kpi"].queryset = Kpi.objects.filter(
            Q(organisation=None) | Q(organisation=organisation)
        )


class CriterionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind",
        choices=CriterionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of criterion."},
    )
    title = forms.CharField(
        label="Criterion or question",
        max_length=200,
        error_messages={"required": "Enter the criterion or question."},
    )
    guidance = forms.CharField(
        label="Guidance for bidders (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    weight = forms.DecimalField(
        label="Weight (%)",
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={
            "required": "Enter the weight as a percentage.",
            "invalid": "Enter the weight as a number, like 20.",
            "min_value": "A weight must be more than 0%%.",
            "max_value": "A weight cannot be more than 100%%.",
        },
    )
    word_limit = forms.IntegerField(
        label="Word limit (optional)",
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text="Short answers help small organisations. 500 words is often enough.",
        error_messages={"invalid": "Enter the word limit as a whole number, like 500."},
    )
    lot = forms.ModelChoiceField(
        label="Applies to",
        queryset=Lot.objects.none(),
        required=False,
        empty_label="The whole opportunity",
        help_text="Criteria for one lot have their own weights, which must also total 100%.",
    )

    def __init__(self, *args, opportunity: Opportunity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        lots = list(opportunity.lots.all())
        if lots:
            self.fields["lot"].queryset = opportunity.lots.all()
        else:
            del self.fields["lot"]


class GateForm(forms.Form):
    title = forms.CharField(
        label="Requirement",
        max_length=200,
        help_text="For example, Public liability insurance of at least £5 million",
        error_messages={"required": "Enter the requirement."},
    )
    guidance = forms.CharField(
        label="What counts as a pass (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Everyone who registered interest is told this reason.",
        error_messages={"required": "Give the reason; bidders will see it."},
    )


class AnswerForm(forms.Form):
    PUBLISH, PRIVATE = "publish", "private"

    answer = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the answer."},
    )
    publish = forms.ChoiceField(
        label="Who sees the answer",
        widget=forms.RadioSelect,
        choices=[
            (PUBLISH, "Everyone: publish the question and answer without saying who asked"),
            (PRIVATE, "Only the organisation that asked, because it is commercially sensitive"),
        ],
        initial=PUBLISH,
        error_messages={"required": "Choose who sees the answer."},
    )
    published_question = forms.CharField(
        label="The question as it will be published",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Remove anything that shows who asked, such as names, places or projects.",
    )
    private_reason = forms.CharField(
        label="Why answer privately (only if answering privately)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Every bidder should get the same information unless it is commercially "
        "sensitive. The reason is kept in the audit trail.",
    )

    def __init__(self, *args, question: Question, **kwargs) -> None:
        kwargs.setdefault("initial", {})["published_question"] = question.text
        super().__init__(*args, **kwargs)
        if not question.sensitive:
            del self.fields["publish"]
            del self.fields["private_reason"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        private = cleaned.get("publish") == self.PRIVATE
        if private and not cleaned.get("private_reason", "").strip():
            self.add_error(
                "private_reason",
                "Give the reason for answering privately; every bidder should get the same "
                "information unless it is commercially sensitive.",
            )
        if not private and not cleaned.get("published_question", "x").strip():
            self.add_error("published_question", "Enter the question as it will be published.")
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        private = self.cleaned_data.get("publish") == self.PRIVATE
        return {
            "answer": self.cleaned_data["answer"],
            "publish": not private,
            "published_question": "" if private else self.cleaned_data["published_question"],
            "private_reason": self.cleaned_data.get("private_reason", "") if private else "",
        }


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Your question",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The commissioner publishes the answer to everyone without saying who asked.",
        error_messages={"required": "Enter your question."},
    )
    sensitive = forms.BooleanField(
        label="My question is commercially sensitive",
        required=False,
        help_text="The commissioner may then answer only you, and must record why.",
    )


class InterestForm(forms.Form):
    lots = forms.ModelMultipleChoiceField(
        label="Which lots are you interested in? (optional)",
        queryset=Lot.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, opportunity: Opportunity, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        lots = list(opportunity.lots.all())
        if lots:
            self.fields["lots"].queryset = opportunity.lots.all()
        else:
            del self.fields["lots"]


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


class OpportunityFilterForm(forms.Form):
    """The public list's search and filters (GET)."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    route = forms.MultipleChoiceField(
        label="Route",
        choices=Route.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome_area = forms.ModelChoiceField(
        label="Outcome area",
        queryset=OutcomeArea.objects.all(),
        required=False,
        empty_label="Any outcome area",
    )
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label="Anywhere",
        help_text="Includes the county a district lies in, and the districts in a county.",
    )
    min_value = _money("Worth at least (£)")
    max_value = _money("Worth at most (£)")
    closing_before = forms.DateField(label="Closing on or before", required=False)
    include_closed = forms.BooleanField(
        label="Include opportunities that have closed", required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", "The most must be more than the least.")
        return cleaned

    def filters(self) -> OpportunityFilters:
        if not self.is_valid():
            return OpportunityFilters()
        data = self.cleaned_data
        return OpportunityFilters(
            q=data["q"].strip(),
            routes=data["route"],
            outcome_areas=[data["outcome_area"].pk] if data["outcome_area"] else [],
            areas=[data["area"].pk] if data["area"] else [],
            min_value=data["min_value"],
            max_value=data["max_value"],
            closing_before=data["closing_before"],
            include_closed=data["include_closed"],
        )
