from django.urls import path

from monitoring.views import agreements, exports, programme, responses, returns

app_name = "monitoring"

ONE = "monitoring/agreements/<int:pk>/"
RETURN = "monitoring/returns/<int:pk>/"

urlpatterns = [
    path("monitoring/", agreements.agreement_list, name="agreement_list"),
    path("monitoring/instruments/", programme.instruments, name="instruments"),
    path("monitoring/agreements/new/", agreements.agreement_create, name="agreement_create"),
    path(ONE, agreements.agreement_detail, name="agreement_detail"),
    path(ONE + "kpis/new/", agreements.kpi_add, name="kpi_add"),
    path(ONE + "kpis/<int:kpi_pk>/targets/", agreements.kpi_targets, name="kpi_targets"),
    path(ONE + "vary/", agreements.agreement_vary, name="agreement_vary"),
    path(
        ONE + "instalments/<int:instalment_pk>/paid/",
        agreements.instalment_paid,
        name="instalment_paid",
    ),
    path(ONE + "periods/<int:period_pk>/return/", returns.return_start, name="return_start"),
    path(ONE + "responses/import/", responses.response_import, name="response_import"),
    path(ONE + "responses/<slug:instrument>/", responses.response_list, name="response_list"),
    path(ONE + "export/<slug:kind>.csv", exports.agreement_export, name="agreement_export"),
    path(RETURN, returns.return_detail, name="return_detail"),
    path(RETURN + "narrative/", returns.return_narrative, name="return_narrative"),
    path(RETURN + "actuals/", returns.return_actuals, name="return_actuals"),
    path(RETURN + "spend/", returns.return_spend, name="return_spend"),
    path(RETURN + "case-studies/new/", returns.case_study_add, name="case_study_add"),
    path(RETURN + "evidence/new/", returns.evidence_add, name="evidence_add"),
    path(
        RETURN + "evidence/<int:evidence_pk>/remove/",
        returns.evidence_remove,
        name="evidence_remove",
    ),
    path(RETURN + "submit/", returns.return_submit, name="return_submit"),
    path(RETURN + "review/", returns.return_review, name="return_review"),
    path("monitoring/evidence/<int:pk>/file/", returns.evidence_file, name="evidence_file"),
    path(
        "monitoring/programmes/<int:pk>/", programme.programme_dashboard, name="programme_dashboard"
    ),
    path(
        "monitoring/programmes/<int:pk>/export/<slug:kind>.csv",
        exports.programme_export,
        name="programme_export",
    ),
]
