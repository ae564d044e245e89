"""API input and output shapes for monitoring."""

from __future__ import annotations

from rest_framework import serializers

from commissioning.models import KpiUnit
from monitoring.constants import AgreementKind, EvidenceKind, Frequency, MonitoringLevel, TimePoint
from monitoring.instruments import INSTRUMENT_CHOICES
from monitoring.models import (
    Agreement,
    AgreementKpi,
    Evidence,
    Instalment,
    InstrumentResponse,
    KpiActual,
    KpiTarget,
    ReportingPeriod,
    Return,
    ReturnComment,
)


class ScoreRequestSerializer(serializers.Serializer):
    items = serializers.ListField(
        child=serializers.JSONField(), help_text="The answers, in item order."
    )


class ScoreResponseSerializer(serializers.Serializer):
    instrument = serializers.CharField()
    version = serializers.CharField()
    raw_score = serializers.IntegerField(
        allow_null=True, help_text="Null for ONS4, whose four answers are never summed."
    )
    metric_score = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text="Only where a conversion table exists (SWEMWBS).",
    )
    items = serializers.ListField(child=serializers.IntegerField())


class InstrumentItemSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    lower_is_better = serializers.BooleanField()


class InstrumentSerializer(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.CharField()
    name = serializers.CharField()
    scale_min = serializers.IntegerField()
    scale_max = serializers.IntegerField()
    scoring_rule = serializers.CharField()
    licence_note = serializers.CharField()
    attribution = serializers.CharField()
    meaningful_change = serializers.DecimalField(max_digits=4, decimal_places=2)
    items = InstrumentItemSerializer(many=True)


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "number", "label", "starts_on", "ends_on", "due_on"]


class InstalmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instalment
        fields = ["id", "number", "amount", "due_on", "paid_on"]


class AgreementKpiSerializer(serializers.ModelSerializer):
    kpi = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="kpi.name", read_only=True)
    unit = serializers.ChoiceField(source="kpi.unit", choices=KpiUnit.choices, read_only=True)

    class Meta:
        model = AgreementKpi
        fields = ["id", "kpi", "name", "unit", "baseline", "minimum", "expected", "stretch"]


class AgreementKpiCreateSerializer(serializers.Serializer):
    kpi = serializers.SlugField(help_text="The KPI's slug in the library.")
    baseline = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    minimum = serializers.DecimalField(max_digits=12, decimal_places=2)
    expected = serializers.DecimalField(max_digits=12, decimal_places=2)
    stretch = serializers.DecimalField(max_digits=12, decimal_places=2)


class KpiTargetSerializer(serializers.ModelSerializer):
    period = serializers.PrimaryKeyRelatedField(read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)

    class Meta:
        model = KpiTarget
        fields = ["period", "period_label", "minimum", "expected", "stretch"]


class KpiTargetWriteSerializer(serializers.Serializer):
    period = serializers.IntegerField(help_text="The reporting period's id.")
    minimum = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    expected = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    stretch = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )


class KpiTargetsWriteSerializer(serializers.Serializer):
    targets = KpiTargetWriteSerializer(
        many=True,
        help_text=(
            "One entry per period to change. All three targets set the period's own targets; "
            "all three null drops them, so the whole-agreement targets rate the period again. "
            "Periods not listed are left as they are."
        ),
    )


class AgreementListSerializer(serializers.ModelSerializer):
    commissioner = serializers.CharField(source="commissioner.name", read_only=True)
    provider = serializers.CharField(source="provider.name", read_only=True)
    kind = serializers.ChoiceField(choices=AgreementKind.choices)
    monitoring_level = serializers.ChoiceField(choices=MonitoringLevel.choices)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "reference",
            "title",
            "kind",
            "value",
            "starts_on",
            "ends_on",
            "monitoring_level",
            "commissioner",
            "provider",
            "programme",
        ]


class AgreementSerializer(AgreementListSerializer):
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    periods = PeriodSerializer(many=True, read_only=True)
    instalments = InstalmentSerializer(many=True, read_only=True)
    kpis = AgreementKpiSerializer(many=True, read_only=True)

    class Meta(AgreementListSerializer.Meta):
        fields = [
            *AgreementListSerializer.Meta.fields,
            "summary",
            "frequency",
            "opportunity",
            "bid",
            "periods",
            "instalments",
            "kpis",
        ]


class AgreementCreateSerializer(serializers.Serializer):
    programme = serializers.IntegerField()
    provider = serializers.IntegerField(help_text="The provider organisation's id.")
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=AgreementKind.choices)
    value = serializers.DecimalField(max_digits=12, decimal_places=2)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    monitoring_level = serializers.ChoiceField(
        choices=MonitoringLevel.choices, required=False, allow_null=True, default=None
    )
    frequency = serializers.ChoiceField(choices=Frequency.choices, default=Frequency.QUARTERLY)


