"""Bids through the providers' API: only the bidding organisation (and its confirmed partners)
may see a bid, or know it exists. Everyone else gets 404 — the commissioner included, who
reads bids only through the opening pages after close."""

from tests.security.matrix import Entry
from tests.security.world import OUTSIDERS

NOT_THE_BIDDER = (*OUTSIDERS, "commissioner", "panel_member", "panel_chair")


def _bid(w):
    return {"pk": w.bid.pk}


def _api(name: str, kwargs=_bid, method: str = "get", allowed: str | None = "provider"):
    return Entry(name, kwargs, NOT_THE_BIDDER, allowed, method)


ENTRIES = [
    _api("api_bid"),
    _api("api_bid_answers"),
    _api(
        "api_bid_answer",
        lambda w: {"pk": w.bid.pk, "criterion_pk": w.bid_criterion.pk},
        method="put",
        allowed=None,
    ),
    _api("api_bid_gates"),
    _api("api_bid_budget"),
    _api("api_bid_attachments"),
    # The bidder's own download is tested in tests/tenders/test_bid_api.py (the world's
    # files live in one test's media folder).
    _api(
        "api_bid_attachment",
        lambda w: {"pk": w.bid.pk, "attachment_pk": w.bid_attachment.pk},
        allowed=None,
    ),
    _api("api_bid_checklist"),
    _api("api_bid_receipts"),
    _api("api_bid_submit", method="post", allowed=None),
    _api("api_bid_withdraw", method="post", allowed=None),
]
