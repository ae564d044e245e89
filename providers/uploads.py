"""Checking uploaded files by what they contain, not what they are called."""

from __future__ import annotations

import zipfile

import filetype
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from core.errors import ApplicationError
from providers.constants import ALLOWED_UPLOAD_TYPES, MAX_UPLOAD_BYTES

_ZIP_BASED = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _sniff_zip(upload: UploadedFile) -> str | None:
    """Word and OpenDocument files are zip archives; look inside for what they really are."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == _ODT_MIMETYPE:
                return "application/vnd.oasis.opendocument.text"
            for marker, mime in _ZIP_BASED.items():
                if marker in names:
                    return mime
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)
    return None


def upload_check(upload: UploadedFile) -> str:
    """Return the file's real MIME type, or refuse it with a message a person can act on."""
    if upload.size is None or upload.size == 0:
        raise ApplicationError("The selected file is empty.")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ApplicationError(
            f"The selected file must be smaller than {filesizeformat(MAX_UPLOAD_BYTES)}."
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime in ("application/zip", None) or (mime or "").startswith("application/vnd."):
        mime = _sniff_zip(upload) or mime
    if mime not in ALLOWED_UPLOAD_TYPES:
        allowed = ", ".join(sorted(set(ALLOWED_UPLOAD_TYPES.values())))
        raise ApplicationError(f"The selected file must be a {allowed}.")
    return mime
