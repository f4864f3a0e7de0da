from django.conf import settings
from django.db import models

from annotation.models.masklets import Masklet
from annotation.models.videos import Video


class ReviewIssue(models.Model):
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="issues")
    frame = models.PositiveIntegerField()
    masklet = models.ForeignKey(Masklet, null=True, blank=True, on_delete=models.SET_NULL, related_name="issues")
    position = models.JSONField(null=True, blank=True)  # [x, y] pixels of the original video
    text = models.TextField()
    resolved = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"issue {self.pk} on frame {self.frame}"


class ReviewComment(models.Model):
    issue = models.ForeignKey(ReviewIssue, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"comment {self.pk} on issue {self.issue_id}"
