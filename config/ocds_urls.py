"""The open-data feed of tenders (OCDS 1.1), at /api/ocds/. The names are not namespaced:
tenders.ocds reverses them when it builds record packages."""

from django.urls import path

from tenders.api import ocds

urlpatterns = [
    path("releases/", ocds.ReleasePackageListView.as_view(), name="ocds_releases"),
    path("releases/<str:release_id>/", ocds.ReleasePackageView.as_view(), name="ocds_release"),
    path("records/<str:ocid>/", ocds.RecordPackageView.as_view(), name="ocds_record"),
]
