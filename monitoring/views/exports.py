"""CSV downloads for an agreement's parties and a programme's commissioners."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from monitoring import selectors
from monitoring.exports import EXPORTS, export_csv
from monitoring.models import Agreement
from monitoring.views.common import agreement_for


def _download(kind: str, ids, filename: str) -> HttpResponse:
    if kind not in EXPORTS:
        raise Http404
    response = HttpResponse(export_csv(kind, ids), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{kind}.csv"'
    return response


@login_required
def agreement_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    agreement = agreement_for(request, pk)
    return _download(kind, [agreement.pk], agreement.reference)


@login_required
def programme_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    programme = selectors.programme_get_for_dashboard(user=request.user, pk=pk)
    ids = Agreement.objects.filter(programme=programme).values("pk")
    return _download(kind, ids, f"programme-{programme.pk}")
