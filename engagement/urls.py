from django.urls import path

from engagement.views import attendees, manage, public

app_name = "engagement"

ONE = "events/<int:pk>/"
MANAGE = ONE + "manage/"

urlpatterns = [
    # Everyone.
    path("events/", public.event_list, name="event_list"),
    path("events/feed.ics", public.feed_ics, name="feed"),
    path(ONE, public.event_detail, name="event_detail"),
    path(ONE + "event.ics", public.event_ics, name="event_ics"),
    path("events/programmes/<int:pk>/", public.programme_detail, name="programme_detail"),
    path("events/materials/<int:pk>/", public.material_download, name="material_download"),
    # Attendees.
    path(ONE + "register/", attendees.register, name="register"),
    path(ONE + "board/", attendees.board, name="board"),
    path(ONE + "board/print/", attendees.board_print, name="board_print"),
    path(ONE + "board/<int:profile_pk>/contact/", attendees.contact, name="contact"),
    path("events/registrations/", attendees.registration_list, name="registration_list"),
    path(
        "events/registrations/<int:pk>/",
        attendees.registration_detail,
        name="registration_detail",
    ),
    path("events/registrations/<int:pk>/profile/", attendees.profile_edit, name="profile_edit"),
    path(
        "events/registrations/<int:pk>/profile/withdraw/",
        attendees.profile_withdraw,
        name="profile_withdraw",
    ),
    path(
        "events/registrations/<int:pk>/cancel/",
        attendees.registration_cancel,
        name="registration_cancel",
    ),
    path("events/confirm/<str:token>/", attendees.guest_confirm, name="guest_confirm"),
    path("events/guest/<str:token>/", attendees.guest_manage, name="guest_manage"),
    path("events/guest/<str:token>/profile/", attendees.guest_profile, name="guest_profile"),
    path(
        "events/guest/<str:token>/profile/withdraw/",
        attendees.guest_profile_withdraw,
        name="guest_profile_withdraw",
    ),
    path("events/guest/<str:token>/cancel/", attendees.guest_cancel, name="guest_cancel"),
    path(
        "events/programmes/<int:pk>/interest/",
        attendees.interest_register,
        name="interest_register",
    ),
    path("events/interests/<int:pk>/profile/", attendees.interest_profile, name="interest_profile"),
    path(
        "events/interests/<int:pk>/profile/withdraw/",
        attendees.interest_profile_withdraw,
        name="interest_profile_withdraw",
    ),
    path(
        "events/interests/<int:pk>/withdraw/",
        attendees.interest_withdraw,
        name="interest_withdraw",
    ),
    # Organisers.
    path("events/manage/", manage.event_list, name="manage_list"),
    path("events/manage/new/", manage.event_create, name="event_create"),
    path(
        "events/manage/programmes/<int:pk>/statistics/",
        manage.programme_statistics,
        name="programme_statistics",
    ),
    path(MANAGE, manage.workspace, name="workspace"),
    path(MANAGE + "details/", manage.event_edit, name="event_edit"),
    path(MANAGE + "audience/", manage.audience, name="audience"),
    path(MANAGE + "publish/", manage.publish, name="publish"),
    path(MANAGE + "cancel/", manage.cancel, name="cancel"),
    path(MANAGE + "held/", manage.mark_held, name="mark_held"),
    path(MANAGE + "registrations/", manage.registration_list, name="registration_manage_list"),
    path(
        MANAGE + "registrations/<int:registration_pk>/cancel/",
        manage.registration_remove,
        name="registration_remove",
    ),
    path(MANAGE + "check-in/", manage.checkin, name="checkin"),
    path(
        MANAGE + "check-in/<int:registration_pk>/",
        manage.checkin_record,
        name="checkin_record",
    ),
    path(MANAGE + "invitations/", manage.invitation_list, name="invitation_list"),
    path(MANAGE + "materials/", manage.material_list, name="material_list"),
    path(
        MANAGE + "materials/<int:material_pk>/delete/",
        manage.material_delete,
        name="material_delete",
    ),
    path(
        MANAGE + "questions/<int:question_pk>/delete/",
        manage.question_delete,
        name="question_delete",
    ),
    path(
        MANAGE + "questions/<int:question_pk>/clarification/",
        manage.question_copy,
        name="question_copy",
    ),
    path(MANAGE + "materials/publish/", manage.materials_publish, name="materials_publish"),
    path(MANAGE + "summary/", manage.summary, name="summary"),
    path(MANAGE + "statistics/", manage.statistics, name="statistics"),
]
