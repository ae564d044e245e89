"""The commissioner's sealed-bids API: counts, the audited opening, the register, gate
decisions and sending bids to evaluation.

The same selectors and services as the pages (tenders/views/opening.py). An opportunity the
caller may not see is 404, one they may see but do not manage is 403, and bid content (the
register, a bid's gate decision) is 404 until the bids are opened.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from tenders import bidpack, selectors
from tenders.api.opportunities import _ManagedOpportunityMixin, service_errors
from tenders.constants import Eligibility
from tenders.services import opening
from tenders.services.opening import NOTE_MAX_LENGTH


class _LotCountSerializer(serializers.Serializer):
    lot = serializers.IntegerField(source="lot.pk")
    number = serializers.IntegerField(source="lot.number")
    title = serializers.CharField(source="lot.title")
    interested = serializers.IntegerField()
    drafts = serializers.IntegerField()
    submitted = serializers.IntegerField()


class BidCountsSerializer(serializers.Serializer):
    opened_at = serializers.DateTimeField(allow_null=True)
    interested = serializers.IntegerField()
    drafts = serializers.IntegerField()
    submitted = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    lots = _LotCountSerializer(many=True)


class OpeningSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    bids_opened_at = serializers.DateTimeField()
    bids_opened_by = serializers.EmailField(source="bids_opened_by.email", allow_null=True)


class RegisterRowSerializer(serializers.Serializer):
    bid = serializers.IntegerField()
    organisation = serializers.CharField()
    org_id = serializers.CharField()
    bid_title = serializers.CharField()
    lots = serializers.CharField(help_text="Lot numbers, comma separated.")
    version = serializers.IntegerField()
    latest = serializers.BooleanField()
    submitted_at = serializers.DateTimeField()
    sha256 = serializers.CharField()
    late = serializers.BooleanField()
    late_reason = serializers.CharField()
    late_accepted_by = serializers.CharField()
    bid_status = serializers.CharField()
    eligibility = serializers.CharField()


class EligibilityInputSerializer(serializers.Serializer):
    passed = serializers.BooleanField(
        error_messages={"required": "Say whether the bid passes the gates."}
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=NOTE_MAX_LENGTH,
        help_text="Required when the bid fails: the reason is kept for the feedback.",
    )


class EligibilitySerializer(serializers.Serializer):
    bid = serializers.IntegerField(source="pk")
    eligibility = serializers.ChoiceField(choices=Eligibility.choices)
    note = serializers.CharField(source="eligibility_note")
    decided_at = serializers.DateTimeField(source="eligibility_decided_at", allow_null=True)
    decided_by = serializers.EmailField(source="eligibility_decided_by.email", allow_null=True)


class OpportunityStatusOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


@extend_schema_view(
    get=extend_schema(
        summary="How many bids (sealed or not)",
        description="Registered interest, drafts, submitted and withdrawn bids, and per lot. "
        "Never who or what: this is all a commissioner sees until the bids are opened.",
    )
)
class BidCountsView(_ManagedOpportunityMixin, generics.GenericAPIView):
    serializer_class = BidCountsSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        counts = selectors.bid_counts(opportunity=self.opportunity)
        data = {
            "opened_at": self.opportunity.bids_opened_at,
            "interested": counts.interested,
            "drafts": counts.drafts,
            "submitted": counts.submitted,
            "withdrawn": counts.withdrawn,
            "lots": counts.lots,
        }
        return Response(self.get_serializer(data).data)


@extend_schema_view(
    post=extend_schema(
        summary="Open the bids (once, after close)",
        description="Audited with each bid's latest submission number and SHA-256 digest; "
        "nobody is emailed. Refused (400) before close or a second time.",
        request=None,
    )
)
class BidsOpenView(_ManagedOpportunityMixin, generics.GenericAPIView):
    serializer_class = OpeningSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        opportunity = self.opportunity
        with service_errors():
            opened = opening.opportunity_bids_open(actor=request.user, opportunity=opportunity)
        return Response(self.get_serializer(opened).data)


@extend_schema_view(
    get=extend_schema(
        summary="The register of bids",
        description="Every submitted version of every bid: who, when, which version, its "
        "digest, late or not. 404 until the bids are opened.",
    )
)
class BidRegisterView(_ManagedOpportunityMixin, generics.GenericAPIView):
    serializer_class = RegisterRowSerializer
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = bidpack.register_rows(
            selectors.register_for_commissioner(user=request.user, opportunity=self.opportunity)
        )
        return Response(self.get_serializer(rows, many=True).data)


@extend_schema_view(
    get=extend_schema(summary="A bid's gate decision (after opening)"),
    post=extend_schema(
        summary="Record whether a bid passes the gates",
        description="After opening and before evaluation. A fail needs a note.",
        request=EligibilityInputSerializer,
    ),
)
class BidEligibilityView(_ManagedOpportunityMixin, generics.GenericAPIView):
    serializer_class = EligibilitySerializer

    def get_bid(self):
        return selectors.bid_get_for_commissioner(
            user=self.request.user, opportunity=self.opportunity, pk=self.kwargs["bid_pk"]
        )

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(self.get_bid()).data)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        bid = self.get_bid()
        serializer = EligibilityInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            bid = opening.bid_eligibility_set(
                actor=request.user,
                bid=bid,
                passed=serializer.validated_data["passed"],
                note=serializer.validated_data.get("note", ""),
            )
        return Response(self.get_serializer(bid).data)


@extend_schema_view(
    post=extend_schema(
        summary="Send the opened bids to evaluation",
        description="Every submitted bid needs a gate decision first (refused with each "
        "undecided bid under `problems`); failed bids are not evaluated.",
        request=None,
    )
)
class SendToEvaluationView(_ManagedOpportunityMixin, generics.GenericAPIView):
    serializer_class = OpportunityStatusOutSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        opportunity = self.opportunity
        if opportunity.bids_opened_at is None:
            raise NotFound  # nothing about the bids exists for the caller until opening
        with service_errors():
            moved = opening.opportunity_send_to_evaluation(
                actor=request.user, opportunity=opportunity
            )
        return Response(self.get_serializer(moved).data)
