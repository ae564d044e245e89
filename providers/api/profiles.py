"""The directory API: public search and profiles, a provider's own profile (activities and
documents), and consortia. Writes go through `providers.services`; a service's refusal is a 400
in the API's one error format, someone else's organisation is a 404 and a missing role a 403.

With token authentication there is no active organisation (that lives in the session), so
endpoints acting for an organisation accept `?organisation=<id>`: one of the caller's own.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors as accounts_selectors
from accounts.constants import OrganisationType
from accounts.models import Membership
from commissioning.vocabulary.snapshot import vocabulary_generation
from core.errors import ApplicationError
from core.pagecache import shared_json
from providers import selectors
from providers.api import selectors as api_selectors
from providers.constants import Setting, StaffBand
from providers.filters import SORT_CHOICES, DirectorySearchForm
from providers.models import ProviderProfile
from providers.serializers import (
    ActivityInputSerializer,
    ActivitySerializer,
    ConsortiumCreatedSerializer,
    ConsortiumCreateSerializer,
    ConsortiumMemberSerializer,
    ConsortiumRespondSerializer,
    ConsortiumSerializer,
    DirectorySearchResponseSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    ListingSerializer,
    ListingStateSerializer,
    ProfileDetailSerializer,
    ProfileSerializer,
    ProfileSummarySerializer,
    ProfileUpdateSerializer,
)
from providers.services import consortia, documents, profiles

TAG_DIRECTORY = "Provider directory"
TAG_PROFILE = "Your provider profile"
TAG_CONSORTIA = "Consortia"

ORGANISATION = OpenApiParameter(
    "organisation",
    int,
    description="The organisation you are acting for (one of yours). Defaults to your active "
    "organisation when signed in with a session, or to your only organisation.",
)


def _refusal(exc: ApplicationError | DjangoValidationError) -> ValidationError:
    if isinstance(exc, ApplicationError):
        return ValidationError({"non_field_errors": [exc.message]})
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


def _call(service: Callable, **kwargs):
    """Run a service; its refusal becomes a 400 with its message."""
    try:
        return service(**kwargs)
    except (ApplicationError, DjangoValidationError) as exc:
        raise _refusal(exc) from exc


def acting_membership(request: Request) -> Membership:
    """The caller's membership of the organisation they act for: `?organisation=<id>` (404
    when not theirs), else the session's active organisation, else their only one."""
    memberships = accounts_selectors.membership_list_for_user(user=request.user)
    raw = request.query_params.get("organisation")
    if raw:
        membership = next((m for m in memberships if str(m.organisation_id) == raw.strip()), None)
        if membership is None:
            raise NotFound("You are not a member of that organisation.")
        return membership
    active = getattr(request, "organisation", None)
    if active is not None:
        membership = next((m for m in memberships if m.organisation_id == active.pk), None)
        if membership is not None:
            return membership
    if len(memberships) == 1:
        return memberships[0]
    if not memberships:
        message = "You are not a member of any organisation."
    else:
        message = "Say which of your organisations you are acting for: add ?organisation=<id>."
    raise ValidationError({"organisation": [message]})


def _own_profile(request: Request) -> ProviderProfile:
    """The acting organisation's profile, created unlisted the first time. Finding the
    caller's membership of that organisation is the `providers.change_profile` check (any
    member may edit), so it is not asked again."""
    membership = acting_membership(request)
    return _call(profiles.profile_ensure, organisation=membership.organisation)


def _own_profile_loaded(profile: ProviderProfile) -> ProviderProfile:
    loaded = selectors.profile_for_organisation(organisation=profile.organisation)
    if loaded is None:  # deleted between the two reads
        raise NotFound
    return loaded


# Directory --------------------------------------------------------------------------------------

