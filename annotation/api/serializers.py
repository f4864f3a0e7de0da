"""Input and output shapes of the public API (ARCHITECTURE.md; the schema at /api/schema/). No business logic here."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from pydantic import ValidationError as PydanticValidationError
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
from annotation.models.masklets import MaskSource
from annotation.models.projects import Role
from annotation.project_settings import (
    MAX_CROP_LAYERS,
    MAX_MASKLETS,
    MAX_POINTS_PER_SIDE,
    MAX_PROPAGATION_FRAMES,
    error_tree,
    settings_overrides,
)

# Output serializers are read-only throughout, so the schema marks every field of an answer as
# present (generated client types then need no `?`). They read annotations the selectors made
# and never query per row.


class Rle(serializers.Serializer):
    """A mask as COCO compressed RLE: `size` [height, width] in pixels, column-major `counts`."""

    size = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    counts = serializers.CharField()


@extend_schema_field(Rle)
class RleField(serializers.JSONField):
    """An RLE stored as JSON, passed through as stored."""


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "number"},
        "minItems": 4,
        "maxItems": 4,
        "description": "[x, y, width, height] in pixels (COCO); zeros for an empty mask",
    }
)
class BboxField(serializers.JSONField):
    pass


@extend_schema_field({"type": "array", "items": {"type": "number"}})
class NumberListField(serializers.JSONField):
    pass


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "number"},
        "minItems": 2,
        "maxItems": 2,
        "nullable": True,
        "description": "[x, y] in pixels of the original video",
    }
)
class PositionField(serializers.JSONField):
    pass


# Free-form by design: params and result differ by job kind.
FREE_FORM_OBJECT = {"type": "object", "additionalProperties": {}}


@extend_schema_field(FREE_FORM_OBJECT)
class FreeFormField(serializers.JSONField):
    pass


class ProjectSettingsField(serializers.JSONField):
    """A project's settings overrides, checked against annotation/project_settings.py; a bad value
    or an unknown key answers 400 with the errors nested as the settings are
    (`{"settings": {"postprocess": {"fill_holes_px": [...]}}}`). Schema: annotation/api/openapi.py."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        try:
            return settings_overrides(super().to_internal_value(data))
        except PydanticValidationError as error:
            raise serializers.ValidationError(error_tree(error)) from None


class UserOut(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)


class MeOut(UserOut):
    is_staff = serializers.BooleanField(read_only=True, help_text="a site admin (README, Security)")
    password_change_required = serializers.BooleanField(
        read_only=True, help_text="holds a one-time password: every call but a password change is refused"
    )


class SessionOut(serializers.Serializer):
    user = MeOut(read_only=True, allow_null=True, help_text="the logged-in user, or null for nobody")


class DetailOut(serializers.Serializer):
    detail = serializers.CharField(read_only=True)


PROVENANCE_ID_HELP = (
    "id of the model that produced this mask (the `provenance` of its job, of a click's answer and of "
    "the export manifest's `provenance.models`); null: a person's edit or an import"
)


class ProvenanceOut(serializers.Serializer):
    """What a worker runs, or what produced a mask or ran a job (models/provenance.py)."""

    id = serializers.IntegerField(read_only=True, allow_null=True, help_text="null: a worker's announcement, not a stored row")
    backend = serializers.CharField(read_only=True, help_text='"sam2", "edgetam", "sam3" or "opencv"')
    model = serializers.CharField(read_only=True, help_text="sam2 config name, or opencv-<version>")
    checkpoint = serializers.CharField(read_only=True, help_text="checkpoint file name ('' for OpenCV)")
    checkpoint_sha256 = serializers.CharField(read_only=True)
    device = serializers.CharField(read_only=True)
    dtype = serializers.CharField(read_only=True)
    image_size = serializers.IntegerField(read_only=True, help_text="model input side in pixels; 0: none")
    label = serializers.CharField(read_only=True)


