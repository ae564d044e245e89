"""KPI and outcome monitoring: agreements (both parties), returns, evidence files,
programme dashboards and exports, and the monitoring API."""

from tests.security.matrix import Entry, Public
from tests.security.world import OUTSIDERS

PARTIES = OUTSIDERS
COMMISSIONER_ONLY = (*OUTSIDERS, "provider")


def _agreement(w):
    return {"pk": w.agreement.pk}


def _return(w):
    return {"pk": w.objects["return"].pk}


def _programme(w):
    return {"pk": w.programme.pk}


ENTRIES = [
    Entry("monitoring:agreement_detail", _agreement, PARTIES, "provider"),
    Entry("monitoring:kpi_add", _agreement, COMMISSIONER_ONLY, "commissioner"),
    Entry(
        "monitoring:kpi_targets",
        lambda w: {"pk": w.agreement.pk, "kpi_pk": w.agreement_kpi.pk},
        COMMISSIONER_ONLY,
        "commissioner",
    ),
    Entry("monitoring:agreement_vary", _agreement, COMMISSIONER_ONLY, "commissioner"),
    Entry(
        "monitoring:instalment_paid",
        lambda w: {"pk": w.agreement.pk, "instalment_pk": w.instalment.pk},
        COMMISSIONER_ONLY,
    ),
    Entry(
        "monitoring:return_start",
        lambda w: {"pk": w.agreement.pk, "period_pk": w.period.pk},
        (*OUTSIDERS, "commissioner"),
    ),
    Entry("monitoring:response_import", _agreement, PARTIES, "provider"),
    Entry(
        "monitoring:response_list",
        lambda w: {"pk": w.agreement.pk, "instrument": "swemwbs"},
        PARTIES,
        "provider",
    ),
    Entry(
        "monitoring:agreement_export",
        lambda w: {"pk": w.agreement.pk, "kind": "returns"},
        PARTIES,
        "commissioner",
    ),
    Entry("monitoring:return_detail", _return, PARTIES, "provider"),
    Entry("monitoring:return_narrative", _return, (*OUTSIDERS, "commissioner"), "provider"),
    Entry("monitoring:return_actuals", _return, (*OUTSIDERS, "commissioner"), "provider"),
    Entry("monitoring:return_spend", _return, (*OUTSIDERS, "commissioner"), "provider"),
    Entry("monitoring:case_study_add", _return, (*OUTSIDERS, "commissioner"), "provider"),
    Entry("monitoring:evidence_add", _return, (*OUTSIDERS, "commissioner"), "provider"),
    Entry(
        "monitoring:evidence_remove",
        lambda w: {"pk": w.objects["return"].pk, "evidence_pk": w.monitoring_evidence.pk},
        (*OUTSIDERS, "commissioner"),
    ),
    Entry("monitoring:return_submit", _return, (*OUTSIDERS, "commissioner")),
    Entry("monitoring:return_review", _return, COMMISSIONER_ONLY),
    Entry("monitoring:evidence_file", lambda w: {"pk": w.monitoring_evidence.pk}, PARTIES),
    Entry("monitoring:programme_dashboard", _programme, COMMISSIONER_ONLY, "commissioner"),
    Entry(
        "monitoring:programme_export",
        lambda w: {"pk": w.programme.pk, "kind": "returns"},
        COMMISSIONER_ONLY,
        "commissioner",
    ),
    Entry("api_agreement", _agreement, PARTIES, "provider"),
    Entry("api_agreement_kpis", _agreement, PARTIES, "provider"),
    Entry(
        "api_agreement_kpi_targets",
        lambda w: {"pk": w.agreement.pk, "kpi_pk": w.agreement_kpi.pk},
        PARTIES,
        "provider",
    ),
    Entry(
        "api_agreement_kpi_targets",
        lambda w: {"pk": w.agreement.pk, "kpi_pk": w.agreement_kpi.pk},
        COMMISSIONER_ONLY,
        method="put",
    ),
    Entry("api_agreement_returns", _agreement, PARTIES, "provider"),
    Entry("api_agreement_responses", _agreement, PARTIES, "provider"),
    Entry("api_agreement_analysis", _agreement, PARTIES, "provider"),
    Entry("api_return", _return, PARTIES, "provider"),
    Entry("api_return_actuals", _return, (*OUTSIDERS, "commissioner"), method="post"),
    Entry("api_return_evidence", _return, PARTIES, "provider"),
    Entry("api_return_submit", _return, (*OUTSIDERS, "commissioner"), method="post"),
    Entry("api_return_query", _return, COMMISSIONER_ONLY, method="post"),
    Entry("api_return_accept", _return, COMMISSIONER_ONLY, method="post"),
]

PUBLIC = [
    Public(
        "api_instrument_score",
        "A calculator: scores the answers it is sent for a named instrument and stores nothing.",
    ),
]
