"""The events API: commissioners run events; providers register, write profiles, read the board
and contact each other; everyone reads the list, materials (once published) and statistics.

Thin views over the services and selectors the pages use. An event the caller may not see is
404; one they may see but not manage is 403. A service's refusal is a 400 in the common error
format, with its message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, permissions, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors as account_selectors
from accounts.models import Organisation
from commissioning.models import Programme
from core.errors import ApplicationError
from engagement import selectors
from engagement.constants import EventKind
from engagement.models import AttendeeProfile, Event, EventInvitation, Registration
from engagement.selectors import BoardFilters, EventFilters
from engagement.serializers import (
    AttendanceSerializer,
    AttendeeProfileSerializer,
    BoardProfileSerializer,
    ContactSentSerializer,
    ContactSerializer,
    EventInvitationSendSerializer,
    EventInvitationSerializer,
    EventListSerializer,
    EventMatchingProviderSerializer,
    EventQuestionSerializer,
    EventReasonSerializer,
    EventSerializer,
    EventWriteSerializer,
    MaterialCreateSerializer,
    MaterialSerializer,
    MaterialsSerializer,
    ProgrammeEventRowSerializer,
    ProgrammeInterestSerializer,
    RegisterSerializer,
    RegistrationSerializer,
    StatisticsSerializer,
    SummarySerializer,
)
from engagement.services import events, invitations, materials, profiles, registrations
from providers.models import ProviderProfile
from tenders.models import Opportunity

MANAGE_REFUSED = "Only the commissioners of the organisation running this event can do this."
BOARD_REFUSED = (
    "Only people registered for the event, providers registered on its opportunity or "
    "interested in its programme, and its organisers can see who is in the room."
)


@contextmanager
def service_errors() -> Iterator[None]:
    """A service's refusal as a 400 in the common format, with its message."""
    try:
        yield
    except ApplicationError as exc:
        detail: dict[str, list[str]] = {"non_field_errors": [exc.message]}
        if exc.extra.get("problems"):
            detail["problems"] = list(exc.extra["problems"])
        raise ValidationError(detail) from exc
    except DjangoValidationError as exc:
        raise ValidationError({"non_field_errors": exc.messages}) from exc


def _schema_only(view: Any) -> bool:
    """Schema generation runs views without a request user or URL arguments."""
    return getattr(view, "swagger_fake_view", False)


def _member_organisation(request: Request, organisation_id: int | None) -> Organisation | None:
    """The organisation the person acts for: the one named, else the one chosen in the
    browser, else their only one; None when they belong to none."""
    memberships = account_selectors.membership_list_for_user(user=request.user)
    organisations = [m.organisation for m in memberships]
    if organisation_id is not None:
        chosen = next((o for o in organisations if o.pk == organisation_id), None)
        if chosen is None:
            raise PermissionDenied("You can only act for organisations you belong to.")
        return chosen
    active = getattr(request, "organisation", None)
    if active in organisations:
        return active
    if len(organisations) > 1:
        raise ValidationError(
            {"organisation": ["You belong to several organisations: say which one."]}
        )
    return organisations[0] if organisations else None


