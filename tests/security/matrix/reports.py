"""PDF pilot reports: requesting one about something (each kind), and the requester's own
jobs."""

from tests.security.matrix import Entry
from tests.security.world import OUTSIDERS

OWN = (*OUTSIDERS, "provider")
# The panel report: its chair and the opportunity's commissioners, not its other members.
CHAIR_OR_MANAGER = (*OUTSIDERS, "provider", "panel_member")


def _job(w):
    return {"pk": w.report_job.pk}


ENTRIES = [
    Entry(
        "reports:request",
        lambda w: {"kind": "programme", "target_id": w.programme.pk},
        OWN,
        "commissioner",
    ),
    Entry(
        "reports:request",
        lambda w: {"kind": "agreement", "target_id": w.agreement.pk},
        OUTSIDERS,
        "provider",
    ),
    Entry(
        "reports:request",
        lambda w: {"kind": "panel", "target_id": w.panel.pk},
        CHAIR_OR_MANAGER,
        "panel_chair",
    ),
    Entry(
        "reports:request",
        lambda w: {"kind": "event_room", "target_id": w.event.pk},
        OUTSIDERS,
        "provider",
    ),
    Entry("reports:detail", _job, OWN, "commissioner"),
    Entry("reports:progress", _job, OWN, "commissioner"),
    Entry("reports:download", _job, OWN),
    Entry("reports:retry", _job, OWN, method="post"),
    Entry("api_report", _job, OWN, "commissioner"),
    Entry("api_report_retry", _job, OWN, method="post"),
    Entry("api_report_download", _job, OWN),
]
