"""Reads for report jobs: each person sees only their own, and a file only while they may
still see what it is about."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from reports.constants import JobStatus
from reports.kinds import kind_get
from reports.models import ReportJob


def report_job_list_for_user(*, user: User) -> QuerySet[ReportJob]:
    if not user.is_authenticated:
        return ReportJob.objects.none()
    return ReportJob.objects.filter(requested_by=user).order_by("-created_at", "-id")


def report_job_get_for_user(*, user: User, pk: int) -> ReportJob:
    """The person's own job; 404 for anyone else's."""
    try:
        return report_job_list_for_user(user=user).get(pk=pk)
    except ReportJob.DoesNotExist as exc:
        raise Http404 from exc


def report_job_file_for_user(*, user: User, pk: int) -> ReportJob:
    """The finished job whose file the person may download: their own, only while they can
    still see the programme, opportunity, … it is about, and only while the file is still in
    storage (404 otherwise)."""
    job = report_job_get_for_user(user=user, pk=pk)
    kind = kind_get(job.kind)
    if kind is None or job.status != JobStatus.DONE or not job.file:
        raise Http404
    # A file lost from storage (a volume restored without it) is gone, not a server error.
    if not job.file.storage.exists(job.file.name):
        raise Http404
    target = kind.target_for_user(user=user, pk=job.target_id)
    if not kind.can_request(user=user, target=target):
        raise Http404
    return job


def report_target_for_user(*, user: User, kind_slug: str, pk: int):
    """The kind and what it would report on, for the request page (404 when either is
    unknown or hidden from the person; 403 when they may see it but not ask)."""
    kind = kind_get(kind_slug)
    if kind is None:
        raise Http404
    target = kind.target_for_user(user=user, pk=pk)
    if not kind.can_request(user=user, target=target):
        raise PermissionDenied
    return kind, target
