"""The provider directory: profile parts, documents, shortlists, consortia, the HSDS feed.

The world's profile is unlisted, so the directory pages that are public for a listed profile
must refuse everyone outside the organisation.
"""

from tests.security.matrix import Entry, Public
from tests.security.world import OUTSIDERS

OWNER_ONLY = (*OUTSIDERS, "commissioner")
COMMISSIONER_ONLY = (*OUTSIDERS, "provider")

ENTRIES = [
    Entry("providers:activity_update", lambda w: {"pk": w.activity.pk}, OWNER_ONLY, "provider"),
    Entry("providers:activity_delete", lambda w: {"pk": w.activity.pk}, OWNER_ONLY, "provider"),
    Entry("providers:venue_update", lambda w: {"pk": w.venue.pk}, OWNER_ONLY, "provider"),
    Entry("providers:venue_delete", lambda w: {"pk": w.venue.pk}, OWNER_ONLY, "provider"),
    Entry(
        "providers:track_record_delete", lambda w: {"pk": w.track_record.pk}, OWNER_ONLY, "provider"
    ),
    Entry(
        "providers:evidence_delete", lambda w: {"pk": w.profile_evidence.pk}, OWNER_ONLY, "provider"
    ),
    Entry("providers:document_delete", lambda w: {"pk": w.document.pk}, OWNER_ONLY, "provider"),
    Entry("providers:profile_detail", lambda w: {"pk": w.profile.pk}, OWNER_ONLY, "provider"),
    # Documents of an unlisted profile: not even a commissioner may download them.
    Entry("providers:document_download", lambda w: {"pk": w.document.pk}, OWNER_ONLY),
    Entry("providers:evidence_download", lambda w: {"pk": w.profile_evidence.pk}, OWNER_ONLY),
    Entry(
        "providers:shortlist_detail",
        lambda w: {"pk": w.shortlist.pk},
        COMMISSIONER_ONLY,
        "commissioner",
    ),
    Entry(
        "providers:shortlist_export",
        lambda w: {"pk": w.shortlist.pk},
        COMMISSIONER_ONLY,
        "commissioner",
    ),
    Entry(
        "providers:shortlist_delete",
        lambda w: {"pk": w.shortlist.pk},
        COMMISSIONER_ONLY,
        "commissioner",
    ),
    Entry(
        "providers:shortlist_remove",
        lambda w: {"pk": w.shortlist.pk, "profile_pk": w.profile.pk},
        COMMISSIONER_ONLY,
    ),
    Entry("providers:consortium_invite", lambda w: {"pk": w.consortium.pk}, OWNER_ONLY, "provider"),
    Entry(
        "providers:consortium_respond",
        lambda w: {"pk": w.consortium.pk, "member_pk": w.consortium_member.pk},
        OWNER_ONLY,
    ),
    Entry(
        "providers:consortium_member_remove",
        lambda w: {"pk": w.consortium.pk, "member_pk": w.consortium_member.pk},
        OWNER_ONLY,
        "provider",
    ),
    Entry("api_directory_profile", lambda w: {"pk": w.profile.pk}, OWNER_ONLY, "provider"),
    # The profile API acts on the caller's own organisation's profile; a caller without a
    # provider organisation is told why with a 400 (tests/providers/test_api.py) before any id
    # is looked up.
    Entry(
        "api_profile_activity",
        lambda w: {"pk": w.activity.pk},
        OWNER_ONLY,
        "provider",
        refused_with=(400,),
    ),
    Entry(
        "api_profile_document",
        lambda w: {"pk": w.document.pk},
        OWNER_ONLY,
        method="delete",
        refused_with=(400,),
    ),
    Entry("api_consortium_respond", lambda w: {"pk": w.consortium.pk}, OWNER_ONLY, method="post"),
]

HSDS = "Open data (HSDS 3.0): listed profiles only; an unlisted one is 404 (tests/providers/test_hsds.py)."
PUBLIC = [
    Public(
        "providers:consortium_detail",
        "Consortia are public so partners can be found; invitations and refusals are shown "
        "only to the lead and the organisation asked.",
    ),
    Public("hsds_organization", HSDS),
    Public("hsds_service", HSDS),
    Public("hsds_taxonomy", "Open data: the shared vocabulary, the same for everyone."),
    Public("hsds_taxonomy_term", "Open data: the shared vocabulary, the same for everyone."),
]
