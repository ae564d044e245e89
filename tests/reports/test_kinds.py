"""The agreement report, the panel report and the "who's in the room" sheet: what each
prints (read back from the PDF), and who is refused (404 for anyone who cannot see the
agreement, panel or board; 403 for a panel member who is not its chair)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.http import Http404
from django.urls import reverse
from pypdf import PdfReader

from evaluation.constants import ConflictLevel, PanelRole, PanelStatus
from evaluation.models import Panel
from evaluation.services import conflicts
from reports import services
from tests.engagement.conftest import make_event
from tests.engagement.factories import RegistrationFactory
from tests.evaluation.conftest import closed_call, declare_all, make_panel, seat
from tests.evaluation.factories import DecisionFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.reports.factories import funded_project

pytestmark = pytest.mark.django_db


def pdf_text(member, kind: str, target_id: int, capture) -> str:
    with capture(execute=True):
        job, _ = services.report_request(
            actor=member.user,
            organisation=member.organisation,
            kind=kind,
            target_id=target_id,
            parameters={},
        )
    job.refresh_from_db()
    assert job.status == "done", job.error
    with default_storage.open(job.file.name, "rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    assert len(reader.pages) == job.page_count
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def request_url(kind: str, pk: int) -> str:
    return reverse("reports:request", args=[kind, pk])


# The agreement report -------------------------------------------------------------------------


@pytest.fixture
def agreement(programme):
    return funded_project(programme)


@pytest.fixture
def provider_member(agreement):
    return MembershipFactory(admin=True, organisation=agreement.provider)


def test_agreement_report_prints_kpis_returns_spend_wellbeing_and_case_studies(
    provider_member, agreement, django_capture_on_commit_callbacks
):
    text = pdf_text(provider_member, "agreement", agreement.pk, django_capture_on_commit_callbacks)

    assert "Agreement report: Singing for lung health" in text
    assert "Quarter 1 12 12 15 20 25 Requires improvement" in text
    assert "Quarter 2 14 26 30 40 50 Requires improvement" in text
    assert "Quarter 2: sessions with people referred by physiotherapists." in text
    assert "Choir leader Variable £9,000 £8,000" in text
    assert "Fewer than 30 people have both scores" in text
    assert "Margaret's breath" in text
    assert '<img src="file:///etc/passwd">' in text
    assert "Not agreed to share" not in text
    assert "Unconsented photo" not in text


def test_agreement_report_for_another_provider_is_404(client, agreement):
    other = MembershipFactory(admin=True, organisation=OrganisationFactory(name="Other Arts"))
    client.force_login(other.user)

    response = client.get(request_url("agreement", agreement.pk))

    assert response.status_code == 404
    with pytest.raises(Http404):
        services.report_request(
            actor=other.user,
            organisation=other.organisation,
            kind="agreement",
            target_id=agreement.pk,
            parameters={},
        )


def test_agreement_page_links_to_its_report(client, provider_member, agreement):
    client.force_login(provider_member.user)

    page = client.get(agreement.get_absolute_url())

    assert f'href="{request_url("agreement", agreement.pk)}"' in page.text


# The panel report -----------------------------------------------------------------------------


@pytest.fixture
def panel_call(commissioner_member):
    return closed_call(commissioner_member)


@pytest.fixture
def panel(panel_call):
    from evaluation.services import panels  # noqa: PLC0415

    panel = make_panel(panel_call)
    chair = seat(panel, PanelRole.CHAIR, full_name="Ruth Chair")
    patient = seat(panel, PanelRole.PATIENT, full_name="Pat Patient")
    seat(panel, PanelRole.CLINICIAN, full_name="Cleo Clinician")
    panels.panel_open_scoring(actor=panel_call.user, panel=panel)
    declare_all(chair, panel_call.bids)
    conflicts.declaration_make(
        actor=patient.user,
        member=patient,
        bid=panel_call.bids[0],
        level=ConflictLevel.ACTUAL,
        note="I volunteer there",
    )
    panel.refresh_from_db()
    panel.chair = chair
    panel.patient = patient
    return panel


def test_panel_report_prints_members_by_role_conflicts_and_bids(
    commissioner_member, panel, django_capture_on_commit_callbacks
):
    text = pdf_text(commissioner_member, "panel", panel.pk, django_capture_on_commit_callbacks)

    assert "Panel report: Gloucestershire panel" in text
    assert "Chair 1 Ruth Chair" in text
    assert "Patient or person with lived experience 1 Pat Patient" in text
    assert "Pat Patient Patient or person with lived experience Provider 1: Project 1" in text
    assert "Actual conflict: I volunteer there" in text
    assert "Removed from scoring this bid" in text
    assert "Provider 2: Project 2 £9,000" in text
    assert "The panel has made no decisions yet." in text


def test_panel_report_prints_the_decisions_with_reasons(
    commissioner_member, panel, panel_call, django_capture_on_commit_callbacks
):
    DecisionFactory(
        panel=panel,
        bid=panel_call.bids[1],
        reasons="Strong links with respiratory physiotherapists.",
        amount_requested=Decimal(9000),
        amount_awarded=Decimal(9000),
        decided_by=commissioner_member.user,
    )

    text = pdf_text(commissioner_member, "panel", panel.pk, django_capture_on_commit_callbacks)

    assert "Provider 2: Project 2 Funded £9,000 £9,000 Strong links with respiratory" in text
    assert "The panel has made no decisions yet." not in text


def test_programme_report_counts_bids_funded_once_letters_are_sent(
    commissioner_member, panel, panel_call
):
    from reports.kinds import kind_get  # noqa: PLC0415

    DecisionFactory(panel=panel, bid=panel_call.bids[0], decided_by=commissioner_member.user)
    programme = panel_call.opportunity.programme
    parameters = {
        "period_start": programme.start_date.isoformat(),
        "period_end": programme.end_date.isoformat(),
    }

    def funded() -> int:
        data = kind_get("programme").gather(target=programme, parameters=parameters)
        return next(s for s in data["sections"] if s["key"] == "bids")["data"]["funded"]

    assert funded() == 0
    Panel.objects.filter(pk=panel.pk).update(status=PanelStatus.LETTERS_SENT)
    assert funded() == 1


def test_panel_report_refused_to_a_member_who_is_not_chair_and_404_for_a_stranger(
    client, panel, stranger
):
    client.force_login(panel.patient.user)
    assert client.get(request_url("panel", panel.pk)).status_code == 403

    client.force_login(stranger)
    assert client.get(request_url("panel", panel.pk)).status_code == 404


def test_panel_page_links_its_chair_to_the_pdf(client, panel):
    client.force_login(panel.chair.user)

    page = client.get(reverse("evaluation:panel_detail", args=[panel.pk]))

    assert f'href="{request_url("panel", panel.pk)}"' in page.text


# Who's in the room ----------------------------------------------------------------------------


@pytest.fixture
def event(commissioner_member, programme):
    from engagement.services import profiles  # noqa: PLC0415

    event = make_event(commissioner_member, programme=programme)
    for name, consent in (("Folkestone Dance", True), ("Private Choir", False)):
        registration = RegistrationFactory(event=event, organisation_name=name)
        profiles.profile_save(
            registration=registration,
            actor=None,
            about=f"{name}: <img src='file:///etc/passwd'> dance for people with Parkinson's.",
            consent=consent,
            looking_for_partners=True,
            partner_note="A lead provider for the mental-health lot.",
        )
    return event


def test_whos_in_the_room_prints_consented_profiles_only(
    commissioner_member, event, django_capture_on_commit_callbacks
):
    text = pdf_text(commissioner_member, "event_room", event.pk, django_capture_on_commit_callbacks)

    assert f"Who's in the room: {event.title}" in text
    assert "Folkestone Dance" in text
    assert "<img src='file:///etc/passwd'> dance for people with Parkinson's." in text
    assert "Looking for partners: A lead provider for the mental-health lot." in text
    assert "Private Choir" not in text


def test_whos_in_the_room_404_for_someone_who_cannot_see_the_board(client, event, stranger):
    client.force_login(stranger)

    assert client.get(request_url("event_room", event.pk)).status_code == 404
    with pytest.raises(Http404):
        services.report_request(
            actor=stranger, organisation=None, kind="event_room", target_id=event.pk, parameters={}
        )


def test_event_board_links_to_the_sheet(client, commissioner_member, event):
    client.force_login(commissioner_member.user)

    page = client.get(reverse("engagement:board", args=[event.pk]))

    assert f'href="{request_url("event_room", event.pk)}"' in page.text
