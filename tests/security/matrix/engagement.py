"""Market-engagement events: public pages (refused while a draft), attendees' own pages,
organisers' pages, the API. Guest links carry a token; one never issued opens nothing."""

from tests.security.matrix import Entry, Public
from tests.security.world import OUTSIDERS

ORGANISER_ONLY = (*OUTSIDERS, "provider")
ATTENDEE_OWN = (*OUTSIDERS, "commissioner")


def _event(w):
    return {"pk": w.event.pk}


def _draft(w):
    return {"pk": w.draft_event.pk}


def _registration(w):
    return {"pk": w.registration.pk}


def _interest(w):
    return {"pk": w.programme_interest.pk}


def _token(w):
    return {"token": "never-issued-token"}


def _manage(name, kwargs=_event, method="get", allowed="commissioner"):
    return Entry(name, kwargs, ORGANISER_ONLY, allowed, method)


def _own(name, kwargs=_registration, method="get", allowed="provider"):
    return Entry(name, kwargs, ATTENDEE_OWN, allowed, method)


ENTRIES = [
    _manage("engagement:event_detail", _draft),
    _manage("engagement:event_ics", _draft),
    _manage("engagement:register", _draft, allowed=None),
    # Materials are shared with the people registered, once the organiser publishes them.
    Entry("engagement:material_download", lambda w: {"pk": w.material.pk}),
    # "Who's in the room" is for the people registered, and the organisers who run the room.
    Entry("engagement:board", _event, allowed="provider"),
    Entry("engagement:board_print", _event, allowed="provider"),
    Entry("engagement:contact", lambda w: {"pk": w.event.pk, "profile_pk": w.attendee_profile.pk}),
    _own("engagement:registration_detail"),
    _own("engagement:profile_edit"),
    _own("engagement:profile_withdraw"),
    _own("engagement:registration_cancel"),
    Entry("engagement:guest_confirm", _token),
    Entry("engagement:guest_manage", _token),
    Entry("engagement:guest_profile", _token),
    Entry("engagement:guest_profile_withdraw", _token),
    Entry("engagement:guest_cancel", _token),
    _own("engagement:interest_profile", _interest),
    _own("engagement:interest_profile_withdraw", _interest),
    _own("engagement:interest_withdraw", _interest),
    _manage("engagement:programme_statistics", lambda w: {"pk": w.programme.pk}),
    _manage("engagement:workspace"),
    _manage("engagement:event_edit"),
    _manage("engagement:audience"),
    _manage("engagement:publish", allowed=None),
    _manage("engagement:cancel"),
    _manage("engagement:mark_held", allowed=None),
    _manage("engagement:registration_manage_list"),
    _manage(
        "engagement:registration_remove",
        lambda w: {"pk": w.event.pk, "registration_pk": w.registration.pk},
    ),
    _manage("engagement:checkin"),
    _manage(
        "engagement:checkin_record",
        lambda w: {"pk": w.event.pk, "registration_pk": w.registration.pk},
        allowed=None,
    ),
    _manage("engagement:invitation_list"),
    _manage("engagement:material_list"),
    _manage(
        "engagement:material_delete", lambda w: {"pk": w.event.pk, "material_pk": w.material.pk}
    ),
    _manage(
        "engagement:question_delete",
        lambda w: {"pk": w.event.pk, "question_pk": w.event_question.pk},
    ),
    # The event has no opportunity to copy the answer to, so the organiser is told 404 too.
    _manage(
        "engagement:question_copy",
        lambda w: {"pk": w.event.pk, "question_pk": w.event_question.pk},
        allowed=None,
    ),
    _manage("engagement:materials_publish", allowed=None),
    _manage("engagement:summary"),
    _manage("engagement:statistics"),
    _manage("api_event", _draft),
    _manage("api_event_publish", method="post", allowed=None),
    _manage("api_event_cancel", method="post", allowed=None),
    _manage("api_event_held", method="post", allowed=None),
    _manage("api_event_summary", method="put"),
    _manage("api_event_registrations"),
    _manage(
        "api_event_attendance",
        lambda w: {"pk": w.event.pk, "registration_pk": w.registration.pk},
        method="post",
        allowed=None,
    ),
    Entry("api_event_board", _event, allowed="provider"),
    Entry(
        "api_event_contact",
        lambda w: {"pk": w.event.pk, "profile_pk": w.attendee_profile.pk},
        method="post",
    ),
    _manage("api_event_matching_providers"),
    _manage("api_event_invitations"),
    _manage("api_event_materials"),
    _manage("api_event_materials_publish", method="post", allowed=None),
    _manage("api_event_questions", method="post", allowed=None),
    _manage(
        "api_event_question_copy",
        lambda w: {"pk": w.event.pk, "question_pk": w.event_question.pk},
        method="post",
        allowed=None,
    ),
    _manage("api_event_statistics"),
    _own("api_registration"),
    _own("api_registration_cancel", method="post", allowed=None),
    _own("api_registration_profile"),
    _manage("api_programme_event_statistics", lambda w: {"pk": w.programme.pk}),
]

PUBLIC = [
    Public(
        "engagement:programme_detail",
        "A programme's public page lists its published events and who is interested.",
    ),
    Public(
        "engagement:interest_register",
        "Any provider may say it is interested in a programme; it acts only on its own organisation.",
    ),
    Public(
        "api_programme_interest",
        "Any provider may say it is interested in a programme; it acts only on its own organisation.",
    ),
]
