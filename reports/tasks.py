"""The report worker's tasks: thin adapters over reports.services.

`reports.generate` runs on its own queue ("reports", routed in config/settings.py) so a big
report never holds up emails or the opportunities' closing; its worker runs one at a time.
"""

from __future__ import annotations

import logging
import os

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import celeryd_after_setup
from django import db
from django.conf import settings
from django.db import InterfaceError, OperationalError

from core.errors import ApplicationError
from reports import services
from reports.constants import HARD_TIME_LIMIT_SECONDS, SOFT_TIME_LIMIT_SECONDS

logger = logging.getLogger(__name__)

# Worth another go a little later: the database or storage was briefly unreachable.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    name="reports.generate",
    bind=True,
    acks_late=True,
    # A worker killed mid-report (out of memory, a deploy) gives the message back.
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_TIME_LIMIT_SECONDS,
    time_limit=HARD_TIME_LIMIT_SECONDS,
    max_retries=2,
    default_retry_delay=10,
)
def report_generate(self, *, job_id: int, attempt: int) -> None:
    try:
        services.report_build(job_id=job_id, attempt=attempt)
    except services.JobBusy as busy:
        # Another worker is still on it; look again once it would have gone silent.
        if not self.request.is_eager:
            report_generate.apply_async(
                kwargs={"job_id": job_id, "attempt": attempt}, countdown=busy.seconds
            )
    except ApplicationError as exc:
        services.report_fail(job_id=job_id, attempt=attempt, message=exc.message)
    except SoftTimeLimitExceeded:
        services.report_fail(job_id=job_id, attempt=attempt, message=services.TOO_LONG)
    except TRANSIENT as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc) from exc
        logger.exception("Report %s failed after retries", job_id)
        services.report_fail(job_id=job_id, attempt=attempt, message=services.generic_failure())
    except Exception:
        logger.exception("Report %s failed", job_id)
        services.report_fail(job_id=job_id, attempt=attempt, message=services.generic_failure())


@shared_task(name="reports.jobs_recover")
def report_jobs_recover() -> int:
    return services.report_jobs_recover()


@celeryd_after_setup.connect
def _warm_up_report_worker(sender, instance, **kwargs) -> None:
    """A worker that builds reports loads what they need once, before it forks, so its first
    report is as quick as the rest; takes back the reports a killed worker left running; and
    gives way to web requests on the same machine (REPORTS_WORKER_NICENESS)."""
    if "reports" in instance.app.amqp.queues.consume_from:
        if settings.REPORTS_WORKER_NICENESS > 0:
            os.nice(settings.REPORTS_WORKER_NICENESS)
        services.report_worker_warm_up()
        services.report_jobs_redeliver()
        # Read before the pool forks: no child may inherit this process's connection.
        db.connections.close_all()
