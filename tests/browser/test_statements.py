"""The accessibility statement (and the privacy notice beside it) in a real browser: no axe
violations, reachable from every page's footer by keyboard, readable at 320 px and 200% zoom."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_accessibility_statement_is_reached_by_keyboard_and_says_how_it_was_tested(page: Page):
    page.goto("/")
    link = page.get_by_role("link", name="Accessibility")
    for _ in range(200):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    page.keyboard.press("Enter")

    expect(page).to_have_url("/accessibility/")
    expect(page.get_by_role("heading", name="How we tested this service")).to_be_visible()
    expect(page.get_by_text("can be done with a keyboard alone")).to_be_visible()
    check_accessibility(page)


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/"])
def test_statement_reads_without_sideways_scrolling_at_320_px(phone_page: Page, path):
    phone_page.goto(path)

    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(phone_page)


def test_statement_reads_without_sideways_scrolling_at_200_percent_zoom(page: Page):
    """200% zoom on a 1280-pixel window lays the page out in 640 CSS pixels."""
    page.set_viewport_size({"width": 640, "height": 400})
    page.goto("/accessibility/")

    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(page)
