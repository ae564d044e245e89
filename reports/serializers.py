"""API shapes for report jobs."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reports.constants import JobStatus, Stage
from reports.kinds import kind_choices
from reports.models import ReportJob
from reports.presentation import parameters_described


class ReportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[], help_text="`programme` (programme pilot report) or `tender_pack`."
    )
    target_id = serializers.IntegerField(
        min_value=1, help_text="The programme's id, or the opportunity's for a tender pack."
    )
    parameters = serializers.DictField(
        required=False,
        default=dict,
        help_text="The kind's parameters: `period_start` and `period_end` (YYYY-MM-DD, within "
        "the programme) for a programme report; none for a tender pack.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()


class ParameterSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class ReportJobSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=JobStatus.choices)
    stage = serializers.ChoiceField(choices=Stage.choices)
    parameters_described = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()
    can_retry = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "kind",
            "target_id",
            "title",
            "parameters",
            "parameters_described",
            "status",
            "stage",
            "progress",
            "attempt",
            "error",
            "page_count",
            "file_size",
            "created_at",
            "started_at",
            "finished_at",
            "download_url",
            "can_retry",
        ]
        read_only_fields = fields

    @extend_schema_field(ParameterSerializer(many=True))
    def get_parameters_described(self, job: ReportJob) -> list[dict[str, str]]:
        return [{"label": label, "value": value} for label, value in parameters_described(job)]

    def get_download_url(self, job: ReportJob) -> str | None:
        if job.status != JobStatus.DONE:
            return None
        return reverse("api_report_download", kwargs={"pk": job.pk})

    def get_can_retry(self, job: ReportJob) -> bool:
        from reports.services import report_can_retry  # noqa: PLC0415 - services sit beside

        return report_can_retry(job)
