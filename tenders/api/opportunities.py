"""The opportunities API: commissioners draft, check, publish and run opportunities; providers
read them, ask questions and register interest.

Thin views over the services and selectors the pages use. An opportunity the caller may not
see is 404; one they may see but not manage (a published opportunity, for a provider) is 403.
A service's refusal is a 400 in the common error format, with its message.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, permissions, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from accounts import selectors as account_selectors
from accounts.models import Organisation
from accounts.rules import is_commissioner_organisation
from commissioning import selectors as commissioning_selectors
from commissioning.models import Programme
from core.errors import ApplicationError
from providers.models import ProviderProfile
from tenders import inclusion, selectors
from tenders.models import (
    Criterion,
    Gate,
    Lot,
    Opportunity,
    OpportunityKpi,
    OutcomeSought,
    Question,
    Section,
    TargetedInvitation,
)
from tenders.rules import is_bidding_organisation
from tenders.serializers import (
    SECTION_ORDER,
    ClarificationQuestionSerializer,
    DecisionSerializer,
    InclusionCheckSerializer,
    InterestRegisterSerializer,
    InvitationSendSerializer,
    MatchingProviderSerializer,
    OpportunityAmendSerializer,
    OpportunityCreateSerializer,
    OpportunityCriterionSerializer,
    OpportunityGateSerializer,
    OpportunityInterestSerializer,
    OpportunityInvitationSerializer,
    OpportunityKpiSerializer,
    OpportunityListSerializer,
    OpportunityLotSerializer,
    OpportunityOutcomeSerializer,
    OpportunitySectionSerializer,
    OpportunitySerializer,
    OpportunityStatusSerializer,
    OpportunityWriteSerializer,
    PublicOpportunityFilterSerializer,
    PublicOpportunitySerializer,
    PublishedAnswerSerializer,
    PublishedVersionSerializer,
    QuestionAnswerSerializer,
    QuestionAskSerializer,
    ReasonSerializer,
    SectionConflictErrorSerializer,
    SectionSaveSerializer,
)
from tenders.services import drafting, engagement, lifecycle
from tenders.services.drafting import SectionConflictError

MANAGE_REFUSED = (
    "Only the commissioners of the organisation that owns this opportunity can do this."
)
PROVIDERS_ONLY = "Only providers can do this: act for a provider organisation you are a member of."


@contextmanager
def service_errors() -> Iterator[None]:
    """A service's refusal as a 400 in the common format, with its message (and, when it
    lists them, each problem under `problems`)."""
    try:
        yield
    except ApplicationError as exc:
        detail: dict[str, list[str]] = {"non_field_errors": [exc.message]}
        if exc.extra.get("problems"):
            detail["problems"] = list(exc.extra["problems"])
        raise ValidationError(detail) from exc
    except DjangoValidationError as exc:
        raise ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        ) from exc


def _schema_only(view: Any) -> bool:
    """Schema generation runs views without a request user or URL arguments."""
    return getattr(view, "swagger_fake_view", False)


def _item(items: Iterable[Any], pk: int) -> Any:
    """One of an opportunity's prefetched parts, or 404."""
    for item in items:
        if item.pk == pk:
            return item
    raise NotFound


def _commissioner_organisation(request: Request) -> Organisation:
    """The commissioning organisation to list for: `?organisation=`, else the one the person
    is acting for in the browser, else their first (token clients have no session)."""
    memberships = account_selectors.membership_list_for_user(user=request.user)
    organisations = [
        m.organisation for m in memberships if is_commissioner_organisation(None, m.organisation)
    ]
    wanted = request.query_params.get("organisation")
    if wanted:
        match = next((o for o in organisations if str(o.pk) == wanted), None)
        if match is None:
            raise NotFound
        return match
    if not organisations:
        raise PermissionDenied(
            "Only members of a commissioning organisation have opportunities to manage."
        )
    active = getattr(request, "organisation", None)
    return next((o for o in organisations if o == active), organisations[0])


