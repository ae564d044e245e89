"""API input and output for opportunities. Output serializers read what the selectors prefetch;
input serializers only check shapes and look up vocabulary, the services decide the rest."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.constants import OrganisationKind
from accounts.models import Organisation
from commissioning.models import Area, ArtForm, Kpi, OutcomeArea
from tenders.constants import Route, SectionKey
from tenders.models import (
    Criterion,
    Gate,
    Interest,
    Lot,
    Opportunity,
    OpportunityKpi,
    OutcomeSought,
    PublishedVersion,
    Question,
    Section,
    TargetedInvitation,
)
from tenders.services.drafting import DETAIL_FIELDS

SECTION_ORDER = {key: position for position, key in enumerate(SectionKey.values)}


def _person(user) -> str:
    return (user.full_name or user.email) if user is not None else ""


class OpportunityOrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ("id", "name")
        read_only_fields = fields


# Parts of an opportunity.


class OpportunityLotSerializer(serializers.ModelSerializer):
    outcome_areas = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=OutcomeArea.objects.all(), required=False
    )

    class Meta:
        model = Lot
        fields = ("id", "number", "title", "description", "budget", "outcome_areas")
        read_only_fields = ("id", "number")


class OpportunityOutcomeSerializer(serializers.ModelSerializer):
    outcome_area = serializers.SlugRelatedField(
        slug_field="slug", queryset=OutcomeArea.objects.all()
    )

    class Meta:
        model = OutcomeSought
        fields = ("id", "outcome_area", "statement", "position")
        read_only_fields = ("id", "position")


class OpportunitySectionSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="get_key_display", read_only=True)
    updated_by = serializers.SerializerMethodField()

    class Meta:
        model = Section
        fields = ("key", "title", "body", "revision", "updated_at", "updated_by")
        read_only_fields = fields

    def get_updated_by(self, section: Section) -> str:
        return _person(section.updated_by)


class SectionSaveSerializer(serializers.Serializer):
    body = serializers.CharField(
        allow_blank=True, trim_whitespace=False, help_text="HTML; it is sanitised when saved."
    )
    revision = serializers.IntegerField(
        min_value=0,
        help_text="The revision you started editing from. If someone has saved since, the save "
        "is refused with 409 and both texts.",
    )


class SectionConflictDetailSerializer(serializers.Serializer):
    body = serializers.CharField()
    revision = serializers.IntegerField()
    updated_at = serializers.DateTimeField()
    updated_by = serializers.CharField()


class SectionConflictErrorSerializer(serializers.Serializer):
    """The common error format, with both versions of the section so they can be compared."""

    type = serializers.CharField()
    errors = serializers.ListField(child=serializers.DictField())
    current = SectionConflictDetailSerializer(help_text="The section as someone else saved it.")
    submitted = SectionSaveSerializer(help_text="What you sent; it has not been saved.")


class OpportunityCriterionSerializer(serializers.ModelSerializer):
    lot = serializers.PrimaryKeyRelatedField(
        queryset=Lot.objects.none(),
        allow_null=True,
        required=False,
        help_text="A lot of this opportunity, for a criterion that applies to that lot only.",
    )

    class Meta:
        model = Criterion
        fields = ("id", "kind", "title", "guidance", "weight", "word_limit", "lot", "position")
        read_only_fields = ("id", "position")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        opportunity = self.context.get("opportunity")
        if opportunity is not None:
            self.fields["lot"].queryset = opportunity.lots.all()


class OpportunityGateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gate
        fields = ("id", "title", "guidance", "position")
        read_only_fields = ("id", "position")


class OpportunityKpiSerializer(serializers.ModelSerializer):
    kpi = serializers.SlugRelatedField(slug_field="slug", queryset=Kpi.objects.all())
    name = serializers.CharField(source="kpi.name", read_only=True)

    class Meta:
        model = OpportunityKpi
        fields = ("id", "kpi", "name", "target")
        read_only_fields = ("id",)


class InclusionFindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    barrier = serializers.IntegerField(help_text="Which of the four barriers (1 to 4) it concerns.")
    title = serializers.CharField()
    why = serializers.CharField()
    fix = serializers.CharField()


class InclusionCheckSerializer(serializers.Serializer):
    findings = InclusionFindingSerializer(many=True)


class PublishedVersionSerializer(serializers.ModelSerializer):
    inclusion_findings = InclusionFindingSerializer(many=True, read_only=True)

    class Meta:
        model = PublishedVersion
        fields = ("number", "published_at", "amendment_reason", "inclusion_findings")
        read_only_fields = fields


# Opportunities.


class OpportunityListSerializer(serializers.ModelSerializer):
    """A commissioner's list: drafts and published, with what needs attention."""

    open_questions = serializers.IntegerField(source="question_count", read_only=True)
    interests = serializers.IntegerField(source="interest_count", read_only=True)

    class Meta:
        model = Opportunity
        fields = (
            "id",
            "reference",
            "programme",
            "title",
            "route",
            "status",
            "total_budget",
            "closes_at",
            "published_at",
            "version",
            "open_questions",
            "interests",
        )
        read_only_fields = fields


