"""The report pages: asking, progress, download and the list; who is refused; bad input."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.models import Membership
from reports.constants import JobStatus
from reports.models import ReportJob
from tests.factories import MembershipFactory
from tests.reports.factories import ReportJobFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _request_url(programme) -> str:
    return reverse("reports:request", args=["programme", programme.pk])


def test_request_page_offers_the_programme_period(client, commissioner_member, programme):
    client.force_login(commissioner_member.user)

    response = client.get(_request_url(programme))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["period_start"].value() == programme.start_date
    assert form["period_end"].value() == programme.end_date
    assert "Programme pilot report" in response.text


def test_request_page_post_creates_the_job_and_shows_its_progress(
    client, commissioner_member, programme, django_capture_on_commit_callbacks
):
    client.force_login(commissioner_member.user)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            _request_url(programme),
            {"period_start": programme.start_date, "period_end": programme.end_date},
        )

    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:detail", args=[job.pk])
    assert len(callbacks) == 1
    assert job.organisation == commissioner_member.organisation
    page = client.get(response.url)
    assert "Waiting for a worker" in page.text
    assert 'hx-trigger="every 1s"' in page.text
    assert (
        '<progress class="app-progress" id="report-progress-bar" max="100" value="0">' in page.text
    )


def test_request_page_period_outside_programme_shows_error_and_saves_nothing(
    client, commissioner_member, programme
):
    client.force_login(commissioner_member.user)
    too_late = programme.end_date + datetime.timedelta(days=1)

    response = client.post(
        _request_url(programme),
        {"period_start": programme.start_date, "period_end": too_late},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["period_end"] == [
        (
            "The end of the period must be within the programme. The programme runs from "
            f"{programme.start_date:%-d %B %Y} to {programme.end_date:%-d %B %Y}."
        )
    ]
    assert 'href="#id_period_end"' in response.text
    assert ReportJob.objects.count() == 0


def test_request_page_bad_date_shows_error(client, commissioner_member, programme):
    client.force_login(commissioner_member.user)

    response = client.post(
        _request_url(programme), {"period_start": "31/31/2026", "period_end": ""}
    )

    assert response.context["form"].errors == {
        "period_start": ["Enter a valid date."],
        "period_end": ["This field is required."],
    }
    assert ReportJob.objects.count() == 0


def test_request_page_for_someone_elses_programme_is_404(client, stranger, programme):
    client.force_login(stranger)

    assert client.get(_request_url(programme)).status_code == 404
    assert client.post(_request_url(programme), {}).status_code == 404


def test_request_page_for_a_provider_is_404(client, programme):
    provider = MembershipFactory(admin=True).user
    client.force_login(provider)

    assert client.get(_request_url(programme)).status_code == 404


def test_request_page_unknown_kind_is_404(client, commissioner_member, programme):
    client.force_login(commissioner_member.user)

    response = client.get(reverse("reports:request", args=["no_such_kind", programme.pk]))

    assert response.status_code == 404


def test_request_page_needs_sign_in(client, programme):
    response = client.get(_request_url(programme))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_tender_pack_request_page_for_a_provider(client, opportunity):
    provider = MembershipFactory(admin=True).user
    client.force_login(provider)

    response = client.get(reverse("reports:request", args=["tender_pack", opportunity.pk]))

    assert response.status_code == 200
    assert "Tender pack" in response.text
    assert response.context["back_url"] == opportunity.get_absolute_url()


def test_someone_elses_job_is_404_on_every_page(client, stranger):
    job = ReportJobFactory(done=True)
    client.force_login(stranger)

    for name in ("detail", "progress", "download"):
        assert client.get(reverse(f"reports:{name}", args=[job.pk]), **HTMX).status_code == 404
    assert client.post(reverse("reports:retry", args=[job.pk])).status_code == 404


def test_download_serves_the_pdf_to_the_person_who_asked(client, commissioner_member, programme):
    job = ReportJobFactory(requested_by=commissioner_member.user, target_id=programme.pk, done=True)
    client.force_login(commissioner_member.user)

    response = client.get(reverse("reports:download", args=[job.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="programme-pilot-report'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_download_after_leaving_the_organisation_is_404(client, commissioner_member, programme):
    job = ReportJobFactory(requested_by=commissioner_member.user, target_id=programme.pk, done=True)
    Membership.objects.filter(pk=commissioner_member.pk).delete()
    client.force_login(commissioner_member.user)

    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 404


def test_download_before_it_is_ready_is_404(client, commissioner_member, programme):
    job = ReportJobFactory(requested_by=commissioner_member.user, target_id=programme.pk)
    client.force_login(commissioner_member.user)

    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 404


def test_progress_partial_answers_204_when_nothing_changed(client, commissioner_member):
    job = ReportJobFactory(requested_by=commissioner_member.user, running=True)
    client.force_login(commissioner_member.user)
    url = reverse("reports:progress", args=[job.pk])

    changed = client.get(url, {"seen": "queued-queued-0-1"}, **HTMX)
    same = client.get(url, {"seen": "running-rendering-55-1"}, **HTMX)
    without_htmx = client.get(url)

    assert changed.status_code == 200
    assert "Laying out the pages" in changed.text
    assert 'value="55"' in changed.text
    assert same.status_code == 204
    assert without_htmx.status_code == 302


def test_progress_partial_when_done_links_the_download_and_stops_polling(
    client, commissioner_member
):
    job = ReportJobFactory(requested_by=commissioner_member.user, done=True)
    client.force_login(commissioner_member.user)

    response = client.get(reverse("reports:progress", args=[job.pk]), **HTMX)

    assert "Your report is ready" in response.text
    assert reverse("reports:download", args=[job.pk]) in response.text
    assert "hx-trigger" not in response.text


def test_failed_job_shows_its_message_and_can_be_retried(
    client, commissioner_member, programme, django_capture_on_commit_callbacks
):
    job = ReportJobFactory(
        requested_by=commissioner_member.user, target_id=programme.pk, failed=True
    )
    client.force_login(commissioner_member.user)

    page = client.get(reverse("reports:detail", args=[job.pk]))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("reports:retry", args=[job.pk]))

    assert job.error in page.text
    assert "Try again" in page.text
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempt, len(callbacks)) == (JobStatus.QUEUED, 2, 1)


def test_retry_of_a_finished_job_says_why_not(client, commissioner_member):
    job = ReportJobFactory(requested_by=commissioner_member.user, done=True)
    client.force_login(commissioner_member.user)

    response = client.post(reverse("reports:retry", args=[job.pk]), follow=True)

    assert "This report is ready: there is nothing to try again." in response.text
    job.refresh_from_db()
    assert job.attempt == 1


def test_list_empty_state_says_where_to_ask(client, commissioner_member):
    client.force_login(commissioner_member.user)

    response = client.get(reverse("reports:list"))

    assert "You have not asked for any reports yet" in response.text
    assert reverse("commissioning:programme_list") in response.text


def test_list_shows_only_my_reports_with_their_parameters(client, commissioner_member):
    mine = ReportJobFactory(requested_by=commissioner_member.user, done=True)
    ReportJobFactory()
    client.force_login(commissioner_member.user)

    response = client.get(reverse("reports:list"))

    assert [row["job"] for row in response.context["rows"]] == [mine]
    assert "From: 1 April 2026<br>To: 31 March 2027" in response.text
    assert reverse("reports:download", args=[mine.pk]) in response.text


@pytest.mark.parametrize("rows", [1, 10])
def test_list_query_budget(client, commissioner_member, django_assert_num_queries, rows):
    for _ in range(rows):
        ReportJobFactory(requested_by=commissioner_member.user, done=True)
    client.force_login(commissioner_member.user)

    with django_assert_num_queries(6):
        response = client.get(reverse("reports:list"))

    assert len(response.context["rows"]) == rows


def test_programme_page_has_the_report_button_for_its_commissioners(
    client, commissioner_member, programme
):
    client.force_login(commissioner_member.user)

    response = client.get(programme.get_absolute_url())

    assert _request_url(programme) in response.text
    assert "Get the pilot report (PDF)" in response.text


def test_opportunity_page_links_the_tender_pack_when_signed_in(client, opportunity):
    url = reverse("reports:request", args=["tender_pack", opportunity.pk])

    assert url not in client.get(opportunity.get_absolute_url()).text
    client.force_login(MembershipFactory(admin=True).user)
    assert url in client.get(opportunity.get_absolute_url()).text


def test_navigation_has_reports_for_commissioners_only(client, commissioner_member):
    client.force_login(commissioner_member.user)
    commissioner_nav = [item["label"] for item in client.get("/").context["nav_items"]]
    client.force_login(MembershipFactory(admin=True).user)
    provider_nav = [item["label"] for item in client.get("/").context["nav_items"]]

    assert "Reports" in commissioner_nav
    assert "Reports" not in provider_nav
