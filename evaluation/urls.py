from django.urls import path

from evaluation.views import decisions, letters, members, moderation, panels

app_name = "evaluation"

ONE = "panels/<int:pk>/"

urlpatterns = [
    path("panels/", panels.panel_list, name="panel_list"),
    path("panels/new/", panels.panel_create, name="panel_create"),
    path("panels/join/<str:token>/", members.member_accept, name="member_accept"),
    path(ONE, panels.panel_detail, name="panel_detail"),
    path(ONE + "plan/", panels.panel_plan, name="panel_plan"),
    path(ONE + "members/invite/", panels.member_invite, name="member_invite"),
    path(ONE + "members/<int:member_pk>/remove/", panels.member_remove, name="member_remove"),
    path(ONE + "open/", panels.panel_open, name="panel_open"),
    path(ONE + "training/", members.training, name="training"),
    path(ONE + "bids/<int:bid_pk>/declare/", members.declaration, name="declaration"),
    path(ONE + "bids/<int:bid_pk>/score/", members.score, name="score"),
    path(ONE + "moderation/start/", panels.moderation_start, name="moderation_start"),
    path(ONE + "moderation/", moderation.moderation, name="moderation"),
    path(ONE + "moderation/<int:bid_pk>/", moderation.moderation_bid, name="moderation_bid"),
    path(ONE + "conflicts/", moderation.rulings, name="rulings"),
    path(ONE + "conflicts/<int:declaration_pk>/", moderation.ruling, name="ruling"),
    path(ONE + "funding-line/", decisions.funding_line, name="funding_line"),
    path(ONE + "funding-line/decide/", decisions.decisions_apply, name="decisions_apply"),
    path(ONE + "decisions/<int:bid_pk>/", decisions.decision, name="decision"),
    path(ONE + "letters/send/", decisions.letters_send, name="letters_send"),
    path(ONE + "awards/", decisions.awards, name="awards"),
    path(ONE + "awards/<int:bid_pk>/confirm/", decisions.award_confirm, name="award_confirm"),
    path(ONE + "representations/new/", decisions.representation_new, name="representation_new"),
    path(ONE + "report/", decisions.report, name="report"),
    path("letters/", letters.letter_list, name="letter_list"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter_detail"),
]
