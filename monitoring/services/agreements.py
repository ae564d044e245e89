"""Agreements: made from an award or entered directly, their KPIs and targets, variations,
reporting periods and instalments."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.constants import OrganisationKind
from accounts.models import Organisation, User
from accounts.rules import is_commissioner
from commissioning.models import Kpi, OutcomeArea, Programme
from core.audit import audit_record, snapshot
from core.emails import email_send
from core.errors import ApplicationError
from monitoring.constants import (
    LIGHT_MONITORING_MAX,
    AgreementKind,
    CostType,
    Frequency,
    MonitoringLevel,
)
from monitoring.models import (
    Agreement,
    AgreementKpi,
    AgreementOutcome,
    BudgetLine,
    Instalment,
    KpiTarget,
    ReportingPeriod,
    Variation,
)
from monitoring.ratings import targets_problem
from monitoring.schedule import reporting_periods
from monitoring.services.common import check_commissioner, organisation_emails

_FIELDS = (
    "title",
    "kind",
    "value",
    "starts_on",
    "ends_on",
    "monitoring_level",
    "frequency",
    "provider",
    "programme",
)
ENHANCED_FROM = Decimal("1000000")


@dataclass(frozen=True)
class BudgetLineInput:
    description: str
    cost_type: str
    amount: Decimal


def default_monitoring_level(value: Decimal) -> str:
    """Proportionate by default: small grants light, multi-million contracts enhanced."""
    if value <= LIGHT_MONITORING_MAX:
        return MonitoringLevel.LIGHT
    if value >= ENHANCED_FROM:
        return MonitoringLevel.ENHANCED
    return MonitoringLevel.STANDARD


def _check_dates(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on:
        raise ApplicationError("The end date must be on or after the start date.")
    if (ends_on - starts_on).days > 366 * 10:
        raise ApplicationError("An agreement can last at most ten years.")


def _check_value(value: Decimal) -> None:
    if value <= 0:
        raise ApplicationError("Enter a value of more than £0.")


def _schedule_periods(agreement: Agreement) -> None:
    for planned in reporting_periods(
        starts_on=agreement.starts_on, ends_on=agreement.ends_on, frequency=agreement.frequency
    ):
        ReportingPeriod.objects.create(
            agreement=agreement,
            number=planned.number,
            label=planned.label,
            starts_on=planned.starts_on,
            ends_on=planned.ends_on,
            due_on=planned.due_on,
        )


def _default_instalments(agreement: Agreement) -> list[tuple[Decimal, datetime.date]]:
    """Small grants: half at the start, half at the start of the last period. Larger ones: an
    equal instalment at the start of each period (the last takes the pennies left over)."""
    periods = list(agreement.periods.order_by("number"))
    if agreement.monitoring_level == MonitoringLevel.LIGHT or len(periods) < 2:
        dates = (
            [agreement.starts_on, periods[-1].starts_on]
            if len(periods) > 1
            else [agreement.starts_on]
        )
    else:
        dates = [p.starts_on for p in periods]
    share = (agreement.value / len(dates)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    amounts = [share] * (len(dates) - 1) + [agreement.value - share * (len(dates) - 1)]
    return list(zip(amounts, dates, strict=True))


def _check_instalments(
    agreement: Agreement, instalments: list[tuple[Decimal, datetime.date]]
) -> None:
    total = sum((amount for amount, _ in instalments), Decimal(0))
    if total != agreement.value:
        raise ApplicationError(
            f"The instalments add up to £{total:,.2f}, but the agreement is worth "
            f"£{agreement.value:,.2f}."
        )
    if any(amount < 0 for amount, _ in instalments):
        raise ApplicationError("An instalment cannot be negative.")


def _after(agreement: Agreement) -> dict[str, Any]:
    return snapshot(agreement, _FIELDS)


@transaction.atomic
def agreement_create(
    *,
    actor: User | None,
    programme: Programme,
    provider: Organisation,
    title: str,
    kind: str,
    value: Decimal,
    starts_on: datetime.date,
    ends_on: datetime.date,
    monitoring_level: str | None = None,
    frequency: str = Frequency.QUARTERLY,
    summary: str = "",
    opportunity: Any = None,
    bid: Any = None,
    outcomes: Iterable[tuple[OutcomeArea | None, str]] = (),
    budget_lines: Iterable[BudgetLineInput] = (),
    instalments: Iterable[tuple[Decimal, datetime.date]] | None = None,
) -> Agreement:
    """Enter an agreement (for work awarded here or commissioned elsewhere).

    Side effects: reporting periods and instalments generated; audit entry; the provider's
    admins are emailed.
    """
    if actor is not None and not is_commissioner(actor, programme.organisation):
        raise ApplicationError(
            f"Only commissioners at {programme.organisation.name} can make agreements in this "
            "programme."
        )
    if provider.kind not in (OrganisationKind.PROVIDER, OrganisationKind.INFRASTRUCTURE):
        raise ApplicationError("An agreement is with a provider or an infrastructure organisation.")
    if not title.strip():
        raise ApplicationError("Enter a title for the agreement.")
    _check_value(value)
    _check_dates(starts_on, ends_on)
    level = monitoring_level or default_monitoring_level(value)
    agreement = Agreement.objects.create(
        programme=programme,
        commissioner=programme.organisation,
        provider=provider,
        opportunity=opportunity,
        bid=bid,
        reference=f"tmp-{uuid.uuid4().hex[:20]}",
        title=title.strip(),
        summary=summary,
        kind=kind,
        value=value,
        starts_on=starts_on,
        ends_on=ends_on,
        monitoring_level=level,
        frequency=frequency,
        created_by=actor,
    )
    agreement.reference = f"AGR-{starts_on.year}-{agreement.pk:04d}"
    agreement.save(update_fields=["reference"])
    for position, (area, statement) in enumerate(outcomes):
        if statement.strip():
            AgreementOutcome.objects.create(
                agreement=agreement,
                outcome_area=area,
                statement=statement.strip(),
                position=position,
            )
    for position, line in enumerate(budget_lines):
        if line.cost_type not in CostType.values:
            raise ApplicationError(f"“{line.description}” must be a fixed or a variable cost.")
        if line.amount < 0:
            raise ApplicationError(f"The budget for “{line.description}” cannot be negative.")
        BudgetLine.objects.create(
            agreement=agreement,
            description=line.description,
            cost_type=line.cost_type,
            amount=line.amount,
            position=position,
        )
    _schedule_periods(agreement)
    planned = list(instalments) if instalments is not None else _default_instalments(agreement)
    _check_instalments(agreement, planned)
    for number, (amount, due_on) in enumerate(planned, start=1):
        Instalment.objects.create(agreement=agreement, number=number, amount=amount, due_on=due_on)
    audit_record(
        actor=actor,
        action="agreement.create",
        obj=agreement,
        organisation=agreement.commissioner,
        after=_after(agreement),
    )
    email_send(
        to=organisation_emails(provider),
        template="monitoring/email/agreement_created",
        context={"agreement": agreement},
    )
    return agreement


@transaction.atomic
def agreement_create_from_award(
    *,
    actor: User | None,
    bid: Any,
    amount: Decimal,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Agreement:
    """The agreement for a confirmed award: between the opportunity's programme organisation and
    the bidding organisation, serving the opportunity's outcomes, with its KPIs (targets to be
    agreed) and the bid's budget lines. Light monitoring by default up to £25,000.

    Side effects: as agreement_create.
    """
    from tenders.routes import rule_for  # noqa: PLC0415 - tenders sits beside us, read only

    if Agreement.objects.filter(bid=bid).exists():
        raise ApplicationError("An agreement has already been made for this bid.")
    opportunity = bid.opportunity
    programme = opportunity.programme
    starts_on = (
        starts_on or opportunity.contract_start or opportunity.service_start or timezone.localdate()
    )
    if ends_on is None:
        ends_on = opportunity.contract_end
        if ends_on is None or ends_on < starts_on:
            ends_on = starts_on.replace(year=starts_on.year + 1) - datetime.timedelta(days=1)
    agreement = agreement_create(
        actor=actor,
        programme=programme,
        provider=bid.organisation,
        title=bid.title,
        summary=opportunity.title,
        kind=AgreementKind.GRANT
        if rule_for(opportunity.route).is_grant
        else AgreementKind.CONTRACT,
        value=Decimal(amount),
        starts_on=starts_on,
        ends_on=ends_on,
        opportunity=opportunity,
        bid=bid,
        outcomes=[(o.outcome_area, o.statement) for o in opportunity.outcomes_sought.all()],
        budget_lines=[
            BudgetLineInput(line.description, line.cost_type, line.amount)
            for line in bid.budget_lines.all()
        ],
    )
    for position, item in enumerate(opportunity.kpis.select_related("kpi")):
        AgreementKpi.objects.create(agreement=agreement, kpi=item.kpi, position=position)
    return agreement


def _targets(
    kpi: Kpi, minimum: Decimal | None, expected: Decimal | None, stretch: Decimal | None
) -> None:
    if minimum is None and expected is None and stretch is None:
        return
    problem = targets_problem(
        minimum=minimum,
        expected=expected,
        stretch=stretch,
        lower_is_better=kpi.direction == "lower",
    )
    if problem:
        raise ApplicationError(problem)


@transaction.atomic
def agreement_kpi_add(
    *,
    actor: User,
    agreement: Agreement,
    kpi: Kpi,
    baseline: Decimal | None = None,
    minimum: Decimal | None = None,
    expected: Decimal | None = None,
    stretch: Decimal | None = None,
) -> AgreementKpi:
    """Side effects: audit entry."""
    check_commissioner(actor, agreement)
    if kpi.organisation_id not in (None, agreement.commissioner_id):
        raise ApplicationError("That KPI belongs to another organisation's library.")
    if agreement.kpis.filter(kpi=kpi).exists():
        raise ApplicationError(f"“{kpi.name}” is already one of this agreement's KPIs.")
    _targets(kpi, minimum, expected, stretch)
    item = AgreementKpi.objects.create(
        agreement=agreement,
        kpi=kpi,
        baseline=baseline,
        minimum=minimum,
        expected=expected,
        stretch=stretch,
        position=agreement.kpis.count(),
    )
    audit_record(
        actor=actor,
        action="agreement.kpi_add",
        obj=agreement,
        organisation=agreement.commissioner,
        after={"kpi": kpi.slug, **snapshot(item, ("baseline", "minimum", "expected", "stretch"))},
    )
    return item


@transaction.atomic
def kpi_target_set(
    *,
    actor: User,
    agreement_kpi: AgreementKpi,
    period: ReportingPeriod,
    minimum: Decimal,
    expected: Decimal,
    stretch: Decimal,
) -> KpiTarget:
    """Targets for one period. Side effects: audit entry."""
    agreement = agreement_kpi.agreement
    check_commissioner(actor, agreement)
    if period.agreement_id != agreement.pk:
        raise ApplicationError("That period belongs to another agreement.")
    _targets(agreement_kpi.kpi, minimum, expected, stretch)
    target, _ = KpiTarget.objects.update_or_create(
        agreement_kpi=agreement_kpi,
        period=period,
        defaults={"minimum": minimum, "expected": expected, "stretch": stretch},
    )
    audit_record(
        actor=actor,
        action="agreement.kpi_target",
        obj=agreement,
        organisation=agreement.commissioner,
        after={
            "kpi": agreement_kpi.kpi.slug,
            "period": period.number,
            **snapshot(target, ("minimum", "expected", "stretch")),
        },
    )
    return target


@transaction.atomic
def kpi_target_remove(*, actor: User, agreement_kpi: AgreementKpi, period: ReportingPeriod) -> None:
    """Drop a period's own targets, so the whole-agreement targets rate it again. Side effects:
    audit entry."""
    agreement = agreement_kpi.agreement
    check_commissioner(actor, agreement)
    target = KpiTarget.objects.filter(agreement_kpi=agreement_kpi, period=period).first()
    if target is None:
        return
    before = snapshot(target, ("minimum", "expected", "stretch"))
    target.delete()
    audit_record(
        actor=actor,
        action="agreement.kpi_target_remove",
        obj=agreement,
        organisation=agreement.commissioner,
        before={"kpi": agreement_kpi.kpi.slug, "period": period.number, **before},
    )


@transaction.atomic
def kpi_targets_set(
    *,
    actor: User,
    agreement_kpi: AgreementKpi,
    targets: dict[int, tuple[Decimal, Decimal, Decimal] | None],
) -> int:
    """Set (or, with None, drop) the targets of several periods at once, keyed by period id:
    all of them or, if any is refused, none. Returns how many periods changed.

    Side effects: an audit entry per period changed.
    """
    agreement = agreement_kpi.agreement
    check_commissioner(actor, agreement)
    periods = {p.pk: p for p in agreement.periods.all()}
    existing = {t.period_id: t for t in agreement_kpi.targets.all()}
    changed = 0
    for period_id, values in targets.items():
        period = periods.get(period_id)
        if period is None:
            raise ApplicationError("That period belongs to another agreement.")
        current = existing.get(period_id)
        if values is None:
            if current is not None:
                kpi_target_remove(actor=actor, agreement_kpi=agreement_kpi, period=period)
                changed += 1
            continue
        if current is not None and (current.minimum, current.expected, current.stretch) == values:
            continue
        try:
            kpi_target_set(
                actor=actor,
                agreement_kpi=agreement_kpi,
                period=period,
                minimum=values[0],
                expected=values[1],
                stretch=values[2],
            )
        except ApplicationError as exc:
            raise ApplicationError(f"{period.label}: {exc.message}") from exc
        changed += 1
    return changed


def _reschedule(agreement: Agreement) -> None:
    """Bring the periods in line with new dates. Periods that already have a return keep them;
    a period with a return can neither move nor go."""
    planned = {
        p.number: p
        for p in reporting_periods(
            starts_on=agreement.starts_on, ends_on=agreement.ends_on, frequency=agreement.frequency
        )
    }
    existing = {p.number: p for p in agreement.periods.select_related("report")}
    for number, period in existing.items():
        has_return = hasattr(period, "report")
        plan = planned.get(number)
        same = plan is not None and (plan.starts_on, plan.ends_on) == (
            period.starts_on,
            period.ends_on,
        )
        if has_return and not same:
            raise ApplicationError(
                f"{period.label} already has a return, so the dates cannot change it. Choose dates "
                "that keep the periods that have returns."
            )
        if plan is None:
            period.delete()
        elif not same:
            period.label, period.starts_on, period.ends_on, period.due_on = (
                plan.label,
                plan.starts_on,
                plan.ends_on,
                plan.due_on,
            )
            period.save()
    for number, plan in planned.items():
        if number not in existing:
            ReportingPeriod.objects.create(
                agreement=agreement,
                number=number,
                label=plan.label,
                starts_on=plan.starts_on,
                ends_on=plan.ends_on,
                due_on=plan.due_on,
            )


@transaction.atomic
def agreement_vary(
    *,
    actor: User,
    agreement: Agreement,
    reason: str,
    value: Decimal | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    targets: dict[int, tuple[Decimal, Decimal, Decimal]] | None = None,
) -> Variation:
    """Change the value, the period or KPI targets (keyed by AgreementKpi id). A reason is
    required and the before and after are kept.

    Side effects: reporting periods rescheduled; a Variation and an audit entry; the provider
    is emailed.
    """
    check_commissioner(actor, agreement)
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Give the reason for the variation; the provider will see it.")
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if value is not None and value != agreement.value:
        _check_value(value)
        paid = sum((i.amount for i in agreement.instalments.exclude(paid_on=None)), Decimal(0))
        if value < paid:
            raise ApplicationError(
                f"£{paid:,.2f} has already been paid, so the value cannot be less than that."
            )
        before["value"], after["value"] = str(agreement.value), str(value)
        unpaid = list(agreement.instalments.filter(paid_on=None).order_by("number"))
        if unpaid:
            unpaid[-1].amount += value - agreement.value
            if unpaid[-1].amount < 0:
                raise ApplicationError(
                    "The reduction is more than the last unpaid instalment; change the instalments first."
                )
            unpaid[-1].save(update_fields=["amount"])
        else:
            Instalment.objects.create(
                agreement=agreement,
                number=agreement.instalments.count() + 1,
                amount=value - paid,
                due_on=timezone.localdate(),
            )
        agreement.value = value
    new_start = starts_on or agreement.starts_on
    new_end = ends_on or agreement.ends_on
    if (new_start, new_end) != (agreement.starts_on, agreement.ends_on):
        _check_dates(new_start, new_end)
        before["period"] = [agreement.starts_on.isoformat(), agreement.ends_on.isoformat()]
        after["period"] = [new_start.isoformat(), new_end.isoformat()]
        agreement.starts_on, agreement.ends_on = new_start, new_end
    for item_id, (minimum, expected, stretch) in (targets or {}).items():
        item = agreement.kpis.select_related("kpi").filter(pk=item_id).first()
        if item is None:
            raise ApplicationError("That KPI is not one of this agreement's.")
        if (item.minimum, item.expected, item.stretch) == (minimum, expected, stretch):
            continue
        _targets(item.kpi, minimum, expected, stretch)
        key = f"targets:{item.kpi.slug}"
        before[key] = [
            str(v) if v is not None else None for v in (item.minimum, item.expected, item.stretch)
        ]
        after[key] = [str(v) for v in (minimum, expected, stretch)]
        item.minimum, item.expected, item.stretch = minimum, expected, stretch
        item.save(update_fields=["minimum", "expected", "stretch"])
    if not after:
        raise ApplicationError("Nothing would change: enter a new value, new dates or new targets.")
    agreement.save()
    if "period" in after:
        _reschedule(agreement)
    variation = Variation.objects.create(
        agreement=agreement, reason=reason, before=before, after=after, made_by=actor
    )
    audit_record(
        actor=actor,
        action="agreement.vary",
        obj=agreement,
        organisation=agreement.commissioner,
        before=before,
        after={**after, "reason": reason},
    )
    email_send(
        to=organisation_emails(agreement.provider),
        template="monitoring/email/agreement_varied",
        context={"agreement": agreement, "variation": variation},
    )
    return variation


@transaction.atomic
def instalment_mark_paid(
    *, actor: User, instalment: Instalment, paid_on: datetime.date | None = None
) -> Instalment:
    """Side effects: audit entry."""
    agreement = instalment.agreement
    check_commissioner(actor, agreement)
    instalment = Instalment.objects.select_for_update().get(pk=instalment.pk)
    if instalment.paid_on is not None:
        raise ApplicationError(
            f"Instalment {instalment.number} was already paid on {instalment.paid_on:%-d %B %Y}."
        )
    paid_on = paid_on or timezone.localdate()
    if paid_on > timezone.localdate():
        raise ApplicationError("The date paid cannot be in the future.")
    instalment.paid_on = paid_on
    instalment.save(update_fields=["paid_on"])
    audit_record(
        actor=actor,
        action="agreement.instalment_paid",
        obj=agreement,
        organisation=agreement.commissioner,
        before={"instalment": instalment.number, "paid_on": None},
        after={"instalment": instalment.number, "paid_on": paid_on.isoformat()},
    )
    return instalment
