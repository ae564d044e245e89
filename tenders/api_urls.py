"""The opportunities API, included in config/api_urls.py at /api/v1/."""

from django.urls import path

from tenders.api import bids as bids_api
from tenders.api import opening as opening_api
from tenders.api import opportunities as api

urlpatterns = [
    path("opportunities/", api.OpportunityListCreateView.as_view(), name="api_opportunities"),
    path(
        "opportunities/published/",
        api.PublishedOpportunityListView.as_view(),
        name="api_opportunities_published",
    ),
    path(
        "opportunities/published/<int:pk>/",
        api.PublishedOpportunityDetailView.as_view(),
        name="api_opportunity_published",
    ),
    path(
        "opportunities/published/<int:pk>/questions/",
        api.PublishedAnswerListView.as_view(),
        name="api_opportunity_answers",
    ),
    path(
        "opportunities/published/<int:pk>/interest/",
        api.InterestView.as_view(),
        name="api_opportunity_interest",
    ),
    path("opportunities/<int:pk>/", api.OpportunityDetailView.as_view(), name="api_opportunity"),
    path(
        "opportunities/<int:pk>/lots/",
        api.LotListCreateView.as_view(),
        name="api_opportunity_lots",
    ),
    path(
        "opportunities/<int:pk>/lots/<int:item_pk>/",
        api.LotDetailView.as_view(),
        name="api_opportunity_lot",
    ),
    path(
        "opportunities/<int:pk>/outcomes/",
        api.OutcomeListCreateView.as_view(),
        name="api_opportunity_outcomes",
    ),
    path(
        "opportunities/<int:pk>/outcomes/<int:item_pk>/",
        api.OutcomeDetailView.as_view(),
        name="api_opportunity_outcome",
    ),
    path(
        "opportunities/<int:pk>/sections/",
        api.SectionListView.as_view(),
        name="api_opportunity_sections",
    ),
    path(
        "opportunities/<int:pk>/sections/<str:key>/",
        api.SectionDetailView.as_view(),
        name="api_opportunity_section",
    ),
    path(
        "opportunities/<int:pk>/criteria/",
        api.CriterionListCreateView.as_view(),
        name="api_opportunity_criteria",
    ),
    path(
        "opportunities/<int:pk>/criteria/<int:item_pk>/",
        api.CriterionDetailView.as_view(),
        name="api_opportunity_criterion",
    ),
    path(
        "opportunities/<int:pk>/gates/",
        api.GateListCreateView.as_view(),
        name="api_opportunity_gates",
    ),
    path(
        "opportunities/<int:pk>/gates/<int:item_pk>/",
        api.GateDetailView.as_view(),
        name="api_opportunity_gate",
    ),
    path(
        "opportunities/<int:pk>/kpis/",
        api.KpiListCreateView.as_view(),
        name="api_opportunity_kpis",
    ),
    path(
        "opportunities/<int:pk>/kpis/<int:item_pk>/",
        api.KpiDetailView.as_view(),
        name="api_opportunity_kpi",
    ),
    path(
        "opportunities/<int:pk>/inclusion-check/",
        api.InclusionCheckView.as_view(),
        name="api_opportunity_inclusion_check",
    ),
    path(
        "opportunities/<int:pk>/publish/",
        api.PublishView.as_view(),
        name="api_opportunity_publish",
    ),
    path("opportunities/<int:pk>/amend/", api.AmendView.as_view(), name="api_opportunity_amend"),
    path("opportunities/<int:pk>/close/", api.CloseView.as_view(), name="api_opportunity_close"),
    path(
        "opportunities/<int:pk>/evaluation/",
        api.EvaluationView.as_view(),
        name="api_opportunity_evaluation",
    ),
    path("opportunities/<int:pk>/decide/", api.DecideView.as_view(), name="api_opportunity_decide"),
    path("opportunities/<int:pk>/cancel/", api.CancelView.as_view(), name="api_opportunity_cancel"),
    path(
        "opportunities/<int:pk>/withdraw/",
        api.WithdrawView.as_view(),
        name="api_opportunity_withdraw",
    ),
    path(
        "opportunities/<int:pk>/questions/",
        api.QuestionListView.as_view(),
        name="api_opportunity_questions",
    ),
    path(
        "opportunities/<int:pk>/questions/<int:item_pk>/answer/",
        api.QuestionAnswerView.as_view(),
        name="api_opportunity_question_answer",
    ),
    path(
        "opportunities/<int:pk>/matching-providers/",
        api.MatchingProviderListView.as_view(),
        name="api_opportunity_matching_providers",
    ),
    path(
        "opportunities/<int:pk>/invitations/",
        api.InvitationListCreateView.as_view(),
        name="api_opportunity_invitations",
    ),
]

# Bids, for providers (tenders/api/bids.py).
urlpatterns += [
    path("bids/", bids_api.BidListCreateView.as_view(), name="api_bids"),
    path("bids/<int:pk>/", bids_api.BidDetailView.as_view(), name="api_bid"),
    path("bids/<int:pk>/answers/", bids_api.AnswerListView.as_view(), name="api_bid_answers"),
    path(
        "bids/<int:pk>/answers/<int:criterion_pk>/",
        bids_api.AnswerDetailView.as_view(),
        name="api_bid_answer",
    ),
    path("bids/<int:pk>/gates/", bids_api.GateAnswerView.as_view(), name="api_bid_gates"),
    path("bids/<int:pk>/budget/", bids_api.BudgetView.as_view(), name="api_bid_budget"),
    path(
        "bids/<int:pk>/attachments/",
        bids_api.AttachmentListView.as_view(),
        name="api_bid_attachments",
    ),
    path(
        "bids/<int:pk>/attachments/<int:attachment_pk>/",
        bids_api.AttachmentDetailView.as_view(),
        name="api_bid_attachment",
    ),
    path("bids/<int:pk>/checklist/", bids_api.ChecklistView.as_view(), name="api_bid_checklist"),
    path("bids/<int:pk>/submit/", bids_api.SubmitView.as_view(), name="api_bid_submit"),
    path("bids/<int:pk>/withdraw/", bids_api.WithdrawView.as_view(), name="api_bid_withdraw"),
    path("bids/<int:pk>/receipts/", bids_api.ReceiptListView.as_view(), name="api_bid_receipts"),
    path("bids/<int:pk>/partners/", bids_api.PartnerListView.as_view(), name="api_bid_partners"),
    path("bid-invitations/", bids_api.InvitationListView.as_view(), name="api_bid_invitations"),
    path(
        "bid-invitations/<int:pk>/",
        bids_api.InvitationAnswerView.as_view(),
        name="api_bid_invitation",
    ),
]

# Sealed bids, for the opportunity's commissioners (tenders/api/opening.py).
urlpatterns += [
    path(
        "opportunities/<int:pk>/bids/counts/",
        opening_api.BidCountsView.as_view(),
        name="api_opportunity_bid_counts",
    ),
    path(
        "opportunities/<int:pk>/bids/open/",
        opening_api.BidsOpenView.as_view(),
        name="api_opportunity_bids_open",
    ),
    path(
        "opportunities/<int:pk>/bids/register/",
        opening_api.BidRegisterView.as_view(),
        name="api_opportunity_bid_register",
    ),
    path(
        "opportunities/<int:pk>/bids/<int:bid_pk>/eligibility/",
        opening_api.BidEligibilityView.as_view(),
        name="api_opportunity_bid_eligibility",
    ),
    path(
        "opportunities/<int:pk>/bids/evaluation/",
        opening_api.SendToEvaluationView.as_view(),
        name="api_opportunity_bids_send_to_evaluation",
    ),
]
