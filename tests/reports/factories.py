"""Factories for report jobs, and the programme data the reports read: an opportunity with
themes (lots) built through the tender services, and bids as the bidding services leave them."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from commissioning.models import OutcomeArea
from reports.constants import JobStatus, Stage
from reports.models import ReportJob
from tenders.constants import BidStatus
from tenders.models import Bid
from tenders.services import drafting, lifecycle
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory
from tests.tenders.conftest import build_opportunity

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
THEMES = ["Dementia", "Lung conditions (COPD and asthma)", "Young people's mental health"]


class ReportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportJob

    requested_by = factory.SubFactory(UserFactory)
    kind = "programme"
    target_id = factory.LazyAttribute(lambda o: ProgrammeFactory().pk)
    parameters = factory.LazyFunction(
        lambda: {"period_start": "2026-04-01", "period_end": "2027-03-31"}
    )
    title = factory.Sequence(lambda n: f"Programme pilot report: Programme {n}")
    request_key = factory.Sequence(lambda n: f"{n:064x}")

    class Params:
        done = factory.Trait(
            status=JobStatus.DONE,
            stage=Stage.DONE,
            progress=100,
            page_count=7,
            file_size=len(PDF),
            file=factory.django.FileField(filename="report.pdf", data=PDF),
            finished_at=factory.LazyFunction(timezone.now),
        )
        running = factory.Trait(
            status=JobStatus.RUNNING,
            stage=Stage.RENDERING,
            progress=55,
            runs=1,
            started_at=factory.LazyFunction(timezone.now),
            heartbeat_at=factory.LazyFunction(timezone.now),
        )
        failed = factory.Trait(
            status=JobStatus.FAILED,
            error="You can no longer see what this report is about, so it was not built.",
            finished_at=factory.LazyFunction(timezone.now),
        )


class BidFactory(factory.django.DjangoModelFactory):
    """A bid as bid_submit leaves it (its sealed content is not what reports read)."""

    class Meta:
        model = Bid
        skip_postgeneration_save = True

    opportunity = None
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Arts on prescription {n}")
    status = BidStatus.SUBMITTED

    class Params:
        draft = factory.Trait(status=BidStatus.DRAFT)

    @factory.post_generation
    def lots(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.lots.set(extracted)


def grant_call(commissioner_membership, *, themes: list[str] = THEMES, publish: bool = True):
    """A published innovation-grant call with one lot per theme, as the Gloucestershire pilot."""
    opportunity = build_opportunity(
        commissioner_membership,
        route="innovation_grant",
        budget=Decimal(150000),
        max_bid=Decimal(15000),
        contract_start=datetime.date(2026, 9, 1),
    )
    health = OutcomeArea.objects.get(name="Physical health")
    for theme in themes:
        drafting.lot_save(
            actor=commissioner_membership.user,
            opportunity=opportunity,
            title=theme,
            budget=Decimal(16000),
            outcome_areas=[health],
        )
    if publish:
        lifecycle.opportunity_publish(actor=commissioner_membership.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    programme = opportunity.programme
    programme.start_date = timezone.localdate() - datetime.timedelta(days=30)
    programme.end_date = timezone.localdate() + datetime.timedelta(days=365)
    programme.save()
    return opportunity


def png_bytes(colour: str = "#651b3e") -> bytes:
    from PIL import Image  # noqa: PLC0415

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


INJECTED = (
    'We met every week. <img src="file:///etc/passwd"> '
    '<img src="https://example.com/tracker.png"> https://example.com/our-film'
)


def funded_project(programme, *, bid=None, title="Singing for lung health", pairs=4):
    """An agreement in the programme with a KPI, two accepted quarterly returns (actuals,
    spend, learning), case studies with and without consent, evidence cleared and not, and
    SWEMWBS scores before and after for `pairs` participants."""
    from monitoring.models import (  # noqa: PLC0415
        CaseStudy,
        Evidence,
        Instalment,
        KpiActual,
        SpendLine,
    )
    from tests.monitoring.factories import (  # noqa: PLC0415
        AgreementFactory,
        AgreementKpiFactory,
        BudgetLineFactory,
        InstrumentResponseFactory,
        ParticipantFactory,
        ReportingPeriodFactory,
        ReturnFactory,
    )

    agreement = AgreementFactory(
        programme=programme,
        provider=bid.organisation if bid else OrganisationFactory(name="Breathe Sing Arts"),
        bid=bid,
        opportunity=bid.opportunity if bid else None,
        title=title,
        summary="A weekly choir for people with COPD, referred by their physiotherapists.",
        monitoring_level="standard",
    )
    kpi = AgreementKpiFactory(agreement=agreement)
    line = BudgetLineFactory(agreement=agreement, description="Choir leader", amount=9000)
    BudgetLineFactory(agreement=agreement, description="Venue", cost_type="fixed", amount=6000)
    Instalment.objects.create(
        agreement=agreement,
        number=1,
        amount=Decimal(7500),
        due_on=datetime.date(2026, 4, 1),
        paid_on=datetime.date(2026, 4, 3),
    )
    for number, (start, end, actual) in enumerate(
        [
            (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), 12),
            (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30), 14),
        ],
        start=1,
    ):
        period = ReportingPeriodFactory(
            agreement=agreement,
            number=number,
            starts_on=start,
            ends_on=end,
            due_on=end + datetime.timedelta(days=21),
        )
        report = ReturnFactory(
            period=period,
            status="accepted",
            narrative=f"Quarter {number}: sessions with people referred by physiotherapists.",
            learning_commissioners="Referral through physiotherapists worked best.",
            spend_to_date=Decimal(4000 * number),
        )
        KpiActual.objects.create(report=report, agreement_kpi=kpi, value=actual)
        SpendLine.objects.create(report=report, budget_line=line, amount=Decimal(4000 * number))
    CaseStudy.objects.create(
        report=report,
        title="Margaret's breath",
        body=INJECTED,
        quote="I can climb the stairs again.",
        consented=True,
    )
    CaseStudy.objects.create(
        report=report, title="Not agreed to share", body="Private story.", consented=False
    )
    stored = default_storage.save("monitoring/evidence/choir.png", ContentFile(png_bytes()))
    Evidence.objects.create(
        report=report,
        kind="photo",
        title="The choir in rehearsal",
        description="Twelve singers in a circle.",
        file=stored,
        file_type="image/png",
        consented=True,
    )
    Evidence.objects.create(
        report=report,
        kind="photo",
        title="Unconsented photo",
        file=stored,
        file_type="image/png",
        identifiable=True,
        consented=False,
    )
    for index in range(pairs):
        participant = ParticipantFactory(agreement=agreement)
        InstrumentResponseFactory(participant=participant, metric_score=Decimal("19.25"))
        InstrumentResponseFactory(
            participant=participant,
            time_point="follow_up",
            collected_on=datetime.date(2026, 9, 20),
            metric_score=Decimal("21.00") + index,
        )
    return agreement
