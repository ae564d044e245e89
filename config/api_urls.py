"""The REST API, version 1. Each app owns its views in <app>/api.py."""

from django.urls import path

from accounts import api as accounts_api
from commissioning import api as commissioning_api

urlpatterns = [
    path("me/", accounts_api.MeView.as_view(), name="api_me"),
    path(
        "organisations/",
        accounts_api.OrganisationListCreateView.as_view(),
        name="api_organisations",
    ),
    path(
        "organisations/<int:pk>/",
        accounts_api.OrganisationDetailView.as_view(),
        name="api_organisation",
    ),
    path("memberships/", accounts_api.MembershipListView.as_view(), name="api_memberships"),
    path("programmes/", commissioning_api.ProgrammeListCreateView.as_view(), name="api_programmes"),
    path(
        "programmes/<int:pk>/",
        commissioning_api.ProgrammeDetailView.as_view(),
        name="api_programme",
    ),
    path(
        "taxonomies/outcome-areas/",
        commissioning_api.OutcomeAreaListView.as_view(),
        name="api_outcome_areas",
    ),
    path(
        "taxonomies/art-forms/", commissioning_api.ArtFormListView.as_view(), name="api_art_forms"
    ),
    path(
        "taxonomies/beneficiary-groups/",
        commissioning_api.BeneficiaryGroupListView.as_view(),
        name="api_beneficiary_groups",
    ),
    path("taxonomies/areas/", commissioning_api.AreaListView.as_view(), name="api_areas"),
]
