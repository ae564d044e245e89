"""The events API, included in config/api_urls.py at /api/v1/."""

from django.urls import path

from engagement import api

ONE = "events/<int:pk>/"

urlpatterns = [
    path("events/", api.EventListCreateView.as_view(), name="api_events"),
    path(ONE, api.EventDetailView.as_view(), name="api_event"),
    path(ONE + "publish/", api.EventPublishView.as_view(), name="api_event_publish"),
    path(ONE + "cancel/", api.EventCancelView.as_view(), name="api_event_cancel"),
    path(ONE + "held/", api.EventHeldView.as_view(), name="api_event_held"),
    path(ONE + "summary/", api.EventSummaryView.as_view(), name="api_event_summary"),
    path(
        ONE + "registrations/",
        api.EventRegistrationListCreateView.as_view(),
        name="api_event_registrations",
    ),
    path(
        ONE + "registrations/<int:registration_pk>/attendance/",
        api.AttendanceView.as_view(),
        name="api_event_attendance",
    ),
    path(ONE + "board/", api.BoardView.as_view(), name="api_event_board"),
    path(
        ONE + "board/<int:profile_pk>/contact/",
        api.ContactView.as_view(),
        name="api_event_contact",
    ),
    path(
        ONE + "matching-providers/",
        api.MatchingProviderListView.as_view(),
        name="api_event_matching_providers",
    ),
    path(
        ONE + "invitations/", api.InvitationListCreateView.as_view(), name="api_event_invitations"
    ),
    path(ONE + "materials/", api.MaterialListCreateView.as_view(), name="api_event_materials"),
    path(
        ONE + "materials/publish/",
        api.MaterialsPublishView.as_view(),
        name="api_event_materials_publish",
    ),
    path(ONE + "questions/", api.EventQuestionCreateView.as_view(), name="api_event_questions"),
    path(
        ONE + "questions/<int:question_pk>/clarification/",
        api.EventQuestionCopyView.as_view(),
        name="api_event_question_copy",
    ),
    path(ONE + "statistics/", api.StatisticsView.as_view(), name="api_event_statistics"),
    path("registrations/", api.RegistrationListView.as_view(), name="api_registrations"),
    path("registrations/<int:pk>/", api.RegistrationDetailView.as_view(), name="api_registration"),
    path(
        "registrations/<int:pk>/cancel/",
        api.RegistrationCancelView.as_view(),
        name="api_registration_cancel",
    ),
    path(
        "registrations/<int:pk>/profile/",
        api.ProfileView.as_view(),
        name="api_registration_profile",
    ),
    path(
        "programmes/<int:pk>/event-statistics/",
        api.ProgrammeStatisticsView.as_view(),
        name="api_programme_event_statistics",
    ),
    path(
        "programmes/<int:pk>/interest/",
        api.ProgrammeInterestView.as_view(),
        name="api_programme_interest",
    ),
]
