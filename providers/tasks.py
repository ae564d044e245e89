from celery import shared_task

from providers.services import documents


@shared_task(name="providers.documents_remind")
def documents_remind() -> int:
    return documents.documents_remind()
