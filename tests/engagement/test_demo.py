"""The demo events: Kent's market-engagement event and Gloucestershire's two provider events."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from engagement import selectors
from engagement.demo import GLOS_FIRST_TITLE, GLOS_SECOND_TITLE, KENT_TITLE
from engagement.models import AttendeeProfile, Event
from tenders import inclusion
from tenders.constants import QuestionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_demo_kent_event_has_the_room_kent_had(seeded):
    kent = Event.objects.get(title=KENT_TITLE)
    statistics = selectors.event_statistics(event=kent)
    shared = AttendeeProfile.objects.filter(registration__event=kent, consented_at__isnull=False)

    assert 55 <= statistics.registered <= 65
    assert statistics.arts_percent == 20
    assert shared.count() > statistics.registered / 2
    assert shared.filter(looking_for_partners=True).count() >= 5
    assert kent.invitations.count() >= 5
    assert kent.opportunity.title == "Community mental health and wellbeing service"


def test_demo_gloucestershire_has_two_provider_events_and_seeding_again_changes_nothing(
    seeded,
):
    first = Event.objects.get(title=GLOS_FIRST_TITLE)
    second = Event.objects.get(title=GLOS_SECOND_TITLE)

    assert (first.status, second.status) == ("held", "published")
    assert selectors.event_statistics(event=first).attended == 13
    assert first.materials_published_at is not None
    assert first.opportunity.questions.filter(
        status=QuestionStatus.PUBLISHED, published_question__startswith="Can arts and non-arts"
    ).exists()
    assert inclusion.no_market_engagement(first.opportunity) is None
    assert second.is_online
    assert second.is_in_person
    assert list(selectors.board_profiles(event=second))
    before = (Event.objects.count(), AttendeeProfile.objects.count())

    call_command("seed_demo")

    assert (Event.objects.count(), AttendeeProfile.objects.count()) == before
