"""A Celery app for the killed-worker tests: the project's own app, plus a hook that kills the
whole worker (SIGKILL, its process group) just before or just after one named task runs —
`KILL_TASK` and `KILL_AT` ("before" or "after") in the environment. Without them it is the
ordinary worker. "After" is the worst case for duplicates: the work is committed, the message
is not yet acknowledged, so the broker gives it to the next worker."""

from __future__ import annotations

import os
import signal

from celery.signals import task_postrun, task_prerun

from config.celery import app

__all__ = ["app"]

KILL_TASK = os.environ.get("KILL_TASK", "")
KILL_AT = os.environ.get("KILL_AT", "")


def _die() -> None:
    os.killpg(os.getpgrp(), signal.SIGKILL)


@task_prerun.connect
def _before(sender=None, **kwargs) -> None:
    if KILL_AT == "before" and sender is not None and sender.name == KILL_TASK:
        _die()


@task_postrun.connect
def _after(sender=None, **kwargs) -> None:
    if KILL_AT == "after" and sender is not None and sender.name == KILL_TASK:
        _die()
