"""Shared API pieces: pagination used by every list endpoint."""

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination

from core.viewutils import CountedPaginator


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    _known_count: int | None = None

    def paginate_queryset(self, queryset, request, view=None, count: int | None = None):
        """As DRF's, and `count`, when the caller already knows it, saves the count query."""
        self._known_count = count
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page) -> Paginator:
        if self._known_count is None:
            return Paginator(object_list, per_page)
        return CountedPaginator(object_list, per_page, count=self._known_count)
