"""Every upload path refuses hostile files, by what they contain, with a message a person can
act on, and keeps nothing of the refused file.

The paths: a provider's due-diligence documents and case-study evidence, bid attachments,
event materials and monitoring evidence. Every one goes through providers/uploads.py
`upload_check`; `test_every_file_field_is_an_upload_path_here` fails when a model gains a
FileField that this file does not cover.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.errors import ApplicationError
from engagement.models import Material
from engagement.services import materials
from monitoring.models import Evidence as MonitoringEvidence
from monitoring.services import evidence as monitoring_evidence
from providers.models import Evidence, ProviderDocument
from providers.services import profiles
from providers.services.documents import document_upload
from tenders.models import Attachment
from tenders.services import bidding
from tests.factories import PDF_BYTES
from tests.security.world import PNG_BYTES, World

pytestmark = pytest.mark.django_db

TYPE_REFUSED = "The selected file must be a"
TOO_BIG = "The selected file must be smaller than 10.0\xa0MB."
BOMB = "The selected file expands to far more than its size, so it cannot be accepted."
HIDDEN = "with something else hidden inside it (a script, a web page or an archive)"


def _file(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _word_bomb() -> bytes:
    """A "Word document" whose one part expands from about 60 KB to 60 MB."""
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"0" * 60_000_000})


HOSTILE = {
    "executable named .pdf": (
        lambda: _file("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "application/pdf"),
        TYPE_REFUSED,
    ),
    "html named .pdf": (
        lambda: _file("report.pdf", b"<html><body>Hello</body></html>", "application/pdf"),
        TYPE_REFUSED,
    ),
    "svg with a script": (
        lambda: _file(
            "logo.png",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)'
            b"</script></svg>",
            "image/png",
        ),
        TYPE_REFUSED,
    ),
    "oversize pdf": (
        lambda: _file("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), "application/pdf"),
        TOO_BIG,
    ),
    "zip bomb as a word document": (
        lambda: _file(
            "plan.docx",
            _word_bomb(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        BOMB,
    ),
    "pdf header with an html and script body": (
        lambda: _file(
            "evidence.pdf",
            b"%PDF-1.4\n<html><script>fetch('/api/v1/me/')</script></html>\n%%EOF\n",
            "application/pdf",
        ),
        HIDDEN,
    ),
    "pdf that runs javascript when opened": (
        lambda: _file(
            "evidence.pdf",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript "
            b"/JS (app.alert(1)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
            "application/pdf",
        ),
        HIDDEN,
    ),
    "gifar (a picture with a java archive appended)": (
        lambda: _file(
            "photo.gif",
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00"
            b"\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
            + _zip({"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\n"}),
            "image/gif",
        ),
        TYPE_REFUSED,
    ),
    "png with a java archive appended": (
        lambda: _file(
            "photo.png",
            PNG_BYTES + _zip({"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\n"}),
            "image/png",
        ),
        HIDDEN,
    ),
}


def _provider(world: World):
    return world.users["provider"]


def _document(world: World, upload):
    document_upload(
        actor=_provider(world),
        profile=world.profile,
        kind="safeguarding_policy",
        file=upload,
        expires_on=timezone.localdate() + datetime.timedelta(days=100),
    )


def _profile_evidence(world: World, upload):
    profiles.evidence_add(
        actor=_provider(world), profile=world.profile, title="Case", summary="S", file=upload
    )


def _bid_attachment(world: World, upload):
    bid = bidding.bid_start(
        actor=_provider(world),
        opportunity=world.published,
        organisation=world.profile.organisation,
        title="Singing for breath",
    )
    bidding.attachment_add(actor=_provider(world), bid=bid, file=upload)


def _material(world: World, upload):
    materials.material_add(
        actor=world.users["commissioner"],
        event=world.event,
        kind="notes",
        title="Notes",
        file=upload,
    )


def _monitoring_evidence(world: World, upload):
    kind = "photo" if upload.name.endswith((".png", ".gif")) else "document"
    monitoring_evidence.evidence_add(
        actor=_provider(world),
        report=world.objects["return"],
        kind=kind,
        title="The choir",
        upload=upload,
        consented=True,
    )


PATHS: dict[str, tuple[Callable, type[models.Model]]] = {
    "provider document": (_document, ProviderDocument),
    "provider evidence": (_profile_evidence, Evidence),
    "bid attachment": (_bid_attachment, Attachment),
    "event material": (_material, Material),
    "monitoring evidence": (_monitoring_evidence, MonitoringEvidence),
}


@pytest.mark.parametrize("hostile", list(HOSTILE))
@pytest.mark.parametrize("path", list(PATHS))
def test_upload_path_refuses_hostile_file_with_a_clear_message(world, path, hostile):
    upload_to, model = PATHS[path]
    make_file, message = HOSTILE[hostile]
    before = model.objects.count()

    with pytest.raises(ApplicationError) as refused:
        upload_to(world, make_file())

    assert message in refused.value.message
    assert model.objects.count() == before


@pytest.mark.parametrize("path", list(PATHS))
def test_upload_path_accepts_a_real_pdf_or_picture(world, path):
    """The checks refuse the hostile files, not the ordinary ones."""
    upload_to, model = PATHS[path]
    before = model.objects.count()
    is_picture = path == "monitoring evidence"

    upload_to(
        world,
        _file("photo.png", PNG_BYTES, "image/png")
        if is_picture
        else _file("plan.pdf", PDF_BYTES, "application/pdf"),
    )

    assert model.objects.count() == before + 1


def test_every_file_field_is_an_upload_path_here():
    """Files people upload are covered above; report PDFs are made by our own workers."""
    generated = {"reports.ReportJob"}
    with_files = {
        model._meta.label
        for model in apps.get_models()
        if any(isinstance(f, models.FileField) for f in model._meta.get_fields())
    }
    covered = {model._meta.label for _, model in PATHS.values()}

    assert with_files - generated == covered


DOWNLOADS = {
    "provider document": ("providers:document_download", "provider", lambda w: w.document.pk),
    "monitoring evidence": (
        "monitoring:evidence_file",
        "provider",
        lambda w: w.monitoring_evidence.pk,
    ),
    "event material": ("engagement:material_download", "commissioner", lambda w: w.material.pk),
    "report": ("reports:download", "commissioner", lambda w: w.report_job.pk),
    "report (API)": ("api_report_download", "commissioner", lambda w: w.report_job.pk),
}


@pytest.mark.parametrize("download", list(DOWNLOADS))
def test_download_of_a_file_lost_from_storage_is_404_not_a_server_error(
    world, clients, settings, tmp_path, download
):
    name, role, pk = DOWNLOADS[download]
    url = reverse(name, kwargs={"pk": pk(world)})
    assert clients[role].get(url).status_code == 200

    settings.MEDIA_ROOT = tmp_path  # storage restored without the uploads

    response = clients[role].get(url)
    assert (response.status_code, response.get("Content-Type", "").startswith("text/html")) == (
        404,
        not url.startswith("/api/"),
    )


def test_bid_attachment_lost_from_storage_is_404_through_the_api(
    world, clients, settings, tmp_path
):
    url = reverse(
        "api_bid_attachment", kwargs={"pk": world.bid.pk, "attachment_pk": world.bid_attachment.pk}
    )
    assert clients["provider"].get(url).status_code == 200

    settings.MEDIA_ROOT = tmp_path

    response = clients["provider"].get(url)
    assert (response.status_code, response.json()["errors"][0]["code"]) == (404, "not_found")