class LiveWorkerOut(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    provenance = ProvenanceOut(read_only=True, allow_null=True)


class QueueStatusOut(serializers.Serializer):
    queue = serializers.CharField(read_only=True)
    workers = LiveWorkerOut(many=True, read_only=True)
    models = ProvenanceOut(many=True, read_only=True, help_text="the distinct models the live workers run")


BACKENDS = ["sam2", "edgetam", "sam3", "opencv"]
ROLE_CHOICES = ["rapid", "accurate", "concept"]
ROLE_FIELD_HELP = (
    "model role (rapid, accurate, concept) the operator maps to an installed model; "
    "omitted: the project's default role (GET /api/status/ lists the roles)"
)


class RoleStatusOut(serializers.Serializer):
    role = serializers.ChoiceField(choices=ROLE_CHOICES, read_only=True)
    description = serializers.CharField(read_only=True)
    model = serializers.CharField(read_only=True, allow_null=True, help_text="the model mapped; null: any worker")
    models = serializers.ListField(child=serializers.CharField(), read_only=True, help_text="models the live workers serving it hold")
    interactive_workers = serializers.ListField(child=serializers.CharField(), read_only=True)
    batch_workers = serializers.ListField(child=serializers.CharField(), read_only=True)
    served = serializers.BooleanField(read_only=True, help_text="a live worker serves this role")


class StatusOut(serializers.Serializer):
    backend = serializers.ChoiceField(choices=BACKENDS, read_only=True)
    backend_label = serializers.CharField(read_only=True)
    version = serializers.CharField(read_only=True)
    queues = QueueStatusOut(many=True, read_only=True)
    roles = RoleStatusOut(many=True, read_only=True)


class ProjectIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    annotation_fps = serializers.FloatField(required=False, allow_null=True, min_value=0.1, max_value=240, default=None)
    settings = ProjectSettingsField(required=False, default=dict)


class ProjectPatch(ProjectIn):
    name = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    annotation_fps = serializers.FloatField(required=False, allow_null=True, min_value=0.1, max_value=240)
    settings = ProjectSettingsField(required=False)


class ProjectOut(serializers.ModelSerializer):
    """A project from `selectors.projects.projects_for`, which annotates `my_role` and `video_count`."""

    settings = ProjectSettingsField(read_only=True, help_text="the project's overrides; defaults apply to the rest")
    my_role = serializers.ChoiceField(choices=Role.choices, read_only=True, allow_null=True)
    video_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Project
        fields = ["id", "name", "description", "annotation_fps", "settings", "my_role", "video_count", "created_at"]
        read_only_fields = fields


class MemberIn(serializers.Serializer):
    user = serializers.JSONField(help_text="user id or username")
    role = serializers.ChoiceField(choices=Role.choices)

    def validate_user(self, value: object) -> int | str:
        if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
            raise serializers.ValidationError("give a user id or a username")
        return value


class MemberOut(serializers.ModelSerializer):
    user = UserOut(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role"]
        read_only_fields = fields


class AttributeSpec(serializers.Serializer):
    """One attribute of a label (annotation/services/attributes.py checks the list)."""

    name = serializers.CharField(max_length=100)
    type = serializers.ChoiceField(choices=["text", "select", "checkbox"])
    options = serializers.ListField(child=serializers.CharField(max_length=100), required=False, default=list)


class LabelIn(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    color = serializers.RegexField(r"^#[0-9a-fA-F]{6}$", required=False, default="#e6194b")
    attributes = AttributeSpec(many=True, required=False, default=list)


class LabelPatch(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False)
    color = serializers.RegexField(r"^#[0-9a-fA-F]{6}$", required=False)
    attributes = AttributeSpec(many=True, required=False)


class LabelOut(serializers.ModelSerializer):
    attributes = AttributeSpec(many=True, read_only=True)

    class Meta:
        model = Label
        fields = ["id", "name", "color", "attributes"]
        read_only_fields = fields


class VideoUploadIn(serializers.Serializer):
    file = serializers.FileField()
    name = serializers.CharField(max_length=255, required=False)


QUEUE_POSITION_HELP = "while the job waits: its place among the jobs waiting on its queue (1 = next); null once it runs"


class VideoOut(serializers.ModelSerializer):
    """A video from `selectors.videos.videos_for`, which annotates `ingest_job` and `queue_position`."""

    frame_times = NumberListField(read_only=True, help_text="source timestamp (s) of each annotated frame")
    job = serializers.IntegerField(
        source="ingest_job", read_only=True, allow_null=True, help_text="the video's latest ingest job"
    )
    queue_position = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=f"of the video's ingest job, {QUEUE_POSITION_HELP}"
    )
    content_hash = serializers.CharField(read_only=True, help_text="hex SHA-256 of the uploaded file")
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Video
        fields = [
            "id", "project", "name", "status", "error", "kind", "codec", "width", "height",
            "display_width", "display_height", "source_fps", "source_frame_count", "duration",
            "annotation_fps", "frame_count", "frame_times", "content_hash", "job", "queue_position",
            "thumbnail_url", "created_at",
        ]
        read_only_fields = fields

    def get_thumbnail_url(self, video: Video) -> str | None:
        return reverse("video-thumbnail", args=[video.pk]) if video.is_ready else None


class MaskletIn(serializers.Serializer):
    label = serializers.IntegerField(required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class MaskletPatch(serializers.Serializer):
    label = serializers.IntegerField(required=False, allow_null=True)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    attributes = serializers.DictField(
        required=False, help_text="values of the label's attributes to set, {name: text, option or true/false}"
    )
    status = serializers.ChoiceField(choices=["draft", "needs_verification", "verified", "rejected"], required=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class MaskletOut(serializers.ModelSerializer):
    attributes = serializers.DictField(read_only=True, help_text="values of its label's attributes")

    class Meta:
        model = Masklet
        fields = [
            "id", "video", "number", "name", "label", "attributes", "status", "origin", "concept", "version",
            "created_by", "review_comment", "reviewed_by", "created_at", "updated_at",
        ]
        read_only_fields = fields


class MaskOut(serializers.ModelSerializer):
    rle = RleField(read_only=True)
    bbox = BboxField(read_only=True)

    class Meta:
        model = FrameMask
        fields = ["masklet", "frame", "rle", "bbox", "area", "source", "score", "version", "provenance"]
        read_only_fields = fields
        extra_kwargs = {"provenance": {"help_text": PROVENANCE_ID_HELP}}


class MaskPayloadOut(serializers.Serializer):
    """A stored mask as services.masklets.mask_payload gives it (MaskOut without the score)."""

    masklet = serializers.IntegerField(read_only=True)
    frame = serializers.IntegerField(read_only=True)
    rle = RleField(read_only=True)
    bbox = BboxField(read_only=True)
    area = serializers.IntegerField(read_only=True)
    source = serializers.ChoiceField(choices=MaskSource.choices, read_only=True)
    version = serializers.IntegerField(read_only=True)
    provenance = serializers.IntegerField(read_only=True, allow_null=True, help_text=PROVENANCE_ID_HELP)


class MaskConflictOut(serializers.Serializer):
    """409 of a mask edit made on a stale version: the mask as it is now (null: none any more)."""

    detail = serializers.CharField(read_only=True)
    current = MaskPayloadOut(read_only=True, allow_null=True)


class MaskPut(serializers.Serializer):
    rle = RleField()
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
    role = serializers.ChoiceField(choices=ROLE_CHOICES, required=False, allow_null=True, default=None, help_text=ROLE_FIELD_HELP)


class PromptAnswerOut(serializers.Serializer):
    """The mask a click produced on its frame, as the interactive worker stored it."""

    frame = serializers.IntegerField(read_only=True)
    rle = RleField(read_only=True)
    score = serializers.FloatField(read_only=True, help_text="the model's predicted IoU")
    backend = serializers.ChoiceField(choices=BACKENDS, read_only=True)
    model = serializers.CharField(read_only=True, help_text="the model that answered, as roles name it")
    provenance = ProvenanceOut(read_only=True, help_text="the backend and model that answered")
    image_features = serializers.ChoiceField(
        choices=["cached", "computed"],
        read_only=True,
        allow_null=True,
        help_text="whether the frame's image features were reused or computed (null: not known)",
    )
    mask = MaskPayloadOut(read_only=True)


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "array",
            "items": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
            "minItems": 3,
            "maxItems": 3,
        },
        "description": "[frame, source, area] of every stored mask: annotated-frame index, "
        "how the mask was made (MaskOut.source), area in pixels",
    }
)
class TimelineFramesField(serializers.JSONField):
    pass


class TimelineRowOut(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="masklet id")
    frames = TimelineFramesField(read_only=True)
    prompt_frames = serializers.ListField(child=serializers.IntegerField(), read_only=True)


class TimelineOut(serializers.Serializer):
    frame_count = serializers.IntegerField(read_only=True)
    masklets = TimelineRowOut(many=True, read_only=True)


class PropagationIn(serializers.Serializer):
    masklets = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=500)
    start_frame = serializers.IntegerField(min_value=0)
    direction = serializers.ChoiceField(choices=["forward", "backward", "both"], default="forward")
    max_frames = serializers.IntegerField(
        min_value=1, max_value=MAX_PROPAGATION_FRAMES, required=False, allow_null=True, default=None
    )
    role = serializers.ChoiceField(choices=ROLE_CHOICES, required=False, allow_null=True, default=None, help_text=ROLE_FIELD_HELP)


