"""The programme pilot report: what a programme manager sends to their board.

The report is a list of sections (`SECTIONS`), each a gather function and a template include,
in the order they print: summary, timeline, opportunities and routes, reach of market
engagement, lots and themes, bids received and funded per theme, then what the funded projects
did (reports.programme_sections): the projects table, spend against budget, KPI performance,
wellbeing change, case studies and evidence, and the six evaluation questions. A section is a
function taking the `Scope` and returning the section's data (plain values), and an include
under templates/reports/pdf/programme/; each says so in a sentence when it has no data yet.

Bids are sealed: before an opportunity closes only their number is known, so that is all any
section counts.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django import forms
from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from commissioning import selectors as commissioning_selectors
from commissioning.models import Programme
from evaluation import selectors as evaluation_selectors
from monitoring import selectors as monitoring_selectors
from reports import programme_sections as outcomes
from reports.charts import AnyChart, Chart, Series, TargetChart
from reports.kinds import ParametersForm, ReportKind, register
from reports.outcomes import interval_chart
from tenders.constants import BidStatus, Status
from tenders.models import Bid, Lot, Opportunity

LONG_DATE = "%-d %B %Y"


class ProgrammeReportForm(ParametersForm):
    period_start = forms.DateField(
        label="From", help_text="The first day the report covers, within the programme."
    )
    period_end = forms.DateField(
        label="To", help_text="The last day the report covers, within the programme."
    )

    def __init__(self, *args: Any, target: Programme, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"period_start": target.start_date, "period_end": target.end_date}
        )
        super().__init__(*args, target=target, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        programme = self.target
        runs = (
            f"The programme runs from {programme.start_date:{LONG_DATE}} to "
            f"{programme.end_date:{LONG_DATE}}."
        )
        if start and not programme.start_date <= start <= programme.end_date:
            self.add_error(
                "period_start", f"The start of the period must be within the programme. {runs}"
            )
        if end and not programme.start_date <= end <= programme.end_date:
            self.add_error(
                "period_end", f"The end of the period must be within the programme. {runs}"
            )
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be on or after its start.")
        return cleaned


@dataclass
class Scope:
    """What every section's gather function reads from: the programme, the period and the
    opportunities active in it (with their lots), fetched once."""

    programme: Programme
    start: datetime.date
    end: datetime.date
    opportunities: list[Opportunity]
    bids_by_lot: dict[int, int]
    bids_by_opportunity: dict[int, int]
    organisations_by_opportunity: dict[int, int]
    funded_by_lot: dict[int, int]
    funded_by_opportunity: dict[int, int]

    @cached_property
    def dashboard(self) -> monitoring_selectors.ProgrammeDashboard:
        """The monitoring of the agreements running in the period, read once."""
        return monitoring_selectors.programme_dashboard(
            programme=self.programme, between=(self.start, self.end)
        )

    def in_period(self, day: datetime.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def _day(moment: datetime.datetime | datetime.date | None) -> datetime.date | None:
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).date()
    return moment


def _active_in(opportunity: Opportunity, start: datetime.date, end: datetime.date) -> bool:
    opened = _day(opportunity.published_at) or _day(opportunity.created_at)
    closes = _day(opportunity.closes_at)
    return opened <= end and (closes is None or closes >= start)


def scope_build(programme: Programme, start: datetime.date, end: datetime.date) -> Scope:
    opportunities = [
        opportunity
        for opportunity in Opportunity.objects.filter(programme=programme)
        .prefetch_related(
            Prefetch("lots", queryset=Lot.objects.prefetch_related("outcome_areas")),
            "outcomes_sought__outcome_area",
        )
        .order_by("created_at", "pk")
        if _active_in(opportunity, start, end)
    ]
    ids = [o.pk for o in opportunities]
    submitted = Bid.objects.filter(opportunity_id__in=ids, status=BidStatus.SUBMITTED)
    bids_by_lot = dict(
        submitted.filter(lots__isnull=False)
        .values_list("lots")
        .annotate(count=Count("pk", distinct=True))
        .values_list("lots", "count")
    )
    per_opportunity = submitted.values("opportunity_id").annotate(
        bids=Count("pk", distinct=True), organisations=Count("organisation", distinct=True)
    )
    funded_by_lot, funded_by_opportunity = evaluation_selectors.funded_counts(opportunity_ids=ids)
    return Scope(
        programme=programme,
        funded_by_lot=funded_by_lot,
        funded_by_opportunity=funded_by_opportunity,
        start=start,
        end=end,
        opportunities=opportunities,
        bids_by_lot=bids_by_lot,
        bids_by_opportunity={row["opportunity_id"]: row["bids"] for row in per_opportunity},
        organisations_by_opportunity={
            row["opportunity_id"]: row["organisations"] for row in per_opportunity
        },
    )


def _sealed(opportunity: Opportunity) -> bool:
    return opportunity.status in (Status.DRAFT, Status.PUBLISHED)


# Sections ---------------------------------------------------------------------------------------


def gather_summary(scope: Scope) -> dict[str, Any]:
    programme = scope.programme
    offered = sum((o.total_budget for o in scope.opportunities), Decimal(0))
    bids = sum(scope.bids_by_opportunity.values())
    organisations = sum(scope.organisations_by_opportunity.values())
    return {
        "summary": programme.summary,
        "status": programme.get_status_display(),
        "budget": programme.budget,
        "offered": offered,
        "unallocated": programme.budget - offered,
        "outcome_areas": [area.name for area in programme.outcome_areas.all()],
        "areas": [area.name for area in programme.areas.all()],
        "opportunities": len(scope.opportunities),
        "themes": sum(len(o.lots.all()) for o in scope.opportunities),
        "bids": bids,
        "organisations": organisations,
    }


def gather_timeline(scope: Scope) -> dict[str, Any]:
    programme = scope.programme
    events: list[dict[str, Any]] = []
    if scope.in_period(programme.start_date):
        events.append({"date": programme.start_date, "event": "The programme starts", "of": ""})
    milestones: list[tuple[str, Callable[[Opportunity], Any]]] = [
        ("Market-engagement event", lambda o: o.engagement_date),
        ("Published", lambda o: o.published_at),
        ("Deadline for questions", lambda o: o.clarification_deadline),
        ("Closes to bids", lambda o: o.closes_at),
        ("Bids evaluated", lambda o: o.evaluation_date),
        ("Awarded", lambda o: o.award_date),
        ("Projects start", lambda o: o.service_start),
    ]
    for opportunity in scope.opportunities:
        for label, moment in milestones:
            day = _day(moment(opportunity))
            if scope.in_period(day):
                events.append({"date": day, "event": label, "of": opportunity.title})
    if scope.in_period(programme.end_date):
        events.append({"date": programme.end_date, "event": "The programme ends", "of": ""})
    events.sort(key=lambda e: (e["date"], e["of"], e["event"]))
    return {"events": events}


def gather_opportunities(scope: Scope) -> dict[str, Any]:
    rows = [
        {
            "reference": o.reference,
            "title": o.title,
            "route": o.get_route_display(),
            "status": o.get_status_display(),
            "budget": o.total_budget,
            "max_bid": o.max_bid,
            "closes_at": o.closes_at,
            "lots": len(o.lots.all()),
            "outcomes": [s.statement for s in o.outcomes_sought.all()],
        }
        for o in scope.opportunities
    ]
    routes = Counter(row["route"] for row in rows)
    return {
        "rows": rows,
        "routes": [{"route": route, "count": count} for route, count in sorted(routes.items())],
    }


def gather_themes(scope: Scope) -> dict[str, Any]:
    themes = [
        {
            "opportunity": o.title,
            "number": lot.number,
            "title": lot.title,
            "outcome_areas": [area.name for area in lot.outcome_areas.all()],
            "budget": lot.budget,
        }
        for o in scope.opportunities
        for lot in o.lots.all()
    ]
    return {"rows": themes}


def gather_bids(scope: Scope) -> dict[str, Any]:
    rows = []
    for o in scope.opportunities:
        sealed = _sealed(o)
        lots = list(o.lots.all())
        if lots:
            for lot in lots:
                rows.append(
                    {
                        "opportunity": o.title,
                        "theme": f"{lot.number}. {lot.title}",
                        "short": lot.title,
                        "bids": scope.bids_by_lot.get(lot.pk, 0),
                        "funded": scope.funded_by_lot.get(lot.pk, 0),
                        "sealed": sealed,
                    }
                )
        else:
            rows.append(
                {
                    "opportunity": o.title,
                    "theme": "The whole opportunity",
                    "short": o.title,
                    "bids": scope.bids_by_opportunity.get(o.pk, 0),
                    "funded": scope.funded_by_opportunity.get(o.pk, 0),
                    "sealed": sealed,
                }
            )
    closed = [o for o in scope.opportunities if not _sealed(o)]
    return {
        "rows": rows,
        "total": sum(scope.bids_by_opportunity.values()),
        "funded": sum(scope.funded_by_opportunity.values()),
        "organisations_after_close": sum(
            scope.organisations_by_opportunity.get(o.pk, 0) for o in closed
        ),
        "any_sealed": any(row["sealed"] for row in rows),
    }


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    gather: Callable[[Scope], dict[str, Any]]


SECTIONS: list[Section] = [
    Section("summary", "Summary", "reports/pdf/programme/_summary.html", gather_summary),
    Section("timeline", "Timeline", "reports/pdf/programme/_timeline.html", gather_timeline),
    Section(
        "opportunities",
        "Opportunities and routes used",
        "reports/pdf/programme/_opportunities.html",
        gather_opportunities,
    ),
    Section(
        "engagement",
        "Reach of market engagement",
        "reports/pdf/programme/_engagement.html",
        outcomes.gather_engagement,
    ),
    Section("themes", "Lots and themes", "reports/pdf/programme/_themes.html", gather_themes),
    Section(
        "bids",
        "Bids received and funded per theme",
        "reports/pdf/programme/_bids.html",
        gather_bids,
    ),
    Section(
        "projects", "The projects", "reports/pdf/programme/_projects.html", outcomes.gather_projects
    ),
    Section(
        "spend", "Spend against budget", "reports/pdf/programme/_spend.html", outcomes.gather_spend
    ),
    Section("kpis", "KPI performance", "reports/pdf/programme/_kpis.html", outcomes.gather_kpis),
    Section(
        "wellbeing",
        "Wellbeing change",
        "reports/pdf/programme/_wellbeing.html",
        outcomes.gather_wellbeing,
    ),
    Section(
        "case_studies",
        "Case studies and evidence",
        "reports/pdf/programme/_case_studies.html",
        outcomes.gather_case_studies,
    ),
    Section(
        "questions",
        "The six evaluation questions",
        "reports/pdf/programme/_questions.html",
        outcomes.gather_questions,
    ),
]


@register
class ProgrammeReport(ReportKind):
    slug = "programme"
    name = "Programme pilot report"
    description = (
        "A summary of the programme for a board: its timeline, opportunities and routes, "
        "market engagement, bids received and funded per theme, the projects, spend against "
        "budget, KPI performance, wellbeing change, case studies and the six evaluation "
        "questions, with charts."
    )
    template = "reports/pdf/programme.html"
    form_class = ProgrammeReportForm
    version = 2

    def target_for_user(self, *, user: User, pk: int) -> Programme:
        """The programme through its own access rule, without the page's prefetches."""
        programmes = commissioning_selectors.programme_list_for_user(user=user)
        programme = programmes.prefetch_related(None).select_related("organisation").filter(pk=pk)
        found = programme.first()
        if found is None:
            raise Http404
        return found

    def can_request(self, *, user: User, target: Programme) -> bool:
        return user.has_perm("reports.request_programme_report", target)

    def title(self, *, target: Programme, parameters: dict[str, Any]) -> str:
        return f"Programme pilot report: {target.name}"

    def gather(self, *, target: Programme, parameters: dict[str, Any]) -> dict[str, Any]:
        start = datetime.date.fromisoformat(parameters["period_start"])
        end = datetime.date.fromisoformat(parameters["period_end"])
        scope = scope_build(target, start, end)
        return {
            "programme": {
                "name": target.name,
                "organisation": target.organisation.name,
                "start": target.start_date,
                "end": target.end_date,
            },
            "period": {"start": start, "end": end},
            "sections": [
                {
                    "key": section.key,
                    "title": section.title,
                    "template": section.template,
                    "data": section.gather(scope),
                }
                for section in SECTIONS
            ],
        }

    def charts(self, *, data: dict[str, Any]) -> list[AnyChart]:
        """Per theme across the programme: opportunities often share themes (a grant call a
        year, each with the same clinical pathways), so each theme is one bar."""
        sections = {section["key"]: section["data"] for section in data["sections"]}
        charts = []
        budgets = _totals(
            (row["title"], float(row["budget"]) / 1000)
            for row in sections.get("themes", {}).get("rows", [])
            if row["budget"]
        )
        if budgets:
            charts.append(
                Chart(
                    key="budget_per_theme",
                    title="Budget offered per theme",
                    caption="The budget offered for each theme (lot), in thousands of pounds, "
                    "across the programme's opportunities.",
                    categories=list(budgets),
                    series=[
                        Series("Budget (£ thousands)", [round(v, 1) for v in budgets.values()])
                    ],
                    value_label="£ thousands",
                )
            )
        bid_rows = sections.get("bids", {}).get("rows", [])
        bids = _totals((row["short"], row["bids"]) for row in bid_rows)
        funded = _totals((row["short"], row["funded"]) for row in bid_rows)
        if any(bids.values()):
            charts.append(
                Chart(
                    key="bids_per_theme",
                    title="Bids received and funded per theme",
                    caption="Bids submitted for each theme (lot) across the programme's "
                    "opportunities, and those funded once decisions were sent. A bid for "
                    "several themes counts once in each.",
                    categories=list(bids),
                    series=[
                        Series("Bids received", list(bids.values())),
                        Series("Funded", [funded[label] for label in bids]),
                    ],
                    value_label="Bids",
                )
            )
        charts.extend(_outcome_charts(sections))
        return charts


