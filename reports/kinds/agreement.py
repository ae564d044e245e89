"""The agreement report: one project's KPIs against targets, its returns, spend against the
award, wellbeing change and case studies, for either party to the agreement."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from monitoring import selectors as monitoring_selectors
from monitoring.models import Agreement
from reports.charts import AnyChart, Chart, Series
from reports.kinds import ReportKind, register
from reports.outcomes import (
    case_study_plain,
    consented_case_studies,
    evidence_plain,
    interval_chart,
    kpi_period_chart,
    kpi_plain,
    spend_plain,
    wellbeing_plain,
)


@register
class AgreementReport(ReportKind):
    slug = "agreement"
    name = "Agreement report"
    description = (
        "One project: its KPIs against the minimum, expected and stretch targets, its returns, "
        "spend against the award, wellbeing change and case studies, with charts."
    )
    template = "reports/pdf/agreement.html"

    def target_for_user(self, *, user: User, pk: int) -> Agreement:
        """Only the two parties (and platform admins) see an agreement: anyone else, 404."""
        return monitoring_selectors.agreement_get_for_user(user=user, pk=pk)

    def can_request(self, *, user: User, target: Agreement) -> bool:
        return user.has_perm("reports.request_agreement_report", target)

    def title(self, *, target: Agreement, parameters: dict[str, Any]) -> str:
        return f"Agreement report: {target.title}"

    def gather(self, *, target: Agreement, parameters: dict[str, Any]) -> dict[str, Any]:
        dashboard = monitoring_selectors.agreement_dashboard(agreement=target)
        agreement = dashboard.agreement
        shared, withheld = consented_case_studies(
            monitoring_selectors.agreement_case_studies(agreement=agreement)
        )
        kpis = [kpi_plain(series) for series in dashboard.series]
        for index, kpi in enumerate(kpis, start=1):
            kpi["chart"] = f"kpi_{index}"
        wellbeing = wellbeing_plain(dashboard.results)
        for measure in wellbeing:
            measure["chart"] = f"wellbeing_{measure['code']}"
        return {
            "agreement": {
                "reference": agreement.reference,
                "title": agreement.title,
                "summary": agreement.summary,
                "kind": agreement.get_kind_display(),
                "commissioner": agreement.commissioner.name,
                "provider": agreement.provider.name,
                "programme": agreement.programme.name,
                "value": agreement.value,
                "starts_on": agreement.starts_on,
                "ends_on": agreement.ends_on,
                "monitoring": agreement.get_monitoring_level_display(),
                "frequency": agreement.get_frequency_display(),
                "outcomes": [o.statement for o in agreement.outcomes.all()],
                "rag": dashboard.rag or "",
                "participants": dashboard.participants,
            },
            "returns": _returns(dashboard),
            "kpis": kpis,
            "spend": spend_plain(dashboard),
            "wellbeing": wellbeing,
            "case_studies": [case_study_plain(c) for c in shared],
            "withheld": withheld,
            "evidence": [
                evidence_plain(e)
                for e in monitoring_selectors.agreement_evidence_shareable(agreement=agreement)
            ],
        }

    def charts(self, *, data: dict[str, Any]) -> list[AnyChart]:
        charts: list[AnyChart] = []
        for kpi in data["kpis"]:
            chart = kpi_period_chart(kpi, key=kpi["chart"])
            if chart is not None:
                charts.append(chart)
        lines = data["spend"]["lines"]
        if lines and data["spend"]["spent"] is not None:
            charts.append(
                Chart(
                    key="spend",
                    title="Budget and spend to date per budget line",
                    caption="Each budget line's budget and its spend to date as the latest "
                    "return reports it, in pounds.",
                    categories=[line["description"] for line in lines],
                    series=[
                        Series("Budget", [float(line["budget"]) for line in lines]),
                        Series("Spent to date", [float(line["spent"] or 0) for line in lines]),
                    ],
                    value_label="£",
                )
            )
        for measure in data["wellbeing"]:
            chart = interval_chart(
                [("This project", measure)], key=measure["chart"], instrument=measure
            )
            if chart is not None:
                charts.append(chart)
        return charts


def _returns(dashboard) -> list[dict[str, Any]]:
    """Every reporting period and its return. Only reported returns' narratives are printed:
    a draft is still the provider's own."""
    reported = {r.pk for r in dashboard.reported_returns}
    rows = []
    for period in dashboard.periods:
        report = getattr(period, "report", None)
        rows.append(
            {
                "period": period.label,
                "starts_on": period.starts_on,
                "ends_on": period.ends_on,
                "due_on": period.due_on,
                "status": report.get_status_display() if report else "Not started",
                "submitted_at": report.first_submitted_at if report else None,
                "late": report.was_late if report else False,
                "narrative": report.narrative if report and report.pk in reported else "",
            }
        )
    return rows
