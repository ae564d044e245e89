"""Programmes (commissioning/urls.py and the programmes API)."""

from tests.security.matrix import Entry
from tests.security.world import OUTSIDERS

COMMISSIONER_ONLY = (*OUTSIDERS, "provider")

ENTRIES = [
    Entry(
        "commissioning:programme_detail",
        lambda w: {"pk": w.programme.pk},
        COMMISSIONER_ONLY,
        "commissioner",
    ),
    Entry(
        "commissioning:programme_update",
        lambda w: {"pk": w.programme.pk},
        COMMISSIONER_ONLY,
        "commissioner",
    ),
    Entry("api_programme", lambda w: {"pk": w.programme.pk}, COMMISSIONER_ONLY, "commissioner"),
]
