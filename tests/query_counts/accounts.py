"""Accounts: a person's organisations and memberships, and the audit trail."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.models import Membership, Organisation, User
from core.models import AuditEntry
from tests.query_counts.people import Counter, commissioner, platform_admin, provider
from tests.query_counts.registry import View, page


def _grow_memberships(user):
    counter = Counter()

    def grow(count: int) -> None:
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Member organisation {n}", kind="provider", type="arts_cultural")
            for n in counter.take(count)
        )
        Membership.objects.bulk_create(Membership(user=user, organisation=o) for o in organisations)

    return grow


@page("accounts:organisation_list", who="a person who belongs to the organisations")
def organisation_list() -> View:
    user = provider().user
    return View(
        user=user,
        url=reverse("accounts:organisation_list"),
        grow=_grow_memberships(user),
        shows="Member organisation 0",
    )


@page("api_organisations", who="a person who belongs to the organisations")
def api_organisations() -> View:
    user = provider().user
    return View(
        user=user,
        url=reverse("api_organisations"),
        grow=_grow_memberships(user),
        shows="Member organisation 0",
    )


@page("api_memberships", who="the person whose memberships they are")
def api_memberships() -> View:
    user = provider().user
    return View(
        user=user,
        url=reverse("api_memberships"),
        grow=_grow_memberships(user),
        shows="Member organisation 0",
    )


def _grow_audit(organisation, actor):
    counter = Counter()
    content_type = ContentType.objects.get_for_model(Organisation)

    def grow(count: int) -> None:
        AuditEntry.objects.bulk_create(
            AuditEntry(
                organisation=organisation,
                actor=actor,
                actor_label=actor.email,
                action="organisation.update",
                content_type=content_type,
                object_id=str(organisation.pk),
                object_repr=f"Audited change {n}",
                before={"name": "Old"},
                after={"name": "New"},
            )
            for n in counter.take(count)
        )

    return grow


@page("accounts:organisation_audit", who="an admin of the organisation")
def organisation_audit() -> View:
    membership = commissioner()
    return View(
        user=membership.user,
        url=reverse("accounts:organisation_audit", args=[membership.organisation.pk]),
        grow=_grow_audit(membership.organisation, membership.user),
        shows="Audited change",
    )


@page("accounts:audit_all", who="a platform admin")
def audit_all() -> View:
    admin = platform_admin()
    membership = provider()
    return View(
        user=admin,
        url=reverse("accounts:audit_all"),
        grow=_grow_audit(membership.organisation, membership.user),
        shows="Audited change",
    )


@page("accounts:organisation_detail", who="an admin of the organisation (its members)")
def organisation_detail() -> View:
    membership = provider()
    counter = Counter()

    def grow(count: int) -> None:
        users = User.objects.bulk_create(
            User(email=f"measured-member-{n}@example.org", full_name=f"Measured member {n}")
            for n in counter.take(count)
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation=membership.organisation) for user in users
        )

    return View(
        user=membership.user,
        url=reverse("accounts:organisation_detail", args=[membership.organisation.pk]),
        grow=grow,
        shows="Measured member 0",
    )
