"""Rendering is safe: only our static files, stored media and data: URLs are fetched, and
text people typed is printed as text. The PDF is tagged, with a running header and page X of Y.
"""

from __future__ import annotations

import io
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfReader

from reports.constants import BASE_URL
from reports.pdf import RefusedURLError, ReportURLFetcher, pdf_render
from tenders.services import engagement
from tests.factories import MembershipFactory
from tests.reports.conftest import period_of

REFUSED = [
    "file:///etc/passwd",
    "http://example.com/tracker.png",
    "https://example.com/tracker.png",
    f"{BASE_URL}static/../../../../etc/passwd",
    f"{BASE_URL}static/%2e%2e/%2e%2e/etc/passwd",
    f"{BASE_URL}media/../config/settings.py",
    f"{BASE_URL}admin/",
]


@pytest.mark.parametrize("url", REFUSED)
def test_url_fetcher_refuses_files_network_and_climbing_out(url):
    fetcher = ReportURLFetcher()

    with pytest.raises(RefusedURLError):
        fetcher.fetch(url)

    assert fetcher.refused == [url]


@pytest.mark.django_db
def test_url_fetcher_serves_our_static_files_and_stored_media():
    name = default_storage.save(
        "evidence/photo.svg", ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    )
    fetcher = ReportURLFetcher()

    stylesheet = fetcher.fetch(f"{BASE_URL}static/reports/pdf.css")
    media = fetcher.fetch(f"{BASE_URL}media/{name}")

    assert b"@page" in stylesheet.read()
    assert stylesheet.content_type == "text/css"
    assert media.read().startswith(b"<svg")
    assert fetcher.refused == []


def test_pdf_render_with_injected_images_fetches_nothing_outside(caplog):
    html = (
        '<html lang="en-GB"><head><title>Injected</title></head><body><h1>Case study</h1>'
        '<img src="file:///etc/passwd" alt="a"><img src="https://example.com/pixel.png" alt="b">'
        "<p>Our choir met weekly.</p></body></html>"
    )
    with caplog.at_level(logging.WARNING, logger="reports.pdf"):
        rendered = pdf_render(html)

    assert rendered.refused == ["file:///etc/passwd", "https://example.com/pixel.png"]
    text = PdfReader(io.BytesIO(rendered.content)).pages[0].extract_text()
    assert "Our choir met weekly." in text
    assert "root:" not in text


@pytest.mark.django_db
def test_tender_pack_prints_typed_markup_as_text_and_fetches_nothing(
    commissioner_member, opportunity, django_capture_on_commit_callbacks, caplog
):
    from reports import services  # noqa: PLC0415

    provider = MembershipFactory(admin=True)
    question = engagement.question_ask(
        actor=provider.user,
        opportunity=opportunity,
        organisation=provider.organisation,
        text='Our case study: <img src="file:///etc/passwd"> see https://example.com/a.png',
    )
    engagement.question_answer(
        actor=commissioner_member.user,
        question=question,
        answer='<img src="https://example.com/tracker.png"> Yes.',
    )
    with (
        caplog.at_level(logging.WARNING, logger="reports.pdf"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        job, _ = services.report_request(
            actor=provider.user,
            organisation=provider.organisation,
            kind="tender_pack",
            target_id=opportunity.pk,
            parameters={},
        )
    job.refresh_from_db()

    assert job.status == "done"
    with default_storage.open(job.file.name, "rb") as stored:
        text = " ".join(page.extract_text() for page in PdfReader(stored).pages)
    assert '<img src="file:///etc/passwd">' in text
    assert '<img src="https://example.com/tracker.png"> Yes.' in text
    assert "Report refused to fetch" not in caplog.text


@pytest.mark.django_db
def test_programme_report_is_tagged_with_running_header_and_page_numbers(
    commissioner_member, programme, bids, django_capture_on_commit_callbacks
):
    from reports import services  # noqa: PLC0415

    with django_capture_on_commit_callbacks(execute=True):
        job, _ = services.report_request(
            actor=commissioner_member.user,
            organisation=commissioner_member.organisation,
            kind="programme",
            target_id=programme.pk,
            parameters=period_of(programme),
        )
    job.refresh_from_db()
    with default_storage.open(job.file.name, "rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    pages = [page.extract_text() for page in reader.pages]
    root = reader.trailer["/Root"]

    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == job.title
    total = len(pages)
    assert f"Page 2 of {total}" in pages[1]
    assert f"Page {total} of {total}" in pages[-1]
    assert programme.name in pages[1]  # the running header
    assert "Contents" in pages[1]
    # A chart is an image with its text alternative, inside a figure with its caption.
    assert any("Figure 1: Budget offered per theme." in page for page in pages)
