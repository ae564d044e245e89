"""How jobs read on pages, in emails and in the API: their parameters in words, and a token
that changes whenever the progress panel would."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms

from reports.kinds import kind_get
from reports.models import ReportJob


def _value(field: forms.Field, value: Any) -> str:
    if value in (None, ""):
        return "Not set"
    if isinstance(field, forms.DateField):
        try:
            return f"{datetime.date.fromisoformat(value):%-d %B %Y}"
        except (TypeError, ValueError):
            return str(value)
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    return str(value)


def parameters_described(job: ReportJob) -> list[tuple[str, str]]:
    """(label, value) for each of the kind's parameters, as the request form names them."""
    kind = kind_get(job.kind)
    if kind is None:
        return []
    return [
        (str(field.label or name), _value(field, job.parameters.get(name)))
        for name, field in kind.form_class.base_fields.items()
    ]


def job_rows(jobs: Iterable[ReportJob]) -> list[dict[str, Any]]:
    rows = []
    for job in jobs:
        kind = kind_get(job.kind)
        rows.append(
            {
                "job": job,
                "kind_name": kind.name if kind else job.kind,
                "parameters": parameters_described(job),
            }
        )
    return rows


def progress_token(job: ReportJob) -> str:
    return f"{job.status}-{job.stage}-{job.progress}-{job.attempt}"
