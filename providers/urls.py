from django.urls import path

from providers.views import consortia, directory, profile, profile_items, shortlists

app_name = "providers"

urlpatterns = [
    # The provider's own profile, section by section.
    path("profile/", profile.profile_overview, name="profile_overview"),
    path("profile/list/", profile.profile_list, name="profile_list"),
    path("profile/unlist/", profile.profile_unlist, name="profile_unlist"),
    path("profile/about/", profile.profile_about, name="profile_about"),
    path("profile/contact/", profile.profile_contact, name="profile_contact"),
    path("profile/what-you-do/", profile.profile_what, name="profile_what"),
    path("profile/where/", profile.profile_where, name="profile_where"),
    path("profile/activities/", profile_items.activity_list, name="activity_list"),
    path("profile/activities/new/", profile_items.activity_edit, name="activity_create"),
    path("profile/activities/<int:pk>/", profile_items.activity_edit, name="activity_update"),
    path(
        "profile/activities/<int:pk>/delete/", profile_items.activity_delete, name="activity_delete"
    ),
    path("profile/venues/", profile_items.venue_list, name="venue_list"),
    path("profile/venues/new/", profile_items.venue_edit, name="venue_create"),
    path("profile/venues/<int:pk>/", profile_items.venue_edit, name="venue_update"),
    path("profile/venues/<int:pk>/delete/", profile_items.venue_delete, name="venue_delete"),
    path("profile/track-record/", profile_items.track_record_list, name="track_record_list"),
    path(
        "profile/track-record/new/", profile_items.track_record_create, name="track_record_create"
    ),
    path(
        "profile/track-record/<int:pk>/delete/",
        profile_items.track_record_delete,
        name="track_record_delete",
    ),
    path("profile/evidence/", profile_items.evidence_list, name="evidence_list"),
    path("profile/evidence/new/", profile_items.evidence_create, name="evidence_create"),
    path(
        "profile/evidence/<int:pk>/delete/", profile_items.evidence_delete, name="evidence_delete"
    ),
    path("profile/documents/", profile_items.document_list, name="document_list"),
    path("profile/documents/new/", profile_items.document_create, name="document_create"),
    path(
        "profile/documents/<int:pk>/delete/", profile_items.document_delete, name="document_delete"
    ),
    # The public directory.
    path("directory/", directory.directory_search, name="directory"),
    path("directory/export.csv", directory.directory_export, name="directory_export"),
    path("directory/<int:pk>/", directory.profile_detail, name="profile_detail"),
    path(
        "directory/files/document/<int:pk>/",
        directory.document_download,
        name="document_download",
    ),
    path(
        "directory/files/evidence/<int:pk>/",
        directory.evidence_download,
        name="evidence_download",
    ),
    # Shortlists.
    path("shortlists/", shortlists.shortlist_list, name="shortlist_list"),
    path("shortlists/new/", shortlists.shortlist_create, name="shortlist_create"),
    path("shortlists/add/", shortlists.shortlist_add, name="shortlist_add"),
    path("shortlists/<int:pk>/", shortlists.shortlist_detail, name="shortlist_detail"),
    path("shortlists/<int:pk>/export.csv", shortlists.shortlist_export, name="shortlist_export"),
    path("shortlists/<int:pk>/delete/", shortlists.shortlist_delete, name="shortlist_delete"),
    path(
        "shortlists/<int:pk>/remove/<int:profile_pk>/",
        shortlists.shortlist_remove,
        name="shortlist_remove",
    ),
    # Consortia.
    path("consortia/", consortia.consortium_list, name="consortium_list"),
    path("consortia/new/", consortia.consortium_create, name="consortium_create"),
    path("consortia/<int:pk>/", consortia.consortium_detail, name="consortium_detail"),
    path("consortia/<int:pk>/invite/", consortia.consortium_invite, name="consortium_invite"),
    path(
        "consortia/<int:pk>/members/<int:member_pk>/respond/",
        consortia.consortium_respond,
        name="consortium_respond",
    ),
    path(
        "consortia/<int:pk>/members/<int:member_pk>/remove/",
        consortia.consortium_member_remove,
        name="consortium_member_remove",
    ),
]
