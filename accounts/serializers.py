from __future__ import annotations

from rest_framework import serializers

from accounts.constants import OrganisationType
from accounts.models import Membership, Organisation, User


class OrganisationSerializer(serializers.ModelSerializer):
    org_ids = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Organisation
        fields = (
            "id",
            "name",
            "kind",
            "type",
            "charity_number",
            "company_number",
            "org_ids",
            "address",
            "postcode",
            "website",
            "description",
        )
        read_only_fields = ("id", "kind", "org_ids")


class OrganisationCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    type = serializers.ChoiceField(choices=OrganisationType.choices)
    charity_number = serializers.CharField(max_length=12, required=False, allow_blank=True)
    company_number = serializers.CharField(max_length=8, required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=8, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


class MembershipOrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ("id", "name", "kind", "type")


class MembershipSerializer(serializers.ModelSerializer):
    organisation = MembershipOrganisationSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ("id", "organisation", "role", "created_at")


class MeSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)
    is_platform_admin = serializers.BooleanField(source="is_staff", read_only=True)

    class Meta:
        model = User
        fields = ("id", "email", "full_name", "is_platform_admin", "memberships")
