"""The provider directory's journeys in a real browser, with axe-core on every page."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from commissioning.models import Area, ArtForm, OutcomeArea
from providers.models import ProviderProfile, ShortlistEntry
from tests.browser.conftest import check_accessibility
from tests.conftest import totp_code, with_totp
from tests.factories import (
    PDF_BYTES,
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    ProviderProfileFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in(page: Page, email: str, *, totp_secret: str | None = None) -> None:
    page.goto("/accounts/login/")
    check_accessibility(page)
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "a-long-test-password-42")
    page.get_by_role("button", name="Sign in").click()
    if totp_secret:
        expect(page.locator("input[name=code]")).to_be_visible()
        check_accessibility(page)
        page.fill("input[name=code]", totp_code(totp_secret))
        page.get_by_role("button", name=re.compile("Sign in|Continue|Verify", re.I)).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    check_accessibility(page)


def _listed(name: str, summary: str, *, art_forms: list[str], areas: list[str]) -> ProviderProfile:
    return ProviderProfileFactory(
        listed=True,
        organisation=OrganisationFactory(name=name),
        summary=summary,
        art_forms=ArtForm.objects.filter(slug__in=art_forms),
        outcome_areas=OutcomeArea.objects.filter(slug="wellbeing"),
        areas_served=Area.objects.filter(name__in=areas),
    )


def test_provider_completes_a_profile_section_by_section_and_lists_it(page: Page):
    membership = MembershipFactory(
        admin=True, organisation=OrganisationFactory(name="Thanet Tidal Dance")
    )
    _sign_in(page, membership.user.email)

    page.get_by_role("link", name="Your profile").click()
    expect(page.locator("h1")).to_have_text("Your directory profile")
    expect(page.locator("body")).to_contain_text("Not listed")
    check_accessibility(page)

    # About: a mistake is explained, then put right.
    page.get_by_role("link", name="About your organisation", exact=True).click()
    check_accessibility(page)
    page.get_by_label("Summary").fill("Contemporary dance for people living with dementia.")
    page.get_by_label("Year founded (optional)").fill("3000")
    page.get_by_role("button", name="Save and return to your profile").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be a real year")
    check_accessibility(page)
    page.get_by_label("Year founded (optional)").fill("2009")
    page.locator("select[name=legal_form]").select_option("cio")
    page.get_by_label("1 to 9", exact=True).first.check()
    page.get_by_label("Safeguarding lead (optional)").fill("Sam Patel")
    page.get_by_role("button", name="Save and return to your profile").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("have been saved")
    check_accessibility(page)

    page.get_by_role("link", name="Contact person", exact=True).click()
    check_accessibility(page)
    page.get_by_label("Contact person's full name").fill("Alex Morgan")
    page.get_by_label("Their email address").fill("alex@thanet-dance.example.org")
    page.get_by_role("button", name="Save and return to your profile").click()
    check_accessibility(page)

    page.get_by_role("link", name="What you do", exact=True).click()
    check_accessibility(page)
    page.get_by_label("Dance", exact=True).check()
    page.get_by_label("Wellbeing", exact=True).check()
    page.get_by_label("People living with dementia", exact=True).check()
    page.get_by_label("Care homes", exact=True).check()
    page.get_by_role("button", name="Save and return to your profile").click()
    check_accessibility(page)

    page.get_by_role("link", name="Where you work", exact=True).click()
    check_accessibility(page)
    page.locator("summary", has_text="South East").click()
    page.get_by_label("Thanet", exact=True).check()
    page.get_by_role("button", name="Save and return to your profile").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("areas you work in")
    check_accessibility(page)

    page.get_by_role("link", name="Activities", exact=True).click()
    check_accessibility(page)
    page.get_by_role("link", name="Add an activity").click()
    check_accessibility(page)
    page.get_by_label("Name of the activity").fill("Dance for dementia")
    page.get_by_label("What happens").fill("Weekly seated dance in care homes, 90 minutes.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-summary-card__title")).to_have_text("Dance for dementia")
    check_accessibility(page)
    page.get_by_role("link", name="Return to your profile").click()

    page.get_by_role("link", name="Documents", exact=True).click()
    check_accessibility(page)
    page.get_by_role("link", name="Upload a document").click()
    check_accessibility(page)
    page.get_by_label("Public liability insurance").check()
    page.get_by_label("Upload the document").set_input_files(
        files=[{"name": "insurance.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_label("Expiry date (optional)").fill("2099-03-31")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("table")).to_contain_text("Public liability insurance")
    check_accessibility(page)
    page.get_by_role("link", name="Return to your profile").click()

    page.get_by_role("button", name="List in the directory").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("now listed")
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Listed")
    check_accessibility(page)

    page.get_by_role("link", name="Directory", exact=True).click()
    expect(page.locator("#results")).to_contain_text("Thanet Tidal Dance")
    check_accessibility(page)
    profile = ProviderProfile.objects.get(organisation=membership.organisation)
    assert profile.is_listed is True
    assert profile.contact_name == "Alex Morgan"
    assert list(profile.areas_served.values_list("name", flat=True)) == ["Thanet"]


def test_member_of_the_public_searches_with_a_facet_and_opens_a_profile(page: Page):
    medway = _listed(
        "Medway Movers",
        "Dance classes for older people in Medway.",
        art_forms=["dance"],
        areas=["Medway"],
    )
    ActivityFactory(profile=medway, name="Tea dance", description="Monthly tea dance.")
    _listed(
        "Swale Steps",
        "Dance for children in Swale.",
        art_forms=["dance"],
        areas=["Swale"],
    )
    _listed(
        "Margate Players",
        "Community theatre in Thanet.",
        art_forms=["theatre"],
        areas=["Thanet"],
    )

    page.goto("/")
    check_accessibility(page)
    page.get_by_role("link", name="Directory").click()
    expect(page.locator("h1")).to_have_text("Find arts and cultural organisations")
    expect(page.locator("#results-count")).to_have_text("3 providers")
    check_accessibility(page)

    page.get_by_label("Search", exact=True).fill("danc")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#results-count")).to_have_text("2 providers")
    check_accessibility(page)

    page.get_by_label(re.compile(r"^Medway \(1\)")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results-count")).to_have_text("1 provider")
    expect(page.locator("#results")).not_to_contain_text("Swale Steps")
    check_accessibility(page)

    page.get_by_role("link", name="Medway Movers").click()
    expect(page.locator("h1")).to_have_text("Medway Movers")
    expect(page.locator("body")).to_contain_text("Tea dance")
    expect(page.locator("body")).not_to_contain_text("Documents")
    check_accessibility(page)


def test_commissioner_builds_a_shortlist_from_search_results_and_downloads_it(page: Page):
    membership = MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Kent County Council")
    )
    secret = with_totp(membership.user)
    _listed(
        "Medway Movers",
        "Dance classes for older people in Medway.",
        art_forms=["dance"],
        areas=["Medway"],
    )
    _listed(
        '=HYPERLINK("http://evil.example")',
        "Dance everywhere.",
        art_forms=["dance"],
        areas=["Medway"],
    )
    _listed("Margate Players", "Community theatre.", art_forms=["theatre"], areas=["Thanet"])

    _sign_in(page, membership.user.email, totp_secret=secret)

    page.get_by_role("link", name="Shortlists").click()
    check_accessibility(page)
    page.get_by_role("link", name="Create a shortlist").first.click()
    check_accessibility(page)
    page.get_by_role("button", name="Create shortlist").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the shortlist")
    check_accessibility(page)
    page.get_by_label("Name of the shortlist").fill("Dementia-friendly dance")
    page.get_by_role("button", name="Create shortlist").click()
    expect(page.locator("h1")).to_have_text("Dementia-friendly dance")
    check_accessibility(page)

    page.get_by_role("link", name="Directory", exact=True).click()
    page.get_by_label("Dance (2)").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results-count")).to_have_text("2 providers")
    expect(page.locator("body")).to_contain_text("Support these providers would like")
    check_accessibility(page)
    for button in page.get_by_role(
        "button", name=re.compile("^Add to Dementia-friendly dance")
    ).all():
        button.click()
    expect(page.locator("#results [role=status]")).to_have_count(2)
    check_accessibility(page)

    with page.expect_download() as search_download:
        page.get_by_role("link", name="Download these results (CSV)").click()
    search_rows = list(
        csv.reader(io.StringIO(Path(search_download.value.path()).read_text("utf-8-sig")))
    )
    assert sorted(row[0] for row in search_rows[1:]) == sorted(
        ['\'=HYPERLINK("http://evil.example")', "Medway Movers"]
    )

    page.get_by_role("link", name=re.compile("See the shortlist")).first.click()
    expect(page.locator("table")).to_contain_text("Medway Movers")
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this shortlist (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))

    assert ShortlistEntry.objects.count() == 2
    assert rows[0][0] == "Name"
    assert sorted(row[0] for row in rows[1:]) == sorted(
        ['\'=HYPERLINK("http://evil.example")', "Medway Movers"]
    )
