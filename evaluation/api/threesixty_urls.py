"""The 360Giving open-data feed, mounted at /api/360giving/. Not namespaced: threesixty
reverses the name for each grant's dataSource."""

from django.urls import path

from evaluation.api import threesixty

urlpatterns = [
    path("grants/", threesixty.GrantPackageView.as_view(), name="threesixty_grants"),
]
