"""The tender builder's main journey in a real browser, with axe-core on every page: a
commissioner drafts, checks and publishes an outcome-based opportunity; a provider finds it and
asks a question; the commissioner publishes the answer; the provider reads it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tenders.constants import QuestionStatus, Status
from tenders.models import Opportunity, Section
from tests.browser.conftest import AXE_SOURCE, check_accessibility
from tests.browser.test_account_journeys import _sign_in
from tests.conftest import totp_code, with_totp
from tests.factories import MembershipFactory, OrganisationFactory, ProgrammeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in_with_totp(page: Page, email: str, secret: str) -> None:
    _sign_in(page, email)
    expect(page.locator("input[name=code]")).to_be_visible()
    check_accessibility(page)
    page.fill("input[name=code]", totp_code(secret))
    page.get_by_role("button", name=re.compile("Sign in|Continue|Verify", re.I)).click()
    expect(page.locator(".app-organisation-bar")).to_contain_text("Kent County Council")


def _go(page: Page, name: str) -> None:
    """Follow a link by its text, then check the page it leads to."""
    page.get_by_role("link", name=name, exact=True).first.click()
    check_accessibility(page)


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    check_accessibility(page)


def test_commissioner_publishes_provider_asks_and_reads_the_answer(page: Page, browser):
    commissioner = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(commissioner=True, name="Kent County Council"),
        user__full_name="Alex Morgan",
    )
    secret = with_totp(commissioner.user)
    ProgrammeFactory(organisation=commissioner.organisation, name="Community wellbeing")
    provider = MembershipFactory(
        admin=True, organisation=OrganisationFactory(name="Thanet Tidal Dance")
    )
    today = timezone.localdate()

    # The commissioner signs in with their authenticator and creates a draft.
    _sign_in_with_totp(page, commissioner.user.email, secret)
    page.goto("/commissioning/opportunities/")
    check_accessibility(page)
    _go(page, "Create an opportunity")
    _submit(page, "Create draft")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title.")
    page.get_by_label("Community wellbeing").check()
    page.get_by_label("Title").fill("Arts for wellbeing in Thanet")
    page.get_by_label("Open procedure (Procurement Act 2023)").check()
    page.get_by_label("Total budget (£)").fill("600000")
    _submit(page, "Create draft")
    expect(page.locator("h1")).to_have_text("Arts for wellbeing in Thanet")
    opportunity = Opportunity.objects.get(title="Arts for wellbeing in Thanet")

    # Details and timeline: a bid window long enough for new providers.
    _go(page, "Details and timeline")
    page.get_by_label("Summary").fill(
        "Arts and cultural activities that help people in Thanet feel less lonely."
    )
    page.get_by_label("Largest bid you will accept (£, optional)").fill("900000")
    page.get_by_label("Closing date").fill((today + datetime.timedelta(days=70)).isoformat())
    page.get_by_label("Closing time").fill("12:00")
    page.get_by_label("Deadline for questions: date (optional)").fill(
        (today + datetime.timedelta(days=56)).isoformat()
    )
    page.get_by_label("A market-engagement event is held or planned").check()
    _submit(page, "Save details")
    expect(page.locator("#max_bid-error, #id_max_bid-error")).to_contain_text(
        "The maximum per bid cannot be more than the total budget."
    )
    page.get_by_label("Largest bid you will accept (£, optional)").fill("")
    _submit(page, "Save details")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("have been saved")

    # Two lots.
    _go(page, "Lots")
    for title, budget in (("Older people", "300000"), ("Young people", "300000")):
        _go(page, "Add a lot")
        page.get_by_label("Lot title").fill(title)
        page.get_by_label("Budget for this lot (£, optional)").fill(budget)
        page.get_by_label("Mental health").check()
        _submit(page, "Save lot")
    expect(page.locator(".govuk-summary-card__title")).to_have_text(
        ["Lot 1: Older people", "Lot 2: Young people"]
    )
    _go(page, "Back to the task list")

    # An outcome for people, not an activity.
    _go(page, "Outcomes for people")
    page.get_by_label("Outcome area").select_option(label="Mental health")
    page.get_by_label("The outcome for people").fill(
        "People connect to their communities and feel less lonely"
    )
    _submit(page, "Add outcome")
    expect(page.locator(".govuk-summary-list")).to_contain_text("feel less lonely")
    _go(page, "Back to the task list")

    # A section written with autosave and live preview, then a clause from the library.
    _go(page, "Background and need")
    body = page.get_by_label("Text of this section")
    body.fill("<p>Loneliness is rising in Thanet.</p><script>alert(1)</script>")
    expect(page.locator("#section-status")).to_contain_text("Saved at")
    expect(page.locator("#section-preview")).to_contain_text("Loneliness is rising in Thanet.")
    assert "script" not in page.locator("#section-preview").inner_html()
    assert Section.objects.get(opportunity=opportunity, key="background").body == (
        "<p>Loneliness is rising in Thanet.</p>"
    )
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("Next section")).click()
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("Next section")).click()
    expect(page.locator("h1")).to_have_text("Who may deliver")
    check_accessibility(page)
    page.get_by_label("Text of this section").fill("<p>We welcome new providers.</p>")
    # Keyboard: reach the clause's Insert button and press it.
    insert = page.get_by_role(
        "button", name="Insert “Delivery network that names arts and cultural organisations”"
    )
    insert.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_accessibility(page)
    expect(page.get_by_label("Text of this section")).to_have_value(
        re.compile(r"^<p>We welcome new providers")
    )
    expect(page.get_by_label("Text of this section")).to_have_value(
        re.compile("arts and cultural activities")
    )
    _go(page, "Back to the task list")

    # Weights that total 100%.
    _go(page, "Assessment criteria and pass/fail gates")
    for kind, title, weight in (
        ("Quality", "How you will reach lonely people", "60"),
        ("Price or cost", "Price", "30"),
        ("Social value", "Social value", "10"),
    ):
        _go(page, "Add a criterion")
        page.get_by_label(kind, exact=True).check()
        page.get_by_label("Criterion or question").fill(title)
        page.get_by_label("Weight (%)").fill(weight)
        _submit(page, "Save criterion")
    expect(page.locator("tfoot").first).to_contain_text("Totals 100%")
    _go(page, "Back to the task list")

    # The inclusion check finds no arts KPI; the commissioner follows the link and fixes it.
    _go(page, "Inclusion check")
    expect(page.locator("main")).to_contain_text(
        "No KPI counts access to arts or cultural activity"
    )
    _go(page, "Add the KPI (no kpi counts access to arts or cultural activity)")
    page.get_by_label("KPI").select_option(
        label="Number of people supported to access arts or cultural groups/activities"
    )
    page.get_by_label("Target (optional)").fill("400 people a year")
    _submit(page, "Add KPI")
    _go(page, "Back to the task list")
    expect(page.locator("main")).not_to_contain_text(
        "No KPI counts access to arts or cultural activity"
    )

    # Publish.
    _go(page, "Publish")
    _submit(page, "Publish")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been published")
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.version) == (Status.PUBLISHED, 1)

    # A provider, in another browser, finds it and asks a question.
    context = browser.new_context(base_url=page.url.split("/commissioning")[0], locale="en-GB")
    other = context.new_page()
    other.add_init_script(path=str(AXE_SOURCE))
    other.set_default_timeout(10_000)
    _sign_in(other, provider.user.email)
    other.goto("/opportunities/")
    check_accessibility(other)
    search = other.get_by_label("Search")
    search.focus()
    other.keyboard.type("wellbeing")
    with other.expect_navigation():
        other.keyboard.press("Enter")
    check_accessibility(other)
    expect(other.locator("main")).to_contain_text("Closes in 70 days")
    _go(other, "Arts for wellbeing in Thanet")
    expect(other.locator("main")).to_contain_text("People connect to their communities")
    assert "alert(1)" not in other.content()
    other.get_by_label("Your question").fill("Can two dance companies bid together for one lot?")
    _submit(other, "Send question")
    expect(other.locator(".govuk-notification-banner")).to_contain_text("has been sent")
    expect(other.locator("#your-questions + .govuk-summary-card")).to_contain_text(
        "Waiting for an answer"
    )

    # The commissioner answers and publishes it, without saying who asked.
    page.goto(f"/commissioning/opportunities/{opportunity.pk}/")
    check_accessibility(page)
    _go(page, "Clarification questions (1 waiting)")
    _go(page, "Can two dance companies bid together for one lot?")
    page.get_by_label("The question as it will be published").fill(
        "Can two organisations bid together for one lot?"
    )
    answer = page.get_by_label("Your answer")
    answer.focus()
    page.keyboard.type("Yes. Consortium bids are welcome; one organisation leads.")
    page.get_by_role("button", name="Send answer").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_accessibility(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("published to everyone")

    # The provider sees the published answer.
    other.reload()
    check_accessibility(other)
    answers = other.locator("#questions ~ div").first
    expect(answers).to_contain_text("Can two organisations bid together for one lot?")
    expect(answers).to_contain_text("Consortium bids are welcome")
    assert opportunity.questions.get().status == QuestionStatus.PUBLISHED

    # The printable specification.
    other.goto(f"/opportunities/{opportunity.pk}/specification/")
    check_accessibility(other)
    expect(other.locator("h1")).to_have_text("Arts for wellbeing in Thanet")
    expect(other.get_by_role("button", name="Print this page")).to_be_visible()
    context.close()


def test_every_other_opportunity_page_passes_axe_and_conflicts_keep_typed_text(page: Page):
    from decimal import Decimal  # noqa: PLC0415

    from tenders.services import drafting, engagement  # noqa: PLC0415
    from tests.providers.conftest import make_profile  # noqa: PLC0415
    from tests.tenders.conftest import build_opportunity  # noqa: PLC0415

    commissioner = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(commissioner=True, name="Kent County Council"),
    )
    secret = with_totp(commissioner.user)
    colleague = MembershipFactory(
        organisation=commissioner.organisation, user__full_name="Sam Patel"
    )
    draft = build_opportunity(commissioner, route="psr_competitive", publishable=False)
    drafting.lot_save(actor=commissioner.user, opportunity=draft, title="Dementia")
    drafting.gate_save(actor=commissioner.user, opportunity=draft, title="Insurance")
    live = build_opportunity(commissioner)
    from tenders.services import lifecycle  # noqa: PLC0415

    lifecycle.opportunity_publish(actor=commissioner.user, opportunity=live)
    live.refresh_from_db()
    provider = MembershipFactory(admin=True, organisation=OrganisationFactory(name="Stroud Arts"))
    make_profile("Thanet Tidal Dance", outcomes=("Mental health",))
    question = engagement.question_ask(
        actor=provider.user,
        opportunity=live,
        organisation=provider.organisation,
        text="May we explain our pricing in confidence?",
        sensitive=True,
    )
    _sign_in_with_totp(page, commissioner.user.email, secret)

    d, p = draft.pk, live.pk
    lot = draft.lots.get()
    for url in (
        "/commissioning/opportunities/",
        f"/commissioning/opportunities/{d}/",
        f"/commissioning/opportunities/{d}/details/",
        f"/commissioning/opportunities/{d}/lots/{lot.pk}/",
        f"/commissioning/opportunities/{d}/lots/{lot.pk}/delete/",
        f"/commissioning/opportunities/{d}/outcomes/",
        f"/commissioning/opportunities/{d}/kpis/",
        f"/commissioning/opportunities/{d}/criteria/",
        f"/commissioning/opportunities/{d}/criteria/new/",
        f"/commissioning/opportunities/{d}/gates/new/",
        f"/commissioning/opportunities/{d}/inclusion-check/",
        f"/commissioning/opportunities/{d}/publish/",
        f"/commissioning/opportunities/{d}/status/cancel/",
        f"/commissioning/opportunities/{d}/invitations/",
        f"/opportunities/{d}/",
        f"/commissioning/opportunities/{p}/",
        f"/commissioning/opportunities/{p}/amend/",
        f"/commissioning/opportunities/{p}/versions/",
        f"/commissioning/opportunities/{p}/status/withdraw/",
        f"/commissioning/opportunities/{p}/questions/",
        f"/commissioning/opportunities/{p}/questions/{question.pk}/",
        f"/commissioning/opportunities/{p}/invitations/",
        f"/opportunities/{p}/specification/",
        "/opportunities/?q=nothing+matches+this",
    ):
        page.goto(url)
        check_accessibility(page)

    # Errors on the publish page and in a form with radios and a reason.
    page.goto(f"/commissioning/opportunities/{d}/criteria/")
    page.get_by_role("button", name="Add the key criterion “Quality and innovation”").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("at 20%")
    check_accessibility(page)
    page.goto(f"/commissioning/opportunities/{d}/publish/")
    expect(page.locator(".govuk-error-summary")).to_contain_text("they must total exactly 100%")
    check_accessibility(page)
    page.goto(f"/commissioning/opportunities/{p}/questions/{question.pk}/")
    page.get_by_label("Your answer").fill("Yes, by email.")
    page.get_by_label(re.compile("Only the organisation that asked")).check()
    _submit(page, "Send answer")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reason")

    # Autosave meets a colleague's save: it stops, shows theirs, and keeps what was typed.
    page.goto(f"/commissioning/opportunities/{d}/sections/timeline/")
    section = Section.objects.get(opportunity=draft, key="timeline")
    drafting.section_save(
        actor=colleague.user,
        opportunity=draft,
        key="timeline",
        body="<p>Their timeline.</p>",
        revision=section.revision,
    )
    page.get_by_label("Text of this section").fill("<p>My timeline.</p>")
    expect(page.locator("#section-status")).to_contain_text("Not saved")
    expect(page.locator("#section-conflict")).to_contain_text("Their timeline.")
    expect(page.get_by_label("Text of this section")).to_have_value("<p>My timeline.</p>")
    check_accessibility(page)
    page.get_by_label("Text of this section").press("End")
    page.keyboard.type(" More.")
    page.wait_for_timeout(2000)
    assert Section.objects.get(pk=section.pk).body == "<p>Their timeline.</p>"
    _submit(page, "Save")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been saved")
    assert Section.objects.get(pk=section.pk).body == "<p>My timeline.</p> More."

    # Without autosave (a plain form post), a stale save shows the conflict page.
    page.goto(f"/commissioning/opportunities/{d}/sections/how_to_bid/")
    section = Section.objects.get(opportunity=draft, key="how_to_bid")
    drafting.section_save(
        actor=colleague.user,
        opportunity=draft,
        key="how_to_bid",
        body="<p>Apply on paper.</p>",
        revision=section.revision,
    )
    page.evaluate("document.getElementById('section-autosave').remove()")
    page.get_by_label("Text of this section").fill("<p>Apply online.</p>")
    _submit(page, "Save")
    expect(page.locator("h2#their-version + .govuk-inset-text")).to_contain_text("Apply on paper.")
    expect(page.get_by_label("Text of this section")).to_have_value("<p>Apply online.</p>")
    assert Section.objects.get(pk=section.pk).body == "<p>Apply on paper.</p>"
    assert Decimal(draft.criteria.get(title="Quality and innovation").weight) == 20
