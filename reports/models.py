"""Report jobs: a person asked for a PDF report; a worker builds it in the background."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from reports.constants import JobStatus, Stage


class ReportJob(models.Model):
    """One request for a report, and what became of it.

    `attempt` counts the tries (a retry starts the next one); a worker only works on the
    current attempt, so a message from an earlier, stopped try does nothing. `content_key` is a
    digest of exactly what went into the PDF: a later job with the same key reuses the file.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_jobs"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_jobs",
        help_text="The organisation the person was acting for.",
    )
    kind = models.CharField(max_length=40)
    target_id = models.PositiveBigIntegerField(
        help_text="The programme, opportunity, … reported on."
    )
    parameters = models.JSONField(default=dict, blank=True)
    title = models.CharField(max_length=300)
    request_key = models.CharField(max_length=64, db_index=True)
    content_key = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    attempt = models.PositiveIntegerField(default=1)
    runs = models.PositiveIntegerField(
        default=0, help_text="Deliveries of the current attempt to a worker."
    )
    error = models.TextField(blank=True)
    file = models.FileField(blank=True, max_length=200)
    file_size = models.PositiveIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    reused_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="report_job_user_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="report_job_progress_range",
            ),
            models.CheckConstraint(
                condition=~Q(status=JobStatus.DONE) | ~Q(file=""),
                name="report_job_done_has_file",
                violation_error_message="A finished report must have its file.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
