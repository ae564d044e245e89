"""What a reports worker does once when it starts, before it forks its pool."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from reports import tasks


def _worker(*queues: str):
    return SimpleNamespace(
        app=SimpleNamespace(
            amqp=SimpleNamespace(queues=SimpleNamespace(consume_from=dict.fromkeys(queues)))
        )
    )


@pytest.fixture
def started(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.os, "nice", lambda n: calls.append(("nice", n)))
    monkeypatch.setattr(tasks.services, "report_worker_warm_up", lambda: calls.append("warm"))
    monkeypatch.setattr(tasks.services, "report_jobs_redeliver", lambda: calls.append("redeliver"))
    closing = SimpleNamespace(close_all=lambda: calls.append("closed"))
    monkeypatch.setattr(tasks.db, "connections", closing)
    return calls


def test_a_reports_worker_gives_way_to_web_requests_and_warms_up(started, settings):
    settings.REPORTS_WORKER_NICENESS = 10

    tasks._warm_up_report_worker(sender="reports@host", instance=_worker("reports"))

    assert started == [("nice", 10), "warm", "redeliver", "closed"]


def test_niceness_zero_leaves_the_priority_alone(started, settings):
    settings.REPORTS_WORKER_NICENESS = 0

    tasks._warm_up_report_worker(sender="reports@host", instance=_worker("reports"))

    assert started == ["warm", "redeliver", "closed"]


def test_a_worker_for_other_queues_is_left_alone(started):
    tasks._warm_up_report_worker(sender="celery@host", instance=_worker("celery"))

    assert started == []
