from celery import shared_task

from engagement.services import registrations


@shared_task(name="engagement.reminders_send")
def reminders_send() -> int:
    return registrations.reminders_send()
