"""The HSDS 3.0 open-data feed, mounted at /api/hsds/. Paths follow the HSDS API reference
(no trailing slash), so HSDS tools find them where they expect."""

from django.urls import path

from providers.api import hsds

urlpatterns = [
    path("", hsds.RootView.as_view(), name="hsds_root"),
    path("organizations", hsds.OrganizationListView.as_view(), name="hsds_organizations"),
    path(
        "organizations/<str:id>",
        hsds.OrganizationDetailView.as_view(),
        name="hsds_organization",
    ),
    path("services", hsds.ServiceListView.as_view(), name="hsds_services"),
    path("services/<str:id>", hsds.ServiceDetailView.as_view(), name="hsds_service"),
    path("taxonomies", hsds.TaxonomyListView.as_view(), name="hsds_taxonomies"),
    path("taxonomies/<str:id>", hsds.TaxonomyDetailView.as_view(), name="hsds_taxonomy"),
    path("taxonomy_terms", hsds.TaxonomyTermListView.as_view(), name="hsds_taxonomy_terms"),
    path(
        "taxonomy_terms/<str:id>",
        hsds.TaxonomyTermDetailView.as_view(),
        name="hsds_taxonomy_term",
    ),
]
