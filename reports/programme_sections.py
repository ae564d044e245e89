"""The programme pilot report's sections about what happened after the bids: market
engagement, the projects funded, money, KPIs, wellbeing, case studies and the six evaluation
questions. Each gather function takes the report's `Scope` (reports.kinds.programme) and
returns plain values; each has an include under templates/reports/pdf/programme/.

They read the engagement and monitoring apps through their selectors: the programme's
monitoring dashboard (monitoring.selectors.programme_dashboard) is read once per report and
shared by every section here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from engagement import selectors as engagement_selectors
from monitoring.selectors import AgreementDashboard
from reports.outcomes import (
    case_study_plain,
    consented_case_studies,
    evidence_plain,
    kpi_plain,
    spend_plain,
    wellbeing_plain,
)

if TYPE_CHECKING:
    from reports.kinds.programme import Scope

# A project's name in charts: long titles are cut so the bars keep their width.
CHART_LABEL = 42


def project_name(dashboard: AgreementDashboard) -> str:
    return dashboard.agreement.title


def chart_label(text: str) -> str:
    return (
        text
        if len(text) <= CHART_LABEL
        else text[: CHART_LABEL - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
    )


def _theme(dashboard: AgreementDashboard) -> str:
    agreement = dashboard.agreement
    if agreement.bid_id is not None:
        lots = [f"{lot.title}" for lot in agreement.bid.lots.all()]
        if lots:
            return "; ".join(lots)
    areas = [o.outcome_area.name for o in agreement.outcomes.all() if o.outcome_area_id]
    if areas:
        return "; ".join(dict.fromkeys(areas))
    return agreement.opportunity.title if agreement.opportunity_id else "Not set"


def gather_engagement(scope: Scope) -> dict[str, Any]:
    reach = engagement_selectors.programme_reach(
        programme=scope.programme, start=scope.start, end=scope.end
    )
    events = []
    for row in reach.events:
        held = row.event.status == "held"
        events.append(
            {
                "title": row.event.title,
                "date": timezone.localtime(row.event.starts_at).date(),
                "kind": row.event.get_kind_display(),
                "held": held,
                "registered": row.registered,
                "attended": row.attended if held else None,
                "arts_percent": (
                    row.arts_percent_attended if held else row.arts_percent_registered
                ),
            }
        )
    return {
        "events": events,
        "people": reach.people,
        "arts": reach.arts,
        "arts_percent": reach.arts_percent,
        "by_type": [
            {"label": share.label, "count": share.count, "percent": share.percent}
            for share in reach.by_type
        ],
    }


def gather_projects(scope: Scope) -> dict[str, Any]:
    """The projects table (the NEF report's Table 4): theme, provider, summary and award."""
    rows = [
        {
            "reference": d.agreement.reference,
            "title": project_name(d),
            "theme": _theme(d),
            "provider": d.agreement.provider.name,
            "summary": d.agreement.summary,
            "award": d.agreement.value,
            "kind": d.agreement.get_kind_display(),
            "starts_on": d.agreement.starts_on,
            "ends_on": d.agreement.ends_on,
        }
        for d in scope.dashboard.dashboards
    ]
    rows.sort(key=lambda row: (row["theme"], row["provider"], row["title"]))
    return {
        "rows": rows,
        "total": sum((row["award"] for row in rows), Decimal(0)),
        "providers": len({row["provider"] for row in rows}),
    }


def gather_spend(scope: Scope) -> dict[str, Any]:
    rows = []
    for d in scope.dashboard.dashboards:
        spend = spend_plain(d)
        rows.append({"title": project_name(d), "provider": d.agreement.provider.name, **spend})
    awarded = sum((row["award"] for row in rows), Decimal(0))
    spent = sum((row["spent"] or Decimal(0) for row in rows), Decimal(0))
    return {
        "rows": rows,
        "budget": scope.programme.budget,
        "awarded": awarded,
        "paid": sum((row["paid"] for row in rows), Decimal(0)),
        "spent": spent,
        "spent_percent": round(100 * spent / awarded) if awarded else None,
        "fixed": sum((row["fixed"]["spent"] for row in rows), Decimal(0)),
        "variable": sum((row["variable"]["spent"] for row in rows), Decimal(0)),
        "not_reported": sum(1 for row in rows if row["spent"] is None),
    }


def gather_kpis(scope: Scope) -> dict[str, Any]:
    """Each KPI across the projects that use it: the latest value against the targets for
    that point in the project."""
    by_kpi: dict[str, dict[str, Any]] = {}
    ratings: Counter[str] = Counter()
    for d in scope.dashboard.dashboards:
        for series in d.series:
            kpi = kpi_plain(series)
            entry = by_kpi.setdefault(
                kpi["slug"],
                {
                    "slug": kpi["slug"],
                    "name": kpi["name"],
                    "unit": kpi["unit"],
                    "cumulative": kpi["cumulative"],
                    "chart": f"kpi_{kpi['slug']}",
                    "rows": [],
                },
            )
            latest = kpi["latest"]
            entry["rows"].append({"project": project_name(d), "latest": latest})
            if latest is not None and latest["rating"]:
                ratings[latest["rating"]] += 1
    kpis = sorted(by_kpi.values(), key=lambda k: k["name"])
    return {
        "kpis": kpis,
        "ratings": [{"rating": rating, "count": count} for rating, count in ratings.most_common()],
    }


def gather_wellbeing(scope: Scope) -> dict[str, Any]:
    """Each wellbeing measure: the change across all projects' participants together, and
    project by project."""
    per_project: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in scope.dashboard.dashboards:
        for result in wellbeing_plain(d.results):
            per_project[result["code"]].append({"project": project_name(d), **result})
    instruments = []
    for pooled in wellbeing_plain(scope.dashboard.pooled):
        instruments.append(
            {
                **pooled,
                "chart": f"wellbeing_{pooled['code']}",
                "projects": per_project.get(pooled["code"], []),
            }
        )
    return {"instruments": instruments}


def latest_case_studies(case_studies: list) -> list:
    """Of shared case studies, each project's latest (by period, then when it was written), in
    the order given. A board reads one story per project (twenty projects with a story every
    other quarter would be eighty); each project's agreement report has them all."""

    def written(case_study) -> tuple:
        return (case_study.report.period.number, case_study.created_at)

    latest: dict[int, Any] = {}
    for case_study in case_studies:
        key = case_study.report.agreement_id
        if key not in latest or written(case_study) >= written(latest[key]):
            latest[key] = case_study
    return [c for c in case_studies if latest[c.report.agreement_id] is c]


def gather_case_studies(scope: Scope) -> dict[str, Any]:
    shared, withheld = consented_case_studies(scope.dashboard.case_studies)
    chosen = latest_case_studies(shared)
    return {
        "case_studies": [case_study_plain(c, project=c.report.agreement.title) for c in chosen],
        "earlier": len(shared) - len(chosen),
        "withheld": withheld,
        "evidence": [
            evidence_plain(e, project=e.report.agreement.title) for e in scope.dashboard.evidence
        ],
    }


def gather_questions(scope: Scope) -> dict[str, Any]:
    """The six evaluation questions with the evidence the monitoring app gathers against each
    (monitoring.selectors._questions). For a board: of each project's returns only the latest
    is quoted (the agreement report has them all), and of its case studies the latest is named
    (told in full under "Case studies and evidence"), not repeated; case studies only with
    consent."""
    shared, _ = consented_case_studies(scope.dashboard.case_studies)
    told = {c.pk for c in latest_case_studies(shared)}
    questions = []
    for question in scope.dashboard.questions:
        latest: dict[str, int] = {}
        items: list[dict[str, Any]] = []
        earlier = earlier_case_studies = 0
        for item in question.items:
            if not item.get("consented", True):
                continue
            if "case_study" in item and item["case_study"].pk not in told:
                earlier_case_studies += 1
                continue
            project = item["agreement"].title
            entry = {
                "kind": item["kind"],
                "project": project,
                "title": item["title"],
                "text": item["text"],
                "quote": "",
                "case_study": item["kind"] == "Case study",
            }
            if entry["case_study"]:
                entry["text"] = ""
            if item["kind"] == "Return":
                if project in latest:
                    items[latest[project]] = entry
                    earlier += 1
                    continue
                latest[project] = len(items)
            items.append(entry)
        questions.append(
            {
                "number": question.number,
                "question": question.question,
                "items": items,
                "earlier_returns": earlier,
                "earlier_case_studies": earlier_case_studies,
            }
        )
    return {"questions": questions}
