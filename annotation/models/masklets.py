from django.conf import settings
from django.db import models

from annotation.models.projects import Label
from annotation.models.videos import Video


class MaskletOrigin(models.TextChoices):
    MANUAL = "manual"
    AUTO = "auto"
    IMPORTED = "imported"
    CONCEPT = "concept"  # a proposal of a text prompt (concept job)


# Origins of proposals a person accepts (status draft) or discards before they count as work.
PROPOSAL_ORIGINS = (MaskletOrigin.AUTO, MaskletOrigin.CONCEPT)


class MaskletStatus(models.TextChoices):
    DRAFT = "draft"
    NEEDS_VERIFICATION = "needs_verification"
    VERIFIED = "verified"
    REJECTED = "rejected"


class Masklet(models.Model):
    """One object tracked through a video: a mask per annotated frame where it is annotated."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="masklets")
    label = models.ForeignKey(Label, null=True, blank=True, on_delete=models.SET_NULL, related_name="masklets")
    number = models.PositiveIntegerField()  # 1.. within the video; the object id of exports
    name = models.CharField(max_length=200, blank=True, default="")
    # values of its label's attributes, {attribute name: str or bool} (services/attributes.py)
    attributes = models.JSONField(default=dict, blank=True)
    origin = models.CharField(max_length=16, choices=MaskletOrigin.choices, default=MaskletOrigin.MANUAL)
    status = models.CharField(max_length=24, choices=MaskletStatus.choices, default=MaskletStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    review_comment = models.TextField(blank=True, default="")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The text prompt that proposed a concept masklet ("" for other origins).
    concept = models.CharField(max_length=200, blank=True, default="")
    # Per-annotated-frame stability scores of automatic masklets (SA-V `masklet_stability_score`).
    stability_scores = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["video", "number"], name="unique_masklet_number")]
        ordering = ["video_id", "number"]

    def __str__(self) -> str:
        return f"masklet {self.number} of video {self.video_id}"


class MaskSource(models.TextChoices):
    PROMPT = "prompt"
    PROPAGATED = "propagated"
    AUTO = "auto"
    EDITED = "edited"
    IMPORTED = "imported"


# Sources that carry a person's intent: propagation never overwrites them and uses them as
# conditioning frames (sam2 issues 546, 719).
USER_SOURCES = (MaskSource.PROMPT, MaskSource.EDITED)


class FrameMask(models.Model):
    """The mask of one masklet on one annotated frame, as COCO compressed RLE (column-major)."""

    masklet = models.ForeignKey(Masklet, on_delete=models.CASCADE, related_name="masks")
    frame = models.PositiveIntegerField()  # annotated-frame index
    rle = models.JSONField()  # {"size": [H, W], "counts": str}
    area = models.PositiveIntegerField(default=0)  # pixels
    bbox = models.JSONField(default=list)  # [x, y, w, h] pixels
    source = models.CharField(max_length=16, choices=MaskSource.choices)
    score = models.FloatField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic concurrency
    job = models.ForeignKey("annotation.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The backend and model that produced this mask (None: a person's edit, an import, or a mask
    # stored before provenance was recorded).
    provenance = models.ForeignKey(
        "annotation.ModelProvenance", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["masklet", "frame"], name="unique_frame_mask")]
        ordering = ["masklet_id", "frame"]

    def __str__(self) -> str:
        return f"mask of masklet {self.masklet_id} on frame {self.frame} (v{self.version})"


class Prompt(models.Model):
    """One interaction: the log behind effort metrics and the input replayed by the workers."""

    masklet = models.ForeignKey(Masklet, on_delete=models.CASCADE, related_name="prompts")
    frame = models.PositiveIntegerField()
    points = models.JSONField(default=list, blank=True)  # [[x, y], ...] pixels of the original video
    labels = models.JSONField(default=list, blank=True)  # 1 positive, 0 negative
    box = models.JSONField(null=True, blank=True)  # [x0, y0, x1, y1] pixels
    reset = models.BooleanField(default=False)  # start over on this frame
    score = models.FloatField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"prompt on masklet {self.masklet_id}, frame {self.frame}"
