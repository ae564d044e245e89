"""Writes for programmes. The vocabulary itself changes only by data migration."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from accounts.models import Organisation, User
from accounts.rules import is_commissioner
from commissioning.models import Area, OutcomeArea, Programme
from core.audit import audit_record, snapshot
from core.errors import ApplicationError

_SCALAR_FIELDS = ("name", "summary", "budget", "start_date", "end_date", "status")


def _check(*, start_date: datetime.date, end_date: datetime.date, budget: Decimal) -> None:
    if end_date < start_date:
        raise ApplicationError("The end date must be on or after the start date.")
    if budget < 0:
        raise ApplicationError("The budget cannot be negative.")


def _check_team(organisation: Organisation, team: Iterable[User]) -> list[User]:
    team = list(team)
    member_ids = set(organisation.memberships.values_list("user_id", flat=True))
    outsiders = [u for u in team if u.pk not in member_ids]
    if outsiders:
        names = ", ".join(str(u) for u in outsiders)
        raise ApplicationError(f"Only members of {organisation.name} can be on the team: {names}.")
    return team


def _related_snapshot(programme: Programme) -> dict[str, Any]:
    return {
        "outcome_areas": sorted(programme.outcome_areas.values_list("slug", flat=True)),
        "areas": sorted(programme.areas.values_list("code", flat=True)),
        "team": sorted(programme.team.values_list("email", flat=True)),
    }


@transaction.atomic
def programme_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    summary: str,
    budget: Decimal,
    start_date: datetime.date,
    end_date: datetime.date,
    status: str = "planning",
    outcome_areas: Iterable[OutcomeArea] = (),
    areas: Iterable[Area] = (),
    team: Iterable[User] = (),
) -> Programme:
    """Side effects: audit entry."""
    if not is_commissioner(actor, organisation):
        raise ApplicationError(
            "Only members of a commissioning organisation can create programmes."
        )
    _check(start_date=start_date, end_date=end_date, budget=budget)
    team = _check_team(organisation, team)
    programme = Programme.objects.create(
        organisation=organisation,
        name=name,
        summary=summary,
        budget=budget,
        start_date=start_date,
        end_date=end_date,
        status=status,
        created_by=actor,
    )
    programme.outcome_areas.set(outcome_areas)
    programme.areas.set(areas)
    programme.team.set(team or [actor])
    audit_record(
        actor=actor,
        action="programme.create",
        obj=programme,
        organisation=organisation,
        after={**snapshot(programme, _SCALAR_FIELDS), **_related_snapshot(programme)},
    )
    return programme


@transaction.atomic
def programme_update(*, actor: User, programme: Programme, **changes: Any) -> Programme:
    """Change any of the programme's details. Side effects: audit entry with before and after."""
    unknown = set(changes) - {*_SCALAR_FIELDS, "outcome_areas", "areas", "team"}
    if unknown:
        raise ApplicationError(f"These details cannot be changed: {', '.join(sorted(unknown))}")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    before = {**snapshot(programme, _SCALAR_FIELDS), **_related_snapshot(programme)}
    for name in _SCALAR_FIELDS:
        if name in changes:
            setattr(programme, name, changes[name])
    _check(start_date=programme.start_date, end_date=programme.end_date, budget=programme.budget)
    programme.save()
    if "outcome_areas" in changes:
        programme.outcome_areas.set(changes["outcome_areas"])
    if "areas" in changes:
        programme.areas.set(changes["areas"])
    if "team" in changes:
        programme.team.set(_check_team(programme.organisation, changes["team"]))
    after = {**snapshot(programme, _SCALAR_FIELDS), **_related_snapshot(programme)}
    audit_record(
        actor=actor,
        action="programme.update",
        obj=programme,
        organisation=programme.organisation,
        before=before,
        after=after,
    )
    return programme
