"""The accounts API: the current user, their organisations and memberships."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors, services
from accounts.models import Membership, Organisation
from accounts.serializers import (
    MembershipSerializer,
    MeSerializer,
    OrganisationCreateSerializer,
    OrganisationSerializer,
)
from core.errors import ApplicationError


class MeView(generics.RetrieveAPIView):
    serializer_class = MeSerializer

    def get_object(self):
        return selectors.user_with_memberships(user=self.request.user)


class OrganisationListCreateView(generics.ListCreateAPIView):
    serializer_class = OrganisationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Organisation.objects.none()
        return selectors.organisation_list_for_user(user=self.request.user).order_by("name")

    @extend_schema(request=OrganisationCreateSerializer, responses={201: OrganisationSerializer})
    def post(self, request: Request) -> Response:
        serializer = OrganisationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            organisation = services.organisation_create(
                user=request.user, **serializer.validated_data
            )
        except ApplicationError as exc:
            raise ValidationError({"non_field_errors": [exc.message]}) from exc
        except DjangoValidationError as exc:
            raise ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            ) from exc
        return Response(OrganisationSerializer(organisation).data, status=status.HTTP_201_CREATED)


class OrganisationDetailView(generics.RetrieveAPIView):
    serializer_class = OrganisationSerializer

    def get_object(self):
        return selectors.organisation_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class MembershipListView(generics.ListAPIView):
    serializer_class = MembershipSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Membership.objects.none()
        return selectors.membership_queryset_for_user(user=self.request.user)
