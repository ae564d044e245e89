"""Drafting an opportunity: details, lots, outcomes, specification sections, KPIs, criteria.

Drafts change freely. Once published, details change only through
`tenders.services.lifecycle.opportunity_amend`, which keeps the published version and tells
everyone registered.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from commissioning.models import Kpi, OutcomeArea, Programme
from core.audit import audit_record, snapshot
from core.errors import ApplicationError
from tenders.constants import SectionKey, Status
from tenders.models import (
    Clause,
    Criterion,
    Gate,
    Lot,
    Opportunity,
    OpportunityKpi,
    OutcomeSought,
    Section,
)
from tenders.sanitise import clean_html

DETAIL_FIELDS = (
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
    "engagement_date",
    "engagement_planned",
    "publish_on",
    "clarification_deadline",
    "closes_at",
    "evaluation_date",
    "award_date",
    "service_start",
)
DETAIL_RELATIONS = ("art_forms", "areas")


def _check_draft(opportunity: Opportunity) -> None:
    if opportunity.status != Status.DRAFT:
        raise ApplicationError(
            "This opportunity has been published. Make changes as an amendment, with a reason."
        )


def _check_money(*, total_budget: Decimal | None, min_bid: Any, max_bid: Any) -> None:
    if total_budget is not None and total_budget < 0:
        raise ApplicationError("The budget cannot be negative.")
    if max_bid is not None and total_budget is not None and max_bid > total_budget:
        raise ApplicationError("The maximum per bid cannot be more than the total budget.")
    if min_bid is not None and max_bid is not None and min_bid > max_bid:
        raise ApplicationError("The minimum per bid cannot be more than the maximum.")


def _next_reference(programme: Programme) -> str:
    year = timezone.localdate().year
    count = Opportunity.objects.filter(reference__startswith=f"CC-{year}-").count()
    return f"CC-{year}-{count + 1:04d}"


@transaction.atomic
def opportunity_create(
    *,
    actor: User,
    programme: Programme,
    title: str,
    route: str,
    total_budget: Decimal,
    **fields: Any,
) -> Opportunity:
    """Side effects: every specification section is created empty; audit entry."""
    unknown = set(fields) - {*DETAIL_FIELDS, *DETAIL_RELATIONS}
    if unknown:
        raise ApplicationError(f"Unknown details: {', '.join(sorted(unknown))}")
    _check_money(
        total_budget=total_budget, min_bid=fields.get("min_bid"), max_bid=fields.get("max_bid")
    )
    relations = {name: fields.pop(name) for name in DETAIL_RELATIONS if name in fields}
    # Lock the programme row so two drafts created at once get different references.
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    opportunity = Opportunity(
        programme=programme,
        organisation=programme.organisation,
        reference=_next_reference(programme),
        title=title,
        route=route,
        total_budget=total_budget,
        created_by=actor,
        **fields,
    )
    opportunity.full_clean()
    opportunity.save()
    for name, values in relations.items():
        getattr(opportunity, name).set(values)
    Section.objects.bulk_create(
        Section(opportunity=opportunity, key=key) for key in SectionKey.values
    )
    audit_record(
        actor=actor,
        action="opportunity.create",
        obj=opportunity,
        organisation=opportunity.organisation,
        after={"title": title, "route": route, "total_budget": str(total_budget)},
    )
    return opportunity


@transaction.atomic
def opportunity_update(*, actor: User, opportunity: Opportunity, **changes: Any) -> Opportunity:
    """Change a draft's details. Side effects: audit entry."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    _check_draft(opportunity)
    return apply_details(
        actor=actor, opportunity=opportunity, changes=changes, action="opportunity.update"
    )


def apply_details(
    *, actor: User, opportunity: Opportunity, changes: dict[str, Any], action: str
) -> Opportunity:
    unknown = set(changes) - {*DETAIL_FIELDS, *DETAIL_RELATIONS}
    if unknown:
        raise ApplicationError(f"These details cannot be changed: {', '.join(sorted(unknown))}")
    scalar = [name for name in DETAIL_FIELDS if name in changes]
    before = snapshot(opportunity, scalar)
    for name in scalar:
        setattr(opportunity, name, changes[name])
    _check_money(
        total_budget=opportunity.total_budget,
        min_bid=opportunity.min_bid,
        max_bid=opportunity.max_bid,
    )
    opportunity.save()
    for name in DETAIL_RELATIONS:
        if name in changes:
            getattr(opportunity, name).set(changes[name])
    audit_record(
        actor=actor,
        action=action,
        obj=opportunity,
        organisation=opportunity.organisation,
        before=before,
        after=snapshot(opportunity, scalar),
    )
    return opportunity