class AutomaskletsIn(serializers.Serializer):
    """A job's overrides of the project's automask settings, in the same ranges (annotation/project_settings.py)."""

    key_frame = serializers.IntegerField(min_value=0, required=False)
    points_per_side = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_POINTS_PER_SIDE),
        min_length=1, max_length=MAX_CROP_LAYERS + 1, required=False,
    )
    crop_n_layers = serializers.IntegerField(min_value=0, max_value=MAX_CROP_LAYERS, required=False)
    pred_iou_thresh = serializers.FloatField(min_value=0, max_value=1, required=False)
    stability_score_thresh = serializers.FloatField(min_value=0, max_value=1, required=False)
    max_masklets = serializers.IntegerField(min_value=1, max_value=MAX_MASKLETS, required=False)
    max_frames = serializers.IntegerField(min_value=1, max_value=MAX_PROPAGATION_FRAMES, required=False, allow_null=True)
    key_frame_every = serializers.IntegerField(
        min_value=0, required=False, help_text="key frames every N frames either side of key_frame (0: key_frame only)"
    )
    dedup_iou = serializers.FloatField(
        min_value=0, max_value=1, required=False, allow_null=True,
        help_text="a proposal whose mask IoU with a mask already on its key frame exceeds this is dropped",
    )
    role = serializers.ChoiceField(choices=ROLE_CHOICES, required=False, allow_null=True, help_text=ROLE_FIELD_HELP)