def _query_int(request: Request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() else None


class _EventMixin:
    """Views under /events/<pk>/: an event the caller may see (a draft only for its
    organisers, else 404)."""

    filter_backends = []
    request: Request
    kwargs: dict[str, Any]

    @cached_property
    def event(self) -> Event:
        return selectors.event_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class _OrganiserMixin(_EventMixin):
    """Only the event's organisers (403 for anyone else who can see it)."""

    @cached_property
    def event(self) -> Event:
        event = selectors.event_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        if not self.request.user.has_perm("engagement.change_event", event):
            raise PermissionDenied(MANAGE_REFUSED)
        return event

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # Refuse outsiders before anything reads their input: otherwise a stranger's invalid
        # request is answered with field errors instead of 403.
        super().initial(request, *args, **kwargs)
        _ = self.event


def _resolve_links(request: Request, data: dict[str, Any], organisation: Organisation) -> None:
    """Programme and opportunity ids to objects of the caller's organisation (404 otherwise)."""
    if data.get("programme") is not None:
        programme = Programme.objects.filter(pk=data["programme"], organisation=organisation)
        data["programme"] = programme.first() or _not_found("programme")
    if data.get("opportunity") is not None:
        opportunity = Opportunity.objects.filter(pk=data["opportunity"], organisation=organisation)
        data["opportunity"] = opportunity.first() or _not_found("opportunity")


def _not_found(what: str):
    raise ValidationError({what: [f"Choose one of your own organisation's {what}s."]})


# Events ---------------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="Events anyone can see",
        parameters=[
            OpenApiParameter("q", str, description="Words in the title or description."),
            OpenApiParameter("kind", str, enum=EventKind.values),
            OpenApiParameter("area", int, description="An area id (with its districts)."),
            OpenApiParameter("programme", int),
            OpenApiParameter("when", str, enum=["upcoming", "past"]),
        ],
    ),
    post=extend_schema(
        summary="Create a draft event",
        description="Commissioners only, for the organisation they act for (`?organisation=`).",
        request=EventWriteSerializer,
        responses={201: EventSerializer},
    ),
)
class EventListCreateView(generics.ListCreateAPIView):
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    serializer_class = EventListSerializer
    filter_backends = []

    def get_queryset(self):
        params = self.request.query_params
        kinds = [k for k in params.getlist("kind") if k in EventKind.values]
        return selectors.event_list_public(
            EventFilters(
                q=params.get("q", "").strip(),
                kinds=kinds,
                area=_query_int(self.request, "area"),
                programme=_query_int(self.request, "programme"),
                when="past" if params.get("when") == "past" else "upcoming",
            )
        )

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organisation = _member_organisation(request, _query_int(request, "organisation"))
        if organisation is None or not request.user.has_perm("engagement.add_event", organisation):
            raise PermissionDenied("Only commissioners can create events.")
        serializer = EventWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        _resolve_links(request, data, organisation)
        with service_errors():
            event = events.event_create(actor=request.user, organisation=organisation, **data)
        return Response(
            EventSerializer(event, context={"online_visible": True}).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema_view(
    get=extend_schema(summary="An event"),
    patch=extend_schema(
        summary="Change a draft or open event",
        description="Everyone registered is emailed when the time or place changes.",
        request=EventWriteSerializer,
        responses=EventSerializer,
    ),
)
class EventDetailView(_EventMixin, generics.GenericAPIView):
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    serializer_class = EventSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def _context(self, event: Event) -> dict[str, Any]:
        return {
            "online_visible": self.request.user.has_perm("engagement.view_online_details", event)
        }

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(EventSerializer(self.event, context=self._context(self.event)).data)

    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.event
        if not request.user.has_perm("engagement.change_event", event):
            raise PermissionDenied(MANAGE_REFUSED)
        serializer = EventWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        _resolve_links(request, data, event.organisation)
        with service_errors():
            event = events.event_update(actor=request.user, event=event, **data)
        event = selectors.event_get_for_user(user=request.user, pk=event.pk)
        return Response(EventSerializer(event, context=self._context(event)).data)


class _EventActionView(_OrganiserMixin, generics.GenericAPIView):
    """POST only: check the input, call the lifecycle service, show the event."""

    serializer_class = EventSerializer
    input_serializer_class: type | None = None

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.event
        data: dict[str, Any] = {}
        if self.input_serializer_class is not None:
            serializer = self.input_serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
        with service_errors():
            self.act(event, data)
        event = selectors.event_get_for_user(user=request.user, pk=event.pk)
        return Response(EventSerializer(event, context={"online_visible": True}).data)

    def act(self, event: Event, data: dict[str, Any]) -> None:
        raise NotImplementedError


@extend_schema_view(post=extend_schema(summary="Publish a draft event", request=None))
class EventPublishView(_EventActionView):
    def act(self, event: Event, data: dict[str, Any]) -> None:
        events.event_publish(actor=self.request.user, event=event)


@extend_schema_view(
    post=extend_schema(
        summary="Cancel an event",
        description="Everyone registered is emailed the reason.",
        request=EventReasonSerializer,
    )
)
class EventCancelView(_EventActionView):
    input_serializer_class = EventReasonSerializer

    def act(self, event: Event, data: dict[str, Any]) -> None:
        events.event_cancel(actor=self.request.user, event=event, reason=data["reason"])


@extend_schema_view(
    post=extend_schema(
        summary="Record that the event was held",
        description="Everyone with a place who was not checked in is recorded as not coming.",
        request=None,
    )
)
class EventHeldView(_EventActionView):
    def act(self, event: Event, data: dict[str, Any]) -> None:
        events.event_mark_held(actor=self.request.user, event=event)


@extend_schema_view(
    put=extend_schema(
        summary="Write the market-engagement summary",
        description="What was heard and what changes in the specification; shown on the "
        "linked opportunity, and it satisfies the inclusion check's market engagement.",
        request=SummarySerializer,
    )
)
class EventSummaryView(_EventActionView):
    http_method_names = ["put", "options"]
    input_serializer_class = SummarySerializer

    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.post(request, *args, **kwargs)

    def act(self, event: Event, data: dict[str, Any]) -> None:
        events.event_summary_save(
            actor=self.request.user, event=event, heard=data["heard"], changes=data["changes"]
        )


# Registrations --------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="Everyone registered (organisers only)",
        parameters=[OpenApiParameter("status", str)],
    ),
    post=extend_schema(
        summary="Register for the event",
        description="Yourself, or a colleague (`name` and `email`), for the organisation you "
        "act for. You get a place, or a place on the waiting list when it is full.",
        request=RegisterSerializer,
        responses={201: RegistrationSerializer},
    ),
)
class EventRegistrationListCreateView(_EventMixin, generics.ListCreateAPIView):
    serializer_class = RegistrationSerializer

    def get_queryset(self):
        if _schema_only(self):
            return Registration.objects.none()
        if not self.request.user.has_perm("engagement.change_event", self.event):
            raise PermissionDenied(MANAGE_REFUSED)
        return selectors.registration_list_for_event(
            event=self.event, status=self.request.query_params.get("status", "")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.event
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = _member_organisation(request, data.pop("organisation", None))
        with service_errors():
            registration = registrations.registration_create(
                actor=request.user, event=event, organisation=organisation, **data
            )
        return Response(self.get_serializer(registration).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    post=extend_schema(
        summary="Check someone in (or undo it)",
        request=AttendanceSerializer,
        responses=RegistrationSerializer,
    )
)
class AttendanceView(_OrganiserMixin, generics.GenericAPIView):
    serializer_class = RegistrationSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        registration = _registration_of(self.event, self.kwargs["registration_pk"])
        serializer = AttendanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            registration = registrations.attendance_record(
                actor=request.user,
                registration=registration,
                attended=serializer.validated_data["attended"],
            )
        return Response(self.get_serializer(registration).data)


def _registration_of(event: Event, pk: int) -> Registration:
    registration = event.registrations.filter(pk=pk).first()
    if registration is None:
        raise NotFound
    return registration


@extend_schema_view(get=extend_schema(summary="Your registrations, and those you made"))
class RegistrationListView(generics.ListAPIView):
    serializer_class = RegistrationSerializer
    filter_backends = []

    def get_queryset(self):
        if _schema_only(self):
            return Registration.objects.none()
        return selectors.registration_list_for_user(user=self.request.user).select_related(
            "profile"
        )


class _RegistrationMixin:
    filter_backends = []
    request: Request
    kwargs: dict[str, Any]

    @cached_property
    def registration(self) -> Registration:
        return selectors.registration_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


@extend_schema_view(get=extend_schema(summary="A registration"))
class RegistrationDetailView(_RegistrationMixin, generics.GenericAPIView):
    serializer_class = RegistrationSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(self.registration).data)


