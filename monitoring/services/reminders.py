"""Due-soon and overdue reminders for returns not yet submitted, run daily by Celery beat."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q

from core.emails import email_send
from monitoring.constants import REMIND_DUE_SOON_DAYS, ReturnStatus
from monitoring.models import ReminderSent, ReportingPeriod
from monitoring.schedule import reminder_due
from monitoring.services.common import organisation_emails


@transaction.atomic
def returns_remind(*, today: datetime.date) -> int:
    """Send each reminder whose day has come, once. Idempotent: running it twice on a day sends
    nothing the second time. Side effects: emails to the provider; a ReminderSent per email."""
    periods = (
        ReportingPeriod.objects.filter(
            due_on__lte=today + datetime.timedelta(days=REMIND_DUE_SOON_DAYS)
        )
        .filter(Q(report__isnull=True) | Q(report__status=ReturnStatus.DRAFT))
        .select_related("agreement__provider", "agreement__commissioner")
        .prefetch_related("reminders")
    )
    sent = 0
    for period in periods:
        kind = reminder_due(
            due_on=period.due_on, today=today, already_sent={r.kind for r in period.reminders.all()}
        )
        if kind is None:
            continue
        ReminderSent.objects.create(period=period, kind=kind, sent_on=today)
        email_send(
            to=organisation_emails(period.agreement.provider),
            template=f"monitoring/email/return_{kind}",
            context={"period": period, "agreement": period.agreement, "today": today},
        )
        sent += 1
    return sent
