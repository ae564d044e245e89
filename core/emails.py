"""Sending email: rendered in the request, delivered by a Celery worker after commit."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string


def email_send(*, to: list[str], template: str, context: dict[str, Any]) -> None:
    """Queue an email built from `<template>_subject.txt` and `<template>_message.txt`.

    Side effects: queues the `core.send_email` task once the current transaction commits, so an
    email never goes out for a change that was rolled back.
    """
    full_context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(
        render_to_string(f"{template}_subject.txt", full_context).split()
    )
    body = render_to_string(f"{template}_message.txt", full_context)
    email_queue(to=to, subject=subject, body=body)


def email_queue(*, to: list[str], subject: str, body: str, html: str = "") -> None:
    """Hand an already-rendered email to the worker once the transaction commits. Its key
    makes the delivery idempotent (see `core.tasks.send_email`)."""
    from core.tasks import send_email  # noqa: PLC0415

    key = uuid.uuid4().hex
    transaction.on_commit(
        lambda: send_email.delay(to=list(to), subject=subject, body=body, html=html, key=key)
    )
