"""The people who view the measured pages, and small builders the app modules share."""

from __future__ import annotations

from tests.conftest import with_totp
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def commissioner():
    """An admin of a county council, with MFA (commissioners cannot go further without it)."""
    membership = MembershipFactory(admin=True, organisation=OrganisationFactory(commissioner=True))
    with_totp(membership.user)
    return membership


def provider():
    """An admin of an arts organisation."""
    return MembershipFactory(admin=True)


def platform_admin():
    admin = UserFactory(platform_admin=True)
    with_totp(admin)
    return admin


def numbered(prefix: str, start: int, count: int) -> list[str]:
    return [f"{prefix} {number}" for number in range(start, start + count)]


class Counter:
    """How many rows a grow() has made so far, so names and numbers stay unique."""

    def __init__(self) -> None:
        self.made = 0

    def take(self, count: int) -> range:
        taken = range(self.made, self.made + count)
        self.made += count
        return taken
