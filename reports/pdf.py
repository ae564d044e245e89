"""Turning a report's HTML into a PDF with WeasyPrint, safely.

The HTML is rendered with a made-up base URL (`BASE_URL`); the URL fetcher serves only our own
static files and stored media under it, and data: URLs (the charts). Anything else — file://
anywhere, http(s) to any host, our own base with `..` — is refused, so text a person typed can
neither read the server's files nor make the worker fetch from the network.
"""

from __future__ import annotations

import contextlib
import logging
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from reports.constants import BASE_URL

logger = logging.getLogger(__name__)

_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
}
# Tagged PDF for screen readers (PDF/UA-1 sets pdf_tags) with the document's language and title.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "optimize_images": True}


class RefusedURLError(ValueError):
    pass


def _clean_path(path: str) -> str | None:
    """The relative path inside our base URL, or None when it tries to climb out."""
    path = unquote(path)
    normalised = posixpath.normpath(path)
    if path.startswith("/") or normalised.startswith("..") or "\x00" in path:
        return None
    return normalised


class ReportURLFetcher(URLFetcher):
    """Serves static files and stored media under BASE_URL, and data: URLs; refuses the rest."""

    def __init__(self, **kwargs) -> None:
        super().__init__(allowed_protocols={"https", "data"}, allow_redirects=False, **kwargs)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(BASE_URL):
            return self._refuse(url)
        path = _clean_path(urlsplit(url).path.removeprefix("/"))
        static_prefix, media_prefix = "static/", "media/"
        if path and path.startswith(static_prefix):
            found = finders.find(path.removeprefix(static_prefix))
            if found:
                file = Path(found)
                return URLFetcherResponse(
                    url, file.read_bytes(), {"Content-Type": _TYPES.get(file.suffix, "")}
                )
        elif path and path.startswith(media_prefix):
            name = path.removeprefix(media_prefix)
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as stored:
                    body = stored.read()
                return URLFetcherResponse(
                    url, body, {"Content-Type": _TYPES.get(Path(name).suffix.lower(), "")}
                )
        return self._refuse(url)

    def _refuse(self, url: str) -> URLFetcherResponse:
        self.refused.append(url)
        logger.warning("Report refused to fetch %s", url[:200])
        raise RefusedURLError(f"Reports may not fetch {url[:200]}")


@dataclass
class RenderedPdf:
    content: bytes
    pages: int
    refused: list[str]


class _PageCounter(logging.Handler):
    """Hears WeasyPrint's progress messages ("Step 5 - Creating layout - Page 12")."""

    def __init__(self, on_page: Callable[[int], None]) -> None:
        super().__init__(logging.INFO)
        self.on_page = on_page

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == "Step 5 - Creating layout - Page %d" and record.args:
            self.on_page(int(record.args[0]))


@contextlib.contextmanager
def _pages_reported(on_page: Callable[[int], None] | None) -> Iterator[None]:
    if on_page is None:
        yield
        return
    progress = logging.getLogger("weasyprint.progress")
    handler = _PageCounter(on_page)
    level, propagate = progress.level, progress.propagate
    # Heard here, not printed: one line per page would flood the worker's log.
    progress.setLevel(logging.INFO)
    progress.propagate = False
    progress.addHandler(handler)
    try:
        yield
    finally:
        progress.removeHandler(handler)
        progress.setLevel(level)
        progress.propagate = propagate


def pdf_render(
    html: str,
    *,
    on_page: Callable[[int], None] | None = None,
    on_layout: Callable[[int], None] | None = None,
    fetcher: URLFetcher | None = None,
) -> RenderedPdf:
    """Lay out and write the PDF. `on_page` hears each page as it is laid out, `on_layout`
    the page count once layout is done (both for progress)."""
    fetcher = fetcher or ReportURLFetcher()
    with _pages_reported(on_page):
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(**PDF_OPTIONS)
    if on_layout is not None:
        on_layout(len(document.pages))
    content = document.write_pdf(**PDF_OPTIONS)
    return RenderedPdf(
        content=content, pages=len(document.pages), refused=getattr(fetcher, "refused", [])
    )


WARM_UP_HTML = (
    '<html lang="en-GB"><head><title>Warm-up</title>'
    '<link rel="stylesheet" href="{static}reports/pdf.css"></head><body>'
    '<section class="cover"><h1 class="cover__title">Warm-up</h1></section>'
    '<section class="section"><h2>Table</h2><table class="table"><caption>Rows</caption>'
    "<thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody>"
    "</table></section></body></html>"
)


def pdf_warm_up() -> None:
    """Lay out and write a one-table document, so fonts, Pango and the stylesheet are loaded
    before the first real report (the reports worker does this once, before it forks)."""
    from reports.constants import STATIC_BASE  # noqa: PLC0415

    pdf_render(WARM_UP_HTML.format(static=STATIC_BASE))
