"""Agreements, returns, evidence and responses through the services: the journey, the refusals
(nothing saved), and the reminders with the clock frozen."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from commissioning.models import Kpi
from core.errors import ApplicationError
from core.models import AuditEntry
from monitoring import exports
from monitoring.constants import ReturnStatus
from monitoring.models import Evidence, InstrumentResponse, ReminderSent, Return
from monitoring.services import agreements, evidence, responses, returns
from monitoring.services.reminders import returns_remind
from tenders.models import Bid
from tests.factories import PDF_BYTES
from tests.monitoring.conftest import make_agreement
from tests.tenders.conftest import build_opportunity

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _filled_return(agreement, provider_member):
    period = agreement.periods.get(number=1)
    report = returns.return_start(actor=provider_member.user, period=period)
    item = agreement.kpis.get()
    returns.actual_record(
        actor=provider_member.user, report=report, agreement_kpi=item, value=Decimal(18)
    )
    returns.return_update(
        actor=provider_member.user,
        report=report,
        narrative="Twelve sessions.",
        spend_to_date=Decimal(3500),
    )
    return report


def test_agreement_create_generates_periods_and_instalments(agreement):
    assert agreement.monitoring_level == "light"
    assert agreement.periods.count() == 4
    assert [(i.amount, i.due_on) for i in agreement.instalments.all()] == [
        (Decimal("7500.00"), datetime.date(2026, 4, 1)),
        (Decimal("7500.00"), datetime.date(2027, 1, 1)),
    ]
    assert AuditEntry.objects.filter(action="agreement.create").count() == 1


def test_agreement_create_large_contract_is_enhanced(commissioner_member, provider_member):
    big = make_agreement(
        commissioner_member, provider_member, value=Decimal(4000000), kind="contract"
    )
    assert big.monitoring_level == "enhanced"


def test_agreement_create_refused_for_provider(provider_member, commissioner_member):
    with pytest.raises(ApplicationError):
        make_agreement(commissioner_member, provider_member, actor=provider_member.user)


def test_agreement_create_from_award_copies_outcomes_kpis_and_budget(
    commissioner_member, provider_member
):
    opportunity = build_opportunity(
        commissioner_member, route="innovation_grant", budget=Decimal(150000)
    )
    bid = Bid.objects.create(
        opportunity=opportunity,
        organisation=provider_member.organisation,
        title="Singing for breath",
    )
    bid.budget_lines.create(description="Artist fees", cost_type="variable", amount=Decimal(12000))
    made = agreements.agreement_create_from_award(
        actor=commissioner_member.user,
        bid=bid,
        amount=Decimal(12000),
        starts_on=datetime.date(2026, 4, 1),
    )
    assert (made.kind, made.monitoring_level, made.provider, made.commissioner) == (
        "grant",
        "light",
        provider_member.organisation,
        opportunity.organisation,
    )
    assert [o.statement for o in made.outcomes.all()] == [
        "People connect to their communities and feel less lonely"
    ]
    assert [k.kpi.slug for k in made.kpis.all()] == ["access-arts-cultural-activities"]
    assert [b.description for b in made.budget_lines.all()] == ["Artist fees"]
    with pytest.raises(ApplicationError):
        agreements.agreement_create_from_award(
            actor=commissioner_member.user, bid=bid, amount=Decimal(12000)
        )


def test_kpi_targets_out_of_order_refused(agreement, commissioner_member):
    with pytest.raises(ApplicationError) as error:
        agreements.agreement_kpi_add(
            actor=commissioner_member.user,
            agreement=agreement,
            kpi=Kpi.objects.get(slug="sessions-delivered"),
            minimum=Decimal(10),
            expected=Decimal(5),
            stretch=Decimal(20),
        )
    assert "minimum must be no more" in error.value.message
    assert agreement.kpis.count() == 1


def test_agreement_vary_records_reason_and_reschedules(agreement, commissioner_member):
    variation = agreements.agreement_vary(
        actor=commissioner_member.user,
        agreement=agreement,
        reason="Extended to finish the choir's concert",
        ends_on=datetime.date(2027, 6, 30),
        value=Decimal(16000),
    )
    agreement.refresh_from_db()
    assert (agreement.value, agreement.periods.count()) == (Decimal(16000), 5)
    assert variation.after["value"] == "16000"
    assert sum(i.amount for i in agreement.instalments.all()) == Decimal(16000)


def test_agreement_vary_without_reason_refused(agreement, commissioner_member):
    with pytest.raises(ApplicationError):
        agreements.agreement_vary(
            actor=commissioner_member.user, agreement=agreement, reason=" ", value=Decimal(1)
        )


@time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC))
def test_return_for_period_not_yet_open_refused(agreement, provider_member):
    with pytest.raises(ApplicationError) as error:
        returns.return_start(actor=provider_member.user, period=agreement.periods.get(number=1))
    assert (
        error.value.message
        == "The return for Quarter 1 (April 2026 start) opens on 1 April 2026, when the period starts."
    )
    assert Return.objects.count() == 0


def test_actual_with_wrong_unit_refused(agreement, provider_member):
    report = returns.return_start(
        actor=provider_member.user, period=agreement.periods.get(number=1)
    )
    with pytest.raises(ApplicationError) as error:
        returns.actual_record(
            actor=provider_member.user,
            report=report,
            agreement_kpi=agreement.kpis.get(),
            value=Decimal(40),
            unit="percentage",
        )
    assert error.value.message == "“Participants engaged” is measured as a count, not a percentage."
    with pytest.raises(ApplicationError):
        returns.actual_record(
            actor=provider_member.user,
            report=report,
            agreement_kpi=agreement.kpis.get(),
            value=Decimal("4.5"),
        )
    assert report.actuals.count() == 0


def test_return_submit_query_resubmit_accept_keeps_the_thread(
    agreement, provider_member, commissioner_member, django_capture_on_commit_callbacks
):
    report = _filled_return(agreement, provider_member)
    with django_capture_on_commit_callbacks(execute=True):
        returns.return_submit(actor=provider_member.user, report=report)
    with django_capture_on_commit_callbacks(execute=True):
        returns.return_query(
            actor=commissioner_member.user,
            report=report,
            comment="How many were referred by physios?",
        )
    with pytest.raises(ApplicationError):
        returns.return_submit(actor=provider_member.user, report=report)
    returns.return_submit(
        actor=provider_member.user, report=report, comment="Fourteen of the eighteen."
    )
    returns.return_accept(actor=commissioner_member.user, report=report)
    report.refresh_from_db()
    assert report.status == ReturnStatus.ACCEPTED
    assert [(c.kind, c.body) for c in report.comments.all()] == [
        ("submitted", ""),
        ("query", "How many were referred by physios?"),
        ("resubmitted", "Fourteen of the eighteen."),
        ("accepted", ""),
    ]
    assert [m.to for m in mail.outbox] == [
        [commissioner_member.user.email],
        [provider_member.user.email],
    ]


def test_return_submit_incomplete_lists_problems(agreement, provider_member):
    report = returns.return_start(
        actor=provider_member.user, period=agreement.periods.get(number=1)
    )
    with pytest.raises(ApplicationError) as error:
        returns.return_submit(actor=provider_member.user, report=report)
    assert (
        error.value.extra["problems"][0] == "Enter this period's actual for: Participants engaged."
    )
    report.refresh_from_db()
    assert report.status == ReturnStatus.DRAFT


def test_commissioner_cannot_edit_return(agreement, provider_member, commissioner_member):
    report = returns.return_start(
        actor=provider_member.user, period=agreement.periods.get(number=1)
    )
    with pytest.raises(ApplicationError):
        returns.return_update(actor=commissioner_member.user, report=report, narrative="Changed")


def test_evidence_wrong_type_refused(agreement, provider_member):
    report = returns.return_start(
        actor=provider_member.user, period=agreement.periods.get(number=1)
    )
    with pytest.raises(ApplicationError) as error:
        evidence.evidence_add(
            actor=provider_member.user,
            report=report,
            kind="photo",
            title="Choir",
            upload=SimpleUploadedFile("choir.png", b"MZ\x90\x00 not an image"),
        )
    assert error.value.message.startswith("The selected file must be a")
    with pytest.raises(ApplicationError):
        evidence.evidence_add(
            actor=provider_member.user,
            report=report,
            kind="photo",
            title="Poster",
            upload=SimpleUploadedFile("poster.pdf", PDF_BYTES),
        )
    assert Evidence.objects.count() == 0


def test_non_consented_evidence_never_exported(agreement, provider_member):
    report = returns.return_start(
        actor=provider_member.user, period=agreement.periods.get(number=1)
    )
    evidence.evidence_add(
        actor=provider_member.user,
        report=report,
        kind="photo",
        title="Faces at rehearsal",
        upload=SimpleUploadedFile("a.png", PNG),
        identifiable=True,
    )
    evidence.evidence_add(
        actor=provider_member.user,
        report=report,
        kind="video_link",
        title="Concert film",
        url="https://example.org/film",
        consented=True,
    )
    csv_text = exports.export_csv("evidence", [agreement.pk])
    assert "Concert film" in csv_text
    assert "Faces at rehearsal" not in csv_text


def test_response_record_scores_and_refuses_out_of_range(agreement, provider_member):
    response = responses.response_record(
        actor=provider_member.user,
        agreement=agreement,
        code="p001",
        instrument="swemwbs",
        time_point="baseline",
        collected_on=datetime.date(2026, 4, 8),
        items=[3, 3, 3, 3, 3, 3, 3],
    )
    assert (response.participant.code, response.raw_score, response.metric_score) == (
        "P001",
        21,
        Decimal("19.25"),
    )
    with pytest.raises(ApplicationError):
        responses.response_record(
            actor=provider_member.user,
            agreement=agreement,
            code="P002",
            instrument="swemwbs",
            time_point="baseline",
            collected_on=datetime.date(2026, 4, 8),
            items=[3, 3, 3, 3, 3, 3, 9],
        )
    with pytest.raises(ApplicationError):
        responses.response_record(
            actor=provider_member.user,
            agreement=agreement,
            code="Jane Smith",
            instrument="swemwbs",
            time_point="baseline",
            collected_on=datetime.date(2026, 4, 8),
            items=[3] * 7,
        )
    assert InstrumentResponse.objects.count() == 1


CSV_WITH_BAD_ROWS = """participant,time_point,collected_on,item_1,item_2,item_3,item_4,item_5,item_6,item_7
P001,baseline,2026-04-08,3,3,3,3,3,3,3
P001,follow_up,2026-07-01,4,4,4,4,4,4,4
P002,baseline,2026-04-08,3,3,3,3,3,3,8
P003,sometime,2026-04-08,3,3,3,3,3,3,3
"""


def test_import_with_bad_rows_reports_each_and_imports_nothing_by_default(
    agreement, provider_member
):
    report = responses.responses_import_check(
        agreement=agreement, instrument="swemwbs", csv_text=CSV_WITH_BAD_ROWS
    )
    assert [(r.line, r.ok) for r in report.rows] == [(2, True), (3, True), (4, False), (5, False)]
    assert report.rows[2].errors == [
        "Each SWEMWBS answer must be from 1 to 5: answer 7 is outside that range."
    ]
    with pytest.raises(ApplicationError):
        responses.responses_import(
            actor=provider_member.user,
            agreement=agreement,
            instrument="swemwbs",
            csv_text=CSV_WITH_BAD_ROWS,
            only_good_rows=False,
        )
    assert InstrumentResponse.objects.count() == 0
    count = responses.responses_import(
        actor=provider_member.user,
        agreement=agreement,
        instrument="swemwbs",
        csv_text=CSV_WITH_BAD_ROWS,
        only_good_rows=True,
    )
    assert (count, InstrumentResponse.objects.count()) == (2, 2)


def test_returns_remind_with_clock_frozen_sends_each_reminder_once(
    agreement, provider_member, django_capture_on_commit_callbacks
):
    period = agreement.periods.get(number=1)  # due 21 July 2026
    with time_machine.travel(datetime.datetime(2026, 7, 14, 8, tzinfo=datetime.UTC)):
        assert returns_remind(today=datetime.date(2026, 7, 14)) == 1
        assert returns_remind(today=datetime.date(2026, 7, 14)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert returns_remind(today=datetime.date(2026, 7, 22)) == 1
    assert sorted(ReminderSent.objects.filter(period=period).values_list("kind", flat=True)) == [
        "due_soon",
        "overdue",
    ]
    assert mail.outbox[-1].subject.endswith(
        "Return overdue: A bespoke choir for people with COPD and asthma, Quarter 1 (April 2026 start)"
    )


def test_returns_remind_skips_submitted_returns(agreement, provider_member):
    report = _filled_return(agreement, provider_member)
    returns.return_submit(actor=provider_member.user, report=report)
    mail.outbox.clear()
    assert returns_remind(today=datetime.date(2026, 7, 22)) == 0
