"""The programme pilot report's sections after the bids: engagement, projects, spend, KPIs,
wellbeing, case studies and the six evaluation questions, read back from the PDF; and each
says so in a sentence when it has no data yet."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from reports import services
from reports.kinds import kind_get
from tests.reports.conftest import period_of, png_artefact
from tests.reports.factories import funded_project

pytestmark = pytest.mark.django_db


def build(member, kind: str, target_id: int, parameters: dict, capture) -> tuple[object, str]:
    with capture(execute=True):
        job, _ = services.report_request(
            actor=member.user,
            organisation=member.organisation,
            kind=kind,
            target_id=target_id,
            parameters=parameters,
        )
    job.refresh_from_db()
    assert job.status == "done", job.error
    with default_storage.open(job.file.name, "rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    return job, "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return " ".join(text.split())


def test_programme_report_sections_with_no_data_say_so(
    commissioner_member, programme, django_capture_on_commit_callbacks
):
    _, text = build(
        commissioner_member,
        "programme",
        programme.pk,
        period_of(programme),
        django_capture_on_commit_callbacks,
    )
    text = squash(text)

    for sentence in [
        "The programme held no market-engagement events in this period, and none is planned.",
        "No projects have been funded in this period yet",
        "No project has started in this period, so there is no spend to report yet.",
        "No project in this period has KPIs yet.",
        "No wellbeing scores have been recorded for the projects in this period yet.",
        "No case studies or evidence have been shared in the projects' returns yet.",
        "No evidence against this question yet.",
    ]:
        assert sentence in text


def test_programme_report_prints_projects_spend_kpis_wellbeing_and_questions(
    commissioner_member, programme, bids, django_capture_on_commit_callbacks, caplog
):
    funded_project(programme, bid=bids[0])
    with caplog.at_level(logging.WARNING, logger="reports.pdf"):
        job, raw = build(
            commissioner_member,
            "programme",
            programme.pk,
            period_of(programme),
            django_capture_on_commit_callbacks,
        )
    text = squash(raw)

    # The projects table: theme, provider, project and summary, award.
    assert f"Dementia {bids[0].organisation.name} Singing for lung health" in text
    assert "A weekly choir for people with COPD" in text
    # Spend: award, paid and spent to date.
    assert "£15,000 £7,500 £8,000 53%" in text
    # KPI performance against the targets at that point (cumulative: pro-rata).
    assert "Singing for lung health Quarter 2 26 30 40 50 Requires improvement" in text
    # Wellbeing: four pairs, an interval, and the small-sample warning.
    assert "Fewer than 30 people have both scores" in text
    assert "Change in SWEMWBS metric score by project" in text
    # Case studies: only the consented one; typed markup printed as text, nothing fetched.
    assert "Margaret's breath" in text
    assert "Not agreed to share" not in text
    assert "1 further case study is not shown" in text
    assert '<img src="file:///etc/passwd">' in text
    assert "example.com/our-film" in text
    assert "Report refused to fetch" not in caplog.text
    # Evidence: the cleared photo only.
    assert "The choir in rehearsal." in text
    assert "Unconsented photo" not in text
    # The six questions with evidence against them.
    assert "3. What's the learning for commissioners?" in text
    assert "Referral through physiotherapists worked best." in text
    # Of each project's returns, only the latest is quoted; case studies are not repeated.
    assert "Quarter 2: sessions with people referred by physiotherapists." in text
    assert "Quarter 1: sessions with people referred" not in text
    assert "And 1 earlier return from the same projects." in text
    assert (
        "(Case study: Margaret's breath): told in full under “Case studies and evidence”." in text
    )
    assert job.page_count >= 12
    # Visual check: the KPI and wellbeing chart pages, kept as test artefacts.
    with default_storage.open(job.file.name, "rb") as stored:
        content = stored.read()
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    kpi_page = next(i for i, page in enumerate(pages) if "9. KPI performance" in page)
    wellbeing_page = next(i for i, page in enumerate(pages) if "10. Wellbeing change" in page)
    assert png_artefact(content, kpi_page, "programme-report-kpis.png").stat().st_size > 10_000
    assert (
        png_artefact(content, wellbeing_page, "programme-report-wellbeing.png").stat().st_size
        > 10_000
    )


def test_programme_report_case_study_injection_is_text_not_markup(
    commissioner_member, programme, django_capture_on_commit_callbacks
):
    funded_project(programme)
    kind = kind_get("programme")
    data = kind.gather(target=programme, parameters=period_of(programme))

    from django.template.loader import render_to_string  # noqa: PLC0415

    html = render_to_string(kind.template, {"report": data, "charts": {}, "title": "t"})

    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert 'src="https://example.com' not in html
    # The one image printed is ours, from stored media.
    assert html.count("<img") == 1
    assert 'src="https://report.invalid/media/monitoring/evidence/choir' in html


def test_programme_report_tells_each_projects_latest_case_study_and_counts_the_rest(
    commissioner_member, programme
):
    from monitoring.models import CaseStudy, Return  # noqa: PLC0415

    agreement = funded_project(programme)
    first_return = Return.objects.get(period__agreement=agreement, period__number=1)
    CaseStudy.objects.create(
        report=first_return, title="An earlier story", body="From quarter 1.", consented=True
    )
    data = kind_get("programme").gather(target=programme, parameters=period_of(programme))
    sections = {section["key"]: section["data"] for section in data["sections"]}

    stories = sections["case_studies"]
    assert [c["title"] for c in stories["case_studies"]] == ["Margaret's breath"]
    assert stories["earlier"] == 1
    assert stories["withheld"] == 1
    first_question = sections["questions"]["questions"][0]
    named = [item["title"] for item in first_question["items"] if item["case_study"]]
    assert named == ["Margaret's breath"]
    assert first_question["earlier_case_studies"] == 1
