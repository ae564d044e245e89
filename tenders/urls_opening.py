"""The commissioner's sealed-bid pages, included from tenders/urls.py under an opportunity's
management prefix (commissioning/opportunities/<pk>/), in the `tenders` namespace."""

from django.urls import path

from tenders.views import opening

urlpatterns = [
    path("bids/", opening.bids_overview, name="bids_overview"),
    path("bids/open/", opening.bids_open, name="bids_open"),
    path("bids/register/", opening.register, name="bid_register"),
    path("bids/register.csv", opening.register_csv, name="bid_register_csv"),
    path("bids/pack.zip", opening.bid_pack, name="bid_pack"),
    path("bids/lots/<int:lot_pk>/pack.zip", opening.bid_pack, name="bid_pack_lot"),
    path("bids/late/", opening.late_permits, name="late_permits"),
    path("bids/evaluation/", opening.send_to_evaluation, name="send_to_evaluation"),
    path("bids/<int:bid_pk>/", opening.bid_detail, name="bid_review"),
    path("bids/<int:bid_pk>/gates/", opening.bid_eligibility, name="bid_eligibility"),
    path(
        "bids/attachments/<int:attachment_pk>/",
        opening.attachment_download,
        name="bid_review_attachment",
    ),
]