_FACETS = {
    # selector facet → (query parameter, vocabulary to turn a primary key into the slug)
    "art_forms": ("art_form", "art_form"),
    "outcome_areas": ("outcome", "outcome_area"),
    "beneficiary_groups": ("beneficiary", "beneficiary_group"),
    "areas": ("area", None),
    "settings": ("setting", None),
    "organisation_types": ("type", None),
    "staff_bands": ("size", None),
}

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Words to search for; prefixes match (theat…)."),
    OpenApiParameter("art_form", str, many=True, description="Art form slugs."),
    OpenApiParameter("outcome", str, many=True, description="Outcome area slugs."),
    OpenApiParameter("beneficiary", str, many=True, description="Beneficiary group slugs."),
    OpenApiParameter("area", str, many=True, description="ONS codes of areas served."),
    OpenApiParameter("setting", str, many=True, enum=Setting.values),
    OpenApiParameter("type", str, many=True, enum=OrganisationType.values),
    OpenApiParameter("size", str, many=True, enum=StaffBand.values, description="Paid staff."),
    OpenApiParameter("sort", str, enum=[value for value, _ in SORT_CHOICES]),
]


class DirectorySearchView(generics.GenericAPIView):
    """Search listed providers with the directory page's filters; unknown values are ignored,
    as on the page. Facet values are what to pass back as each facet's parameter."""

    permission_classes = [AllowAny]
    serializer_class = ProfileSummarySerializer

    @extend_schema(
        operation_id="v1_directory_list",
        tags=[TAG_DIRECTORY],
        parameters=SEARCH_PARAMETERS,
        responses=DirectorySearchResponseSerializer,
    )
    def get(self, request: Request) -> Response:
        if request.accepted_renderer.format != "json":
            return self._search(request)
        # The same answer for every caller: rendered once per URL until a profile or term
        # changes (core.pagecache).
        renderer = request.accepted_renderer
        return shared_json(
            request,
            state=("directory-api", selectors.directory_generation(), vocabulary_generation()),
            render=lambda: renderer.render(
                self._search(request).data,
                request.accepted_media_type,
                self.get_renderer_context(),
            ),
        )

    def _search(self, request: Request) -> Response:
        filters = DirectorySearchForm(request.query_params).filters()
        summary = selectors.directory_summary(filters)
        page = self.paginator.paginate_queryset(
            selectors.directory_results(filters, summary),
            self.request,
            view=self,
            count=summary.count,
        )
        vocabulary = api_selectors.vocabulary_by_pk()
        areas = api_selectors.areas_all()
        results = ProfileSummarySerializer(
            page, many=True, context={"vocabulary": vocabulary, "areas": areas}
        ).data
        response = self.get_paginated_response(results)
        # The same for everyone making the same search: built once, then from the cache.
        response.data["facets"] = selectors.directory_facets_built(
            summary,
            filters,
            "api",
            lambda facets: {
                parameter: [
                    {
                        "value": self._facet_value(value.value, kind, vocabulary, areas, name),
                        "label": value.label,
                        "count": value.count,
                        "selected": value.selected,
                    }
                    for value in facets[name]
                ]
                for name, (parameter, kind) in _FACETS.items()
            },
        )
        return response

    @staticmethod
    def _facet_value(value, kind, vocabulary, areas, name) -> str:
        if kind is not None:
            return vocabulary[kind][int(value)][0]
        if name == "areas":
            return areas[int(value)][0]
        return str(value)


class DirectoryDetailView(generics.GenericAPIView):
    """A listed profile; an unlisted one only for its own members."""

    permission_classes = [AllowAny]
    serializer_class = ProfileDetailSerializer

    @extend_schema(tags=[TAG_DIRECTORY])
    def get(self, request: Request, pk: int) -> Response:
        profile = selectors.profile_get_for_user(user=request.user, pk=pk)
        return Response(ProfileDetailSerializer(profile).data)


# The caller's own profile -----------------------------------------------------------------------


