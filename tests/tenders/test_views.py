"""The opportunity pages: who may see and change what, bad input refused with a clear message
and nothing saved, specification text sanitised, section conflicts, and query budgets."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commissioning.models import Kpi, OutcomeArea
from tenders.constants import QuestionStatus, Status
from tenders.models import (
    Criterion,
    Interest,
    Lot,
    Opportunity,
    OutcomeSought,
    PublishedVersion,
    Question,
    Section,
    TargetedInvitation,
)
from tenders.services import drafting, engagement, lifecycle
from tests.conftest import with_totp
from tests.factories import MembershipFactory, OrganisationFactory
from tests.providers.conftest import make_profile
from tests.tenders.conftest import build_opportunity

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('owned')</script>"


@pytest.fixture
def other_commissioner(db):
    membership = MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Surrey Council")
    )
    with_totp(membership.user)
    return membership


@pytest.fixture
def provider_member(db):
    return MembershipFactory(admin=True, organisation=OrganisationFactory(name="Stroud Arts"))


@pytest.fixture
def draft(commissioner_member):
    """A publishable draft with a lot and a gate, so every editing page has something to edit."""
    opportunity = build_opportunity(commissioner_member)
    drafting.lot_save(
        actor=commissioner_member.user,
        opportunity=opportunity,
        title="Dementia",
        budget=Decimal(100000),
    )
    drafting.gate_save(
        actor=commissioner_member.user, opportunity=opportunity, title="Safeguarding policy"
    )
    return opportunity


def _publish(member, opportunity: Opportunity) -> Opportunity:
    lifecycle.opportunity_publish(actor=member.user, opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity


@pytest.fixture
def published(commissioner_member, draft):
    return _publish(commissioner_member, draft)


@pytest.fixture
def question(published, provider_member):
    return engagement.question_ask(
        actor=provider_member.user,
        opportunity=published,
        organisation=provider_member.organisation,
        text="Can a consortium of two dance companies bid for one lot?",
    )


@pytest.fixture
def ask(published, provider_member):
    """Ask the published opportunity `count` questions; return the opportunity."""

    def _ask(count: int) -> Opportunity:
        for number in range(count):
            engagement.question_ask(
                actor=provider_member.user,
                opportunity=published,
                organisation=provider_member.organisation,
                text=f"Question {number}?",
            )
        return published

    return _ask


def _editing_urls(opportunity: Opportunity) -> list[tuple[str, str]]:
    """Every commissioner page for one opportunity, with the method it answers."""
    pk = opportunity.pk
    lot = opportunity.lots.first()
    outcome = opportunity.outcomes_sought.first()
    kpi = opportunity.kpis.first()
    criterion = opportunity.criteria.first()
    gate = opportunity.gates.first()
    return [
        ("get", reverse("tenders:workspace", args=[pk])),
        ("get", reverse("tenders:details", args=[pk])),
        ("get", reverse("tenders:lot_list", args=[pk])),
        ("get", reverse("tenders:lot_create", args=[pk])),
        ("get", reverse("tenders:lot_update", args=[pk, lot.pk])),
        ("get", reverse("tenders:lot_delete", args=[pk, lot.pk])),
        ("get", reverse("tenders:outcome_list", args=[pk])),
        ("get", reverse("tenders:outcome_remove", args=[pk, outcome.pk])),
        ("get", reverse("tenders:section_edit", args=[pk, "background"])),
        ("post", reverse("tenders:section_edit", args=[pk, "background"])),
        ("post", reverse("tenders:section_preview", args=[pk, "background"])),
        ("post", reverse("tenders:clause_insert", args=[pk, "delivery", "spot-purchase"])),
        ("get", reverse("tenders:kpi_list", args=[pk])),
        ("get", reverse("tenders:kpi_remove", args=[pk, kpi.pk])),
        ("get", reverse("tenders:criterion_list", args=[pk])),
        ("get", reverse("tenders:criterion_create", args=[pk])),
        ("get", reverse("tenders:criterion_update", args=[pk, criterion.pk])),
        ("get", reverse("tenders:criterion_delete", args=[pk, criterion.pk])),
        ("post", reverse("tenders:psr_criterion_add", args=[pk, 0])),
        ("get", reverse("tenders:gate_create", args=[pk])),
        ("get", reverse("tenders:gate_update", args=[pk, gate.pk])),
        ("get", reverse("tenders:gate_delete", args=[pk, gate.pk])),
        ("get", reverse("tenders:inclusion_check", args=[pk])),
        ("get", reverse("tenders:publish", args=[pk])),
        ("post", reverse("tenders:publish", args=[pk])),
        ("get", reverse("tenders:amend", args=[pk])),
        ("get", reverse("tenders:transition", args=[pk, "cancel"])),
        ("post", reverse("tenders:transition", args=[pk, "cancel"])),
        ("get", reverse("tenders:version_list", args=[pk])),
        ("get", reverse("tenders:question_list", args=[pk])),
        ("get", reverse("tenders:invitation_list", args=[pk])),
        ("post", reverse("tenders:invitation_list", args=[pk])),
    ]


# Permissions ------------------------------------------------------------------------------


def test_every_editing_page_opens_for_the_commissioner(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)

    amend = reverse("tenders:amend", args=[draft.pk])
    statuses = {
        url: client.get(url).status_code for method, url in _editing_urls(draft) if method == "get"
    }

    # A draft is changed by drafting; amendment is for published opportunities.
    assert statuses.pop(amend) == 302
    assert set(statuses.values()) == {200}


def test_other_organisations_commissioner_gets_404_on_a_draft_and_every_editing_url(
    client, other_commissioner, draft
):
    client.force_login(other_commissioner.user)

    statuses = {
        (method, url): getattr(client, method)(url).status_code
        for method, url in [
            *_editing_urls(draft),
            ("get", reverse("tenders:opportunity_detail", args=[draft.pk])),
            ("get", reverse("tenders:specification_print", args=[draft.pk])),
        ]
    }

    assert set(statuses.values()) == {404}
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_provider_gets_404_on_every_editing_url(client, provider_member, draft):
    client.force_login(provider_member.user)

    statuses = {getattr(client, m)(url).status_code for m, url in _editing_urls(draft)}

    assert statuses == {404}


def test_provider_gets_403_on_the_commissioner_list_and_create_pages(client, provider_member):
    client.force_login(provider_member.user)

    assert client.get(reverse("tenders:manage_list")).status_code == 403
    assert client.get(reverse("tenders:opportunity_create")).status_code == 403


def test_other_commissioner_gets_404_when_answering_another_organisations_question(
    client, other_commissioner, question
):
    client.force_login(other_commissioner.user)
    url = reverse("tenders:question_answer", args=[question.opportunity_id, question.pk])

    get = client.get(url)
    post = client.post(url, {"answer": "Yes.", "published_question": question.text})

    assert (get.status_code, post.status_code) == (404, 404)
    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN


def test_question_answer_url_must_match_its_opportunity(
    client, commissioner_member, question, draft
):
    other = build_opportunity(commissioner_member)
    client.force_login(commissioner_member.user)

    response = client.get(reverse("tenders:question_answer", args=[other.pk, question.pk]))

    assert response.status_code == 404


def test_anonymous_sees_published_but_not_drafts(client, commissioner_member, published):
    draft = build_opportunity(commissioner_member)

    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("tenders:specification_print", args=[draft.pk])).status_code == 404


def test_anonymous_is_sent_to_sign_in_from_editing_and_provider_pages(client, published):
    urls = [
        reverse("tenders:workspace", args=[published.pk]),
        reverse("tenders:manage_list"),
        reverse("tenders:question_ask", args=[published.pk]),
        reverse("tenders:interest_register", args=[published.pk]),
    ]

    locations = [client.get(url)["Location"] for url in urls]

    assert all(location.startswith("/accounts/login/") for location in locations)


def test_commissioner_can_preview_own_draft_as_providers_see_it(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert "This is a preview" in response.content.decode()


def test_commissioner_cannot_ask_questions_or_register_interest(
    client, commissioner_member, published
):
    client.force_login(commissioner_member.user)

    ask = client.post(reverse("tenders:question_ask", args=[published.pk]), {"text": "Hello?"})
    interest = client.post(reverse("tenders:interest_register", args=[published.pk]))

    assert (ask.status_code, interest.status_code) == (403, 403)
    assert Question.objects.count() == 0
    assert Interest.objects.count() == 0


def test_infrastructure_organisation_may_ask_a_question(client, published):
    broker = MembershipFactory(organisation=OrganisationFactory(infrastructure=True))
    client.force_login(broker.user)

    response = client.post(
        reverse("tenders:question_ask", args=[published.pk]), {"text": "Can we bid as a broker?"}
    )

    assert response.status_code == 302
    assert Question.objects.get().organisation == broker.organisation


def test_drafting_pages_of_a_published_opportunity_send_the_commissioner_to_amend(
    client, commissioner_member, published
):
    client.force_login(commissioner_member.user)

    response = client.post(
        reverse("tenders:outcome_list", args=[published.pk]),
        {"outcome_area": OutcomeArea.objects.first().pk, "statement": "People feel better"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("tenders:workspace", args=[published.pk])
    assert published.outcomes_sought.count() == 1


# Creating and drafting ---------------------------------------------------------------------


def test_create_makes_a_draft_in_the_chosen_programme(client, commissioner_member, draft):
    programme = draft.programme
    client.force_login(commissioner_member.user)

    response = client.post(
        reverse("tenders:opportunity_create"),
        {
            "programme": programme.pk,
            "title": "Arts on prescription",
            "route": "innovation_grant",
            "total_budget": "150000",
        },
    )

    created = Opportunity.objects.get(title="Arts on prescription")
    assert response["Location"] == reverse("tenders:workspace", args=[created.pk])
    assert (created.programme, created.route, created.status) == (
        programme,
        "innovation_grant",
        Status.DRAFT,
    )


def test_create_refuses_another_organisations_programme(
    client, commissioner_member, other_commissioner
):
    theirs = build_opportunity(other_commissioner).programme
    client.force_login(commissioner_member.user)

    response = client.post(
        reverse("tenders:opportunity_create"),
        {"programme": theirs.pk, "title": "X", "route": "open", "total_budget": "1000"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Opportunity.objects.filter(title="X").count() == 0


def _details_data(opportunity: Opportunity, **overrides) -> dict:
    closes = timezone.localtime(opportunity.closes_at)
    data = {
        "title": opportunity.title,
        "summary": opportunity.summary,
        "route": opportunity.route,
        "total_budget": str(opportunity.total_budget),
        "consortium_bids_welcome": "on",
        "multiple_lots_allowed": "on",
        "engagement_planned": "on",
        "closes_date": closes.date().isoformat(),
        "closes_time": "12:00",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_details_save_dates_and_times_as_uk_time(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)
    closes_on = timezone.localdate() + datetime.timedelta(days=70)

    response = client.post(
        reverse("tenders:details", args=[draft.pk]),
        _details_data(
            draft,
            title="Wellbeing through the arts",
            max_bid="15000",
            closes_date=closes_on.isoformat(),
            closes_time="17:30",
        ),
    )

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.title == "Wellbeing through the arts"
    assert draft.max_bid == Decimal(15000)
    local = timezone.localtime(draft.closes_at)
    assert (local.date(), local.hour, local.minute, str(local.tzinfo)) == (
        closes_on,
        17,
        30,
        "Europe/London",
    )


@pytest.mark.parametrize(
    "case",
    [
        (
            {"closes_date": "2020-01-01"},
            "closes_date",
            "The closing date must be in the future.",
        ),
        (
            {"closes_date": "+10"},
            "closes_date",
            # Followed by "(it is 9 days)." or "(it is 10 days).", depending on the time of day.
            "The closing date must be at least 25 days after publication for this route (it is ",
        ),
        (
            {"max_bid": "5000000"},
            "max_bid",
            "The maximum per bid cannot be more than the total budget.",
        ),
        (
            {"min_bid": "20000", "max_bid": "15000"},
            "min_bid",
            "The minimum per bid cannot be more than the maximum.",
        ),
        ({"total_budget": ""}, "total_budget", "Enter the total budget."),
        (
            {"total_budget": "lots"},
            "total_budget",
            "Enter an amount in pounds, like 15000 or 15000.50.",
        ),
        (
            {"contract_start": "2027-04-01", "contract_end": "2027-01-01"},
            "contract_end",
            "The contract or grant must end after it starts.",
        ),
        (
            {"clarification_date": "+80"},
            "clarification_date",
            "The deadline for questions must be before the closing date.",
        ),
    ],
)
def test_details_bad_input_shows_error_and_saves_nothing(client, commissioner_member, draft, case):
    overrides, field, message = case
    overrides = dict(overrides)
    client.force_login(commissioner_member.user)
    today = timezone.localdate()
    for name, value in overrides.items():
        if value.startswith("+"):
            overrides[name] = (today + datetime.timedelta(days=int(value[1:]))).isoformat()
    before = Opportunity.objects.values().get(pk=draft.pk)

    response = client.post(
        reverse("tenders:details", args=[draft.pk]),
        _details_data(draft, title="Changed title", **overrides),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert len(errors) == 1
    assert errors[0].startswith(message)
    assert "There is a problem" in response.content.decode()
    assert Opportunity.objects.values().get(pk=draft.pk) == before


def test_details_show_the_route_rules_and_justification_for_direct_award(
    client, commissioner_member
):
    opportunity = build_opportunity(commissioner_member, route="psr_direct_c", publishable=False)
    client.force_login(commissioner_member.user)

    page = client.get(reverse("tenders:details", args=[opportunity.pk])).content.decode()

    assert "Open for bids for at least 25 days (good practice: 42 days or more)." in page
    assert "Standstill of 8 working days before award." in page
    assert 'name="direct_award_justification"' in page
    assert "If you choose a direct award route" not in page


@pytest.mark.parametrize(
    "case",
    [
        ("lot_create", {"title": "", "budget": "10"}, "Enter the lot's title."),
        (
            "lot_create",
            {"title": "Everything", "budget": "9000000"},
            "A lot's budget cannot be more than the total budget.",
        ),
        ("outcome_list", {"outcome_area": "", "statement": "x"}, "Choose the outcome area."),
        (
            "outcome_list",
            {"outcome_area": "wellbeing", "statement": ""},
            "Write the outcome as a change for people.",
        ),
        (
            "kpi_list",
            {"kpi": "access-arts-cultural-activities"},
            (
                "Number of people supported to access arts or cultural groups/activities is "
                "already one of this opportunity's KPIs."
            ),
        ),
        (
            "criterion_create",
            {"kind": "quality", "title": "Innovation", "weight": "10"},
            "The weights would total 110%; they must total exactly 100%.",
        ),
        (
            "criterion_create",
            {"kind": "quality", "title": "Innovation", "weight": "0"},
            "A weight must be more than 0%.",
        ),
        ("gate_create", {"title": ""}, "Enter the requirement."),
    ],
)
def test_drafting_forms_bad_input_shows_error_and_saves_nothing(
    client, commissioner_member, draft, case
):
    url_name, data, message = case
    data = dict(data)
    client.force_login(commissioner_member.user)
    if data.get("outcome_area") == "wellbeing":
        data["outcome_area"] = OutcomeArea.objects.get(name="Wellbeing").pk
    if "kpi" in data:
        data["kpi"] = Kpi.objects.get(slug=data["kpi"]).pk
    counts = (
        Lot.objects.count(),
        OutcomeSought.objects.count(),
        Criterion.objects.count(),
        draft.kpis.count(),
        draft.gates.count(),
    )

    response = client.post(reverse(f"tenders:{url_name}", args=[draft.pk]), data)

    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert "There is a problem" in response.content.decode()
    assert counts == (
        Lot.objects.count(),
        OutcomeSought.objects.count(),
        Criterion.objects.count(),
        draft.kpis.count(),
        draft.gates.count(),
    )


def test_lot_outcome_kpi_and_criterion_are_added(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)
    pk = draft.pk
    wellbeing = OutcomeArea.objects.get(name="Wellbeing")

    client.post(
        reverse("tenders:lot_create", args=[pk]),
        {"title": "Diabetes", "budget": "15000", "outcome_areas": [wellbeing.pk]},
    )
    client.post(
        reverse("tenders:outcome_list", args=[pk]),
        {"outcome_area": wellbeing.pk, "statement": "People manage their condition with others"},
    )
    client.post(
        reverse("tenders:kpi_list", args=[pk]),
        {"kpi": Kpi.objects.get(slug="reduced-loneliness").pk, "target": "60%"},
    )
    client.post(
        reverse("tenders:criterion_create", args=[pk]),
        {"kind": "quality", "title": "Reach", "weight": "50", "lot": draft.lots.first().pk},
    )

    assert [lot.title for lot in draft.lots.all()] == ["Dementia", "Diabetes"]
    assert list(draft.lots.get(title="Diabetes").outcome_areas.all()) == [wellbeing]
    assert draft.outcomes_sought.count() == 2
    assert draft.kpis.get(kpi__slug="reduced-loneliness").target == "60%"
    assert draft.criteria.get(title="Reach").lot.title == "Dementia"


def test_criteria_page_shows_running_totals_and_social_value_warning(
    client, commissioner_member, draft
):
    Criterion.objects.filter(opportunity=draft, kind="social_value").update(weight=5)
    client.force_login(commissioner_member.user)

    page = client.get(reverse("tenders:criterion_list", args=[draft.pk])).content.decode()

    assert "95%" in page
    assert "5% still to assign" in page
    assert "Social value is weighted at 5%" in page


def test_psr_route_offers_the_five_key_criteria_one_click_each(client, commissioner_member):
    opportunity = build_opportunity(commissioner_member, route="psr_competitive", publishable=False)
    client.force_login(commissioner_member.user)
    page = client.get(reverse("tenders:criterion_list", args=[opportunity.pk])).content.decode()

    client.post(reverse("tenders:psr_criterion_add", args=[opportunity.pk, 4]))

    assert page.count("the key criterion</span>") == 5
    criterion = opportunity.criteria.get()
    assert (criterion.title, criterion.kind, criterion.weight) == ("Social value", "psr_key", 20)


def test_psr_criteria_are_not_offered_on_other_routes(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)

    response = client.post(reverse("tenders:psr_criterion_add", args=[draft.pk, 0]))

    assert response.status_code == 302
    assert not draft.criteria.filter(kind="psr_key").exists()


def test_workspace_lists_tasks_and_inclusion_findings_with_links(client, commissioner_member):
    opportunity = build_opportunity(commissioner_member, publishable=False)
    client.force_login(commissioner_member.user)

    page = client.get(reverse("tenders:workspace", args=[opportunity.pk])).content.decode()

    assert "Details and timeline" in page
    assert "Background and need" in page
    assert "Barrier 3: Arts and cultural organisations not invited or not reached" in page
    assert "Arts and culture are not mentioned" in page
    assert reverse("tenders:section_edit", args=[opportunity.pk, "delivery"]) in page
    assert reverse("tenders:kpi_list", args=[opportunity.pk]) in page


# Specification sections ---------------------------------------------------------------------


def _section(opportunity: Opportunity, key: str = "background") -> Section:
    return Section.objects.get(opportunity=opportunity, key=key)


def test_section_save_sanitises_and_script_never_reaches_the_page_or_print_view(
    client, commissioner_member, draft
):
    client.force_login(commissioner_member.user)
    url = reverse("tenders:section_edit", args=[draft.pk, "background"])

    client.post(url, {"body": f"<p>Kent needs more support.</p>{SCRIPT}", "revision": 0})
    published = _publish(commissioner_member, draft)
    page = client.get(published.get_absolute_url()).content.decode()
    printed = client.get(reverse("tenders:specification_print", args=[draft.pk]))

    assert _section(draft).body == "<p>Kent needs more support.</p>"
    assert "Kent needs more support." in page
    assert "alert('owned')" not in page
    assert "alert(" not in printed.content.decode()
    assert "Kent needs more support." in printed.content.decode()


def test_script_written_around_the_service_is_still_removed_on_the_page(
    client, commissioner_member, published
):
    Section.objects.filter(opportunity=published, key="budget").update(
        body=f'<p onclick="steal()">Budget</p>{SCRIPT}<a href="javascript:steal()">x</a>'
    )

    page = client.get(published.get_absolute_url()).content.decode()
    printed = client.get(reverse("tenders:specification_print", args=[published.pk]))

    for content in (page, printed.content.decode()):
        assert "<script>alert" not in content
        assert "steal()" not in content
        assert "<p>Budget</p>" in content


def test_section_preview_is_sanitised(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)

    response = client.post(
        reverse("tenders:section_preview", args=[draft.pk, "background"]),
        {"body": f"<h2>Need</h2>{SCRIPT}"},
        headers={"HX-Request": "true"},
    )

    assert response.content.decode().strip() == '<div class="govuk-body"><h2>Need</h2></div>'


def test_section_conflict_shows_both_texts_and_overwrites_nothing(
    client, commissioner_member, draft
):
    colleague = MembershipFactory(
        organisation=commissioner_member.organisation, user__full_name="Sam Patel"
    )
    with_totp(colleague.user)
    url = reverse("tenders:section_edit", args=[draft.pk, "background"])
    revision = _section(draft).revision
    client.force_login(colleague.user)
    first = client.post(url, {"body": "<p>Their text about loneliness.</p>", "revision": revision})
    client.force_login(commissioner_member.user)

    second = client.post(url, {"body": "<p>My text about isolation.</p>", "revision": revision})

    page = second.content.decode()
    assert first.status_code == 302
    assert second.status_code == 409
    assert "Someone else has saved this section" in page
    assert "Sam Patel saved it at" in page
    assert "Their text about loneliness." in page
    assert "My text about isolation." in page
    assert second.context["form"]["revision"].value() == revision + 1
    assert _section(draft).body == "<p>Their text about loneliness.</p>"


def test_after_a_conflict_saving_again_keeps_the_second_persons_text(
    client, commissioner_member, draft
):
    url = reverse("tenders:section_edit", args=[draft.pk, "background"])
    client.force_login(commissioner_member.user)
    client.post(url, {"body": "<p>First.</p>", "revision": 0})
    conflict = client.post(url, {"body": "<p>Second.</p>", "revision": 0})

    client.post(
        url, {"body": "<p>Second.</p>", "revision": conflict.context["form"]["revision"].value()}
    )

    assert _section(draft).body == "<p>Second.</p>"


def test_autosave_returns_status_and_the_new_revision(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)
    url = reverse("tenders:section_edit", args=[draft.pk, "background"])

    response = client.post(
        url, {"body": "<p>Draft text.</p>", "revision": 0}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert content.startswith("Saved at ")
    assert 'name="revision" value="1" id="section-revision" hx-swap-oob="true"' in content
    assert _section(draft).revision == 1


def test_autosave_conflict_pauses_autosave_and_shows_their_text(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)
    url = reverse("tenders:section_edit", args=[draft.pk, "background"])
    client.post(url, {"body": "<p>Saved elsewhere.</p>", "revision": 0})

    response = client.post(
        url, {"body": "<p>Typed here.</p>", "revision": 0}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert content.startswith("Not saved")
    assert "Saved elsewhere." in content
    assert '<div id="section-autosave" hx-swap-oob="true"></div>' in content
    assert _section(draft).body == "<p>Saved elsewhere.</p>"


def test_same_text_saved_twice_is_not_a_conflict(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)
    url = reverse("tenders:section_edit", args=[draft.pk, "background"])
    client.post(url, {"body": "<p>Same.</p>", "revision": 0})

    response = client.post(url, {"body": "<p>Same.</p>", "revision": 0})

    assert response.status_code == 302


def test_clause_insert_keeps_typed_text_then_adds_the_clause(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)
    section = _section(draft, "budget")

    response = client.post(
        reverse("tenders:clause_insert", args=[draft.pk, "budget", "innovation-grant"]),
        {"body": "<p>Typed but not saved.</p>", "revision": section.revision},
    )

    body = _section(draft, "budget").body
    assert response.status_code == 302
    assert body.startswith("<p>Typed but not saved.</p>")
    assert "innovation grant pot" in body


def test_clause_from_another_section_is_404(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)

    response = client.post(
        reverse("tenders:clause_insert", args=[draft.pk, "budget", "spot-purchase"]),
        {"body": "", "revision": 0},
    )

    assert response.status_code == 404


def test_unknown_section_is_404(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)

    assert client.get(reverse("tenders:section_edit", args=[draft.pk, "nope"])).status_code == 404


# Publishing and the lifecycle --------------------------------------------------------------


def test_publish_with_weights_not_totalling_100_lists_the_problem_and_stays_draft(
    client, commissioner_member, draft
):
    Criterion.objects.filter(opportunity=draft, kind="price").delete()
    client.force_login(commissioner_member.user)

    get = client.get(reverse("tenders:publish", args=[draft.pk])).content.decode()
    post = client.post(reverse("tenders:publish", args=[draft.pk]))

    message = "The opportunity's criteria weights total 70%; they must total exactly 100%."
    assert message in get.replace("&#x27;", "'")
    assert message in post.content.decode().replace("&#x27;", "'")
    assert "This opportunity cannot be published yet" in post.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (Status.DRAFT, 0)


def test_publish_with_a_closing_date_too_soon_for_the_route_is_refused(client, commissioner_member):
    opportunity = build_opportunity(commissioner_member, days_open=12)
    client.force_login(commissioner_member.user)

    response = client.post(reverse("tenders:publish", args=[opportunity.pk]))

    assert "must be at least 25 days after publication" in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.status == Status.DRAFT


def test_publish_publishes_and_keeps_version_one(client, commissioner_member, draft):
    client.force_login(commissioner_member.user)

    response = client.post(reverse("tenders:publish", args=[draft.pk]))

    draft.refresh_from_db()
    assert response["Location"] == reverse("tenders:workspace", args=[draft.pk])
    assert (draft.status, draft.version) == (Status.PUBLISHED, 1)
    assert PublishedVersion.objects.get(opportunity=draft).number == 1


def test_amend_without_a_reason_is_refused_and_nothing_changes(
    client, commissioner_member, published
):
    client.force_login(commissioner_member.user)

    response = client.post(
        reverse("tenders:amend", args=[published.pk]),
        _details_data(published, title="A new title", route=None, reason=""),
    )

    assert response.context["form"].errors["reason"] == [
        "Give the reason for the amendment; bidders will see it."
    ]
    published.refresh_from_db()
    assert (published.title, published.version) == (
        "Community mental health and wellbeing service",
        1,
    )


def test_amend_with_nothing_changed_is_refused(client, commissioner_member, published):
    client.force_login(commissioner_member.user)

    response = client.post(
        reverse("tenders:amend", args=[published.pk]),
        _details_data(
            published,
            route=None,
            reason="Typo",
            closes_time=timezone.localtime(published.closes_at).strftime("%H:%M"),
            areas=[a.pk for a in published.areas.all()],
            clarification_date=timezone.localtime(published.clarification_deadline)
            .date()
            .isoformat(),
            clarification_time=timezone.localtime(published.clarification_deadline).strftime(
                "%H:%M"
            ),
        ),
    )

    assert "You have not changed anything" in response.content.decode()
    published.refresh_from_db()
    assert published.version == 1


def test_amend_publishes_a_new_version_and_emails_registered_providers(
    client, commissioner_member, published, provider_member, django_capture_on_commit_callbacks
):
    engagement.interest_register(
        actor=provider_member.user,
        opportunity=published,
        organisation=provider_member.organisation,
    )
    client.force_login(commissioner_member.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("tenders:amend", args=[published.pk]),
            _details_data(
                published,
                route=None,
                title="Community wellbeing service",
                reason="The title now says what the service is.",
                areas=[a.pk for a in published.areas.all()],
                clarification_date=timezone.localtime(published.clarification_deadline)
                .date()
                .isoformat(),
                clarification_time=timezone.localtime(published.clarification_deadline).strftime(
                    "%H:%M"
                ),
                closes_time=timezone.localtime(published.closes_at).strftime("%H:%M"),
            ),
        )

    published.refresh_from_db()
    assert response.status_code == 302
    assert (published.title, published.version) == ("Community wellbeing service", 2)
    assert published.published_versions.get(number=2).amendment_reason == (
        "The title now says what the service is."
    )
    message = next(m for m in mail.outbox if provider_member.user.email in m.to)
    assert "The title now says what the service is." in message.body
    assert published.get_absolute_url() in message.body


def test_cancel_without_a_reason_is_refused(client, commissioner_member, published):
    client.force_login(commissioner_member.user)

    response = client.post(
        reverse("tenders:transition", args=[published.pk, "cancel"]), {"reason": ""}
    )

    assert response.context["form"].errors["reason"] == ["Give the reason; bidders will see it."]
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_withdraw_with_a_reason_withdraws_and_tells_registered_providers(
    client, commissioner_member, published, provider_member, django_capture_on_commit_callbacks
):
    engagement.interest_register(
        actor=provider_member.user, opportunity=published, organisation=provider_member.organisation
    )
    client.force_login(commissioner_member.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("tenders:transition", args=[published.pk, "withdraw"]),
            {"reason": "The budget has been withdrawn."},
        )

    published.refresh_from_db()
    assert response.status_code == 302
    assert published.status == Status.WITHDRAWN
    message = mail.outbox[0]
    assert "Withdrawn: " in message.subject
    assert "The budget has been withdrawn." in message.body


def test_transition_not_allowed_from_the_status_is_refused(client, commissioner_member, published):
    client.force_login(commissioner_member.user)

    response = client.post(reverse("tenders:transition", args=[published.pk, "award"]))

    published.refresh_from_db()
    assert response.status_code == 302
    assert published.status == Status.PUBLISHED


def test_close_start_evaluation_and_award_after_the_closing_time(
    client, commissioner_member, published, time_machine
):
    time_machine.move_to(published.closes_at + datetime.timedelta(minutes=1))
    client.force_login(commissioner_member.user)
    workspace = client.get(reverse("tenders:workspace", args=[published.pk])).content.decode()

    for action in ("close", "evaluate", "award"):
        client.post(reverse("tenders:transition", args=[published.pk, action]))

    published.refresh_from_db()
    assert "Close to bids" in workspace
    assert published.status == Status.AWARDED


def test_versions_page_lists_each_version(client, commissioner_member, published):
    client.force_login(commissioner_member.user)

    page = client.get(reverse("tenders:version_list", args=[published.pk])).content.decode()

    assert "Version 1 (current)" in page
    assert "First publication" in page


# Questions, interest and invitations --------------------------------------------------------


def test_provider_asks_a_question_and_sees_it_on_the_page(
    client, commissioner_member, provider_member, published, django_capture_on_commit_callbacks
):
    client.force_login(provider_member.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("tenders:question_ask", args=[published.pk]),
            {"text": "Is there a minimum bid?", "sensitive": "on"},
        )
    page = client.get(published.get_absolute_url()).content.decode()

    question = Question.objects.get()
    assert response["Location"].endswith("#your-questions")
    assert (question.organisation, question.sensitive) == (provider_member.organisation, True)
    assert "Is there a minimum bid?" in page
    message = next(m for m in mail.outbox if commissioner_member.user.email in m.to)
    assert reverse("tenders:question_list", args=[published.pk]) in message.body


def test_question_after_the_clarification_deadline_is_refused(
    client, provider_member, published, time_machine
):
    time_machine.move_to(published.clarification_deadline + datetime.timedelta(minutes=1))
    client.force_login(provider_member.user)

    response = client.post(
        reverse("tenders:question_ask", args=[published.pk]), {"text": "Too late?"}
    )

    assert response.status_code == 200
    assert "The deadline for questions was" in response.content.decode()
    assert Question.objects.count() == 0


def test_blank_question_is_refused(client, provider_member, published):
    client.force_login(provider_member.user)

    response = client.post(reverse("tenders:question_ask", args=[published.pk]), {"text": ""})

    assert response.context["form"].errors["text"] == ["Enter your question."]
    assert Question.objects.count() == 0


def test_published_answer_is_shown_to_everyone_without_the_asker(
    client, commissioner_member, question, provider_member, django_capture_on_commit_callbacks
):
    engagement.interest_register(
        actor=provider_member.user,
        opportunity=question.opportunity,
        organisation=provider_member.organisation,
    )
    client.force_login(commissioner_member.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("tenders:question_answer", args=[question.opportunity_id, question.pk]),
            {
                "answer": "Yes: consortium bids are welcome.",
                "published_question": "Can a consortium bid for one lot?",
            },
        )
    client.logout()
    page = client.get(question.opportunity.get_absolute_url()).content.decode()

    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED
    assert "Can a consortium bid for one lot?" in page
    assert "Yes: consortium bids are welcome." in page
    assert "two dance companies" not in page
    assert "Stroud Arts" not in page
    message = next(m for m in mail.outbox if provider_member.user.email in m.to)
    assert message.subject.endswith(
        "New answer published: Community mental health and wellbeing service"
    )


def test_private_answer_without_a_reason_is_refused(
    client, commissioner_member, published, provider_member
):
    sensitive = engagement.question_ask(
        actor=provider_member.user,
        opportunity=published,
        organisation=provider_member.organisation,
        text="Our pricing model is unusual: may we explain it in confidence?",
        sensitive=True,
    )
    client.force_login(commissioner_member.user)

    response = client.post(
        reverse("tenders:question_answer", args=[published.pk, sensitive.pk]),
        {"answer": "Yes.", "publish": "private", "private_reason": ""},
    )

    assert response.context["form"].errors["private_reason"] == [
        (
            "Give the reason for answering privately; every bidder should get the same "
            "information unless it is commercially sensitive."
        )
    ]
    sensitive.refresh_from_db()
    assert (sensitive.status, sensitive.answer) == (QuestionStatus.OPEN, "")


def test_private_answer_is_seen_only_by_the_asker(
    client, commissioner_member, published, provider_member, django_capture_on_commit_callbacks
):
    sensitive = engagement.question_ask(
        actor=provider_member.user,
        opportunity=published,
        organisation=provider_member.organisation,
        text="May we explain our pricing in confidence?",
        sensitive=True,
    )
    client.force_login(commissioner_member.user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("tenders:question_answer", args=[published.pk, sensitive.pk]),
            {"answer": "Yes, by email.", "publish": "private", "private_reason": "Pricing."},
        )

    client.force_login(provider_member.user)
    asker_page = client.get(published.get_absolute_url()).content.decode()
    client.logout()
    public_page = client.get(published.get_absolute_url()).content.decode()

    assert "Yes, by email." in asker_page
    assert "Private answer" in asker_page
    assert "Yes, by email." not in public_page
    assert [m.to for m in mail.outbox] == [[provider_member.user.email]]
    assert "Yes, by email." in mail.outbox[0].body


def test_non_sensitive_question_cannot_be_answered_privately(client, commissioner_member, question):
    client.force_login(commissioner_member.user)
    url = reverse("tenders:question_answer", args=[question.opportunity_id, question.pk])

    page = client.get(url).content.decode()

    assert 'name="private_reason"' not in page
    assert 'name="published_question"' in page


def test_provider_registers_interest_in_a_lot(client, provider_member, published):
    lot = published.lots.get()
    client.force_login(provider_member.user)

    response = client.post(
        reverse("tenders:interest_register", args=[published.pk]), {"lots": [lot.pk]}
    )

    interest = Interest.objects.get()
    assert response["Location"] == published.get_absolute_url()
    assert (interest.organisation, list(interest.lots.all())) == (
        provider_member.organisation,
        [lot],
    )


def test_invitations_are_sent_to_chosen_matching_providers(
    client, commissioner_member, published, django_capture_on_commit_callbacks
):
    profile = make_profile("Thanet Tidal Dance", outcomes=("Mental health",))
    client.force_login(commissioner_member.user)
    page = client.get(reverse("tenders:invitation_list", args=[published.pk])).content.decode()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("tenders:invitation_list", args=[published.pk]),
            {"organisations": [profile.organisation_id], "message": "Your dance work fits."},
        )
    after = client.get(reverse("tenders:invitation_list", args=[published.pk])).content.decode()

    invitation = TargetedInvitation.objects.get()
    assert "Thanet Tidal Dance" in page
    assert response.status_code == 302
    assert (invitation.organisation, invitation.message) == (
        profile.organisation,
        "Your dance work fits.",
    )
    message = next(m for m in mail.outbox if "jo@example.org" in m.to)
    assert str(commissioner_member.user) in message.subject
    assert "Your dance work fits." in message.body
    assert published.get_absolute_url() in message.body
    assert "Not yet" in after


def test_invitations_without_a_choice_are_refused(client, commissioner_member, published):
    make_profile("Thanet Tidal Dance", outcomes=("Mental health",))
    client.force_login(commissioner_member.user)

    response = client.post(reverse("tenders:invitation_list", args=[published.pk]), {})

    assert response.context["form"].errors["organisations"] == [
        "Choose at least one provider to invite."
    ]
    assert TargetedInvitation.objects.count() == 0


# The public list ---------------------------------------------------------------------------


def test_public_list_filters_and_counts_down(client, commissioner_member):
    grant = build_opportunity(commissioner_member, route="innovation_grant", days_open=20)
    grant.title = "Arts and health grants"
    grant.save()
    tender = build_opportunity(commissioner_member, days_open=40)
    for opportunity in (grant, tender):
        _publish(commissioner_member, opportunity)

    everything = client.get(reverse("tenders:opportunity_list")).content.decode()
    grants = client.get(reverse("tenders:opportunity_list"), {"route": "innovation_grant"})
    searched = client.get(reverse("tenders:opportunity_list"), {"q": "arts and health"})
    small = client.get(reverse("tenders:opportunity_list"), {"max_value": "100"})

    assert "2 opportunities" in everything
    assert "Closes in 20 days" in everything
    assert "Closes in 40 days" in everything
    assert list(grants.context["page_obj"]) == [grant]
    assert list(searched.context["page_obj"]) == [grant]
    assert "There are no opportunities that match." in small.content.decode()


def test_public_list_bad_filter_shows_error(client):
    response = client.get(
        reverse("tenders:opportunity_list"), {"min_value": "500", "max_value": "100"}
    )

    assert response.context["form"].errors["max_value"] == ["The most must be more than the least."]
    assert "There is a problem" in response.content.decode()


# Query budgets ------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 10])
def test_public_list_query_budget(client, commissioner_member, django_assert_num_queries, rows):
    for _ in range(rows):
        _publish(commissioner_member, build_opportunity(commissioner_member))

    with django_assert_num_queries(4):
        response = client.get(reverse("tenders:opportunity_list"))

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_commissioner_list_query_budget(
    client, commissioner_member, django_assert_num_queries, rows
):
    for _ in range(rows):
        build_opportunity(commissioner_member, publishable=False)
    client.force_login(commissioner_member.user)

    with django_assert_num_queries(7):
        response = client.get(reverse("tenders:manage_list"))

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_questions_inbox_query_budget(
    client, commissioner_member, ask, django_assert_num_queries, rows
):
    published = ask(rows)
    client.force_login(commissioner_member.user)

    with django_assert_num_queries(20):
        response = client.get(reverse("tenders:question_list", args=[published.pk]))

    assert len(response.context["page_obj"]) == rows
