from django.conf import settings
from django.db import models

from annotation.models.masklets import Masklet
from annotation.models.videos import Video


class QAFlagKind(models.TextChoices):
    TEMPORAL = "temporal"
    AREA_JUMP = "area_jump"
    FRAGMENTATION = "fragmentation"
    FLICKER = "flicker"
    OVERLAP = "overlap"
    LOW_SCORE = "low_score"
    TINY = "tiny"


class QAFlag(models.Model):
    """One finding of the automated QA (annotation/evaluation/qa.py) on a range of annotated
    frames of a masklet. Rows are recomputed by the video's QA job; an edit on a frame in the
    range deletes the flag at once (annotation/services/quality.py)."""

    masklet = models.ForeignKey(Masklet, on_delete=models.CASCADE, related_name="qa_flags")
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="qa_flags")
    kind = models.CharField(max_length=16, choices=QAFlagKind.choices)
    frame_start = models.PositiveIntegerField()  # annotated-frame index, inclusive
    frame_end = models.PositiveIntegerField()  # inclusive
    value = models.FloatField()  # the worst value in the range (IoU, ratio, components, ...)
    # The other masklet of an overlap.
    other = models.ForeignKey(Masklet, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["masklet_id", "frame_start", "kind"]
        indexes = [models.Index(fields=["video", "masklet"])]

    def __str__(self) -> str:
        return f"{self.kind} on masklet {self.masklet_id}, frames {self.frame_start}-{self.frame_end}"


class GroundTruth(models.Model):
    """A video marked as ground truth by a manager. Its ground-truth objects are the masklets in
    `masklets` (by default the video's masklets when it was marked); every other masklet of the
    video is an annotator's attempt, matched to these and scored (annotation/services/ground_truth.py)."""

    video = models.OneToOneField(Video, on_delete=models.CASCADE, related_name="ground_truth")
    masklets = models.ManyToManyField(Masklet, related_name="ground_truth_of")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-marked_at"]

    def __str__(self) -> str:
        return f"ground truth of video {self.video_id}"
