"""Monitoring's main journey in a real browser, with axe-core on every page: a provider fills in
and submits a quarterly return by keyboard alone (KPI actuals, narrative, a photo uploaded as a
real PNG, SWEMWBS responses); the commissioner queries it; the provider resubmits; the
commissioner accepts it and reads the programme dashboard. The charts are inline SVG under the
strict CSP, so the console must stay free of CSP violations; the key pages fit a 320px phone."""

from __future__ import annotations

import datetime
import re
import struct
import zlib
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from commissioning.models import Kpi
from monitoring.models import Evidence, KpiTarget, Return
from monitoring.services import agreements
from monitoring.services.agreements import BudgetLineInput
from tests.browser.conftest import AXE_SOURCE, check_accessibility
from tests.browser.keyboard import (
    activate,
    assert_reflows,
    choose,
    choose_file_by_keyboard,
    tick,
    type_into,
)
from tests.browser.test_account_journeys import _sign_in
from tests.conftest import totp_code, with_totp
from tests.factories import MembershipFactory, OrganisationFactory, ProgrammeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Two participants' SWEMWBS answers at baseline and follow-up (raw 21 then 26; 14 then 17).
SWEMWBS = [
    ("P001", "Baseline", [3, 3, 3, 3, 3, 3, 3]),
    ("P001", "Follow-up", [4, 4, 4, 4, 4, 3, 3]),
    ("P002", "Baseline", [2, 2, 2, 2, 2, 2, 2]),
    ("P002", "Follow-up", [3, 3, 3, 2, 2, 2, 2]),
]


def _png(width: int = 6, height: int = 4) -> bytes:
    """A real PNG (the platform's plum), built the way the format specifies."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + tag
            + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + bytes([0x65, 0x1B, 0x3E]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class Console:
    """Everything the browser reported as an error, CSP violations above all."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def watch(self, page: Page) -> Page:
        page.on("console", self._message)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        return page

    def _message(self, message: ConsoleMessage) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            self.errors.append(f"{message.page.url if message.page else ''}: {message.text}")


