"""A real Celery worker process picks up a task queued by the application."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core import mail

from accounts.constants import InvitationStatus
from accounts.models import Invitation
from config.celery import app
from tests.factories import InvitationFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_process_runs_a_queued_task(tmp_path):
    """Beat's hourly job, queued like beat queues it, is run by a separate worker process."""
    stale = InvitationFactory(expired=True)
    # The worker must use the test database this test is writing to.
    url = urlsplit(settings.DATABASE_URL)._replace(path="/" + settings.DATABASES["default"]["NAME"])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": urlunsplit(url),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        with app.connection_for_write() as connection:
            app.send_task("accounts.invitations_expire", connection=connection)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and worker.poll() is None:
            stale.refresh_from_db()
            if stale.status == InvitationStatus.EXPIRED:
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)

    assert stale.status == InvitationStatus.EXPIRED, output
    assert "accounts.invitations_expire" in output
    assert Invitation.objects.filter(status=InvitationStatus.EXPIRED).count() == 1
    assert mail.outbox == []
