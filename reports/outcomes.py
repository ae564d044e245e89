"""Monitoring data as reports print it: KPIs against their targets, spend against the award,
wellbeing change with its confidence interval, case studies and evidence images.

Shared by the programme pilot report and the agreement report. Everything here turns the
monitoring app's dashboards (monitoring.selectors, which do the reading and the statistics)
into plain values, so a report's digest covers exactly what it prints, and builds the charts
from those values.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from monitoring.constants import MIN_RELIABLE_PAIRS, CostType
from monitoring.models import CaseStudy, Evidence
from monitoring.selectors import AgreementDashboard, InstrumentResult, KpiSeries
from monitoring.statistics import PairedAnalysis
from reports.charts import IntervalChart, TargetChart
from reports.constants import MEDIA_BASE

IMAGE_TYPES = {"image/png", "image/jpeg", "image/webp"}


def _float(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def kpi_plain(series: KpiSeries) -> dict[str, Any]:
    """A KPI with each period's actual, value to date, targets and rating."""
    kpi = series.item.kpi
    rows = [
        {
            "period": point.period_label,
            "number": point.period_number,
            "actual": point.actual,
            "to_date": point.to_date,
            "minimum": point.minimum,
            "expected": point.expected,
            "stretch": point.stretch,
            "rating": point.assessment.statutory.label if point.assessment else "",
            "rag": point.assessment.rag.value if point.assessment else "",
        }
        for point in series.points
    ]
    reported = [row for row in rows if row["to_date"] is not None]
    return {
        "slug": kpi.slug,
        "name": kpi.name,
        "unit": kpi.get_unit_display(),
        "cumulative": series.cumulative,
        "has_targets": series.item.has_targets,
        "rows": rows,
        "latest": reported[-1] if reported else None,
    }


def spend_plain(dashboard: AgreementDashboard) -> dict[str, Any]:
    """What the project was awarded and paid, its budget lines and what it has spent."""
    agreement = dashboard.agreement
    spend = dashboard.spend
    paid = sum((i.amount for i in agreement.instalments.all() if i.paid_on is not None), Decimal(0))
    fixed = spend.by_type[CostType.FIXED]
    variable = spend.by_type[CostType.VARIABLE]
    return {
        "award": agreement.value,
        "paid": paid,
        "budget": spend.budget_total,
        "spent": spend.spent_total,
        "spent_percent": (
            round(100 * spend.spent_total / agreement.value)
            if spend.spent_total is not None and agreement.value
            else None
        ),
        "fixed": {"budget": fixed[0], "spent": fixed[1]},
        "variable": {"budget": variable[0], "spent": variable[1]},
        "lines": [
            {
                "description": line.description,
                "cost_type": line.get_cost_type_display(),
                "budget": line.amount,
                "spent": spent,
            }
            for line, spent in spend.lines
        ],
    }


def analysis_plain(analysis: PairedAnalysis) -> dict[str, Any]:
    return {
        "baseline_n": analysis.baseline.n,
        "baseline_mean": analysis.baseline.mean,
        "follow_up_n": analysis.follow_up.n,
        "follow_up_mean": analysis.follow_up.mean,
        "pairs": analysis.pairs,
        "mean_change": analysis.mean_change,
        "ci_low": analysis.ci_low,
        "ci_high": analysis.ci_high,
        "p_value": analysis.p_value,
        "improved_share": (
            round(100 * analysis.improved_share) if analysis.improved_share is not None else None
        ),
        "threshold": analysis.threshold,
        "too_few_pairs": analysis.too_few_pairs,
    }


def wellbeing_plain(results: list[InstrumentResult]) -> list[dict[str, Any]]:
    """The before-and-after analysis of each summed instrument (WEMWBS, SWEMWBS, …)."""
    return [
        {
            "code": result.instrument.code,
            "name": result.instrument.name,
            "short_name": result.instrument.short_name,
            "score_label": result.instrument.score_label,
            "meaningful_change": float(result.instrument.meaningful_change),
            "responses": result.responses,
            **analysis_plain(result.analysis),
        }
        for result in results
        if result.analysis is not None
    ]


def case_study_plain(case_study: CaseStudy, *, project: str = "") -> dict[str, Any]:
    return {
        "project": project,
        "period": case_study.report.period.label,
        "title": case_study.title,
        "body": case_study.body,
        "quote": case_study.quote,
    }


def evidence_plain(item: Evidence, *, project: str = "") -> dict[str, Any]:
    """Shareable evidence: an image is printed (fetched from our storage by the PDF's URL
    fetcher, under a name the platform gave it); anything else is listed by its title."""
    image = bool(item.file) and item.file_type in IMAGE_TYPES
    return {
        "project": project,
        "kind": item.get_kind_display(),
        "title": item.title,
        "description": item.description,
        "image": f"{MEDIA_BASE}{item.file.name}" if image else "",
        "link": item.url,
    }


def consented_case_studies(case_studies: list[CaseStudy]) -> tuple[list[CaseStudy], int]:
    """Only case studies the person they are about agreed to share go in a report; the
    number left out is said."""
    shared = [c for c in case_studies if c.consented]
    return shared, len(case_studies) - len(shared)


# Charts -------------------------------------------------------------------------------------


def kpi_period_chart(kpi: dict[str, Any], *, key: str) -> TargetChart | None:
    """One project's KPI after each period against that period's targets."""
    rows = [row for row in kpi["rows"] if row["to_date"] is not None]
    if not rows:
        return None
    what = "to date" if kpi["cumulative"] else "in the period"
    return TargetChart(
        key=key,
        title=kpi["name"],
        caption=f"{kpi['name']} ({kpi['unit'].lower()}, {what}) after each reporting period, "
        "against the minimum, expected and stretch targets for that point.",
        categories=[row["period"] for row in rows],
        actuals=[_float(row["to_date"]) for row in rows],
        minimum=[_float(row["minimum"]) for row in rows],
        expected=[_float(row["expected"]) for row in rows],
        stretch=[_float(row["stretch"]) for row in rows],
        value_label=kpi["unit"],
    )


def interval_chart(
    rows: list[tuple[str, dict[str, Any]]], *, key: str, instrument: dict[str, Any]
) -> IntervalChart | None:
    """Mean paired change with its 95% confidence interval, one row per (label, analysis);
    rows without an interval (fewer than two pairs) are left out of the chart."""
    shown = [(label, a) for label, a in rows if a["ci_low"] is not None]
    if not shown:
        return None
    name = instrument["short_name"]
    return IntervalChart(
        key=key,
        title=f"Change in {name} {instrument['score_label']}",
        caption=f"Mean change in {name} {instrument['score_label']} between baseline and "
        "follow-up for participants with both, with its 95% confidence interval and the number "
        "of pairs (n). The dotted line marks the smallest change that is meaningful to a person. "
        f"Fewer than {MIN_RELIABLE_PAIRS} pairs is too few to rely on.",
        categories=[label for label, _ in shown],
        means=[a["mean_change"] for _, a in shown],
        lows=[a["ci_low"] for _, a in shown],
        highs=[a["ci_high"] for _, a in shown],
        counts=[a["pairs"] for _, a in shown],
        meaningful_change=instrument["meaningful_change"],
        value_label=f"Change in {name} {instrument['score_label']}",
    )
