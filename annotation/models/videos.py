from django.conf import settings
from django.db import models

from annotation.models.projects import Project


class VideoStatus(models.TextChoices):
    UPLOADED = "uploaded"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


class Video(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="videos")
    name = models.CharField(max_length=255)
    source = models.FileField(upload_to="uploads/%Y/%m/", max_length=500, blank=True)
    status = models.CharField(max_length=16, choices=VideoStatus.choices, default=VideoStatus.UPLOADED)
    error = models.TextField(blank=True, default="")
    kind = models.CharField(max_length=16, blank=True, default="")  # "video" or "frames"
    codec = models.CharField(max_length=50, blank=True, default="")
    width = models.PositiveIntegerField(null=True, blank=True)  # pixels of the original video
    height = models.PositiveIntegerField(null=True, blank=True)
    display_width = models.PositiveIntegerField(null=True, blank=True)
    display_height = models.PositiveIntegerField(null=True, blank=True)
    source_fps = models.FloatField(null=True, blank=True)
    source_frame_count = models.PositiveIntegerField(null=True, blank=True)
    duration = models.FloatField(null=True, blank=True)  # seconds
    annotation_fps = models.FloatField(null=True, blank=True)  # as sampled at ingest
    frame_count = models.PositiveIntegerField(default=0)  # annotated frames
    frame_times = models.JSONField(default=list, blank=True)  # source timestamp (s) per annotated frame
    source_frames = models.JSONField(default=list, blank=True)  # source frame number per annotated frame
    # Hex SHA-256 of the uploaded file, taken while the upload was received; "" once failed.
    content_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    size_bytes = models.BigIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            # A project holds a file once: a second upload of it is refused (409) while the first
            # is ready or being ingested; a failed video gives its hash up.
            models.UniqueConstraint(
                fields=["project", "content_hash"],
                condition=~models.Q(content_hash="") & ~models.Q(status="failed"),
                name="unique_video_file_per_project",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_ready(self) -> bool:
        """Ingest finished: frames, display copies and thumbnail are in storage."""
        return self.status == VideoStatus.READY

    @property
    def storage_prefix(self) -> str:
        """Where the video's annotated frames live in Django storage."""
        return f"videos/{self.pk}"

    def frame_path(self, index: int, *, full: bool) -> str:
        """Storage name of annotated frame `index` (full = source resolution, else display copy)."""
        return f"{self.storage_prefix}/{'frames' if full else 'display'}/{index:06d}.jpg"

    @property
    def thumbnail_path(self) -> str:
        return f"{self.storage_prefix}/thumbnail.jpg"
