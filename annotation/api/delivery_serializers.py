"""Input and output shapes of exports (start, past exports) and webhooks. No business logic."""

from __future__ import annotations

from rest_framework import serializers

from annotation.models import Export, Webhook, WebhookDelivery
from annotation.models.delivery import WebhookEvent
from annotation.models.masklets import MaskletStatus
from annotation.models.tasks import TaskState


class ExportIn(serializers.Serializer):
    format = serializers.ChoiceField(choices=["sav", "coco", "davis"])
    only_verified = serializers.BooleanField(required=False, default=False)
    videos = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    labels = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=MaskletStatus.choices), required=False, default=list,
        help_text="only masklets with one of these statuses (within what the delivery policy accepts)",
    )
    task_states = serializers.ListField(
        child=serializers.ChoiceField(choices=TaskState.choices), required=False, default=list,
        help_text="only frames inside tasks in one of these states",
    )
    frame_start = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, default=None, help_text="first annotated frame (inclusive)"
    )
    frame_end = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, default=None, help_text="last annotated frame (inclusive)"
    )


class ExportFiltersOut(serializers.Serializer):
    """The filters an export was started with (exports from before delivery policies lack some)."""

    only_verified = serializers.BooleanField(read_only=True, default=False)
    videos = serializers.ListField(child=serializers.IntegerField(), read_only=True, default=list)
    labels = serializers.ListField(child=serializers.IntegerField(), read_only=True, default=list)
    statuses = serializers.ListField(child=serializers.CharField(), read_only=True, default=list)
    task_states = serializers.ListField(child=serializers.CharField(), read_only=True, default=list)
    frame_start = serializers.IntegerField(read_only=True, allow_null=True, default=None)
    frame_end = serializers.IntegerField(read_only=True, allow_null=True, default=None)


class ExportOut(serializers.ModelSerializer):
    """A past export from `selectors.exports.exports_of_project` (which annotates `expires_at`)."""

    status = serializers.CharField(source="job.status", read_only=True)
    progress = serializers.FloatField(source="job.progress", read_only=True)
    error = serializers.CharField(source="job.error", read_only=True)
    finished_at = serializers.DateTimeField(source="job.finished_at", read_only=True, allow_null=True)
    created_by = serializers.CharField(source="created_by.username", default=None, read_only=True, allow_null=True)
    filters = ExportFiltersOut(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True, allow_null=True)
    expired = serializers.BooleanField(read_only=True)
    download_url = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Export
        fields = [
            "id", "job", "status", "progress", "error", "format", "policy", "filters", "masklet_count",
            "frame_mask_count", "size_bytes", "created_by", "created_at", "finished_at", "expires_at",
            "expired", "expired_at", "download_url",
        ]
        read_only_fields = fields


class WebhookIn(serializers.Serializer):
    url = serializers.URLField(max_length=1000)
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices), min_length=1)
    active = serializers.BooleanField(required=False, default=True)


class WebhookOut(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Webhook
        fields = ["id", "project", "url", "events", "active", "created_at"]
        read_only_fields = fields


class WebhookCreatedOut(WebhookOut):
    """The new webhook and its secret: shown this once, never again."""

    secret = serializers.CharField(read_only=True)

    class Meta(WebhookOut.Meta):
        fields = [*WebhookOut.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookDeliveryOut(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = ["id", "event", "status", "status_code", "attempts", "last_error", "created_at", "delivered_at", "body"]
        read_only_fields = fields