@transaction.atomic
def section_save(
    *, actor: User, opportunity: Opportunity, key: str, body: str, revision: int
) -> Section:
    """Save a section if nobody else has saved it since `revision` was read.

    A stale revision is refused (the caller shows both versions), so a later save never
    silently overwrites an earlier one. Side effects: audit entry.
    """
    _check_draft(opportunity)
    try:
        section = Section.objects.select_for_update().get(opportunity=opportunity, key=key)
    except Section.DoesNotExist as exc:
        raise ApplicationError("That section does not exist.") from exc
    if section.revision != revision:
        raise SectionConflictError(section)
    cleaned = clean_html(body)
    if cleaned == section.body:
        return section
    before = {"body": section.body}
    section.body = cleaned
    section.revision += 1
    section.updated_by = actor
    section.save()
    audit_record(
        actor=actor,
        action="section.update",
        obj=section,
        organisation=opportunity.organisation,
        before=before,
        after={"body": cleaned},
    )
    return section


class SectionConflictError(ApplicationError):
    def __init__(self, section: Section) -> None:
        who = section.updated_by or "someone else"
        super().__init__(
            f"{who} saved this section at {timezone.localtime(section.updated_at):%H:%M} while you "
            "were editing. Your text has not been saved: compare it with theirs below, then save "
            "again."
        )
        self.section = section


@transaction.atomic
def clause_insert(*, actor: User, opportunity: Opportunity, clause: Clause) -> Section:
    """Append a library clause to its section (the commissioner then edits it)."""
    section = Section.objects.get(opportunity=opportunity, key=clause.section)
    return section_save(
        actor=actor,
        opportunity=opportunity,
        key=clause.section,
        body=(section.body + "\n" + clause.body).strip(),
        revision=section.revision,
    )


@transaction.atomic
def lot_save(
    *,
    actor: User,
    opportunity: Opportunity,
    title: str,
    description: str = "",
    budget: Decimal | None = None,
    outcome_areas: Iterable[OutcomeArea] = (),
    lot: Lot | None = None,
) -> Lot:
    _check_draft(opportunity)
    if budget is not None and budget > opportunity.total_budget:
        raise ApplicationError("A lot's budget cannot be more than the total budget.")
    created = lot is None
    if lot is None:
        lot = Lot(opportunity=opportunity, number=opportunity.lots.count() + 1)
    lot.title, lot.description, lot.budget = title, description, budget
    lot.save()
    lot.outcome_areas.set(outcome_areas)
    audit_record(
        actor=actor,
        action="lot.create" if created else "lot.update",
        obj=lot,
        organisation=opportunity.organisation,
        after={"title": title, "budget": str(budget) if budget is not None else None},
    )
    return lot


@transaction.atomic
def lot_delete(*, actor: User, lot: Lot) -> None:
    opportunity = lot.opportunity
    _check_draft(opportunity)
    audit_record(
        actor=actor,
        action="lot.delete",
        obj=lot,
        organisation=opportunity.organisation,
        before={"title": lot.title},
    )
    lot.delete()
    # Keep lot numbers consecutive.
    for number, remaining in enumerate(opportunity.lots.order_by("number"), start=1):
        if remaining.number != number:
            Lot.objects.filter(pk=remaining.pk).update(number=number)


@transaction.atomic
def outcome_add(
    *, actor: User, opportunity: Opportunity, outcome_area: OutcomeArea, statement: str
) -> OutcomeSought:
    _check_draft(opportunity)
    statement = statement.strip()
    if not statement:
        raise ApplicationError("Write the outcome as a change for people.")
    outcome = OutcomeSought.objects.create(
        opportunity=opportunity,
        outcome_area=outcome_area,
        statement=statement,
        position=opportunity.outcomes_sought.count(),
    )
    audit_record(
        actor=actor,
        action="outcome.create",
        obj=outcome,
        organisation=opportunity.organisation,
        after={"outcome_area": outcome_area.slug, "statement": statement},
    )
    return outcome