class ProfileView(generics.GenericAPIView):
    """Your organisation's profile (created, unlisted, the first time you ask)."""

    permission_classes = [IsAuthenticated]
    serializer_class = ProfileSerializer

    @extend_schema(tags=[TAG_PROFILE], parameters=[ORGANISATION])
    def get(self, request: Request) -> Response:
        profile = _own_profile_loaded(_own_profile(request))
        return Response(ProfileSerializer(profile).data)

    @extend_schema(
        tags=[TAG_PROFILE],
        parameters=[ORGANISATION],
        request=ProfileUpdateSerializer,
        responses=ProfileSerializer,
    )
    def patch(self, request: Request) -> Response:
        profile = _own_profile(request)
        serializer = ProfileUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        _call(
            profiles.profile_update,
            actor=request.user,
            profile=profile,
            **serializer.validated_data,
        )
        return Response(ProfileSerializer(_own_profile_loaded(profile)).data)


class ProfileListingView(generics.GenericAPIView):
    """List your profile in the directory (and the open-data feed), or take it out. Admins
    only; listing needs a summary, a named contact, an art form and an area."""

    permission_classes = [IsAuthenticated]
    serializer_class = ListingSerializer

    @extend_schema(
        tags=[TAG_PROFILE],
        parameters=[ORGANISATION],
        request=ListingSerializer,
        responses=ListingStateSerializer,
    )
    def post(self, request: Request) -> Response:
        profile = _own_profile(request)
        if not request.user.has_perm("providers.list_profile", profile):
            raise PermissionDenied(
                "Only your organisation's admins can list or unlist its profile."
            )
        serializer = ListingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = _call(
            profiles.profile_set_listed,
            actor=request.user,
            profile=profile,
            listed=serializer.validated_data["listed"],
        )
        return Response(ListingStateSerializer(profile).data)


