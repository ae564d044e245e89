"""CSV exports of returns, KPI actuals, pseudonymised instrument responses and shareable
evidence. Evidence not consented to (or raising a safeguarding concern) is never exported, and
responses carry only the participant's code."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.db.models import QuerySet

from monitoring.models import Evidence, InstrumentResponse, KpiActual, Return
from monitoring.selectors import REPORTED, evidence_shareable

EXPORTS = {
    "returns": "Returns",
    "kpi-actuals": "KPI actuals",
    "responses": "Instrument responses (pseudonymised)",
    "evidence": "Evidence cleared for sharing",
}


def _cell(value: object) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula; quote it as text."""
    text = "" if value is None else str(value)
    if (
        text[:1] in ("=", "+", "-", "@", "\t", "\r")
        and not text.lstrip("-").replace(".", "", 1).isdigit()
    ):
        return "'" + text
    return text


def _write(headers: list[str], rows: Iterable[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def export_csv(kind: str, agreement_ids: QuerySet | list[int]) -> str:
    if kind == "returns":
        returns = (
            Return.objects.filter(agreement_id__in=agreement_ids)
            .select_related("agreement__provider", "period")
            .order_by("agreement__reference", "period__number")
        )
        return _write(
            [
                "agreement",
                "provider",
                "period",
                "due_on",
                "status",
                "first_submitted_at",
                "late",
                "spend_to_date",
                "narrative",
                "learning_commissioners",
                "learning_sector",
                "learning_delivery",
            ],
            (
                [
                    r.agreement.reference,
                    r.agreement.provider.name,
                    r.period.label,
                    r.period.due_on,
                    r.status,
                    r.first_submitted_at.isoformat() if r.first_submitted_at else "",
                    "yes" if r.was_late else "no",
                    r.spend_to_date,
                    r.narrative,
                    r.learning_commissioners,
                    r.learning_sector,
                    r.learning_delivery,
                ]
                for r in returns
            ),
        )
    if kind == "kpi-actuals":
        actuals = (
            KpiActual.objects.filter(
                report__agreement_id__in=agreement_ids, report__status__in=REPORTED
            )
            .select_related("report__agreement", "report__period", "agreement_kpi__kpi")
            .order_by(
                "report__agreement__reference", "report__period__number", "agreement_kpi__position"
            )
        )
        return _write(
            [
                "agreement",
                "period",
                "kpi",
                "unit",
                "actual",
                "baseline",
                "minimum",
                "expected",
                "stretch",
                "note",
            ],
            (
                [
                    a.report.agreement.reference,
                    a.report.period.label,
                    a.agreement_kpi.kpi.name,
                    a.agreement_kpi.kpi.unit,
                    a.value,
                    a.agreement_kpi.baseline,
                    a.agreement_kpi.minimum,
                    a.agreement_kpi.expected,
                    a.agreement_kpi.stretch,
                    a.note,
                ]
                for a in actuals
            ),
        )
    if kind == "responses":
        responses = (
            InstrumentResponse.objects.filter(agreement_id__in=agreement_ids)
            .select_related("agreement", "participant")
            .order_by("agreement__reference", "instrument", "participant__code", "time_point")
        )
        width = max((len(r.items) for r in responses), default=0)
        return _write(
            [
                "agreement",
                "participant_code",
                "instrument",
                "version",
                "time_point",
                "collected_on",
                "raw_score",
                "metric_score",
            ]
            + [f"item_{n}" for n in range(1, width + 1)],
            (
                [
                    r.agreement.reference,
                    r.participant.code,
                    r.instrument,
                    r.instrument_version,
                    r.time_point,
                    r.collected_on,
                    r.raw_score,
                    r.metric_score,
                    *r.items,
                ]
                for r in responses
            ),
        )
    if kind == "evidence":
        evidence = (
            evidence_shareable(Evidence.objects.filter(report__agreement_id__in=agreement_ids))
            .select_related("report__agreement", "report__period")
            .order_by("report__agreement__reference", "created_at")
        )
        return _write(
            ["agreement", "period", "kind", "title", "description", "video_link"],
            (
                [
                    e.report.agreement.reference,
                    e.report.period.label,
                    e.kind,
                    e.title,
                    e.description,
                    e.url,
                ]
                for e in evidence
            ),
        )
    raise KeyError(kind)
