"""A programme manager asks for the programme pilot report, watches the progress bar while a
real reports worker builds it, and downloads the PDF; axe-core checks every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from reports.models import ReportJob
from tests.browser.conftest import check_accessibility
from tests.browser.test_account_journeys import _sign_in
from tests.conftest import totp_code, with_totp
from tests.factories import MembershipFactory, OrganisationFactory
from tests.reports import worker as workers
from tests.reports.factories import BidFactory, funded_project, grant_call

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The worker fixtures, shared with the other reports tests.
broker = workers.broker
report_worker = workers.report_worker


def _programme_manager():
    membership = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(icb=True, name="NHS Gloucestershire ICB"),
        user__full_name="Sam Patel",
    )
    secret = with_totp(membership.user)
    opportunity = grant_call(membership)
    dementia = opportunity.lots.first()
    BidFactory(opportunity=opportunity, lots=[dementia])
    BidFactory(opportunity=opportunity, lots=[dementia])
    return membership, secret, opportunity.programme


def _sign_in_with_totp(page: Page, email: str, secret: str) -> None:
    _sign_in(page, email)
    expect(page.locator("input[name=code]")).to_be_visible()
    check_accessibility(page)
    page.fill("input[name=code]", totp_code(secret))
    page.get_by_role("button", name=re.compile("Sign in|Continue|Verify", re.I)).click()
    expect(page.locator(".app-organisation-bar")).to_contain_text("NHS Gloucestershire ICB")


def test_programme_manager_gets_the_pilot_report_as_a_pdf(page: Page, report_worker, tmp_path):
    membership, secret, programme = _programme_manager()
    _sign_in_with_totp(page, membership.user.email, secret)

    # Their reports: none yet, and the page says where to ask.
    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page.locator("h1")).to_have_text("Your reports")
    expect(page.get_by_text("You have not asked for any reports yet")).to_be_visible()
    check_accessibility(page)

    # The programme's page has the button; the request page offers the programme's period.
    page.goto(programme.get_absolute_url())
    check_accessibility(page)
    page.get_by_role("link", name="Get the pilot report (PDF)").click()
    expect(page.locator("h1")).to_have_text("Programme pilot report")
    check_accessibility(page)

    # A period outside the programme is refused with a clear message.
    page.get_by_label("From").fill("2001-01-01")
    page.get_by_role("button", name="Get the report").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The start of the period must be within the programme."
    )
    check_accessibility(page)
    page.get_by_label("From").fill(programme.start_date.isoformat())
    page.get_by_role("button", name="Get the report").click()

    # The request returns at once: the job waits for a worker, with its progress bar.
    expect(page.locator("h1")).to_have_text(f"Programme pilot report: {programme.name}")
    expect(page.get_by_role("heading", name="Waiting for a worker")).to_be_visible()
    expect(page.locator("progress#report-progress-bar")).to_have_attribute("value", "0")
    check_accessibility(page)
    job = ReportJob.objects.get()
    assert job.status == "queued"

    # The worker starts; the page follows the stages by itself until the download link.
    report_worker(site_url=page.url.split("/reports/")[0])
    expect(page.get_by_role("heading", name="Your report is ready")).to_be_visible(timeout=60_000)
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    saved = tmp_path / "report.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename.startswith("programme-pilot-report-")
    text = "\n".join(p.extract_text() for p in PdfReader(saved).pages)
    assert programme.name in text
    assert "Bids submitted and funded per theme" in text

    # Their reports now list it, with what it covers and a download link.
    page.get_by_role("link", name="Your reports").first.click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text(f"From: {programme.start_date:%-d %B %Y}")
    check_accessibility(page)


def test_report_pages_at_phone_width(phone_page: Page, report_worker):
    membership, secret, programme = _programme_manager()
    page = phone_page
    _sign_in_with_totp(page, membership.user.email, secret)
    page.goto(f"/reports/new/programme/{programme.pk}/")
    check_accessibility(page)
    page.get_by_role("button", name="Get the report").click()
    expect(page.locator("progress#report-progress-bar")).to_be_visible()
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_commissioner_gets_an_agreement_report_by_keyboard(page: Page, report_worker, tmp_path):
    membership, secret, programme = _programme_manager()
    agreement = funded_project(programme)
    _sign_in_with_totp(page, membership.user.email, secret)

    # From the agreement's page, by keyboard only.
    page.goto(agreement.get_absolute_url())
    check_accessibility(page)
    page.get_by_role("link", name="Agreement report (PDF)").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Agreement report")
    check_accessibility(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1024, "height": 768})
    page.get_by_role("button", name="Get the report").focus()
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text(f"Agreement report: {agreement.title}")
    check_accessibility(page)
    report_worker(site_url=page.url.split("/reports/")[0])
    expect(page.get_by_role("heading", name="Your report is ready")).to_be_visible(timeout=60_000)
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").focus()
        page.keyboard.press("Enter")
    saved = tmp_path / "agreement.pdf"
    download.value.save_as(saved)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(saved).pages).split())
    assert f"Agreement report: {agreement.title}" in text
    assert "Margaret's breath" in text
