"""The monitoring API: thin views over the services and selectors the pages use.

An agreement the caller is not party to is 404; one they can see but not act on in that way is
403. A service's refusal is a 400 in the common error format, with its message. The scoring
endpoint is public (anyone's tool can score a questionnaire) and stores nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, permissions, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Organisation
from commissioning.models import Kpi, Programme
from core.errors import ApplicationError
from monitoring import selectors
from monitoring.instruments import INSTRUMENTS, InstrumentError, instrument_get, score
from monitoring.models import Agreement, Evidence, InstrumentResponse, Return
from monitoring.serializers import (
    ActualSerializer,
    ActualWriteSerializer,
    AgreementCreateSerializer,
    AgreementKpiCreateSerializer,
    AgreementKpiSerializer,
    AgreementListSerializer,
    AgreementSerializer,
    AnalysisSerializer,
    CommentWriteSerializer,
    InstrumentSerializer,
    KpiTargetSerializer,
    KpiTargetsWriteSerializer,
    MonitoringEvidenceSerializer,
    MonitoringEvidenceWriteSerializer,
    ResponseSerializer,
    ResponseWriteSerializer,
    ReturnSerializer,
    ReturnStartSerializer,
    ReturnUpdateSerializer,
    ScoreRequestSerializer,
    ScoreResponseSerializer,
)
from monitoring.services import agreements as agreement_service
from monitoring.services import evidence as evidence_service
from monitoring.services import responses as response_service
from monitoring.services import returns as return_service


@contextmanager
def service_errors() -> Iterator[None]:
    try:
        yield
    except ApplicationError as exc:
        detail: dict[str, list[str]] = {"non_field_errors": [exc.message]}
        if exc.extra.get("problems"):
            detail["problems"] = list(exc.extra["problems"])
        raise ValidationError(detail) from exc


def _schema_only(view: Any) -> bool:
    return getattr(view, "swagger_fake_view", False)


def _agreement(
    request: Request, pk: int, permission: str = "monitoring.view_agreement"
) -> Agreement:
    try:
        agreement = selectors.agreement_get_for_user(user=request.user, pk=pk)
    except Http404 as exc:
        raise NotFound from exc
    if not request.user.has_perm(permission, agreement):
        raise PermissionDenied("You cannot do this for this agreement.")
    return agreement


def _return(request: Request, pk: int, permission: str = "monitoring.view_agreement") -> Return:
    try:
        report = selectors.return_get_for_user(user=request.user, pk=pk)
    except Http404 as exc:
        raise NotFound from exc
    if not request.user.has_perm(permission, report.agreement):
        raise PermissionDenied("You cannot do this for this return.")
    return report


# Instruments: public.


class InstrumentListView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    @extend_schema(
        summary="The validated instruments and how they are scored",
        responses=InstrumentSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        return Response(InstrumentSerializer(list(INSTRUMENTS.values()), many=True).data)


class InstrumentScoreView(APIView):
    """Score one person's answers. Nothing is stored."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    @extend_schema(
        summary="Score a questionnaire",
        request=ScoreRequestSerializer,
        responses={200: ScoreResponseSerializer},
    )
    def post(self, request: Request, code: str) -> Response:
        try:
            definition = instrument_get(code)
        except InstrumentError as exc:
            raise NotFound(exc.message) from exc
        serializer = ScoreRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            result = score(definition, serializer.validated_data["items"])
        except InstrumentError as exc:
            raise ValidationError({"items": [exc.message]}) from exc
        data: dict[str, Any] = {
            "instrument": result.instrument,
            "version": result.version,
            "raw_score": result.raw_score,
            "items": list(result.items),
        }
        if result.metric_score is not None:
            data["metric_score"] = f"{result.metric_score:.2f}"
        return Response(data)


# Agreements.


@extend_schema_view(
    get=extend_schema(summary="Agreements your organisations are party to"),
    post=extend_schema(
        summary="Enter an agreement directly",
        request=AgreementCreateSerializer,
        responses={201: AgreementSerializer},
    ),
)
class AgreementListCreateView(generics.ListCreateAPIView):
    serializer_class = AgreementListSerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return Agreement.objects.none()
        return selectors.agreement_list_for_user(user=self.request.user)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = AgreementCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        programme = (
            Programme.objects.select_related("organisation")
            .filter(pk=data.pop("programme"))
            .first()
        )
        if programme is None or not request.user.has_perm(
            "monitoring.add_agreement", programme.organisation
        ):
            raise PermissionDenied("Only the programme's commissioners can make agreements in it.")
        provider = Organisation.objects.filter(pk=data.pop("provider")).first()
        if provider is None:
            raise ValidationError({"provider": ["There is no organisation with that id."]})
        with service_errors():
            agreement = agreement_service.agreement_create(
                actor=request.user, programme=programme, provider=provider, **data
            )
        return Response(AgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)