class ActualSerializer(serializers.ModelSerializer):
    kpi = serializers.CharField(source="agreement_kpi.kpi.slug", read_only=True)

    class Meta:
        model = KpiActual
        fields = ["id", "agreement_kpi", "kpi", "value", "note"]
        read_only_fields = ["agreement_kpi"]


class ActualWriteSerializer(serializers.Serializer):
    agreement_kpi = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=12, decimal_places=2)
    unit = serializers.ChoiceField(
        choices=KpiUnit.choices, required=False, help_text="If given, must be the KPI's own unit."
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.email", read_only=True, default="")
    organisation = serializers.CharField(source="organisation.name", read_only=True, default="")

    class Meta:
        model = ReturnComment
        fields = ["kind", "body", "author", "organisation", "created_at"]


class ReturnSerializer(serializers.ModelSerializer):
    period = PeriodSerializer(read_only=True)
    actuals = ActualSerializer(many=True, read_only=True)
    comments = CommentSerializer(many=True, read_only=True)

    class Meta:
        model = Return
        fields = [
            "id",
            "agreement",
            "period",
            "status",
            "narrative",
            "learning_commissioners",
            "learning_sector",
            "learning_delivery",
            "spend_to_date",
            "first_submitted_at",
            "submitted_at",
            "accepted_at",
            "actuals",
            "comments",
        ]
        read_only_fields = [
            "agreement",
            "status",
            "first_submitted_at",
            "submitted_at",
            "accepted_at",
        ]


class ReturnUpdateSerializer(serializers.Serializer):
    narrative = serializers.CharField(required=False, allow_blank=True)
    learning_commissioners = serializers.CharField(required=False, allow_blank=True)
    learning_sector = serializers.CharField(required=False, allow_blank=True)
    learning_delivery = serializers.CharField(required=False, allow_blank=True)
    spend_to_date = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )


class ReturnStartSerializer(serializers.Serializer):
    period = serializers.IntegerField(help_text="The reporting period's id.")


class CommentWriteSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class MonitoringEvidenceSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "url",
            "file_type",
            "identifiable",
            "consented",
            "safeguarding_concern",
            "created_at",
        ]


class MonitoringEvidenceWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False)
    url = serializers.URLField(required=False, allow_blank=True, default="")
    identifiable = serializers.BooleanField(default=False)
    consented = serializers.BooleanField(default=False)
    safeguarding_concern = serializers.BooleanField(default=False)


class ResponseSerializer(serializers.ModelSerializer):
    participant = serializers.CharField(source="participant.code", read_only=True)
    instrument = serializers.ChoiceField(choices=INSTRUMENT_CHOICES)
    time_point = serializers.ChoiceField(choices=TimePoint.choices)

    class Meta:
        model = InstrumentResponse
        fields = [
            "id",
            "participant",
            "instrument",
            "instrument_version",
            "time_point",
            "collected_on",
            "items",
            "raw_score",
            "metric_score",
        ]


class ResponseWriteSerializer(serializers.Serializer):
    participant = serializers.CharField(
        max_length=20, help_text="The participant's code, never a name."
    )
    instrument = serializers.ChoiceField(choices=INSTRUMENT_CHOICES)
    time_point = serializers.ChoiceField(choices=TimePoint.choices)
    collected_on = serializers.DateField()
    items = serializers.ListField(child=serializers.JSONField())


class TimePointSummarySerializer(serializers.Serializer):
    n = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    sd = serializers.FloatField(allow_null=True)


class PairedAnalysisSerializer(serializers.Serializer):
    baseline = TimePointSummarySerializer()
    follow_up = TimePointSummarySerializer()
    pairs = serializers.IntegerField()
    mean_change = serializers.FloatField(allow_null=True)
    sd_change = serializers.FloatField(allow_null=True)
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    t_statistic = serializers.FloatField(allow_null=True)
    p_value = serializers.FloatField(allow_null=True)
    improved = serializers.IntegerField()
    improved_share = serializers.FloatField(allow_null=True)
    threshold = serializers.FloatField()
    too_few_pairs = serializers.BooleanField()


class ItemAnalysisSerializer(serializers.Serializer):
    question = serializers.CharField()
    analysis = PairedAnalysisSerializer()


class AnalysisSerializer(serializers.Serializer):
    instrument = serializers.CharField()
    responses = serializers.IntegerField()
    analysis = PairedAnalysisSerializer(
        allow_null=True, help_text="For instruments scored as one total."
    )
    by_item = ItemAnalysisSerializer(
        many=True, help_text="For ONS4: one analysis per question, never summed."
    )
