"""The people and objects the load scenario plays, built through the services like real use.

Run inside Django (`python -m bench.loadtest.world OUT.json`, with the load database's
environment): it is idempotent — a second run finds the world and only issues fresh sessions.

- An open grant call with three lots and 40 provider organisations, each with one member and a
  complete draft bid (so "submit" succeeds and can be repeated: resubmission is allowed until
  the deadline).
- A closed grant call with 30 submitted bids, a panel in scoring with six members who have
  declared no conflicts, so each can open and save a score sheet.
- The Gloucestershire commissioner (from the demo), whose dashboards and programme report the
  commissioner journeys use.

People do not sign in through the form in the scenario (password hashing and MFA codes would
be measured instead of the platform): each gets a real server-side session, exactly what the
sign-in view would create, and the scenario sends its cookie.
"""

from __future__ import annotations

import datetime
import json
import sys
from decimal import Decimal
from importlib import import_module
from pathlib import Path

OPEN_TITLE = "Load test: community arts grants (open)"
CLOSED_TITLE = "Load test: community arts grants (in assessment)"
PANEL_NAME = "Load test assessment panel"
PROVIDERS = 40
SUBMITTED = 30
MEMBERS = 6
LOTS = ("Loneliness and isolation", "Mental health", "Physical activity")
CRITERIA = (("Outcomes for people", 60), ("Delivery and partnership", 40))
ANSWER = (
    "Weekly singing and conversation sessions in the village hall for older people who live "
    "alone, referred by social prescribers; we measure SWEMWBS at the start and end."
)


def _user(email: str, name: str):
    from allauth.account.models import EmailAddress  # noqa: PLC0415

    from accounts.models import User  # noqa: PLC0415

    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created:
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def _provider(n: int):
    from accounts.constants import KIND_BY_TYPE, MembershipRole, OrganisationType  # noqa: PLC0415
    from accounts.models import Membership, Organisation  # noqa: PLC0415

    name = f"Load Test Arts Collective {n:02d}"
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        kind_type = OrganisationType.ARTS_CULTURAL
        organisation = Organisation.objects.create(
            name=name, type=kind_type, kind=KIND_BY_TYPE[kind_type]
        )
    user = _user(f"load-provider-{n:02d}@example.org", f"Provider {n:02d}")
    Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": MembershipRole.ADMIN}
    )
    return organisation, user


def _call(actor, title: str, *, closes_in: datetime.timedelta):
    from django.utils import timezone  # noqa: PLC0415

    from commissioning.models import OutcomeArea, Programme  # noqa: PLC0415
    from tenders.models import Section  # noqa: PLC0415
    from tenders.services import drafting, lifecycle  # noqa: PLC0415

    programme = Programme.objects.get(name="Arts and health innovation grants 2026")
    opportunity = drafting.opportunity_create(
        actor=actor,
        programme=programme,
        title=title,
        route="innovation_grant",
        total_budget=Decimal(300000),
        max_bid=Decimal(15000),
        summary="Grants of up to £15,000 for community arts projects; the load test's call.",
        contract_start=datetime.date(2027, 4, 1),
        contract_end=datetime.date(2028, 3, 31),
        engagement_planned=False,
        closes_at=timezone.now() + closes_in,
        clarification_deadline=timezone.now() + closes_in - datetime.timedelta(days=7),
    )
    for lot_title in LOTS:
        drafting.lot_save(
            actor=actor,
            opportunity=opportunity,
            title=lot_title,
            budget=Decimal(100000),
            outcome_areas=OutcomeArea.objects.none(),
        )
    for criterion_title, weight in CRITERIA:
        drafting.criterion_save(
            actor=actor,
            opportunity=opportunity,
            kind="question",
            title=criterion_title,
            weight=weight,
            word_limit=500,
        )
    drafting.outcome_add(
        actor=actor,
        opportunity=opportunity,
        outcome_area=OutcomeArea.objects.order_by("pk").first(),
        statement="People connect to their communities and feel less lonely",
    )
    section = Section.objects.get(opportunity=opportunity, key="background")
    drafting.section_save(
        actor=actor,
        opportunity=opportunity,
        key="background",
        body="<p>Community arts projects for people who are lonely or isolated.</p>",
        revision=section.revision,
    )
    drafting.gate_save(actor=actor, opportunity=opportunity, title="Public liability insurance")
    lifecycle.opportunity_publish(actor=actor, opportunity=opportunity)
    opportunity.refresh_from_db()
    return opportunity


