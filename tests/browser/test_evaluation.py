"""Assessment panels in a real browser, with axe-core on every page: a patient member accepts
the invitation, declares conflicts and scores two bids on a 320px phone; the chair moderates a
flagged bid; the commissioner runs the funding line and sends the letters; an applicant reads
their letter."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import Page, expect

from evaluation.constants import PanelRole
from evaluation.models import Assignment, Consensus, Declaration, Letter
from evaluation.services import moderation, panels
from tests.browser.conftest import check_accessibility
from tests.browser.test_account_journeys import _sign_in
from tests.conftest import with_totp
from tests.evaluation.conftest import closed_call, declare_all, make_panel, score_all, seat
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

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


def _go(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).first.click()
    check_accessibility(page)


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    check_accessibility(page)


def _fits_the_screen(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_patient_accepts_declares_and_scores_two_bids_on_a_phone(phone_page: Page):
    page = phone_page
    commissioner, _ = _commissioner()
    call = closed_call(commissioner, amounts=["12000", "9000", "15000"])
    panel = make_panel(call, comment_min_length=10)
    seat(panel, PanelRole.CHAIR)
    patient = UserFactory(email="pat@example.org", full_name="Pat Green")
    mail.outbox.clear()
    panels.member_invite(
        actor=call.user, panel=panel, email="pat@example.org", full_name="Pat Green", role="patient"
    )
    link = re.search(r"http\S+/panels/join/\S+/", mail.outbox[-1].body).group(0)

    # The invitation link asks them to sign in first; then they accept.
    page.goto(link)
    check_accessibility(page)
    expect(page.locator("h1")).to_contain_text("You have been invited")
    _sign_in(page, patient.email)
    page.goto(link)
    check_accessibility(page)
    _submit(page, "Accept and join the panel")
    expect(page.locator("h1")).to_have_text("Briefing and training")
    _fits_the_screen(page)
    panels.panel_open_scoring(actor=call.user, panel=panel)

    # Conflicts first: no bid can be opened before declaring.
    _go(page, "Go to the bids")
    expect(page.get_by_role("link", name=re.compile("^Score"))).to_have_count(0)
    for bid in call.bids[:2]:
        _go(page, f"Declare for {bid.organisation.name}")
        page.get_by_label("No conflict").check()
        _submit(page, "Save declaration")
    _go(page, f"Declare for {call.bids[2].organisation.name}")
    page.get_by_label("Perceived conflict").check()
    _submit(page, "Save declaration")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what the conflict is")
    page.get_by_label("What is the conflict?").fill("I volunteer at their Tuesday choir.")
    _submit(page, "Save declaration")
    expect(page.locator("#main-content")).to_contain_text("Waiting for the chair")

    # Score the first bid: a draft, then submit.
    for index, bid in enumerate(call.bids[:2]):
        _go(page, f"Score {bid.title}")
        _fits_the_screen(page)
        expect(page.locator("#main-content")).to_contain_text(f"Answer {index + 1} to Price.")
        for criterion in call.opportunity.criteria.all():
            page.locator(f"input[name='score_{criterion.pk}'][value='{4 - index}']").check()
            page.locator(f"textarea[name='comment_{criterion.pk}']").fill(
                "Clear plan, with evidence from earlier sessions."
            )
        if index == 0:
            _submit(page, "Save draft")
            expect(page.locator(".govuk-notification-banner")).to_contain_text("draft")
        _submit(page, "Submit scores")
        expect(page.locator(".govuk-notification-banner")).to_contain_text("submitted")
        _go(page, "Back to the panel")

    assert Declaration.objects.filter(member__user=patient).count() == 3
    assert Assignment.objects.filter(member__user=patient, submitted_at__isnull=False).count() == 2


def _moderation_ready(commissioner):
    call = closed_call(commissioner, amounts=["12000", "9000", "15000"])
    panel = make_panel(call)
    chair = seat(panel, PanelRole.CHAIR, user=UserFactory(full_name="Chris Chair"))
    patient = seat(panel, PanelRole.PATIENT)
    clinician = seat(panel, PanelRole.CLINICIAN)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    for member in (chair, patient, clinician):
        declare_all(member, call.bids)
    for bid, value in zip(call.bids, ("4", "5", "3"), strict=True):
        score_all(chair, bid, value)
        score_all(patient, bid, "1" if bid == call.bids[0] else value)
        score_all(clinician, bid, value)
    panels.panel_start_moderation(actor=chair.user, panel=panel)
    return call, panel, chair


def test_chair_moderates_a_flagged_bid_and_records_consensus(page: Page):
    commissioner, _ = _commissioner()
    call, panel, chair = _moderation_ready(commissioner)
    flagged = call.bids[0]

    _sign_in(page, chair.user.email)
    page.goto(f"/panels/{panel.pk}/")
    check_accessibility(page)
    _go(page, "Moderation")
    row = page.locator("tr", has_text=flagged.title)
    expect(row).to_contain_text("3 to discuss")
    _go(page, flagged.title)
    expect(page.locator("table")).to_contain_text("Discuss")
    _submit(page, "Save consensus scores")
    expect(page.locator(".govuk-error-summary")).to_contain_text("at least one criterion")
    for criterion in call.opportunity.criteria.all():
        page.locator(f"input[name='score_{criterion.pk}'][value='3']").check()
    page.locator(f"textarea[name='rationale_{call.opportunity.criteria.first().pk}']").fill("")
    _submit(page, "Save consensus scores")
    expect(page.locator(".govuk-error-summary")).to_contain_text("rationale")
    for criterion in call.opportunity.criteria.all():
        page.locator(f"textarea[name='rationale_{criterion.pk}']").fill(
            "The patient's view of access moved the panel to a middle score."
        )
    _submit(page, "Save consensus scores")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")
    expect(page.locator("table")).to_contain_text("60.00%")
    assert Consensus.objects.filter(bid=flagged).count() == 3


def test_commissioner_runs_the_funding_line_sends_letters_and_applicant_reads_one(page: Page):
    commissioner, secret = _commissioner()
    call, panel, chair = _moderation_ready(commissioner)
    panels.panel_update_plan(actor=call.user, panel=panel, budget=21000)
    for bid, value in zip(call.bids, ("4", "5", "3"), strict=True):
        for criterion in call.opportunity.criteria.all():
            moderation.consensus_record(
                actor=chair.user,
                panel=panel,
                bid=bid,
                criterion=criterion,
                value=value,
                rationale=f"Agreed {value}.",
            )

    _sign_in(page, commissioner.user.email)
    page.fill("input[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.get_by_role("button", name=re.compile("Sign in|Continue|Verify", re.I)).click()
    expect(page.locator(".app-organisation-bar")).to_contain_text("NHS Gloucestershire ICB")
    _go(page, "Panels")
    _go(page, panel.name)
    _go(page, "Funding line and decisions")
    # 9,000 (ranked first) is funded; 12,000 (second) fits the 12,000 left; 15,000 does not.
    expect(page.locator("#main-content")).to_contain_text("£21,000")
    expect(page.locator("tr", has_text=call.bids[2].title)).to_contain_text("Reserve")
    _submit(page, "Record the proposal as decisions")
    _go(page, "Send decision letters")
    expect(page.locator("h1")).to_have_text("Send the decision letters?")
    _submit(page, "Send letters")
    expect(page.locator("h1")).to_have_text("Letters, standstill and awards")
    assert Letter.objects.filter(panel=panel).count() == 3

    # An applicant reads their letter in their account: consensus and reasons, no members.
    page.context.clear_cookies()
    applicant = call.bids[2].organisation.memberships.first().user
    _sign_in(page, applicant.email)
    _go(page, "Decision letters")
    _go(page, f"Decision on your bid: {call.opportunity.title}")
    expect(page.locator(".govuk-panel")).to_contain_text("Reserve")
    expect(page.locator("#main-content")).to_contain_text("Agreed 3.")
    expect(page.locator("#main-content")).not_to_contain_text(chair.full_name)
