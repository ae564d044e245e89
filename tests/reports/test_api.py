"""The reports API: the same services as the pages, the same refusals."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from reports.models import ReportJob
from tests.factories import MembershipFactory
from tests.reports.conftest import period_of
from tests.reports.factories import ReportJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _ask(api, programme, **parameters):
    return api.post(
        reverse("api_reports"),
        {"kind": "programme", "target_id": programme.pk, "parameters": parameters},
        format="json",
    )


def test_api_ask_returns_the_queued_job_at_once(
    api, commissioner_member, programme, django_capture_on_commit_callbacks
):
    api.force_authenticate(commissioner_member.user)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = _ask(api, programme, **period_of(programme))
        again = _ask(api, programme, **period_of(programme))

    assert first.status_code == 202
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert len(callbacks) == 1
    body = first.json()
    assert (body["status"], body["stage"], body["progress"], body["download_url"]) == (
        "queued",
        "queued",
        0,
        None,
    )
    assert body["parameters_described"] == [
        {"label": "From", "value": f"{programme.start_date:%-d %B %Y}"},
        {"label": "To", "value": f"{programme.end_date:%-d %B %Y}"},
    ]


def test_api_ask_period_outside_programme_is_400_with_message(api, commissioner_member, programme):
    api.force_authenticate(commissioner_member.user)

    response = _ask(api, programme, period_start="2001-01-01", period_end="2001-02-01")

    assert response.status_code == 400
    errors = {e["attr"]: e["detail"] for e in response.json()["errors"]}
    assert errors["period_start"].startswith("The start of the period must be within")
    assert ReportJob.objects.count() == 0


def test_api_ask_unknown_kind_is_400(api, commissioner_member, programme):
    api.force_authenticate(commissioner_member.user)

    response = api.post(
        reverse("api_reports"), {"kind": "nonsense", "target_id": programme.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "kind"


def test_api_ask_about_a_programme_you_cannot_see_is_404(api, stranger, programme):
    api.force_authenticate(stranger)

    response = _ask(api, programme, **period_of(programme))

    assert response.status_code == 404
    assert ReportJob.objects.count() == 0


def test_api_ask_needs_sign_in(api, programme):
    assert _ask(api, programme, **period_of(programme)).status_code in (401, 403)


def test_api_job_of_someone_else_is_404(api, stranger):
    job = ReportJobFactory(done=True)
    api.force_authenticate(stranger)

    assert api.get(reverse("api_report", args=[job.pk])).status_code == 404
    assert api.get(reverse("api_report_download", args=[job.pk])).status_code == 404
    assert api.post(reverse("api_report_retry", args=[job.pk])).status_code == 404


def test_api_download_serves_the_pdf(api, commissioner_member, programme):
    job = ReportJobFactory(requested_by=commissioner_member.user, target_id=programme.pk, done=True)
    api.force_authenticate(commissioner_member.user)

    detail = api.get(reverse("api_report", args=[job.pk])).json()
    response = api.get(detail["download_url"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_api_retry_a_failed_job(
    api, commissioner_member, programme, django_capture_on_commit_callbacks
):
    job = ReportJobFactory(
        requested_by=commissioner_member.user, target_id=programme.pk, failed=True
    )
    api.force_authenticate(commissioner_member.user)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = api.post(reverse("api_report_retry", args=[job.pk]))

    assert response.status_code == 202
    assert (response.json()["status"], response.json()["attempt"], len(callbacks)) == (
        "queued",
        2,
        1,
    )


def test_api_retry_a_finished_job_is_400(api, commissioner_member):
    job = ReportJobFactory(requested_by=commissioner_member.user, done=True)
    api.force_authenticate(commissioner_member.user)

    response = api.post(reverse("api_report_retry", args=[job.pk]))

    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == (
        "This report is ready: there is nothing to try again."
    )


@pytest.mark.parametrize("rows", [1, 10])
def test_api_list_query_budget(api, commissioner_member, django_assert_num_queries, rows):
    for _ in range(rows):
        ReportJobFactory(requested_by=commissioner_member.user, done=True)
    ReportJobFactory()
    api.force_authenticate(commissioner_member.user)

    with django_assert_num_queries(2):
        response = api.get(reverse("api_reports"))

    assert response.json()["count"] == rows


def test_api_provider_can_ask_for_a_tender_pack(
    api, opportunity, django_capture_on_commit_callbacks
):
    provider = MembershipFactory(admin=True).user
    api.force_authenticate(provider)

    with django_capture_on_commit_callbacks(execute=False):
        response = api.post(
            reverse("api_reports"),
            {"kind": "tender_pack", "target_id": opportunity.pk},
            format="json",
        )

    assert response.status_code == 202
    assert response.json()["title"] == f"Tender pack: {opportunity.title}"


def test_api_ask_query_count(
    api,
    commissioner_member,
    programme,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    api.force_authenticate(commissioner_member.user)
    _ask(api, programme, period_start=programme.start_date.isoformat(), period_end="2026-12-31")

    # Programme, membership, the identical-waiting check, the job, its audit entry (and the
    # savepoint around them): the request stays small.
    with django_assert_num_queries(7), django_capture_on_commit_callbacks(execute=False):
        response = _ask(api, programme, **period_of(programme))

    assert response.status_code == 202
