"""Who may do what with organisations. Predicates take (user, organisation)."""

from __future__ import annotations

import rules

from accounts.constants import MembershipRole, OrganisationKind


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_staff)


@rules.predicate
def is_member_of(user, organisation) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_admin_of(user, organisation) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user, role=MembershipRole.ADMIN).exists()


@rules.predicate
def is_commissioner_organisation(user, organisation) -> bool:
    return organisation is not None and organisation.kind == OrganisationKind.COMMISSIONER


@rules.predicate
def is_provider_organisation(user, organisation) -> bool:
    return organisation is not None and organisation.kind == OrganisationKind.PROVIDER


is_commissioner = is_member_of & is_commissioner_organisation
is_provider = is_member_of & is_provider_organisation

rules.add_perm("accounts.view_organisation", is_member_of | is_platform_admin)
rules.add_perm("accounts.change_organisation", is_admin_of | is_platform_admin)
rules.add_perm("accounts.manage_members", is_admin_of | is_platform_admin)
rules.add_perm("accounts.view_audit", is_admin_of | is_platform_admin)
rules.add_perm("accounts.view_all_audit", is_platform_admin)
