from __future__ import annotations

from rest_framework import serializers

from accounts.models import Organisation, User
from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea, Programme


class TermSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


class OutcomeAreaSerializer(TermSerializer, serializers.ModelSerializer):
    class Meta:
        model = OutcomeArea
        fields = ("slug", "name", "description")


class ArtFormSerializer(TermSerializer, serializers.ModelSerializer):
    class Meta:
        model = ArtForm
        fields = ("slug", "name", "description")


class BeneficiaryGroupSerializer(TermSerializer, serializers.ModelSerializer):
    class Meta:
        model = BeneficiaryGroup
        fields = ("slug", "name", "description")


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Area
        fields = ("code", "name", "kind", "parent", "region")


class ProgrammeSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    outcome_areas = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=OutcomeArea.objects.all(), required=False
    )
    areas = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Area.objects.all(), required=False
    )
    team = serializers.SlugRelatedField(
        slug_field="email", many=True, queryset=User.objects.all(), required=False
    )

    class Meta:
        model = Programme
        fields = (
            "id",
            "organisation",
            "name",
            "summary",
            "budget",
            "start_date",
            "end_date",
            "status",
            "outcome_areas",
            "areas",
            "team",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("id", "organisation", "created_at", "updated_at")

    def validate(self, attrs: dict) -> dict:
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": "The end date must be on or after the start date."}
            )
        return attrs


class ProgrammeCreateSerializer(ProgrammeSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        help_text="The commissioning organisation the programme belongs to; you must be its member.",
    )

    class Meta(ProgrammeSerializer.Meta):
        read_only_fields = ("id", "created_at", "updated_at")