@extend_schema_view(
    post=extend_schema(
        summary="Cancel a registration",
        description="The first on the waiting list gets the place.",
        request=None,
    )
)
class RegistrationCancelView(_RegistrationMixin, generics.GenericAPIView):
    serializer_class = RegistrationSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with service_errors():
            registration = registrations.registration_cancel(
                actor=request.user, registration=self.registration
            )
        return Response(self.get_serializer(registration).data)


@extend_schema_view(
    get=extend_schema(summary="Your profile for the board"),
    put=extend_schema(
        summary="Write or change your profile",
        description="Until the event starts. Without `consent` only you and the organiser see it.",
    ),
    delete=extend_schema(summary="Withdraw your profile (at any time)", responses={204: None}),
)
class ProfileView(_RegistrationMixin, generics.GenericAPIView):
    serializer_class = AttendeeProfileSerializer
    http_method_names = ["get", "put", "delete", "options"]

    def _profile(self):
        profile = getattr(self.registration, "profile", None)
        if profile is None:
            raise NotFound("There is no profile yet.")
        return profile

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(self._profile()).data)

    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        with service_errors():
            profile = profiles.profile_save(
                actor=request.user,
                registration=self.registration,
                about=data["about"],
                consent=data["consent"],
                looking_for_partners=data.get("looking_for_partners", False),
                partner_note=data.get("partner_note", ""),
                outcome_areas=data.get("outcome_areas", ()),
                art_forms=data.get("art_forms"),
            )
        return Response(self.get_serializer(profile).data)

    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        profiles.profile_withdraw(actor=request.user, profile=self._profile())
        return Response(status=status.HTTP_204_NO_CONTENT)


# The board ------------------------------------------------------------------------------------


