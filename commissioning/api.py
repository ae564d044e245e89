"""The commissioning API: the shared vocabulary (public) and programmes (their commissioners)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from commissioning import selectors, services
from commissioning.serializers import (
    AreaSerializer,
    ArtFormSerializer,
    BeneficiaryGroupSerializer,
    OutcomeAreaSerializer,
    ProgrammeCreateSerializer,
    ProgrammeSerializer,
)
from core.errors import ApplicationError


class _VocabularyView(generics.ListAPIView):
    permission_classes = [permissions.AllowAny]
    pagination_class = None


class OutcomeAreaListView(_VocabularyView):
    serializer_class = OutcomeAreaSerializer

    def get_queryset(self):
        return selectors.outcome_area_list()


class ArtFormListView(_VocabularyView):
    serializer_class = ArtFormSerializer

    def get_queryset(self):
        return selectors.art_form_list()


class BeneficiaryGroupListView(_VocabularyView):
    serializer_class = BeneficiaryGroupSerializer

    def get_queryset(self):
        return selectors.beneficiary_group_list()


class AreaListView(_VocabularyView):
    serializer_class = AreaSerializer

    def get_queryset(self):
        return selectors.area_list()


def _service_error(exc: ApplicationError) -> ValidationError:
    return ValidationError({"non_field_errors": [exc.message]})


class ProgrammeListCreateView(generics.ListCreateAPIView):
    """Programmes of your organisations. Creating one needs an active commissioner organisation."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        return selectors.programme_list_for_user(user=self.request.user)

    @extend_schema(request=ProgrammeCreateSerializer, responses={201: ProgrammeSerializer})
    def post(self, request: Request) -> Response:
        serializer = ProgrammeCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        if not request.user.has_perm("commissioning.add_programme", organisation):
            raise PermissionDenied(
                "Only members of a commissioning organisation can create its programmes."
            )
        try:
            programme = services.programme_create(
                actor=request.user, organisation=organisation, **data
            )
        except ApplicationError as exc:
            raise _service_error(exc) from exc
        return Response(self.get_serializer(programme).data, status=status.HTTP_201_CREATED)


class ProgrammeDetailView(generics.RetrieveUpdateAPIView):
    serializer_class = ProgrammeSerializer

    def get_object(self):
        programme = selectors.programme_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        if self.request.method not in permissions.SAFE_METHODS and not self.request.user.has_perm(
            "commissioning.change_programme", programme
        ):
            raise PermissionDenied("Only the programme's commissioners can change it.")
        return programme

    def perform_update(self, serializer: ProgrammeSerializer) -> None:
        try:
            serializer.instance = services.programme_update(
                actor=self.request.user, programme=serializer.instance, **serializer.validated_data
            )
        except ApplicationError as exc:
            raise _service_error(exc) from exc