def _bidding_organisation(
    request: Request, organisation_id: int | None, *, permission: str
) -> Organisation:
    """The provider (or infrastructure) organisation the person acts for: the one named, else
    the one they are acting for in the browser, else their only one."""
    memberships = account_selectors.membership_list_for_user(user=request.user)
    candidates = [
        m.organisation for m in memberships if is_bidding_organisation(None, m.organisation)
    ]
    if organisation_id is not None:
        chosen = next((o for o in candidates if o.pk == organisation_id), None)
    else:
        active = getattr(request, "organisation", None)
        chosen = active if active in candidates else None
        if chosen is None and len(candidates) > 1:
            raise ValidationError(
                {"organisation": ["You belong to several provider organisations: say which one."]}
            )
        if chosen is None and candidates:
            chosen = candidates[0]
    if chosen is None or not request.user.has_perm(permission, chosen):
        raise PermissionDenied(PROVIDERS_ONLY)
    return chosen


# Opportunities.


@extend_schema_view(
    get=extend_schema(
        summary="Your organisation's opportunities",
        parameters=[
            OpenApiParameter(
                "organisation",
                int,
                description="A commissioning organisation you belong to (default: the one "
                "you are acting for, else your first).",
            )
        ],
    ),
    post=extend_schema(
        summary="Draft an opportunity",
        request=OpportunityCreateSerializer,
        responses={201: OpportunitySerializer},
    ),
)
class OpportunityListCreateView(generics.ListCreateAPIView):
    serializer_class = OpportunityListSerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return Opportunity.objects.none()
        return selectors.opportunity_list_for_organisation(
            organisation=_commissioner_organisation(self.request)
        )

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = OpportunityCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        programme = self._programme(data.pop("programme"))
        with service_errors():
            created = drafting.opportunity_create(actor=request.user, programme=programme, **data)
        opportunity = selectors.opportunity_get_for_commissioner(user=request.user, pk=created.pk)
        return Response(
            OpportunitySerializer(opportunity, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def _programme(self, pk: int) -> Programme:
        try:
            programme = commissioning_selectors.programme_get_for_user(
                user=self.request.user, pk=pk
            )
        except Http404 as exc:
            raise ValidationError(
                {"programme": ["Choose one of your organisation's programmes."]}
            ) from exc
        if not self.request.user.has_perm("tenders.add_opportunity", programme.organisation):
            raise PermissionDenied(
                "Only the programme's commissioners can add opportunities to it."
            )
        return programme


@extend_schema_view(
    get=extend_schema(summary="An opportunity, for its commissioners"),
    patch=extend_schema(
        summary="Change a draft's details",
        request=OpportunityWriteSerializer,
        responses=OpportunitySerializer,
    ),
)
class OpportunityDetailView(generics.RetrieveUpdateAPIView):
    serializer_class = OpportunitySerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> Opportunity:
        return selectors.opportunity_get_for_commissioner(
            user=self.request.user, pk=self.kwargs["pk"]
        )

    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        opportunity = self.get_object()
        serializer = OpportunityWriteSerializer(opportunity, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            drafting.opportunity_update(
                actor=request.user, opportunity=opportunity, **serializer.validated_data
            )
        return Response(self.get_serializer(self.get_object()).data)


@extend_schema_view(
    get=extend_schema(
        summary="Published opportunities, soonest closing first",
        parameters=[PublicOpportunityFilterSerializer],
    )
)
class PublishedOpportunityListView(generics.ListAPIView):
    permission_classes = [permissions.AllowAny]
    serializer_class = PublicOpportunitySerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return Opportunity.objects.none()
        query = PublicOpportunityFilterSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        return selectors.opportunity_list_public(
            selectors.OpportunityFilters(
                q=data.get("q", ""),
                routes=sorted(data.get("route", ())),
                outcome_areas=[o.pk for o in data.get("outcome_area", ())],
                areas=[a.pk for a in data.get("area", ())],
                min_value=data.get("min_value"),
                max_value=data.get("max_value"),
                closing_before=data.get("closing_before"),
                include_closed=data["include_closed"],
            )
        )


@extend_schema_view(get=extend_schema(summary="A published opportunity"))
class PublishedOpportunityDetailView(generics.RetrieveAPIView):
    """Anyone can read a published opportunity; a draft only its own commissioners."""

    permission_classes = [permissions.AllowAny]
    serializer_class = OpportunitySerializer

    def get_object(self) -> Opportunity:
        return selectors.opportunity_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


# An opportunity's parts, for its commissioners.


class _ManagedOpportunityMixin:
    """Views under /opportunities/<pk>/: a stranger's draft is 404, and an opportunity the
    caller can see but does not manage is 403."""

    filter_backends = []
    request: Request
    kwargs: dict[str, Any]

    @cached_property
    def opportunity(self) -> Opportunity:
        opportunity = selectors.opportunity_get_for_user(
            user=self.request.user, pk=self.kwargs["pk"]
        )
        if not self.request.user.has_perm("tenders.change_opportunity", opportunity):
            raise PermissionDenied(MANAGE_REFUSED)
        return opportunity

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        if not _schema_only(self):
            context["opportunity"] = self.opportunity
        return context


class _PartUpdateMixin:
    """PATCH and DELETE through the drafting services (PUT is not offered)."""

    http_method_names = ["get", "patch", "delete", "head", "options"]

    def perform_update(self, serializer: Serializer) -> None:
        with service_errors():
            serializer.instance = self.save_part(serializer.instance, serializer.validated_data)

    def perform_destroy(self, instance: Any) -> None:
        with service_errors():
            self.delete_part(instance)


@extend_schema_view(
    get=extend_schema(summary="Lots"),
    post=extend_schema(summary="Add a lot", responses={201: OpportunityLotSerializer}),
)
class LotListCreateView(_ManagedOpportunityMixin, generics.ListCreateAPIView):
    serializer_class = OpportunityLotSerializer

    def get_queryset(self):
        if _schema_only(self):
            return Lot.objects.none()
        return self.opportunity.lots.all()

    def perform_create(self, serializer: Serializer) -> None:
        with service_errors():
            serializer.instance = drafting.lot_save(
                actor=self.request.user, opportunity=self.opportunity, **serializer.validated_data
            )


class LotDetailView(
    _ManagedOpportunityMixin, _PartUpdateMixin, generics.RetrieveUpdateDestroyAPIView
):
    serializer_class = OpportunityLotSerializer

    def get_object(self) -> Lot:
        return _item(self.opportunity.lots.all(), self.kwargs["item_pk"])

    def save_part(self, lot: Lot, data: dict[str, Any]) -> Lot:
        return drafting.lot_save(
            actor=self.request.user,
            opportunity=self.opportunity,
            lot=lot,
            title=data.get("title", lot.title),
            description=data.get("description", lot.description),
            budget=data.get("budget", lot.budget),
            outcome_areas=data.get("outcome_areas", list(lot.outcome_areas.all())),
        )

    def delete_part(self, lot: Lot) -> None:
        drafting.lot_delete(actor=self.request.user, lot=lot)


@extend_schema_view(
    get=extend_schema(summary="Outcomes sought"),
    post=extend_schema(
        summary="Add an outcome sought", responses={201: OpportunityOutcomeSerializer}
    ),
)
class OutcomeListCreateView(_ManagedOpportunityMixin, generics.ListCreateAPIView):
    serializer_class = OpportunityOutcomeSerializer

    def get_queryset(self):
        if _schema_only(self):
            return OutcomeSought.objects.none()
        return self.opportunity.outcomes_sought.all()

    def perform_create(self, serializer: Serializer) -> None:
        with service_errors():
            serializer.instance = drafting.outcome_add(
                actor=self.request.user, opportunity=self.opportunity, **serializer.validated_data
            )


class OutcomeDetailView(_ManagedOpportunityMixin, generics.DestroyAPIView):
    serializer_class = OpportunityOutcomeSerializer

    def get_object(self) -> OutcomeSought:
        return _item(self.opportunity.outcomes_sought.all(), self.kwargs["item_pk"])

    def perform_destroy(self, instance: OutcomeSought) -> None:
        with service_errors():
            drafting.outcome_remove(actor=self.request.user, outcome=instance)


@extend_schema_view(get=extend_schema(summary="Specification sections, in order"))
class SectionListView(_ManagedOpportunityMixin, generics.ListAPIView):
    serializer_class = OpportunitySectionSerializer

    def get_queryset(self):
        if _schema_only(self):
            return Section.objects.none()
        return sorted(self.opportunity.sections.all(), key=lambda s: SECTION_ORDER[s.key])


@extend_schema_view(
    get=extend_schema(summary="A specification section"),
    put=extend_schema(
        summary="Save a section",
        description="Refused with 409, and both texts, if someone else saved the section "
        "after the revision you started from.",
        request=SectionSaveSerializer,
        responses={200: OpportunitySectionSerializer, 409: SectionConflictErrorSerializer},
    ),
)
class SectionDetailView(_ManagedOpportunityMixin, generics.GenericAPIView):
    serializer_class = OpportunitySectionSerializer

    def get_object(self) -> Section:
        section = next(
            (s for s in self.opportunity.sections.all() if s.key == self.kwargs["key"]), None
        )
        if section is None:
            raise NotFound
        return section

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        section = self.get_object()
        serializer = SectionSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        submitted = serializer.validated_data
        with service_errors():
            try:
                section = drafting.section_save(
                    actor=request.user,
                    opportunity=self.opportunity,
                    key=section.key,
                    body=submitted["body"],
                    revision=submitted["revision"],
                )
            except SectionConflictError as exc:
                return Response(_conflict(exc, submitted), status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(section).data)


def _conflict(exc: SectionConflictError, submitted: dict[str, Any]) -> dict[str, Any]:
    """The common error format, plus the section as saved and the text that was not."""
    current = exc.section
    return {
        "type": "client_error",
        "errors": [{"code": "conflict", "detail": exc.message, "attr": "revision"}],
        "current": {
            "body": current.body,
            "revision": current.revision,
            "updated_at": current.updated_at.isoformat(),
            "updated_by": (current.updated_by.full_name or current.updated_by.email)
            if current.updated_by
            else "",
        },
        "submitted": {"body": submitted["body"], "revision": submitted["revision"]},
    }


@extend_schema_view(
    get=extend_schema(summary="Assessment criteria"),
    post=extend_schema(summary="Add a criterion", responses={201: OpportunityCriterionSerializer}),
)
class CriterionListCreateView(_ManagedOpportunityMixin, generics.ListCreateAPIView):
    serializer_class = OpportunityCriterionSerializer

    def get_queryset(self):
        if _schema_only(self):
            return Criterion.objects.none()
        return self.opportunity.criteria.all()

    def perform_create(self, serializer: Serializer) -> None:
        with service_errors():
            serializer.instance = drafting.criterion_save(
                actor=self.request.user, opportunity=self.opportunity, **serializer.validated_data
            )


class CriterionDetailView(
    _ManagedOpportunityMixin, _PartUpdateMixin, generics.RetrieveUpdateDestroyAPIView
):
    serializer_class = OpportunityCriterionSerializer

    def get_object(self) -> Criterion:
        return _item(self.opportunity.criteria.all(), self.kwargs["item_pk"])

    def save_part(self, criterion: Criterion, data: dict[str, Any]) -> Criterion:
        return drafting.criterion_save(
            actor=self.request.user,
            opportunity=self.opportunity,
            criterion=criterion,
            kind=data.get("kind", criterion.kind),
            title=data.get("title", criterion.title),
            weight=data.get("weight", criterion.weight),
            guidance=data.get("guidance", criterion.guidance),
            word_limit=data.get("word_limit", criterion.word_limit),
            lot=data.get("lot", criterion.lot),
        )

    def delete_part(self, criterion: Criterion) -> None:
        drafting.criterion_delete(actor=self.request.user, criterion=criterion)


@extend_schema_view(
    get=extend_schema(summary="Pass/fail gates"),
    post=extend_schema(summary="Add a gate", responses={201: OpportunityGateSerializer}),
)
class GateListCreateView(_ManagedOpportunityMixin, generics.ListCreateAPIView):
    serializer_class = OpportunityGateSerializer

    def get_queryset(self):
        if _schema_only(self):
            return Gate.objects.none()
        return self.opportunity.gates.all()

    def perform_create(self, serializer: Serializer) -> None:
        with service_errors():
            serializer.instance = drafting.gate_save(
                actor=self.request.user, opportunity=self.opportunity, **serializer.validated_data
            )


class GateDetailView(
    _ManagedOpportunityMixin, _PartUpdateMixin, generics.RetrieveUpdateDestroyAPIView
):
    serializer_class = OpportunityGateSerializer

    def get_object(self) -> Gate:
        return _item(self.opportunity.gates.all(), self.kwargs["item_pk"])

    def save_part(self, gate: Gate, data: dict[str, Any]) -> Gate:
        return drafting.gate_save(
            actor=self.request.user,
            opportunity=self.opportunity,
            gate=gate,
            title=data.get("title", gate.title),
            guidance=data.get("guidance", gate.guidance),
        )

    def delete_part(self, gate: Gate) -> None:
        drafting.gate_delete(actor=self.request.user, gate=gate)


@extend_schema_view(
    get=extend_schema(summary="KPIs and evidence expected"),
    post=extend_schema(summary="Add a KPI", responses={201: OpportunityKpiSerializer}),
)
class KpiListCreateView(_ManagedOpportunityMixin, generics.ListCreateAPIView):
    serializer_class = OpportunityKpiSerializer

    def get_queryset(self):
        if _schema_only(self):
            return OpportunityKpi.objects.none()
        return self.opportunity.kpis.all()

    def perform_create(self, serializer: Serializer) -> None:
        with service_errors():
            serializer.instance = drafting.kpi_add(
                actor=self.request.user, opportunity=self.opportunity, **serializer.validated_data
            )


class KpiDetailView(_ManagedOpportunityMixin, generics.DestroyAPIView):
    serializer_class = OpportunityKpiSerializer

    def get_object(self) -> OpportunityKpi:
        return _item(self.opportunity.kpis.all(), self.kwargs["item_pk"])

    def perform_destroy(self, instance: OpportunityKpi) -> None:
        with service_errors():
            drafting.kpi_remove(actor=self.request.user, item=instance)


@extend_schema_view(
    get=extend_schema(
        summary="The inclusion check",
        description="The draft read against the four barriers small arts and cultural "
        "providers face: each finding says why it matters and how to fix it.",
    )
)
class InclusionCheckView(_ManagedOpportunityMixin, generics.GenericAPIView):
    serializer_class = InclusionCheckSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        findings = [finding.as_dict() for finding in inclusion.run_check(self.opportunity)]
        return Response(self.get_serializer({"findings": findings}).data)


# Moving an opportunity through its life.


class _ActionView(_ManagedOpportunityMixin, generics.GenericAPIView):
    """POST only: check the input, call the lifecycle service, show the new status."""

    serializer_class = OpportunityStatusSerializer
    input_serializer_class: type[Serializer] | None = None

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        opportunity = self.opportunity  # who may act is checked before what they sent
        data: dict[str, Any] = {}
        if self.input_serializer_class is not None:
            serializer = self.input_serializer_class(data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
        with service_errors():
            result = self.act(opportunity, data)
        if result is not None:
            return Response(PublishedVersionSerializer(result).data)
        opportunity.refresh_from_db(fields=list(OpportunityStatusSerializer.Meta.fields))
        return Response(self.get_serializer(opportunity).data)

    def act(self, opportunity: Opportunity, data: dict[str, Any]) -> Any:
        raise NotImplementedError


@extend_schema_view(
    post=extend_schema(
        summary="Publish a draft",
        description="Refused with every problem listed (one error per problem, `attr` "
        "`problems`) if the draft is not ready. Emits an OCDS `tender` release.",
        request=None,
        responses=PublishedVersionSerializer,
    )
)
class PublishView(_ActionView):
    def act(self, opportunity: Opportunity, data: dict[str, Any]) -> Any:
        return lifecycle.opportunity_publish(actor=self.request.user, opportunity=opportunity)


@extend_schema_view(
    post=extend_schema(
        summary="Amend a live opportunity",
        description="A reason is required; the earlier version is kept and everyone "
        "registered is told. Emits an OCDS `tenderAmendment` release.",
        request=OpportunityAmendSerializer,
        responses=PublishedVersionSerializer,
    )
)
class AmendView(_ActionView):
    input_serializer_class = OpportunityAmendSerializer

    def act(self, opportunity: Opportunity, data: dict[str, Any]) -> Any:
        reason = data.pop("reason", "")
        return lifecycle.opportunity_amend(
            actor=self.request.user, opportunity=opportunity, reason=reason, **data
        )


@extend_schema_view(post=extend_schema(summary="Close after the closing time", request=None))
class CloseView(_ActionView):
    def act(self, opportunity: Opportunity, data: dict[str, Any]) -> None:
        lifecycle.opportunity_close(actor=self.request.user, opportunity=opportunity)


@extend_schema_view(post=extend_schema(summary="Start evaluating bids", request=None))
class EvaluationView(_ActionView):
    def act(self, opportunity: Opportunity, data: dict[str, Any]) -> None:
        lifecycle.opportunity_start_evaluation(actor=self.request.user, opportunity=opportunity)


@extend_schema_view(post=extend_schema(summary="Record the decision", request=DecisionSerializer))
class DecideView(_ActionView):
    input_serializer_class = DecisionSerializer

    def act(self, opportunity: Opportunity, data: dict[str, Any]) -> None:
        if "awarded" not in data:
            raise ValidationError({"awarded": ["Say whether the opportunity was awarded."]})
        lifecycle.opportunity_decide(
            actor=self.request.user, opportunity=opportunity, awarded=data["awarded"]
        )


@extend_schema_view(post=extend_schema(summary="Cancel, with a reason", request=ReasonSerializer))
class CancelView(_ActionView):
    input_serializer_class = ReasonSerializer

    def act(self, opportunity: Opportunity, data: dict[str, Any]) -> None:
        lifecycle.opportunity_cancel(
            actor=self.request.user, opportunity=opportunity, reason=data.get("reason", "")
        )


@extend_schema_view(post=extend_schema(summary="Withdraw, with a reason", request=ReasonSerializer))
class WithdrawView(_ActionView):
    input_serializer_class = ReasonSerializer

    def act(self, opportunity: Opportunity, data: dict[str, Any]) -> None:
        lifecycle.opportunity_withdraw(
            actor=self.request.user, opportunity=opportunity, reason=data.get("reason", "")
        )


# Questions, invitations and interest.


@extend_schema_view(get=extend_schema(summary="Clarification questions, with who asked"))
class QuestionListView(_ManagedOpportunityMixin, generics.ListAPIView):
    serializer_class = ClarificationQuestionSerializer

    def get_queryset(self):
        if _schema_only(self):
            return Question.objects.none()
        return selectors.questions_for_commissioner(opportunity=self.opportunity)


@extend_schema_view(
    post=extend_schema(
        summary="Answer a question",
        description="Published to everyone without the asker's identity, or answered "
        "privately with a reason when commercially sensitive.",
        request=QuestionAnswerSerializer,
        responses=ClarificationQuestionSerializer,
    )
)
class QuestionAnswerView(_ManagedOpportunityMixin, generics.GenericAPIView):
    serializer_class = ClarificationQuestionSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        opportunity = self.opportunity
        question = selectors.question_get_for_commissioner(
            user=request.user, pk=self.kwargs["item_pk"]
        )
        if question.opportunity_id != opportunity.pk:
            raise NotFound
        serializer = QuestionAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            question = engagement.question_answer(
                actor=request.user, question=question, **serializer.validated_data
            )
        return Response(self.get_serializer(question).data)


@extend_schema_view(get=extend_schema(summary="Directory providers that match the opportunity"))
class MatchingProviderListView(_ManagedOpportunityMixin, generics.ListAPIView):
    serializer_class = MatchingProviderSerializer

    def get_queryset(self):
        if _schema_only(self):
            return ProviderProfile.objects.none()
        return selectors.matching_providers(opportunity=self.opportunity)


@extend_schema_view(
    get=extend_schema(summary="Personal invitations sent, and who registered since"),
    post=extend_schema(
        summary="Send personal invitations",
        description="In your own name, to providers listed in the directory; organisations "
        "already invited are skipped. Responds with the invitations sent now.",
        request=InvitationSendSerializer,
        responses={201: OpportunityInvitationSerializer(many=True)},
    ),
)
class InvitationListCreateView(_ManagedOpportunityMixin, generics.ListCreateAPIView):
    serializer_class = OpportunityInvitationSerializer

    def get_queryset(self):
        if _schema_only(self):
            return TargetedInvitation.objects.none()
        return selectors.invitations_for(opportunity=self.opportunity)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        opportunity = self.opportunity
        serializer = InvitationSendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            sent = engagement.invitations_send(
                actor=request.user, opportunity=opportunity, **serializer.validated_data
            )
        return Response(self.get_serializer(sent, many=True).data, status=status.HTTP_201_CREATED)


class _PublicOpportunityMixin:
    """Views under /opportunities/published/<pk>/: anything the caller may see (else 404)."""

    filter_backends = []
    request: Request
    kwargs: dict[str, Any]

    @cached_property
    def opportunity(self) -> Opportunity:
        return selectors.opportunity_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


@extend_schema_view(
    get=extend_schema(summary="Published answers to clarification questions"),
    post=extend_schema(
        summary="Ask a clarification question",
        description="Providers only, before the clarification deadline. The question stays "
        "private; if the answer is published, it is published without your identity.",
        request=QuestionAskSerializer,
        responses={201: QuestionAskSerializer},
    ),
)
class PublishedAnswerListView(_PublicOpportunityMixin, generics.ListCreateAPIView):
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    serializer_class = PublishedAnswerSerializer

    def get_queryset(self):
        if _schema_only(self):
            return Question.objects.none()
        return selectors.published_questions(opportunity=self.opportunity)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        opportunity = self.opportunity
        serializer = QuestionAskSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = _bidding_organisation(
            request, data.pop("organisation", None), permission="tenders.ask_question"
        )
        with service_errors():
            question = engagement.question_ask(
                actor=request.user,
                opportunity=opportunity,
                organisation=organisation,
                **data,
            )
        return Response(QuestionAskSerializer(question).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    post=extend_schema(
        summary="Register interest",
        description="Registered providers hear of amendments, answers and cancellation.",
        request=InterestRegisterSerializer,
        responses={201: OpportunityInterestSerializer},
    ),
    delete=extend_schema(
        summary="Withdraw interest",
        parameters=[OpenApiParameter("organisation", int)],
        responses={204: None},
    ),
)
class InterestView(_PublicOpportunityMixin, generics.GenericAPIView):
    serializer_class = OpportunityInterestSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = InterestRegisterSerializer(
            data=request.data, context={"opportunity": self.opportunity}
        )
        serializer.is_valid(raise_exception=True)
        organisation = _bidding_organisation(
            request,
            serializer.validated_data.get("organisation"),
            permission="tenders.register_interest",
        )
        with service_errors():
            interest = engagement.interest_register(
                actor=request.user,
                opportunity=self.opportunity,
                organisation=organisation,
                lots=serializer.validated_data.get("lots", ()),
            )
        return Response(self.get_serializer(interest).data, status=status.HTTP_201_CREATED)

    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        wanted = request.query_params.get("organisation")
        organisation = _bidding_organisation(
            request,
            int(wanted) if wanted and wanted.isdigit() else None,
            permission="tenders.register_interest",
        )
        interest = selectors.interest_for(opportunity=self.opportunity, organisation=organisation)
        if interest is None:
            raise NotFound
        with service_errors():
            engagement.interest_withdraw(actor=request.user, interest=interest)
        return Response(status=status.HTTP_204_NO_CONTENT)
