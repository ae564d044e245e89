from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse


def organisations(request: HttpRequest) -> dict[str, object]:
    """The active organisation, the switcher's choices and the navigation for the person's role."""
    memberships = getattr(request, "memberships", [])
    organisation = getattr(request, "organisation", None)
    user = request.user
    nav = []
    if user.is_authenticated:
        nav.append(("Home", reverse("home")))
        nav.append(("Directory", reverse("providers:directory")))
        nav.append(("Events", reverse("engagement:event_list")))
        if organisation is not None and organisation.is_commissioner:
            nav.append(("Programmes", reverse("commissioning:programme_list")))
            nav.append(("Reports", reverse("reports:list")))
        if organisation is not None and not organisation.is_commissioner:
            nav.append(("Your profile", reverse("providers:profile_overview")))
        if organisation is not None:
            nav.append(("Shortlists", reverse("providers:shortlist_list")))
        if organisation is None or organisation.is_commissioner:
            nav.append(("Panels", reverse("evaluation:panel_list")))
        if organisation is not None and not organisation.is_commissioner:
            nav.append(("Decision letters", reverse("evaluation:letter_list")))
        if organisation is not None:
            nav.append(("Monitoring", reverse("monitoring:agreement_list")))
        nav.append(("Organisations", reverse("accounts:organisation_list")))
        if user.is_staff:
            nav.append(("Audit trail", reverse("accounts:audit_all")))
        nav.append(("Your account", reverse("account_email")))
    else:
        # The directory is public: signed-out visitors reach it from every page.
        nav.append(("Directory", reverse("providers:directory")))
        nav.append(("Events", reverse("engagement:event_list")))
    path = request.path
    nav_items = [
        {
            "label": label,
            "url": url,
            "current": path == url or (url != "/" and path.startswith(url)),
        }
        for label, url in nav
    ]
    return {
        "active_organisation": organisation,
        "active_membership": getattr(request, "membership", None),
        "user_memberships": memberships,
        "nav_items": nav_items,
    }
