"""The monitoring API, included in config/api_urls.py at /api/v1/."""

from django.urls import path

from monitoring import api

urlpatterns = [
    path("agreements/", api.AgreementListCreateView.as_view(), name="api_agreements"),
    path("agreements/<int:pk>/", api.AgreementDetailView.as_view(), name="api_agreement"),
    path(
        "agreements/<int:pk>/kpis/",
        api.AgreementKpiListCreateView.as_view(),
        name="api_agreement_kpis",
    ),
    path(
        "agreements/<int:pk>/kpis/<int:kpi_pk>/targets/",
        api.KpiTargetsView.as_view(),
        name="api_agreement_kpi_targets",
    ),
    path(
        "agreements/<int:pk>/returns/",
        api.ReturnListCreateView.as_view(),
        name="api_agreement_returns",
    ),
    path(
        "agreements/<int:pk>/responses/",
        api.ResponseListCreateView.as_view(),
        name="api_agreement_responses",
    ),
    path(
        "agreements/<int:pk>/analysis/", api.AnalysisView.as_view(), name="api_agreement_analysis"
    ),
    path("returns/<int:pk>/", api.ReturnDetailView.as_view(), name="api_return"),
    path("returns/<int:pk>/actuals/", api.ActualCreateView.as_view(), name="api_return_actuals"),
    path(
        "returns/<int:pk>/evidence/",
        api.EvidenceListCreateView.as_view(),
        name="api_return_evidence",
    ),
    path("returns/<int:pk>/submit/", api.ReturnSubmitView.as_view(), name="api_return_submit"),
    path("returns/<int:pk>/query/", api.ReturnQueryView.as_view(), name="api_return_query"),
    path("returns/<int:pk>/accept/", api.ReturnAcceptView.as_view(), name="api_return_accept"),
]
