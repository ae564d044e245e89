"""The reports API, included in config/api_urls.py at /api/v1/."""

from django.urls import path

from reports import api

urlpatterns = [
    path("reports/", api.ReportJobListCreateView.as_view(), name="api_reports"),
    path("reports/<int:pk>/", api.ReportJobDetailView.as_view(), name="api_report"),
    path("reports/<int:pk>/retry/", api.ReportJobRetryView.as_view(), name="api_report_retry"),
    path(
        "reports/<int:pk>/download/",
        api.ReportJobDownloadView.as_view(),
        name="api_report_download",
    ),
]