@pytest.fixture
def office_page(browser: Browser, browser_context_args):
    """The commissioner's own browser, beside the provider's `page`."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    page.add_init_script(path=str(AXE_SOURCE))
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _fits_the_screen(page: Page) -> None:
    assert_reflows(page)


@pytest.fixture
def parties(db):
    commissioner = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(icb=True, name="NHS Gloucestershire ICB"),
        user__full_name="Sam Okafor",
    )
    secret = with_totp(commissioner.user)
    provider = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(name="Breathe Sing Gloucestershire"),
        user__full_name="Robin Hale",
    )
    programme = ProgrammeFactory(
        organisation=commissioner.organisation, name="Arts and health innovation grants"
    )
    starts_on = timezone.localdate() - datetime.timedelta(days=20)
    agreement = agreements.agreement_create(
        actor=commissioner.user,
        programme=programme,
        provider=provider.organisation,
        title="A bespoke choir for people with COPD and asthma",
        kind="grant",
        value=Decimal(15000),
        starts_on=starts_on,
        ends_on=starts_on.replace(year=starts_on.year + 1) - datetime.timedelta(days=1),
        budget_lines=[
            BudgetLineInput("Choir leader and accompanist", "variable", Decimal(9000)),
            BudgetLineInput("Venue hire and evaluation", "fixed", Decimal(6000)),
        ],
    )
    for slug, low, mid, high in (
        ("participants-engaged", 30, 40, 50),
        ("swemwbs-mean-change", "0.5", "1", "2"),
    ):
        agreements.agreement_kpi_add(
            actor=commissioner.user,
            agreement=agreement,
            kpi=Kpi.objects.get(slug=slug),
            minimum=Decimal(low),
            expected=Decimal(mid),
            stretch=Decimal(high),
        )
    return {
        "commissioner": commissioner,
        "secret": secret,
        "provider": provider,
        "programme": programme,
        "agreement": agreement,
    }


def _provider_fills_in_the_return_by_keyboard(page: Page, agreement, tmp_path) -> None:
    main = page.locator("main")
    page.goto("/monitoring/")
    check_accessibility(page)
    activate(page, main.get_by_role("link", name=agreement.title))
    activate(page, main.get_by_role("button", name=re.compile(r"^Start return for Quarter 1")))
    expect(page.locator("h1")).to_contain_text("Return for Quarter 1")

    # KPI actuals: half a person is refused with a clear message and nothing is saved.
    activate(page, main.get_by_role("link", name="Enter or change the KPI actuals"))
    actual = page.get_by_label("Participants engaged (count)")
    type_into(page, actual, "4.5")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_accessibility(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "“Participants engaged” is a count: enter a whole number of 0 or more."
    )
    assert Return.objects.get().actuals.count() == 0
    type_into(page, page.get_by_label("Participants engaged (count)"), "42")
    activate(page, main.get_by_role("button", name="Save actuals"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("actuals have been saved")

    # The narrative and the total spend (light monitoring asks for no more).
    activate(
        page, main.get_by_role("link", name="Write or change the narrative, learning and spend")
    )
    type_into(
        page,
        page.get_by_label("Progress against the outcomes"),
        "Forty-two people referred by respiratory physiotherapists sang together each week.",
    )
    type_into(
        page,
        page.get_by_label("Learning for commissioners"),
        "Referrals came fastest where a physiotherapist came to the first session.",
    )
    type_into(page, page.get_by_label("Total spend to date (£, optional)"), "3400")
    activate(page, main.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("narrative has been saved")

    # A photo: the file chooser opens from the keyboard and takes a real PNG.
    photo = tmp_path / "choir-rehearsal.png"
    photo.write_bytes(_png())
    activate(page, main.get_by_role("link", name="Add evidence"))
    choose(page, page.get_by_label("Photo", exact=True))
    type_into(page, page.get_by_label("Title", exact=True), "The choir in rehearsal")
    choose_file_by_keyboard(
        page, page.get_by_label("File (for a photo, artwork or document)"), str(photo)
    )
    tick(page, page.get_by_label("Participants can be identified in it"))
    tick(page, page.get_by_label("Everyone identifiable in it has consented", exact=False))
    activate(page, main.get_by_role("button", name="Add evidence"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The choir in rehearsal has been added"
    )

    # SWEMWBS before and after; the mean change fills the KPI tied to the instrument.
    activate(page, main.get_by_role("link", name="Record SWEMWBS responses"))
    today = timezone.localdate()
    for code, when, answers in SWEMWBS:
        type_into(page, page.get_by_label("Participant code"), code)
        choose(page, page.get_by_label(when, exact=True))
        expect(page.get_by_label("Date collected")).to_have_value(today.isoformat())
        for number, answer in enumerate(answers, start=1):
            type_into(page, page.get_by_label(re.compile(rf"^{number}\. ")), str(answer))
        activate(page, main.get_by_role("button", name="Save response"))
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            f"{code}'s {when.lower()} response has been saved"
        )
    activate(page, page.get_by_role("link", name=agreement.title))
    activate(page, main.get_by_role("link", name=re.compile(r"^View return for Quarter 1")))
    # Metric scores (26: 23.21 less 21: 19.25) and (17: 16.88 less 14: 15.32): mean 2.76.
    expect(main).to_contain_text("Calculated from 2 participants with a baseline and a follow-up")
    expect(main.locator(".govuk-summary-list").first).to_contain_text("2.76 (score)")

    # Submit.
    activate(page, main.get_by_role("button", name="Submit return"), key="Space")
    expect(page.locator("h1")).to_contain_text("Submit the return for Quarter 1")
    activate(page, main.get_by_role("button", name="Submit return"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your return for Quarter 1")
    expect(main.locator(".govuk-tag").first).to_have_text("Submitted")


def _commissioner_signs_in(page: Page, email: str, secret: str) -> None:
    _sign_in(page, email)
    expect(page.locator("input[name=code]")).to_be_visible()
    check_accessibility(page)
    page.fill("input[name=code]", totp_code(secret))
    page.get_by_role("button", name=re.compile("Sign in|Continue|Verify", re.I)).click()
    expect(page.locator(".app-organisation-bar")).to_contain_text("NHS Gloucestershire ICB")
    check_accessibility(page)


def _go(page: Page, name: str | re.Pattern) -> None:
    page.locator("main").get_by_role("link", name=name).first.click()
    check_accessibility(page)


def _review(page: Page, decision: str, comment: str = "") -> None:
    page.locator("main").get_by_role("button", name="Review this return").click()
    check_accessibility(page)
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose whether to accept or query the return."
    )
    check_accessibility(page)
    page.get_by_label(decision).check()
    if comment:
        page.get_by_label("Comment (needed for a query)").fill(comment)
    page.get_by_role("button", name="Save decision").click()
    check_accessibility(page)


def test_provider_submits_commissioner_queries_then_accepts_and_reads_the_dashboard(
    page: Page, office_page: Page, phone_page: Page, parties, tmp_path
):
    console = Console()
    agreement = parties["agreement"]
    console.watch(page)
    _sign_in(page, parties["provider"].user.email)
    expect(page.locator(".app-organisation-bar")).to_contain_text("Breathe Sing Gloucestershire")
    _provider_fills_in_the_return_by_keyboard(page, agreement, tmp_path)
    report = Return.objects.get()
    assert (report.status, report.actuals.count(), Evidence.objects.get().file_type) == (
        "submitted",
        2,
        "image/png",
    )

    # The commissioner, in their own browser, signs in with their authenticator and queries it.
    office = console.watch(office_page)
    _commissioner_signs_in(office, parties["commissioner"].user.email, parties["secret"])
    office.goto("/monitoring/")
    check_accessibility(office)
    _go(office, agreement.title)
    expect(
        office.get_by_role("img", name="Participants engaged: actual against targets")
    ).to_be_visible()
    expect(
        office.get_by_role("img", name="Mean change in SWEMWBS score: actual against targets")
    ).to_be_visible()
    expect(office.get_by_role("img", name="SWEMWBS before and after")).to_be_visible()
    # matplotlib's inline styles became presentation attributes, which the CSP allows.
    assert office.locator("main svg [style], main svg style").count() == 0

    # Targets for the second quarter alone: a half-filled period is refused, nothing saved.
    _go(office, "Set targets by period for Participants engaged")
    quarter = agreement.periods.get(number=2).pk
    office.locator(f"input[name=period_{quarter}_minimum]").fill("8")
    office.get_by_role("button", name="Save targets").click()
    expect(office.locator(".govuk-error-summary")).to_contain_text(
        "enter all three targets, or leave all three empty"
    )
    check_accessibility(office)
    assert KpiTarget.objects.count() == 0
    targets_url = office.url
    office.locator(f"input[name=period_{quarter}_expected]").fill("10")
    office.locator(f"input[name=period_{quarter}_stretch]").fill("12")
    office.get_by_role("button", name="Save targets").click()
    check_accessibility(office)
    expect(office.locator(".govuk-notification-banner")).to_contain_text(
        "Targets by period for Participants engaged have been saved"
    )
    assert [(t.period.number, t.expected) for t in KpiTarget.objects.all()] == [(2, Decimal(10))]
    _go(office, re.compile(r"^View return for Quarter 1"))
    # The photo is shown in the return, through the checked door, as the PNG that was uploaded.
    photo = office.get_by_role("img", name="The choir in rehearsal")
    expect(photo).to_be_visible()
    assert photo.evaluate("image => [image.naturalWidth, image.naturalHeight]") == [6, 4]
    assert office.request.get(photo.get_attribute("src")).headers["content-type"] == "image/png"
    _review(
        office,
        "Query it: send it back with a question",
        "How many of the forty-two were referred by physiotherapists?",
    )
    expect(office.locator(".govuk-notification-banner")).to_contain_text(
        "sent back with your query"
    )

    # The provider sees the query, and cannot resubmit without answering it.
    page.reload()
    check_accessibility(page)
    main = page.locator("main")
    expect(main).to_contain_text("How many of the forty-two were referred by physiotherapists?")
    expect(main.locator(".govuk-tag").first).to_have_text("Queried")
    main.get_by_role("button", name="Resubmit return").click()
    check_accessibility(page)
    main.get_by_role("button", name="Resubmit return").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Say what you changed in answer to the query."
    )
    check_accessibility(page)
    page.get_by_label("Note for the commissioner (needed when resubmitting)").fill(
        "Thirty-five of the forty-two came from physiotherapists; seven from GPs."
    )
    main.get_by_role("button", name="Resubmit return").click()
    check_accessibility(page)
    expect(main.locator(".govuk-tag").first).to_have_text("Submitted")

    # The commissioner accepts it and reads the programme dashboard.
    office.reload()
    check_accessibility(office)
    _review(office, "Accept the return")
    expect(office.locator("main .govuk-tag").first).to_have_text("Accepted")
    expect(office.locator("main")).to_contain_text("Thirty-five of the forty-two")
    office.get_by_role("link", name=agreement.title).first.click()
    check_accessibility(office)
    _go(office, parties["programme"].name)
    expect(office.locator("h1")).to_have_text(parties["programme"].name)
    expect(office.get_by_role("img", name="SWEMWBS before and after")).to_be_visible()
    dashboard = office.locator("main")
    expect(dashboard).to_contain_text("1 green")
    expect(dashboard).to_contain_text("42 people")
    office.get_by_text(re.compile(r"^1\. What's the worth and value")).click()
    expect(dashboard).to_contain_text("The choir in rehearsal")
    check_accessibility(office)
    report.refresh_from_db()
    assert [c.kind for c in report.comments.all()] == [
        "submitted",
        "query",
        "resubmitted",
        "accepted",
    ]

    # On a 320px phone, first as the commissioner and then as the provider.
    programme_url = office.url
    phone_page.context.add_cookies(office.context.cookies())
    console.watch(phone_page)
    for url in (
        programme_url,
        agreement.get_absolute_url(),
        report.get_absolute_url(),
        targets_url,
    ):
        phone_page.goto(url)
        _fits_the_screen(phone_page)
    phone_page.context.clear_cookies()
    phone_page.context.add_cookies(page.context.cookies())
    for url in (
        agreement.get_absolute_url(),
        report.get_absolute_url(),
        f"{agreement.get_absolute_url()}responses/swemwbs/",
    ):
        phone_page.goto(url)
        _fits_the_screen(phone_page)

    assert console.errors == []
