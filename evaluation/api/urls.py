"""The panels API, included in config/api_urls.py at /api/v1/."""

from django.urls import path

from evaluation.api import panels as api

ONE = "panels/<int:pk>/"

urlpatterns = [
    path("panels/", api.PanelListCreateView.as_view(), name="api_panels"),
    path(ONE, api.PanelDetailView.as_view(), name="api_panel"),
    path(ONE + "members/", api.MemberListView.as_view(), name="api_panel_members"),
    path(ONE + "declarations/", api.DeclarationListView.as_view(), name="api_panel_declarations"),
    path(ONE + "open/", api.PanelOpenView.as_view(), name="api_panel_open"),
    path(
        ONE + "moderation/start/",
        api.ModerationStartView.as_view(),
        name="api_panel_moderation_start",
    ),
    path(
        ONE + "declarations/<int:declaration_pk>/ruling/",
        api.RulingView.as_view(),
        name="api_panel_ruling",
    ),
    path(
        ONE + "awards/<int:bid_pk>/confirm/",
        api.AwardConfirmView.as_view(),
        name="api_panel_award_confirm",
    ),
    path(ONE + "assignments/", api.AssignmentListView.as_view(), name="api_panel_assignments"),
    path(ONE + "bids/<int:bid_pk>/", api.PanelBidView.as_view(), name="api_panel_bid"),
    path(ONE + "bids/<int:bid_pk>/scores/", api.ScoreSheetView.as_view(), name="api_panel_scores"),
    path(
        ONE + "bids/<int:bid_pk>/consensus/",
        api.ConsensusView.as_view(),
        name="api_panel_consensus",
    ),
    path(ONE + "moderation/", api.ModerationView.as_view(), name="api_panel_moderation"),
    path(ONE + "funding-line/", api.FundingLineView.as_view(), name="api_panel_funding_line"),
    path(ONE + "decisions/", api.DecisionListView.as_view(), name="api_panel_decisions"),
    path(ONE + "letters/", api.LettersSendView.as_view(), name="api_panel_letters"),
    path("letters/", api.LetterListView.as_view(), name="api_letters"),
    path("letters/<int:pk>/", api.LetterDetailView.as_view(), name="api_letter"),
]
