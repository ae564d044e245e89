"""Bids through the API: only the bidding organisation's members (and partners they invite)
may read or change a bid. The commissioner and panel members see bids through the opening and
panel pages, never through these."""

from tests.security.matrix import Entry
from tests.security.world import OUTSIDERS

BIDDER_ONLY = (*OUTSIDERS, "commissioner", "panel_member")


def _bid(w):
    return {"pk": w.draft_bid.pk}


def _bidder(name, kwargs=_bid, method="get", allowed="provider"):
    return Entry(name, kwargs, BIDDER_ONLY, allowed, method)


ENTRIES = [
    _bidder("api_bid"),
    _bidder("api_bid", method="patch", allowed=None),
    _bidder("api_bid_answers"),
    _bidder(
        "api_bid_answer",
        lambda w: {"pk": w.draft_bid.pk, "criterion_pk": w.bid_criterion.pk},
        method="put",
        allowed=None,
    ),
    _bidder("api_bid_attachments"),
    _bidder(
        "api_bid_attachment",
        lambda w: {"pk": w.draft_bid.pk, "attachment_pk": w.attachment.pk},
        method="delete",
        allowed=None,
    ),
    _bidder("api_bid_budget", method="put", allowed=None),
    _bidder("api_bid_checklist"),
    _bidder("api_bid_gates", method="put", allowed=None),
    _bidder("api_bid_receipts"),
    _bidder("api_bid_submit", method="post", allowed=None),
    _bidder("api_bid_withdraw", method="post", allowed=None),
]