class ConceptIn(serializers.Serializer):
    """A concept prompt: every instance of `text` in the frame range becomes a proposal masklet."""

    text = serializers.CharField(max_length=200, help_text="a noun phrase, e.g. \"red car\" (1 to 200 characters)")
    label = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="label of the proposals")
    first_frame = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None, help_text="default 0")
    last_frame = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, default=None, help_text="inclusive; default the video's last frame"
    )
    role = serializers.ChoiceField(
        choices=ROLE_CHOICES, required=False, allow_null=True, default=None, help_text="model role; default concept"
    )


class JobOut(serializers.ModelSerializer):
    """A job from `selectors.jobs.jobs_for`, which annotates `queue_position`."""

    provenance = ProvenanceOut(read_only=True, allow_null=True, help_text="the model of the worker that ran it (model queues)")
    result = FreeFormField(read_only=True)
    params = FreeFormField(read_only=True)
    queue_position = serializers.IntegerField(read_only=True, allow_null=True, help_text=QUEUE_POSITION_HELP)

    class Meta:
        model = Job
        fields = [
            "id", "kind", "status", "queue_position", "progress", "error", "result", "params", "project",
            "video", "cancel_requested", "attempts", "created_by", "created_at", "started_at", "finished_at",
            "provenance",
        ]
        read_only_fields = fields


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
    annotated_frames = serializers.IntegerField(read_only=True, default=0, help_text="frames of the range with a mask")
    frame_total = serializers.IntegerField(read_only=True, default=0, help_text="frames in the task's range")

    class Meta:
        model = Task
        fields = [
            "id", "project", "video", "video_name", "frame_start", "frame_end", "assignee",
            "assignee_name", "reviewer", "reviewer_name", "state", "masklet_count", "annotated_frames", "frame_total",
            "created_at", "updated_at",
        ]
        read_only_fields = fields


class TransitionIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=["start", "submit", "accept", "reject"])
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class TaskCommentIn(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class TaskActivityOut(serializers.Serializer):
    """One entry of a task's activity feed: a state change, a comment, or the task's creation."""

    kind = serializers.ChoiceField(choices=["created", "transition", "comment"], read_only=True)
    action = serializers.CharField(read_only=True)
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)
    user = serializers.CharField(read_only=True, allow_null=True)
    text = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


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
    id = serializers.IntegerField(read_only=True)
    author = serializers.CharField(source="author.username", default=None, read_only=True, allow_null=True)
    text = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class IssueOut(serializers.ModelSerializer):
    position = PositionField(read_only=True)
    author = serializers.CharField(source="author.username", default=None, read_only=True, allow_null=True)
    comments = CommentOut(many=True, read_only=True)

    class Meta:
        model = ReviewIssue
        fields = ["id", "video", "frame", "masklet", "position", "text", "resolved", "author", "created_at", "comments"]
        read_only_fields = fields


class ImportIn(serializers.Serializer):
    file = serializers.FileField()
    format = serializers.ChoiceField(choices=["sav", "coco", "davis"])


class LoginIn(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField()


class JobRef(serializers.Serializer):
    job = serializers.IntegerField(read_only=True)
