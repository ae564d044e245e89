"""Checking uploaded files by what they contain, not what they are called."""

from __future__ import annotations

import zipfile

import filetype
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from core.errors import ApplicationError
from providers.constants import (
    ALLOWED_UPLOAD_TYPES,
    MAX_COMPRESSION_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
)

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


# Markup a browser would run if it were ever persuaded to read the file as a page. Our own
# types never contain it as plain bytes; a "PDF" that starts %PDF and then carries a web page
# is a polyglot made to slip past a check of the first bytes.
_MARKUP = (b"<script", b"<html", b"<!doctype html", b"<svg", b"<iframe", b"javascript:")
# Embedded PDF JavaScript (run by some readers when the file opens).
_PDF_SCRIPT = (b"/javascript", b"/js ", b"/js(", b"/js<")
_CHUNK = 64 * 1024


def _scan(upload: UploadedFile, needles: tuple[bytes, ...]) -> bool:
    """Whether any needle (lower case) occurs in the file, read in overlapping chunks."""
    upload.seek(0)
    tail = b""
    try:
        for chunk in iter(lambda: upload.read(_CHUNK), b""):
            window = (tail + chunk).lower()
            if any(needle in window for needle in needles):
                return True
            tail = window[-32:]
    finally:
        upload.seek(0)
    return False


def _check_expansion(upload: UploadedFile) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    finally:
        upload.seek(0)
    expanded = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if expanded > MAX_UNCOMPRESSED_BYTES or expanded / compressed > MAX_COMPRESSION_RATIO:
        raise ApplicationError(
            "The selected file expands to far more than its size, so it cannot be accepted. "
            "Save it again from your word processor and upload that."
        )


def _check_single_type(upload: UploadedFile, mime: str) -> None:
    """Refuse a file that is a PDF or image and something else too (a polyglot): a page or
    script inside, an archive appended (as a GIFAR hides a Java archive in a picture)."""
    if mime.startswith("application/vnd."):
        return  # Word and OpenDocument files are archives; their parts are compressed.
    label = ALLOWED_UPLOAD_TYPES[mime]
    hidden = _scan(upload, _MARKUP)
    if not hidden and mime == "application/pdf":
        hidden = _scan(upload, _PDF_SCRIPT)
    if not hidden:
        upload.seek(0)
        hidden = zipfile.is_zipfile(upload)
        upload.seek(0)
    if hidden:
        raise ApplicationError(
            f"The selected file is a {label} with something else hidden inside it (a script, "
            "a web page or an archive), so it cannot be accepted. Save it again as a plain "
            f"{label} and upload that."
        )


def upload_check(upload: UploadedFile) -> str:
    """Return the file's real MIME type, or refuse it with a message a person can act on:
    empty, too large, not one of the accepted types by its content, a zip bomb, or a polyglot
    (an accepted type with a script, a web page or an archive hidden in it)."""
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
    if mime.startswith("application/vnd."):
        _check_expansion(upload)
    _check_single_type(upload, mime)
    return mime
