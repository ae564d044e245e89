"""The REST API, version 1. Each app owns its views in <app>/api.py."""

from django.urls import include, path

from accounts import api as accounts_api
from commissioning import api as commissioning_api
from providers.api import profiles as providers_api

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
    path("", include("tenders.api_urls")),
    path("", include("engagement.api_urls")),
    path("", include("evaluation.api.urls")),
    path("monitoring/", include("monitoring.api_urls")),
    path("", include("reports.api_urls")),
    path("directory/", providers_api.DirectorySearchView.as_view(), name="api_directory"),
    path(
        "directory/<int:pk>/",
        providers_api.DirectoryDetailView.as_view(),
        name="api_directory_profile",
    ),
    path("profile/", providers_api.ProfileView.as_view(), name="api_profile"),
    path(
        "profile/listing/", providers_api.ProfileListingView.as_view(), name="api_profile_listing"
    ),
    path(
        "profile/activities/",
        providers_api.ActivityListCreateView.as_view(),
        name="api_profile_activities",
    ),
    path(
        "profile/activities/<int:pk>/",
        providers_api.ActivityDetailView.as_view(),
        name="api_profile_activity",
    ),
    path(
        "profile/documents/",
        providers_api.DocumentListCreateView.as_view(),
        name="api_profile_documents",
    ),
    path(
        "profile/documents/<int:pk>/",
        providers_api.DocumentDeleteView.as_view(),
        name="api_profile_document",
    ),
    path("consortia/", providers_api.ConsortiumListCreateView.as_view(), name="api_consortia"),
    path(
        "consortia/<int:pk>/respond/",
        providers_api.ConsortiumRespondView.as_view(),
        name="api_consortium_respond",
    ),
]
