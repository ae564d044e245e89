"""Who may see and do what in monitoring.

Agreement permissions take (user, agreement); `add_agreement` takes (user, organisation).
Both parties see an agreement; the commissioner manages it and reviews returns; the provider
reports. Platform admins can see agreements, but never evidence that is not cleared for sharing.
"""

from __future__ import annotations

import rules

from accounts.rules import is_commissioner, is_member_of, is_platform_admin


@rules.predicate
def is_commissioner_party(user, agreement) -> bool:
    return agreement is not None and is_member_of(user, agreement.commissioner)


@rules.predicate
def is_provider_party(user, agreement) -> bool:
    return agreement is not None and is_member_of(user, agreement.provider)


is_party = is_commissioner_party | is_provider_party

rules.add_perm("monitoring.view_agreement", is_party | is_platform_admin)
rules.add_perm("monitoring.manage_agreement", is_commissioner_party)
rules.add_perm("monitoring.review_return", is_commissioner_party)
rules.add_perm("monitoring.report", is_provider_party)
rules.add_perm("monitoring.view_restricted_evidence", is_party)
# Checked against an organisation: may this person make agreements for it?
rules.add_perm("monitoring.add_agreement", is_commissioner)
