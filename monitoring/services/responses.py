"""Pseudonymised instrument responses: entered one at a time, or imported from CSV with a
row-by-row report. An import never saves part of a file silently: the person chooses to import
nothing, or only the rows without errors."""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.audit import audit_record
from core.errors import ApplicationError
from monitoring.constants import EDITABLE_STATUSES, IMPORT_MAX_ROWS, TimePoint
from monitoring.instruments import InstrumentError, Score, instrument_get, score
from monitoring.models import Agreement, InstrumentResponse, Participant, Return
from monitoring.services.common import check_provider
from monitoring.services.returns import actuals_calculate

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")
TIME_POINT_ALIASES = {
    "baseline": TimePoint.BASELINE,
    "pre": TimePoint.BASELINE,
    "before": TimePoint.BASELINE,
    "follow_up": TimePoint.FOLLOW_UP,
    "follow-up": TimePoint.FOLLOW_UP,
    "followup": TimePoint.FOLLOW_UP,
    "post": TimePoint.FOLLOW_UP,
    "after": TimePoint.FOLLOW_UP,
}


def code_problem(code: str) -> str | None:
    if not CODE_PATTERN.match(code) or not any(ch.isdigit() for ch in code):
        return (
            "A participant code is up to 20 letters, digits and hyphens with at least one digit, "
            "for example P014. Never use a name or initials."
        )
    return None


def _check_date(collected_on: datetime.date, agreement: Agreement) -> None:
    if collected_on > timezone.localdate() + datetime.timedelta(days=1):
        raise ApplicationError("The date collected cannot be in the future.")
    if collected_on < agreement.starts_on - datetime.timedelta(days=92):
        raise ApplicationError("The date collected is long before the agreement started.")


def _recalculate(*, actor: User | None, agreement: Agreement) -> None:
    """Returns still being written follow the responses: their instrument KPIs are worked out
    again."""
    if not any(item.calculated_from for item in agreement.kpis.select_related("kpi")):
        return
    for report in Return.objects.filter(agreement=agreement, status__in=EDITABLE_STATUSES):
        actuals_calculate(actor=actor, report=report)


def _save(
    *, actor: User, agreement: Agreement, code: str, time_point: str, collected_on, result: Score
) -> InstrumentResponse:
    participant, _ = Participant.objects.get_or_create(agreement=agreement, code=code)
    return InstrumentResponse.objects.create(
        agreement=agreement,
        participant=participant,
        instrument=result.instrument,
        instrument_version=result.version,
        time_point=time_point,
        collected_on=collected_on,
        items=list(result.items),
        raw_score=result.raw_score,
        metric_score=result.metric_score,
        recorded_by=actor,
    )


@transaction.atomic
def response_record(
    *,
    actor: User,
    agreement: Agreement,
    code: str,
    instrument: str,
    time_point: str,
    collected_on: datetime.date,
    items: list,
) -> InstrumentResponse:
    """Side effects: the participant's code is registered if new; audit entry; instrument KPIs
    of the agreement's draft and queried returns recalculated."""
    check_provider(actor, agreement)
    code = code.strip().upper()
    problem = code_problem(code)
    if problem:
        raise ApplicationError(problem)
    if time_point not in TimePoint.values:
        raise ApplicationError("Choose baseline or follow-up.")
    _check_date(collected_on, agreement)
    result = score(instrument, items)
    definition = instrument_get(instrument)
    if InstrumentResponse.objects.filter(
        agreement=agreement,
        participant__code=code,
        instrument=definition.code,
        time_point=time_point,
    ).exists():
        raise ApplicationError(
            f"{code} already has a {TimePoint(time_point).label.lower()} {definition.short_name} response."
        )
    response = _save(
        actor=actor,
        agreement=agreement,
        code=code,
        time_point=time_point,
        collected_on=collected_on,
        result=result,
    )
    audit_record(
        actor=actor,
        action="response.record",
        obj=agreement,
        organisation=agreement.commissioner,
        after={"participant": code, "instrument": definition.code, "time_point": time_point},
    )
    _recalculate(actor=actor, agreement=agreement)
    return response


