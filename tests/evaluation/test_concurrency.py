"""Two tabs, or two members, saving at the same moment never lose a saved score: one row per
member, bid and criterion (a database constraint), written under a row lock."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from evaluation.models import Score
from evaluation.services import scoring
from evaluation.services.scoring import MarkInput, ScoreConflictError, scoresheet_save


def _race(targets) -> list[object]:
    barrier = threading.Barrier(len(targets))
    results: list[object] = [None] * len(targets)

    def run(index, target):
        try:
            barrier.wait()
            results[index] = target()
        except Exception as exc:  # the test reports whatever each thread met
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def slow_validation(monkeypatch):
    """Widen the window between reading and writing, as a slow request would."""
    original = scoring._value

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return original(*args, **kwargs)

    monkeypatch.setattr(scoring, "_value", slow)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_same_member_two_tabs_one_save_wins_the_other_is_told(scoring_panel, slow_validation):
    patient = scoring_panel["patient"]
    bid = scoring_panel["call"].bids[0]
    criterion = bid.opportunity.criteria.first()
    assignment = patient.assignments.get(bid=bid)

    def save(value, comment):
        return lambda: scoresheet_save(
            actor=patient.user,
            assignment=assignment,
            marks={criterion.pk: MarkInput(value=value, comment=comment, revision=0)},
        )

    results = _race([save("4", "Tab one"), save("2", "Tab two")])

    conflicts = [r for r in results if isinstance(r, ScoreConflictError)]
    saved = [r for r in results if isinstance(r, list)]
    assert (len(saved), len(conflicts)) == (1, 1), results
    score = Score.objects.get(member=patient, bid=bid, criterion=criterion)
    assert score.revision == 1
    assert score.comment == saved[0][0].comment


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_members_saving_at_once_both_keep_their_scores(scoring_panel, slow_validation):
    patient, clinician = scoring_panel["patient"], scoring_panel["clinician"]
    bid = scoring_panel["call"].bids[0]
    criterion = bid.opportunity.criteria.first()

    def save(member, value):
        return lambda: scoresheet_save(
            actor=member.user,
            assignment=member.assignments.get(bid=bid),
            marks={criterion.pk: MarkInput(value=value, comment="Mine")},
        )

    results = _race([save(patient, "4"), save(clinician, "2")])

    assert all(isinstance(r, list) for r in results), results
    assert sorted(
        Score.objects.filter(bid=bid, criterion=criterion).values_list("member_id", "value")
    ) == sorted([(patient.pk, 4), (clinician.pk, 2)])
