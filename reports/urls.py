from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_list, name="list"),
    path("reports/new/<slug:kind>/<int:target_id>/", views.report_request, name="request"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/progress/", views.report_progress, name="progress"),
    path("reports/<int:pk>/download/", views.report_download, name="download"),
    path("reports/<int:pk>/retry/", views.report_retry, name="retry"),
]