@dataclass
class ImportRow:
    line: int
    code: str = ""
    time_point: str = ""
    collected_on: datetime.date | None = None
    result: Score | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    instrument: str
    rows: list[ImportRow]
    problems: list[str] = field(default_factory=list)

    @property
    def good(self) -> list[ImportRow]:
        return [r for r in self.rows if r.ok]

    @property
    def bad(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.ok]


def import_columns(instrument: str) -> list[str]:
    definition = instrument_get(instrument)
    return ["participant", "time_point", "collected_on"] + [
        f"item_{n}" for n in range(1, definition.item_count + 1)
    ]


def responses_import_check(*, agreement: Agreement, instrument: str, csv_text: str) -> ImportReport:
    """Read a CSV and report every row: what it would import, or what is wrong with it.
    Saves nothing."""
    definition = instrument_get(instrument)
    columns = import_columns(instrument)
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in columns if c not in header]
    if missing:
        return ImportReport(
            definition.code,
            [],
            [
                f"The file's first row must name the columns {', '.join(columns)}. Missing: {', '.join(missing)}."
            ],
        )
    existing = set(
        InstrumentResponse.objects.filter(
            agreement=agreement, instrument=definition.code
        ).values_list("participant__code", "time_point")
    )
    seen: set[tuple[str, str]] = set()
    rows = []
    for line, raw in enumerate(reader, start=2):
        record = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if not any(record.values()):
            continue
        if len(rows) >= IMPORT_MAX_ROWS:
            return ImportReport(
                definition.code, [], [f"A file can have at most {IMPORT_MAX_ROWS} rows."]
            )
        row = ImportRow(line=line, code=record["participant"].upper())
        problem = code_problem(row.code)
        if problem:
            row.errors.append(problem)
        row.time_point = TIME_POINT_ALIASES.get(record["time_point"].lower(), "")
        if not row.time_point:
            row.errors.append("The time point must be baseline or follow_up.")
        try:
            row.collected_on = datetime.date.fromisoformat(record["collected_on"])
            _check_date(row.collected_on, agreement)
        except ValueError:
            row.errors.append("The date collected must be written like 2026-09-14.")
        except ApplicationError as exc:
            row.errors.append(exc.message)
        try:
            row.result = score(
                definition, [record[f"item_{n}"] for n in range(1, definition.item_count + 1)]
            )
        except InstrumentError as exc:
            row.errors.append(exc.message)
        key = (row.code, row.time_point)
        if row.time_point and key in existing:
            row.errors.append(
                f"{row.code} already has a {TimePoint(row.time_point).label.lower()} response."
            )
        elif row.time_point and key in seen:
            row.errors.append(
                f"{row.code} has more than one {TimePoint(row.time_point).label.lower()} row in this file."
            )
        seen.add(key)
        rows.append(row)
    if not rows:
        return ImportReport(
            definition.code, [], ["The file has no rows of answers under its header."]
        )
    return ImportReport(definition.code, rows)


@transaction.atomic
def responses_import(
    *, actor: User, agreement: Agreement, instrument: str, csv_text: str, only_good_rows: bool
) -> int:
    """Import the file. With errors in it, nothing is imported unless the person chose to import
    only the good rows. Side effects: participants registered; audit entry; instrument KPIs of
    the agreement's draft and queried returns recalculated."""
    check_provider(actor, agreement)
    report = responses_import_check(agreement=agreement, instrument=instrument, csv_text=csv_text)
    if report.problems:
        raise ApplicationError(" ".join(report.problems))
    if report.bad and not only_good_rows:
        raise ApplicationError(
            f"{len(report.bad)} row{'s have' if len(report.bad) != 1 else ' has'} errors, so nothing "
            "was imported. Correct the file, or choose to import only the rows without errors."
        )
    for row in report.good:
        _save(
            actor=actor,
            agreement=agreement,
            code=row.code,
            time_point=row.time_point,
            collected_on=row.collected_on,
            result=row.result,
        )
    audit_record(
        actor=actor,
        action="response.import",
        obj=agreement,
        organisation=agreement.commissioner,
        after={
            "instrument": report.instrument,
            "imported": len(report.good),
            "skipped": len(report.bad),
        },
    )
    _recalculate(actor=actor, agreement=agreement)
    return len(report.good)
