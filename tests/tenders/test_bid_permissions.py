"""Every bid URL and API endpoint, requested as every role that must not see it; and sealing:
the commissioner's content URLs refuse the commissioner too until the bids are opened.

The world has two closed calls of one commissioner: `sealed` (bids not yet opened) and
`opened`. `test_every_bid_url_has_an_entry` fails when a bid page or endpoint is added without
an entry here (the platform-wide matrix in tests/security/ lists them too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from evaluation.constants import PanelRole
from tenders.models import BidPartner
from tests.conftest import with_totp
from tests.evaluation.factories import PanelFactory, PanelMemberFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.tenders.conftest import sealed_call

BID_VIEW_MODULES = (
    "tenders.views.opening.",
    "tenders.api.opening.",
    "tenders.views.bids.",
    "tenders.api.bids.",
)
OUTSIDERS = (
    "anonymous",
    "other_provider",
    "provider_other_opportunity",
    "other_commissioner",
    "panel_member",
)
NOT_THE_COMMISSIONER = (*OUTSIDERS, "provider")
NOT_THE_BIDDER = (*OUTSIDERS, "commissioner")
SIGN_IN = "/accounts/login/"


@dataclass(frozen=True)
class Entry:
    name: str
    kwargs: Callable[[Any], dict[str, Any]]
    refused: tuple[str, ...]
    allowed: str | None
    method: str = "get"


def _opened(w):
    return {"pk": w.opened.opportunity.pk}


def _sealed(w):
    return {"pk": w.sealed.opportunity.pk}


def _opened_bid(w):
    return {"pk": w.opened.opportunity.pk, "bid_pk": w.opened.bids[0].pk}


def _sealed_bid(w):
    return {"pk": w.sealed.opportunity.pk, "bid_pk": w.sealed.bids[0].pk}


def _opened_lot(w):
    return {"pk": w.opened.opportunity.pk, "lot_pk": w.opened.lots[0].pk}


def _sealed_lot(w):
    return {"pk": w.sealed.opportunity.pk, "lot_pk": w.sealed.lots[0].pk}


def _opened_attachment(w):
    return {"pk": w.opened.opportunity.pk, "attachment_pk": w.opened_attachment.pk}


def _sealed_attachment(w):
    return {"pk": w.sealed.opportunity.pk, "attachment_pk": w.sealed_attachment.pk}


def _bid(w):
    return {"pk": w.opened.bids[0].pk}


def _bid_criterion(w):
    return {"pk": w.opened.bids[0].pk, "criterion_pk": w.opened.opportunity.criteria.first().pk}


def _bid_attachment(w):
    return {"pk": w.opened.bids[0].pk, "attachment_pk": w.opened_attachment.pk}


def _commissioner(name, kwargs=_opened, method="get", allowed="commissioner"):
    return Entry(name, kwargs, NOT_THE_COMMISSIONER, allowed, method)


def _content_sealed(name, kwargs, method="get"):
    """Bid content of the sealed call: the commissioner is refused as well."""
    return Entry(name, kwargs, (*NOT_THE_COMMISSIONER, "commissioner"), None, method)


def _bidder(name, kwargs=_bid, method="get", allowed="provider"):
    return Entry(name, kwargs, NOT_THE_BIDDER, allowed, method)


ENTRIES = [
    # Counts are for the commissioner even while sealed.
    _commissioner("tenders:bids_overview", _sealed),
    _commissioner("tenders:bids_overview"),
    _commissioner("tenders:bids_open", _sealed),
    _commissioner("tenders:bids_open", _sealed, method="post", allowed=None),
    _commissioner("tenders:late_permits", _sealed),
    _commissioner("tenders:late_permits", _sealed, method="post", allowed=None),
    _commissioner("api_opportunity_bid_counts", _sealed),
    _commissioner("api_opportunity_bids_open", _sealed, method="post", allowed=None),
    # Content: the commissioner after opening, nobody before.
    _commissioner("tenders:bid_review", _opened_bid),
    _content_sealed("tenders:bid_review", _sealed_bid),
    _commissioner("tenders:bid_eligibility", _opened_bid),
    _commissioner("tenders:bid_eligibility", _opened_bid, method="post", allowed=None),
    _content_sealed("tenders:bid_eligibility", _sealed_bid),
    _content_sealed("tenders:bid_eligibility", _sealed_bid, method="post"),
    _commissioner("tenders:bid_register"),
    _content_sealed("tenders:bid_register", _sealed),
    _commissioner("tenders:bid_register_csv"),
    _content_sealed("tenders:bid_register_csv", _sealed),
    _commissioner("tenders:bid_pack_lot", _opened_lot),
    _content_sealed("tenders:bid_pack_lot", _sealed_lot),
    # Both calls have lots, so the whole-call pack is 404 for the commissioner too.
    _commissioner("tenders:bid_pack", allowed=None),
    _commissioner("tenders:bid_review_attachment", _opened_attachment),
    _content_sealed("tenders:bid_review_attachment", _sealed_attachment),
    _commissioner("tenders:send_to_evaluation"),
    _content_sealed("tenders:send_to_evaluation", _sealed),
    _content_sealed("tenders:send_to_evaluation", _sealed, method="post"),
    _commissioner("api_opportunity_bid_register"),
    _content_sealed("api_opportunity_bid_register", _sealed),
    _commissioner("api_opportunity_bid_eligibility", _opened_bid),
    _content_sealed("api_opportunity_bid_eligibility", _sealed_bid),
    _content_sealed("api_opportunity_bid_eligibility", _sealed_bid, method="post"),
    _content_sealed("api_opportunity_bids_send_to_evaluation", _sealed, method="post"),
    # The providers' bid API: only the bidder (and its confirmed partners).
    _bidder("api_bid"),
    _bidder("api_bid", method="patch", allowed=None),
    _bidder("api_bid_answers"),
    _bidder("api_bid_answer", _bid_criterion, method="put", allowed=None),
    _bidder("api_bid_gates"),
    _bidder("api_bid_gates", method="put", allowed=None),
    _bidder("api_bid_budget"),
    _bidder("api_bid_budget", method="put", allowed=None),
    _bidder("api_bid_attachments"),
    _bidder("api_bid_attachments", method="post", allowed=None),
    _bidder("api_bid_attachment", _bid_attachment),
    _bidder("api_bid_attachment", _bid_attachment, method="delete", allowed=None),
    _bidder("api_bid_checklist"),
    _bidder("api_bid_submit", method="post", allowed=None),
    _bidder("api_bid_withdraw", method="post", allowed=None),
    _bidder("api_bid_receipts"),
    _bidder("api_bid_partners"),
    _bidder("api_bid_partners", method="post", allowed=None),
    # An invitation to another bid's partner: for the invited organisation only, so even
    # the bidder of another bid is refused.
    Entry(
        "api_bid_invitation",
        lambda w: {"pk": w.invitation.pk},
        (*NOT_THE_BIDDER, "provider"),
        None,
        "post",
    ),
]


def _bid_receipt(w):
    return {"pk": w.opened.bids[0].pk, "number": 1}


# The providers' bid pages (tenders/urls_bids.py), listed as the bidprov branch defines them;
# an entry counts only once its URL exists, and then test_every_bid_url_has_an_entry holds
# every page to one. The call is closed, so the pages are read-only for the bidder.
PROVIDER_PAGES = [
    Entry(
        "bids:invitation",
        lambda w: {"partner_pk": w.invitation.pk},
        (*NOT_THE_BIDDER, "provider"),
        None,
    ),
    Entry(
        "bids:invitation",
        lambda w: {"partner_pk": w.invitation.pk},
        (*NOT_THE_BIDDER, "provider"),
        None,
        "post",
    ),
    _bidder("bids:workspace"),
    _bidder("bids:answer", _bid_criterion),
    _bidder("bids:budget"),
    _bidder("bids:requirements", allowed=None),
    _bidder("bids:declarations"),
    _bidder("bids:attachments"),
    _bidder("bids:attachment_download", _bid_attachment, allowed=None),
    _bidder("bids:attachment_remove", _bid_attachment, allowed=None),
    _bidder("bids:attachment_remove", _bid_attachment, method="post", allowed=None),
    _bidder("bids:partners"),
    _bidder("bids:submit"),
    _bidder("bids:submit", method="post", allowed=None),
    _bidder("bids:receipt", _bid_receipt),
    _bidder("bids:withdraw"),
    _bidder("bids:withdraw", method="post", allowed=None),
]


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", pattern.lookup_str


def bid_url_names() -> set[str]:
    return {
        name
        for name, view in _walk(get_resolver().url_patterns)
        if view.startswith(BID_VIEW_MODULES)
    }


ENTRIES += [entry for entry in PROVIDER_PAGES if entry.name in bid_url_names()]


class World:
    def __init__(self, **objects: Any) -> None:
        self.__dict__.update(objects)


def _build() -> World:
    commissioner = MembershipFactory(
        admin=True, organisation=OrganisationFactory(icb=True, name="NHS Gloucestershire ICB")
    )
    with_totp(commissioner.user)
    sealed = sealed_call(commissioner, providers=2, drafts=0)
    opened = sealed_call(commissioner, providers=2, drafts=0)
    opened.open()
    other_commissioner = MembershipFactory(
        admin=True, organisation=OrganisationFactory(commissioner=True, name="Kent County Council")
    )
    with_totp(other_commissioner.user)
    other_provider = MembershipFactory(
        admin=True, organisation=OrganisationFactory(name="Unrelated Arts Collective")
    )
    panel = PanelFactory(opportunity=opened.opportunity)
    PanelMemberFactory(panel=panel, role=PanelRole.CHAIR)
    panel_member = PanelMemberFactory(panel=panel)
    users = {
        "anonymous": None,
        "commissioner": commissioner.user,
        "provider": opened.providers[0].user,
        "other_provider": other_provider.user,
        "provider_other_opportunity": sealed.providers[0].user,
        "other_commissioner": other_commissioner.user,
        "panel_member": panel_member.user,
    }
    # The call is closed, so the service refuses new invitations: this stands for one made
    # before the closing time.
    invitation = BidPartner.objects.create(
        bid=opened.bids[1], organisation=OrganisationFactory(name="Invited Arts")
    )
    return World(
        invitation=invitation,
        sealed=sealed,
        opened=opened,
        sealed_attachment=sealed.bids[0].attachments.get(),
        opened_attachment=opened.bids[0].attachments.get(),
        users=users,
    )


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("bid-media")


@pytest.fixture(autouse=True)
def _media_root(settings, media):
    """The world's files live for the whole module (overrides tests/conftest.py's)."""
    settings.MEDIA_ROOT = media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def clients(world, django_db_blocker) -> dict[str, Client]:
    made = {}
    with django_db_blocker.unblock():
        for role, user in world.users.items():
            client = Client()
            if user is not None:
                client.force_login(user)
            made[role] = client
    return made


def test_every_bid_url_has_an_entry():
    declared = {entry.name for entry in ENTRIES}
    # Lists (of one's own bids and invitations) and starting a bid take no bid id: who may is
    # tested with the views and the API.
    untested = {"api_bids", "api_bid_invitations", "bids:list", "bids:start"}

    assert sorted(bid_url_names() - declared - untested) == []
    assert sorted(declared - bid_url_names()) == []


def _request(client: Client, url: str, method: str):
    if method == "get":
        return client.get(url)
    if method == "post":
        return client.post(url, {})
    return getattr(client, method)(url, "{}", content_type="application/json")


def _refused(role: str, url: str, response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    if role == "anonymous" and response.status_code == 302 and not url.startswith("/api/"):
        return response["Location"].startswith(SIGN_IN)
    return False


@pytest.mark.django_db
@pytest.mark.parametrize(
    "entry", ENTRIES, ids=[f"{e.name}-{e.method}-{e.kwargs.__name__}" for e in ENTRIES]
)
def test_every_other_role_is_refused(entry: Entry, world, clients):
    url = reverse(entry.name, kwargs=entry.kwargs(world))
    let_in = []
    for role in entry.refused:
        response = _request(clients[role], url, entry.method)
        if not _refused(role, url, response):
            let_in.append(f"{role}: {response.status_code}")

    assert let_in == [], f"{entry.name} {url} let in: {', '.join(let_in)}"
    if entry.allowed:
        response = _request(clients[entry.allowed], url, entry.method)
        got = f"{entry.name} {url}: {entry.allowed} got {response.status_code}"
        assert response.status_code in (200, 201, 302), got
        assert "/mfa/" not in response.get("Location", ""), got


@pytest.mark.django_db
def test_refused_requests_changed_nothing(world, clients):
    """After every refused request above (and here), the sealed call is still sealed and no
    gate decision or late permit was recorded."""
    for role in NOT_THE_COMMISSIONER:
        _request(clients[role], reverse("tenders:bids_open", kwargs=_sealed(world)), "post")
    opportunity = world.sealed.opportunity
    opportunity.refresh_from_db()

    assert opportunity.bids_opened_at is None
    assert opportunity.late_permits.count() == 0
    assert [b.eligibility for b in opportunity.bids.all()] == ["pending", "pending"]
