from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/switch/", views.organisation_switch, name="organisation_switch"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_update, name="organisation_update"),
    path("organisations/<int:pk>/invite/", views.invitation_create, name="invitation_create"),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "organisations/<int:pk>/members/<int:membership_pk>/role/",
        views.membership_role,
        name="membership_role",
    ),
    path(
        "organisations/<int:pk>/members/<int:membership_pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("organisations/<int:pk>/audit/", views.organisation_audit, name="organisation_audit"),
    path("invitations/<str:token>/", views.invitation_respond, name="invitation_respond"),
    path("audit/", views.audit_all, name="audit_all"),
    path("accounts/your-data/", views.personal_data, name="personal_data"),
    path(
        "accounts/your-data/download/",
        views.personal_data_download,
        name="personal_data_download",
    ),
    path("accounts/erase/", views.account_erase, name="account_erase"),
]
