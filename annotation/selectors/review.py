"""Review issues of a video with their comments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from annotation.models import ReviewComment, ReviewIssue, Video
from annotation.permissions import visible_projects
from annotation.selectors.base import get_or_404

if TYPE_CHECKING:
    from annotation.permissions import AnyUser


def issues_of(video: Video) -> QuerySet[ReviewIssue]:
    """The video's issues with their author and comments (and the comments' authors) fetched."""
    return (
        ReviewIssue.objects.filter(video=video)
        .select_related("author")
        .prefetch_related(Prefetch("comments", queryset=ReviewComment.objects.select_related("author")))
    )


def issue_detail(issue: ReviewIssue) -> ReviewIssue:
    """The issue read again as `issues_of` reads it, after a change."""
    return issues_of(issue.video).get(pk=issue.pk)


def issue_get(user: AnyUser, pk: Any) -> ReviewIssue:
    return get_or_404(
        ReviewIssue.objects.filter(video__project__in=visible_projects(user)).select_related("video"), pk, "issue"
    )