@transaction.atomic
def outcome_remove(*, actor: User, outcome: OutcomeSought) -> None:
    _check_draft(outcome.opportunity)
    audit_record(
        actor=actor,
        action="outcome.delete",
        obj=outcome,
        organisation=outcome.opportunity.organisation,
        before={"statement": outcome.statement},
    )
    outcome.delete()


@transaction.atomic
def kpi_add(*, actor: User, opportunity: Opportunity, kpi: Kpi, target: str = "") -> OpportunityKpi:
    _check_draft(opportunity)
    if kpi.organisation_id not in (None, opportunity.organisation_id):
        raise ApplicationError("That KPI belongs to another organisation.")
    item, created = OpportunityKpi.objects.get_or_create(
        opportunity=opportunity, kpi=kpi, defaults={"target": target}
    )
    if not created:
        raise ApplicationError(f"{kpi.name} is already one of this opportunity's KPIs.")
    audit_record(
        actor=actor,
        action="kpi.add",
        obj=opportunity,
        organisation=opportunity.organisation,
        after={"kpi": kpi.slug, "target": target},
    )
    return item


@transaction.atomic
def kpi_remove(*, actor: User, item: OpportunityKpi) -> None:
    _check_draft(item.opportunity)
    audit_record(
        actor=actor,
        action="kpi.remove",
        obj=item.opportunity,
        organisation=item.opportunity.organisation,
        before={"kpi": item.kpi.slug},
    )
    item.delete()


@transaction.atomic
def criterion_save(
    *,
    actor: User,
    opportunity: Opportunity,
    kind: str,
    title: str,
    weight: Decimal,
    guidance: str = "",
    word_limit: int | None = None,
    lot: Lot | None = None,
    criterion: Criterion | None = None,
) -> Criterion:
    """Add or change a criterion. Weights are checked per scope when publishing (they may not
    total 100 while the commissioner is still adding criteria), but never above 100."""
    _check_draft(opportunity)
    if not 0 < weight <= 100:
        raise ApplicationError("A weight must be more than 0% and no more than 100%.")
    if lot is not None and lot.opportunity_id != opportunity.pk:
        raise ApplicationError("That lot belongs to another opportunity.")
    scope = opportunity.criteria.filter(lot=lot)
    if criterion is not None:
        scope = scope.exclude(pk=criterion.pk)
    total = sum(c.weight for c in scope) + weight
    if total > 100:
        raise ApplicationError(
            f"The weights would total {total.normalize():f}%; they must total exactly 100%."
        )
    created = criterion is None
    criterion = criterion or Criterion(opportunity=opportunity, position=scope.count())
    criterion.kind, criterion.title, criterion.weight = kind, title, weight
    criterion.guidance, criterion.word_limit, criterion.lot = guidance, word_limit, lot
    criterion.full_clean(exclude=["opportunity", "lot"])
    criterion.save()
    audit_record(
        actor=actor,
        action="criterion.create" if created else "criterion.update",
        obj=criterion,
        organisation=opportunity.organisation,
        after={
            "title": title,
            "kind": kind,
            "weight": str(weight),
            "lot": lot.number if lot else None,
        },
    )
    return criterion


@transaction.atomic
def criterion_delete(*, actor: User, criterion: Criterion) -> None:
    _check_draft(criterion.opportunity)
    audit_record(
        actor=actor,
        action="criterion.delete",
        obj=criterion,
        organisation=criterion.opportunity.organisation,
        before={"title": criterion.title, "weight": str(criterion.weight)},
    )
    criterion.delete()


@transaction.atomic
def gate_save(
    *,
    actor: User,
    opportunity: Opportunity,
    title: str,
    guidance: str = "",
    gate: Gate | None = None,
) -> Gate:
    _check_draft(opportunity)
    created = gate is None
    gate = gate or Gate(opportunity=opportunity, position=opportunity.gates.count())
    gate.title, gate.guidance = title, guidance
    gate.save()
    audit_record(
        actor=actor,
        action="gate.create" if created else "gate.update",
        obj=gate,
        organisation=opportunity.organisation,
        after={"title": title},
    )
    return gate


@transaction.atomic
def gate_delete(*, actor: User, gate: Gate) -> None:
    _check_draft(gate.opportunity)
    audit_record(
        actor=actor,
        action="gate.delete",
        obj=gate,
        organisation=gate.opportunity.organisation,
        before={"title": gate.title},
    )
    gate.delete()
