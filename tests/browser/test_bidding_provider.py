"""Bidding, provider side, in a real browser with axe-core on every page: a provider registers
interest, starts a bid, drafts answers (with the live word count), attaches a file, is told
what is missing, fixes it, submits, sees the receipt and resubmits; a consortium partner
accepts and contributes; the core journey on a phone and by keyboard alone."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import Locator, Page, expect

from tenders.constants import BidPartnerStatus, BidStatus
from tenders.models import Bid, BidPartner, Submission
from tests.browser.conftest import check_accessibility
from tests.browser.test_account_journeys import _sign_in
from tests.browser.test_engagement import _another_browser
from tests.factories import (
    ConsortiumFactory,
    MembershipFactory,
    OrganisationFactory,
    ProviderProfileFactory,
)
from tests.providers.conftest import PDF_BYTES
from tests.tenders.bid_helpers import ANSWER, grant_call, provider

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _go(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).first.click()
    check_accessibility(page)


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    check_accessibility(page)


def _signed_in(page: Page, membership) -> None:
    _sign_in(page, membership.user.email)
    expect(page.locator(".app-organisation-bar")).to_contain_text(membership.organisation.name)


def _grant_call(lots: tuple[str, ...] = ()):
    commissioner = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(commissioner=True, name="NHS Gloucestershire ICB"),
    )
    return grant_call(commissioner, word_limit=20, lots=lots)


def _tab_to(page: Page, target: Locator, *, limit: int = 80) -> None:
    """Press Tab until the target has the keyboard focus (no clicks, no programmatic focus)."""
    handle = target.element_handle()
    for _ in range(limit):
        if page.evaluate("el => document.activeElement === el", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def test_provider_drafts_is_told_what_is_missing_submits_and_resubmits(page: Page, tmp_path):
    opportunity = _grant_call()
    bidder = provider()
    ProviderProfileFactory(
        organisation=bidder.organisation, contact_name="Ada Jones", contact_email="ada@stroud.org"
    )
    mail.outbox.clear()
    _signed_in(page, bidder)

    # Register interest, then start a bid from the opportunity's page.
    page.goto(opportunity.get_absolute_url())
    check_accessibility(page)
    _go(page, "Register interest")
    _submit(page, "Register interest")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("registered interest")
    _go(page, "Start a bid")
    page.get_by_label("Name your bid (optional)").fill("Singing for breathing")
    _submit(page, "Start the bid")
    expect(page.locator("h1")).to_have_text("Singing for breathing")
    expect(page.locator("main")).to_contain_text("Ada Jones")
    bid = Bid.objects.get()

    # Draft the first answer: the GOV.UK character count counts words as they are typed.
    _go(page, "Quality of the delivery network")
    page.get_by_label("Your answer").fill("word " * 22)
    expect(page.locator(".govuk-character-count__status")).to_contain_text(
        "You have 2 words too many"
    )
    check_accessibility(page)
    page.get_by_label("Your answer").fill(ANSWER[:60])
    _submit(page, "Save and go to the next question")
    expect(page.locator("h1")).to_have_text("Price")
    _go(page, "Back to your bid")

    # Attach a file; a file that is not what its name says is refused.
    _go(page, "Attachments")
    fake = tmp_path / "budget.pdf"
    fake.write_bytes(b"MZ\x90\x00 a program, not a PDF")
    page.get_by_label("Upload a file").set_input_files(str(fake))
    _submit(page, "Upload")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The selected file")
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(PDF_BYTES)
    page.get_by_label("Upload a file").set_input_files(str(plan))
    _submit(page, "Upload")
    expect(page.get_by_role("link", name="plan.pdf", exact=True)).to_be_visible()
    _go(page, "Back to your bid")

    # Try to submit: told exactly what is missing.
    _go(page, "Check and submit")
    missing = page.locator("#missing + p + ul")
    expect(missing).to_contain_text("Answer 'Price'.")
    expect(missing).to_contain_text("Add your budget: at least one cost line.")
    expect(missing).to_contain_text("Say whether you meet 'Safeguarding policy in place'.")
    expect(page.get_by_role("button", name="Submit bid")).to_have_count(0)
    _go(page, "Go back to your bid to fix them")

    # Fix it: the other answers, the budget, the requirement, the declarations.
    for title in ("Price", "Social value"):
        _go(page, title)
        page.get_by_label("Your answer").fill(ANSWER[:60])
        _submit(page, "Save and go back to your bid" if title == "Social value" else "Save")
        if title == "Price":
            _go(page, "Back to your bid")
    _go(page, "Budget")
    page.locator("#id_lines-0-description").fill("Choir leader")
    page.locator("#id_lines-0-cost_type").select_option("variable")
    page.locator("#id_lines-0-amount").fill("16000")
    _submit(page, "Save budget")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "the most you can ask for is £15,000.00"
    )
    page.locator("#id_lines-0-amount").fill("9000")
    page.locator("#id_lines-1-description").fill("Hall hire")
    page.locator("#id_lines-1-cost_type").select_option("fixed")
    page.locator("#id_lines-1-amount").fill("1500")
    _submit(page, "Save budget")
    expect(page.locator("#budget-hint")).to_contain_text("£10,500.00")
    _go(page, "Pass or fail requirements")
    page.get_by_role("radio", name="Yes").check()
    _submit(page, "Save")
    _go(page, "Declarations")
    page.get_by_label("My organisation is eligible to apply").check()
    page.get_by_label("We have no conflicts of interest to declare").check()
    page.get_by_label("The information in this bid is accurate and complete").check()
    _submit(page, "Save declarations")
    expect(page.locator("#checklist")).to_contain_text("Everything is ready.")

    # Submit: the receipt, with the server's time and the digest, on screen and by email.
    _go(page, "Check and submit")
    _submit(page, "Submit bid")
    submission = Submission.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(submission.receipt_reference)
    expect(page.locator("main")).to_contain_text(submission.sha256[:8])
    assert any(submission.receipt_reference in m.body for m in mail.outbox)

    # Resubmit: a new version, the earlier kept and listed.
    _go(page, "Back to your bid")
    _go(page, "Social value")
    page.get_by_label("Your answer").fill(ANSWER[:60] + " and song")
    _submit(page, "Save and go back to your bid")
    _go(page, "Check and resubmit")
    _submit(page, "Resubmit bid")
    expect(page.locator("main")).to_contain_text("2 (this receipt)")
    _go(page, "Version 1")
    expect(page.locator(".govuk-panel")).to_contain_text(f"{opportunity.reference}-B{bid.pk}-1")
    assert [s.number for s in bid.submissions.all()] == [2, 1]


def test_consortium_partner_accepts_and_contributes_but_cannot_submit(page: Page, browser):
    opportunity = _grant_call(lots=("Dementia", "Lung conditions"))
    lead = provider()
    partner = provider("Cheltenham Dance")
    ProviderProfileFactory(organisation=partner.organisation, listed=True)
    ConsortiumFactory(lead=lead.organisation, name="Stroud wellbeing consortium")
    _signed_in(page, lead)
    page.goto(f"/bids/start/{opportunity.pk}/")
    check_accessibility(page)
    _submit(page, "Start the bid")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the lot you are bidding for."
    )
    page.get_by_label("Lot 2: Lung conditions").check()
    expect(page.get_by_label("Are you bidding as a consortium?")).to_contain_text(
        "Stroud wellbeing consortium"
    )
    _submit(page, "Start the bid")
    expect(page.locator("main")).to_contain_text("Lot: 2. Lung conditions")
    _go(page, "Partners")
    page.get_by_label("Partner organisation").select_option(label="Cheltenham Dance")
    _submit(page, "Send invitation")
    expect(page.locator("main table")).to_contain_text("Invited")
    bid = Bid.objects.get()

    other = _another_browser(browser, page)
    _signed_in(other, partner)
    other.goto("/bids/")
    check_accessibility(other)
    _go(other, f"Stroud Arts asks you to join its bid for {opportunity.title}")
    _submit(other, "Accept and take part")
    expect(other.locator(".govuk-inset-text").first).to_contain_text("You are a partner")
    _go(other, "Quality of the delivery network")
    other.get_by_label("Your answer").fill("Dance with people who are lonely.")
    _submit(other, "Save")
    assert bid.answers.get().text == "Dance with people who are lonely."
    assert BidPartner.objects.get().status == BidPartnerStatus.CONFIRMED
    _go(other, "Back to your bid")
    _go(other, "Check your answers")
    expect(other.get_by_role("button", name=re.compile("Submit"))).to_have_count(0)
    expect(other.get_by_role("link", name="Withdraw this bid")).to_have_count(0)

    # The lead sees the partner's answer.
    page.goto(f"/bids/{bid.pk}/questions/{opportunity.criteria.first().pk}/")
    check_accessibility(page)
    expect(page.get_by_label("Your answer")).to_have_value("Dance with people who are lonely.")
    other.context.close()


def test_bid_by_keyboard_alone_on_a_phone(phone_page: Page):
    """Tab, Enter and Space only: no clicks, at 320 px."""
    page = phone_page
    commissioner_opportunity = _grant_call()
    bidder = provider()
    _signed_in(page, bidder)
    bid = Bid.objects.create(
        opportunity=commissioner_opportunity,
        organisation=bidder.organisation,
        title="Keyboard bid",
    )
    page.goto(f"/bids/{bid.pk}/")
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    def follow(name: str) -> None:
        _tab_to(page, page.get_by_role("link", name=name, exact=True).first)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        check_accessibility(page)

    def press(name: str, key: str = "Enter") -> None:
        _tab_to(page, page.get_by_role("button", name=name, exact=True))
        with page.expect_navigation():
            page.keyboard.press(key)
        check_accessibility(page)

    for title in ("Quality of the delivery network", "Price", "Social value"):
        follow(title)
        _tab_to(page, page.get_by_label("Your answer"))
        page.keyboard.type("We sing with people every week.")
        press("Save and go back to your bid" if title == "Social value" else "Save", "Space")
        if title != "Social value":
            follow("Back to your bid")
    follow("Budget")
    _tab_to(page, page.locator("#id_lines-0-description"))
    page.keyboard.type("Artist fees")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # a native select opens with the arrow keys
    page.keyboard.press("Tab")
    page.keyboard.type("9000")
    press("Save budget")
    follow("Pass or fail requirements")
    _tab_to(page, page.get_by_role("radio", name="Yes"))
    page.keyboard.press("Space")
    press("Save")
    follow("Declarations")
    for label in (
        "My organisation is eligible to apply",
        "We have no conflicts of interest to declare",
        "The information in this bid is accurate and complete",
    ):
        _tab_to(page, page.get_by_label(re.compile(label)))
        page.keyboard.press("Space")
    press("Save declarations")
    follow("Check and submit")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    press("Submit bid")
    expect(page.locator(".govuk-panel")).to_contain_text("Bid submitted")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    bid.refresh_from_db()
    assert bid.status == BidStatus.SUBMITTED
    assert [str(line.amount) for line in bid.budget_lines.all()] == [str(Decimal("9000.00"))]
