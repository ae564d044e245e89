"""Who may change a provider's profile and see its private parts. Predicates take
(user, profile) or (user, shortlist) / (user, consortium)."""

from __future__ import annotations

import rules

from accounts.constants import OrganisationKind
from accounts.rules import is_admin_of, is_member_of, is_platform_admin


@rules.predicate
def is_profile_member(user, profile) -> bool:
    return profile is not None and is_member_of(user, profile.organisation)


@rules.predicate
def is_profile_admin(user, profile) -> bool:
    return profile is not None and is_admin_of(user, profile.organisation)


@rules.predicate
def can_keep_shortlists(user, organisation) -> bool:
    """Commissioners and lead providers (any provider or infrastructure member) keep shortlists."""
    return organisation is not None and is_member_of(user, organisation)


@rules.predicate
def is_shortlist_member(user, shortlist) -> bool:
    return shortlist is not None and is_member_of(user, shortlist.organisation)


@rules.predicate
def is_consortium_lead_admin(user, consortium) -> bool:
    return consortium is not None and is_admin_of(user, consortium.lead)


@rules.predicate
def is_commissioner_user(user) -> bool:
    return bool(
        user.is_authenticated
        and user.memberships.filter(organisation__kind=OrganisationKind.COMMISSIONER).exists()
    )


rules.add_perm("providers.change_profile", is_profile_member)
rules.add_perm("providers.list_profile", is_profile_admin | is_platform_admin)
rules.add_perm("providers.add_shortlist", can_keep_shortlists)
rules.add_perm("providers.view_shortlist", is_shortlist_member)
rules.add_perm("providers.change_shortlist", is_shortlist_member)
rules.add_perm("providers.manage_consortium", is_consortium_lead_admin)
rules.add_perm("providers.view_support_needs", is_commissioner_user | is_platform_admin)
