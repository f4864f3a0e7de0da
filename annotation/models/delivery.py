"""Delivery: the record of each export (who, when, what, size, expiry) and project webhooks with
their delivery log."""

from django.conf import settings
from django.db import models

from annotation.models.jobs import Job
from annotation.models.projects import Project


class Export(models.Model):
    """One export a manager started; its job writes the file, the row outlives the file (expired)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="exports")
    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="export")
    format = models.CharField(max_length=16)
    policy = models.CharField(max_length=32)  # the delivery policy in force when it started
    filters = models.JSONField(default=dict, blank=True)
    masklet_count = models.PositiveIntegerField(null=True, blank=True)
    frame_mask_count = models.PositiveIntegerField(null=True, blank=True)
    size_bytes = models.BigIntegerField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expired_at = models.DateTimeField(null=True, blank=True)  # file deleted by the cleanup task

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.format}) of project {self.project_id}"


class WebhookEvent(models.TextChoices):
    TASK_SUBMITTED = "task.submitted"
    TASK_ACCEPTED = "task.accepted"
    TASK_REJECTED = "task.rejected"
    EXPORT_FINISHED = "export.finished"
    JOB_FAILED = "job.failed"
    QA_FLAGGED = "qa.flagged"


class Webhook(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=1000)
    events = models.JSONField(default=list)  # WebhookEvent values
    # Signs each body (HMAC-SHA256); shown once when the webhook is created. Stored as is because
    # signing needs it (like GitHub's and Stripe's webhook secrets).
    secret = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"webhook {self.pk} of project {self.project_id} -> {self.url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending"  # queued, or failed and waiting for its next retry
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # retries exhausted


class WebhookDelivery(models.Model):
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=32, choices=WebhookEvent.choices)
    body = models.TextField()  # the exact bytes sent (and signed), as UTF-8 JSON
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    status_code = models.PositiveIntegerField(null=True, blank=True)  # of the last attempt
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"delivery {self.pk} of {self.event} ({self.status})"
