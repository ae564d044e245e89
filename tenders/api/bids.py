"""The bids API, for providers: start bids, answer, budget, attach, check, submit, withdraw.

Thin views over tenders.services.bidding and the bid selectors the pages use. A bid the
caller is not the bidder (or a confirmed partner) of does not exist for them: 404 on every
endpoint. A save based on an old revision is a 409 with the current version in the body, so
a client can show both and let the person choose. Submission has its own refusal shape,
{"detail": ..., "missing": [...]}, which the deadline-rush benchmark relies on.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors as account_selectors
from accounts.models import Organisation
from core.errors import ApplicationError
from core.viewutils import file_open
from providers.constants import ALLOWED_UPLOAD_TYPES
from providers.models import Consortium
from tenders import selectors
from tenders.api.opportunities import PROVIDERS_ONLY, service_errors
from tenders.constants import BidStatus, CostType
from tenders.models import Attachment, Bid, BidPartner, Lot, Opportunity, Submission
from tenders.rules import is_bidding_organisation
from tenders.services import bidding
from tenders.services.bidding import BidConflictError, word_count

# Output ---------------------------------------------------------------------------------


class _OrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class _OpportunitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    closes_at = serializers.DateTimeField()
    max_bid = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class BidListSerializer(serializers.ModelSerializer):
    opportunity = _OpportunitySerializer()
    organisation = _OrganisationSerializer()
    submission_count = serializers.IntegerField()

    class Meta:
        model = Bid
        fields = [
            "id",
            "title",
            "status",
            "revision",
            "opportunity",
            "organisation",
            "submission_count",
            "updated_at",
        ]


class AnswerOutputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion.pk")
    title = serializers.CharField(source="criterion.title")
    guidance = serializers.CharField(source="criterion.guidance")
    word_limit = serializers.IntegerField(source="criterion.word_limit", allow_null=True)
    text = serializers.CharField()
    word_count = serializers.IntegerField()
    revision = serializers.IntegerField()


class GateAnswerOutputSerializer(serializers.Serializer):
    gate = serializers.IntegerField(source="gate.pk")
    title = serializers.CharField(source="gate.title")
    meets = serializers.BooleanField(allow_null=True)
    note = serializers.CharField()


class BudgetLineSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=200)
    cost_type = serializers.ChoiceField(choices=CostType.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "name", "file_type", "size", "sha256", "created_at"]


class ReceiptSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="receipt_reference")

    class Meta:
        model = Submission
        fields = ["reference", "number", "submitted_at", "sha256", "is_late"]


class PartnerOutputSerializer(serializers.Serializer):
    organisation = _OrganisationSerializer()
    status = serializers.CharField()


class DeclarationsSerializer(serializers.Serializer):
    declare_eligible = serializers.BooleanField(required=False)
    declare_no_conflicts = serializers.BooleanField(required=False)
    conflicts_note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    declare_accurate = serializers.BooleanField(required=False)


class BidDetailSerializer(serializers.ModelSerializer):
    opportunity = _OpportunitySerializer()
    organisation = _OrganisationSerializer()
    lots = serializers.SerializerMethodField()
    partners = PartnerOutputSerializer(many=True)
    is_lead = serializers.SerializerMethodField()
    editable = serializers.SerializerMethodField()
    declarations = DeclarationsSerializer(source="*")
    budget_lines = BudgetLineSerializer(many=True)
    attachments = AttachmentSerializer(many=True)

    class Meta:
        model = Bid
        fields = [
            "id",
            "title",
            "status",
            "revision",
            "opportunity",
            "organisation",
            "lots",
            "partners",
            "is_lead",
            "editable",
            "declarations",
            "budget_lines",
            "attachments",
            "updated_at",
        ]

    def get_lots(self, bid: Bid) -> list[int]:
        return [lot.number for lot in bid.lots.all()]

    def get_is_lead(self, bid: Bid) -> bool:
        return selectors.bid_is_lead(user=self.context["request"].user, bid=bid)

    def get_editable(self, bid: Bid) -> bool:
        return bid.status != BidStatus.WITHDRAWN and bid.opportunity.is_open


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current = serializers.JSONField(help_text="The version saved by someone else.")


class SubmitRefusedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    missing = serializers.ListField(child=serializers.CharField())


class ChecklistSerializer(serializers.Serializer):
    ready = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())


class PartnerSerializer(serializers.ModelSerializer):
    organisation = _OrganisationSerializer()

    class Meta:
        model = BidPartner
        fields = ["id", "organisation", "status", "created_at"]


class InvitationSerializer(serializers.ModelSerializer):
    bid = serializers.IntegerField(source="bid.pk")
    bid_title = serializers.CharField(source="bid.title")
    lead = _OrganisationSerializer(source="bid.organisation")
    opportunity = _OpportunitySerializer(source="bid.opportunity")
    organisation = _OrganisationSerializer()

    class Meta:
        model = BidPartner
        fields = ["id", "bid", "bid_title", "lead", "opportunity", "organisation", "status"]


# Input ----------------------------------------------------------------------------------


class BidCreateSerializer(serializers.Serializer):
    opportunity = serializers.IntegerField()
    organisation = serializers.IntegerField(
        required=False, help_text="The provider organisation bidding (default: your only one)."
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    lots = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    consortium = serializers.IntegerField(required=False, allow_null=True)


class BidUpdateSerializer(serializers.Serializer):
    revision = serializers.IntegerField(min_value=0)
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    declarations = DeclarationsSerializer(required=False)


class AnswerSaveSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=100_000)
    revision = serializers.IntegerField(min_value=0)


class GateAnswerInputSerializer(serializers.Serializer):
    gate = serializers.IntegerField()
    meets = serializers.BooleanField(allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class GateAnswersSaveSerializer(serializers.Serializer):
    revision = serializers.IntegerField(min_value=0)
    answers = GateAnswerInputSerializer(many=True)


class BudgetSaveSerializer(serializers.Serializer):
    revision = serializers.IntegerField(min_value=0)
    lines = BudgetLineSerializer(many=True)


class PartnerInviteSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(help_text="A provider organisation to invite.")


class InvitationAnswerSerializer(serializers.Serializer):
    accept = serializers.BooleanField()


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


# Helpers --------------------------------------------------------------------------------


def _answers(bid: Bid) -> list[dict[str, Any]]:
    saved = {answer.criterion_id: answer for answer in bid.answers.all()}
    rows = []
    for criterion in selectors.bid_questions(bid):
        answer = saved.get(criterion.pk)
        text = answer.text if answer else ""
        rows.append(
            {
                "criterion": criterion,
                "text": text,
                "word_count": word_count(text),
                "revision": answer.revision if answer else 0,
            }
        )
    return rows


def _gate_answers(bid: Bid) -> list[dict[str, Any]]:
    saved = {answer.gate_id: answer for answer in bid.gate_answers.all()}
    return [
        {
            "gate": gate,
            "meets": saved[gate.pk].meets if gate.pk in saved else None,
            "note": saved[gate.pk].note if gate.pk in saved else "",
        }
        for gate in bid.opportunity.gates.all()
    ]


def _conflict(exc: BidConflictError, current: Any) -> Response:
    return Response({"detail": exc.message, "current": current}, status=status.HTTP_409_CONFLICT)


class _BidMixin:
    """The bid in the URL, for its bidder and confirmed partners; 404 for everyone else."""

    kwargs: dict[str, Any]
    request: Request
    # Only for the schema's path parameters: every view fetches its bid through the selector.
    queryset = Bid.objects.none()

    def get_bid(self) -> Bid:
        return selectors.bid_get_for_bidder(user=self.request.user, pk=self.kwargs["pk"])

    def detail(self, bid: Bid) -> dict[str, Any]:
        fresh = selectors.bid_record_for_bidder(user=self.request.user, pk=bid.pk)
        return BidDetailSerializer(fresh, context={"request": self.request}).data


def _organisation(request: Request, organisation_id: int | None) -> Organisation:
    memberships = account_selectors.membership_list_for_user(user=request.user)
    candidates = [
        m.organisation for m in memberships if is_bidding_organisation(None, m.organisation)
    ]
    if organisation_id is not None:
        chosen = next((o for o in candidates if o.pk == organisation_id), None)
        if chosen is None:
            raise ValidationError({"organisation": [PROVIDERS_ONLY]})
        return chosen
    if len(candidates) == 1:
        return candidates[0]
    active = getattr(request, "organisation", None)
    if active in candidates:
        return active
    if not candidates:
        raise ValidationError({"organisation": [PROVIDERS_ONLY]})
    raise ValidationError(
        {"organisation": ["You belong to several provider organisations: say which one."]}
    )


# Views ----------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(summary="Your organisations' bids, as lead or partner"),
    post=extend_schema(
        summary="Start a bid",
        request=BidCreateSerializer,
        responses={201: BidDetailSerializer},
    ),
)
class BidListCreateView(generics.ListAPIView):
    serializer_class = BidListSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Bid.objects.none()
        return selectors.bid_list_for_user(user=self.request.user)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = BidCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = _organisation(request, data.get("organisation"))
        try:
            opportunity = selectors.opportunity_get_for_user(
                user=request.user, pk=data["opportunity"]
            )
        except Http404 as exc:
            raise ValidationError({"opportunity": ["Choose a published opportunity."]}) from exc
        lots = self._lots(opportunity, data["lots"])
        consortium = self._consortium(organisation, data.get("consortium"))
        with service_errors():
            bid = bidding.bid_start(
                actor=request.user,
                opportunity=opportunity,
                organisation=organisation,
                title=data.get("title", ""),
                lots=lots,
                consortium=consortium,
            )
        fresh = selectors.bid_get_for_bidder(user=request.user, pk=bid.pk)
        return Response(
            BidDetailSerializer(fresh, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @staticmethod
    def _lots(opportunity: Opportunity, numbers: list[int]) -> list[Lot]:
        by_number = {lot.number: lot for lot in opportunity.lots.all()}
        missing = [n for n in numbers if n not in by_number]
        if missing:
            raise ValidationError(
                {"lots": [f"This opportunity has no lot {', '.join(map(str, missing))}."]}
            )
        return [by_number[n] for n in numbers]

    @staticmethod
    def _consortium(organisation: Organisation, pk: int | None) -> Consortium | None:
        if pk is None:
            return None
        consortium = selectors.consortia_led_by(organisation=organisation).filter(pk=pk).first()
        if consortium is None:
            raise ValidationError({"consortium": ["Choose a consortium your organisation leads."]})
        return consortium


@extend_schema_view(
    get=extend_schema(summary="A bid", responses=BidDetailSerializer),
    patch=extend_schema(
        summary="Change a bid's title or declarations",
        request=BidUpdateSerializer,
        responses={200: BidDetailSerializer, 409: ConflictSerializer},
    ),
)
class BidDetailView(_BidMixin, generics.GenericAPIView):
    serializer_class = BidDetailSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = selectors.bid_record_for_bidder(user=request.user, pk=self.kwargs["pk"])
        return Response(BidDetailSerializer(bid, context={"request": request}).data)

    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = self.get_bid()
        serializer = BidUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_errors():
            try:
                bidding.bid_update(
                    actor=request.user,
                    bid=bid,
                    revision=data["revision"],
                    title=data.get("title"),
                    declarations=data.get("declarations"),
                )
            except BidConflictError as exc:
                return _conflict(exc, self.detail(bid))
        return Response(self.detail(bid))


@extend_schema_view(
    get=extend_schema(
        summary="A bid's answers, one per question",
        operation_id="v1_bids_answers_list",
        responses=AnswerOutputSerializer(many=True),
    )
)
class AnswerListView(_BidMixin, generics.GenericAPIView):
    serializer_class = AnswerOutputSerializer
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(AnswerOutputSerializer(_answers(self.get_bid()), many=True).data)


@extend_schema_view(
    put=extend_schema(
        summary="Save one answer",
        description="Send the revision you last read. A stale revision is refused with 409 "
        "and the saved answer, so nothing is silently overwritten.",
        request=AnswerSaveSerializer,
        responses={200: AnswerOutputSerializer, 409: ConflictSerializer},
    )
)
class AnswerDetailView(_BidMixin, generics.GenericAPIView):
    serializer_class = AnswerOutputSerializer

    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = self.get_bid()
        criterion = next(
            (c for c in selectors.bid_questions(bid) if c.pk == self.kwargs["criterion_pk"]), None
        )
        if criterion is None:
            raise NotFound
        serializer = AnswerSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            try:
                answer = bidding.answer_save(
                    actor=request.user, bid=bid, criterion=criterion, **serializer.validated_data
                )
            except BidConflictError as exc:
                current = exc.current
                return _conflict(
                    exc,
                    {
                        "criterion": criterion.pk,
                        "text": current.text,
                        "revision": current.revision,
                        "updated_at": current.updated_at,
                        "updated_by": str(current.updated_by) if current.updated_by else None,
                    },
                )
        row = {
            "criterion": criterion,
            "text": answer.text,
            "word_count": word_count(answer.text),
            "revision": answer.revision,
        }
        return Response(AnswerOutputSerializer(row).data)


@extend_schema_view(
    get=extend_schema(
        summary="A bid's pass/fail answers",
        operation_id="v1_bids_gates_list",
        responses=GateAnswerOutputSerializer(many=True),
    ),
    put=extend_schema(
        summary="Answer the pass/fail requirements",
        request=GateAnswersSaveSerializer,
        responses={200: GateAnswerOutputSerializer(many=True), 409: ConflictSerializer},
    ),
)
class GateAnswerView(_BidMixin, generics.GenericAPIView):
    serializer_class = GateAnswerOutputSerializer
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(GateAnswerOutputSerializer(_gate_answers(self.get_bid()), many=True).data)

    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = self.get_bid()
        serializer = GateAnswersSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        answers = {row["gate"]: (row["meets"], row["note"]) for row in data["answers"]}
        with service_errors():
            try:
                bidding.bid_update(
                    actor=request.user, bid=bid, revision=data["revision"], gate_answers=answers
                )
            except BidConflictError as exc:
                return _conflict(exc, self.detail(bid))
        fresh = selectors.bid_get_for_bidder(user=request.user, pk=bid.pk)
        return Response(GateAnswerOutputSerializer(_gate_answers(fresh), many=True).data)


@extend_schema_view(
    get=extend_schema(
        summary="A bid's budget lines",
        operation_id="v1_bids_budget_list",
        responses=BudgetLineSerializer(many=True),
    ),
    put=extend_schema(
        summary="Replace the budget table",
        description="The whole table at once. Refused if the total is over the most a bid may "
        "ask for.",
        request=BudgetSaveSerializer,
        responses={200: BudgetLineSerializer(many=True), 409: ConflictSerializer},
    ),
)
class BudgetView(_BidMixin, generics.GenericAPIView):
    serializer_class = BudgetLineSerializer
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(BudgetLineSerializer(self.get_bid().budget_lines.all(), many=True).data)

    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = self.get_bid()
        serializer = BudgetSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_errors():
            try:
                bidding.bid_update(
                    actor=request.user,
                    bid=bid,
                    revision=data["revision"],
                    budget_lines=[dict(line) for line in data["lines"]],
                )
            except BidConflictError as exc:
                return _conflict(exc, self.detail(bid))
        fresh = selectors.bid_get_for_bidder(user=request.user, pk=bid.pk)
        return Response(BudgetLineSerializer(fresh.budget_lines.all(), many=True).data)


@extend_schema_view(
    get=extend_schema(
        summary="A bid's attachments",
        operation_id="v1_bids_attachments_list",
        responses=AttachmentSerializer(many=True),
    ),
    post=extend_schema(
        summary="Attach a file",
        description="Multipart, field `file`. Checked by content, size and expansion.",
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer},
    ),
)
class AttachmentListView(_BidMixin, generics.GenericAPIView):
    serializer_class = AttachmentSerializer
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(AttachmentSerializer(self.get_bid().attachments.all(), many=True).data)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = self.get_bid()
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            attachment = bidding.attachment_add(
                actor=request.user, bid=bid, file=serializer.validated_data["file"]
            )
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        summary="Download an attachment",
        # Served as the type its content was checked to be (providers/uploads.py).
        responses={(200, mime): bytes for mime in ALLOWED_UPLOAD_TYPES},
    ),
    delete=extend_schema(summary="Remove an attachment", responses={204: None}),
)
class AttachmentDetailView(_BidMixin, generics.GenericAPIView):
    serializer_class = AttachmentSerializer

    def _attachment(self) -> Attachment:
        bid = self.get_bid()
        attachment = selectors.attachment_get_for_user(
            user=self.request.user, pk=self.kwargs["attachment_pk"]
        )
        if attachment.bid_id != bid.pk:
            raise NotFound
        return attachment

    def get(self, request: Request, *args: Any, **kwargs: Any) -> FileResponse:
        attachment = self._attachment()
        return FileResponse(
            file_open(attachment.file),
            as_attachment=True,
            filename=attachment.name,
            content_type=attachment.file_type,
        )

    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        attachment = self._attachment()
        with service_errors():
            bidding.attachment_remove(actor=request.user, attachment=attachment)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(get=extend_schema(summary="What stops the bid being submitted"))
class ChecklistView(_BidMixin, generics.GenericAPIView):
    serializer_class = ChecklistSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        missing = bidding.bid_checklist(self.get_bid())
        return Response({"ready": not missing, "missing": missing})


@extend_schema_view(
    post=extend_schema(
        summary="Submit (or resubmit) the bid",
        description="Only the lead organisation submits. Each submission is a new version "
        "with a receipt: the server's time and a SHA-256 digest of the content and files. "
        "Refused with `missing`, what to fix; after the closing time refused too.",
        request=None,
        responses={201: ReceiptSerializer, 400: SubmitRefusedSerializer},
    )
)
class SubmitView(_BidMixin, generics.GenericAPIView):
    serializer_class = ReceiptSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = selectors.bid_for_bidder_to_act(user=request.user, pk=self.kwargs["pk"])
        try:
            submission = bidding.bid_submit(actor=request.user, bid=bid)
        except ApplicationError as exc:
            missing = list(exc.extra.get("problems", []))
            detail = "Your bid cannot be submitted yet." if missing else exc.message
            return Response(
                {"detail": detail, "missing": missing}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(ReceiptSerializer(submission).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    post=extend_schema(
        summary="Withdraw the bid",
        description="Only the lead organisation, before the closing time. Submitted versions "
        "are kept for the record.",
        request=None,
        responses=BidDetailSerializer,
    )
)
class WithdrawView(_BidMixin, generics.GenericAPIView):
    serializer_class = BidDetailSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = self.get_bid()
        with service_errors():
            bidding.bid_withdraw(actor=request.user, bid=bid)
        return Response(self.detail(bid))


@extend_schema_view(
    get=extend_schema(
        summary="Every submitted version's receipt, newest first",
        operation_id="v1_bids_receipts_list",
        responses=ReceiptSerializer(many=True),
    )
)
class ReceiptListView(_BidMixin, generics.GenericAPIView):
    serializer_class = ReceiptSerializer
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = self.get_bid()
        return Response(ReceiptSerializer(bid.submissions.all(), many=True).data)


@extend_schema_view(
    get=extend_schema(
        summary="The organisations asked to take part in a bid",
        operation_id="v1_bids_partners_list",
        responses=PartnerSerializer(many=True),
    ),
    post=extend_schema(
        summary="Invite a partner organisation (lead only)",
        request=PartnerInviteSerializer,
        responses={201: PartnerSerializer},
    ),
)
class PartnerListView(_BidMixin, generics.GenericAPIView):
    serializer_class = PartnerSerializer
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(PartnerSerializer(self.get_bid().partners.all(), many=True).data)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = self.get_bid()
        serializer = PartnerInviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = (
            selectors.bid_partner_candidates(bid=bid)
            .filter(pk=serializer.validated_data["organisation"])
            .first()
        )
        if organisation is None:
            raise ValidationError(
                {"organisation": ["Choose a listed provider that has not been asked yet."]}
            )
        with service_errors():
            partner = bidding.bid_partner_invite(
                actor=request.user, bid=bid, organisation=organisation
            )
        return Response(PartnerSerializer(partner).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(summary="Invitations to take part in other organisations' bids")
)
class InvitationListView(generics.ListAPIView):
    serializer_class = InvitationSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BidPartner.objects.none()
        return selectors.bid_invitations_for_user(user=self.request.user)


@extend_schema_view(
    post=extend_schema(
        summary="Accept or decline an invitation",
        request=InvitationAnswerSerializer,
        responses=InvitationSerializer,
    )
)
class InvitationAnswerView(generics.GenericAPIView):
    serializer_class = InvitationSerializer
    queryset = BidPartner.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partner = selectors.bid_partner_get_for_invitee(user=request.user, pk=self.kwargs["pk"])
        serializer = InvitationAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            partner = bidding.bid_partner_respond(
                actor=request.user, partner=partner, accept=serializer.validated_data["accept"]
            )
        return Response(InvitationSerializer(partner).data)