class ActivityListCreateView(generics.GenericAPIView):
    """The activities (services) your organisation offers."""

    permission_classes = [IsAuthenticated]
    serializer_class = ActivitySerializer
    filter_backends = []  # the caller's own rows, unfiltered

    @extend_schema(
        operation_id="v1_profile_activities_list",
        tags=[TAG_PROFILE],
        parameters=[ORGANISATION],
        responses=ActivitySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        profile = _own_profile(request)
        page = self.paginate_queryset(api_selectors.activity_list_for_profile(profile=profile))
        return self.get_paginated_response(ActivitySerializer(page, many=True).data)

    @extend_schema(
        tags=[TAG_PROFILE],
        parameters=[ORGANISATION],
        request=ActivityInputSerializer,
        responses={201: ActivitySerializer},
    )
    def post(self, request: Request) -> Response:
        profile = _own_profile(request)
        serializer = ActivityInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity = _call(
            profiles.activity_save, actor=request.user, profile=profile, **serializer.validated_data
        )
        return Response(ActivitySerializer(activity).data, status=status.HTTP_201_CREATED)


class ActivityDetailView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ActivitySerializer

    def _activity(self, request: Request, pk: int):
        profile = _own_profile(request)
        return profile, selectors.activity_get_for_profile(profile=profile, pk=pk)

    @extend_schema(tags=[TAG_PROFILE], parameters=[ORGANISATION])
    def get(self, request: Request, pk: int) -> Response:
        _, activity = self._activity(request, pk)
        return Response(ActivitySerializer(activity).data)

    @extend_schema(
        tags=[TAG_PROFILE],
        parameters=[ORGANISATION],
        request=ActivityInputSerializer,
        responses=ActivitySerializer,
    )
    def patch(self, request: Request, pk: int) -> Response:
        profile, activity = self._activity(request, pk)
        serializer = ActivityInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        activity = _call(
            profiles.activity_save,
            actor=request.user,
            profile=profile,
            activity=activity,
            **serializer.validated_data,
        )
        return Response(ActivitySerializer(activity).data)

    @extend_schema(tags=[TAG_PROFILE], parameters=[ORGANISATION], responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        _, activity = self._activity(request, pk)
        _call(profiles.activity_delete, actor=request.user, activity=activity)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentListCreateView(generics.GenericAPIView):
    """Due-diligence documents (insurance, policies, accounts) with their expiry dates. Files
    are checked by their content, not their name."""

    permission_classes = [IsAuthenticated]
    serializer_class = DocumentSerializer
    filter_backends = []  # the caller's own rows, unfiltered
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=[TAG_PROFILE], parameters=[ORGANISATION], responses=DocumentSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        profile = _own_profile(request)
        page = self.paginate_queryset(api_selectors.document_list_for_profile(profile=profile))
        return self.get_paginated_response(DocumentSerializer(page, many=True).data)

    @extend_schema(
        tags=[TAG_PROFILE],
        parameters=[ORGANISATION],
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer},
    )
    def post(self, request: Request) -> Response:
        profile = _own_profile(request)
        serializer = DocumentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = _call(
            documents.document_upload,
            actor=request.user,
            profile=profile,
            **serializer.validated_data,
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentDeleteView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = DocumentSerializer

    @extend_schema(tags=[TAG_PROFILE], parameters=[ORGANISATION], responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        profile = _own_profile(request)
        document = selectors.document_get_for_user(user=request.user, pk=pk)
        if document.profile_id != profile.pk:
            raise NotFound
        _call(documents.document_delete, actor=request.user, document=document)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Consortia --------------------------------------------------------------------------------------


class ConsortiumListCreateView(generics.GenericAPIView):
    """Consortia and their confirmed members (public); start one led by your organisation."""

    serializer_class = ConsortiumSerializer
    filter_backends = []  # the caller's own rows, unfiltered

    def get_permissions(self):
        if self.request.method == "GET":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(tags=[TAG_CONSORTIA], responses=ConsortiumSerializer(many=True))
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.consortium_list_public())
        return self.get_paginated_response(ConsortiumSerializer(page, many=True).data)

    @extend_schema(
        tags=[TAG_CONSORTIA],
        parameters=[ORGANISATION],
        request=ConsortiumCreateSerializer,
        responses={201: ConsortiumCreatedSerializer},
    )
    def post(self, request: Request) -> Response:
        membership = acting_membership(request)
        if not membership.is_admin:
            raise PermissionDenied("Only an admin of your organisation can start a consortium.")
        serializer = ConsortiumCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        consortium = _call(
            consortia.consortium_create,
            actor=request.user,
            lead=membership.organisation,
            **serializer.validated_data,
        )
        consortium.member_list = list(selectors.consortium_members(consortium=consortium))
        return Response(
            ConsortiumCreatedSerializer(consortium).data, status=status.HTTP_201_CREATED
        )


class ConsortiumRespondView(generics.GenericAPIView):
    """Join a consortium your organisation was invited to, or decline. Admins only."""

    permission_classes = [IsAuthenticated]
    serializer_class = ConsortiumRespondSerializer

    @extend_schema(
        tags=[TAG_CONSORTIA],
        parameters=[
            OpenApiParameter(
                "organisation",
                OpenApiTypes.INT,
                description="Which of your organisations is answering, if several were asked.",
            )
        ],
        request=ConsortiumRespondSerializer,
        responses=ConsortiumMemberSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        consortium = selectors.consortium_get(pk=pk)
        memberships = {
            m.organisation_id: m
            for m in accounts_selectors.membership_list_for_user(user=request.user)
        }
        asked = [
            member
            for member in selectors.consortium_members(consortium=consortium)
            if member.organisation_id in memberships
            and member.organisation_id != consortium.lead_id
        ]
        raw = request.query_params.get("organisation")
        if raw:
            asked = [member for member in asked if str(member.organisation_id) == raw.strip()]
        if not asked:
            raise NotFound("None of your organisations has been asked to join this consortium.")
        if len(asked) > 1:
            raise ValidationError(
                {
                    "organisation": [
                        "Say which of your organisations is answering: ?organisation=<id>."
                    ]
                }
            )
        member = asked[0]
        if not memberships[member.organisation_id].is_admin:
            raise PermissionDenied("Only an admin of the invited organisation can answer.")
        serializer = ConsortiumRespondSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = _call(
            consortia.consortium_respond,
            actor=request.user,
            member=member,
            accept=serializer.validated_data["accept"],
        )
        return Response(ConsortiumMemberSerializer(member).data)
