"""Sealed bids, for the opportunity's commissioners: counts, opening, each bid as submitted,
gate decisions, bid packs, the register, late permits and sending to evaluation (pages and
API). The world's call is in evaluation, so its bids were opened when scoring began; the
bidder itself is refused like any outsider. tests/tenders/test_bid_permissions.py also checks
that the content URLs refuse the commissioner until the bids are opened.
"""

from tests.security.matrix import Entry
from tests.security.world import OUTSIDERS

NOT_THE_COMMISSIONER = (*OUTSIDERS, "provider", "panel_member", "panel_chair")


def _call(w):
    return {"pk": w.call.pk}


def _bid(w):
    return {"pk": w.call.pk, "bid_pk": w.bid.pk}


def _page(name: str, kwargs=_call, method: str = "get", allowed: str | None = "commissioner"):
    return Entry(name, kwargs, NOT_THE_COMMISSIONER, allowed, method)


ENTRIES = [
    _page("tenders:bids_overview"),
    _page("tenders:bids_open"),
    _page("tenders:bids_open", method="post", allowed=None),
    _page("tenders:bid_review", _bid),
    _page("tenders:bid_eligibility", _bid),
    _page("tenders:bid_eligibility", _bid, method="post", allowed=None),
    _page("tenders:bid_register"),
    _page("tenders:bid_register_csv"),
    _page("tenders:bid_pack"),
    # The world's lot belongs to its draft, so this pack is 404 for the commissioner too.
    _page("tenders:bid_pack_lot", lambda w: {"pk": w.call.pk, "lot_pk": w.lot.pk}, allowed=None),
    # Each test has its own media folder, so the world's file is gone by then: the
    # commissioner's download is checked in tests/tenders/test_opening_views.py.
    _page(
        "tenders:bid_review_attachment",
        lambda w: {"pk": w.call.pk, "attachment_pk": w.bid_attachment.pk},
        allowed=None,
    ),
    _page("tenders:late_permits"),
    _page("tenders:late_permits", method="post", allowed=None),
    _page("tenders:send_to_evaluation"),
    _page("tenders:send_to_evaluation", method="post", allowed=None),
    _page("api_opportunity_bid_counts"),
    _page("api_opportunity_bids_open", method="post", allowed=None),
    _page("api_opportunity_bid_register"),
    _page("api_opportunity_bid_eligibility", _bid),
    _page("api_opportunity_bid_eligibility", _bid, method="post", allowed=None),
    _page("api_opportunity_bids_send_to_evaluation", method="post", allowed=None),
]
