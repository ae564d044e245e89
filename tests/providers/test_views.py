"""The provider directory's pages: a provider's own profile, the public directory, profile pages
and file downloads, shortlists and consortia."""

from __future__ import annotations

import csv
import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from commissioning.models import Area, ArtForm
from core.models import AuditEntry
from providers import selectors
from providers.exports import csv_safe
from providers.models import (
    Activity,
    ConsortiumMember,
    Evidence,
    ProviderDocument,
    ProviderProfile,
    Shortlist,
    ShortlistEntry,
    TrackRecord,
    Venue,
)
from providers.services import profiles
from providers.views.profile import LISTING_PROBLEM_SECTIONS, NEXT_STEP_SECTIONS
from tests.factories import (
    PDF_BYTES,
    ActivityFactory,
    ConsortiumFactory,
    ConsortiumMemberFactory,
    EvidenceFactory,
    MembershipFactory,
    OrganisationFactory,
    ProviderDocumentFactory,
    ProviderProfileFactory,
    ShortlistEntryFactory,
    ShortlistFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# Arrange helpers ---------------------------------------------------------------------------


def _member_of_provider(*, admin: bool = True, **organisation):
    """A signed-in-able member of a provider organisation (with no profile yet)."""
    return MembershipFactory(admin=admin, organisation=OrganisationFactory(**organisation)).user


def _own_profile(user) -> ProviderProfile:
    organisation = user.memberships.get().organisation
    return profiles.profile_ensure(organisation=organisation)


def _listed(name: str = "Medway Maker Theatre", **kwargs) -> ProviderProfile:
    kwargs.setdefault("art_forms", ArtForm.objects.filter(slug="theatre"))
    kwargs.setdefault("areas_served", Area.objects.filter(name="Medway"))
    return ProviderProfileFactory(
        listed=True, organisation=OrganisationFactory(name=name), **kwargs
    )


def _text(response) -> str:
    """The page's text with HTML entities decoded (an apostrophe is escaped as &#x27;)."""
    return html.unescape(response.content.decode())


def _csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def _pdf(name: str = "insurance.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


# The provider's own profile ----------------------------------------------------------------


def test_profile_overview_first_visit_creates_unlisted_profile(client):
    user = _member_of_provider(name="Thanet Tidal Dance")
    client.force_login(user)

    response = client.get(reverse("providers:profile_overview"))

    profile = ProviderProfile.objects.get(organisation__name="Thanet Tidal Dance")
    assert response.status_code == 200
    assert profile.is_listed is False
    assert "Your directory profile" in _text(response)
    assert "Not listed" in _text(response)
    assert response.context["percent"] == selectors.profile_completeness(profile)[0]


def test_profile_overview_commissioner_is_told_why_not(client, commissioner):
    client.force_login(commissioner)

    response = client.get(reverse("providers:profile_overview"))

    assert response.status_code == 403
    assert "Commissioners do not have a directory profile" in _text(response)
    assert ProviderProfile.objects.count() == 0


def test_profile_overview_without_organisation_is_told_why_not(client, user):
    client.force_login(user)

    response = client.get(reverse("providers:profile_overview"))

    assert response.status_code == 403
    assert "You need to act for an organisation" in _text(response)


def test_profile_overview_signed_out_is_sent_to_sign_in(client):
    response = client.get(reverse("providers:profile_overview"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_overview_every_next_step_links_to_its_section(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    _, steps = selectors.profile_completeness(
        selectors.profile_for_organisation(organisation=profile.organisation)
    )
    problems = profiles.profile_listing_problems(profile=profile)

    assert set(steps) <= set(NEXT_STEP_SECTIONS)
    assert set(problems) <= set(LISTING_PROBLEM_SECTIONS)


def test_profile_overview_lists_problems_before_listing(client):
    user = _member_of_provider()
    client.force_login(user)

    response = client.get(reverse("providers:profile_overview"))

    problems = [p["text"] for p in response.context["listing_problems"]]
    assert problems == [
        "Add a short summary of what you do",
        "Name a contact person and give their email address",
        "Choose at least one art form",
        "Choose at least one area you work in",
    ]
    assert f'href="{reverse("providers:profile_contact")}"' in _text(response)
    assert "List in the directory" not in _text(response)


def test_profile_about_saves_the_section(client):
    user = _member_of_provider()
    client.force_login(user)

    response = client.post(
        reverse("providers:profile_about"),
        {
            "summary": "Dance for people living with dementia.",
            "legal_form": "cio",
            "is_vcse": "on",
            "is_sme": "on",
            "year_founded": "1998",
            "turnover_band": "100k_500k",
            "staff_band": "1_9",
            "volunteers_band": "10_49",
            "safeguarding_lead": "Sam Patel",
            "partners": "Turner Contemporary\nKent County Council",
        },
    )

    profile = ProviderProfile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("providers:profile_overview")
    assert (profile.summary, profile.legal_form, profile.year_founded, profile.staff_band) == (
        "Dance for people living with dementia.",
        "cio",
        1998,
        "1_9",
    )
    assert profile.is_vcse is True
    assert AuditEntry.objects.filter(action="profile.update").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year_founded": "3000"}, "The year founded must be a real year"),
        ({"year_founded": "nineteen"}, "Enter the year founded as a number, like 1998"),
        ({"summary": "x" * 281}, "The summary must be 280 characters or fewer"),
        ({"legal_form": "pirate_ship"}, "Select a valid choice"),
    ],
)
def test_profile_about_bad_input_shows_error_and_saves_nothing(client, data, message):
    user = _member_of_provider()
    profile = _own_profile(user)
    client.force_login(user)

    response = client.post(reverse("providers:profile_about"), {"summary": "Dance.", **data})

    profile.refresh_from_db()
    assert response.status_code == 200
    assert message in _text(response)
    assert "There is a problem" in _text(response)
    assert profile.summary == ""
    assert profile.year_founded is None


def test_profile_contact_needs_a_named_person_and_a_real_email(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    client.force_login(user)

    response = client.post(
        reverse("providers:profile_contact"), {"contact_name": "", "contact_email": "jo@"}
    )

    profile.refresh_from_db()
    assert response.context["form"].errors == {
        "contact_name": ["Enter the contact person's full name"],
        "contact_email": ["Enter an email address in the correct format, like name@example.org"],
    }
    assert profile.contact_email == ""


def test_profile_what_you_do_saves_terms_and_search_finds_them(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    client.force_login(user)
    dance = ArtForm.objects.get(slug="dance")

    response = client.post(
        reverse("providers:profile_what"),
        {
            "art_forms": [dance.pk],
            "settings": ["care_homes", "online"],
            "support_needs": ["bid_writing"],
        },
    )

    profile.refresh_from_db()
    assert response.status_code == 302
    assert list(profile.art_forms.values_list("slug", flat=True)) == ["dance"]
    assert profile.art_form_ids == [dance.pk]
    assert profile.settings == ["care_homes", "online"]
    assert profile.support_needs == ["bid_writing"]


def test_profile_what_you_do_unknown_setting_is_refused(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    client.force_login(user)

    response = client.post(reverse("providers:profile_what"), {"settings": ["the moon"]})

    profile.refresh_from_db()
    assert "Select a valid choice. the moon is not one of the available choices." in _text(response)
    assert profile.settings == []


def test_profile_where_whole_region_chooses_every_area_in_it(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    client.force_login(user)
    medway = Area.objects.get(name="Medway")

    response = client.post(
        reverse("providers:profile_where"),
        {"areas_served": [medway.pk], "regions": ["North East"]},
    )

    profile.refresh_from_db()
    expected = {medway.pk} | set(
        Area.objects.filter(region="North East").values_list("pk", flat=True)
    )
    assert response.status_code == 302
    assert set(profile.areas_served.values_list("pk", flat=True)) == expected
    assert set(profile.area_ids) == expected


def test_profile_where_groups_areas_by_region_with_chosen_ones_open(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    medway = Area.objects.get(name="Medway")
    profiles.profile_update(actor=user, profile=profile, areas_served=[medway])
    client.force_login(user)

    response = client.get(reverse("providers:profile_where"))

    groups = {g.name: g for g in response.context["form"].region_groups()}
    assert len(groups) == 9
    assert groups["South East"].chosen == 1
    assert groups["London"].chosen == 0
    assert sum(len(g.areas) for g in groups.values()) == Area.objects.count()
    assert f'name="areas_served" type="checkbox" value="{medway.pk}" checked' in _text(response)


def test_profile_where_unknown_area_is_refused(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    client.force_login(user)

    response = client.post(reverse("providers:profile_where"), {"areas_served": ["999999"]})

    assert "Choose areas from the list" in _text(response)
    assert profile.areas_served.count() == 0


def test_activity_add_change_and_delete_after_confirmation(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    client.force_login(user)

    client.post(
        reverse("providers:activity_create"),
        {"name": "Singing for lung health", "description": "Weekly singing for COPD."},
    )
    activity = Activity.objects.get(profile=profile)
    client.post(
        reverse("providers:activity_update", args=[activity.pk]),
        {"name": "Singing for breathing", "description": "Weekly singing for COPD."},
    )
    confirm = client.get(reverse("providers:activity_delete", args=[activity.pk]))
    activity.refresh_from_db()
    name_before_delete = activity.name
    client.post(reverse("providers:activity_delete", args=[activity.pk]))

    assert name_before_delete == "Singing for breathing"
    assert "Delete Singing for breathing?" in _text(confirm)
    assert Activity.objects.filter(profile=profile).count() == 0


def test_activity_change_is_audited_with_before_and_after(client):
    user = _member_of_provider()
    activity = ActivityFactory(profile=_own_profile(user), name="Tea dance")
    client.force_login(user)

    client.post(
        reverse("providers:activity_update", args=[activity.pk]),
        {"name": "Tea dance for all", "description": activity.description},
    )

    entry = AuditEntry.objects.get(action="activity.update")
    assert (entry.before["name"], entry.after["name"]) == ("Tea dance", "Tea dance for all")


def test_activity_without_a_description_shows_error_and_saves_nothing(client):
    user = _member_of_provider()
    _own_profile(user)
    client.force_login(user)

    response = client.post(reverse("providers:activity_create"), {"name": "Singing"})

    assert "Describe what happens" in _text(response)
    assert Activity.objects.count() == 0


def test_activity_of_another_organisation_is_not_found(client):
    theirs = ActivityFactory()
    user = _member_of_provider()
    client.force_login(user)

    change = client.post(
        reverse("providers:activity_update", args=[theirs.pk]),
        {"name": "Taken over", "description": "No."},
    )
    delete = client.post(reverse("providers:activity_delete", args=[theirs.pk]))

    theirs.refresh_from_db()
    assert (change.status_code, delete.status_code) == (404, 404)
    assert theirs.name.startswith("Singing group")


def test_venue_bad_postcode_shows_error_and_saves_nothing(client):
    user = _member_of_provider()
    _own_profile(user)
    client.force_login(user)

    response = client.post(
        reverse("providers:venue_create"), {"name": "Hall", "postcode": "nowhere"}
    )

    assert "Enter a real postcode, like ME14 1XQ" in _text(response)
    assert Venue.objects.count() == 0


def test_venue_postcode_is_tidied(client):
    user = _member_of_provider()
    _own_profile(user)
    client.force_login(user)

    client.post(reverse("providers:venue_create"), {"name": "Hall", "postcode": "me14  1xq"})

    assert Venue.objects.get().postcode == "ME14 1XQ"


def test_track_record_implausible_year_shows_error_and_saves_nothing(client):
    user = _member_of_provider()
    _own_profile(user)
    client.force_login(user)

    response = client.post(
        reverse("providers:track_record_create"),
        {"funder": "Kent County Council", "year": "1800", "value_band": "10k_50k"},
    )

    assert "The year must be between 1950 and" in _text(response)
    assert TrackRecord.objects.count() == 0


def test_track_record_add_then_delete_after_confirmation(client):
    user = _member_of_provider()
    _own_profile(user)
    client.force_login(user)

    client.post(
        reverse("providers:track_record_create"),
        {"funder": "Kent County Council", "year": "2023", "value_band": "10k_50k"},
    )
    record = TrackRecord.objects.get()
    confirm = client.get(reverse("providers:track_record_delete", args=[record.pk]))
    client.post(reverse("providers:track_record_delete", args=[record.pk]))

    assert "Delete Kent County Council (2023)?" in _text(confirm)
    assert TrackRecord.objects.count() == 0


def test_evidence_with_a_real_pdf_is_saved(client):
    user = _member_of_provider()
    _own_profile(user)
    client.force_login(user)

    response = client.post(
        reverse("providers:evidence_create"),
        {"title": "Dance and dementia", "summary": "Twelve weeks.", "file": _pdf("story.pdf")},
    )

    evidence = Evidence.objects.get()
    assert response.status_code == 302
    assert evidence.file_type == "application/pdf"
    assert evidence.file.name.endswith(".pdf")


def test_evidence_file_that_is_not_what_its_name_says_is_refused(client):
    user = _member_of_provider()
    _own_profile(user)
    client.force_login(user)
    disguised = SimpleUploadedFile(
        "report.pdf", b"MZ\x90\x00 this is not a pdf at all", content_type="application/pdf"
    )

    response = client.post(
        reverse("providers:evidence_create"),
        {"title": "Report", "summary": "Results.", "file": disguised},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        (
            "The selected file must be a JPEG image, OpenDocument text, PDF, PNG image, "
            "WebP image, Word document."
        )
    ]
    assert Evidence.objects.count() == 0


def test_document_oversized_file_is_refused(client, monkeypatch):
    monkeypatch.setattr("providers.uploads.MAX_UPLOAD_BYTES", 20)
    user = _member_of_provider()
    _own_profile(user)
    client.force_login(user)

    response = client.post(
        reverse("providers:document_create"), {"kind": "public_liability", "file": _pdf()}
    )

    assert response.context["form"].errors["file"] == [
        "The selected file must be smaller than 20\xa0bytes."
    ]
    assert ProviderDocument.objects.count() == 0


def test_document_expiry_in_the_past_is_refused(client):
    user = _member_of_provider()
    _own_profile(user)
    client.force_login(user)

    response = client.post(
        reverse("providers:document_create"),
        {"kind": "public_liability", "file": _pdf(), "expires_on": "2020-01-01"},
    )

    assert response.context["form"].errors["expires_on"] == [
        "The expiry date must be today or in the future"
    ]
    assert ProviderDocument.objects.count() == 0


def test_document_without_kind_or_file_is_refused(client):
    user = _member_of_provider()
    _own_profile(user)
    client.force_login(user)

    response = client.post(reverse("providers:document_create"), {})

    assert response.context["form"].errors == {
        "kind": ["Choose what kind of document it is"],
        "file": ["Choose a file to upload"],
    }
    assert ProviderDocument.objects.count() == 0


def test_document_upload_is_saved_with_its_expiry(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    client.force_login(user)

    response = client.post(
        reverse("providers:document_create"),
        {"kind": "safeguarding_policy", "file": _pdf(), "expires_on": "2099-03-31"},
    )

    document = ProviderDocument.objects.get(profile=profile)
    assert response.status_code == 302
    assert (document.kind, document.expires_on.isoformat(), document.uploaded_by) == (
        "safeguarding_policy",
        "2099-03-31",
        user,
    )


def test_document_list_flags_expired_and_expiring_documents(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    ProviderDocumentFactory(profile=profile, kind="public_liability", expired=True)
    ProviderDocumentFactory(profile=profile, kind="safeguarding_policy", expiring=True)
    client.force_login(user)

    response = client.get(reverse("providers:document_list"))

    assert '<strong class="govuk-tag govuk-tag--red">Expired</strong>' in _text(response)
    assert '<strong class="govuk-tag govuk-tag--yellow">Expires soon</strong>' in _text(response)


def test_document_delete_needs_confirmation(client):
    user = _member_of_provider()
    profile = _own_profile(user)
    document = ProviderDocumentFactory(profile=profile)
    client.force_login(user)

    confirm = client.get(reverse("providers:document_delete", args=[document.pk]))
    still_there = ProviderDocument.objects.filter(pk=document.pk).exists()
    client.post(reverse("providers:document_delete", args=[document.pk]))

    assert "Delete your public liability insurance?" in _text(confirm)
    assert still_there is True
    assert ProviderDocument.objects.filter(pk=document.pk).exists() is False


def test_document_of_another_organisation_cannot_be_deleted(client):
    theirs = ProviderDocumentFactory()
    user = _member_of_provider()
    client.force_login(user)

    response = client.post(reverse("providers:document_delete", args=[theirs.pk]))

    assert response.status_code == 404
    assert ProviderDocument.objects.filter(pk=theirs.pk).exists() is True


def _complete_profile(user) -> ProviderProfile:
    profile = _own_profile(user)
    return profiles.profile_update(
        actor=user,
        profile=profile,
        summary="Dance for people living with dementia.",
        contact_name="Jo Bloggs",
        contact_email="jo@example.org",
        art_forms=ArtForm.objects.filter(slug="dance"),
        areas_served=Area.objects.filter(name="Medway"),
    )


def test_profile_list_by_an_admin_lists_it(client):
    user = _member_of_provider(admin=True)
    profile = _complete_profile(user)
    client.force_login(user)

    response = client.post(reverse("providers:profile_list"), follow=True)

    profile.refresh_from_db()
    assert profile.is_listed is True
    assert "Your profile is now listed in the directory" in _text(response)


def test_profile_list_by_a_plain_member_is_refused(client):
    user = _member_of_provider(admin=False)
    profile = _complete_profile(user)
    client.force_login(user)

    page = client.get(reverse("providers:profile_overview"))
    response = client.post(reverse("providers:profile_list"))

    profile.refresh_from_db()
    assert response.status_code == 403
    assert profile.is_listed is False
    assert "Only your organisation\u2019s admins can list or unlist" in _text(page)


def test_profile_list_with_problems_explains_them(client):
    user = _member_of_provider(admin=True)
    profile = _own_profile(user)
    client.force_login(user)

    response = client.post(reverse("providers:profile_list"), follow=True)

    profile.refresh_from_db()
    assert profile.is_listed is False
    assert "Before your profile can be listed: add a short summary" in _text(response)


def test_profile_unlist_needs_confirmation(client):
    user = _member_of_provider(admin=True)
    profile = _complete_profile(user)
    profiles.profile_set_listed(actor=user, profile=profile, listed=True)
    client.force_login(user)

    confirm = client.get(reverse("providers:profile_unlist"))
    profile.refresh_from_db()
    listed_after_get = profile.is_listed
    client.post(reverse("providers:profile_unlist"))

    profile.refresh_from_db()
    assert "Remove your profile from the directory?" in _text(confirm)
    assert listed_after_get is True
    assert profile.is_listed is False


# The public directory ----------------------------------------------------------------------


def test_directory_anyone_can_search_and_unlisted_never_appear(client):
    _listed("Medway Maker Theatre")
    ProviderProfileFactory(
        organisation=OrganisationFactory(name="Hidden Theatre"),
        art_forms=ArtForm.objects.filter(slug="theatre"),
    )

    response = client.get(reverse("providers:directory"), {"q": "theat"})

    names = [r["profile"].organisation.name for r in response.context["results"]]
    assert names == ["Medway Maker Theatre"]
    assert "1 provider</h2>" in _text(response)
    assert "Hidden Theatre" not in _text(response)


def test_directory_results_show_art_forms_and_areas_count(client):
    _listed(
        "Swale Clay Collective",
        art_forms=ArtForm.objects.filter(slug__in=["crafts", "visual-arts"]),
        areas_served=Area.objects.filter(name__in=["Swale", "Medway"]),
    )

    response = client.get(reverse("providers:directory"))

    result = response.context["results"][0]
    assert sorted(result["art_forms"]) == ["Crafts", "Visual arts"]
    assert result["areas_count"] == 2
    assert "Works in 2 areas." in _text(response)


def test_directory_facets_show_counts_and_filter(client):
    _listed("Dance One", art_forms=ArtForm.objects.filter(slug="dance"))
    _listed("Dance Two", art_forms=ArtForm.objects.filter(slug="dance"))
    _listed("Theatre One")

    unfiltered = client.get(reverse("providers:directory"))
    filtered = client.get(reverse("providers:directory"), {"art_form": "dance"})

    art_forms = next(g for g in unfiltered.context["facet_groups"] if g.key == "art_forms")
    assert [(o.label, o.count, o.value) for o in art_forms.options] == [
        ("Dance", 2, "dance"),
        ("Theatre", 1, "theatre"),
    ]
    assert 'value="dance">' in _text(unfiltered)
    assert [r["profile"].organisation.name for r in filtered.context["results"]] == [
        "Dance One",
        "Dance Two",
    ]
    assert 'name="art_form" type="checkbox" value="dance" checked' in _text(filtered)


def test_directory_repeated_search_reuses_its_panel_until_a_profile_changes(client):
    one = _listed("Dance One", art_forms=ArtForm.objects.filter(slug="dance"))
    _listed("Dance Two", art_forms=ArtForm.objects.filter(slug="dance"))
    search = {"q": "dance"}

    first = _text(client.get(reverse("providers:directory"), search))
    again = _text(client.get(reverse("providers:directory"), search))
    admin = MembershipFactory(organisation=one.organisation, admin=True).user
    profiles.profile_set_listed(actor=admin, profile=one, listed=False)
    after = _text(client.get(reverse("providers:directory"), search))

    panel = 'for="art_form-dance">Dance <span class="app-secondary-text">({})</span>'
    assert panel.format(2) in first
    assert panel.format(2) in again
    assert "2 providers" in again
    assert panel.format(1) in after
    assert "1 provider<" in after
    assert "Dance One" not in after


def test_directory_anonymous_visitors_share_one_rendering_until_a_profile_changes(
    client, django_assert_num_queries
):
    one = _listed("Dance One", art_forms=ArtForm.objects.filter(slug="dance"))
    search = {"q": "dance", "art_form": "dance"}
    first = client.get(reverse("providers:directory"), search)

    with django_assert_num_queries(0):
        again = client.get(reverse("providers:directory"), search)
    admin = MembershipFactory(organisation=one.organisation, admin=True).user
    profiles.profile_set_listed(actor=admin, profile=one, listed=False)
    after = client.get(reverse("providers:directory"), search)

    assert again.content == first.content
    assert "Dance One" in _text(again)
    assert "Dance One" not in _text(after)
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_directory_shared_rendering_is_never_shown_to_someone_signed_in(client, commissioner):
    _listed("Dance One", art_forms=ArtForm.objects.filter(slug="dance"))
    client.get(reverse("providers:directory"), {"q": "dance"})  # kept for anonymous visitors

    client.force_login(commissioner)
    signed_in = _text(client.get(reverse("providers:directory"), {"q": "dance"}))

    assert commissioner.email in signed_in
    assert "Download these results (CSV)" in signed_in


def test_directory_shared_rendering_is_not_used_for_a_visitor_with_a_session(client):
    _listed("Dance One", art_forms=ArtForm.objects.filter(slug="dance"))
    shared = client.get(reverse("providers:directory"), {"q": "dance"})
    client.cookies["sessionid"] = "a-session-that-may-hold-messages"

    own = client.get(reverse("providers:directory"), {"q": "dance"})

    assert own.context is not None  # rendered for this visitor, not taken from the cache
    assert shared.context is not None


def test_directory_area_facet_shows_top_fifteen_and_folds_the_rest(client):
    areas = list(Area.objects.filter(region="London").order_by("name")[:20])
    for index in range(len(areas)):
        # The first areas are served by more providers, so they sort first.
        _listed(f"Provider {index}", areas_served=areas[: index + 1])

    response = client.get(reverse("providers:directory"), {"area": areas[19].code})

    group = next(g for g in response.context["facet_groups"] if g.key == "areas")
    assert len(group.options) == 16  # the top 15 and the chosen one
    assert group.options[-1].value == areas[19].code
    assert group.options[-1].selected is True
    assert len(group.more) == 4
    assert "4 more areas" in _text(response)


def test_directory_empty_state_links_remove_each_filter(client):
    _listed("Medway Maker Theatre")

    response = client.get(
        reverse("providers:directory"), {"q": "opera", "art_form": "theatre", "page": "2"}
    )

    assert response.context["results"] == []
    assert "No providers match your search." in _text(response)
    links = {f.label: f.remove_url for f in response.context["active_filters"]}
    assert links == {
        "“opera”": "/directory/?art_form=theatre",
        "Art form: Theatre": "/directory/?q=opera",
    }
    assert 'href="/directory/?art_form=theatre">remove “opera”' in _text(response)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00' OR 1=1 --"},
        {"q": "x" * 5000},
        {"art_form": "no-such-art", "area": "XYZ", "size": "enormous", "page": "-4"},
        {"sort": "chaos", "type": ["nope"], "setting": "moon"},
    ],
)
def test_directory_odd_parameters_still_show_a_page(client, params):
    _listed("Medway Maker Theatre")

    response = client.get(reverse("providers:directory"), params)

    assert response.status_code == 200
    assert "Find arts and cultural organisations" in _text(response)


@pytest.mark.parametrize("count", [1, 10])
def test_directory_query_count_does_not_grow_with_results(client, django_assert_num_queries, count):
    for index in range(count):
        _listed(
            f"Provider {index}",
            art_forms=ArtForm.objects.filter(slug__in=["dance", "music"]),
            areas_served=Area.objects.filter(region="North East"),
        )

    # A first search: the vocabulary (4), the count, the facet counts, the ranking, the rows.
    with django_assert_num_queries(8):
        response = client.get(reverse("providers:directory"), {"q": "provider"})
    # The same search again, rendered for this visitor (a session: not the shared rendering
    # anonymous visitors get): its session is looked up, and only the page's rows are read.
    client.cookies["sessionid"] = "a-visitor-with-a-session"
    with django_assert_num_queries(2):
        again = client.get(reverse("providers:directory"), {"q": "provider"})

    assert len(response.context["results"]) == len(again.context["results"]) == count


@pytest.mark.parametrize("count", [1, 10])
def test_directory_query_count_for_a_commissioner_does_not_grow_with_results(
    client, commissioner, django_assert_num_queries, count
):
    ShortlistFactory(organisation=commissioner.memberships.get().organisation)
    for index in range(count):
        _listed(f"Provider {index}", art_forms=ArtForm.objects.filter(slug="dance"))
    client.force_login(commissioner)

    with django_assert_num_queries(16):
        response = client.get(reverse("providers:directory"), {"art_form": "dance"})

    assert len(response.context["results"]) == count


def test_directory_commissioner_can_shortlist_export_and_see_support_needs(client, commissioner):
    shortlist = ShortlistFactory(
        organisation=commissioner.memberships.get().organisation, name="Dementia dance"
    )
    profile = _listed("Medway Maker Theatre", support_needs=["bid_writing", "evaluation"])
    client.force_login(commissioner)

    response = client.get(reverse("providers:directory"), {"q": "medway"})

    text = _text(response)
    assert response.context["shortlists"] == [shortlist]
    assert f'name="profile" value="{profile.pk}"' in text
    assert "Add to Dementia dance" in text
    assert f'href="{reverse("providers:directory_export")}?q=medway"' in text
    assert dict(response.context["support_needs"])["Bid writing"] == 1
    assert dict(response.context["support_needs"])["Safeguarding"] == 0


def test_directory_signed_out_gets_no_shortlists_export_or_support_needs(client):
    _listed("Medway Maker Theatre", support_needs=["bid_writing"])

    response = client.get(reverse("providers:directory"))

    text = _text(response)
    assert response.context["can_shortlist"] is False
    assert response.context["support_needs"] is None
    assert "Add to" not in text
    assert "Download these results" not in text
    assert "Support these providers would like" not in text


def test_directory_provider_sees_no_support_needs(client):
    user = _member_of_provider()
    _listed("Medway Maker Theatre", support_needs=["bid_writing"])
    client.force_login(user)

    response = client.get(reverse("providers:directory"))

    assert response.context["support_needs"] is None


# CSV exports -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+44 1632 960001", "'+44 1632 960001"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Medway = good", "Medway = good"),
        (None, ""),
        (42, "42"),
    ],
)
def test_csv_safe_escapes_formulas(value, expected):
    assert csv_safe(value) == expected


def test_directory_export_escapes_formulas_and_leaves_out_unlisted(client, commissioner):
    evil = _listed('=HYPERLINK("http://evil.example","Click")', summary="@SUM(1+1)")
    ProviderProfileFactory(organisation=OrganisationFactory(name="Hidden Arts"))
    client.force_login(commissioner)

    response = client.get(reverse("providers:directory_export"))

    rows = _csv_rows(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="directory-search.csv"'
    assert rows[0][:4] == ["Name", "Identifier", "Kind of organisation", "Summary"]
    assert len(rows) == 2
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","Click")'
    assert rows[1][3] == "'@SUM(1+1)"
    assert rows[1][4] == "Theatre"
    assert rows[1][7] == "Medway"
    assert rows[1][-1] == f"http://testserver{evil.get_absolute_url()}" or rows[1][-1].endswith(
        evil.get_absolute_url()
    )


def test_directory_export_applies_the_search(client, commissioner):
    _listed("Dance One", art_forms=ArtForm.objects.filter(slug="dance"))
    _listed("Theatre One")
    client.force_login(commissioner)

    response = client.get(reverse("providers:directory_export"), {"art_form": "dance"})

    assert [row[0] for row in _csv_rows(response)[1:]] == ["Dance One"]


def test_directory_export_signed_out_is_sent_to_sign_in(client):
    response = client.get(reverse("providers:directory_export"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_directory_export_without_an_organisation_is_refused(client, user):
    client.force_login(user)

    response = client.get(reverse("providers:directory_export"))

    assert response.status_code == 403


# Profile pages and files -------------------------------------------------------------------


def test_profile_detail_anyone_sees_a_listed_profile(client):
    organisation = OrganisationFactory(name="Medway Maker Theatre", charity_number="1123456")
    profile = ProviderProfileFactory(
        listed=True,
        organisation=organisation,
        contact_name="Priya Shah",
        partners="Turner Contemporary\n\nKent County Council",
        art_forms=ArtForm.objects.filter(slug="theatre"),
    )
    ActivityFactory(profile=profile, name="Youth theatre")
    EvidenceFactory(profile=profile, title="Our evaluation", with_file=True)
    ProviderDocumentFactory(profile=profile)

    response = client.get(profile.get_absolute_url())

    text = _text(response)
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Medway Maker Theatre</h1>' in text
    assert "GB-CHC-1123456" in text
    assert "Priya Shah" in text
    assert "Youth theatre" in text
    assert "Our evaluation" in text
    assert response.context["partners"] == ["Turner Contemporary", "Kent County Council"]
    assert response.context["documents"] is None
    assert "Public liability insurance" not in text


def test_profile_detail_unlisted_is_not_found_for_strangers(client):
    profile = ProviderProfileFactory(organisation=OrganisationFactory(name="Private Arts"))
    stranger = _member_of_provider()

    signed_out = client.get(profile.get_absolute_url())
    client.force_login(stranger)
    signed_in = client.get(profile.get_absolute_url())

    assert (signed_out.status_code, signed_in.status_code) == (404, 404)
    assert "Private Arts" not in _text(signed_in)


def test_profile_detail_unlisted_is_shown_to_its_members_with_a_warning(client):
    profile = ProviderProfileFactory(organisation=OrganisationFactory(name="Private Arts"))
    member = MembershipFactory(organisation=profile.organisation).user
    client.force_login(member)

    response = client.get(profile.get_absolute_url())

    assert response.status_code == 200
    assert "This profile is not listed in the directory" in _text(response)


def test_profile_detail_commissioner_sees_documents_with_flags(client, commissioner):
    profile = _listed("Medway Maker Theatre")
    ProviderDocumentFactory(profile=profile, kind="public_liability", expired=True)
    client.force_login(commissioner)

    response = client.get(profile.get_absolute_url())

    assert len(response.context["documents"]) == 1
    assert '<strong class="govuk-tag govuk-tag--red">Expired</strong>' in _text(response)


def test_document_download_commissioner_gets_an_attachment(client, commissioner):
    profile = _listed("Medway Maker Theatre")
    document = ProviderDocumentFactory(profile=profile)
    client.force_login(commissioner)

    response = client.get(reverse("providers:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "medway-maker-theatre-public-liability-insurance.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_document_download_refused_to_the_public_and_other_providers(client):
    document = ProviderDocumentFactory(profile=_listed("Medway Maker Theatre"))
    url = reverse("providers:document_download", args=[document.pk])

    signed_out = client.get(url)
    client.force_login(_member_of_provider())
    other_provider = client.get(url)

    assert (signed_out.status_code, other_provider.status_code) == (404, 404)


def test_document_download_of_unlisted_profile_refused_to_a_commissioner(client, commissioner):
    document = ProviderDocumentFactory(profile=ProviderProfileFactory())
    client.force_login(commissioner)

    response = client.get(reverse("providers:document_download", args=[document.pk]))

    assert response.status_code == 404


def test_evidence_file_of_listed_profile_is_public_and_inline(client):
    evidence = EvidenceFactory(profile=_listed(), with_file=True, title="Our evaluation")

    response = client.get(reverse("providers:evidence_download", args=[evidence.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert (
        response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'; sandbox"
    )


def test_evidence_file_of_unlisted_profile_is_only_for_its_members(client):
    evidence = EvidenceFactory(profile=ProviderProfileFactory(), with_file=True)
    url = reverse("providers:evidence_download", args=[evidence.pk])
    member = MembershipFactory(organisation=evidence.profile.organisation).user

    signed_out = client.get(url)
    client.force_login(_member_of_provider())
    stranger = client.get(url)
    client.force_login(member)
    own = client.get(url)

    assert (signed_out.status_code, stranger.status_code, own.status_code) == (404, 404, 200)


# Shortlists --------------------------------------------------------------------------------


def test_shortlist_pages_signed_out_are_sent_to_sign_in(client):
    shortlist = ShortlistFactory()

    responses = [
        client.get(reverse("providers:shortlist_list")),
        client.get(shortlist.get_absolute_url()),
        client.get(reverse("providers:shortlist_export", args=[shortlist.pk])),
    ]

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert all(r["Location"].startswith(reverse("account_login")) for r in responses)


def test_shortlist_create_and_a_duplicate_name_is_refused(client, commissioner):
    client.force_login(commissioner)

    created = client.post(reverse("providers:shortlist_create"), {"name": "Dementia dance"})
    duplicate = client.post(reverse("providers:shortlist_create"), {"name": "dementia DANCE"})
    blank = client.post(reverse("providers:shortlist_create"), {"name": "  "})

    shortlist = Shortlist.objects.get()
    assert created["Location"] == shortlist.get_absolute_url()
    assert shortlist.created_by == commissioner
    assert "Your organisation already has a shortlist called dementia DANCE." in _text(duplicate)
    assert "Enter a name for the shortlist" in _text(blank)
    assert Shortlist.objects.count() == 1


def test_shortlist_add_without_javascript_goes_back_with_a_message(client, commissioner):
    shortlist = ShortlistFactory(organisation=commissioner.memberships.get().organisation)
    profile = _listed("Medway Maker Theatre")
    client.force_login(commissioner)

    response = client.post(
        reverse("providers:shortlist_add"),
        {
            "profile": profile.pk,
            "shortlist": shortlist.pk,
            "note": "Strong on dementia",
            "next": "/directory/?q=medway",
        },
        follow=True,
    )

    entry = ShortlistEntry.objects.get()
    assert response.redirect_chain == [("/directory/?q=medway", 302)]
    assert (entry.shortlist, entry.profile, entry.note, entry.added_by) == (
        shortlist,
        profile,
        "Strong on dementia",
        commissioner,
    )
    assert f"Medway Maker Theatre has been added to {shortlist.name}." in _text(response)


def test_shortlist_add_with_htmx_returns_the_outcome_only(client, commissioner):
    shortlist = ShortlistFactory(organisation=commissioner.memberships.get().organisation)
    profile = _listed()
    client.force_login(commissioner)
    data = {"profile": profile.pk, "shortlist": shortlist.pk}

    first = client.post(reverse("providers:shortlist_add"), data, headers={"HX-Request": "true"})
    again = client.post(reverse("providers:shortlist_add"), data, headers={"HX-Request": "true"})

    assert f"Added to {shortlist.name}." in _text(first)
    assert "<html" not in _text(first)
    assert "is already on" in _text(again)
    assert ShortlistEntry.objects.count() == 1


def test_shortlist_add_next_to_another_site_is_ignored(client, commissioner):
    shortlist = ShortlistFactory(organisation=commissioner.memberships.get().organisation)
    client.force_login(commissioner)

    response = client.post(
        reverse("providers:shortlist_add"),
        {"profile": _listed().pk, "shortlist": shortlist.pk, "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("providers:directory")


def test_shortlist_add_unlisted_profile_is_not_found(client, commissioner):
    shortlist = ShortlistFactory(organisation=commissioner.memberships.get().organisation)
    client.force_login(commissioner)

    response = client.post(
        reverse("providers:shortlist_add"),
        {"profile": ProviderProfileFactory().pk, "shortlist": shortlist.pk},
    )

    assert response.status_code == 404
    assert ShortlistEntry.objects.count() == 0


def test_shortlist_add_to_another_organisations_shortlist_is_refused(client, commissioner):
    theirs = ShortlistFactory()
    client.force_login(commissioner)

    response = client.post(
        reverse("providers:shortlist_add"),
        {"profile": _listed().pk, "shortlist": theirs.pk},
        follow=True,
    )

    assert "Choose one of your organisation's shortlists" in _text(response)
    assert ShortlistEntry.objects.count() == 0


def test_shortlist_of_another_organisation_is_not_found(client, commissioner):
    theirs = ShortlistFactory(name="Their secret list")
    client.force_login(commissioner)

    responses = [
        client.get(theirs.get_absolute_url()),
        client.get(reverse("providers:shortlist_export", args=[theirs.pk])),
        client.post(reverse("providers:shortlist_delete", args=[theirs.pk])),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert Shortlist.objects.filter(pk=theirs.pk).exists() is True


def test_shortlist_detail_hides_providers_that_left_the_directory(client, commissioner):
    shortlist = ShortlistFactory(organisation=commissioner.memberships.get().organisation)
    ShortlistEntryFactory(shortlist=shortlist, profile=_listed("Still Listed"))
    gone = ShortlistEntryFactory(shortlist=shortlist, profile=_listed("Gone Quiet"))
    ProviderProfile.objects.filter(pk=gone.profile_id).update(is_listed=False)
    client.force_login(commissioner)

    page = client.get(shortlist.get_absolute_url())
    export = client.get(reverse("providers:shortlist_export", args=[shortlist.pk]))

    assert "Still Listed" in _text(page)
    assert "Gone Quiet" not in _text(page)
    assert "1 provider has left the directory" in _text(page)
    assert [row[0] for row in _csv_rows(export)[1:]] == ["Still Listed"]


def test_shortlist_export_escapes_formulas_and_includes_notes(client, commissioner):
    shortlist = ShortlistFactory(organisation=commissioner.memberships.get().organisation)
    ShortlistEntryFactory(
        shortlist=shortlist, profile=_listed("=cmd|' /C calc'!A0"), note="-1 risky"
    )
    client.force_login(commissioner)

    response = client.get(reverse("providers:shortlist_export", args=[shortlist.pk]))

    rows = _csv_rows(response)
    assert rows[0][-3:] == ["Note", "Added by", "Added on"]
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert rows[1][-3] == "'-1 risky"


def test_shortlist_remove_needs_confirmation(client, commissioner):
    shortlist = ShortlistFactory(organisation=commissioner.memberships.get().organisation)
    entry = ShortlistEntryFactory(shortlist=shortlist, profile=_listed("Medway Maker Theatre"))
    url = reverse("providers:shortlist_remove", args=[shortlist.pk, entry.profile_id])
    client.force_login(commissioner)

    confirm = client.get(url)
    kept = ShortlistEntry.objects.filter(pk=entry.pk).exists()
    client.post(url)

    assert f"Remove Medway Maker Theatre from {shortlist.name}?" in _text(confirm)
    assert kept is True
    assert ShortlistEntry.objects.filter(pk=entry.pk).exists() is False


def test_shortlist_delete_needs_confirmation(client, commissioner):
    shortlist = ShortlistFactory(organisation=commissioner.memberships.get().organisation)
    url = reverse("providers:shortlist_delete", args=[shortlist.pk])
    client.force_login(commissioner)

    confirm = client.get(url)
    kept = Shortlist.objects.filter(pk=shortlist.pk).exists()
    response = client.post(url)

    assert f"Delete the shortlist {shortlist.name}?" in _text(confirm)
    assert kept is True
    assert response["Location"] == reverse("providers:shortlist_list")
    assert Shortlist.objects.filter(pk=shortlist.pk).exists() is False


@pytest.mark.parametrize("count", [1, 10])
def test_shortlist_list_query_count_does_not_grow(
    client, commissioner, django_assert_num_queries, count
):
    organisation = commissioner.memberships.get().organisation
    for _ in range(count):
        ShortlistEntryFactory(shortlist=ShortlistFactory(organisation=organisation))
    client.force_login(commissioner)

    with django_assert_num_queries(7):
        response = client.get(reverse("providers:shortlist_list"))

    assert len(response.context["page_obj"].object_list) == count


@pytest.mark.parametrize("count", [1, 10])
def test_shortlist_detail_query_count_does_not_grow(
    client, commissioner, django_assert_num_queries, count
):
    shortlist = ShortlistFactory(organisation=commissioner.memberships.get().organisation)
    for _ in range(count):
        ShortlistEntryFactory(shortlist=shortlist, added_by=commissioner)
    client.force_login(commissioner)

    with django_assert_num_queries(8):
        response = client.get(shortlist.get_absolute_url())

    assert len(response.context["entries"]) == count


# Consortia ---------------------------------------------------------------------------------


def test_consortium_list_is_public_and_shows_confirmed_members_only(client):
    consortium = ConsortiumFactory(name="East Kent Arts Partnership")
    ConsortiumMemberFactory(
        consortium=consortium, organisation=OrganisationFactory(name="Yes Arts"), confirmed=True
    )
    ConsortiumMemberFactory(
        consortium=consortium, organisation=OrganisationFactory(name="Maybe Arts")
    )

    response = client.get(reverse("providers:consortium_list"))

    text = _text(response)
    assert "East Kent Arts Partnership" in text
    assert "Yes Arts" in text
    assert "Maybe Arts" not in text


@pytest.mark.parametrize("count", [1, 10])
def test_consortium_list_query_count_does_not_grow(client, django_assert_num_queries, count):
    for _ in range(count):
        ConsortiumMemberFactory(consortium=ConsortiumFactory(), confirmed=True)

    with django_assert_num_queries(3):
        response = client.get(reverse("providers:consortium_list"))

    assert len(response.context["page_obj"].object_list) == count


def test_consortium_create_by_a_provider_admin(client):
    user = _member_of_provider(admin=True, name="Thanet Tidal Dance")
    client.force_login(user)

    response = client.post(
        reverse("providers:consortium_create"),
        {"name": "East Kent Arts Partnership", "description": "Bidding together."},
    )

    member = ConsortiumMember.objects.get()
    assert response["Location"] == member.consortium.get_absolute_url()
    assert (member.organisation.name, member.status) == ("Thanet Tidal Dance", "confirmed")


def test_consortium_create_without_a_name_is_refused(client):
    client.force_login(_member_of_provider(admin=True))

    response = client.post(reverse("providers:consortium_create"), {"name": ""})

    assert "Enter a name for the consortium" in _text(response)
    assert ConsortiumMember.objects.count() == 0


def test_consortium_create_refused_to_members_and_commissioners(client, commissioner):
    client.force_login(_member_of_provider(admin=False))
    plain_member = client.post(reverse("providers:consortium_create"), {"name": "X"})
    client.force_login(commissioner)
    council = client.post(reverse("providers:consortium_create"), {"name": "X"})

    assert (plain_member.status_code, council.status_code) == (403, 403)
    assert ConsortiumMember.objects.count() == 0


def test_consortium_invite_finds_listed_providers_and_emails_their_admins(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://ccp.example"
    lead_admin = _member_of_provider(admin=True, name="Thanet Tidal Dance")
    consortium = ConsortiumFactory(lead=lead_admin.memberships.get().organisation)
    partner = _listed("Margate Makers")
    partner_admin = MembershipFactory(organisation=partner.organisation, admin=True).user
    ProviderProfileFactory(organisation=OrganisationFactory(name="Margate Secret"))
    client.force_login(lead_admin)

    search = client.get(
        reverse("providers:consortium_invite", args=[consortium.pk]), {"q": "margate"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("providers:consortium_invite", args=[consortium.pk]),
            {"profile": partner.pk},
        )

    member = ConsortiumMember.objects.get(organisation=partner.organisation)
    assert [p.organisation.name for p in search.context["results"]] == ["Margate Makers"]
    assert member.status == "invited"
    assert [m.to for m in mailoutbox] == [[partner_admin.email]]
    assert f"https://ccp.example{consortium.get_absolute_url()}" in mailoutbox[0].body
    assert "Thanet Tidal Dance has invited Margate Makers to join" in mailoutbox[0].subject


def test_consortium_invite_refused_to_anyone_but_the_leads_admins(client):
    consortium = ConsortiumFactory()
    plain_member = MembershipFactory(organisation=consortium.lead).user
    client.force_login(plain_member)

    response = client.post(
        reverse("providers:consortium_invite", args=[consortium.pk]), {"profile": _listed().pk}
    )

    assert response.status_code == 403
    assert ConsortiumMember.objects.filter(consortium=consortium).count() == 1


def test_consortium_respond_confirm_by_the_invited_admin(client):
    member = ConsortiumMemberFactory()
    admin = MembershipFactory(organisation=member.organisation, admin=True).user
    client.force_login(admin)

    page = client.get(member.consortium.get_absolute_url())
    client.post(
        reverse("providers:consortium_respond", args=[member.consortium_id, member.pk]),
        {"decision": "confirm"},
    )

    member.refresh_from_db()
    assert "has invited" in _text(page)
    assert member.status == "confirmed"


def test_consortium_respond_refused_to_others(client):
    member = ConsortiumMemberFactory()
    plain_member = MembershipFactory(organisation=member.organisation).user
    lead_admin = MembershipFactory(organisation=member.consortium.lead, admin=True).user
    url = reverse("providers:consortium_respond", args=[member.consortium_id, member.pk])

    client.force_login(plain_member)
    by_plain_member = client.post(url, {"decision": "confirm"})
    client.force_login(lead_admin)
    by_lead = client.post(url, {"decision": "confirm"})

    member.refresh_from_db()
    assert (by_plain_member.status_code, by_lead.status_code) == (403, 403)
    assert member.status == "invited"


def test_consortium_detail_hides_invitations_from_the_public(client):
    member = ConsortiumMemberFactory(organisation=OrganisationFactory(name="Maybe Arts"))
    lead_admin = MembershipFactory(organisation=member.consortium.lead, admin=True).user

    public = client.get(member.consortium.get_absolute_url())
    client.force_login(lead_admin)
    lead = client.get(member.consortium.get_absolute_url())

    assert "Maybe Arts" not in _text(public)
    assert "Maybe Arts" in _text(lead)
    assert "Invite a provider" in _text(lead)


def test_consortium_member_remove_by_the_lead_needs_confirmation(client):
    member = ConsortiumMemberFactory(
        organisation=OrganisationFactory(name="Yes Arts"), confirmed=True
    )
    lead_admin = MembershipFactory(organisation=member.consortium.lead, admin=True).user
    url = reverse("providers:consortium_member_remove", args=[member.consortium_id, member.pk])
    client.force_login(lead_admin)

    confirm = client.get(url)
    kept = ConsortiumMember.objects.filter(pk=member.pk).exists()
    client.post(url)

    assert f"Remove Yes Arts from {member.consortium.name}?" in _text(confirm)
    assert kept is True
    assert ConsortiumMember.objects.filter(pk=member.pk).exists() is False


def test_consortium_member_remove_refused_to_strangers(client):
    member = ConsortiumMemberFactory(confirmed=True)
    client.force_login(_member_of_provider(admin=True))

    response = client.post(
        reverse("providers:consortium_member_remove", args=[member.consortium_id, member.pk])
    )

    assert response.status_code == 403
    assert ConsortiumMember.objects.filter(pk=member.pk).exists() is True


def test_consortium_lead_cannot_be_removed(client):
    consortium = ConsortiumFactory()
    lead_member = ConsortiumMember.objects.get(consortium=consortium)
    lead_admin = MembershipFactory(organisation=consortium.lead, admin=True).user
    client.force_login(lead_admin)

    response = client.post(
        reverse("providers:consortium_member_remove", args=[consortium.pk, lead_member.pk]),
        follow=True,
    )

    assert "The lead organisation cannot leave its own consortium." in _text(response)
    assert ConsortiumMember.objects.filter(pk=lead_member.pk).exists() is True


# Navigation --------------------------------------------------------------------------------


def _nav_labels(response) -> list[str]:
    return [item["label"] for item in response.context["nav_items"]]


def test_navigation_signed_out_reaches_the_directory(client):
    response = client.get(reverse("home"))

    assert _nav_labels(response) == ["Directory", "Events"]
    assert 'href="/directory/"' in _text(response)


def test_navigation_for_a_provider_and_a_commissioner(client, commissioner):
    client.force_login(_member_of_provider())
    provider = _nav_labels(client.get(reverse("home")))
    client.force_login(commissioner)
    council = _nav_labels(client.get(reverse("home")))

    assert {"Directory", "Your profile", "Shortlists"} <= set(provider)
    assert {"Directory", "Shortlists"} <= set(council)
    assert "Your profile" not in council


def test_navigation_without_an_organisation_has_no_shortlists(client):
    client.force_login(UserFactory())

    labels = _nav_labels(client.get(reverse("home")))

    assert "Directory" in labels
    assert "Shortlists" not in labels


@given(q=st.text(max_size=300))
@hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_directory_any_search_text_shows_a_page(client, q):
    response = client.get(reverse("providers:directory"), {"q": q})

    assert response.status_code == 200
    assert len(response.context["filters"].q) <= 200
    assert 'id="results-count">0 providers</h2>' in _text(response)
