"""API input and output for panels. Members' identities and scores never appear in anything
an applicant can read (letters hold only the consensus and reasons)."""

from __future__ import annotations

from rest_framework import serializers

from evaluation.constants import (
    AssignmentMode,
    ConflictLevel,
    ConflictRuling,
    Outcome,
    PanelRole,
    PanelStatus,
)
from evaluation.models import Assignment, Decision, Declaration, Letter, Panel, PanelMember, Score


class PanelSerializer(serializers.ModelSerializer):
    opportunity = serializers.IntegerField(source="opportunity_id", read_only=True)
    opportunity_title = serializers.CharField(source="opportunity.title", read_only=True)
    lots = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=PanelStatus.choices, read_only=True)

    class Meta:
        model = Panel
        fields = [
            "id",
            "name",
            "opportunity",
            "opportunity_title",
            "lots",
            "status",
            "briefing",
            "assignment_mode",
            "min_scorers_per_bid",
            "blind_review",
            "comment_min_length",
            "variance_threshold",
            "interview_stage",
            "interview_notes",
            "budget",
            "guarantee_one_per_lot",
            "letters_sent_at",
            "standstill_ends_on",
        ]
        read_only_fields = fields

    def get_lots(self, panel: Panel) -> list[int]:
        return [lot.number for lot in panel.lots.all()]


class PanelCreateSerializer(serializers.Serializer):
    opportunity = serializers.IntegerField()
    name = serializers.CharField(max_length=200)
    lots = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Lot numbers; none for every lot.",
    )
    briefing = serializers.CharField(required=False, allow_blank=True)
    assignment_mode = serializers.ChoiceField(choices=AssignmentMode.choices, required=False)
    min_scorers_per_bid = serializers.IntegerField(min_value=1, required=False)
    blind_review = serializers.BooleanField(required=False)
    comment_min_length = serializers.IntegerField(min_value=0, required=False)
    variance_threshold = serializers.DecimalField(max_digits=4, decimal_places=1, required=False)
    interview_stage = serializers.BooleanField(required=False)
    interview_notes = serializers.CharField(required=False, allow_blank=True)
    budget = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    guarantee_one_per_lot = serializers.BooleanField(required=False)


class MemberSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=PanelRole.choices)
    joined = serializers.BooleanField(source="is_active", read_only=True)
    lots = serializers.SerializerMethodField()

    class Meta:
        model = PanelMember
        fields = ["id", "full_name", "email", "role", "joined", "lots"]
        read_only_fields = fields

    def get_lots(self, member: PanelMember) -> list[int]:
        return [lot.number for lot in member.lots.all()]


class MemberInviteSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=PanelRole.choices)
    lots = serializers.ListField(child=serializers.IntegerField(), required=False)


class DeclarationSerializer(serializers.ModelSerializer):
    level = serializers.ChoiceField(choices=ConflictLevel.choices)
    ruling = serializers.ChoiceField(choices=ConflictRuling.choices, allow_blank=True)
    member = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Declaration
        fields = [
            "id",
            "bid",
            "member",
            "level",
            "note",
            "ruling",
            "ruling_note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class DeclarationInputSerializer(serializers.Serializer):
    bid = serializers.IntegerField()
    level = serializers.ChoiceField(choices=ConflictLevel.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RulingInputSerializer(serializers.Serializer):
    ruling = serializers.ChoiceField(
        choices=[(ConflictRuling.MAY_SCORE, "May score"), (ConflictRuling.EXCLUDED, "Removed")]
    )
    note = serializers.CharField(allow_blank=True)


class AssignmentSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "bid", "member", "submitted_at", "set_aside_at", "set_aside_reason"]
        read_only_fields = fields


class PanelBidSerializer(serializers.Serializer):
    """A bid's content as a cleared, assigned member reads it (the applicant hidden in blind
    review)."""

    bid = serializers.IntegerField()
    label = serializers.CharField()
    applicant = serializers.CharField(allow_null=True)
    submitted_at = serializers.DateTimeField()
    amount_requested = serializers.DecimalField(max_digits=12, decimal_places=2)
    answers = serializers.DictField(child=serializers.CharField(allow_blank=True))
    budget = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = ["criterion", "value", "not_applicable", "comment", "revision", "updated_at"]
        read_only_fields = fields


class ScoreInputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    value = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, allow_null=True
    )
    not_applicable = serializers.BooleanField(required=False, default=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    revision = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The revision you loaded; a newer save elsewhere is refused.",
    )


