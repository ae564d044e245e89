"""Market-engagement events in a real browser, with axe-core on every page: a commissioner
creates an event and invites matching providers; a provider registers, writes a profile,
finds a partner on the board and messages them; a guest registers and confirms by email;
check-in on a phone; the commissioner publishes materials and everyone registered sees them."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from engagement.constants import Attendance, RegistrationStatus
from engagement.models import Event, EventInvitation, Registration
from engagement.services import events, profiles, registrations
from tenders.models import Interest
from tenders.services import lifecycle
from tests.browser.conftest import AXE_SOURCE, check_accessibility
from tests.browser.test_account_journeys import _sign_in
from tests.browser.test_tender_builder import _sign_in_with_totp
from tests.conftest import with_totp
from tests.engagement.conftest import make_event
from tests.engagement.factories import RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory, ProgrammeFactory
from tests.providers.conftest import make_profile
from tests.tenders.conftest import build_opportunity

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _go(page: Page, name: str) -> None:
    """Follow a link by its text, then check the page it leads to."""
    page.get_by_role("link", name=name, exact=True).first.click()
    check_accessibility(page)


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    check_accessibility(page)


def _banner(page: Page):
    return page.locator(".govuk-notification-banner")


def _another_browser(browser, page: Page) -> Page:
    base_url = re.match(r"https?://[^/]+", page.url).group(0)
    context = browser.new_context(base_url=base_url, locale="en-GB")
    other = context.new_page()
    other.add_init_script(path=str(AXE_SOURCE))
    other.set_default_timeout(10_000)
    return other


@pytest.fixture
def kent():
    membership = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(commissioner=True, name="Kent County Council"),
        user__full_name="Jo Marsh",
    )
    return membership, with_totp(membership.user)


def test_commissioner_creates_an_event_and_invites_matching_providers(page: Page, kent):
    commissioner, secret = kent
    ProgrammeFactory(organisation=commissioner.organisation, name="Community wellbeing")
    matching = make_profile(
        "Thanet Tidal Dance", art_forms=("Dance",), outcomes=("Wellbeing",), areas=("E10000016",)
    )
    make_profile("Stroud Valleys Arts", areas=("E10000013",))
    mail.outbox.clear()

    _sign_in_with_totp(page, commissioner.user.email, secret)
    page.goto("/events/")
    check_accessibility(page)
    _go(page, "Your organisation's events")
    expect(page.locator("main")).to_contain_text("has not run any events here yet")
    _go(page, "Create an event")

    # Bad input is refused with a clear message, and nothing is saved.
    _submit(page, "Save draft")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose what kind of event it is.")
    assert Event.objects.count() == 0
    day = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Market engagement or pre-procurement").check()
    page.get_by_label("Title", exact=True).fill("Community wellbeing: market engagement")
    page.get_by_label("What is the event for, and who should come?").fill(
        "Hear about the tender and meet potential partners. Arts organisations are welcome."
    )
    page.get_by_label("Programme (optional)").select_option(label="Community wellbeing")
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("09:00")
    page.get_by_label("Venue (optional if the event is online)").fill("Turner Contemporary")
    page.get_by_label("Venue postcode (optional)").fill("CT9 1HG")
    page.get_by_label("Accessibility of the venue (optional)").fill("Step-free throughout.")
    page.get_by_label("Number of places (optional)").fill("80")
    _submit(page, "Save draft")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The event must end after it starts."
    )
    page.get_by_label("End time").fill("15:30")
    _submit(page, "Save draft")
    expect(page.locator("h1")).to_have_text("Community wellbeing: market engagement")
    expect(_banner(page)).to_contain_text("has been saved as a draft")

    # Who the event is for finds the providers to invite, as the tender builder does.
    _go(page, "Who the event is for: outcome areas, art forms and areas")
    page.get_by_label("Wellbeing").check()
    page.get_by_label("Areas (optional)").select_option(label="Kent")
    _submit(page, "Save and find providers")
    expect(page.locator("h1")).to_have_text("Personal invitations")
    expect(page.locator("main")).to_contain_text("1 listed provider in the directory matches")
    expect(page.locator("main")).not_to_contain_text("Stroud Valleys Arts")
    _submit(page, "Send invitations")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose at least one provider to invite."
    )
    page.get_by_label("Thanet Tidal Dance").check()
    page.get_by_label("Your message (optional)").fill("Your dance work would be a great fit.")
    _submit(page, "Send invitations")
    expect(_banner(page)).to_contain_text("1 invitation sent in your name.")
    expect(page.locator("table")).to_contain_text("Thanet Tidal Dance")
    invitation = EventInvitation.objects.get()
    assert invitation.organisation == matching.organisation
    message = next(m for m in mail.outbox if "invites Thanet Tidal Dance" in m.subject)
    assert "Jo Marsh at Kent County Council" in message.body
    assert "Your dance work would be a great fit." in message.body

    # Publish, after confirming.
    _go(page, "Back to the event's tasks")
    _go(page, "Publish event")
    _submit(page, "Publish event")
    expect(_banner(page)).to_contain_text("open for registration")
    _go(page, "The event page")
    expect(page.locator("main")).to_contain_text("Open for registration")
    expect(page.locator("main")).to_contain_text("Step-free throughout.")


def test_provider_registers_writes_a_profile_finds_a_partner_and_messages_them(page: Page, kent):
    commissioner, _ = kent
    event = make_event(commissioner, capacity=50)
    partner = registrations.registration_add(
        actor=commissioner.user,
        event=event,
        name="Priya Nair",
        email="priya.nair@kentwellbeing.example.org",
        organisation_name="Kent Wellbeing Partnership",
        organisation_type="vcse",
        notify=False,
    )
    profiles.profile_save(
        actor=None,
        registration=partner,
        about="We intend to bid as a strategic partner and want arts organisations in our network.",
        consent=True,
        looking_for_partners=True,
        partner_note="Arts and cultural organisations for the delivery network.",
    )
    quiet = registrations.registration_add(
        actor=commissioner.user,
        event=event,
        name="Sam Quiet",
        email="sam.quiet@example.org",
        organisation_name="Quiet Housing",
        organisation_type="vcse",
        notify=False,
    )
    profiles.profile_save(actor=None, registration=quiet, about="Not for sharing.", consent=False)
    provider = MembershipFactory(
        admin=True,
        organisation=OrganisationFactory(name="Thanet Tidal Dance"),
        user__full_name="Marina Costa",
    )
    mail.outbox.clear()

    _sign_in(page, provider.user.email)
    page.goto("/events/")
    check_accessibility(page)
    _go(page, event.title)
    page.get_by_role("link", name="Register", exact=True).click()
    check_accessibility(page)
    _submit(page, "Register")
    expect(_banner(page)).to_contain_text("You have a place")
    assert Registration.objects.get(user=provider.user).status == RegistrationStatus.CONFIRMED

    # A profile saved without consent is seen by nobody else.
    page.get_by_role("link", name="Write your profile").click()
    check_accessibility(page)
    page.get_by_label("About you").fill(
        "Contemporary dance for people living with Parkinson's and their carers in Thanet."
    )
    page.get_by_label("Dance").check()
    page.get_by_label("We are looking for partners").check()
    page.get_by_label("What kind of partner are you looking for? (optional)").fill(
        "A strategic partner with referral routes from GPs."
    )
    _submit(page, "Save profile")
    expect(_banner(page)).to_contain_text("Only you and the organiser can see it")
    expect(page.locator("main")).to_contain_text("Not shared")
    _go(page, "Change your profile")
    page.get_by_label("Share my profile with the other attendees and potential bidders").check()
    _submit(page, "Save profile")
    expect(_banner(page)).to_contain_text("on the board")

    # The board: consented profiles only, filtered to those looking for partners.
    _go(page, "See who's in the room")
    board = page.locator("main")
    expect(board).to_contain_text("Kent Wellbeing Partnership")
    expect(board).to_contain_text("Thanet Tidal Dance")
    expect(board).not_to_contain_text("Not for sharing.")
    expect(board).not_to_contain_text("priya.nair@")
    page.get_by_label("Only those looking for partners").check()
    page.get_by_label("Search profiles").fill("strategic partner")
    _submit(page, "Search")
    expect(page.locator(".govuk-summary-card")).to_have_count(2)

    # Contact this organisation: through the platform, with no address shown.
    _go(page, "Contact this organisation Kent Wellbeing Partnership")
    _submit(page, "Send message")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write your message.")
    page.get_by_label("Your message").fill(
        "We would love to join your delivery network. Could we talk next week?"
    )
    page.get_by_label("Include my email address so they can reply to me directly").check()
    _submit(page, "Send message")
    expect(_banner(page)).to_contain_text("Your message has been sent to Priya Nair")
    sent = next(m for m in mail.outbox if m.to == ["priya.nair@kentwellbeing.example.org"])
    assert "Could we talk next week?" in sent.body
    assert provider.user.email in sent.body
    assert "priya.nair@" not in page.content()


def test_guest_registers_and_confirms_by_email(page: Page, kent):
    commissioner, _ = kent
    event = make_event(commissioner, capacity=10)
    mail.outbox.clear()

    page.goto(event.get_absolute_url())
    check_accessibility(page)
    page.get_by_role("link", name="Register", exact=True).click()
    check_accessibility(page)
    _submit(page, "Register")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your name.")
    page.get_by_label("Your name").fill("Sam Lee")
    page.get_by_label("Email address").fill("sam@")
    page.get_by_label("Organisation", exact=True).fill("Sam Lee Music")
    page.get_by_label("What kind of organisation is it?").select_option(
        label="Freelance artist or sole trader"
    )
    page.get_by_label("Music").check()
    _submit(page, "Register")
    expect(page.locator(".govuk-error-summary")).to_contain_text("in the correct format")
    assert Registration.objects.count() == 0
    page.get_by_label("Email address").fill("sam.lee@example.org")
    _submit(page, "Register")
    expect(page.locator("h1")).to_have_text("Check your email")
    assert Registration.objects.get().status == RegistrationStatus.PENDING

    message = next(m for m in mail.outbox if m.to == ["sam.lee@example.org"])
    link = re.search(r"http://\S+/events/confirm/\S+/", message.body).group(0)
    page.goto(link)
    check_accessibility(page)
    expect(page.locator("main")).to_contain_text("Sam Lee Music")
    _submit(page, "Confirm my place")
    expect(_banner(page)).to_contain_text("You have a place")
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
    welcome = next(m for m in reversed(mail.outbox) if "Your place" in m.subject)
    assert "/events/guest/" in welcome.body

    # The link is single-use; the management page is where the guest goes next.
    page.get_by_role("link", name="Write your profile").click()
    check_accessibility(page)
    page.get_by_label("About you").fill("Songwriter running groups for young people.")
    page.get_by_label("Share my profile with the other attendees and potential bidders").check()
    _submit(page, "Save profile")
    expect(_banner(page)).to_contain_text("on the board")
    _go(page, "See who's in the room")
    expect(page.locator("main")).to_contain_text("Sam Lee Music")
    expect(page.locator("main")).not_to_contain_text("sam.lee@example.org")
    page.goto(link)
    check_accessibility(page)
    expect(page.locator("h1")).to_contain_text("Page not found")


def test_checkin_on_a_phone(phone_page: Page, kent):
    commissioner, secret = kent
    start = timezone.now() + datetime.timedelta(minutes=30)
    event = make_event(
        commissioner, starts_at=start, ends_at=start + datetime.timedelta(hours=4), capacity=20
    )
    people = {}
    for name, organisation in (
        ("Robin Shaw", "Folkestone Harbour Arts"),
        (
            "Alexandra Montgomery-Fitzwilliam",
            "Kent and Medway NHS and Social Care Partnership Trust",
        ),
        ("Lee Chan", "Dover Men's Sheds"),
    ):
        people[name] = registrations.registration_add(
            actor=commissioner.user,
            event=event,
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            organisation_name=organisation,
            notify=False,
        )
    page = phone_page

    _sign_in_with_totp(page, commissioner.user.email, secret)
    page.goto(f"/events/{event.pk}/manage/check-in/")
    check_accessibility(page)
    expect(page.locator("main")).to_contain_text("0 of 3 checked in")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Keyboard: reach the first person's button and press it; HTMX redraws only the row.
    button = page.get_by_role("button", name="Check in Alexandra Montgomery-Fitzwilliam")
    button.focus()
    page.keyboard.press("Enter")
    row = page.locator(f"#registration-{people['Alexandra Montgomery-Fitzwilliam'].pk}")
    expect(row).to_contain_text("Checked in")
    check_accessibility(page)
    page.get_by_role("button", name="Check in Robin Shaw").click()
    expect(page.locator(f"#registration-{people['Robin Shaw'].pk}")).to_contain_text("Checked in")
    page.get_by_role("button", name="Undo check-in of Robin Shaw").click()
    expect(page.get_by_role("button", name="Check in Robin Shaw")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Finding a name.
    page.get_by_label("Find a name or organisation").fill("dover")
    _submit(page, "Find")
    expect(page.locator(".app-checkin__item")).to_have_count(1)
    expect(page.locator(".app-checkin__item")).to_contain_text("Lee Chan")

    attendance = dict(Registration.objects.values_list("name", "attendance"))
    assert attendance == {
        "Robin Shaw": Attendance.UNKNOWN,
        "Alexandra Montgomery-Fitzwilliam": Attendance.ATTENDED,
        "Lee Chan": Attendance.UNKNOWN,
    }


def test_commissioner_publishes_materials_and_everyone_registered_sees_them(
    page: Page, browser, kent
):
    commissioner, secret = kent
    opportunity = build_opportunity(commissioner)
    lifecycle.opportunity_publish(actor=commissioner.user, opportunity=opportunity)
    event = make_event(commissioner, opportunity=opportunity, days=-2)
    attendee = MembershipFactory(admin=True, organisation=OrganisationFactory(name="Swale Clay"))
    RegistrationFactory(
        event=event,
        user=attendee.user,
        email=attendee.user.email,
        organisation=attendee.organisation,
        organisation_name="Swale Clay",
    )
    bidder = MembershipFactory(admin=True, organisation=OrganisationFactory(name="Deal Players"))
    Interest.objects.create(
        opportunity=opportunity, organisation=bidder.organisation, registered_by=bidder.user
    )
    events.event_mark_held(actor=commissioner.user, event=event)
    mail.outbox.clear()

    _sign_in_with_totp(page, commissioner.user.email, secret)
    page.goto(f"/events/{event.pk}/manage/")
    check_accessibility(page)
    _go(page, "Slides, notes and the Q&A summary")
    page.get_by_text("Add slides, notes or a document").click()
    page.get_by_label("Notes", exact=True).check()
    page.get_by_label("Title", exact=True).fill("Notes of the discussion")
    page.get_by_label("Text (optional)").fill("Providers asked for lots and a longer bid window.")
    _submit(page, "Add")
    expect(_banner(page)).to_contain_text("“Notes of the discussion” has been added.")
    page.get_by_text("Add a question and answer").click()
    page.get_by_label("Question", exact=True).fill("Can small groups join without bidding?")
    page.get_by_label("Answer", exact=True).fill("Yes: through the innovation grant.")
    _submit(page, "Add question")
    expect(_banner(page)).to_contain_text("The question and answer have been added.")

    # Before publication nobody else can see them.
    other = _another_browser(browser, page)
    _sign_in(other, attendee.user.email)
    other.goto(event.get_absolute_url())
    check_accessibility(other)
    expect(other.locator("main")).not_to_contain_text("Notes of the discussion")

    # Copy the answer into the opportunity's clarifications, then publish everything at once.
    _go(page, "Publish as a clarification question 1")
    _submit(page, "Publish clarification")
    expect(_banner(page)).to_contain_text("published in the clarifications")
    _go(page, "Publish to everyone registered")
    _submit(page, "Publish materials")
    expect(_banner(page)).to_contain_text("Everyone registered on the event and on the")
    notified = sorted(m.to[0] for m in mail.outbox if "Slides, notes and answers" in m.subject)
    assert notified == sorted([attendee.user.email, bidder.user.email])

    # The attendee and the provider registered on the opportunity see them at once.
    other.reload()
    check_accessibility(other)
    expect(other.locator("#materials ~ ul")).to_contain_text("Notes of the discussion")
    expect(other.locator("main")).to_contain_text("Can small groups join without bidding?")
    third = _another_browser(browser, page)
    _sign_in(third, bidder.user.email)
    third.goto(event.get_absolute_url())
    check_accessibility(third)
    expect(third.locator("main")).to_contain_text("Notes of the discussion")
    third.goto(opportunity.get_absolute_url())
    check_accessibility(third)
    expect(third.locator("#questions ~ div").first).to_contain_text(
        "Can small groups join without bidding?"
    )


def test_every_other_event_page_passes_axe(page: Page, browser, kent):
    """The pages the journeys above do not visit: the organiser's statistics, registrations,
    summary, cancelling and holding; the printable board; a programme's page and its list of
    interested organisations; and a provider saying it is interested without attending."""
    commissioner, secret = kent
    programme = ProgrammeFactory(organisation=commissioner.organisation, name="Wellbeing")
    held = make_event(commissioner, programme=programme, title="Held event", days=-3)
    for _ in range(3):
        RegistrationFactory(event=held, attended=True)
    RegistrationFactory(event=held, arts=True, attended=True)
    coming = make_event(commissioner, programme=programme, title="Coming event", capacity=1)
    RegistrationFactory(event=coming)
    RegistrationFactory(event=coming, waitlisted=True)
    provider = MembershipFactory(admin=True, organisation=OrganisationFactory(name="Deal Players"))

    _sign_in_with_totp(page, commissioner.user.email, secret)
    for path in (
        "/events/manage/",
        f"/events/{coming.pk}/manage/registrations/",
        f"/events/{coming.pk}/manage/registrations/?status=waitlisted",
        f"/events/{coming.pk}/manage/cancel/",
        f"/events/{coming.pk}/manage/details/",
        f"/events/{coming.pk}/manage/statistics/",
        f"/events/{held.pk}/manage/",
        f"/events/{held.pk}/manage/statistics/",
        f"/events/manage/programmes/{programme.pk}/statistics/",
        f"/events/{held.pk}/board/print/",
    ):
        page.goto(path)
        check_accessibility(page)
    page.goto(f"/events/{coming.pk}/manage/cancel/")
    _submit(page, "Cancel event")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reason for cancelling.")
    page.goto(f"/events/{held.pk}/manage/held/")
    check_accessibility(page)
    _submit(page, "Record as held")
    expect(_banner(page)).to_contain_text("The event is recorded as held; 0 people")
    _go(page, "Market-engagement summary")
    _submit(page, "Save summary")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what you heard")
    page.get_by_label("What we heard").fill("Small providers need more time.")
    page.get_by_label("What changes in the specification").fill("Twelve weeks to bid.")
    _submit(page, "Save summary")
    expect(_banner(page)).to_contain_text("The summary has been saved.")

    # A provider: the public pages, and saying it is interested without attending.
    other = _another_browser(browser, page)
    other.goto("/events/?when=past")
    check_accessibility(other)
    expect(other.locator("main")).to_contain_text("Held event")
    _go(other, "Held event")
    expect(other.locator("main")).to_contain_text("Twelve weeks to bid.")
    _sign_in(other, provider.user.email)
    other.goto(f"/events/programmes/{programme.pk}/")
    check_accessibility(other)
    _go(other, "We are interested in this programme")
    _submit(other, "Add us to the list")
    expect(other.locator("h1")).to_have_text("Your profile for who's in the room")
    check_accessibility(other)
    other.get_by_label("About you").fill("Community theatre in Deal, looking for a lead partner.")
    other.get_by_label("Share my profile with the other attendees and potential bidders").check()
    _submit(other, "Save profile")
    expect(other.locator("#interested + p + ul")).to_contain_text("Deal Players")
    other.goto(f"/events/{coming.pk}/board/")
    check_accessibility(other)
    expect(other.locator("main")).to_contain_text("Community theatre in Deal")
    other.goto("/events/registrations/")
    check_accessibility(other)
    expect(other.locator("main")).to_contain_text("You have not registered for any events.")
