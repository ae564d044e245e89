"""Browser tests: Playwright drives Debian's Chromium against the live server, and axe-core
checks every page a test visits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "locale": "en-GB"}


class AxeViolationsError(AssertionError):
    pass


def check_accessibility(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on any violation, naming each one."""
    page.wait_for_load_state("load")
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        {
            "id": v["id"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results["violations"]
    ]
    if violations:
        raise AxeViolationsError(f"{page.url}: " + json.dumps(violations, indent=2))


@pytest.fixture
def page(page: Page) -> Page:
    """A page with axe-core available on every document it loads.

    axe is added as an init script through the DevTools protocol, so the site's
    Content-Security-Policy (which forbids inline script) stays fully on.
    """
    page.add_init_script(path=str(AXE_SOURCE))
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def phone_page(browser, browser_context_args):
    context = browser.new_context(
        **{**browser_context_args, "viewport": {"width": 320, "height": 640}}
    )
    page = context.new_page()
    page.add_init_script(path=str(AXE_SOURCE))
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _links_in_emails_point_at_the_live_server(settings, live_server):
    settings.SITE_URL = live_server.url
