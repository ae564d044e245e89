"""Who may see and change programmes. Predicates take (user, programme)."""

from __future__ import annotations

import rules

from accounts.rules import is_commissioner, is_member_of, is_platform_admin


@rules.predicate
def is_member_of_programme_owner(user, programme) -> bool:
    return programme is not None and is_member_of(user, programme.organisation)


@rules.predicate
def is_commissioner_of_programme_owner(user, programme) -> bool:
    return programme is not None and is_commissioner(user, programme.organisation)


rules.add_perm("commissioning.view_programme", is_member_of_programme_owner | is_platform_admin)
rules.add_perm("commissioning.change_programme", is_commissioner_of_programme_owner)
# Checked against an organisation: may this person create programmes for it?
rules.add_perm("commissioning.add_programme", is_commissioner)
