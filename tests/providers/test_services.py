from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.errors import ApplicationError
from core.models import AuditEntry
from providers.constants import ConsortiumMemberStatus
from providers.models import ProviderDocument, Shortlist, ShortlistEntry
from providers.services import consortia, documents, profiles, shortlists
from tests.factories import MembershipFactory, OrganisationFactory
from tests.providers.conftest import PDF_BYTES, PNG_BYTES

pytestmark = pytest.mark.django_db


def _pdf(name: str = "insurance.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_profile_ensure_refuses_commissioners():
    with pytest.raises(ApplicationError, match="do not have directory profiles"):
        profiles.profile_ensure(organisation=OrganisationFactory(commissioner=True))


def test_profile_update_audits_changed_fields(profile_factory):
    profile = profile_factory("Audit Arts")

    profiles.profile_update(actor=profile.admin, profile=profile, year_founded=1998)

    entry = AuditEntry.objects.filter(action="profile.update").latest("id")
    assert entry.after["year_founded"] == 1998
    assert entry.before["year_founded"] is None


def test_profile_update_implausible_year_refused(profile_factory):
    profile = profile_factory("Old Arts")

    with pytest.raises(ApplicationError, match="must be a real year"):
        profiles.profile_update(actor=profile.admin, profile=profile, year_founded=3000)

    profile.refresh_from_db()
    assert profile.year_founded is None


def test_profile_listing_needs_summary_and_contact(profile_factory):
    profile = profile_factory("Bare Arts", listed=False, summary="")

    with pytest.raises(ApplicationError, match="add a short summary"):
        profiles.profile_set_listed(actor=profile.admin, profile=profile, listed=True)

    profile.refresh_from_db()
    assert profile.is_listed is False


def test_profile_listing_records_consent(profile_factory):
    profile = profile_factory("Consenting Arts", listed=False)

    profiles.profile_set_listed(actor=profile.admin, profile=profile, listed=True)

    profile.refresh_from_db()
    assert profile.is_listed is True
    assert profile.listed_at is not None
    assert AuditEntry.objects.filter(action="profile.list", object_id=str(profile.pk)).count() == 1


def test_document_upload_accepts_a_real_pdf(profile_factory):
    profile = profile_factory("Docs Arts")

    document = documents.document_upload(
        actor=profile.admin,
        profile=profile,
        kind="public_liability",
        file=_pdf(),
        expires_on=timezone.localdate() + datetime.timedelta(days=200),
    )

    assert document.file_type == "application/pdf"
    assert document.file.name.endswith(".pdf")
    assert "insurance" not in document.file.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("policy.pdf", b"MZ\x90\x00 this is really a program", "must be a"),
        ("policy.pdf", b"", "empty"),
        ("policy.png", b"<html><script>alert(1)</script></html>", "must be a"),
    ],
)
def test_document_upload_checks_content_not_name(profile_factory, name, content, message):
    profile = profile_factory("Bad Docs Arts")

    with pytest.raises(ApplicationError, match=message):
        documents.document_upload(
            actor=profile.admin,
            profile=profile,
            kind="safeguarding_policy",
            file=SimpleUploadedFile(name, content),
        )

    assert ProviderDocument.objects.count() == 0


def test_document_upload_too_large_refused(profile_factory, monkeypatch):
    monkeypatch.setattr("providers.uploads.MAX_UPLOAD_BYTES", 10)
    profile = profile_factory("Big Docs Arts")

    with pytest.raises(ApplicationError, match="smaller than 10"):
        documents.document_upload(
            actor=profile.admin, profile=profile, kind="accounts", file=_pdf()
        )

    assert ProviderDocument.objects.count() == 0


def test_document_upload_png_accepted_by_content(profile_factory):
    profile = profile_factory("Png Arts")

    document = documents.document_upload(
        actor=profile.admin,
        profile=profile,
        kind="other",
        file=SimpleUploadedFile("scan.pdf", PNG_BYTES),
    )

    assert document.file_type == "image/png"


