from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from core.models import SentEmail


@shared_task(
    name="core.send_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_email(*, to: list[str], subject: str, body: str, html: str = "", key: str = "") -> int:
    """Deliver one email, once. Messages are acknowledged late, so a worker killed after
    sending but before acknowledging gets the message again: the key, recorded as soon as the
    mail server has accepted the email, stops a second copy."""
    if key and SentEmail.objects.filter(key=key).exists():
        return 0
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    if html:
        message.attach_alternative(html, "text/html")
    sent = message.send()
    if key:
        SentEmail.objects.get_or_create(key=key)
    return sent
