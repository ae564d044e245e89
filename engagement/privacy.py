"""What erasing an account does to event data (called by accounts.privacy.account_erase).

The generic erasure already replaces the name and email of every registration made with the
person's address. Here, their attendee profiles (paragraphs they wrote about themselves) are
withdrawn, as they could withdraw them at any time themselves, and registrations made while
signed in lose their name too.
"""

from __future__ import annotations

from django.db.models import Q

from accounts.models import User
from engagement.models import AttendeeProfile, Registration
from engagement.services.profiles import profile_withdraw

ERASED_NAME = "Erased person"


def erase(*, user: User, address: str) -> None:
    mine = Q(user=user) | Q(email__iexact=address)
    for profile in AttendeeProfile.objects.filter(
        Q(registration__user=user) | Q(registration__email__iexact=address)
    ):
        profile_withdraw(actor=user, profile=profile)
    Registration.objects.filter(mine).exclude(name=ERASED_NAME).update(name=ERASED_NAME)