def _complete_bid(opportunity, organisation, user, lot):
    from tenders.services import bidding  # noqa: PLC0415

    bid = opportunity.bids.filter(organisation=organisation).first()
    if bid is not None:
        return bid
    bid = bidding.bid_start(
        actor=user, opportunity=opportunity, organisation=organisation, lots=[lot]
    )
    for criterion in opportunity.criteria.all():
        bidding.answer_save(actor=user, bid=bid, criterion=criterion, text=ANSWER, revision=0)
    bidding.bid_update(
        actor=user,
        bid=bid,
        revision=0,
        budget_lines=[
            {"description": "Artists' fees", "cost_type": "variable", "amount": "9000"},
            {"description": "Hall hire and evaluation", "cost_type": "fixed", "amount": "2500"},
        ],
        gate_answers={gate.pk: (True, "") for gate in opportunity.gates.all()},
        declarations={
            "declare_eligible": True,
            "declare_no_conflicts": True,
            "declare_accurate": True,
        },
    )
    bid.refresh_from_db()
    return bid


def _close(opportunity) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from tenders.models import Opportunity  # noqa: PLC0415
    from tenders.services import lifecycle  # noqa: PLC0415

    Opportunity.objects.filter(pk=opportunity.pk).update(
        closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    opportunity.refresh_from_db()
    lifecycle.opportunity_close(actor=None, opportunity=opportunity)
    opportunity.refresh_from_db()


def _panel(commissioner, opportunity):
    from evaluation.constants import ConflictLevel, PanelRole  # noqa: PLC0415
    from evaluation.services import conflicts, panels  # noqa: PLC0415

    panel = panels.panel_create(
        actor=commissioner,
        opportunity=opportunity,
        name=PANEL_NAME,
        briefing="Declare conflicts first, then score each criterion with a comment.",
        budget=Decimal(300000),
    )
    chair = panels.member_invite(
        actor=commissioner,
        panel=panel,
        email=commissioner.email,
        full_name=commissioner.full_name,
        role=PanelRole.CHAIR,
    )
    panels.member_accept(user=commissioner, member=chair)
    roles = [PanelRole.PATIENT, PanelRole.CLINICIAN, PanelRole.ARTS, PanelRole.INDEPENDENT]
    members = []
    for n in range(MEMBERS):
        email = f"load-panel-{n}@example.org"
        user = _user(email, f"Panel member {n}")
        member = panels.member_invite(
            actor=commissioner,
            panel=panel,
            email=email,
            full_name=user.full_name,
            role=roles[n % len(roles)],
        )
        panels.member_accept(user=user, member=member)
        member.refresh_from_db()
        members.append(member)
    panels.panel_open_scoring(actor=commissioner, panel=panel)
    for member in members:
        for bid in opportunity.bids.filter(status="submitted"):
            conflicts.declaration_make(
                actor=member.user, member=member, bid=bid, level=ConflictLevel.NONE, note=""
            )
    return panel


def _build(commissioner) -> None:
    from django.db import transaction  # noqa: PLC0415

    from tenders.services import bidding  # noqa: PLC0415

    with transaction.atomic():
        open_call = _call(commissioner, OPEN_TITLE, closes_in=datetime.timedelta(days=30))
        closed_call = _call(commissioner, CLOSED_TITLE, closes_in=datetime.timedelta(days=30))
        open_lots = list(open_call.lots.order_by("number"))
        closed_lots = list(closed_call.lots.order_by("number"))
        for n in range(PROVIDERS):
            organisation, user = _provider(n)
            _complete_bid(open_call, organisation, user, open_lots[n % len(open_lots)])
            if n < SUBMITTED:
                bid = _complete_bid(closed_call, organisation, user, closed_lots[n % 3])
                bidding.bid_submit(actor=user, bid=bid)
        _close(closed_call)
        _open_if_needed(commissioner, closed_call)
        _panel(commissioner, closed_call)


def _open_if_needed(commissioner, opportunity) -> None:
    """Closed bids are opened by the commissioner before a panel sees them (when the platform
    has that step)."""
    try:
        from tenders.services import opening  # noqa: PLC0415
    except ImportError:
        return
    opening.opportunity_bids_open(actor=commissioner, opportunity=opportunity)


def session_for(user, organisation_id: int | None = None) -> str:
    from django.conf import settings  # noqa: PLC0415
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: PLC0415

    from accounts.middleware import SESSION_KEY as ORGANISATION_KEY  # noqa: PLC0415

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if organisation_id is not None:
        store[ORGANISATION_KEY] = organisation_id
    store.create()
    return store.session_key


def ensure_mfa(user) -> None:
    """Commissioners must have MFA set up (the middleware sends them to set it up otherwise)."""
    from allauth.mfa.models import Authenticator  # noqa: PLC0415
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: PLC0415

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())


