"""Reads for the vocabulary and programmes."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from accounts.models import Organisation, User
from commissioning.models import Area, ArtForm, BeneficiaryGroup, OutcomeArea, Programme


def outcome_area_list() -> QuerySet[OutcomeArea]:
    return OutcomeArea.objects.all()


def art_form_list() -> QuerySet[ArtForm]:
    return ArtForm.objects.all()


def beneficiary_group_list() -> QuerySet[BeneficiaryGroup]:
    return BeneficiaryGroup.objects.all()


def area_list() -> QuerySet[Area]:
    return Area.objects.select_related("parent")


def _with_related(queryset: QuerySet[Programme]) -> QuerySet[Programme]:
    return queryset.select_related("organisation").prefetch_related(
        Prefetch("outcome_areas", queryset=OutcomeArea.objects.order_by("position", "name")),
        Prefetch("areas", queryset=Area.objects.order_by("name")),
        "team",
    )


def programme_list_for_user(*, user: User) -> QuerySet[Programme]:
    """Programmes of the organisations the person belongs to (all of them for platform admins)."""
    if not user.is_authenticated:
        return Programme.objects.none()
    queryset = Programme.objects.all()
    if not user.is_staff:
        queryset = queryset.filter(organisation__memberships__user=user)
    return _with_related(queryset)


def programme_list_for_organisation(*, organisation: Organisation) -> QuerySet[Programme]:
    return (
        _with_related(Programme.objects.filter(organisation=organisation))
        .annotate(team_size=Count("team", distinct=True))
        .order_by("-start_date", "name")
    )


def programme_get_for_user(*, user: User, pk: int) -> Programme:
    try:
        return programme_list_for_user(user=user).get(pk=pk)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc
