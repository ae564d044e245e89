from celery import shared_task

from tenders.services import lifecycle


@shared_task(name="tenders.opportunities_close_due")
def opportunities_close_due() -> int:
    return lifecycle.opportunities_close_due()