def build() -> dict:
    from django.conf import settings  # noqa: PLC0415
    from rest_framework.authtoken.models import Token  # noqa: PLC0415

    from accounts.models import User  # noqa: PLC0415
    from commissioning.models import Programme  # noqa: PLC0415
    from evaluation.models import Panel  # noqa: PLC0415
    from monitoring.models import Agreement  # noqa: PLC0415
    from tenders.models import Opportunity  # noqa: PLC0415

    commissioner = User.objects.get(email="commissioner@gloucestershire.example.org")
    if not Opportunity.objects.filter(title=OPEN_TITLE).exists():
        _build(commissioner)
    ensure_mfa(commissioner)
    open_call = Opportunity.objects.get(title=OPEN_TITLE)
    panel = Panel.objects.get(name=PANEL_NAME)
    programme = Programme.objects.get(name="Arts and health innovation grants 2026")
    providers = []
    for bid in open_call.bids.select_related("organisation").order_by("pk"):
        user = bid.organisation.memberships.select_related("user").first().user
        token, _ = Token.objects.get_or_create(user=user)
        providers.append(
            {
                "session": session_for(user, bid.organisation_id),
                "bid": bid.pk,
                "api_token": token.key,
            }
        )
    members = [
        {
            "session": session_for(member.user),
            "panel": panel.pk,
            "bids": list(member.assignments.values_list("bid_id", flat=True)),
        }
        for member in panel.members.select_related("user").exclude(role="chair").order_by("pk")
    ]
    commissioner_org = open_call.organisation_id
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "open_opportunity": open_call.pk,
        "published_opportunities": list(
            Opportunity.objects.filter(status="published").values_list("pk", flat=True)[:20]
        ),
        "programme": programme.pk,
        "programme_start": programme.start_date.isoformat(),
        "programme_end": programme.end_date.isoformat(),
        "providers": providers,
        "panel_members": members,
        "commissioners": [
            {"session": session_for(commissioner, commissioner_org)} for _ in range(4)
        ],
        "agreements": list(
            Agreement.objects.filter(commissioner_id=commissioner_org).values_list("pk", flat=True)[
                :10
            ]
        ),
    }


def main() -> None:
    import django  # noqa: PLC0415

    django.setup()
    from providers.services.profiles import directory_changed  # noqa: PLC0415

    # The generator wrote profiles behind the app's back: no cached search summary survives.
    directory_changed()
    Path(sys.argv[1]).write_text(json.dumps(build(), indent=1))


if __name__ == "__main__":
    main()
