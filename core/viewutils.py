"""Small helpers every app's thin views share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest
from django.utils.functional import cached_property

from core.errors import ApplicationError

PAGE_SIZE = 25


class CountedPaginator(Paginator):
    """A paginator told how many rows there are (a count already known, say cached), so it
    does not ask the database again."""

    def __init__(self, object_list, per_page: int, *, count: int, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def paginate(
    request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE, *, count: int | None = None
) -> Page:
    """The requested page; a bad or out-of-range page number gives the nearest real page.
    `count`, when the caller already knows it, saves the count query."""
    paginator = (
        Paginator(queryset, per_page)
        if count is None
        else CountedPaginator(queryset, per_page, count=count)
    )
    return paginator.get_page(request.GET.get("page"))


def add_service_error(form: forms.Form, exc: ApplicationError | ValidationError) -> None:
    """Show a service's refusal in the form's error summary, keeping what the user typed."""
    if isinstance(exc, ApplicationError):
        form.add_error(None, exc.message)
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    form.add_error(None, exc.messages)


def file_open(file: FieldFile):
    """Open a stored upload for a download response; a file lost from storage (a volume
    restored without it) is 404, not a server error."""
    try:
        return file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
