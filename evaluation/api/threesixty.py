"""The public 360Giving feed of awarded grants, at /api/360giving/grants/.

Anyone may read it, with no sign-in; it is CORS-open like the HSDS feed. Pages of grants are
each a 360Giving grant package; the next and previous pages are in the `Link` header.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import Pagination
from evaluation import selectors, threesixty


class GrantPagination(Pagination):
    page_size = 100
    max_page_size = 500


class GrantPackageView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []  # open data: no session, no CSRF, no credentials
    renderer_classes = [JSONRenderer]

    @extend_schema(
        operation_id="threesixty_grants",
        summary="Awarded grants, as a 360Giving grant package",
        description="Grants decided by assessment panels on grant routes, once the decision "
        "letters have gone out. Pages of up to 500; the next and previous pages are in the "
        "`Link` header. 404 until the first grant is awarded.",
        parameters=[
            OpenApiParameter("page", int, description="A page number."),
            OpenApiParameter("page_size", int, description="Grants per page (at most 500)."),
        ],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="A 360Giving 1.4 grant package: "
                "https://standard.threesixtygiving.org/en/latest/technical/reference/",
            )
        },
        tags=["360giving"],
    )
    def get(self, request: Request) -> Response:
        paginator = GrantPagination()
        decisions = paginator.paginate_queryset(selectors.awarded_grants(), request, view=self)
        if not decisions:
            # A grant package must hold at least one grant (the schema's minItems).
            raise NotFound("No grants have been awarded yet.")
        uri = settings.SITE_URL.rstrip("/") + request.get_full_path()
        package = threesixty.grant_package([threesixty.build_grant(d) for d in decisions], uri=uri)
        response = Response(package)
        links = []
        if paginator.get_next_link():
            links.append(f'<{paginator.get_next_link()}>; rel="next"')
        if paginator.get_previous_link():
            links.append(f'<{paginator.get_previous_link()}>; rel="prev"')
        if links:
            response["Link"] = ", ".join(links)
        return response
