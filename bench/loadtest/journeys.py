"""The load scenario: who the 50 simulated people are and what they do, weighted like real use.

Run by `bench.loadtest.run` (locust as a library, headless). Each request's time is recorded by
kind — an HTML page or an API response — and every request is checked, not only its status: a
page that redirects to the sign-in form, or lacks what the person came for, is a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from pathlib import Path

from locust import HttpUser, between, task
from locust.clients import HttpSession

WORLD = json.loads(Path(os.environ["LOAD_WORLD"]).read_text())
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_counters: dict[str, itertools.count] = {}

# Searches people type into the directory, with the facets they pick (from the bench's set).
SEARCHES = [
    "?q=dementia&art_form=music",
    "?q=singing+lung",
    "?q=falls&art_form=dance",
    "?q=theatre",
    "?q=young+people&area=E10000016",
    "?q=loneliness",
    "?art_form=visual-arts",
    "?q=museum+reminiscence",
]


def _next(role: str) -> dict:
    """Each simulated person takes the next seat of their role (round robin)."""
    seats = WORLD[role]
    counter = _counters.setdefault(role, itertools.count())
    return seats[next(counter) % len(seats)]


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 4)

    def expect(self, path: str, *, contains: str = "", name: str | None = None, **kwargs):
        """GET `path`; a failure unless it answers 200 (no redirect) with `contains` in it."""
        with self.client.get(
            path, name=name or path, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
            elif contains and contains not in response.text:
                response.failure(f"{path} lacks {contains!r}")
            else:
                response.success()
            return response

    def sign_in_as(self, seat: dict) -> None:
        self.client.cookies.set(WORLD["session_cookie"], seat["session"])

    def form_post(
        self, path: str, data: dict, *, name: str, page=None, expect_redirect: bool = True
    ):
        """POST the form on `path` with its CSRF token, from `page` when the person has the
        form open already, otherwise from loading it (`name (form)`)."""
        if page is None:
            page = self.expect(path, name=f"{name} (form)")
        match = _CSRF.search(page.text or "")
        if not match:
            return None
        data = {"csrfmiddlewaretoken": match.group(1), **data}
        with self.client.post(
            path,
            data=data,
            name=name,
            allow_redirects=False,
            catch_response=True,
            headers={"Referer": f"{self.host}{path}"},
        ) as response:
            if expect_redirect and response.status_code != 302:
                response.failure(f"{response.status_code} posting {path}")
            else:
                response.success()
            return response


class PublicVisitor(Person):
    """Anyone: searches the directory, browses opportunities and events (the most common use)."""

    weight = 20

    @task(4)
    def search_directory(self) -> None:
        query = SEARCHES[int(time.monotonic() * 1000) % len(SEARCHES)]
        self.expect(f"/directory/{query}", contains="Find arts and cultural", name="/directory/?q")

    @task(3)
    def search_directory_api(self) -> None:
        query = SEARCHES[int(time.monotonic() * 1000) % len(SEARCHES)]
        self.expect(f"/api/v1/directory/{query}", contains='"results"', name="/api/v1/directory/?q")

    @task(3)
    def browse_opportunities(self) -> None:
        self.expect("/opportunities/", contains="Opportunities")
        pk = WORLD["published_opportunities"][
            int(time.monotonic()) % len(WORLD["published_opportunities"])
        ]
        self.expect(f"/opportunities/{pk}/", contains="Closing", name="/opportunities/[id]/")

    @task(2)
    def opportunities_api(self) -> None:
        self.expect("/api/v1/opportunities/published/", contains='"results"')

    @task(1)
    def events(self) -> None:
        self.expect("/events/", contains="Events")


class Provider(Person):
    """A provider's member preparing and submitting their organisation's bid."""

    weight = 14

    def on_start(self) -> None:
        self.seat = _next("providers")
        self.sign_in_as(self.seat)
        # An API client sends its token and no browser cookies (with the session cookie,
        # DRF would authenticate by session and ask for a CSRF token, as it should).
        self.api = HttpSession(
            base_url=self.host, request_event=self.environment.events.request, user=self
        )
        self.api.headers["Authorization"] = f"Token {self.seat['api_token']}"

    @task(3)
    def work_on_bid(self) -> None:
        self.expect("/bids/", contains="Your bids")
        self.expect(f"/bids/{self.seat['bid']}/", contains="bid", name="/bids/[id]/")

    @task(2)
    def check_bid_over_api(self) -> None:
        with self.api.get(
            f"/api/v1/bids/{self.seat['bid']}/", name="/api/v1/bids/[id]/", catch_response=True
        ) as response:
            if response.status_code == 200 and '"revision"' in response.text:
                response.success()
            else:
                response.failure(f"bid answered {response.status_code}")

    @task(1)
    def submit(self) -> None:
        with self.api.post(
            f"/api/v1/bids/{self.seat['bid']}/submit/",
            name="/api/v1/bids/[id]/submit/",
            catch_response=True,
        ) as response:
            if response.status_code == 201 and '"sha256"' in response.text:
                response.success()
            else:
                response.failure(f"submit answered {response.status_code}: {response.text[:200]}")

    @task(1)
    def profile(self) -> None:
        self.expect("/profile/", contains="profile")


class PanelMember(Person):
    """A panel member reading a bid beside the scale and saving draft scores."""

    weight = 6

    def on_start(self) -> None:
        self.seat = _next("panel_members")
        self.sign_in_as(self.seat)
        self.bids = itertools.cycle(self.seat["bids"])

    @task
    def score(self) -> None:
        bid = next(self.bids)
        path = f"/panels/{self.seat['panel']}/bids/{bid}/score/"
        page = self.expect(path, contains="score", name="/panels/[id]/bids/[id]/score/")
        fields = dict(re.findall(r'name="(score_\d+)"[^>]*value="(\d+)"', page.text or ""))
        data: dict[str, str] = {}
        for field in sorted(set(re.findall(r'name="(score_\d+)"', page.text or ""))):
            criterion = field.split("_", 1)[1]
            data[field] = fields.get(field, "3")
            data[f"comment_{criterion}"] = (
                "Clear outcomes for people, a credible plan and sensible costs for the size."
            )
            revision = re.search(rf'name="revision_{criterion}"[^>]*value="(\d+)"', page.text)
            data[f"revision_{criterion}"] = revision.group(1) if revision else "0"
        if data:
            # Saved from the sheet they have open, as a person does (no second load).
            self.form_post(path, data, name="/panels/[id]/bids/[id]/score/ (save)", page=page)


class Commissioner(Person):
    """A commissioner checking what they fund and what they are running."""

    weight = 8

    def on_start(self) -> None:
        self.sign_in_as(_next("commissioners"))

    @task(3)
    def monitoring_dashboard(self) -> None:
        self.expect("/monitoring/", contains="greement")
        agreements = WORLD["agreements"]
        if agreements:
            pk = agreements[int(time.monotonic()) % len(agreements)]
            self.expect(
                f"/monitoring/agreements/{pk}/", contains="KPI", name="/monitoring/agreements/[id]/"
            )

    @task(2)
    def opportunities(self) -> None:
        self.expect("/commissioning/opportunities/", contains="pportunit")

    @task(1)
    def panels(self) -> None:
        self.expect("/panels/", contains="anel")

    @task(1)
    def reports(self) -> None:
        self.expect("/reports/", contains="eport")


class ReportRequester(Person):
    """One programme manager asks for the programme pilot report and waits for it."""

    fixed_count = 1
    wait_time = between(2, 3)

    def on_start(self) -> None:
        self.sign_in_as(_next("commissioners"))
        self.job: str | None = None
        self.done = False

    @task
    def report(self) -> None:
        if self.done:
            self.expect("/reports/", contains="eport")
            return
        if self.job is None:
            response = self.form_post(
                f"/reports/new/programme/{WORLD['programme']}/",
                {
                    "period_start": WORLD["programme_start"],
                    "period_end": WORLD["programme_end"],
                },
                name="/reports/new/ (ask)",
            )
            if response is not None and response.status_code == 302:
                self.job = response.headers["Location"].rstrip("/").split("/")[-1]
            return
        with self.client.get(
            f"/reports/{self.job}/progress/",
            name="/reports/[id]/progress/",
            headers={"HX-Request": "true"},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 204):
                response.failure(f"progress answered {response.status_code}")
                return
            if "could not be built" in response.text:
                response.failure("the report failed")
                return
            response.success()
            ready = "Download the PDF" in response.text
        if ready:
            self.expect(f"/reports/{self.job}/download/", name="/reports/[id]/download/")
            self.done = True
