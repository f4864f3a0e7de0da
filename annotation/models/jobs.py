from django.conf import settings
from django.db import models

from annotation.models.projects import Project
from annotation.models.videos import Video


class JobKind(models.TextChoices):
    INGEST = "ingest"
    SEGMENT = "segment"
    PROPAGATE = "propagate"
    AUTOMASK = "automask"
    EXPORT = "export"
    IMPORT = "import"
    QA = "qa"
    CONCEPT = "concept"


class JobStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED_STATUSES = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)

# The Celery queue each queued kind waits on, for reads such as a job's place in line
# (annotation/jobs/registry.py routes the tasks; tests/ingest/test_ingest_upload.py checks they agree).
KIND_QUEUES: dict[str, str] = {
    JobKind.INGEST: "cpu",
    JobKind.EXPORT: "cpu",
    JobKind.IMPORT: "cpu",
    JobKind.QA: "cpu",
    JobKind.PROPAGATE: "batch",
    JobKind.AUTOMASK: "batch",
    JobKind.CONCEPT: "batch",
}


class Job(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="jobs")
    video = models.ForeignKey(Video, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=16, choices=JobKind.choices)
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.FloatField(default=0.0)  # 0..1
    error = models.TextField(blank=True, default="")
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    # Where a resumed job picks up (e.g. the last stored frame per direction).
    checkpoint = models.JSONField(default=dict, blank=True)
    cancel_requested = models.BooleanField(default=False)
    # The backend and model of the worker that last ran this job (model queues only).
    provenance = models.ForeignKey(
        "annotation.ModelProvenance", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attempts = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the job was last sent to its queue (None: rows from before this field; read created_at).
    # A job still queued long after it was sent lost its message (annotation/jobs/recovery.py).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES
