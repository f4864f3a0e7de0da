"""Input and output shapes of the public API (../shared/API.md). No business logic here."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from annotation.models import (
    FrameMask,
    Job,
    Label,
    Masklet,
    Membership,
    Project,
    ReviewIssue,
    Task,
    Video,
)
from annotation.models.projects import Role


class UserOut(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class ProjectIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    annotation_fps = serializers.FloatField(required=False, allow_null=True, min_value=0.1, max_value=240, default=None)
    settings = serializers.DictField(required=False, default=dict)


class ProjectPatch(ProjectIn):
    name = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    annotation_fps = serializers.FloatField(required=False, allow_null=True, min_value=0.1, max_value=240)
    settings = serializers.DictField(required=False)


class ProjectOut(serializers.ModelSerializer):
    my_role = serializers.SerializerMethodField()
    video_count = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["id", "name", "description", "annotation_fps", "settings", "my_role", "video_count", "created_at"]

    def get_my_role(self, project: Project) -> str | None:
        from annotation.permissions import role_in

        return role_in(self.context["request"].user, project)

    def get_video_count(self, project: Project) -> int:
        return project.videos.count()


class MemberIn(serializers.Serializer):
    user = serializers.JSONField(help_text="user id or username")
    role = serializers.ChoiceField(choices=Role.choices)

    def validate_user(self, value: object) -> int | str:
        if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
            raise serializers.ValidationError("give a user id or a username")
        return value


class MemberOut(serializers.ModelSerializer):
    user = UserOut()

    class Meta:
        model = Membership
        fields = ["id", "user", "role"]


class LabelIn(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    color = serializers.RegexField(r"^#[0-9a-fA-F]{6}$", required=False, default="#e6194b")


class LabelPatch(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False)
    color = serializers.RegexField(r"^#[0-9a-fA-F]{6}$", required=False)


class LabelOut(serializers.ModelSerializer):
    class Meta:
        model = Label
        fields = ["id", "name", "color"]


class VideoUploadIn(serializers.Serializer):
    file = serializers.FileField()
    name = serializers.CharField(max_length=255, required=False)


class VideoOut(serializers.ModelSerializer):
    job = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Video
        fields = [
            "id", "project", "name", "status", "error", "kind", "codec", "width", "height",
            "display_width", "display_height", "source_fps", "source_frame_count", "duration",
            "annotation_fps", "frame_count", "frame_times", "content_hash", "job", "thumbnail_url",
            "created_at",
        ]

    def get_job(self, video: Video) -> int | None:
        job = Job.objects.filter(video=video, kind="ingest").order_by("-id").values_list("id", flat=True).first()
        return job

    def get_thumbnail_url(self, video: Video) -> str | None:
        return reverse("video-thumbnail", args=[video.pk]) if video.status == "ready" else None


class MaskletIn(serializers.Serializer):
    label = serializers.IntegerField(required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class MaskletPatch(serializers.Serializer):
    label = serializers.IntegerField(required=False, allow_null=True)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=["draft", "needs_verification", "verified", "rejected"], required=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class MaskletOut(serializers.ModelSerializer):
    class Meta:
        model = Masklet
        fields = [
            "id", "video", "number", "name", "label", "status", "origin", "version", "created_by",
            "review_comment", "reviewed_by", "created_at", "updated_at",
        ]


class MaskOut(serializers.ModelSerializer):
    class Meta:
        model = FrameMask
        fields = ["masklet", "frame", "rle", "bbox", "area", "source", "score", "version"]


class MaskPut(serializers.Serializer):
    rle = serializers.JSONField()
    version = serializers.IntegerField(required=False, allow_null=True, min_value=0, default=None)


class PromptIn(serializers.Serializer):
    frame = serializers.IntegerField(min_value=0)
    points = serializers.ListField(
        child=serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2),
        required=False, default=list, max_length=200,
    )
    labels = serializers.ListField(child=serializers.IntegerField(), required=False, default=list, max_length=200)
    box = serializers.ListField(child=serializers.FloatField(), min_length=4, max_length=4, required=False, allow_null=True, default=None)
    reset = serializers.BooleanField(required=False, default=False)


class PropagationIn(serializers.Serializer):
    masklets = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=500)
    start_frame = serializers.IntegerField(min_value=0)
    direction = serializers.ChoiceField(choices=["forward", "backward", "both"], default="forward")
    max_frames = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class AutomaskletsIn(serializers.Serializer):
    key_frame = serializers.IntegerField(min_value=0, required=False)
    points_per_side = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=64), min_length=1, max_length=3, required=False)
    crop_n_layers = serializers.IntegerField(min_value=0, max_value=2, required=False)
    pred_iou_thresh = serializers.FloatField(min_value=0, max_value=1, required=False)
    stability_score_thresh = serializers.FloatField(min_value=0, max_value=1, required=False)
    max_masklets = serializers.IntegerField(min_value=1, max_value=500, required=False)
    max_frames = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class JobOut(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = [
            "id", "kind", "status", "progress", "error", "result", "params", "project", "video",
            "cancel_requested", "attempts", "created_by", "created_at", "started_at", "finished_at",
        ]


class TaskIn(serializers.Serializer):
    video = serializers.IntegerField()
    frame_start = serializers.IntegerField(min_value=0, required=False, default=0)
    frame_end = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    assignee = serializers.IntegerField(required=False, allow_null=True, default=None)
    reviewer = serializers.IntegerField(required=False, allow_null=True, default=None)


class TaskPatch(serializers.Serializer):
    frame_start = serializers.IntegerField(min_value=0, required=False)
    frame_end = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    assignee = serializers.IntegerField(required=False, allow_null=True)
    reviewer = serializers.IntegerField(required=False, allow_null=True)


class TaskOut(serializers.ModelSerializer):
    video_name = serializers.CharField(source="video.name", read_only=True)
    assignee_name = serializers.CharField(source="assignee.username", read_only=True, default=None, allow_null=True)
    reviewer_name = serializers.CharField(source="reviewer.username", read_only=True, default=None, allow_null=True)
    masklet_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Task
        fields = [
            "id", "project", "video", "video_name", "frame_start", "frame_end", "assignee",
            "assignee_name", "reviewer", "reviewer_name", "state", "masklet_count", "created_at", "updated_at",
        ]


class TransitionIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=["start", "submit", "accept", "reject"])
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class IssueIn(serializers.Serializer):
    frame = serializers.IntegerField(min_value=0)
    masklet = serializers.IntegerField(required=False, allow_null=True, default=None)
    position = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2, required=False, allow_null=True, default=None)
    text = serializers.CharField()


class IssuePatch(serializers.Serializer):
    resolved = serializers.BooleanField(required=False)
    text = serializers.CharField(required=False)


class CommentIn(serializers.Serializer):
    text = serializers.CharField()


class CommentOut(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(source="author.username", default=None, allow_null=True)
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class IssueOut(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", default=None, allow_null=True)
    comments = CommentOut(many=True, read_only=True)

    class Meta:
        model = ReviewIssue
        fields = ["id", "video", "frame", "masklet", "position", "text", "resolved", "author", "created_at", "comments"]


class ExportIn(serializers.Serializer):
    format = serializers.ChoiceField(choices=["sav", "coco", "davis"])
    only_verified = serializers.BooleanField(required=False, default=False)
    videos = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    labels = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class ImportIn(serializers.Serializer):
    file = serializers.FileField()
    format = serializers.ChoiceField(choices=["sav", "coco", "davis"])


class LoginIn(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField()


class JobRef(serializers.Serializer):
    job = serializers.IntegerField()