class PublicOpportunitySerializer(serializers.ModelSerializer):
    organisation = OpportunityOrganisationSerializer(read_only=True)
    ocid = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Opportunity
        fields = (
            "id",
            "reference",
            "ocid",
            "organisation",
            "title",
            "summary",
            "route",
            "status",
            "total_budget",
            "min_bid",
            "max_bid",
            "clarification_deadline",
            "closes_at",
            "published_at",
            "url",
        )
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, opportunity: Opportunity) -> str:
        request = self.context.get("request")
        path = opportunity.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class OpportunitySerializer(serializers.ModelSerializer):
    """An opportunity with its specification, as the selectors prefetch it."""

    organisation = OpportunityOrganisationSerializer(read_only=True)
    ocid = serializers.CharField(read_only=True)
    art_forms = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    lots = OpportunityLotSerializer(many=True, read_only=True)
    outcomes_sought = OpportunityOutcomeSerializer(many=True, read_only=True)
    sections = serializers.SerializerMethodField()
    criteria = OpportunityCriterionSerializer(many=True, read_only=True)
    gates = OpportunityGateSerializer(many=True, read_only=True)
    kpis = OpportunityKpiSerializer(many=True, read_only=True)

    class Meta:
        model = Opportunity
        fields = (
            "id",
            "reference",
            "ocid",
            "programme",
            "organisation",
            "status",
            "version",
            "published_at",
            *DETAIL_FIELDS,
            "art_forms",
            "areas",
            "scoring_scale",
            "lots",
            "outcomes_sought",
            "sections",
            "criteria",
            "gates",
            "kpis",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    @extend_schema_field(OpportunitySectionSerializer(many=True))
    def get_sections(self, opportunity: Opportunity) -> list[dict]:
        sections = sorted(opportunity.sections.all(), key=lambda s: SECTION_ORDER[s.key])
        return OpportunitySectionSerializer(sections, many=True).data


class OpportunityWriteSerializer(serializers.ModelSerializer):
    """The details a commissioner sets on a draft (or changes in an amendment)."""

    art_forms = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=ArtForm.objects.all(), required=False
    )
    areas = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Area.objects.all(), required=False
    )

    class Meta:
        model = Opportunity
        fields = (*DETAIL_FIELDS, "art_forms", "areas")

    def validate_closes_at(self, value):
        if value is not None and value <= timezone.now():
            raise serializers.ValidationError("The closing date must be in the future.")
        return value


class OpportunityCreateSerializer(OpportunityWriteSerializer):
    programme = serializers.IntegerField(
        help_text="One of your organisation's programmes; the opportunity belongs to it."
    )

    class Meta(OpportunityWriteSerializer.Meta):
        fields = ("programme", *OpportunityWriteSerializer.Meta.fields)


class OpportunityAmendSerializer(OpportunityWriteSerializer):
    reason = serializers.CharField(
        allow_blank=True, help_text="Why it changed; everyone registered is told."
    )

    class Meta(OpportunityWriteSerializer.Meta):
        fields = ("reason", *OpportunityWriteSerializer.Meta.fields)


class OpportunityStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = Opportunity
        fields = ("id", "reference", "status", "version", "published_at", "closes_at")
        read_only_fields = fields


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="Everyone registered is told.")


class DecisionSerializer(serializers.Serializer):
    awarded = serializers.BooleanField(help_text="False when nothing is awarded.")


class PublicOpportunityFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, help_text="Words in the title.")
    route = serializers.MultipleChoiceField(choices=Route.choices, required=False)
    outcome_area = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=OutcomeArea.objects.all(), required=False
    )
    area = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Area.objects.all(), required=False
    )
    min_value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    max_value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    closing_before = serializers.DateField(required=False)
    include_closed = serializers.BooleanField(required=False, default=False)


# Providers and the opportunity.


class ClarificationQuestionSerializer(serializers.ModelSerializer):
    """A question as the commissioners see it: with who asked."""

    organisation = OpportunityOrganisationSerializer(read_only=True)
    asked_by = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = (
            "id",
            "organisation",
            "asked_by",
            "text",
            "sensitive",
            "status",
            "created_at",
            "published_question",
            "answer",
            "private_reason",
            "answered_at",
        )
        read_only_fields = fields

    def get_asked_by(self, question: Question) -> str:
        return _person(question.asked_by)


class QuestionAskSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(
        required=False,
        write_only=True,
        help_text="The provider organisation you ask for, if you belong to more than one.",
    )

    class Meta:
        model = Question
        fields = ("id", "organisation", "text", "sensitive", "status", "created_at")
        read_only_fields = ("id", "status", "created_at")


class QuestionAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(allow_blank=True)
    publish = serializers.BooleanField(
        default=True,
        help_text="Publish to everyone without the asker's identity (the default), or answer "
        "privately with a reason.",
    )
    published_question = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The question as published, with anything identifying removed.",
    )
    private_reason = serializers.CharField(required=False, allow_blank=True, default="")


class PublishedAnswerSerializer(serializers.ModelSerializer):
    """A published answer: never who asked."""

    question = serializers.CharField(source="published_question", read_only=True)

    class Meta:
        model = Question
        fields = ("id", "question", "answer", "answered_at")
        read_only_fields = fields


class OpportunityInterestSerializer(serializers.ModelSerializer):
    organisation = OpportunityOrganisationSerializer(read_only=True)
    lots = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Interest
        fields = ("id", "organisation", "lots", "created_at")
        read_only_fields = fields


class InterestRegisterSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(
        required=False,
        help_text="The provider organisation registering, if you belong to more than one.",
    )
    lots = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Lot.objects.none(), required=False, help_text="Lots of interest."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        opportunity = self.context.get("opportunity")
        if opportunity is not None:
            self.fields["lots"].child_relation.queryset = opportunity.lots.all()


class InterestWithdrawSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(required=False)


class MatchingProviderSerializer(serializers.Serializer):
    organisation = OpportunityOrganisationSerializer(read_only=True)
    summary = serializers.CharField(read_only=True)


class OpportunityInvitationSerializer(serializers.ModelSerializer):
    organisation = OpportunityOrganisationSerializer(read_only=True)
    sent_by = serializers.SerializerMethodField()
    registered = serializers.SerializerMethodField(
        help_text="Whether the organisation has registered interest since."
    )

    class Meta:
        model = TargetedInvitation
        fields = ("id", "organisation", "sent_by", "message", "sent_to", "sent_at", "registered")
        read_only_fields = fields

    def get_sent_by(self, invitation: TargetedInvitation) -> str:
        return _person(invitation.sent_by)

    def get_registered(self, invitation: TargetedInvitation) -> bool:
        return bool(getattr(invitation, "registered", 0))


class InvitationSendSerializer(serializers.Serializer):
    organisations = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Organisation.objects.filter(
            kind=OrganisationKind.PROVIDER, profile__is_listed=True
        ),
        allow_empty=False,
        help_text="Providers listed in the directory.",
    )
    message = serializers.CharField(required=False, allow_blank=True, default="")
