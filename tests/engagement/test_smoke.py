import pytest
from django.urls import reverse

from engagement.services import registrations

pytestmark = pytest.mark.django_db


def test_pages_render(client, organiser, event, provider):
    registration = registrations.registration_create(
        actor=provider.user, event=event, organisation=provider.organisation
    )
    for name in ("engagement:event_list", "engagement:feed"):
        assert client.get(reverse(name)).status_code == 200
    for name in ("engagement:event_detail", "engagement:event_ics", "engagement:register"):
        assert client.get(reverse(name, args=[event.pk])).status_code == 200
    assert (
        client.get(reverse("engagement:programme_detail", args=[event.programme_id])).status_code
        == 200
    )
    client.force_login(provider.user)
    for name in (
        "engagement:event_detail",
        "engagement:board",
        "engagement:board_print",
        "engagement:register",
    ):
        assert client.get(reverse(name, args=[event.pk])).status_code == 200, name
    for name in (
        "engagement:registration_detail",
        "engagement:profile_edit",
        "engagement:registration_cancel",
    ):
        assert client.get(reverse(name, args=[registration.pk])).status_code == 200, name
    assert client.get(reverse("engagement:registration_list")).status_code == 200
    client.force_login(organiser.user)
    assert client.get(reverse("engagement:manage_list")).status_code == 200
    assert client.get(reverse("engagement:event_create")).status_code == 200
    for name in (
        "workspace",
        "event_edit",
        "audience",
        "publish",
        "cancel",
        "mark_held",
        "registration_manage_list",
        "checkin",
        "invitation_list",
        "material_list",
        "statistics",
    ):
        assert client.get(reverse(f"engagement:{name}", args=[event.pk])).status_code in (
            200,
            302,
        ), name
    assert (
        client.get(
            reverse("engagement:programme_statistics", args=[event.programme_id])
        ).status_code
        == 200
    )
