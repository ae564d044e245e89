"""The public OCDS 1.1 feed: release packages and record packages of the stored releases.

Anyone may read it, with no sign-in. Releases are returned exactly as they were stored when
they were emitted (they are immutable); only the package around them is built per request.
Grants emit no releases: they are published as 360Giving.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from core.api import Pagination
from tenders import ocds, selectors


def _absolute(request: Request) -> str:
    """This request's URL on the public site (links in packages all use SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + request.get_full_path()


class ReleasePagination(Pagination):
    """Pages of a release package, newest release first. The next and previous pages are in
    the package's `links` (the pattern OCDS 1.2 adopted from the pagination extension) and in
    a `Link` header."""

    page_size = 100
    max_page_size = 500

    def links(self) -> dict[str, str]:
        url = _absolute(self.request)
        links = {}
        if self.page.has_next():
            links["next"] = replace_query_param(
                url, self.page_query_param, self.page.next_page_number()
            )
        if self.page.has_previous():
            previous = self.page.previous_page_number()
            links["prev"] = (
                remove_query_param(url, self.page_query_param)
                if previous == 1
                else replace_query_param(url, self.page_query_param, previous)
            )
        return links


class _OcdsView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []  # open data: no session, no CSRF, no credentials
    renderer_classes = [JSONRenderer]


PACKAGE = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="An OCDS 1.1 release package: "
    "https://standard.open-contracting.org/1.1/en/schema/release_package/",
)


class ReleasePackageListView(_OcdsView):
    @extend_schema(
        operation_id="ocds_releases",
        summary="Every release, newest first, as a release package",
        description="Pages of up to 500 releases; the next and previous pages are in the "
        "package's `links` and the `Link` header. 404 until the first release is published.",
        parameters=[
            OpenApiParameter("page", int, description="A page number."),
            OpenApiParameter("page_size", int, description="Releases per page (at most 500)."),
        ],
        responses={200: PACKAGE},
        tags=["ocds"],
    )
    def get(self, request: Request) -> Response:
        paginator = ReleasePagination()
        releases = paginator.paginate_queryset(selectors.release_list(), request, view=self)
        if not releases:
            # A release package must hold at least one release (the schema's minItems).
            raise NotFound("No OCDS releases have been published yet.")
        package = ocds.release_package([r.data for r in releases], uri=_absolute(request))
        links = paginator.links()
        if links:
            package["links"] = links
        response = Response(package)
        if links:
            response["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
        return response


class ReleasePackageView(_OcdsView):
    @extend_schema(
        operation_id="ocds_release",
        summary="One release, as a release package",
        responses={200: PACKAGE},
        tags=["ocds"],
    )
    def get(self, request: Request, release_id: str) -> Response:
        release = selectors.release_get(release_id=release_id)
        return Response(ocds.release_package([release.data], uri=_absolute(request)))


class RecordPackageView(_OcdsView):
    @extend_schema(
        operation_id="ocds_record",
        summary="A contracting process's record: every release and the compiled release",
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="An OCDS 1.1 record package: "
                "https://standard.open-contracting.org/1.1/en/schema/record_package/",
            )
        },
        tags=["ocds"],
    )
    def get(self, request: Request, ocid: str) -> Response:
        releases = selectors.releases_for_ocid(ocid=ocid)
        package: dict[str, Any] = ocds.record_package(ocid, releases, uri=_absolute(request))
        return Response(package)
