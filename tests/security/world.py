"""One world for the security suite: two commissioners' organisations, providers, calls, panels,
events, agreements and reports, built once through the services (factories only where the state
is the result of a long journey: letters, report files).

Every matrix entry points at an object owned by `commissioner` (organisation A) or by
`provider` (a bidder on call A), so each outsider role has a reason to be refused.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.services import invitation_create
from engagement.services import materials, registrations
from engagement.services import profiles as attendee_profiles
from evaluation.constants import ConflictLevel, PanelRole
from evaluation.services import panels
from monitoring.services import evidence as monitoring_evidence
from monitoring.services import returns
from providers.services import consortia, profiles, shortlists
from providers.services.documents import document_upload
from tenders.models import Attachment, BidPartner
from tenders.services import drafting, lifecycle
from tenders.services import engagement as tender_engagement
from tests.conftest import with_totp
from tests.engagement.conftest import make_event
from tests.evaluation.conftest import closed_call, declare_all, make_panel, seat
from tests.evaluation.factories import DecisionFactory, LetterFactory
from tests.factories import (
    PDF_BYTES,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.monitoring.conftest import make_agreement
from tests.reports.factories import ReportJobFactory
from tests.tenders.conftest import build_opportunity

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)

# The people who must be refused, by the name matrix entries use.
OUTSIDERS = (
    "anonymous",
    "other_provider",
    "provider_other_opportunity",
    "other_panel_member",
    "conflicted_panel_member",
    "other_commissioner",
)
# The people inside the world, for entries that say who may get in.
INSIDERS = ("commissioner", "provider", "panel_member", "panel_chair", "staff")


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def _pdf(name: str = "file.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def build_world() -> World:
    world = World()
    o = world.objects

    # Organisation A (the owner) and B (another commissioner), each with MFA.
    commissioner = MembershipFactory(
        admin=True, organisation=OrganisationFactory(icb=True, name="NHS Gloucestershire ICB")
    )
    with_totp(commissioner.user)
    other_commissioner = MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Kent County Council")
    )
    with_totp(other_commissioner.user)
    staff = UserFactory(platform_admin=True)
    with_totp(staff)
    o["organisation"] = commissioner.organisation
    o["commissioner_membership"] = commissioner
    o["invitation"] = invitation_create(
        actor=commissioner.user, organisation=commissioner.organisation, email="new@example.org"
    )
    o["programme"] = ProgrammeFactory(organisation=commissioner.organisation)

    # Call A: closed, three bids; the first bidder is "the provider". Call B: another
    # opportunity with its own bidder and panel.
    call = closed_call(commissioner)
    other_call = closed_call(commissioner, amounts=["9000"])
    o["call"] = call.opportunity
    o["bid"] = call.bids[0]
    # The call is closed, so the services refuse new files and invitations; these stand for
    # ones made before the closing time.
    o["bid_attachment"] = Attachment.objects.create(
        bid=call.bids[0],
        file=ContentFile(b"%PDF-1.4 evidence", name="evidence.pdf"),
        name="evidence.pdf",
        file_type="application/pdf",
        size=17,
        sha256="0" * 64,
    )
    o["bid_criterion"] = call.opportunity.criteria.first()
    o["bid_invitation"] = BidPartner.objects.create(
        bid=call.bids[2], organisation=OrganisationFactory(name="Invited Arts")
    )
    provider = call.bids[0].organisation.memberships.get()
    provider_other_opportunity = other_call.bids[0].organisation.memberships.get()
    other_provider = MembershipFactory(
        admin=True, organisation=OrganisationFactory(name="Unrelated Arts Collective")
    )

    panel = make_panel(call)
    chair = seat(panel, PanelRole.CHAIR)
    member = seat(panel, PanelRole.PATIENT)
    conflicted = seat(panel, PanelRole.CLINICIAN)
    panels.panel_open_scoring(actor=commissioner.user, panel=panel)
    declare_all(chair, call.bids)
    declare_all(member, call.bids)
    declare_all(conflicted, call.bids[:1], level=ConflictLevel.ACTUAL)
    declare_all(conflicted, call.bids[1:])
    panel.refresh_from_db()
    o["panel"] = panel
    o["panel_member"] = member
    o["declaration"] = conflicted.declarations.get(bid=call.bids[0])
    other_panel = make_panel(other_call)
    other_chair = seat(other_panel, PanelRole.CHAIR)
    other_member = seat(other_panel, PanelRole.PATIENT)
    panels.panel_open_scoring(actor=commissioner.user, panel=other_panel)
    declare_all(other_chair, other_call.bids)
    declare_all(other_member, other_call.bids)
    decision = DecisionFactory(panel=panel, bid=call.bids[0], decided_by=commissioner.user)
    o["letter"] = LetterFactory(decision=decision)

    # A draft opportunity with one of everything, and a published one with questions.
    draft = build_opportunity(commissioner)
    o["draft"] = draft
    o["lot"] = drafting.lot_save(actor=commissioner.user, opportunity=draft, title="East Kent")
    o["gate"] = drafting.gate_save(actor=commissioner.user, opportunity=draft, title="Insured")
    o["criterion"] = draft.criteria.first()
    o["outcome"] = draft.outcomes_sought.first()
    o["opportunity_kpi"] = draft.kpis.first()
    o["section_key"] = draft.sections.first().key
    published = build_opportunity(commissioner)
    lifecycle.opportunity_publish(actor=commissioner.user, opportunity=published)
    published.refresh_from_db()
    o["published"] = published
    tender_engagement.interest_register(
        actor=provider.user, opportunity=published, organisation=provider.organisation
    )
    o["question"] = tender_engagement.question_ask(
        actor=provider.user,
        opportunity=published,
        organisation=provider.organisation,
        text="Can a consortium bid?",
        notify=False,
    )

    # The provider's profile and its parts; a shortlist and a consortium around it.
    profile = profiles.profile_ensure(organisation=provider.organisation)
    o["profile"] = profile
    o["activity"] = profiles.activity_save(
        actor=provider.user, profile=profile, name="Singing", description="Weekly singing."
    )
    o["venue"] = profiles.venue_save(
        actor=provider.user, profile=profile, name="Hall", address="1 High St", postcode="GL5 1AA"
    )
    o["track_record"] = profiles.track_record_add(
        actor=provider.user,
        profile=profile,
        funder="Stroud District Council",
        year=2024,
        value_band="10k_50k",
        description="Arts on prescription.",
    )
    o["profile_evidence"] = profiles.evidence_add(
        actor=provider.user,
        profile=profile,
        title="Case study",
        summary="Dance with people living with dementia.",
        file=_pdf("case.pdf"),
    )
    o["document"] = document_upload(
        actor=provider.user,
        profile=profile,
        kind="public_liability",
        file=_pdf("insurance.pdf"),
        expires_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    o["shortlist"] = shortlists.shortlist_create(
        actor=commissioner.user, organisation=commissioner.organisation, name="Choirs"
    )
    consortium = consortia.consortium_create(
        actor=provider.user,
        lead=provider.organisation,
        name="Stroud wellbeing consortium",
        members=[call.bids[1].organisation],
    )
    o["consortium"] = consortium
    o["consortium_member"] = consortium.members.exclude(organisation=provider.organisation).get()

    # An event of organisation A: the provider registered with a profile; materials, a question.
    event = make_event(commissioner, programme=o["programme"])
    o["event"] = event
    o["draft_event"] = make_event(commissioner, publish=False, title="Planning day")
    registration = registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    o["registration"] = registration
    o["attendee_profile"] = attendee_profiles.profile_save(
        actor=provider.user,
        registration=registration,
        about="We run singing groups for people with lung conditions.",
        consent=True,
    )
    o["material"] = materials.material_add(
        actor=commissioner.user, event=event, kind="slides", title="Slides", file=_pdf()
    )
    o["event_question"] = materials.event_question_add(
        actor=commissioner.user, event=event, question="Is there parking?", answer="Yes."
    )
    o["programme_interest"] = attendee_profiles.programme_interest_register(
        actor=provider.user, programme=o["programme"], organisation=provider.organisation
    )

    # An agreement between A and the provider, with a return in progress and evidence.
    agreement = make_agreement(commissioner, provider, programme=o["programme"])
    o["agreement"] = agreement
    o["agreement_kpi"] = agreement.kpis.first()
    o["instalment"] = agreement.instalments.first()
    period = agreement.periods.filter(starts_on__lte=timezone.localdate()).first()
    o["period"] = agreement.periods.exclude(pk=period.pk).first()
    report = returns.return_start(actor=provider.user, period=period)
    o["return"] = report
    o["monitoring_evidence"] = monitoring_evidence.evidence_add(
        actor=provider.user,
        report=report,
        kind="photo",
        title="The choir",
        upload=SimpleUploadedFile("choir.png", PNG_BYTES, content_type="image/png"),
        consented=True,
    )

    # A finished report of A's programme, requested by the commissioner.
    o["report_job"] = ReportJobFactory(
        requested_by=commissioner.user,
        organisation=commissioner.organisation,
        target_id=o["programme"].pk,
        done=True,
    )

    world.users = {
        "anonymous": None,
        "commissioner": commissioner.user,
        "other_commissioner": other_commissioner.user,
        "provider": provider.user,
        "other_provider": other_provider.user,
        "provider_other_opportunity": provider_other_opportunity.user,
        "panel_member": member.user,
        "panel_chair": chair.user,
        "conflicted_panel_member": conflicted.user,
        "other_panel_member": other_member.user,
        "staff": staff,
    }
    return world
