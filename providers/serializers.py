"""Input and output shapes of the directory API. Inputs only validate; every write goes through
`providers.services`."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.constants import OrganisationType
from accounts.models import Organisation
from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea
from providers.constants import (
    DocumentKind,
    LegalForm,
    Setting,
    StaffBand,
    SupportNeed,
    TurnoverBand,
    VolunteerBand,
)
from providers.models import (
    Activity,
    Consortium,
    ConsortiumMember,
    Evidence,
    ProviderDocument,
    ProviderProfile,
    TrackRecord,
    Venue,
)
from providers.selectors import profile_completeness
from providers.services.profiles import profile_listing_problems

# Shared pieces ----------------------------------------------------------------------------------


class TermBriefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class ServedAreaSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ONS GSS code")
    name = serializers.CharField()


class OrganisationBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "type"]


def _ordered(values: Any, choices: type) -> list[str]:
    """A MultipleChoiceField's set, in the order the choices are declared."""
    return [value for value in choices.values if value in set(values)]


# Directory search -------------------------------------------------------------------------------


def _terms(profile: ProviderProfile, vocabulary: dict[int, tuple[str, str]], column: str):
    pairs = (vocabulary[pk] for pk in getattr(profile, column) if pk in vocabulary)
    return [{"slug": slug, "name": name} for slug, name in pairs]


class ProfileSummarySerializer(serializers.Serializer):
    """A search result. Terms come from the search index arrays, named through the
    `vocabulary` and `areas` maps in the context, so a page of results costs no extra queries
    per row."""

    id = serializers.IntegerField()
    name = serializers.CharField(source="organisation.name")
    organisation_id = serializers.IntegerField()
    org_id = serializers.CharField(source="organisation.org_id")
    type = serializers.ChoiceField(source="organisation.type", choices=OrganisationType.choices)
    summary = serializers.CharField()
    is_vcse = serializers.BooleanField()
    is_sme = serializers.BooleanField()
    staff_band = serializers.CharField()
    settings = serializers.ListField(child=serializers.ChoiceField(choices=Setting.choices))
    art_forms = serializers.SerializerMethodField()
    outcome_areas = serializers.SerializerMethodField()
    beneficiary_groups = serializers.SerializerMethodField()
    areas_served = serializers.SerializerMethodField()

    @extend_schema_field(TermBriefSerializer(many=True))
    def get_art_forms(self, profile: ProviderProfile) -> list[dict]:
        return _terms(profile, self.context["vocabulary"]["art_form"], "art_form_ids")

    @extend_schema_field(TermBriefSerializer(many=True))
    def get_outcome_areas(self, profile: ProviderProfile) -> list[dict]:
        return _terms(profile, self.context["vocabulary"]["outcome_area"], "outcome_area_ids")

    @extend_schema_field(TermBriefSerializer(many=True))
    def get_beneficiary_groups(self, profile: ProviderProfile) -> list[dict]:
        return _terms(
            profile, self.context["vocabulary"]["beneficiary_group"], "beneficiary_group_ids"
        )

    @extend_schema_field(ServedAreaSerializer(many=True))
    def get_areas_served(self, profile: ProviderProfile) -> list[dict]:
        areas = self.context["areas"]
        pairs = sorted((areas[pk] for pk in profile.area_ids if pk in areas), key=lambda a: a[1])
        return [{"code": code, "name": name} for code, name in pairs]


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="Use as the value of the facet's query parameter.")
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    """Keyed by the query parameter each facet filters with."""

    art_form = FacetValueSerializer(many=True)
    outcome = FacetValueSerializer(many=True)
    beneficiary = FacetValueSerializer(many=True)
    area = FacetValueSerializer(many=True)
    setting = FacetValueSerializer(many=True)
    type = FacetValueSerializer(many=True)
    size = FacetValueSerializer(many=True)


class DirectorySearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ProfileSummarySerializer(many=True)
    facets = FacetsSerializer()


# A listed profile -------------------------------------------------------------------------------


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = [
            "id",
            "name",
            "description",
            "who_for",
            "eligibility",
            "cost",
            "where",
            "position",
            "updated_at",
        ]


class VenueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["id", "name", "address", "postcode", "accessibility"]


class TrackRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrackRecord
        fields = ["id", "funder", "year", "value_band", "description"]


class EvidenceSerializer(serializers.ModelSerializer):
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "title", "summary", "link", "has_file", "created_at"]

    def get_has_file(self, evidence: Evidence) -> bool:
        return bool(evidence.file)


class _ProfileRelationsSerializer(serializers.ModelSerializer):
    """Terms and areas from a profile whose relations are prefetched."""

    organisation = OrganisationBriefSerializer()
    org_ids = serializers.ListField(child=serializers.CharField(), source="organisation.org_ids")
    art_forms = TermBriefSerializer(many=True)
    outcome_areas = TermBriefSerializer(many=True)
    beneficiary_groups = TermBriefSerializer(many=True)
    areas_served = ServedAreaSerializer(many=True)
    settings = serializers.ListField(child=serializers.ChoiceField(choices=Setting.choices))


class ProfileDetailSerializer(_ProfileRelationsSerializer):
    """A profile as the directory shows it (no support needs or due-diligence documents)."""

    description = serializers.CharField(source="organisation.description")
    # Empty when the organisation has not given one, so not documented as a URI.
    website = serializers.CharField(source="organisation.website")
    activities = ActivitySerializer(many=True)
    venues = VenueSerializer(many=True)
    track_records = TrackRecordSerializer(many=True)
    evidence = EvidenceSerializer(many=True)

    class Meta:
        model = ProviderProfile
        fields = [
            "id",
            "organisation",
            "org_ids",
            "summary",
            "description",
            "website",
            "legal_form",
            "is_vcse",
            "is_sme",
            "year_founded",
            "turnover_band",
            "staff_band",
            "volunteers_band",
            "contact_name",
            "contact_email",
            "contact_phone",
            "safeguarding_lead",
            "art_forms",
            "outcome_areas",
            "beneficiary_groups",
            "areas_served",
            "settings",
            "partners",
            "activities",
            "venues",
            "track_records",
            "evidence",
            "is_listed",
            "updated_at",
        ]


# The caller's own profile -----------------------------------------------------------------------


class CompletenessSerializer(serializers.Serializer):
    percent = serializers.IntegerField()
    next_steps = serializers.ListField(child=serializers.CharField())


class ProfileSerializer(_ProfileRelationsSerializer):
    """The provider's own view of its profile, with what to do next."""

    support_needs = serializers.ListField(
        child=serializers.ChoiceField(choices=SupportNeed.choices)
    )
    completeness = serializers.SerializerMethodField()
    listing_problems = serializers.SerializerMethodField()

    class Meta:
        model = ProviderProfile
        fields = [
            "id",
            "organisation",
            "org_ids",
            "summary",
            "legal_form",
            "is_vcse",
            "is_sme",
            "year_founded",
            "turnover_band",
            "staff_band",
            "volunteers_band",
            "contact_name",
            "contact_email",
            "contact_phone",
            "safeguarding_lead",
            "art_forms",
            "outcome_areas",
            "beneficiary_groups",
            "areas_served",
            "settings",
            "support_needs",
            "partners",
            "is_listed",
            "listed_at",
            "completeness",
            "listing_problems",
            "updated_at",
        ]

    @extend_schema_field(CompletenessSerializer)
    def get_completeness(self, profile: ProviderProfile) -> dict:
        percent, next_steps = profile_completeness(profile)
        return {"percent": percent, "next_steps": next_steps}

    def get_listing_problems(self, profile: ProviderProfile) -> list[str]:
        return profile_listing_problems(profile=profile)