class AgreementDetailView(generics.RetrieveAPIView):
    serializer_class = AgreementSerializer

    @extend_schema(summary="An agreement with its periods, instalments and KPIs")
    def get(self, request: Request, pk: int) -> Response:
        agreement = _agreement(request, pk)
        return Response(AgreementSerializer(agreement).data)


class AgreementKpiListCreateView(APIView):
    @extend_schema(
        summary="The agreement's KPIs and targets", responses=AgreementKpiSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        agreement = _agreement(request, pk)
        return Response(
            AgreementKpiSerializer(agreement.kpis.select_related("kpi"), many=True).data
        )

    @extend_schema(
        summary="Add a KPI with its targets",
        request=AgreementKpiCreateSerializer,
        responses={201: AgreementKpiSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        agreement = _agreement(request, pk, "monitoring.manage_agreement")
        serializer = AgreementKpiCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        kpi = Kpi.objects.filter(slug=data.pop("kpi")).first()
        if kpi is None:
            raise ValidationError({"kpi": ["There is no KPI with that slug in the library."]})
        with service_errors():
            item = agreement_service.agreement_kpi_add(
                actor=request.user, agreement=agreement, kpi=kpi, **data
            )
        return Response(AgreementKpiSerializer(item).data, status=status.HTTP_201_CREATED)


class KpiTargetsView(APIView):
    @extend_schema(
        summary="A KPI's targets for particular periods", responses=KpiTargetSerializer(many=True)
    )
    def get(self, request: Request, pk: int, kpi_pk: int) -> Response:
        item = _agreement_kpi(request, pk, kpi_pk)
        targets = item.targets.select_related("period").order_by("period__number")
        return Response(KpiTargetSerializer(targets, many=True).data)

    @extend_schema(
        summary="Set or drop a KPI's targets for particular periods, all or none",
        request=KpiTargetsWriteSerializer,
        responses=KpiTargetSerializer(many=True),
    )
    def put(self, request: Request, pk: int, kpi_pk: int) -> Response:
        item = _agreement_kpi(request, pk, kpi_pk, "monitoring.manage_agreement")
        serializer = KpiTargetsWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        targets = {}
        for entry in serializer.validated_data["targets"]:
            values = tuple(entry.get(level) for level in ("minimum", "expected", "stretch"))
            targets[entry["period"]] = None if values == (None, None, None) else values
        with service_errors():
            agreement_service.kpi_targets_set(
                actor=request.user, agreement_kpi=item, targets=targets
            )
        return self.get(request, pk, kpi_pk)


def _agreement_kpi(
    request: Request, pk: int, kpi_pk: int, permission: str = "monitoring.view_agreement"
):
    agreement = _agreement(request, pk, permission)
    try:
        return selectors.agreement_kpi_get(agreement=agreement, pk=kpi_pk)
    except Http404 as exc:
        raise NotFound from exc


# Returns.


class ReturnListCreateView(APIView):
    @extend_schema(summary="The agreement's returns", responses=ReturnSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        agreement = _agreement(request, pk)
        returns = (
            Return.objects.filter(agreement=agreement)
            .select_related("period")
            .prefetch_related(
                "actuals__agreement_kpi__kpi", "comments__author", "comments__organisation"
            )
        )
        return Response(ReturnSerializer(returns, many=True).data)

    @extend_schema(
        summary="Start the return for an open period",
        request=ReturnStartSerializer,
        responses={201: ReturnSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        agreement = _agreement(request, pk, "monitoring.report")
        serializer = ReturnStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        period = agreement.periods.filter(pk=serializer.validated_data["period"]).first()
        if period is None:
            raise ValidationError({"period": ["That period is not one of this agreement's."]})
        with service_errors():
            report = return_service.return_start(actor=request.user, period=period)
        return Response(ReturnSerializer(report).data, status=status.HTTP_201_CREATED)


class ReturnDetailView(APIView):
    @extend_schema(
        summary="A return with its actuals and comment thread", responses=ReturnSerializer
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(ReturnSerializer(_return(request, pk)).data)

    @extend_schema(
        summary="Change a draft or queried return",
        request=ReturnUpdateSerializer,
        responses=ReturnSerializer,
    )
    def patch(self, request: Request, pk: int) -> Response:
        report = _return(request, pk, "monitoring.report")
        serializer = ReturnUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            return_service.return_update(
                actor=request.user, report=report, **serializer.validated_data
            )
        return Response(ReturnSerializer(_return(request, pk)).data)


class ActualCreateView(APIView):
    @extend_schema(
        summary="Record a KPI actual",
        request=ActualWriteSerializer,
        responses={201: ActualSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        report = _return(request, pk, "monitoring.report")
        serializer = ActualWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        item = (
            report.agreement.kpis.filter(pk=data.pop("agreement_kpi")).select_related("kpi").first()
        )
        if item is None:
            raise ValidationError({"agreement_kpi": ["That KPI is not one of this agreement's."]})
        with service_errors():
            actual = return_service.actual_record(
                actor=request.user, report=report, agreement_kpi=item, **data
            )
        return Response(ActualSerializer(actual).data, status=status.HTTP_201_CREATED)


class _ReturnMove(APIView):
    permission = "monitoring.report"

    def act(self, request: Request, report: Return, comment: str) -> None:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        report = _return(request, pk, self.permission)
        serializer = CommentWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            self.act(request, report, serializer.validated_data["comment"])
        return Response(ReturnSerializer(_return(request, pk)).data)


@extend_schema_view(
    post=extend_schema(
        summary="Submit or resubmit a return",
        request=CommentWriteSerializer,
        responses=ReturnSerializer,
    )
)
class ReturnSubmitView(_ReturnMove):
    def act(self, request: Request, report: Return, comment: str) -> None:
        return_service.return_submit(actor=request.user, report=report, comment=comment)


@extend_schema_view(
    post=extend_schema(
        summary="Query a submitted return",
        request=CommentWriteSerializer,
        responses=ReturnSerializer,
    )
)
class ReturnQueryView(_ReturnMove):
    permission = "monitoring.review_return"

    def act(self, request: Request, report: Return, comment: str) -> None:
        return_service.return_query(actor=request.user, report=report, comment=comment)


@extend_schema_view(
    post=extend_schema(
        summary="Accept a submitted return",
        request=CommentWriteSerializer,
        responses=ReturnSerializer,
    )
)
class ReturnAcceptView(_ReturnMove):
    permission = "monitoring.review_return"

    def act(self, request: Request, report: Return, comment: str) -> None:
        return_service.return_accept(actor=request.user, report=report, comment=comment)


class EvidenceListCreateView(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        summary="A return's evidence (only what is cleared for sharing, unless you are a party)",
        responses=MonitoringEvidenceSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        report = _return(request, pk)
        evidence = selectors.evidence_visible(
            user=request.user,
            agreement=report.agreement,
            queryset=Evidence.objects.filter(report=report),
        )
        return Response(MonitoringEvidenceSerializer(evidence, many=True).data)

    @extend_schema(
        summary="Add evidence: a file checked by its content, or a video link",
        request={"multipart/form-data": MonitoringEvidenceWriteSerializer},
        responses={201: MonitoringEvidenceSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        report = _return(request, pk, "monitoring.report")
        serializer = MonitoringEvidenceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        with service_errors():
            evidence = evidence_service.evidence_add(
                actor=request.user, report=report, upload=data.pop("file", None), **data
            )
        return Response(MonitoringEvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


# Instrument responses and analyses.


class ResponseListCreateView(generics.ListAPIView):
    serializer_class = ResponseSerializer
    filter_backends = []

    @extend_schema(summary="The agreement's pseudonymised instrument responses")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if _schema_only(self):
            return InstrumentResponse.objects.none()
        agreement = _agreement(self.request, self.kwargs["pk"])
        return (
            InstrumentResponse.objects.filter(agreement=agreement)
            .select_related("participant")
            .order_by("participant__code", "instrument", "time_point")
        )

    @extend_schema(
        summary="Record a response",
        request=ResponseWriteSerializer,
        responses={201: ResponseSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        agreement = _agreement(request, pk, "monitoring.report")
        serializer = ResponseWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_errors():
            response = response_service.response_record(
                actor=request.user,
                agreement=agreement,
                code=data["participant"],
                instrument=data["instrument"],
                time_point=data["time_point"],
                collected_on=data["collected_on"],
                items=data["items"],
            )
        return Response(ResponseSerializer(response).data, status=status.HTTP_201_CREATED)


class AnalysisView(APIView):
    @extend_schema(
        summary="Before-and-after analysis for each instrument used",
        responses=AnalysisSerializer(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        agreement = _agreement(request, pk)
        responses = list(agreement.responses.all())
        results = selectors.instrument_results(responses)
        data = [
            {
                "instrument": r.instrument.code,
                "responses": r.responses,
                "analysis": r.analysis.as_dict() if r.analysis else None,
                "by_item": [{"question": q, "analysis": a.as_dict()} for q, a in r.by_item],
            }
            for r in results
        ]
        return Response(AnalysisSerializer(data, many=True).data)