def _outcome_charts(sections: dict[str, Any]) -> list[AnyChart]:
    charts: list[AnyChart] = []
    by_type = sections.get("engagement", {}).get("by_type", [])
    if by_type:
        charts.append(
            Chart(
                key="attendance_by_type",
                title="Who came to market engagement, by kind of organisation",
                caption="People at the programme's market-engagement events in the period, by "
                "the kind of organisation they came from (those with a place, for events "
                "still to come).",
                categories=[share["label"] for share in by_type],
                series=[Series("People", [share["count"] for share in by_type])],
                value_label="People",
            )
        )
    spend_rows = sections.get("spend", {}).get("rows", [])
    if spend_rows:
        charts.append(
            Chart(
                key="spend_per_project",
                title="Award and spend to date per project",
                caption="Each project's award and its spend to date as its latest return "
                "reports it, in thousands of pounds.",
                categories=[outcomes.chart_label(row["title"]) for row in spend_rows],
                series=[
                    Series("Award", [round(float(row["award"]) / 1000, 1) for row in spend_rows]),
                    Series(
                        "Spent to date",
                        [round(float(row["spent"] or 0) / 1000, 1) for row in spend_rows],
                    ),
                ],
                value_label="£ thousands",
            )
        )
    for kpi in sections.get("kpis", {}).get("kpis", []):
        rows = [row for row in kpi["rows"] if row["latest"] is not None]
        if not rows:
            continue
        what = "to date" if kpi["cumulative"] else "in the latest period"
        charts.append(
            TargetChart(
                key=kpi["chart"],
                title=kpi["name"],
                caption=f"{kpi['name']} ({kpi['unit'].lower()}, {what}) for each project "
                "that reports it, against the minimum, expected and stretch targets for that "
                "point in the project.",
                categories=[outcomes.chart_label(row["project"]) for row in rows],
                actuals=[_float(row["latest"]["to_date"]) for row in rows],
                minimum=[_float(row["latest"]["minimum"]) for row in rows],
                expected=[_float(row["latest"]["expected"]) for row in rows],
                stretch=[_float(row["latest"]["stretch"]) for row in rows],
                value_label=kpi["unit"],
            )
        )
    for instrument in sections.get("wellbeing", {}).get("instruments", []):
        rows = [("All projects", instrument)] + [
            (outcomes.chart_label(p["project"]), p) for p in instrument["projects"]
        ]
        chart = interval_chart(rows, key=instrument["chart"], instrument=instrument)
        if chart is not None:
            charts.append(chart)
    return charts


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _totals(pairs) -> dict[str, float]:
    """Sums by label, in the order labels first appear."""
    totals: dict[str, float] = {}
    for label, value in pairs:
        totals[label] = totals.get(label, 0) + value
    return totals
