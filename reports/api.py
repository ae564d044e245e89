"""The reports API: ask for a report, follow its progress, download it, try again.

The same services and selectors as the pages: a target the caller may not see is 404; one
they may see but not report on is 403; bad parameters are a 400 with the form's messages.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import ApplicationError
from reports import selectors, services
from reports.models import ReportJob
from reports.serializers import ReportJobSerializer, ReportRequestSerializer


def _schema_only(view: Any) -> bool:
    return getattr(view, "swagger_fake_view", False)


def _refusal(exc: ApplicationError) -> ValidationError:
    errors = exc.extra.get("errors")
    if errors:
        return ValidationError(
            {field: [e["message"] for e in items] for field, items in errors.items()}
        )
    return ValidationError({"non_field_errors": [exc.message]})


@extend_schema_view(
    get=extend_schema(summary="Your reports, newest first"),
    post=extend_schema(
        summary="Ask for a report",
        description="Records the request and queues the build; returns at once with the job "
        "(202). The same request while an identical one is still waiting or being built "
        "returns that job (200).",
        request=ReportRequestSerializer,
        responses={202: ReportJobSerializer, 200: ReportJobSerializer},
    ),
)
class ReportJobListCreateView(generics.ListAPIView):
    serializer_class = ReportJobSerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return ReportJob.objects.none()
        return selectors.report_job_list_for_user(user=self.request.user)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ReportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            job, created = services.report_request(
                actor=request.user,
                organisation=getattr(request, "organisation", None),
                kind=data["kind"],
                target_id=data["target_id"],
                parameters=data["parameters"],
            )
        except ApplicationError as exc:
            raise _refusal(exc) from exc
        return Response(
            ReportJobSerializer(job).data,
            status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK,
        )


@extend_schema_view(get=extend_schema(summary="One of your reports: status and progress"))
class ReportJobDetailView(generics.RetrieveAPIView):
    serializer_class = ReportJobSerializer

    def get_object(self) -> ReportJob:
        return selectors.report_job_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class ReportJobRetryView(APIView):
    @extend_schema(
        summary="Try a failed (or stopped) report again",
        request=None,
        responses={202: ReportJobSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        job = selectors.report_job_get_for_user(user=request.user, pk=pk)
        try:
            job = services.report_retry(actor=request.user, job=job)
        except ApplicationError as exc:
            raise _refusal(exc) from exc
        return Response(ReportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ReportJobDownloadView(APIView):
    @extend_schema(
        summary="Download a finished report (PDF)",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF"),
        },
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        job = selectors.report_job_file_for_user(user=request.user, pk=pk)
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=services.download_name(job),
            content_type="application/pdf",
        )
