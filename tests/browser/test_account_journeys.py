"""The foundation's journeys in a real browser, with axe-core on every page."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import Membership, Organisation
from tests.browser.conftest import AXE_SOURCE, check_accessibility
from tests.conftest import totp_code, with_totp
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _link_in_last_email(to: str, pattern: str) -> str:
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(pattern, message.body).group(0)


def _sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    check_accessibility(page)
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Sign in").click()


def test_provider_signs_up_creates_organisation_and_invites_a_colleague(page: Page, browser):
    mail.outbox.clear()
    page.goto("/")
    check_accessibility(page)
    page.get_by_role("link", name="Create an account").first.click()
    check_accessibility(page)

    # A weak password is refused with a clear message and nothing is created.
    page.fill("input[name=email]", "alex@thanet-dance.example.org")
    page.fill("input[name=password1]", "password1234")
    page.fill("input[name=password2]", "password1234")
    page.get_by_role("button", name=re.compile("Create (an )?account", re.I)).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("This password is too common")
    check_accessibility(page)

    page.fill("input[name=password1]", "tidal-dance-for-parkinsons")
    page.fill("input[name=password2]", "tidal-dance-for-parkinsons")
    page.get_by_role("button", name=re.compile("Create (an )?account", re.I)).click()
    expect(page.locator("h1")).to_contain_text(re.compile("email", re.I))
    check_accessibility(page)

    confirm = _link_in_last_email("alex@thanet-dance.example.org", r"http://\S+/confirm-email/\S+/")
    page.goto(confirm)
    check_accessibility(page)
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    check_accessibility(page)

    page.goto("/organisations/new/")
    check_accessibility(page)
    page.get_by_role("button", name=re.compile("Create|Save", re.I)).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Organisation name").fill("Thanet Tidal Dance")
    page.locator("select[name=type]").select_option("arts_cultural")
    page.fill("input[name=charity_number]", "1123456")
    page.fill("input[name=postcode]", "ct9 1ab")
    page.get_by_role("button", name=re.compile("Create|Save", re.I)).click()
    expect(page.locator("h1")).to_have_text("Thanet Tidal Dance")
    expect(page.locator("body")).to_contain_text("GB-CHC-1123456")
    check_accessibility(page)
    organisation = Organisation.objects.get(name="Thanet Tidal Dance")

    colleague = UserFactory(email="sam@thanet-dance.example.org")
    page.get_by_role("link", name=re.compile("Invite", re.I)).first.click()
    check_accessibility(page)
    page.fill("input[name=email]", colleague.email)
    page.get_by_label("Member", exact=True).check()
    page.get_by_role("button", name=re.compile("invitation", re.I)).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(colleague.email)
    check_accessibility(page)

    invitation_link = _link_in_last_email(colleague.email, r"http://\S+/invitations/\S+/")
    context = browser.new_context(base_url=page.url.split("/organisations")[0])
    other = context.new_page()
    other.add_init_script(path=str(AXE_SOURCE))
    _sign_in(other, colleague.email)
    other.goto(invitation_link)
    check_accessibility(other)
    other.get_by_role("button", name=re.compile("Accept", re.I)).click()
    expect(other.locator("h1")).to_have_text("Thanet Tidal Dance")
    check_accessibility(other)
    context.close()

    assert set(
        Membership.objects.filter(organisation=organisation).values_list("user__email", "role")
    ) == {("alex@thanet-dance.example.org", "admin"), (colleague.email, "member")}


def test_commissioner_signs_in_with_totp(page: Page):
    membership = MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Kent County Council")
    )
    secret = with_totp(membership.user)

    _sign_in(page, membership.user.email)
    expect(page.locator("input[name=code]")).to_be_visible()
    check_accessibility(page)
    page.fill("input[name=code]", "000000")
    page.get_by_role("button", name=re.compile("Sign in|Continue|Verify", re.I)).click()
    expect(page.locator(".govuk-error-summary, .govuk-error-message").first).to_be_visible()
    check_accessibility(page)

    code = totp_code(secret)
    page.fill("input[name=code]", code)
    page.get_by_role("button", name=re.compile("Sign in|Continue|Verify", re.I)).click()
    expect(page.locator("body")).to_contain_text("Kent County Council")
    expect(page.get_by_role("link", name=re.compile("Create a programme", re.I))).to_be_visible()
    check_accessibility(page)


def test_commissioner_without_mfa_is_asked_to_set_it_up(page: Page):
    membership = MembershipFactory(organisation=OrganisationFactory(commissioner=True))

    _sign_in(page, membership.user.email)

    # allauth asks for the password again before an authenticator can be added.
    expect(page).to_have_url(re.compile("/accounts/reauthenticate/"))
    check_accessibility(page)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=re.compile("Confirm|Continue", re.I)).click()
    expect(page).to_have_url(re.compile("/accounts/2fa/totp/activate/"))
    expect(page.locator("body")).to_contain_text("two-factor authentication")
    expect(page.locator("img[src^='data:']").first).to_be_visible()
    check_accessibility(page)
    page.goto("/programmes/")
    expect(page).to_have_url(re.compile("/accounts/2fa/totp/activate/"))

    # Set up the authenticator with the key shown on the page, as an app would.
    secret = page.locator("#authenticator-secret").inner_text().replace(" ", "").strip()
    code = totp_code(secret)
    page.fill("input[name=code]", code)
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    # Wait for the form's own navigation to finish before going anywhere else.
    expect(page).not_to_have_url(re.compile("/accounts/2fa/totp/activate/"))
    check_accessibility(page)
    page.goto("/programmes/")
    expect(page.locator("h1")).to_contain_text("Programmes")
    check_accessibility(page)


def test_someone_from_another_organisation_is_refused(page: Page):
    theirs = MembershipFactory(admin=True, organisation=OrganisationFactory(name="Stroud Arts"))
    outsider = MembershipFactory(admin=True).user

    _sign_in(page, outsider.email)
    response = page.goto(f"/organisations/{theirs.organisation_id}/")

    assert response.status == 404
    expect(page.locator("h1")).to_contain_text(re.compile("not found|Page not found", re.I))
    expect(page.locator("body")).not_to_contain_text("Stroud Arts")
    check_accessibility(page)
    response = page.goto(f"/organisations/{theirs.organisation_id}/invite/")
    assert response.status == 404


def test_pages_work_at_phone_width_and_by_keyboard(phone_page: Page):
    user = MembershipFactory(admin=True).user
    page = phone_page

    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    expect(page.locator(".govuk-skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_be_visible()
    check_accessibility(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320


def test_person_downloads_their_data_then_erases_their_account(page: Page):
    membership = MembershipFactory(admin=True, user__email="sam@stroud-arts.example.org")
    _sign_in(page, membership.user.email)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto("/accounts/email/")
    page.get_by_role("link", name="Your data").click()
    expect(page.locator("h1")).to_have_text("Your data")
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data").click()
    assert download.value.suggested_filename == "your-data.json"
    assert "sam@stroud-arts.example.org" in download.value.path().read_text()

    page.get_by_role("link", name="Erase your account").first.click()
    check_accessibility(page)
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Erase my account").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The password is not right")
    expect(page.locator(".govuk-error-summary")).to_contain_text("cannot be restored")
    check_accessibility(page)

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Erase my account").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been erased")
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    check_accessibility(page)
    assert Membership.objects.filter(pk=membership.pk).count() == 0
