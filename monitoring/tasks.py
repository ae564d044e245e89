from celery import shared_task
from django.utils import timezone


@shared_task(name="monitoring.returns_remind", max_retries=3)
def returns_remind() -> int:
    from monitoring.services.reminders import returns_remind as remind  # noqa: PLC0415

    return remind(today=timezone.localdate())
