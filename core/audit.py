"""Writing the audit trail. Every state-changing service calls one of these.

Bulk changes go through `audit_bulk_update`, which records one entry per row it changes, so a
queryset update cannot slip past the trail.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from core.models import AuditEntry


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The object's concrete field values as JSON-ready data (foreign keys as ids)."""
    names = (
        list(fields)
        if fields is not None
        else [f.attname for f in obj._meta.concrete_fields if not f.primary_key]
    )
    data = {name: getattr(obj, _attname(obj, name)) for name in names}
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _attname(obj: models.Model, name: str) -> str:
    field = obj._meta.get_field(name)
    return getattr(field, "attname", name)


def _actor_label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return actor.email


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    organisation: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor),
        organisation=organisation,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        before=before or {},
        after=after or {},
    )


@transaction.atomic
def audit_bulk_update(
    *,
    actor: Any,
    action: str,
    queryset: models.QuerySet,
    organisation: Any = None,
    organisation_field: str | None = None,
    **changes: Any,
) -> int:
    """Update every row of `queryset` with `changes`, writing one audit entry per changed row.

    Entries belong to `organisation`, or to each row's own organisation when `organisation_field`
    names the row's foreign key to it.
    """
    fields = list(changes)
    rows = list(queryset.select_for_update())
    content_type = ContentType.objects.get_for_model(queryset.model, for_concrete_model=False)
    entries = []
    for row in rows:
        before = snapshot(row, fields)
        for name, value in changes.items():
            setattr(row, _attname(row, name), value)
        after = snapshot(row, fields)
        if before == after:
            continue
        entries.append(
            AuditEntry(
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                actor_label=_actor_label(actor),
                organisation_id=(
                    getattr(row, f"{organisation_field}_id")
                    if organisation_field
                    else getattr(organisation, "pk", None)
                ),
                action=action,
                content_type=content_type,
                object_id=str(row.pk),
                object_repr=str(row)[:255],
                before=before,
                after=after,
            )
        )
    if not entries:
        return 0
    changed_ids = [int(e.object_id) if e.object_id.isdigit() else e.object_id for e in entries]
    queryset.model._default_manager.filter(pk__in=changed_ids).update(**changes)
    AuditEntry.objects.bulk_create(entries)
    return len(entries)
