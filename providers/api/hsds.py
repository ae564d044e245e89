"""The open-data feed: the directory as HSDS 3.0 (Open Referral), under /api/hsds/.

Public and read-only: no authentication (so no session or CSRF), anyone may read it, throttled
per IP as anonymous, CORS-open (see CORS_URLS_REGEX). Only listed profiles and their activities
appear, anywhere in the feed. Lists are paginated the HSDS way (`page`, `per_page`, and a header
of total_items, total_pages… before `contents`). Errors use the API's one error format.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_standardized_errors.openapi_serializers import (
    ErrorResponse404Serializer,
    ValidationErrorResponseSerializer,
)
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from providers import hsds
from providers.api import selectors

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
HSDS_OPENAPI_URL = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
)
HSDS_PROFILE_URL = "https://docs.openreferral.org/en/3.0/"
TAG = "Open data: HSDS 3.0"

# "+01:00" arrives as " 01:00" when a client forgets to encode the plus sign.
_UNENCODED_OFFSET = re.compile(r" (\d{2}(?::?\d{2})?)$")


# Query parameters -------------------------------------------------------------------------------


def _whole_number(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ValidationError({name: ["Enter a whole number, 1 or more."]})
    return value


def parse_modified_after(raw: str) -> datetime.datetime:
    """An ISO 8601 date-time (or date, meaning its midnight); without an offset it is UTC."""
    text = raw.strip()
    parsed: datetime.datetime | None = None
    for candidate in (text, _UNENCODED_OFFSET.sub(r"+\1", text)):
        try:
            parsed = parse_datetime(candidate)
        except ValueError:
            parsed = None
        if parsed is not None:
            break
    if parsed is None:
        try:
            day = parse_date(text)
        except ValueError:
            day = None
        if day is not None:
            parsed = datetime.datetime.combine(day, datetime.time.min)
    if parsed is None:
        raise ValidationError(
            {
                "modified_after": [
                    "Enter a date and time in ISO 8601 form, like 2026-01-31T09:00:00Z."
                ]
            }
        )
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


def _modified_after(request: Request) -> datetime.datetime | None:
    raw = request.query_params.get("modified_after")
    return parse_modified_after(raw) if raw else None


def _uuid_param(request: Request, name: str) -> str | None:
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        return str(uuid.UUID(raw.strip()))
    except ValueError as exc:
        raise ValidationError({name: ["Enter an id from this feed (a UUID)."]}) from exc


def _filters(request: Request, *, organization: bool = False) -> dict[str, Any] | None:
    """The list filters, checked (a malformed one is a 400), or None when one names something
    that is not in the feed, so the list is empty."""
    modified_after = _modified_after(request)
    term_uuid = _uuid_param(request, "taxonomy_term_id")
    organization_uuid = _uuid_param(request, "organization_id") if organization else None
    filters: dict[str, Any] = {"modified_after": modified_after}
    if term_uuid is not None:
        filters["term"] = selectors.hsds_term_get(term_uuid)
        if filters["term"] is None:
            return None
    if organization_uuid is not None:
        filters["organisation_pk"] = hsds.decode_id(hsds.ORGANIZATION, organization_uuid)
        if filters["organisation_pk"] is None:
            return None
    return filters


def _page(
    request: Request,
    items: QuerySet | Sequence[Any],
    document: Callable[[Any], dict[str, Any]],
) -> Response:
    """One HSDS page: a count, then only the rows of this page."""
    page = _whole_number(request, "page", 1)
    per_page = min(_whole_number(request, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    total = items.count() if isinstance(items, QuerySet) else len(items)
    start = (page - 1) * per_page
    # Past the end there is nothing to read (and a huge offset would overflow the database's).
    rows = list(items[start : start + per_page]) if start < total else []
    return Response(
        hsds.page_document(
            [document(row) for row in rows], total_items=total, page=page, per_page=per_page
        )
    )


# Documentation ----------------------------------------------------------------------------------

PAGE_PARAMETERS = [
    OpenApiParameter("page", int, description="Page number, from 1."),
    OpenApiParameter(
        "per_page",
        int,
        description=f"Items a page (default {DEFAULT_PER_PAGE}, at most {MAX_PER_PAGE}).",
    ),
]
MODIFIED_AFTER = OpenApiParameter(
    "modified_after",
    OpenApiTypes.DATETIME,
    description="Only items changed on or after this ISO 8601 date-time (UTC if no offset).",
)
TAXONOMY_TERM_ID = OpenApiParameter(
    "taxonomy_term_id", OpenApiTypes.UUID, description="Only items tagged with this term."
)
ID = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)


def _list_schema(operation_id: str, summary: str, *parameters: OpenApiParameter) -> Callable:
    return extend_schema(
        operation_id=operation_id,
        tags=[TAG],
        summary=summary,
        parameters=[*parameters, *PAGE_PARAMETERS],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="An HSDS 3.0 page: total_items, total_pages, page_number, size, "
                "first_page, last_page, empty, and the items in `contents`.",
            ),
            400: ValidationErrorResponseSerializer,
        },
    )


def _detail_schema(summary: str) -> Callable:
    return extend_schema(
        tags=[TAG],
        summary=summary,
        parameters=[ID],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="An HSDS 3.0 document."),
            404: ErrorResponse404Serializer,
        },
    )


# Views ------------------------------------------------------------------------------------------


class _FeedView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]
    renderer_classes = [JSONRenderer]


class RootView(_FeedView):
    @extend_schema(
        tags=[TAG],
        summary="About this feed: its HSDS version and specification",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        return Response(
            hsds.root_document(openapi_url=HSDS_OPENAPI_URL, profile_url=HSDS_PROFILE_URL)
        )


class OrganizationListView(_FeedView):
    @_list_schema(
        "hsds_organizations_list", "Listed provider organisations", MODIFIED_AFTER, TAXONOMY_TERM_ID
    )
    def get(self, request: Request) -> Response:
        filters = _filters(request)
        if filters is None:
            return _page(request, [], hsds.organization_summary)
        queryset = selectors.hsds_organization_queryset(**filters)
        return _page(request, queryset, hsds.organization_summary)


class OrganizationDetailView(_FeedView):
    @_detail_schema("A listed provider organisation, fully nested")
    def get(self, request: Request, id: str) -> Response:
        pk = hsds.decode_id(hsds.ORGANIZATION, id)
        profile = selectors.hsds_organization_get(organisation_pk=pk) if pk else None
        if profile is None:
            raise NotFound("No listed organization has this id.")
        return Response(hsds.organization_document(profile))


class ServiceListView(_FeedView):
    @_list_schema(
        "hsds_services_list",
        "Activities of listed providers",
        MODIFIED_AFTER,
        TAXONOMY_TERM_ID,
        OpenApiParameter(
            "organization_id", OpenApiTypes.UUID, description="Only this organization's."
        ),
    )
    def get(self, request: Request) -> Response:
        filters = _filters(request, organization=True)
        if filters is None:
            return _page(request, [], hsds.service_summary)
        queryset = selectors.hsds_service_queryset(**filters)
        return _page(request, queryset, hsds.service_summary)


class ServiceDetailView(_FeedView):
    @_detail_schema("An activity of a listed provider, fully nested")
    def get(self, request: Request, id: str) -> Response:
        pk = hsds.decode_id(hsds.SERVICE, id)
        activity = selectors.hsds_service_get(activity_pk=pk) if pk else None
        if activity is None:
            raise NotFound("No service of a listed organization has this id.")
        return Response(hsds.service_document(activity))


class TaxonomyListView(_FeedView):
    @_list_schema(
        "hsds_taxonomies_list", "The vocabularies organizations and services are tagged with"
    )
    def get(self, request: Request) -> Response:
        return _page(request, list(hsds.TAXONOMIES), hsds.taxonomy_document)


class TaxonomyDetailView(_FeedView):
    @_detail_schema("One vocabulary")
    def get(self, request: Request, id: str) -> Response:
        kind = next((k for k in hsds.TAXONOMIES if hsds.taxonomy_id(k) == id.lower()), None)
        if kind is None:
            raise NotFound("No taxonomy has this id.")
        return Response(hsds.taxonomy_document(kind))


class TaxonomyTermListView(_FeedView):
    @_list_schema(
        "hsds_taxonomy_terms_list",
        "The terms of our vocabularies",
        OpenApiParameter(
            "taxonomy_id", OpenApiTypes.UUID, description="Only the terms of this taxonomy."
        ),
    )
    def get(self, request: Request) -> Response:
        taxonomy = _uuid_param(request, "taxonomy_id")
        if taxonomy is None:
            return _page(request, selectors.hsds_terms(), hsds.term_document)
        kind = next((k for k in hsds.TAXONOMIES if hsds.taxonomy_id(k) == taxonomy), None)
        terms = selectors.hsds_terms(kind) if kind else []
        return _page(request, terms, hsds.term_document)


class TaxonomyTermDetailView(_FeedView):
    @_detail_schema("One term")
    def get(self, request: Request, id: str) -> Response:
        term = selectors.hsds_term_get(id.lower())
        if term is None:
            raise NotFound("No taxonomy term has this id.")
        return Response(hsds.term_document(term))
