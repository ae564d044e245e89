"""Returns: started when their period opens, filled in by the provider, submitted, queried or
accepted by the commissioner, and resubmitted. Every move is checked against
monitoring.constants.RETURN_TRANSITIONS, audited, written into the return's comment thread and
emailed to the other side."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from commissioning.models import KpiUnit
from core.audit import audit_record
from core.emails import email_send
from core.errors import ApplicationError
from monitoring import selectors
from monitoring.constants import (
    EDITABLE_STATUSES,
    LEVEL_REQUIREMENTS,
    RETURN_TRANSITIONS,
    CommentKind,
    ReturnStatus,
)
from monitoring.models import (
    AgreementKpi,
    BudgetLine,
    CaseStudy,
    KpiActual,
    ReportingPeriod,
    Return,
    ReturnComment,
    SpendLine,
)
from monitoring.services.common import check_commissioner, check_provider, organisation_emails

_TEXT_FIELDS = ("narrative", "learning_commissioners", "learning_sector", "learning_delivery")


def _lock(report: Return) -> Return:
    return (
        Return.objects.select_for_update()
        .select_related("agreement__provider", "agreement__commissioner", "period")
        .get(pk=report.pk)
    )


def _check_editable(report: Return) -> None:
    if report.status not in EDITABLE_STATUSES:
        raise ApplicationError(
            f"This return is {report.get_status_display().lower()}, so it can no longer be changed."
        )


def _move(*, actor: User, report: Return, to: str, comment_kind: str, body: str = "") -> None:
    if to not in RETURN_TRANSITIONS[report.status]:
        raise ApplicationError(
            f"A return that is {report.get_status_display().lower()} cannot be "
            f"{ReturnStatus(to).label.lower()}."
        )
    before = report.status
    report.status = to
    report.save()
    organisation = (
        report.agreement.commissioner
        if comment_kind in (CommentKind.QUERY, CommentKind.ACCEPTED)
        else report.agreement.provider
    )
    ReturnComment.objects.create(
        report=report, kind=comment_kind, body=body, author=actor, organisation=organisation
    )
    audit_record(
        actor=actor,
        action=f"return.{to}",
        obj=report,
        organisation=report.agreement.commissioner,
        before={"status": before},
        after={"status": to, **({"comment": body} if body else {})},
    )


@transaction.atomic
def return_start(*, actor: User, period: ReportingPeriod) -> Return:
    """Open the return for a period that has started. Side effects: audit entry; the actuals of
    KPIs measured with an instrument calculated (actuals_calculate)."""
    agreement = period.agreement
    check_provider(actor, agreement)
    today = timezone.localdate()
    if period.starts_on > today:
        raise ApplicationError(
            f"The return for {period.label} opens on {period.starts_on:%-d %B %Y}, when the "
            "period starts."
        )
    if Return.objects.filter(period=period).exists():
        raise ApplicationError(f"The return for {period.label} has already been started.")
    report = Return.objects.create(agreement=agreement, period=period, created_by=actor)
    audit_record(
        actor=actor,
        action="return.start",
        obj=report,
        organisation=agreement.commissioner,
        after={"status": report.status, "period": period.number},
    )
    actuals_calculate(actor=actor, report=report)
    return report


def _two_places(mean: float) -> Decimal:
    """A mean of differences of two-decimal scores, rounded half up as a person would: floats
    put noise in the last places (1.665 arrives as 1.66499…), so round that away first."""
    return (
        Decimal(repr(mean)).quantize(Decimal("0.000001")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    )


def _calculated_note(definition, analysis, until) -> str:
    return (
        f"Calculated from {analysis.pairs} participant{'s' if analysis.pairs != 1 else ''} with "
        f"a baseline and a follow-up {definition.short_name} response by {until:%-d %B %Y}."
    )


@transaction.atomic
def actuals_calculate(*, actor: User | None, report: Return) -> list[KpiActual]:
    """Fill the actuals of the KPIs measured with a wellbeing instrument (the mean change in
    SWEMWBS, say) from the analysis of the responses collected by the end of the return's
    period. A return that can no longer change keeps the figures it was submitted with.

    Side effects: an audit entry for each actual that changes.
    """
    report = _lock(report)
    check_provider(actor, report.agreement)
    if report.status not in EDITABLE_STATUSES:
        return []
    period = report.period
    calculated = []
    for item in report.agreement.kpis.select_related("kpi"):
        definition = item.calculated_from
        if definition is None:
            continue
        analysis = selectors.instrument_analysis(
            agreement=report.agreement, instrument=definition, until=period.ends_on
        )
        previous = KpiActual.objects.filter(report=report, agreement_kpi=item).first()
        if analysis is None or not analysis.pairs:
            if previous is not None:
                previous.delete()
                audit_record(
                    actor=actor,
                    action="return.actual_calculated",
                    obj=report,
                    organisation=report.agreement.commissioner,
                    before={"kpi": item.kpi.slug, "value": str(previous.value)},
                    after={"kpi": item.kpi.slug, "value": None},
                )
            continue
        value = _two_places(analysis.mean_change)
        note = _calculated_note(definition, analysis, period.ends_on)
        if previous is not None and (previous.value, previous.note) == (value, note):
            calculated.append(previous)
            continue
        actual, _ = KpiActual.objects.update_or_create(
            report=report, agreement_kpi=item, defaults={"value": value, "note": note}
        )
        audit_record(
            actor=actor,
            action="return.actual_calculated",
            obj=report,
            organisation=report.agreement.commissioner,
            before={"kpi": item.kpi.slug, "value": str(previous.value)} if previous else None,
            after={"kpi": item.kpi.slug, "value": str(value), "pairs": analysis.pairs},
        )
        calculated.append(actual)
    return calculated


@transaction.atomic
def return_update(
    *, actor: User, report: Return, spend_to_date: Decimal | None = None, **texts: str
) -> Return:
    """Change the narrative, the learning and the total spend to date. Side effects: audit
    entry."""
    unknown = set(texts) - set(_TEXT_FIELDS)
    if unknown:
        raise ApplicationError(f"These cannot be changed: {', '.join(sorted(unknown))}.")
    report = _lock(report)
    check_provider(actor, report.agreement)
    _check_editable(report)
    before = {name: getattr(report, name) for name in _TEXT_FIELDS}
    before["spend_to_date"] = (
        str(report.spend_to_date) if report.spend_to_date is not None else None
    )
    for name, value in texts.items():
        setattr(report, name, value.strip())
    if spend_to_date is not None:
        if spend_to_date < 0:
            raise ApplicationError("Spend to date cannot be negative.")
        report.spend_to_date = spend_to_date
    report.save()
    after = {name: getattr(report, name) for name in _TEXT_FIELDS}
    after["spend_to_date"] = str(report.spend_to_date) if report.spend_to_date is not None else None
    audit_record(
        actor=actor,
        action="return.update",
        obj=report,
        organisation=report.agreement.commissioner,
        before=before,
        after=after,
    )
    return report


def actual_problem(*, agreement_kpi: AgreementKpi, value: Decimal, unit: str | None) -> str | None:
    """Why this actual cannot be recorded for this KPI, or None."""
    kpi = agreement_kpi.kpi
    if unit is not None and unit != kpi.unit:
        expected = KpiUnit(kpi.unit).label.lower()
        given = KpiUnit(unit).label.lower() if unit in KpiUnit.values else unit
        return f"“{kpi.name}” is measured as a {expected}, not a {given}."
    if kpi.unit == KpiUnit.COUNT and (value < 0 or value != value.to_integral_value()):
        return f"“{kpi.name}” is a count: enter a whole number of 0 or more."
    if kpi.unit == KpiUnit.PERCENTAGE and not Decimal(0) <= value <= Decimal(100):
        return f"“{kpi.name}” is a percentage: enter a number from 0 to 100."
    if kpi.unit == KpiUnit.CURRENCY and value < 0:
        return f"“{kpi.name}” is an amount in pounds: it cannot be negative."
    return None


@transaction.atomic
def actual_record(
    *,
    actor: User,
    report: Return,
    agreement_kpi: AgreementKpi,
    value: Decimal,
    unit: str | None = None,
    note: str = "",
) -> KpiActual:
    """Record (or correct) a KPI's actual for the period. `unit`, when given, must be the KPI's
    own. Side effects: audit entry."""
    report = _lock(report)
    check_provider(actor, report.agreement)
    _check_editable(report)
    if agreement_kpi.agreement_id != report.agreement_id:
        raise ApplicationError("That KPI is not one of this agreement's.")
    definition = agreement_kpi.calculated_from
    if definition is not None:
        raise ApplicationError(
            f"“{agreement_kpi.kpi.name}” is calculated from the {definition.short_name} responses "
            "you record, so it cannot be entered by hand."
        )
    problem = actual_problem(agreement_kpi=agreement_kpi, value=value, unit=unit)
    if problem:
        raise ApplicationError(problem)
    previous = KpiActual.objects.filter(report=report, agreement_kpi=agreement_kpi).first()
    actual, _ = KpiActual.objects.update_or_create(
        report=report, agreement_kpi=agreement_kpi, defaults={"value": value, "note": note.strip()}
    )
    audit_record(
        actor=actor,
        action="return.actual",
        obj=report,
        organisation=report.agreement.commissioner,
        before={"kpi": agreement_kpi.kpi.slug, "value": str(previous.value)} if previous else None,
        after={"kpi": agreement_kpi.kpi.slug, "value": str(value)},
    )
    return actual


@transaction.atomic
def spend_record(
    *, actor: User, report: Return, budget_line: BudgetLine, amount: Decimal
) -> SpendLine:
    """Spend to date against one budget line. Side effects: audit entry."""
    report = _lock(report)
    check_provider(actor, report.agreement)
    _check_editable(report)
    if budget_line.agreement_id != report.agreement_id:
        raise ApplicationError("That budget line is not one of this agreement's.")
    if amount < 0:
        raise ApplicationError(f"Spend on “{budget_line.description}” cannot be negative.")
    line, _ = SpendLine.objects.update_or_create(
        report=report, budget_line=budget_line, defaults={"amount": amount}
    )
    audit_record(
        actor=actor,
        action="return.spend",
        obj=report,
        organisation=report.agreement.commissioner,
        after={"budget_line": budget_line.description, "amount": str(amount)},
    )
    return line


@transaction.atomic
def case_study_add(
    *, actor: User, report: Return, title: str, body: str, quote: str = "", consented: bool = False
) -> CaseStudy:
    """Side effects: audit entry."""
    report = _lock(report)
    check_provider(actor, report.agreement)
    _check_editable(report)
    if not title.strip() or not body.strip():
        raise ApplicationError("A case study needs a title and what happened.")
    if quote.strip() and not consented:
        raise ApplicationError(
            "A participant's own words can only be included if they agreed to them being shared."
        )
    case_study = CaseStudy.objects.create(
        report=report,
        title=title.strip(),
        body=body.strip(),
        quote=quote.strip(),
        consented=consented,
    )
    audit_record(
        actor=actor,
        action="return.case_study",
        obj=report,
        organisation=report.agreement.commissioner,
        after={"case_study": case_study.title},
    )
    return case_study


def submission_problems(report: Return) -> list[str]:
    """Everything that stops the return being submitted, for its monitoring level."""
    agreement = report.agreement
    needs = LEVEL_REQUIREMENTS[agreement.monitoring_level]
    problems = []
    recorded = {a.agreement_kpi_id for a in report.actuals.all()}
    # KPIs calculated from an instrument are never asked for: early in a project nobody has a
    # follow-up yet, and that must not stop the return.
    missing = [
        k.kpi.name
        for k in agreement.kpis.all()
        if k.pk not in recorded and k.calculated_from is None
    ]
    if missing:
        problems.append("Enter this period's actual for: " + "; ".join(missing) + ".")
    if not report.narrative.strip():
        problems.append("Write the progress against the outcomes.")
    if needs["learning"] and not any(
        getattr(report, name).strip()
        for name in ("learning_commissioners", "learning_sector", "learning_delivery")
    ):
        problems.append("Write at least one piece of learning.")
    if needs["spend_lines"]:
        reported = {s.budget_line_id for s in report.spend_lines.all()}
        lines = [b.description for b in agreement.budget_lines.all() if b.pk not in reported]
        if lines:
            problems.append("Enter spend to date for: " + "; ".join(lines) + ".")
    elif report.spend_to_date is None and not report.spend_lines.all():
        problems.append("Enter the total spend to date.")
    if needs["case_study"] and not report.case_studies.all():
        problems.append("Add at least one case study.")
    return problems


@transaction.atomic
def return_submit(*, actor: User, report: Return, comment: str = "") -> Return:
    """Submit a draft, or resubmit a queried return with a reply.

    Side effects: instrument KPIs recalculated first; comment in the thread; audit entry; the
    commissioner is emailed.
    """
    report = _lock(report)
    check_provider(actor, report.agreement)
    actuals_calculate(actor=actor, report=report)
    problems = submission_problems(report)
    if problems:
        raise ApplicationError(
            "This return cannot be submitted yet: " + " ".join(problems),
            extra={"problems": problems},
        )
    resubmission = report.status == ReturnStatus.QUERIED
    if resubmission and not comment.strip():
        raise ApplicationError("Say what you changed in answer to the query.")
    now = timezone.now()
    report.submitted_at = now
    report.first_submitted_at = report.first_submitted_at or now
    report.submission_count += 1
    _move(
        actor=actor,
        report=report,
        to=ReturnStatus.SUBMITTED,
        comment_kind=CommentKind.RESUBMITTED if resubmission else CommentKind.SUBMITTED,
        body=comment.strip(),
    )
    email_send(
        to=organisation_emails(report.agreement.commissioner),
        template="monitoring/email/return_submitted",
        context={"report": report, "resubmission": resubmission, "comment": comment.strip()},
    )
    return report


@transaction.atomic
def return_query(*, actor: User, report: Return, comment: str) -> Return:
    """Send a submitted return back with a question. Side effects: comment in the thread; audit
    entry; the provider is emailed."""
    report = _lock(report)
    check_commissioner(actor, report.agreement)
    if not comment.strip():
        raise ApplicationError("Say what needs to change; the provider will see your comment.")
    _move(
        actor=actor,
        report=report,
        to=ReturnStatus.QUERIED,
        comment_kind=CommentKind.QUERY,
        body=comment.strip(),
    )
    email_send(
        to=organisation_emails(report.agreement.provider),
        template="monitoring/email/return_queried",
        context={"report": report, "comment": comment.strip()},
    )
    return report


@transaction.atomic
def return_accept(*, actor: User, report: Return, comment: str = "") -> Return:
    """Side effects: comment in the thread; audit entry; the provider is emailed."""
    report = _lock(report)
    check_commissioner(actor, report.agreement)
    report.accepted_at = timezone.now()
    _move(
        actor=actor,
        report=report,
        to=ReturnStatus.ACCEPTED,
        comment_kind=CommentKind.ACCEPTED,
        body=comment.strip(),
    )
    email_send(
        to=organisation_emails(report.agreement.provider),
        template="monitoring/email/return_accepted",
        context={"report": report, "comment": comment.strip()},
    )
    return report
