from django.urls import include, path

from tenders.views import assessment, drafting, engagement, lifecycle, public, sections

app_name = "tenders"

MANAGE = "commissioning/opportunities/"
ONE = MANAGE + "<int:pk>/"

urlpatterns = [
    # Everyone.
    path("opportunities/", public.opportunity_list, name="opportunity_list"),
    path("opportunities/<int:pk>/", public.opportunity_detail, name="opportunity_detail"),
    path(
        "opportunities/<int:pk>/specification/",
        public.specification_print,
        name="specification_print",
    ),
    path("opportunities/<int:pk>/interest/", public.interest_register, name="interest_register"),
    path(
        "opportunities/<int:pk>/interest/withdraw/",
        public.interest_withdraw,
        name="interest_withdraw",
    ),
    path("opportunities/<int:pk>/questions/new/", public.question_ask, name="question_ask"),
    # Commissioners.
    path(MANAGE, drafting.opportunity_list, name="manage_list"),
    path(MANAGE + "new/", drafting.opportunity_create, name="opportunity_create"),
    path(ONE, drafting.workspace, name="workspace"),
    path(ONE + "details/", drafting.details, name="details"),
    path(ONE + "lots/", drafting.lot_list, name="lot_list"),
    path(ONE + "lots/new/", drafting.lot_form, name="lot_create"),
    path(ONE + "lots/<int:lot_pk>/", drafting.lot_form, name="lot_update"),
    path(ONE + "lots/<int:lot_pk>/delete/", drafting.lot_delete, name="lot_delete"),
    path(ONE + "outcomes/", drafting.outcome_list, name="outcome_list"),
    path(ONE + "outcomes/<int:outcome_pk>/remove/", drafting.outcome_remove, name="outcome_remove"),
    path(ONE + "sections/<slug:key>/", sections.section_edit, name="section_edit"),
    path(ONE + "sections/<slug:key>/preview/", sections.section_preview, name="section_preview"),
    path(
        ONE + "sections/<slug:key>/clauses/<slug:slug>/",
        sections.clause_insert,
        name="clause_insert",
    ),
    path(ONE + "kpis/", drafting.kpi_list, name="kpi_list"),
    path(ONE + "kpis/<int:item_pk>/remove/", drafting.kpi_remove, name="kpi_remove"),
    path(ONE + "criteria/", assessment.criterion_list, name="criterion_list"),
    path(ONE + "criteria/new/", assessment.criterion_form, name="criterion_create"),
    path(ONE + "criteria/<int:criterion_pk>/", assessment.criterion_form, name="criterion_update"),
    path(
        ONE + "criteria/<int:criterion_pk>/delete/",
        assessment.criterion_delete,
        name="criterion_delete",
    ),
    path(ONE + "criteria/key/<int:index>/", assessment.psr_criterion_add, name="psr_criterion_add"),
    path(ONE + "gates/new/", assessment.gate_form, name="gate_create"),
    path(ONE + "gates/<int:gate_pk>/", assessment.gate_form, name="gate_update"),
    path(ONE + "gates/<int:gate_pk>/delete/", assessment.gate_delete, name="gate_delete"),
    path(ONE + "inclusion-check/", drafting.inclusion_check, name="inclusion_check"),
    path(ONE + "publish/", lifecycle.publish, name="publish"),
    path(ONE + "amend/", lifecycle.amend, name="amend"),
    path(ONE + "status/<slug:action>/", lifecycle.transition, name="transition"),
    path(ONE + "versions/", lifecycle.version_list, name="version_list"),
    path(ONE + "questions/", engagement.question_list, name="question_list"),
    path(
        ONE + "questions/<int:question_pk>/",
        engagement.question_answer,
        name="question_answer",
    ),
    path(ONE + "invitations/", engagement.invitation_list, name="invitation_list"),
    # Sealed bids: counts, opening, review, gates, pack, register (tenders/urls_opening.py).
    path(ONE, include("tenders.urls_opening")),
]
