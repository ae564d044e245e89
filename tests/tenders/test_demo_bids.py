"""The demo's bids: round 1's 24 applications from 13 organisations (the report's Appendix 1,
made by evaluation/demo.py) and the live round's bids in progress (tenders/demo.py)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tenders.constants import BidPartnerStatus, BidStatus
from tenders.demo import GLOUCESTERSHIRE_TITLE, ROUND_TWO
from tenders.models import Bid, BidPartner, Submission
from tenders.services import bidding

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple:
    return (
        sorted(Bid.objects.values_list("opportunity__title", "title", "status", "revision")),
        Submission.objects.count(),
        sorted(BidPartner.objects.values_list("bid__title", "organisation__name", "status")),
    )


def test_seed_demo_bids_are_coherent_and_idempotent(settings):
    settings.DEBUG = True

    call_command("seed_demo")
    first = _snapshot()
    call_command("seed_demo")

    assert _snapshot() == first
    round_one = Bid.objects.exclude(opportunity__title=GLOUCESTERSHIRE_TITLE)
    assert round_one.count() == 24
    assert round_one.values("organisation").distinct().count() == 13
    assert set(round_one.values_list("status", flat=True)) == {BidStatus.SUBMITTED}

    live = Bid.objects.filter(opportunity__title=GLOUCESTERSHIRE_TITLE)
    by_title = {bid.title: bid for bid in live}
    assert sorted(by_title) == sorted(row[2] for row in ROUND_TWO)
    assert live.filter(status=BidStatus.DRAFT).count() == 5
    assert [s.number for s in by_title["Backstage"].submissions.all()] == [2, 1]
    assert by_title["Breathe and sing: the next choirs"].submissions.count() == 1
    # The live round's bidders are round 1's organisations (and the demo provider).
    round_one_names = set(round_one.values_list("organisation__name", flat=True))
    assert set(live.values_list("organisation__name", flat=True)) - round_one_names == {
        "Medway Maker Theatre"
    }
    assert sorted(
        BidPartner.objects.filter(bid__in=live).values_list("organisation__name", "status")
    ) == [
        ("Cheltenham Chamber Music Outreach", BidPartnerStatus.CONFIRMED),
        ("Gloucestershire Dementia Dance", BidPartnerStatus.CONFIRMED),
        ("Gloucestershire Museum Makers", BidPartnerStatus.INVITED),
        ("Tewkesbury Abbey Singers", BidPartnerStatus.CONFIRMED),
    ]
    # "Ready" means ready: its checklist is empty; a draft's says what is missing.
    assert bidding.bid_checklist(by_title["Moving again"]) == []
    assert "Confirm that your organisation is eligible." in bidding.bid_checklist(
        by_title["Telling our town"]
    )