class _BoardMixin(_EventMixin):
    @cached_property
    def event(self) -> Event:
        event = selectors.event_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        if not self.request.user.has_perm("engagement.view_board", event):
            raise PermissionDenied(BOARD_REFUSED)
        return event


@extend_schema_view(
    get=extend_schema(
        summary="Who's in the room: the consented profiles",
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("art_form", int),
            OpenApiParameter("organisation_type", str),
            OpenApiParameter("looking_for_partners", bool),
        ],
    )
)
class BoardView(_BoardMixin, generics.ListAPIView):
    serializer_class = BoardProfileSerializer

    def get_queryset(self):
        if _schema_only(self):
            return AttendeeProfile.objects.none()
        params = self.request.query_params
        return selectors.board_profiles(
            event=self.event,
            filters=BoardFilters(
                q=params.get("q", "").strip(),
                art_form=_query_int(self.request, "art_form"),
                organisation_type=params.get("organisation_type", ""),
                looking_for_partners=params.get("looking_for_partners") in ("true", "1"),
            ),
        )


@extend_schema_view(
    post=extend_schema(
        summary="Contact this organisation",
        description="We email the message; neither side's address is shown unless you "
        "share yours (`share_email`).",
        request=ContactSerializer,
        responses={201: ContactSentSerializer},
    )
)
class ContactView(_BoardMixin, generics.GenericAPIView):
    serializer_class = ContactSentSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.event
        profile = selectors.board_profile_get(event=event, pk=self.kwargs["profile_pk"])
        serializer = ContactSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = getattr(request, "organisation", None)
        with service_errors():
            message = profiles.contact_send(
                event=event,
                profile=profile,
                sender=request.user,
                sender_organisation=organisation,
                **serializer.validated_data,
            )
        return Response(self.get_serializer(message).data, status=status.HTTP_201_CREATED)


# Invitations ----------------------------------------------------------------------------------


@extend_schema_view(get=extend_schema(summary="Directory providers that match the event"))
class MatchingProviderListView(_OrganiserMixin, generics.ListAPIView):
    serializer_class = EventMatchingProviderSerializer

    def get_queryset(self):
        if _schema_only(self):
            return ProviderProfile.objects.none()
        return selectors.matching_providers_for_event(event=self.event)


@extend_schema_view(
    get=extend_schema(summary="Personal invitations sent, with who registered and came"),
    post=extend_schema(
        summary="Send personal invitations",
        description="In your own name, to matching directory providers; organisations "
        "already invited are skipped. Responds with the invitations sent now.",
        request=EventInvitationSendSerializer,
        responses={201: EventInvitationSerializer(many=True)},
    ),
)
class InvitationListCreateView(_OrganiserMixin, generics.ListCreateAPIView):
    serializer_class = EventInvitationSerializer

    def get_queryset(self):
        if _schema_only(self):
            return EventInvitation.objects.none()
        return selectors.invitations_for(event=self.event)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.event
        serializer = EventInvitationSendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        wanted = set(serializer.validated_data["organisations"])
        matching = [
            profile.organisation
            for profile in selectors.matching_providers_for_event(event=event).filter(
                organisation_id__in=wanted
            )
        ]
        if len(matching) != len(wanted):
            raise ValidationError(
                {"organisations": ["Choose providers from the matching providers."]}
            )
        with service_errors():
            sent = invitations.invitations_send(
                actor=request.user,
                event=event,
                organisations=matching,
                message=serializer.validated_data["message"],
            )
        return Response(
            EventInvitationSerializer(sent, many=True).data, status=status.HTTP_201_CREATED
        )


# Materials ------------------------------------------------------------------------------------


def _materials_visible(request: Request, event: Event) -> bool:
    if selectors.is_organiser_member(user=request.user, event=event):
        return True
    return event.materials_published_at is not None and request.user.has_perm(
        "engagement.view_board", event
    )


