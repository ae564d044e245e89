"""Panels end to end through the services: invitations, conflicts first, scoring, moderation,
decisions, letters, standstill and the award."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import ApplicationError
from core.models import AuditEntry
from evaluation import selectors
from evaluation.constants import ConflictLevel, ConflictRuling, Outcome, PanelRole, PanelStatus
from evaluation.models import Assignment, Letter, PanelMember, Score
from evaluation.services import conflicts, decisions, moderation, panels
from evaluation.services.scoring import MarkInput, ScoreConflictError, scoresheet_save
from tenders.constants import Status
from tests.evaluation.conftest import closed_call, declare_all, make_panel, score_all, seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _marks(bid, value="3", comment="Scored against the descriptors."):
    return {c.pk: MarkInput(value=value, comment=comment) for c in bid.opportunity.criteria.all()}


def test_member_invite_emails_a_single_use_link_and_accept_needs_the_same_email(
    call, django_capture_on_commit_callbacks
):
    panel = make_panel(call)
    with django_capture_on_commit_callbacks(execute=True):
        member = panels.member_invite(
            actor=call.user,
            panel=panel,
            email="Pat@Example.org",
            full_name="Pat Green",
            role="patient",
        )
    path = mail.outbox[-1].body.split("/panels/join/")[1].split("/")[0]
    assert member.user is None
    assert member.token_digest != path  # only a digest is stored
    found = selectors.member_get_by_token(token=path)
    stranger = UserFactory(email="someone@example.org")
    with pytest.raises(ApplicationError, match=r"sent to pat@example\.org"):
        panels.member_accept(user=stranger, member=found)

    patient = UserFactory(email="pat@example.org")
    panels.member_accept(user=patient, member=found)

    found.refresh_from_db()
    assert (found.user, found.token_digest) == (patient, None)
    with pytest.raises(ApplicationError, match="already been accepted"):
        panels.member_accept(user=patient, member=found)


def test_member_invite_refuses_duplicate_and_bad_input(call):
    panel = make_panel(call)
    panels.member_invite(
        actor=call.user, panel=panel, email="a@example.org", full_name="A", role="patient"
    )

    with pytest.raises(ApplicationError, match="already been invited"):
        panels.member_invite(
            actor=call.user, panel=panel, email="A@example.org", full_name="A", role="patient"
        )
    with pytest.raises(ApplicationError, match="role"):
        panels.member_invite(
            actor=call.user, panel=panel, email="b@example.org", full_name="B", role="boss"
        )
    with pytest.raises(ApplicationError, match="email"):
        panels.member_invite(
            actor=call.user, panel=panel, email="nope", full_name="B", role="patient"
        )
    assert PanelMember.objects.filter(panel=panel).count() == 1


def test_panel_create_refused_for_another_organisation(call):
    outsider = UserFactory()
    with pytest.raises(ApplicationError, match="Only commissioners"):
        panels.panel_create(actor=outsider, opportunity=call.opportunity, name="Mine")


def test_open_scoring_moves_opportunity_to_evaluation_and_assigns_everyone(call):
    panel = make_panel(call)
    members = [seat(panel, PanelRole.CHAIR), seat(panel), seat(panel, PanelRole.CLINICIAN)]

    created = panels.panel_open_scoring(actor=call.user, panel=panel)

    call.opportunity.refresh_from_db()
    assert call.opportunity.status == Status.EVALUATION
    assert created == 9
    assert Assignment.objects.filter(panel=panel, member=members[1]).count() == 3


def test_even_assignment_gives_minimum_scorers_and_a_mix_of_roles(glos_commissioner):
    call = closed_call(glos_commissioner, amounts=["5000"] * 4)
    panel = make_panel(call, assignment_mode="even", min_scorers_per_bid=2)
    seat(panel, PanelRole.CHAIR)
    for role in (PanelRole.PATIENT, PanelRole.PATIENT, PanelRole.CLINICIAN, PanelRole.CLINICIAN):
        seat(panel, role)

    panels.panel_open_scoring(actor=call.user, panel=panel)

    for bid in call.bids:
        roles = [a.member.role for a in Assignment.objects.filter(bid=bid).select_related("member")]
        assert len(roles) == 2
        assert len(set(roles)) == 2
    loads = sorted(a.member_id for a in Assignment.objects.filter(panel=panel))
    assert max(loads.count(m) for m in set(loads)) - min(loads.count(m) for m in set(loads)) <= 1


def test_selectors_refuse_bid_content_before_declaring(scoring_panel):
    from django.http import Http404  # noqa: PLC0415

    call = scoring_panel["call"]
    panel = scoring_panel["panel"]
    newcomer = seat(panel, PanelRole.ARTS)
    panels.assignments_build(panel=panel)
    access = selectors.panel_get_for_user(user=newcomer.user, pk=panel.pk)

    with pytest.raises(Http404):
        selectors.submission_for_member(access=access, bid_id=call.bids[0].pk)
    declare_all(newcomer, call.bids[:1])
    submission, _ = selectors.submission_for_member(access=access, bid_id=call.bids[0].pk)
    assert submission.bid == call.bids[0]


def test_scoring_before_declaring_is_refused(call):
    panel = make_panel(call)
    seat(panel, PanelRole.CHAIR)
    member = seat(panel)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    assignment = member.assignments.get(bid=call.bids[0])

    with pytest.raises(ApplicationError, match="Declare whether you have a conflict"):
        scoresheet_save(actor=member.user, assignment=assignment, marks=_marks(call.bids[0]))
    assert Score.objects.count() == 0


def test_actual_conflict_removes_member_and_reassigns_to_keep_minimum(glos_commissioner):
    call = closed_call(glos_commissioner, amounts=["5000"])
    panel = make_panel(call, assignment_mode="even", min_scorers_per_bid=2)
    seat(panel, PanelRole.CHAIR)
    patient = seat(panel, PanelRole.PATIENT)
    seat(panel, PanelRole.CLINICIAN)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    bid = call.bids[0]
    assigned_before = set(Assignment.objects.filter(bid=bid).values_list("member_id", flat=True))
    conflicted = (
        patient
        if patient.pk in assigned_before
        else PanelMember.objects.get(pk=min(assigned_before))
    )

    conflicts.declaration_make(
        actor=conflicted.user, member=conflicted, bid=bid, level="actual", note="My sister runs it"
    )

    counted = Assignment.objects.filter(bid=bid, set_aside_at__isnull=True)
    assert counted.count() == 2
    assert conflicted.pk not in set(counted.values_list("member_id", flat=True))
    assert AuditEntry.objects.filter(action="panel.reassign").count() == 1
    with pytest.raises(ApplicationError, match="conflict of interest with this bid"):
        scoresheet_save(
            actor=conflicted.user,
            assignment=Assignment.objects.get(member=conflicted, bid=bid),
            marks=_marks(bid),
        )


def test_late_conflict_sets_scores_aside_not_deleted(scoring_panel):
    patient = scoring_panel["patient"]
    bid = scoring_panel["call"].bids[0]
    score_all(patient, bid, "4")

    conflicts.declaration_make(
        actor=patient.user, member=patient, bid=bid, level="actual", note="I found I know them"
    )

    assignment = Assignment.objects.get(member=patient, bid=bid)
    assert assignment.set_aside_at is not None
    assert Score.objects.filter(member=patient, bid=bid).count() == 3
    moderated = selectors.moderated_bid(panel=scoring_panel["panel"], bid_id=bid.pk)
    assert patient not in moderated.members
    report = selectors.panel_report(panel=scoring_panel["panel"])
    assert [a.member for a in report["set_aside"]] == [patient]


def test_declaring_none_cannot_withdraw_a_conflict(scoring_panel):
    patient = scoring_panel["patient"]
    bid = scoring_panel["call"].bids[1]
    conflicts.declaration_make(
        actor=patient.user, member=patient, bid=bid, level="perceived", note="Neighbour"
    )

    with pytest.raises(ApplicationError, match="cannot be withdrawn"):
        conflicts.declaration_make(actor=patient.user, member=patient, bid=bid, level="none")


def test_perceived_conflict_waits_for_the_chair(scoring_panel, django_capture_on_commit_callbacks):
    patient, chair = scoring_panel["patient"], scoring_panel["chair"]
    panel = scoring_panel["panel"]
    bid = scoring_panel["call"].bids[1]
    with django_capture_on_commit_callbacks(execute=True):
        declaration = conflicts.declaration_make(
            actor=patient.user,
            member=patient,
            bid=bid,
            level="perceived",
            note="Neighbour of the director",
        )
    assert chair.user.email in mail.outbox[-1].to
    access = selectors.panel_get_for_user(user=patient.user, pk=panel.pk)
    from django.http import Http404  # noqa: PLC0415

    with pytest.raises(Http404):
        selectors.submission_for_member(access=access, bid_id=bid.pk)
    with pytest.raises(ApplicationError, match="Only the panel's chair"):
        conflicts.declaration_rule(
            actor=patient.user, declaration=declaration, ruling="may_score", note="x"
        )
    with pytest.raises(ApplicationError, match="reason"):
        conflicts.declaration_rule(
            actor=chair.user, declaration=declaration, ruling="may_score", note=""
        )

    conflicts.declaration_rule(
        actor=chair.user, declaration=declaration, ruling=ConflictRuling.MAY_SCORE, note="Not close"
    )

    submission, _ = selectors.submission_for_member(access=access, bid_id=bid.pk)
    assert submission.bid == bid


def test_score_outside_scale_is_refused(scoring_panel):
    patient = scoring_panel["patient"]
    bid = scoring_panel["call"].bids[0]
    assignment = patient.assignments.get(bid=bid)

    with pytest.raises(ApplicationError, match="one of the scale's points, from 0 to 5"):
        scoresheet_save(actor=patient.user, assignment=assignment, marks=_marks(bid, value="7"))
    with pytest.raises(ApplicationError, match="scale's points"):
        scoresheet_save(actor=patient.user, assignment=assignment, marks=_marks(bid, value="2.5"))
    assert Score.objects.filter(member=patient).count() == 0


def test_submit_needs_every_score_and_a_long_enough_comment(scoring_panel):
    panel = scoring_panel["panel"]
    panels.panel_update_plan(actor=scoring_panel["call"].user, panel=panel, comment_min_length=20)
    patient = scoring_panel["patient"]
    bid = scoring_panel["call"].bids[0]
    criteria = list(bid.opportunity.criteria.all())
    assignment = patient.assignments.get(bid=bid)
    marks = {
        criteria[0].pk: MarkInput(value="4", comment="Good."),
        criteria[1].pk: MarkInput(value="3", comment=""),
    }

    with pytest.raises(ApplicationError) as error:
        scoresheet_save(actor=patient.user, assignment=assignment, marks=marks, submit=True)

    assert error.value.extra["problems"] == [
        "Your comment on 'Quality of the delivery network' must be at least 20 characters (it is 5).",
        "Write a comment on 'Price'.",
        "Score 'Social value', or mark it not applicable.",
    ]
    assignment.refresh_from_db()
    assert assignment.submitted_at is None


def test_draft_then_submit_and_others_scores_visible_only_after_submitting(scoring_panel):
    patient, clinician = scoring_panel["patient"], scoring_panel["clinician"]
    panel = scoring_panel["panel"]
    bid = scoring_panel["call"].bids[0]
    score_all(clinician, bid, "4")
    score_all(patient, bid, "2", submit=False)
    access = selectors.panel_get_for_user(user=patient.user, pk=panel.pk)
    assignment = patient.assignments.get(bid=bid)

    assert selectors.others_scores(access=access, assignment=assignment) == []
    score_all(patient, bid, "2")
    assignment.refresh_from_db()
    others = selectors.others_scores(access=access, assignment=assignment)
    assert [o["member"] for o in others] == [clinician]


def test_stale_revision_from_another_tab_is_refused(scoring_panel):
    patient = scoring_panel["patient"]
    bid = scoring_panel["call"].bids[0]
    criterion = bid.opportunity.criteria.first()
    assignment = patient.assignments.get(bid=bid)
    scoresheet_save(
        actor=patient.user,
        assignment=assignment,
        marks={criterion.pk: MarkInput(value="4", comment="First tab", revision=0)},
    )

    with pytest.raises(ScoreConflictError, match="changed in another window"):
        scoresheet_save(
            actor=patient.user,
            assignment=assignment,
            marks={criterion.pk: MarkInput(value="1", comment="Second tab", revision=0)},
        )
    assert Score.objects.get(member=patient, criterion=criterion).comment == "First tab"


def test_submitted_score_cannot_change_after_moderation_starts(scoring_panel):
    patient = scoring_panel["patient"]
    bid = scoring_panel["call"].bids[0]
    score_all(patient, bid, "3")
    panels.panel_start_moderation(actor=scoring_panel["chair"].user, panel=scoring_panel["panel"])

    with pytest.raises(ApplicationError, match="Moderation has started"):
        score_all(patient, bid, "5")
    assert set(Score.objects.filter(member=patient, bid=bid).values_list("value", flat=True)) == {
        Decimal(3)
    }


def _moderate(scoring_panel, values: dict[int, str]) -> None:
    """Everyone scores; the chair records consensus for each bid at the given value."""
    panel = scoring_panel["panel"]
    call = scoring_panel["call"]
    for index, bid in enumerate(call.bids):
        for key, member in (
            ("chair", scoring_panel["chair"]),
            ("patient", scoring_panel["patient"]),
            ("clinician", scoring_panel["clinician"]),
        ):
            score_all(member, bid, "1" if (key == "patient" and index == 0) else "4")
    panels.panel_start_moderation(actor=scoring_panel["chair"].user, panel=panel)
    for index, bid in enumerate(call.bids):
        for criterion in bid.opportunity.criteria.all():
            moderation.consensus_record(
                actor=scoring_panel["chair"].user,
                panel=panel,
                bid=bid,
                criterion=criterion,
                value=values[index],
                rationale=f"Agreed {values[index]} after discussion.",
            )


def test_moderation_flags_disagreement_and_ranks_by_consensus(scoring_panel):
    _moderate(scoring_panel, {0: "3", 1: "5", 2: "4"})
    bids = selectors.moderation(panel=scoring_panel["panel"])

    assert [b.bid for b in bids] == [scoring_panel["call"].bids[i] for i in (1, 2, 0)]
    flagged = {b.bid.pk: b.flagged for b in bids}
    assert flagged == {
        scoring_panel["call"].bids[0].pk: True,
        scoring_panel["call"].bids[1].pk: False,
        scoring_panel["call"].bids[2].pk: False,
    }
    assert [b.consensus_total.value for b in bids] == [
        Decimal("100.00"),
        Decimal("80.00"),
        Decimal("60.00"),
    ]


def test_consensus_refused_without_rationale_or_off_scale(scoring_panel):
    panel = scoring_panel["panel"]
    panels.panel_start_moderation(actor=scoring_panel["chair"].user, panel=panel)
    bid = scoring_panel["call"].bids[0]
    criterion = bid.opportunity.criteria.first()

    with pytest.raises(ApplicationError, match="rationale"):
        moderation.consensus_record(
            actor=scoring_panel["chair"].user,
            panel=panel,
            bid=bid,
            criterion=criterion,
            value="3",
            rationale=" ",
        )
    with pytest.raises(ApplicationError, match="from the scale"):
        moderation.consensus_record(
            actor=scoring_panel["chair"].user,
            panel=panel,
            bid=bid,
            criterion=criterion,
            value="9",
            rationale="x",
        )
    with pytest.raises(ApplicationError, match="chair"):
        moderation.consensus_record(
            actor=scoring_panel["patient"].user,
            panel=panel,
            bid=bid,
            criterion=criterion,
            value="3",
            rationale="x",
        )


def test_decisions_letters_and_award_for_a_grant(scoring_panel, django_capture_on_commit_callbacks):
    call = scoring_panel["call"]
    panel = scoring_panel["panel"]
    panels.panel_update_plan(actor=call.user, panel=panel, budget=Decimal(21000))
    _moderate(scoring_panel, {0: "3", 1: "5", 2: "4"})
    panel.refresh_from_db()
    # Ranked: bid 1 (9,000), bid 2 (15,000: does not fit in 12,000), bid 0 (12,000: fits).
    view = selectors.funding_line_for(panel=panel)
    assert [c.bid_id for c in view.line.funded] == [call.bids[1].pk, call.bids[0].pk]
    assert [c.bid_id for c in view.line.skipped] == [call.bids[2].pk]

    assert decisions.decisions_from_funding_line(actor=call.user, panel=panel) == 3
    with django_capture_on_commit_callbacks(execute=True):
        letters = decisions.letters_send(actor=call.user, panel=panel)

    panel.refresh_from_db()
    assert panel.status == PanelStatus.LETTERS_SENT
    assert panel.standstill_ends_on is None  # grants have no standstill
    assert len(letters) == 3
    reserve = Letter.objects.get(decision__bid=call.bids[2])
    assert reserve.content["outcome"] == Outcome.RESERVE
    assert reserve.content["assessment_summary"] is None
    assert [c["rationale"] for c in reserve.content["criteria"]] == [
        "Agreed 4 after discussion."
    ] * 3
    text = str(reserve.content)
    for member in (scoring_panel["patient"], scoring_panel["clinician"], scoring_panel["chair"]):
        assert member.full_name not in text
    assert len([m for m in mail.outbox if "Decision on your bid" in m.subject]) == 3

    funded = panel.decisions.get(bid=call.bids[1])
    decisions.award_confirm(actor=call.user, decision=funded)
    decisions.award_confirm(actor=call.user, decision=panel.decisions.get(bid=call.bids[0]))
    call.opportunity.refresh_from_db()
    assert call.opportunity.status == Status.AWARDED
    with pytest.raises(ApplicationError, match="Only a funded"):
        decisions.award_confirm(actor=call.user, decision=panel.decisions.get(bid=call.bids[2]))


def test_decision_over_budget_or_against_the_line_needs_an_override_reason(scoring_panel):
    call = scoring_panel["call"]
    panel = scoring_panel["panel"]
    panels.panel_update_plan(actor=call.user, panel=panel, budget=Decimal(21000))
    _moderate(scoring_panel, {0: "3", 1: "5", 2: "4"})
    decisions.decisions_from_funding_line(actor=call.user, panel=panel)
    skipped = call.bids[2]

    with pytest.raises(ApplicationError) as error:
        decisions.decision_record(
            actor=call.user,
            panel=panel,
            bid=skipped,
            outcome="funded",
            reasons="Strong patient voice",
        )
    assert error.value.extra["problems"] == [
        "The funding line proposes reserve for this bid.",
        "Funding it takes the total to £36,000.00, over the budget of £21,000.00.",
    ]
    assert panel.decisions.get(bid=skipped).outcome == Outcome.RESERVE

    decision = decisions.decision_record(
        actor=call.user,
        panel=panel,
        bid=skipped,
        outcome="funded",
        reasons="Strong patient voice",
        override_reason="The ICB added £15,000 from the prevention budget.",
    )
    assert decision.override_reason == "The ICB added £15,000 from the prevention budget."
    entry = AuditEntry.objects.filter(action="decision.override").get()
    assert entry.after["override_reason"] == decision.override_reason


def test_letters_refused_until_every_bid_is_decided(scoring_panel):
    call = scoring_panel["call"]
    panel = scoring_panel["panel"]
    _moderate(scoring_panel, {0: "3", 1: "5", 2: "4"})
    decisions.decision_record(
        actor=call.user, panel=panel, bid=call.bids[1], outcome="funded", reasons="Top"
    )

    with pytest.raises(ApplicationError, match="2 bids still need a decision"):
        decisions.letters_send(actor=call.user, panel=panel)


def test_procurement_route_standstill_summary_and_award_after_standstill(glos_commissioner):
    call = closed_call(
        glos_commissioner, amounts=["12000", "9000"], route="open", budget=Decimal(20000)
    )
    panel = make_panel(call)
    chair = seat(panel, PanelRole.CHAIR)
    panels.panel_open_scoring(actor=call.user, panel=panel)
    declare_all(chair, call.bids)
    for bid, value in zip(call.bids, ("5", "3"), strict=True):
        score_all(chair, bid, value)
    panels.panel_start_moderation(actor=chair.user, panel=panel)
    for bid, value in zip(call.bids, ("5", "3"), strict=True):
        for criterion in bid.opportunity.criteria.all():
            moderation.consensus_record(
                actor=chair.user,
                panel=panel,
                bid=bid,
                criterion=criterion,
                value=value,
                rationale=f"Agreed {value}.",
            )
    decisions.decisions_from_funding_line(actor=call.user, panel=panel)

    decisions.letters_send(actor=call.user, panel=panel)

    panel.refresh_from_db()
    today = timezone.localdate()
    from evaluation.standstill import standstill_end  # noqa: PLC0415

    assert panel.standstill_ends_on == standstill_end(today)
    losing = Letter.objects.get(decision__bid=call.bids[1])
    assert losing.content["assessment_summary"] == [
        {
            "applicant": "Provider 1",
            "total": "100.00",
            "criteria": [
                {
                    "title": c.title,
                    "weight": str(c.weight),
                    "score": "5",
                    "label": "Excellent",
                    "rationale": "Agreed 5.",
                }
                for c in call.opportunity.criteria.all()
            ],
        }
    ]
    winner = panel.decisions.get(bid=call.bids[0])
    with pytest.raises(ApplicationError, match="standstill period ends"):
        decisions.award_confirm(actor=call.user, decision=winner)
    decisions.representation_record(
        actor=call.user,
        panel=panel,
        received_from="Provider 2",
        summary="Asked for feedback",
        bid=call.bids[1],
    )
    decisions.award_confirm(
        actor=call.user,
        decision=winner,
        today=panel.standstill_ends_on + datetime.timedelta(days=1),
    )
    winner.refresh_from_db()
    assert winner.confirmed_at is not None
    assert panel.representations.count() == 1
    assert ConflictLevel.NONE == "none"


def test_demo_runs_the_gloucestershire_assessment(settings):
    from django.core.management import call_command  # noqa: PLC0415

    from evaluation.models import Decision, Panel  # noqa: PLC0415

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")

    panel = Panel.objects.get()
    funded = Decision.objects.filter(panel=panel, outcome=Outcome.FUNDED)
    assert selectors.panel_submissions(panel=panel).count() == 24
    assert len({s.bid.organisation_id for s in selectors.panel_submissions(panel=panel)}) == 13
    assert sorted(funded.values_list("bid__title", flat=True)) == sorted(
        [
            "Laughing about forgetting",
            "Music at the threshold",
            "In control",
            "Moving pictures",
            "Making sense of pain",
            "Breathe and sing",
            "Secrets and lies",
            "Sound minds",
            "Art psychotherapy in the museum",
        ]
    )
    assert sum(d.amount_awarded for d in funded) == Decimal(132400)
    assert sorted(panel.declarations.exclude(level="none").values_list("level", flat=True)) == [
        "actual",
        "perceived",
    ]
    assert [b.bid.title for b in selectors.moderation(panel=panel) if b.flagged] == ["In control"]
    assert Letter.objects.filter(panel=panel).count() == 24
