"""Reflow beyond the journeys' key pages: the other pages a commissioner (tender builder,
panels, events, monitoring) and a provider (profile, consortia, registrations) use day to day,
at 320 CSS pixels and at 1280 pixels zoomed to 200% (the emulation is explained in
test_keyboard_and_zoom.py). Each page is checked for
sideways scrolling and clipped text, then with axe-core at that width; every problem on every
page is listed at the end rather than stopping at the first."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from evaluation.constants import PanelRole
from evaluation.services import panels
from tenders.services import drafting
from tests.browser.conftest import AXE_SOURCE, AxeViolationsError, check_accessibility
from tests.browser.keyboard import reflow_problems, sign_in
from tests.browser.test_keyboard_and_zoom import VIEWPORTS
from tests.conftest import with_totp
from tests.engagement.conftest import make_event
from tests.engagement.factories import RegistrationFactory
from tests.evaluation.conftest import closed_call, declare_all, make_panel, score_all, seat
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.reports.factories import grant_call
from tests.tenders.conftest import build_opportunity

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sweep(page: Page, urls: list[str]) -> list[str]:
    problems = []
    for url in urls:
        response = page.goto(url)
        if response.status != 200:
            problems.append(f"{url}: status {response.status}")
            continue
        problems += reflow_problems(page)
        try:
            check_accessibility(page)
        except AxeViolationsError as error:
            problems.append(str(error))
    return problems


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_other_pages_reflow_at_320px_and_200_percent_zoom(browser, browser_context_args, size):
    commissioner = MembershipFactory(
        admin=True, organisation=OrganisationFactory(icb=True, name="NHS Gloucestershire ICB")
    )
    secret = with_totp(commissioner.user)
    call = closed_call(commissioner, amounts=["12000", "9000"])
    panel = make_panel(call)
    chair = seat(panel, PanelRole.CHAIR, user=UserFactory(full_name="Chris Chair"))
    patient = seat(panel, PanelRole.PATIENT)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    for member in (chair, patient):
        declare_all(member, call.bids)
        for bid in call.bids:
            score_all(member, bid, "3")
    panels.panel_start_moderation(actor=chair.user, panel=panel)
    draft = build_opportunity(commissioner, route="psr_competitive", publishable=False)
    lot = drafting.lot_save(actor=commissioner.user, opportunity=draft, title="Dementia")
    live = grant_call(commissioner)
    event = make_event(commissioner, programme=live.programme, title="Arts on prescription")
    RegistrationFactory(event=event)
    draft_url = f"/commissioning/opportunities/{draft.pk}/"
    live_url = f"/commissioning/opportunities/{live.pk}/"
    panel_url = f"/panels/{panel.pk}/"
    event_url = f"/events/{event.pk}/manage/"

    context = browser.new_context(**{**browser_context_args, **VIEWPORTS[size]})
    page = context.new_page()
    page.add_init_script(path=str(AXE_SOURCE))
    page.set_default_timeout(10_000)
    sign_in(page, commissioner.user.email, totp_secret=secret)
    problems = _sweep(
        page,
        [
            "/",
            "/programmes/",
            live.programme.get_absolute_url(),
            f"/programmes/{live.programme_id}/edit/",
            "/commissioning/opportunities/",
            *(
                draft_url + path
                for path in (
                    "",
                    "details/",
                    "lots/",
                    f"lots/{lot.pk}/",
                    "outcomes/",
                    "kpis/",
                    "criteria/",
                    "criteria/new/",
                    "gates/new/",
                    "inclusion-check/",
                    "publish/",
                    "sections/timeline/",
                )
            ),
            *(
                live_url + path
                for path in ("", "amend/", "versions/", "questions/", "invitations/")
            ),
            f"/opportunities/{live.pk}/specification/",
            "/panels/",
            *(
                panel_url + path
                for path in (
                    "",
                    "plan/",
                    "moderation/",
                    f"moderation/{call.bids[0].pk}/",
                    "funding-line/",
                    "report/",
                    "members/invite/",
                )
            ),
            "/events/manage/",
            *(event_url + path for path in ("", "registrations/", "details/", "check-in/")),
            event.get_absolute_url(),
            "/monitoring/",
            "/monitoring/instruments/",
            "/monitoring/agreements/new/",
            "/directory/?q=arts",
            "/shortlists/",
            "/organisations/",
            f"/organisations/{commissioner.organisation_id}/",
            "/accounts/email/",
            "/accounts/your-data/",
            "/reports/",
        ],
    )

    page.context.clear_cookies()
    sign_in(page, call.bids[0].organisation.memberships.first().user.email)
    problems += _sweep(
        page,
        [
            "/",
            *(
                "/profile/" + path
                for path in (
                    "",
                    "about/",
                    "contact/",
                    "what-you-do/",
                    "where/",
                    "activities/",
                    "activities/new/",
                    "venues/",
                    "venues/new/",
                    "track-record/",
                    "evidence/",
                    "evidence/new/",
                    "documents/",
                    "documents/new/",
                )
            ),
            "/consortia/",
            "/consortia/new/",
            "/events/registrations/",
            f"/events/{event.pk}/register/",
            "/letters/",
            "/monitoring/",
            "/opportunities/",
            "/accounts/erase/",
        ],
    )
    context.close()
    assert problems == [], "\n".join(problems)