@extend_schema_view(
    get=extend_schema(
        summary="Slides, notes and answers",
        description="For the organisers; for everyone registered once published.",
        responses=MaterialsSerializer,
    ),
    post=extend_schema(
        summary="Add slides, notes or a document (organisers)",
        request={"multipart/form-data": MaterialCreateSerializer},
        responses={201: MaterialSerializer},
    ),
)
class MaterialListCreateView(_EventMixin, generics.GenericAPIView):
    serializer_class = MaterialSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.event
        if not _materials_visible(request, event):
            raise NotFound("The materials have not been published.")
        return Response(
            MaterialsSerializer(
                {
                    "published_at": event.materials_published_at,
                    "materials": selectors.materials_for(event=event),
                    "questions": selectors.questions_for(event=event),
                }
            ).data
        )

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.event
        if not request.user.has_perm("engagement.change_event", event):
            raise PermissionDenied(MANAGE_REFUSED)
        serializer = MaterialCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            material = materials.material_add(
                actor=request.user, event=event, **serializer.validated_data
            )
        return Response(MaterialSerializer(material).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    post=extend_schema(
        summary="Add a question answered at the event",
        request=EventQuestionSerializer,
        responses={201: EventQuestionSerializer},
    )
)
class EventQuestionCreateView(_OrganiserMixin, generics.GenericAPIView):
    serializer_class = EventQuestionSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            item = materials.event_question_add(
                actor=request.user, event=self.event, **serializer.validated_data
            )
        return Response(self.get_serializer(item).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    post=extend_schema(
        summary="Publish an answer as a clarification of the opportunity",
        description="Through the tender builder's question and answer services: everyone "
        "registered on the opportunity is told.",
        request=None,
    )
)
class EventQuestionCopyView(_OrganiserMixin, generics.GenericAPIView):
    serializer_class = EventQuestionSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.event.questions.filter(pk=self.kwargs["question_pk"]).first()
        if item is None:
            raise NotFound
        with service_errors():
            item = materials.event_question_copy_to_clarifications(actor=request.user, item=item)
        return Response(self.get_serializer(item).data)


@extend_schema_view(
    post=extend_schema(
        summary="Publish the materials to everyone registered",
        description="On the event and the linked opportunity, at the same moment; each is emailed.",
        request=None,
        responses=MaterialsSerializer,
    )
)
class MaterialsPublishView(_OrganiserMixin, generics.GenericAPIView):
    serializer_class = MaterialsSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with service_errors():
            event = materials.materials_publish(actor=request.user, event=self.event)
        return Response(
            MaterialsSerializer(
                {
                    "published_at": event.materials_published_at,
                    "materials": selectors.materials_for(event=event),
                    "questions": selectors.questions_for(event=event),
                }
            ).data
        )


# Statistics and programmes ----------------------------------------------------------------------


@extend_schema_view(get=extend_schema(summary="Registrations, attendance and the make-up"))
class StatisticsView(_OrganiserMixin, generics.GenericAPIView):
    serializer_class = StatisticsSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(selectors.event_statistics(event=self.event)).data)


@extend_schema_view(get=extend_schema(summary="A programme's events compared"))
class ProgrammeStatisticsView(generics.ListAPIView):
    serializer_class = ProgrammeEventRowSerializer
    filter_backends = []
    pagination_class = None

    def get_queryset(self):
        if _schema_only(self):
            return []
        programme = selectors.programme_get_for_organiser(
            user=self.request.user, pk=self.kwargs["pk"]
        )
        if not self.request.user.has_perm("engagement.add_event", programme.organisation):
            raise PermissionDenied(MANAGE_REFUSED)
        return selectors.programme_statistics(programme=programme)


@extend_schema_view(
    post=extend_schema(
        summary="Say your organisation is interested in the programme",
        description="It joins the programme's public list; add a profile from the pages.",
        request=None,
        parameters=[OpenApiParameter("organisation", int)],
        responses={201: ProgrammeInterestSerializer},
    ),
    delete=extend_schema(
        summary="Leave the programme's list",
        parameters=[OpenApiParameter("organisation", int)],
        responses={204: None},
    ),
)
class ProgrammeInterestView(generics.GenericAPIView):
    serializer_class = ProgrammeInterestSerializer
    filter_backends = []

    def _organisation(self) -> Organisation:
        organisation = _member_organisation(self.request, _query_int(self.request, "organisation"))
        if organisation is None or not self.request.user.has_perm(
            "engagement.express_interest", organisation
        ):
            raise PermissionDenied("Only providers can express interest in a programme.")
        return organisation

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        programme = selectors.programme_get_public(pk=self.kwargs["pk"])
        organisation = self._organisation()
        with service_errors():
            interest = profiles.programme_interest_register(
                actor=request.user, programme=programme, organisation=organisation
            )
        return Response(self.get_serializer(interest).data, status=status.HTTP_201_CREATED)

    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        programme = selectors.programme_get_public(pk=self.kwargs["pk"])
        interest = selectors.programme_interest_for(
            programme=programme, organisation=self._organisation()
        )
        if interest is None:
            raise NotFound
        profiles.programme_interest_withdraw(actor=request.user, interest=interest)
        return Response(status=status.HTTP_204_NO_CONTENT)