def test_documents_remind_once_before_expiry(
    profile_factory, mailoutbox, django_capture_on_commit_callbacks
):
    profile = profile_factory("Expiring Arts")
    with time_machine.travel(datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC)):
        soon = documents.document_upload(
            actor=profile.admin,
            profile=profile,
            kind="public_liability",
            file=_pdf(),
            expires_on=datetime.date(2026, 12, 10),
        )
        later = documents.document_upload(
            actor=profile.admin,
            profile=profile,
            kind="safeguarding_policy",
            file=_pdf(),
            expires_on=datetime.date(2027, 6, 1),
        )

    with (
        time_machine.travel(datetime.datetime(2026, 11, 20, 7, tzinfo=datetime.UTC)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = documents.documents_remind()
        second = documents.documents_remind()

    soon.refresh_from_db()
    later.refresh_from_db()
    assert (first, second) == (1, 0)
    assert soon.reminded_at is not None
    assert later.reminded_at is None
    assert len(mailoutbox) == 1
    assert sorted(mailoutbox[0].to) == sorted({profile.admin.email, "jo@example.org"})
    assert "Public liability insurance" in mailoutbox[0].body


def test_document_expiry_flags(profile_factory):
    profile = profile_factory("Flag Arts")
    with time_machine.travel(datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)):
        document = documents.document_upload(
            actor=profile.admin,
            profile=profile,
            kind="accounts",
            file=_pdf(),
            expires_on=datetime.date(2026, 3, 1),
        )

    with time_machine.travel(datetime.datetime(2026, 2, 10, 9, tzinfo=datetime.UTC)):
        assert (document.expires_soon, document.is_expired) == (True, False)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)):
        assert (document.expires_soon, document.is_expired) == (False, True)


def test_shortlist_add_only_listed(profile_factory):
    commissioner = MembershipFactory(organisation=OrganisationFactory(commissioner=True))
    shortlist = shortlists.shortlist_create(
        actor=commissioner.user, organisation=commissioner.organisation, name="Dementia"
    )
    hidden = profile_factory("Hidden Arts", listed=False)
    shown = profile_factory("Shown Arts")

    shortlists.shortlist_add(actor=commissioner.user, shortlist=shortlist, profile=shown)
    with pytest.raises(ApplicationError, match="Only providers listed"):
        shortlists.shortlist_add(actor=commissioner.user, shortlist=shortlist, profile=hidden)
    with pytest.raises(ApplicationError, match="already on"):
        shortlists.shortlist_add(actor=commissioner.user, shortlist=shortlist, profile=shown)

    assert list(ShortlistEntry.objects.values_list("profile__organisation__name", flat=True)) == [
        "Shown Arts"
    ]


def test_shortlist_duplicate_name_refused():
    commissioner = MembershipFactory(organisation=OrganisationFactory(commissioner=True))
    shortlists.shortlist_create(
        actor=commissioner.user, organisation=commissioner.organisation, name="Dementia"
    )

    with pytest.raises(ApplicationError, match="already has a shortlist"):
        shortlists.shortlist_create(
            actor=commissioner.user, organisation=commissioner.organisation, name="dementia "
        )

    assert Shortlist.objects.count() == 1


def test_consortium_members_confirm_or_decline(
    profile_factory, mailoutbox, django_capture_on_commit_callbacks
):
    lead = profile_factory("Lead Arts")
    partner = profile_factory("Partner Arts")
    other = profile_factory("Other Arts")

    with django_capture_on_commit_callbacks(execute=True):
        consortium = consortia.consortium_create(
            actor=lead.admin,
            lead=lead.organisation,
            name="Kent Arts and Health Consortium",
            members=[partner.organisation, other.organisation],
        )
    members = {m.organisation.name: m for m in consortium.members.all()}
    consortia.consortium_respond(actor=partner.admin, member=members["Partner Arts"], accept=True)
    consortia.consortium_respond(actor=other.admin, member=members["Other Arts"], accept=False)

    statuses = dict(consortium.members.values_list("organisation__name", "status"))
    assert statuses == {
        "Lead Arts": ConsortiumMemberStatus.CONFIRMED,
        "Partner Arts": ConsortiumMemberStatus.CONFIRMED,
        "Other Arts": ConsortiumMemberStatus.DECLINED,
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted([partner.admin.email, other.admin.email])
    with pytest.raises(ApplicationError, match="already been confirmed"):
        consortia.consortium_respond(
            actor=partner.admin, member=members["Partner Arts"], accept=False
        )


def test_consortium_lead_cannot_leave(profile_factory):
    lead = profile_factory("Lead Arts")
    consortium = consortia.consortium_create(actor=lead.admin, lead=lead.organisation, name="Solo")

    with pytest.raises(ApplicationError, match="cannot leave"):
        consortia.consortium_member_remove(actor=lead.admin, member=consortium.members.get())

    assert consortium.members.count() == 1
