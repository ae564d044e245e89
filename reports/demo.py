"""Demo reports: the Gloucestershire commissioner has asked for the programme pilot report of
the arts and health innovation grants (the NEF report's Gloucestershire pilot) and for the
grant call's tender pack. They are requested through the service, so the reports worker builds
them once `make run` starts it, exactly as when someone presses the button."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from commissioning.models import Programme
from reports import services
from reports.models import ReportJob
from tenders.models import Opportunity

COMMISSIONER = "commissioner@gloucestershire.example.org"
PROGRAMME = "Arts and health innovation grants 2026"


@transaction.atomic
def seed() -> str:
    user = User.objects.filter(email=COMMISSIONER).first()
    programme = Programme.objects.filter(name=PROGRAMME).first()
    if user is None or programme is None:
        return "no Gloucestershire programme to report on"
    if ReportJob.objects.filter(requested_by=user).exists():
        return f"{ReportJob.objects.filter(requested_by=user).count()} reports already asked for"
    organisation = programme.organisation
    services.report_request(
        actor=user,
        organisation=organisation,
        kind="programme",
        target_id=programme.pk,
        parameters={
            "period_start": programme.start_date.isoformat(),
            "period_end": programme.end_date.isoformat(),
        },
    )
    asked = 1
    grant_call = Opportunity.objects.filter(programme=programme).order_by("pk").first()
    if grant_call is not None:
        services.report_request(
            actor=user,
            organisation=organisation,
            kind="tender_pack",
            target_id=grant_call.pk,
            parameters={},
        )
        asked += 1
    return f"{asked} reports asked for (the reports worker builds them)"
