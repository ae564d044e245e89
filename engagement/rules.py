"""Who may do what with events.

`change_event`, `view_board` and `view_online_details` take (user, event); `add_event`,
`register_for_events` and `express_interest` take (user, organisation): the organisation the
person is acting for (request.organisation).
"""

from __future__ import annotations

import rules

from accounts.rules import is_commissioner, is_member_of, is_platform_admin
from engagement.constants import RegistrationStatus
from tenders.rules import is_member_of_bidding_organisation

# Registrations that can see the board: a place, or a place in the queue.
_ON_THE_LIST = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


@rules.predicate
def is_organiser(user, event) -> bool:
    return event is not None and is_commissioner(user, event.organisation)


@rules.predicate
def is_member_of_organiser(user, event) -> bool:
    return event is not None and is_member_of(user, event.organisation)


@rules.predicate
def is_registered_for(user, event) -> bool:
    """The person, or an organisation they belong to, is registered for the event."""
    if event is None or not user.is_authenticated:
        return False
    registrations = event.registrations.filter(status__in=_ON_THE_LIST)
    return (
        registrations.filter(user=user).exists()
        or registrations.filter(organisation__memberships__user=user).exists()
    )


@rules.predicate
def is_registered_on_opportunity(user, event) -> bool:
    """A provider that registered interest in the event's opportunity: a potential bidder."""
    if event is None or event.opportunity_id is None or not user.is_authenticated:
        return False
    return event.opportunity.interests.filter(organisation__memberships__user=user).exists()


@rules.predicate
def is_interested_in_programme(user, event) -> bool:
    """An organisation on the programme's list of those interested."""
    if event is None or event.programme_id is None or not user.is_authenticated:
        return False
    return event.programme.engagement_interests.filter(
        organisation__memberships__user=user
    ).exists()


@rules.predicate
def has_a_place(user, event) -> bool:
    if event is None or not user.is_authenticated:
        return False
    return event.registrations.filter(user=user, status=RegistrationStatus.CONFIRMED).exists()


rules.add_perm("engagement.add_event", is_commissioner)
rules.add_perm("engagement.change_event", is_organiser)
can_view_board = (
    is_member_of_organiser
    | is_registered_for
    | is_registered_on_opportunity
    | is_interested_in_programme
    | is_platform_admin
)
rules.add_perm("engagement.view_board", can_view_board)
rules.add_perm("engagement.view_online_details", is_member_of_organiser | has_a_place)
rules.add_perm("engagement.register_for_events", is_member_of)
rules.add_perm("engagement.express_interest", is_member_of_bidding_organisation)
