"""Issue 10's accessibility sweep in a real browser.

Keyboard only: a panel member declares conflicts and scores a bid; a commissioner builds and
publishes an opportunity; a programme manager asks for a report and downloads it. Nothing is
clicked: every step is Tab, Shift+Tab, Enter, Space, an arrow key or typing, through the
helpers in tests/browser/keyboard.py, which assert at each stop that focus is visible and moves
forward through the page. axe-core checks every page reached.

Reflow: each journey's key pages at 320 CSS pixels wide, and at 1280 pixels zoomed to 200%,
have no sideways scrolling and no clipped text. The zoom is emulated as the browser itself
does it: a 640 x 400 CSS-pixel viewport with a device pixel ratio of 2. That is exactly what
200% zoom of a 1280 x 800 window gives a page (media queries, rem sizes and layout all see
640 CSS pixels), whereas CSS `zoom` would scale the page after its media queries had chosen
the desktop layout, which is not what a person zooming sees.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from commissioning.models import Kpi
from evaluation.constants import PanelRole
from evaluation.models import Assignment, Declaration
from evaluation.services import panels
from monitoring.services import agreements
from monitoring.services.agreements import BudgetLineInput
from reports.models import ReportJob
from reports.services import report_request
from tenders.constants import Status
from tenders.models import Opportunity
from tests.browser.conftest import AXE_SOURCE, check_accessibility
from tests.browser.keyboard import (
    activate,
    assert_reflows,
    choose,
    select_option,
    sign_in,
    skip_to_main,
    tab_to,
    type_date,
    type_into,
)
from tests.conftest import with_totp
from tests.engagement.conftest import make_event
from tests.evaluation.conftest import closed_call, declare_all, make_panel, seat
from tests.factories import MembershipFactory, OrganisationFactory, ProgrammeFactory, UserFactory
from tests.providers.conftest import make_profile
from tests.reports import worker as workers
from tests.reports.conftest import period_of
from tests.reports.factories import BidFactory, grant_call

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

broker = workers.broker
report_worker = workers.report_worker


def _icb_commissioner():
    membership = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(icb=True, name="NHS Gloucestershire ICB"),
        user__full_name="Sam Okafor",
    )
    return membership, with_totp(membership.user)


# (a) A panel member declares conflicts and scores a bid.


def test_panel_member_declares_and_scores_by_keyboard_alone(page: Page):
    commissioner, _ = _icb_commissioner()
    call = closed_call(commissioner, amounts=["12000", "9000"])
    panel = make_panel(call, comment_min_length=10)
    seat(panel, PanelRole.CHAIR)
    member = seat(panel, PanelRole.PATIENT, user=UserFactory(full_name="Pat Green"))
    panels.panel_open_scoring(actor=call.user, panel=panel)
    main = page.locator("main")

    sign_in(page, member.user.email)
    activate(page, page.get_by_role("link", name="Panels", exact=True))
    activate(page, main.get_by_role("link", name=panel.name))

    # Conflicts first: one bid with none, one with a perceived conflict that needs a reason.
    first, second = call.bids
    activate(page, main.get_by_role("link", name=f"Declare for {first.organisation.name}"))
    choose(page, page.get_by_label("No conflict"))
    activate(page, main.get_by_role("button", name="Save declaration"))
    activate(page, main.get_by_role("link", name=f"Declare for {second.organisation.name}"))
    choose(page, page.get_by_label("Perceived conflict"))
    activate(page, main.get_by_role("button", name="Save declaration"), key="Space")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what the conflict is")
    # The error summary takes focus, and its link leads to the field.
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    type_into(page, page.get_by_label("What is the conflict?"), "I sing in their choir.")
    activate(page, main.get_by_role("button", name="Save declaration"))
    expect(main).to_contain_text("Waiting for the chair")

    # The score sheet: skip the header, open the budget, score and comment on each criterion.
    activate(page, main.get_by_role("link", name=f"Score {first.title}"))
    skip_to_main(page)
    budget = main.locator("summary", has_text="The budget")
    tab_to(page, budget, limit=3)
    page.keyboard.press("Enter")
    expect(main.locator("details")).to_have_attribute("open", "")
    criteria = list(call.opportunity.criteria.all())
    for criterion in criteria:
        choose(page, page.locator(f"input[name='score_{criterion.pk}'][value='4']"))
        type_into(
            page,
            page.locator(f"textarea[name='comment_{criterion.pk}']"),
            "Clear plan, with evidence from earlier sessions.",
        )
    # Shift+Tab goes back to the previous criterion's comment, visibly focused; then on to submit.
    tab_to(page, page.locator(f"textarea[name='comment_{criteria[-2].pk}']"), back=True)
    activate(page, main.get_by_role("button", name="Submit scores"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("submitted")

    assert sorted(Declaration.objects.filter(member=member).values_list("level", flat=True)) == [
        "none",
        "perceived",
    ]
    assignment = Assignment.objects.get(member=member, bid=first)
    assert assignment.submitted_at is not None


# (b) A commissioner builds and publishes an opportunity.


def test_commissioner_publishes_an_opportunity_by_keyboard_alone(page: Page):
    commissioner = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(commissioner=True, name="Kent County Council"),
    )
    secret = with_totp(commissioner.user)
    ProgrammeFactory(organisation=commissioner.organisation, name="Community wellbeing")
    closes = timezone.localdate() + datetime.timedelta(days=70)
    questions_by = closes - datetime.timedelta(days=14)
    main = page.locator("main")

    sign_in(page, commissioner.user.email, totp_secret=secret)
    # The address bar is a keyboard control too.
    page.goto("/commissioning/opportunities/")
    check_accessibility(page)
    activate(page, main.get_by_role("link", name="Create an opportunity"))
    choose(page, page.get_by_label("Community wellbeing"))
    type_into(page, page.get_by_label("Title"), "Arts for wellbeing in Thanet")
    choose(page, page.get_by_label("Open procedure (Procurement Act 2023)"))
    type_into(page, page.get_by_label("Total budget (£)"), "600000")
    activate(page, main.get_by_role("button", name="Create draft"))
    expect(page.locator("h1")).to_have_text("Arts for wellbeing in Thanet")
    opportunity = Opportunity.objects.get(title="Arts for wellbeing in Thanet")

    # Details, with dates typed into the browser's date fields.
    activate(page, main.get_by_role("link", name="Details and timeline"))
    type_into(page, page.get_by_label("Summary"), "Arts that help people feel less lonely.")
    type_date(page, page.get_by_label("Closing date"), closes)
    tab_to(page, page.get_by_label("Closing time"))
    page.keyboard.type("1200")
    type_date(page, page.get_by_label("Deadline for questions: date (optional)"), questions_by)
    activate(page, main.get_by_role("button", name="Save details"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("have been saved")

    # An outcome, chosen from a select with the arrow keys.
    activate(page, main.get_by_role("link", name="Outcomes for people"))
    select_option(page, page.get_by_label("Outcome area"), "Mental health")
    type_into(page, page.get_by_label("The outcome for people"), "People feel less lonely")
    activate(page, main.get_by_role("button", name="Add outcome"))
    expect(main.locator(".govuk-summary-list")).to_contain_text("People feel less lonely")
    activate(page, page.get_by_role("link", name="Back to the task list").first)

    # Criteria that total 100%.
    activate(page, main.get_by_role("link", name="Assessment criteria and pass/fail gates"))
    for kind, title, weight in (
        ("Quality", "Reaching lonely people", "70"),
        ("Price", "Price", "30"),
    ):
        activate(page, main.get_by_role("link", name="Add a criterion"))
        choose(page, page.get_by_label(kind if kind != "Price" else "Price or cost", exact=True))
        type_into(page, page.get_by_label("Criterion or question"), title)
        type_into(page, page.get_by_label("Weight (%)"), weight)
        activate(page, main.get_by_role("button", name="Save criterion"))
    expect(page.locator("tfoot").first).to_contain_text("Totals 100%")
    activate(page, page.get_by_role("link", name="Back to the task list").first)

    # Publish, pressing the button with Space.
    activate(page, main.get_by_role("link", name="Publish"))
    activate(page, main.get_by_role("button", name="Publish"), key="Space")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been published")
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.version) == (Status.PUBLISHED, 1)
    assert timezone.localtime(opportunity.closes_at).date() == closes


# (c) A programme manager asks for a report and downloads it.


@pytest.mark.worker
def test_programme_manager_gets_a_report_by_keyboard_alone(page: Page, report_worker, tmp_path):
    manager, secret = _icb_commissioner()
    opportunity = grant_call(manager)
    programme = opportunity.programme
    BidFactory(opportunity=opportunity, lots=[opportunity.lots.first()])
    main = page.locator("main")

    sign_in(page, manager.user.email, totp_secret=secret)
    activate(page, page.get_by_role("link", name="Programmes", exact=True))
    activate(page, main.get_by_role("link", name=programme.name))
    activate(page, main.get_by_role("link", name="Get the pilot report (PDF)"))
    expect(page.locator("h1")).to_have_text("Programme pilot report")

    # A period outside the programme is explained; the error summary's link leads to the field.
    type_date(page, page.get_by_label("From"), datetime.date(2001, 1, 1))
    activate(page, main.get_by_role("button", name="Get the report"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The start of the period must be within the programme.")
    expect(summary).to_be_focused()
    tab_to(page, summary.get_by_role("link"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("From")).to_be_focused()
    type_date(page, page.get_by_label("From"), programme.start_date)
    activate(page, main.get_by_role("button", name="Get the report"), key="Space")
    expect(page.get_by_role("heading", name="Waiting for a worker")).to_be_visible()

    # The worker builds it; the page follows by itself, and the download is reached by Tab.
    report_worker(site_url=re.match(r"https?://[^/]+", page.url).group(0))
    expect(page.get_by_role("heading", name="Your report is ready")).to_be_visible(timeout=60_000)
    check_accessibility(page)
    download_link = main.get_by_role("link", name="Download the PDF")
    tab_to(page, download_link)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    saved = tmp_path / "report.pdf"
    download.value.save_as(saved)
    text = "\n".join(p.extract_text() for p in PdfReader(saved).pages)
    assert programme.name in text
    assert ReportJob.objects.get().status == "done"


# Reflow of each journey's key pages.

VIEWPORTS = {
    "320px": {"viewport": {"width": 320, "height": 640}},
    "1280px-at-200%": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}


@pytest.fixture(params=list(VIEWPORTS))
def narrow_page(request, browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, **VIEWPORTS[request.param]})
    page = context.new_page()
    page.add_init_script(path=str(AXE_SOURCE))
    page.set_default_timeout(10_000)
    page.goto("/")
    # What the page sees: 320 CSS pixels, or 640 at two device pixels each (1280 at 200%).
    width, ratio = page.evaluate("[window.innerWidth, window.devicePixelRatio]")
    viewport = VIEWPORTS[request.param]
    assert (width, ratio) == (
        viewport["viewport"]["width"],
        viewport.get("device_scale_factor", 1),
    )
    yield page
    context.close()


def test_key_pages_reflow_at_320px_and_200_percent_zoom(narrow_page: Page):
    page = narrow_page
    commissioner, secret = _icb_commissioner()

    # Public pages: the directory, a profile, an opportunity, the events list.
    profile = make_profile(
        "Breathe Sing Gloucestershire Community Interest Company",
        summary="Singing for lung health: weekly groups for people with COPD and asthma.",
    )
    call = closed_call(commissioner, amounts=["12000"])
    live = grant_call(commissioner)
    make_event(commissioner, title="Arts on prescription: meet the commissioners")
    public = [
        "/directory/?q=singing",
        f"/directory/{profile.pk}/",
        live.get_absolute_url(),
        "/opportunities/",
        "/events/",
        "/accounts/login/",
    ]
    for url in public:
        page.goto(url)
        assert_reflows(page)

    # The panel member's score sheet.
    panel = make_panel(call)
    seat(panel, PanelRole.CHAIR)
    member = seat(panel, PanelRole.PATIENT)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    declare_all(member, call.bids)
    sign_in(page, member.user.email)
    for url in (
        f"/panels/{panel.pk}/",
        f"/panels/{panel.pk}/bids/{call.bids[0].pk}/declare/",
        f"/panels/{panel.pk}/bids/{call.bids[0].pk}/score/",
    ):
        page.goto(url)
        assert_reflows(page)
    page.context.clear_cookies()

    # The commissioner's monitoring agreement and a finished report.
    starts_on = timezone.localdate() - datetime.timedelta(days=20)
    agreement = agreements.agreement_create(
        actor=commissioner.user,
        programme=ProgrammeFactory(organisation=commissioner.organisation),
        provider=profile.organisation,
        title="A bespoke choir for people with COPD and asthma",
        kind="grant",
        value=Decimal(15000),
        starts_on=starts_on,
        ends_on=starts_on.replace(year=starts_on.year + 1) - datetime.timedelta(days=1),
        budget_lines=[BudgetLineInput("Choir leader", "variable", Decimal(15000))],
    )
    agreements.agreement_kpi_add(
        actor=commissioner.user,
        agreement=agreement,
        kpi=Kpi.objects.get(slug="participants-engaged"),
        minimum=Decimal(30),
        expected=Decimal(40),
        stretch=Decimal(50),
    )
    BidFactory(opportunity=live, lots=[live.lots.first()])
    job, _ = report_request(
        actor=commissioner.user,
        organisation=commissioner.organisation,
        kind="programme",
        target_id=live.programme_id,
        parameters=period_of(live.programme),
    )
    sign_in(page, commissioner.user.email, totp_secret=secret)
    for url in (
        agreement.get_absolute_url(),
        "/monitoring/",
        f"/commissioning/opportunities/{live.pk}/",
        f"/commissioning/opportunities/{live.pk}/criteria/",
        live.programme.get_absolute_url(),
        f"/reports/new/programme/{live.programme_id}/",
        job.get_absolute_url(),
        "/reports/",
    ):
        page.goto(url)
        assert_reflows(page)


# The checks themselves: each one fails on the fault it exists to find.


def test_the_checks_notice_hidden_focus_sideways_scrolling_and_clipped_text(page: Page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/accessibility/")
    assert_reflows(page)
    # The statement says how it was tested, as these tests do it.
    expect(page.locator("main")).to_contain_text("a 1280 pixel wide window zoomed to 200%")
    # Styles set through the CSSOM, which the CSP allows (it forbids only inline style).
    link = page.locator("main a").first
    link.evaluate(
        """a => ["outline", "box-shadow", "background"].forEach(
            property => a.style.setProperty(property, "none", "important"))"""
    )
    with pytest.raises(AssertionError, match="focus is not visible"):
        tab_to(page, link)

    heading = page.locator("h1")
    heading.evaluate("h => h.style.setProperty('white-space', 'nowrap')")
    with pytest.raises(AssertionError, match="scrolls sideways"):
        assert_reflows(page)
    page.locator("main").evaluate("m => m.style.setProperty('overflow-x', 'hidden')")
    with pytest.raises(AssertionError, match="text is clipped"):
        assert_reflows(page)
