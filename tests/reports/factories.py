"""Factories for report jobs, and the programme data the reports read: an opportunity with
themes (lots) built through the tender services, and bids as the bidding services leave them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
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
