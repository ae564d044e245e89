"""The programme dashboard: every agreement, the RAG summary, reach, costs, wellbeing change
across projects and the evidence gathered against the six evaluation questions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from monitoring import charts, selectors
from monitoring.instruments import INSTRUMENTS
from monitoring.models import Agreement


@login_required
def programme_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_dashboard(user=request.user, pk=pk)
    dashboard = selectors.programme_dashboard(programme=programme, viewer=request.user)
    by_instrument: dict[str, list[tuple[str, object]]] = {}
    for d in dashboard.dashboards:
        for result in d.results:
            if result.analysis is not None:
                by_instrument.setdefault(result.instrument.code, []).append(
                    (d.agreement.provider.name, result.analysis)
                )
    change_charts = [
        charts.change_by_project_chart(rows, INSTRUMENTS[code])
        for code, rows in sorted(by_instrument.items())
    ]
    pooled_charts = [charts.wellbeing_chart(r) for r in dashboard.pooled if r.analysis is not None]
    return render(
        request,
        "monitoring/programme_dashboard.html",
        {
            "programme": programme,
            "dashboard": dashboard,
            "change_charts": change_charts,
            "pooled": list(
                zip(
                    [r for r in dashboard.pooled if r.analysis is not None],
                    pooled_charts,
                    strict=True,
                )
            ),
            "has_agreements": bool(dashboard.dashboards),
            "can_add": request.user.has_perm("monitoring.add_agreement", programme.organisation),
            "agreement_model": Agreement,
        },
    )


def instruments(request: HttpRequest) -> HttpResponse:
    """The instruments, how they are scored, and their licences and attributions."""
    return render(request, "monitoring/instruments.html", {"instruments": INSTRUMENTS.values()})
