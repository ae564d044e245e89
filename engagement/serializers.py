"""API input and output for events. Output serializers read what the selectors prefetch; input
serializers only check shapes and look up vocabulary, the services decide the rest."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.constants import OrganisationType
from commissioning.models import Area, ArtForm, OutcomeArea
from engagement.constants import PROFILE_WORD_LIMIT, Audience, EventKind, MaterialKind
from engagement.models import (
    AttendeeProfile,
    Event,
    EventInvitation,
    EventQuestion,
    Material,
    Registration,
)
from engagement.services.profiles import CONTACT_MAX_CHARACTERS


class _Named(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class EventListSerializer(serializers.ModelSerializer):
    organisation = _Named(read_only=True)
    programme = serializers.PrimaryKeyRelatedField(read_only=True)
    places_taken = serializers.IntegerField(read_only=True)
    waiting = serializers.IntegerField(source="waiting_count", read_only=True)
    is_online = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = (
            "id",
            "title",
            "kind",
            "status",
            "organisation",
            "programme",
            "starts_at",
            "ends_at",
            "venue_name",
            "venue_postcode",
            "is_online",
            "capacity",
            "places_taken",
            "waiting",
            "audience",
            "url",
        )
        read_only_fields = fields

    def get_url(self, event: Event) -> str:
        return event.get_absolute_url()


class EventSerializer(serializers.ModelSerializer):
    """An event's details. `online_details` is empty unless the caller has a confirmed place
    or organises the event."""

    organisation = _Named(read_only=True)
    outcome_areas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    art_forms = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    online_details = serializers.SerializerMethodField()
    is_online = serializers.BooleanField(read_only=True)
    registration_closes_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = Event
        fields = (
            "id",
            "title",
            "kind",
            "status",
            "organisation",
            "programme",
            "opportunity",
            "description",
            "agenda",
            "starts_at",
            "ends_at",
            "venue_name",
            "venue_address",
            "venue_postcode",
            "venue_accessibility",
            "is_online",
            "online_details",
            "capacity",
            "registration_deadline",
            "registration_closes_at",
            "audience",
            "outcome_areas",
            "art_forms",
            "areas",
            "summary_heard",
            "summary_changes",
            "materials_published_at",
            "published_at",
            "held_at",
            "cancel_reason",
        )
        read_only_fields = fields

    def get_online_details(self, event: Event) -> str:
        return event.online_details if self.context.get("online_visible") else ""


class EventWriteSerializer(serializers.Serializer):
    """Create or change an event (PATCH sends only what changes)."""

    kind = serializers.ChoiceField(choices=EventKind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    agenda = serializers.CharField(required=False, allow_blank=True)
    programme = serializers.IntegerField(required=False, allow_null=True)
    opportunity = serializers.IntegerField(required=False, allow_null=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    venue_address = serializers.CharField(required=False, allow_blank=True)
    venue_postcode = serializers.CharField(max_length=8, required=False, allow_blank=True)
    venue_accessibility = serializers.CharField(required=False, allow_blank=True)
    online_details = serializers.CharField(required=False, allow_blank=True)
    capacity = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    registration_deadline = serializers.DateTimeField(required=False, allow_null=True)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    outcome_areas = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=OutcomeArea.objects.all(), required=False
    )
    art_forms = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=ArtForm.objects.all(), required=False
    )
    areas = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Area.objects.all(), required=False
    )


class EventReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class SummarySerializer(serializers.Serializer):
    heard = serializers.CharField(required=False, allow_blank=True, default="")
    changes = serializers.CharField(required=False, allow_blank=True, default="")


class RegistrationSerializer(serializers.ModelSerializer):
    event = serializers.PrimaryKeyRelatedField(read_only=True)
    organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    profile_shared = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = (
            "id",
            "event",
            "name",
            "email",
            "organisation",
            "organisation_name",
            "organisation_type",
            "status",
            "attendance",
            "is_arts_cultural",
            "profile_shared",
            "created_at",
        )
        read_only_fields = fields

    # None when the registration has no profile paragraph yet.
    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_profile_shared(self, registration: Registration) -> bool | None:
        profile = getattr(registration, "profile", None)
        return profile.is_shared if profile is not None else None


class RegisterSerializer(serializers.Serializer):
    """Register yourself, or a colleague (`name` and `email`), for the organisation you act
    for (`organisation`, or your only one). Without an organisation on the platform, give its
    name and type."""

    organisation = serializers.IntegerField(required=False)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    organisation_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    organisation_type = serializers.ChoiceField(
        choices=OrganisationType.choices, required=False, allow_blank=True, default=""
    )


class AttendanceSerializer(serializers.Serializer):
    attended = serializers.BooleanField()


class AttendeeProfileSerializer(serializers.ModelSerializer):
    """Your profile for the board. Without `consent` nobody but you and the organiser sees it."""

    about = serializers.CharField(
        help_text=f"Who you are, your interests and experience, the outcomes you could help "
        f"deliver: {PROFILE_WORD_LIMIT} words or fewer."
    )
    outcome_areas = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=OutcomeArea.objects.all(), required=False
    )
    art_forms = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=ArtForm.objects.all(), required=False
    )
    consent = serializers.BooleanField(
        write_only=True, help_text="Share with the other attendees and potential bidders."
    )
    shared = serializers.BooleanField(source="is_shared", read_only=True)

    class Meta:
        model = AttendeeProfile
        fields = (
            "id",
            "name",
            "organisation_name",
            "about",
            "outcome_areas",
            "art_forms",
            "looking_for_partners",
            "partner_note",
            "consent",
            "shared",
            "consented_at",
        )
        read_only_fields = ("id", "name", "organisation_name", "shared", "consented_at")


class BoardProfileSerializer(serializers.ModelSerializer):
    outcome_areas = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    art_forms = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    directory_profile = serializers.IntegerField(
        source="directory_profile_id",
        read_only=True,
        allow_null=True,
        help_text="The organisation's listed directory profile, if it has one.",
    )
    attending = serializers.SerializerMethodField()

    class Meta:
        model = AttendeeProfile
        fields = (
            "id",
            "name",
            "organisation_name",
            "organisation_type",
            "about",
            "outcome_areas",
            "art_forms",
            "looking_for_partners",
            "partner_note",
            "attending",
            "directory_profile",
        )
        read_only_fields = fields

    def get_attending(self, profile: AttendeeProfile) -> bool:
        return profile.registration_id is not None


class ContactSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=CONTACT_MAX_CHARACTERS)
    share_email = serializers.BooleanField(required=False, default=False)


class ContactSentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    recipient_organisation = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class EventInvitationSerializer(serializers.ModelSerializer):
    organisation = _Named(read_only=True)
    registered = serializers.BooleanField(read_only=True, default=False)
    attended = serializers.BooleanField(read_only=True, default=False)

    class Meta:
        model = EventInvitation
        fields = ("id", "organisation", "message", "sent_to", "sent_at", "registered", "attended")
        read_only_fields = fields


class EventInvitationSendSerializer(serializers.Serializer):
    organisations = serializers.ListField(
        child=serializers.IntegerField(),
        allow_empty=False,
        help_text="Organisation ids, from the matching providers.",
    )
    message = serializers.CharField(required=False, allow_blank=True, default="")


class EventMatchingProviderSerializer(serializers.Serializer):
    organisation = _Named(read_only=True)
    summary = serializers.CharField(read_only=True)


class MaterialSerializer(serializers.ModelSerializer):
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Material
        fields = ("id", "kind", "title", "body", "file_url", "file_type", "created_at")
        read_only_fields = fields

    def get_file_url(self, material: Material) -> str:
        if not material.file:
            return ""
        return reverse("engagement:material_download", args=[material.pk])


class MaterialCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MaterialKind.choices)
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False, allow_null=True, default=None)


class EventQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventQuestion
        fields = ("id", "question", "answer", "clarification", "copied_at")
        read_only_fields = ("id", "clarification", "copied_at")


class MaterialsSerializer(serializers.Serializer):
    published_at = serializers.DateTimeField(allow_null=True, read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)
    questions = EventQuestionSerializer(many=True, read_only=True)


class ShareSerializer(serializers.Serializer):
    label = serializers.CharField(read_only=True)
    count = serializers.IntegerField(read_only=True)
    percent = serializers.IntegerField(read_only=True)


class StatisticsSerializer(serializers.Serializer):
    registered = serializers.IntegerField(read_only=True)
    waitlisted = serializers.IntegerField(read_only=True)
    pending = serializers.IntegerField(read_only=True)
    cancelled = serializers.IntegerField(read_only=True)
    attended = serializers.IntegerField(read_only=True)
    no_show = serializers.IntegerField(read_only=True)
    basis = serializers.ChoiceField(
        choices=[("registered", "registered"), ("attended", "attended")],
        read_only=True,
        help_text="What the make-up counts: those who came once the event is held.",
    )
    total = serializers.IntegerField(read_only=True)
    arts = serializers.IntegerField(read_only=True)
    arts_percent = serializers.IntegerField(read_only=True)
    by_type = ShareSerializer(many=True, read_only=True)
    by_art_form = ShareSerializer(many=True, read_only=True)
    invited = serializers.IntegerField(read_only=True)
    invited_registered = serializers.IntegerField(read_only=True)


class EventBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ("id", "title", "kind", "status", "starts_at", "ends_at")
        read_only_fields = fields


class ProgrammeEventRowSerializer(serializers.Serializer):
    event = EventBriefSerializer(read_only=True)
    registered = serializers.IntegerField(read_only=True)
    attended = serializers.IntegerField(read_only=True)
    arts_registered = serializers.IntegerField(read_only=True)
    arts_attended = serializers.IntegerField(read_only=True)
    arts_percent_registered = serializers.IntegerField(read_only=True)
    arts_percent_attended = serializers.IntegerField(read_only=True)


class ProgrammeInterestSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    programme = serializers.IntegerField(source="programme_id", read_only=True)
    organisation = _Named(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
