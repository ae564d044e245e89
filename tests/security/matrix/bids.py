"""Bids, for providers: the pages under /bids/ and the API under /api/v1/bids/.

A bid exists only for its organisation and confirmed partners: every other role, the
opportunity's own commissioner included, gets 404 (the commissioner reads bids after close
through the opening pages, never these). The world's bid is on a closed call, so the pages
are read-only for the provider, which is enough to prove the ids are real.
"""

from tests.security.matrix import Entry
from tests.security.world import OUTSIDERS

NOT_THE_BIDDER = (*OUTSIDERS, "commissioner", "panel_member", "panel_chair")


def _bid(w):
    return {"pk": w.bid.pk}


def _criterion(w):
    return {"pk": w.bid.pk, "criterion_pk": w.bid_criterion.pk}


def _attachment(w):
    return {"pk": w.bid.pk, "attachment_pk": w.bid_attachment.pk}


def _receipt(w):
    return {"pk": w.bid.pk, "number": 1}


def _bidder(name, kwargs=_bid, method="get", allowed="provider"):
    return Entry(name, kwargs, NOT_THE_BIDDER, allowed, method)


ENTRIES = [
    # Only provider organisations start bids; the opportunity is public, so other providers may.
    Entry(
        "bids:start",
        lambda w: {"opportunity_pk": w.published.pk},
        ("anonymous", "commissioner", "other_commissioner"),
        "provider",
    ),
    Entry("bids:invitation", lambda w: {"partner_pk": w.bid_invitation.pk}, (*NOT_THE_BIDDER,)),
    _bidder("bids:workspace"),
    _bidder("bids:answer", _criterion),
    _bidder("bids:budget"),
    # The call has no pass/fail requirements, so the page is 404 for the bidder too.
    _bidder("bids:requirements", allowed=None),
    _bidder("bids:declarations"),
    _bidder("bids:attachments"),
    # The world is built once but each test has its own media folder, so the file itself is
    # gone: the bidder's download is not checked here (tests/tenders/test_bid_views.py does).
    _bidder("bids:attachment_download", _attachment, allowed=None),
    _bidder("bids:attachment_remove", _attachment),
    _bidder("bids:attachment_remove", _attachment, method="post", allowed=None),
    _bidder("bids:partners"),
    _bidder("bids:submit"),
    _bidder("bids:submit", method="post", allowed=None),
    _bidder("bids:receipt", _receipt),
    _bidder("bids:withdraw"),
    _bidder("bids:withdraw", method="post", allowed=None),
    _bidder("api_bid"),
    _bidder("api_bid", method="patch", allowed=None),
    _bidder("api_bid_answers"),
    _bidder("api_bid_answer", _criterion, method="put", allowed=None),
    _bidder("api_bid_gates"),
    _bidder("api_bid_gates", method="put", allowed=None),
    _bidder("api_bid_budget"),
    _bidder("api_bid_budget", method="put", allowed=None),
    _bidder("api_bid_attachments"),
    _bidder("api_bid_attachments", method="post", allowed=None),
    _bidder("api_bid_attachment", _attachment, allowed=None),
    _bidder("api_bid_attachment", _attachment, method="delete", allowed=None),
    _bidder("api_bid_checklist"),
    _bidder("api_bid_submit", method="post", allowed=None),
    _bidder("api_bid_withdraw", method="post", allowed=None),
    _bidder("api_bid_receipts"),
    _bidder("api_bid_partners"),
    _bidder("api_bid_partners", method="post", allowed=None),
    Entry(
        "api_bid_invitation",
        lambda w: {"pk": w.bid_invitation.pk},
        (*NOT_THE_BIDDER, "provider"),
        method="post",
    ),
]
