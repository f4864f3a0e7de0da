"""Review issues dropped on a frame (and optionally a masklet and a position), with comments."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from annotation.models import Masklet, ReviewComment, ReviewIssue, Video
from annotation.realtime.publish import publish
from annotation.services.errors import InvalidInput


def _changed(issue: ReviewIssue) -> None:
    publish({"type": "review.changed", "video": issue.video_id, "issue": issue.pk, "task": None, "masklet": issue.masklet_id})


@transaction.atomic
def issue_create(
    *, video: Video, user: Any, frame: int, text: str, masklet: int | None = None, position: list[float] | None = None
) -> ReviewIssue:
    if not 0 <= frame < video.frame_count:
        raise InvalidInput(f"frame must be between 0 and {video.frame_count - 1}")
    if not text.strip():
        raise InvalidInput("an issue needs a text")
    masklet_obj = None
    if masklet is not None:
        masklet_obj = Masklet.objects.filter(video=video, pk=masklet).first()
        if masklet_obj is None:
            raise InvalidInput(f"masklet {masklet} is not in this video")
    if position is not None:
        if len(position) != 2 or not (0 <= position[0] < video.width and 0 <= position[1] < video.height):
            raise InvalidInput("position must be [x, y] inside the frame")
    issue = ReviewIssue.objects.create(
        video=video, frame=frame, masklet=masklet_obj, position=position, text=text, author=user
    )
    _changed(issue)
    return issue


@transaction.atomic
def issue_update(*, issue: ReviewIssue, user: Any, resolved: bool | None = None, text: str | None = None) -> ReviewIssue:
    if resolved is not None and resolved != issue.resolved:
        issue.resolved = resolved
        issue.resolved_by = user if resolved else None
        issue.resolved_at = timezone.now() if resolved else None
    if text is not None:
        if not text.strip():
            raise InvalidInput("an issue needs a text")
        issue.text = text
    issue.save()
    _changed(issue)
    return issue


@transaction.atomic
def comment_add(*, issue: ReviewIssue, user: Any, text: str) -> ReviewComment:
    if not text.strip():
        raise InvalidInput("a comment needs a text")
    comment = ReviewComment.objects.create(issue=issue, author=user, text=text)
    _changed(issue)
    return comment
