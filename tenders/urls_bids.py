"""The providers' bid pages, included once from config/urls.py at /bids/."""

from django.urls import path

from tenders.views import bids

app_name = "bids"

ONE = "<int:pk>/"

urlpatterns = [
    path("", bids.bid_list, name="list"),
    path("start/<int:opportunity_pk>/", bids.bid_start, name="start"),
    path("invitations/<int:partner_pk>/", bids.invitation_respond, name="invitation"),
    path(ONE, bids.workspace, name="workspace"),
    path(ONE + "questions/<int:criterion_pk>/", bids.answer_edit, name="answer"),
    path(ONE + "budget/", bids.budget, name="budget"),
    path(ONE + "requirements/", bids.requirements, name="requirements"),
    path(ONE + "declarations/", bids.declarations, name="declarations"),
    path(ONE + "attachments/", bids.attachments, name="attachments"),
    path(
        ONE + "attachments/<int:attachment_pk>/",
        bids.attachment_download,
        name="attachment_download",
    ),
    path(
        ONE + "attachments/<int:attachment_pk>/remove/",
        bids.attachment_remove,
        name="attachment_remove",
    ),
    path(ONE + "partners/", bids.partners, name="partners"),
    path(ONE + "submit/", bids.submit, name="submit"),
    path(ONE + "receipts/<int:number>/", bids.receipt, name="receipt"),
    path(ONE + "withdraw/", bids.withdraw, name="withdraw"),
]
