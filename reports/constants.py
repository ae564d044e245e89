"""Choices for report jobs: the lowest layer of the reports app."""

from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being built"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


# The only moves a job can make; each is a service in reports.services.
TRANSITIONS: dict[str, set[str]] = {
    JobStatus.QUEUED: {JobStatus.RUNNING, JobStatus.DONE, JobStatus.FAILED},
    JobStatus.RUNNING: {JobStatus.DONE, JobStatus.FAILED, JobStatus.QUEUED},
    JobStatus.FAILED: {JobStatus.QUEUED},
    JobStatus.DONE: set(),
}


class Stage(models.TextChoices):
    """What the worker is doing, in order, with the progress each stage starts at."""

    QUEUED = "queued", "Waiting for a worker"
    GATHERING = "gathering", "Gathering data"
    CHARTS = "charts", "Drawing charts"
    RENDERING = "rendering", "Laying out the pages"
    STORING = "storing", "Storing the PDF"
    DONE = "done", "Finished"


STAGE_PROGRESS: dict[str, int] = {
    Stage.QUEUED: 0,
    Stage.GATHERING: 5,
    Stage.CHARTS: 30,
    Stage.RENDERING: 45,
    Stage.STORING: 90,
    Stage.DONE: 100,
}

# Bumped whenever the print design changes, so a file built with the old design is not reused.
DESIGN_VERSION = 1

# A job whose worker has given no sign of life for this long has stopped (its worker was
# killed, or the machine restarted): it may be tried again. Longer than the hard time limit, so
# a job still legitimately running is never taken for a stopped one.
STALE_AFTER_SECONDS = 6 * 60
# While a worker builds a report it records a sign of life this often, whatever the stage; a
# running job silent for ORPHANED_AFTER_SECONDS has lost its worker (killed: out of memory, a
# deploy), and the next reports worker to start, or the message Celery gives back, builds it
# again without waiting for the stale sweep.
HEARTBEAT_SECONDS = 5
ORPHANED_AFTER_SECONDS = 30
SOFT_TIME_LIMIT_SECONDS = 4 * 60
HARD_TIME_LIMIT_SECONDS = 5 * 60
# Deliveries of one attempt (a worker killed mid-report redelivers it) before it is given up.
MAX_RUNS_PER_ATTEMPT = 3

# The made-up address report HTML is rendered at, and our own names for static files and stored
# media under it, whatever STATIC_URL and MEDIA_URL are (a CDN, S3): templates use these and
# the PDF URL fetcher (reports.pdf) reads the files directly; it fetches nothing else.
BASE_URL = "https://report.invalid/"
STATIC_BASE = f"{BASE_URL}static/"
MEDIA_BASE = f"{BASE_URL}media/"
