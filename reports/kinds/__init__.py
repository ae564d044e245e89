"""The registry of report kinds. Each kind is one module in this package that subclasses
`ReportKind` and decorates it with `@register`; every module here is imported on first use,
so a new kind is one new file.

A kind declares:
- `slug`, `name`, `description`: what people choose and see;
- `form_class`: the parameters form (a `ParametersForm`), bound with the target;
- `target_for_user()`: the object reported on, through that app's own selector, so anyone who
  may not see it gets 404;
- `can_request()`: the permission to ask for it (checked again when the worker builds it);
- `gather()`: the report's data as plain values (dicts, lists, strings, numbers, dates), read
  in a handful of queries; its digest decides whether an earlier file can be reused;
- `charts()`: the charts to draw from that data, as `reports.charts` specifications;
- `template`: the print template, extending `reports/pdf/base.html`.
"""

from __future__ import annotations

import datetime
import importlib
import pkgutil
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.db import models

from accounts.models import User
from reports.charts import Chart


class ParametersForm(forms.Form):
    """A kind's parameters. `target` is the object reported on, for checks such as "within
    the programme's dates"; `parameters()` gives the cleaned values as JSON-ready data."""

    def __init__(self, *args: Any, target: models.Model, **kwargs: Any) -> None:
        self.target = target
        super().__init__(*args, **kwargs)

    def parameters(self) -> dict[str, Any]:
        return {name: _plain(value) for name, value in self.cleaned_data.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class ReportKind:
    slug: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    template: ClassVar[str]
    form_class: ClassVar[type[ParametersForm]] = ParametersForm
    # Bumped when the kind's data or layout changes, so older files are not reused.
    version: ClassVar[int] = 1

    def target_for_user(self, *, user: User, pk: int) -> models.Model:
        raise NotImplementedError

    def can_request(self, *, user: User, target: models.Model) -> bool:
        raise NotImplementedError

    def title(self, *, target: models.Model, parameters: dict[str, Any]) -> str:
        raise NotImplementedError

    def gather(self, *, target: models.Model, parameters: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def charts(self, *, data: dict[str, Any]) -> list[Chart]:
        return []

    def back_link(self, *, target: models.Model) -> str:
        """Where the request page's back link goes: the object's own page."""
        return target.get_absolute_url()


_REGISTRY: dict[str, ReportKind] = {}
_loaded = False


def register(cls: type[ReportKind]) -> type[ReportKind]:
    _REGISTRY[cls.slug] = cls()
    return cls


def _load() -> None:
    global _loaded  # noqa: PLW0603 - the registry is filled once per process
    if _loaded:
        return
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    _loaded = True


def kind_list() -> list[ReportKind]:
    _load()
    return sorted(_REGISTRY.values(), key=lambda kind: kind.name)


def kind_get(slug: str) -> ReportKind | None:
    _load()
    return _REGISTRY.get(slug)


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.slug, kind.name) for kind in kind_list()]