class ProfileUpdateSerializer(serializers.Serializer):
    """Any of the profile's own details; terms by slug and areas by ONS code. Leave a field out
    to keep it; send a list to replace one."""

    summary = serializers.CharField(max_length=280, allow_blank=True, required=False)
    legal_form = serializers.ChoiceField(
        choices=LegalForm.choices, allow_blank=True, required=False
    )
    is_vcse = serializers.BooleanField(required=False)
    is_sme = serializers.BooleanField(required=False)
    year_founded = serializers.IntegerField(
        min_value=1000, max_value=2100, allow_null=True, required=False
    )
    turnover_band = serializers.ChoiceField(
        choices=TurnoverBand.choices, allow_blank=True, required=False
    )
    staff_band = serializers.ChoiceField(
        choices=StaffBand.choices, allow_blank=True, required=False
    )
    volunteers_band = serializers.ChoiceField(
        choices=VolunteerBand.choices, allow_blank=True, required=False
    )
    contact_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    contact_email = serializers.EmailField(allow_blank=True, required=False)
    contact_phone = serializers.CharField(max_length=30, allow_blank=True, required=False)
    safeguarding_lead = serializers.CharField(max_length=150, allow_blank=True, required=False)
    settings = serializers.MultipleChoiceField(choices=Setting.choices, required=False)
    support_needs = serializers.MultipleChoiceField(choices=SupportNeed.choices, required=False)
    partners = serializers.CharField(allow_blank=True, required=False)
    art_forms = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=ArtForm.objects.all(), required=False
    )
    outcome_areas = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=OutcomeArea.objects.all(), required=False
    )
    beneficiary_groups = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=BeneficiaryGroup.objects.all(), required=False
    )
    areas_served = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=Area.objects.all(), required=False
    )

    def validate_settings(self, value: Any) -> list[str]:
        return _ordered(value, Setting)

    def validate_support_needs(self, value: Any) -> list[str]:
        return _ordered(value, SupportNeed)


class ListingSerializer(serializers.Serializer):
    listed = serializers.BooleanField(help_text="True to list the profile, false to unlist it.")


class ListingStateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProviderProfile
        fields = ["id", "is_listed", "listed_at"]


class ActivityInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    description = serializers.CharField()
    who_for = serializers.CharField(max_length=300, allow_blank=True, required=False)
    eligibility = serializers.CharField(max_length=300, allow_blank=True, required=False)
    cost = serializers.CharField(max_length=150, allow_blank=True, required=False)
    where = serializers.CharField(max_length=300, allow_blank=True, required=False)
    position = serializers.IntegerField(min_value=0, max_value=32767, required=False)


class DocumentSerializer(serializers.ModelSerializer):
    is_expired = serializers.BooleanField(read_only=True)
    expires_soon = serializers.BooleanField(read_only=True)

    class Meta:
        model = ProviderDocument
        fields = [
            "id",
            "kind",
            "file_type",
            "expires_on",
            "is_expired",
            "expires_soon",
            "created_at",
        ]


class DocumentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    file = serializers.FileField(
        help_text="PDF, image or word-processor file, checked by its content; at most 10 MB."
    )
    expires_on = serializers.DateField(required=False, allow_null=True)


# Consortia --------------------------------------------------------------------------------------


class OrganisationNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name"]


class ConsortiumSerializer(serializers.ModelSerializer):
    """A consortium with its confirmed members (prefetched as `confirmed_members`)."""

    lead = OrganisationNameSerializer()
    members = serializers.SerializerMethodField()

    class Meta:
        model = Consortium
        fields = ["id", "name", "description", "lead", "members"]

    @extend_schema_field(OrganisationNameSerializer(many=True))
    def get_members(self, consortium: Consortium) -> list[dict]:
        return [
            OrganisationNameSerializer(member.organisation).data
            for member in consortium.confirmed_members
        ]


class ConsortiumMemberSerializer(serializers.ModelSerializer):
    organisation = OrganisationNameSerializer()

    class Meta:
        model = ConsortiumMember
        fields = ["id", "organisation", "status", "responded_at"]


class ConsortiumCreatedSerializer(serializers.ModelSerializer):
    """A new consortium with everyone asked to join (the lead confirmed, the others invited)."""

    lead = OrganisationNameSerializer()
    members = ConsortiumMemberSerializer(many=True, source="member_list")

    class Meta:
        model = Consortium
        fields = ["id", "name", "description", "lead", "members"]


class ConsortiumCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, required=False)
    # Partners are found in the directory, so only listed providers can be invited.
    members = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Organisation.objects.filter(profile__is_listed=True),
        required=False,
        help_text="Organisations (ids) to invite; each must be listed in the directory.",
    )


class ConsortiumRespondSerializer(serializers.Serializer):
    accept = serializers.BooleanField(help_text="True to join, false to decline.")