class ScoreSheetInputSerializer(serializers.Serializer):
    scores = ScoreInputSerializer(many=True)
    submit = serializers.BooleanField(required=False, default=False)


class ScoreSheetSerializer(serializers.Serializer):
    submitted_at = serializers.DateTimeField(allow_null=True)
    scores = ScoreSerializer(many=True)


class ConsensusInputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    value = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, allow_null=True
    )
    not_applicable = serializers.BooleanField(required=False, default=False)
    rationale = serializers.CharField(allow_blank=True)


class ConsensusSheetInputSerializer(serializers.Serializer):
    scores = ConsensusInputSerializer(many=True)


class CriterionModerationSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion.pk")
    title = serializers.CharField(source="criterion.title")
    weight = serializers.DecimalField(source="criterion.weight", max_digits=5, decimal_places=2)
    scores = serializers.SerializerMethodField()
    mean = serializers.DecimalField(
        source="spread.mean", max_digits=6, decimal_places=2, allow_null=True
    )
    median = serializers.DecimalField(
        source="spread.median", max_digits=6, decimal_places=2, allow_null=True
    )
    range = serializers.DecimalField(
        source="spread.range", max_digits=6, decimal_places=1, allow_null=True
    )
    flagged = serializers.BooleanField()
    consensus = serializers.SerializerMethodField()

    def get_scores(self, row) -> dict[str, str | None]:
        return {
            str(member_id): (None if s.not_applicable else str(s.value))
            for member_id, s in row.marks.items()
        }

    def get_consensus(self, row) -> dict[str, str | bool | None] | None:
        if row.consensus is None:
            return None
        return {
            "value": None if row.consensus.not_applicable else str(row.consensus.value),
            "not_applicable": row.consensus.not_applicable,
            "rationale": row.consensus.rationale,
        }


class ModeratedBidSerializer(serializers.Serializer):
    bid = serializers.IntegerField(source="bid.pk")
    title = serializers.CharField(source="bid.title")
    applicant = serializers.CharField(source="bid.organisation.name")
    lot = serializers.IntegerField(source="lot.number", allow_null=True, default=None)
    amount_requested = serializers.DecimalField(source="amount", max_digits=12, decimal_places=2)
    scorers_assigned = serializers.IntegerField(source="assigned")
    scorers_submitted = serializers.IntegerField(source="submitted")
    flagged = serializers.BooleanField()
    consensus_total = serializers.DecimalField(
        source="consensus_total.value", max_digits=6, decimal_places=2, allow_null=True
    )
    criteria = CriterionModerationSerializer(source="rows", many=True)


class FundingLineBidSerializer(serializers.Serializer):
    bid = serializers.IntegerField(source="bid_id")
    total = serializers.DecimalField(max_digits=6, decimal_places=2)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    lot = serializers.IntegerField(source="lot_id", allow_null=True)


class FundingLineSerializer(serializers.Serializer):
    budget = serializers.DecimalField(max_digits=12, decimal_places=2)
    spent = serializers.DecimalField(max_digits=12, decimal_places=2)
    left = serializers.DecimalField(max_digits=12, decimal_places=2)
    funded = FundingLineBidSerializer(many=True)
    marginal = FundingLineBidSerializer(many=True)
    below = FundingLineBidSerializer(many=True)
    guaranteed = serializers.ListField(child=serializers.IntegerField())


class DecisionSerializer(serializers.ModelSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    proposed_outcome = serializers.ChoiceField(choices=Outcome.choices, allow_blank=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "bid",
            "outcome",
            "proposed_outcome",
            "amount_requested",
            "amount_awarded",
            "reasons",
            "override_reason",
            "confirmed_at",
        ]
        read_only_fields = fields


class DecisionInputSerializer(serializers.Serializer):
    bid = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    amount_awarded = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    reasons = serializers.CharField(allow_blank=True)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class LetterSerializer(serializers.ModelSerializer):
    bid = serializers.IntegerField(source="decision.bid_id", read_only=True)

    class Meta:
        model = Letter
        fields = ["id", "bid", "subject", "sent_at", "content"]
        read_only_fields = fields
