"""PDF pilot reports: requesting one about something, and the requester's own jobs."""

from tests.security.matrix import Entry
from tests.security.world import OUTSIDERS

OWN = (*OUTSIDERS, "provider")


def _job(w):
    return {"pk": w.report_job.pk}


ENTRIES = [
    Entry(
        "reports:request",
        lambda w: {"kind": "programme", "target_id": w.programme.pk},
        OWN,
        "commissioner",
    ),
    Entry("reports:detail", _job, OWN, "commissioner"),
    Entry("reports:progress", _job, OWN, "commissioner"),
    Entry("reports:download", _job, OWN),
    Entry("reports:retry", _job, OWN, method="post"),
    Entry("api_report", _job, OWN, "commissioner"),
    Entry("api_report_retry", _job, OWN, method="post"),
    Entry("api_report_download", _job, OWN),
]
