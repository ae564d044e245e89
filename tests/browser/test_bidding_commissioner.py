"""The commissioner's side of sealed bids in a real browser, axe-core on every page: counts
only before close; after close the bids are opened (by keyboard alone, after a confirmation
that says it is audited); the bids per lot; a gate decision (a fail without a reason refused);
the register and its CSV; the pages at 320px."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tenders.constants import Eligibility
from tenders.models import Bid, Opportunity
from tests.browser.conftest import check_accessibility
from tests.browser.test_account_journeys import _sign_in
from tests.conftest import totp_code, with_totp
from tests.factories import MembershipFactory, OrganisationFactory
from tests.tenders.conftest import sealed_call

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _commissioner():
    membership = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(icb=True, name="NHS Gloucestershire ICB"),
        user__full_name="Sam Okafor",
    )
    return membership, with_totp(membership.user)


def _sign_in_with_code(page: Page, membership, secret: str) -> None:
    _sign_in(page, membership.user.email)
    page.fill("input[name=code]", totp_code(secret))
    page.get_by_role("button", name=re.compile("Sign in|Continue|Verify", re.I)).click()
    expect(page.locator(".app-organisation-bar")).to_contain_text("NHS Gloucestershire ICB")


def _go(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).first.click()
    check_accessibility(page)


def _tab_to(page: Page, text: str) -> None:
    """Press Tab until the focused element's text is `text` (keyboard only, no clicks)."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.innerText.trim()") == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_commissioner_sees_counts_then_opens_reviews_decides_and_exports(page: Page):
    membership, secret = _commissioner()
    call = sealed_call(membership, providers=3, drafts=1, closed=False)
    names = [m.organisation.name for m in call.providers]

    # Before close: counts only, no bidder, no content.
    _sign_in_with_code(page, membership, secret)
    page.goto(f"/commissioning/opportunities/{call.opportunity.pk}/")
    check_accessibility(page)
    _go(page, "Bids (sealed: counts only)")
    counts = page.locator("#bid-counts")
    expect(counts).to_contain_text("Bids submitted")
    expect(counts).to_contain_text("3")
    main = page.locator("#main-content").inner_text()
    assert [name for name in names if name in main] == []
    assert page.get_by_role("link", name="Open the bids").count() == 0

    # After close: still sealed until opened, by keyboard alone, after a confirmation.
    call.close()
    page.reload()
    check_accessibility(page)
    assert [name for name in names if name in page.locator("#main-content").inner_text()] == []
    _tab_to(page, "Open the bids")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Open the bids?")
    expect(page.locator("#main-content")).to_contain_text("recorded in the audit trail")
    check_accessibility(page)
    _tab_to(page, "Open the bids")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("have been opened")
    check_accessibility(page)
    assert Opportunity.objects.get(pk=call.opportunity.pk).bids_opened_at is not None

    # The bids per lot: 1 and 3 in lot 1, 2 in lot 2; the draft never appears.
    main = page.locator("#main-content").inner_text()
    assert main.index("Lot 1: Dementia") < main.index(names[0]) < main.index(names[2])
    assert main.index("Lot 2: Young people's mental health") < main.index(names[1])
    assert names[3] not in main

    # One bid as submitted, then its gate decision.
    _go(page, names[0])
    expect(page.locator("#main-content")).to_contain_text(
        "Answer 1 to Quality of the delivery network: we sing with people."
    )
    expect(page.locator("#main-content")).to_contain_text("plan-1.pdf")
    _go(page, "Decide the gates")
    page.get_by_label("No, it fails a gate and is not evaluated").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reason the bid fails")
    check_accessibility(page)
    assert Bid.objects.get(pk=call.bids[0].pk).eligibility == Eligibility.PENDING
    page.get_by_label("Note").fill("No safeguarding policy in place for work with children.")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("fails the gates")
    check_accessibility(page)
    assert Bid.objects.get(pk=call.bids[0].pk).eligibility == Eligibility.FAILED

    # The register, and its CSV.
    _go(page, "Register of bids")
    for bid in call.bids[:3]:
        expect(page.locator("#main-content")).to_contain_text(bid.submissions.get().sha256)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the register (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert [(r["organisation"], r["version"], r["eligibility"]) for r in rows] == [
        (names[0], "1", "Failed"),
        (names[1], "1", "Not decided"),
        (names[2], "1", "Not decided"),
    ]


def test_opened_bid_pages_fit_a_phone(phone_page: Page):
    page = phone_page
    membership, secret = _commissioner()
    call = sealed_call(membership, providers=2, drafts=0)
    call.open()
    _sign_in_with_code(page, membership, secret)

    for path in ("", f"{call.bids[0].pk}/", "register/", f"{call.bids[0].pk}/gates/"):
        page.goto(f"/commissioning/opportunities/{call.opportunity.pk}/bids/{path}")
        check_accessibility(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
