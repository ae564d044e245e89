"""Who may do what with opportunities.

`change_opportunity` takes (user, opportunity); the others take (user, organisation): the
organisation the person is acting for (request.organisation).
"""

from __future__ import annotations

import rules

from accounts.constants import OrganisationKind
from accounts.rules import is_commissioner, is_member_of


@rules.predicate
def is_commissioner_of_opportunity_owner(user, opportunity) -> bool:
    return opportunity is not None and is_commissioner(user, opportunity.organisation)


@rules.predicate
def is_bidding_organisation(user, organisation) -> bool:
    """Providers bid; infrastructure organisations (umbrella bodies, brokers) may bid for or
    with their members."""
    return organisation is not None and organisation.kind in (
        OrganisationKind.PROVIDER,
        OrganisationKind.INFRASTRUCTURE,
    )


is_member_of_bidding_organisation = is_member_of & is_bidding_organisation

rules.add_perm("tenders.change_opportunity", is_commissioner_of_opportunity_owner)
# Checked against an organisation: may this person create opportunities for it?
rules.add_perm("tenders.add_opportunity", is_commissioner)
rules.add_perm("tenders.register_interest", is_member_of_bidding_organisation)
rules.add_perm("tenders.ask_question", is_member_of_bidding_organisation)
