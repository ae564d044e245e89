"""The panels API: thin views over the services and selectors the pages use.

A panel the caller neither sits on nor manages is 404, and so is a bid a member has not
declared for or is conflicted on (its content is never read). A member asking for a
commissioner's view is 403. A service's refusal is a 400 with its message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import ApplicationError
from evaluation import selectors
from evaluation.models import Assignment, Decision, Declaration, Letter, Panel, PanelMember
from evaluation.serializers import (
    AssignmentSerializer,
    ConsensusSheetInputSerializer,
    DecisionInputSerializer,
    DecisionSerializer,
    DeclarationInputSerializer,
    DeclarationSerializer,
    FundingLineSerializer,
    LetterSerializer,
    MemberInviteSerializer,
    MemberSerializer,
    ModeratedBidSerializer,
    PanelBidSerializer,
    PanelCreateSerializer,
    PanelSerializer,
    RulingInputSerializer,
    ScoreSheetInputSerializer,
    ScoreSheetSerializer,
)
from evaluation.services import conflicts, decisions, moderation, panels
from evaluation.services.scoring import MarkInput, scoresheet_save
from tenders.models import Opportunity

MANAGERS_ONLY = "Only commissioners of the organisation that owns this opportunity can do this."


@contextmanager
def service_errors() -> Iterator[None]:
    try:
        yield
    except ApplicationError as exc:
        detail: dict[str, list[str]] = {"non_field_errors": [exc.message]}
        if exc.extra.get("problems"):
            detail["problems"] = list(exc.extra["problems"])
        raise ValidationError(detail) from exc
    except DjangoValidationError as exc:
        raise ValidationError({"non_field_errors": exc.messages}) from exc


def _schema_only(view: Any) -> bool:
    return getattr(view, "swagger_fake_view", False)


class _PanelMixin:
    request: Request
    kwargs: dict[str, Any]

    @cached_property
    def access(self) -> selectors.PanelAccess:
        return selectors.panel_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def managed(self) -> Panel:
        if not self.access.is_manager:
            raise PermissionDenied(MANAGERS_ONLY)
        return self.access.panel

    def member(self) -> PanelMember:
        if self.access.member is None:
            raise PermissionDenied("Only members of this panel can do this.")
        return self.access.member

    def bid_for(self, bid_id: int):
        return selectors.panel_bid_get(panel=self.access.panel, bid_id=bid_id).bid


@extend_schema_view(
    get=extend_schema(summary="Panels you sit on or manage", tags=["panels"]),
    post=extend_schema(
        summary="Set up a panel for an opportunity",
        request=PanelCreateSerializer,
        responses={201: PanelSerializer},
        tags=["panels"],
    ),
)
class PanelListCreateView(generics.ListAPIView):
    serializer_class = PanelSerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return Panel.objects.none()
        return selectors.panel_list_for_user(user=self.request.user).prefetch_related("lots")

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = PanelCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        opportunity = Opportunity.objects.filter(
            pk=data.pop("opportunity"), organisation__memberships__user=request.user
        ).first()
        if opportunity is None:
            raise ValidationError(
                {"opportunity": ["Choose an opportunity your organisation owns."]}
            )
        numbers = data.pop("lots", [])
        lots = list(opportunity.lots.filter(number__in=numbers))
        if len(lots) != len(set(numbers)):
            raise ValidationError({"lots": ["Choose lots of this opportunity, by number."]})
        with service_errors():
            panel = panels.panel_create(
                actor=request.user, opportunity=opportunity, lots=lots, **data
            )
        return Response(PanelSerializer(panel).data, status=status.HTTP_201_CREATED)


@extend_schema_view(get=extend_schema(summary="One panel", tags=["panels"]))
class PanelDetailView(_PanelMixin, generics.GenericAPIView):
    serializer_class = PanelSerializer

    def get(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(self.access.panel).data)


@extend_schema_view(
    get=extend_schema(summary="The panel's members (commissioners)", tags=["panels"]),
    post=extend_schema(
        summary="Invite a member by email",
        request=MemberInviteSerializer,
        responses={201: MemberSerializer},
        tags=["panels"],
    ),
)
class MemberListView(_PanelMixin, generics.ListAPIView):
    serializer_class = MemberSerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return PanelMember.objects.none()
        return selectors.member_list(panel=self.managed())

    def post(self, request: Request, pk: int) -> Response:
        panel = self.managed()
        serializer = MemberInviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        numbers = data.pop("lots", [])
        lots = [lot for lot in panel.opportunity.lots.all() if lot.number in numbers]
        with service_errors():
            member = panels.member_invite(actor=request.user, panel=panel, lots=lots, **data)
        return Response(MemberSerializer(member).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        summary="Declarations: your own; for the chair and commissioners, every conflict",
        tags=["panels"],
    ),
    post=extend_schema(
        summary="Declare for a bid: none, perceived or actual",
        request=DeclarationInputSerializer,
        responses={201: DeclarationSerializer},
        tags=["panels"],
    ),
)
class DeclarationListView(_PanelMixin, generics.ListAPIView):
    serializer_class = DeclarationSerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return Declaration.objects.none()
        access = self.access
        if access.is_chair or access.is_manager:
            return selectors.declarations_for_panel(panel=access.panel)
        return self.member().declarations.select_related("member").order_by("bid_id")

    def post(self, request: Request, pk: int) -> Response:
        member = self.member()
        serializer = DeclarationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bid = self.bid_for(serializer.validated_data["bid"])
        with service_errors():
            declaration = conflicts.declaration_make(
                actor=request.user,
                member=member,
                bid=bid,
                level=serializer.validated_data["level"],
                note=serializer.validated_data["note"],
            )
        return Response(DeclarationSerializer(declaration).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        summary="Assignments: your own; for commissioners, everyone's", tags=["panels"]
    )
)
class AssignmentListView(_PanelMixin, generics.ListAPIView):
    serializer_class = AssignmentSerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return Assignment.objects.none()
        access = self.access
        queryset = Assignment.objects.filter(panel=access.panel).select_related("member")
        if not access.is_manager:
            queryset = queryset.filter(member=self.member())
        return queryset.order_by("bid_id", "member_id")


@extend_schema_view(
    get=extend_schema(
        summary="A bid's content, for a member who has declared and is cleared to score it",
        description="404 until you have declared no conflict (or the chair has allowed a "
        "perceived one) and the bid is assigned to you.",
        tags=["panels"],
    )
)
class PanelBidView(_PanelMixin, generics.GenericAPIView):
    serializer_class = PanelBidSerializer

    def get(self, request: Request, pk: int, bid_pk: int) -> Response:
        access = self.access
        self.member()
        submission, _ = selectors.submission_for_member(access=access, bid_id=bid_pk)
        bid = submission.bid
        data = {
            "bid": bid.pk,
            "label": selectors.bid_label(access.panel, bid),
            "applicant": None if access.panel.blind_review else bid.organisation.name,
            "submitted_at": submission.submitted_at,
            "amount_requested": selectors.amount_requested(submission),
            "answers": submission.content.get("answers", {}),
            "budget": [
                [str(part) for part in line] for line in submission.content.get("budget", [])
            ],
        }
        return Response(self.get_serializer(data).data)


@extend_schema_view(
    get=extend_schema(summary="Your scores for a bid", tags=["panels"]),
    put=extend_schema(
        summary="Save your scores for a bid (a draft, or submit them)",
        request=ScoreSheetInputSerializer,
        responses=ScoreSheetSerializer,
        tags=["panels"],
    ),
)
class ScoreSheetView(_PanelMixin, generics.GenericAPIView):
    serializer_class = ScoreSheetSerializer

    def _assignment(self, bid_pk: int) -> Assignment:
        self.member()
        _, assignment = selectors.submission_for_member(access=self.access, bid_id=bid_pk)
        return assignment

    def _sheet(self, assignment: Assignment) -> Response:
        assignment.refresh_from_db()
        scores = selectors.scores_for(member=assignment.member, bid=assignment.bid)
        return Response(
            self.get_serializer(
                {"submitted_at": assignment.submitted_at, "scores": list(scores.values())}
            ).data
        )

    def get(self, request: Request, pk: int, bid_pk: int) -> Response:
        return self._sheet(self._assignment(bid_pk))

    def put(self, request: Request, pk: int, bid_pk: int) -> Response:
        assignment = self._assignment(bid_pk)
        serializer = ScoreSheetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marks = {
            item["criterion"]: MarkInput(
                value=item.get("value"),
                not_applicable=item["not_applicable"],
                comment=item["comment"],
                revision=item.get("revision"),
            )
            for item in serializer.validated_data["scores"]
        }
        with service_errors():
            scoresheet_save(
                actor=request.user,
                assignment=assignment,
                marks=marks,
                submit=serializer.validated_data["submit"],
            )
        return self._sheet(assignment)


@extend_schema_view(
    get=extend_schema(
        summary="Moderation: each bid's scores by member and criterion, spread and flags",
        tags=["panels"],
        responses=ModeratedBidSerializer(many=True),
    )
)
class ModerationView(_PanelMixin, generics.GenericAPIView):
    serializer_class = ModeratedBidSerializer
    pagination_class = None
    filter_backends = []  # nothing to filter: one row per bid, all of them

    def get(self, request: Request, pk: int) -> Response:
        access = self.access
        if not (access.is_chair or access.is_manager):
            raise PermissionDenied("Only the chair and the commissioners see moderation.")
        return Response(
            self.get_serializer(selectors.moderation(panel=access.panel), many=True).data
        )


@extend_schema_view(
    post=extend_schema(
        summary="Record the panel's consensus for a bid (the chair)",
        request=ConsensusSheetInputSerializer,
        responses=ModeratedBidSerializer,
        tags=["panels"],
    )
)
class ConsensusView(_PanelMixin, generics.GenericAPIView):
    serializer_class = ModeratedBidSerializer

    def post(self, request: Request, pk: int, bid_pk: int) -> Response:
        access = self.access
        if not access.is_chair:
            raise PermissionDenied("Only the panel's chair records consensus scores.")
        bid = self.bid_for(bid_pk)
        serializer = ConsensusSheetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        criteria = {c.pk: c for c in selectors.criteria_for(opportunity=access.panel.opportunity)}
        with service_errors():
            for item in serializer.validated_data["scores"]:
                criterion = criteria.get(item["criterion"])
                if criterion is None:
                    raise ApplicationError("That criterion does not apply to this bid.")
                moderation.consensus_record(
                    actor=request.user,
                    panel=access.panel,
                    bid=bid,
                    criterion=criterion,
                    value=item.get("value"),
                    not_applicable=item["not_applicable"],
                    rationale=item["rationale"],
                )
        return Response(
            self.get_serializer(selectors.moderated_bid(panel=access.panel, bid_id=bid.pk)).data
        )


@extend_schema_view(get=extend_schema(summary="The proposed funding line", tags=["panels"]))
class FundingLineView(_PanelMixin, generics.GenericAPIView):
    serializer_class = FundingLineSerializer

    def get(self, request: Request, pk: int) -> Response:
        line = selectors.funding_line_for(panel=self.managed()).line
        return Response(
            self.get_serializer(
                {
                    "budget": line.budget,
                    "spent": line.spent,
                    "left": line.left,
                    "funded": line.funded,
                    "marginal": line.marginal,
                    "below": line.below,
                    "guaranteed": line.guaranteed,
                }
            ).data
        )


@extend_schema_view(
    get=extend_schema(summary="Decisions", tags=["panels"]),
    post=extend_schema(
        summary="Record a decision: funded, reserve or not funded",
        description="Differing from the funding line, going over a budget or the most per "
        "bid needs an override_reason.",
        request=DecisionInputSerializer,
        responses={201: DecisionSerializer},
        tags=["panels"],
    ),
)
class DecisionListView(_PanelMixin, generics.ListAPIView):
    serializer_class = DecisionSerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return Decision.objects.none()
        return selectors.decisions_for(panel=self.managed()).order_by("bid_id")

    def post(self, request: Request, pk: int) -> Response:
        panel = self.managed()
        serializer = DecisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        bid = self.bid_for(data.pop("bid"))
        with service_errors():
            decision = decisions.decision_record(actor=request.user, panel=panel, bid=bid, **data)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    post=extend_schema(
        summary="Send every applicant their decision letter",
        request=None,
        responses={201: LetterSerializer(many=True)},
        tags=["panels"],
    )
)
class LettersSendView(_PanelMixin, APIView):
    def post(self, request: Request, pk: int) -> Response:
        panel = self.managed()
        with service_errors():
            letters = decisions.letters_send(actor=request.user, panel=panel)
        return Response(LetterSerializer(letters, many=True).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        summary="Decision letters to the organisations you belong to",
        description="Consensus scores and reasons only: never members' scores or names.",
        tags=["panels"],
    )
)
class LetterListView(generics.ListAPIView):
    serializer_class = LetterSerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return Letter.objects.none()
        return selectors.letter_list_for_user(user=self.request.user)


@extend_schema_view(get=extend_schema(summary="One decision letter", tags=["panels"]))
class LetterDetailView(generics.GenericAPIView):
    serializer_class = LetterSerializer

    def get(self, request: Request, pk: int) -> Response:
        letter = selectors.letter_get_for_user(user=request.user, pk=pk)
        return Response(self.get_serializer(letter).data)


class _PanelActionView(_PanelMixin, APIView):
    """POST only: call one service on the panel and show the panel as it is now."""

    def post(self, request: Request, pk: int, **kwargs: Any) -> Response:
        access = self.access
        with service_errors():
            self.act(access, **kwargs)
        access.panel.refresh_from_db()
        return Response(PanelSerializer(access.panel).data)

    def act(self, access: selectors.PanelAccess, **kwargs: Any) -> None:
        raise NotImplementedError


@extend_schema_view(
    post=extend_schema(
        summary="Open scoring: assign the bids to members (commissioners)",
        request=None,
        responses=PanelSerializer,
        tags=["panels"],
    )
)
class PanelOpenView(_PanelActionView):
    def act(self, access: selectors.PanelAccess, **kwargs: Any) -> None:
        panels.panel_open_scoring(actor=self.request.user, panel=self.managed())


@extend_schema_view(
    post=extend_schema(
        summary="Start moderation: submitted scores can no longer change",
        request=None,
        responses=PanelSerializer,
        tags=["panels"],
    )
)
class ModerationStartView(_PanelActionView):
    def act(self, access: selectors.PanelAccess, **kwargs: Any) -> None:
        if not (access.is_chair or access.is_manager):
            raise PermissionDenied("Only the chair and the commissioners start moderation.")
        panels.panel_start_moderation(actor=self.request.user, panel=access.panel)


@extend_schema_view(
    post=extend_schema(
        summary="The chair decides a perceived conflict",
        request=RulingInputSerializer,
        responses=DeclarationSerializer,
        tags=["panels"],
    )
)
class RulingView(_PanelMixin, APIView):
    def post(self, request: Request, pk: int, declaration_pk: int) -> Response:
        declaration = selectors.declaration_get_for_chair(access=self.access, pk=declaration_pk)
        serializer = RulingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            declaration = conflicts.declaration_rule(
                actor=request.user, declaration=declaration, **serializer.validated_data
            )
        return Response(DeclarationSerializer(declaration).data)


@extend_schema_view(
    post=extend_schema(
        summary="Confirm a funded bid's award, once any standstill has ended",
        request=None,
        responses=DecisionSerializer,
        tags=["panels"],
    )
)
class AwardConfirmView(_PanelMixin, APIView):
    def post(self, request: Request, pk: int, bid_pk: int) -> Response:
        panel = self.managed()
        decision = selectors.decision_get(panel=panel, bid_id=bid_pk)
        if decision is None:
            raise NotFound
        with service_errors():
            decision = decisions.award_confirm(actor=request.user, decision=decision)
        return Response(DecisionSerializer(decision).data)
