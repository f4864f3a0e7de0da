"""Reads that depend on who asks: every queryset here is scoped by the permission policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from annotation.models import (
    FrameMask,
    Job,
    Label,
    Masklet,
    Membership,
    Project,
    ReviewComment,
    ReviewIssue,
    Task,
    Video,
)
from annotation.permissions import visible_projects


def _get(queryset: QuerySet, pk: Any, what: str) -> Any:
    try:
        return queryset.get(pk=int(pk))
    except (ValueError, TypeError, queryset.model.DoesNotExist) as error:
        raise Http404(f"no such {what}") from error


def projects_for(user: Any) -> QuerySet[Project]:
    return visible_projects(user).distinct()


def project_get(user: Any, pk: Any) -> Project:
    return _get(projects_for(user), pk, "project")


def memberships_of(project: Project) -> QuerySet[Membership]:
    return Membership.objects.filter(project=project).select_related("user")


def labels_of(project: Project) -> QuerySet[Label]:
    return Label.objects.filter(project=project)


def label_get(user: Any, pk: Any) -> Label:
    return _get(Label.objects.filter(project__in=visible_projects(user)).select_related("project"), pk, "label")


def videos_for(user: Any) -> QuerySet[Video]:
    return Video.objects.filter(project__in=visible_projects(user)).select_related("project")


def video_get(user: Any, pk: Any) -> Video:
    return _get(videos_for(user), pk, "video")


def video_latest_jobs(video: Video) -> dict[str, Job]:
    return {job.kind: job for job in Job.objects.filter(video=video).order_by("id")}


def masklets_of(video: Video) -> QuerySet[Masklet]:
    return Masklet.objects.filter(video=video).select_related("label")


def masklet_get(user: Any, pk: Any) -> Masklet:
    return _get(
        Masklet.objects.filter(video__project__in=visible_projects(user)).select_related("video", "video__project"),
        pk,
        "masklet",
    )


def masks_in_range(masklets: QuerySet[Masklet] | Masklet, start: int | None, end: int | None) -> QuerySet[FrameMask]:
    """Masks ordered by masklet then frame; `end` inclusive (annotated-frame indices)."""
    queryset = (
        FrameMask.objects.filter(masklet=masklets)
        if isinstance(masklets, Masklet)
        else FrameMask.objects.filter(masklet__in=masklets)
    )
    if start is not None:
        queryset = queryset.filter(frame__gte=start)
    if end is not None:
        queryset = queryset.filter(frame__lte=end)
    return queryset.order_by("masklet_id", "frame")


def timeline_of(video: Video) -> dict[str, Any]:
    """Per masklet: (frame, source, area) of every stored mask and the frames holding prompts."""
    rows: dict[int, dict[str, Any]] = {
        m.pk: {"id": m.pk, "frames": [], "prompt_frames": []} for m in Masklet.objects.filter(video=video)
    }
    for masklet_id, frame, source, area in (
        FrameMask.objects.filter(masklet__video=video).order_by("masklet_id", "frame").values_list(
            "masklet_id", "frame", "source", "area"
        )
    ):
        rows[masklet_id]["frames"].append([frame, source, area])
    from annotation.models import Prompt

    for masklet_id, frame in (
        Prompt.objects.filter(masklet__video=video).values_list("masklet_id", "frame").distinct().order_by("masklet_id", "frame")
    ):
        rows[masklet_id]["prompt_frames"].append(frame)
    return {"frame_count": video.frame_count, "masklets": list(rows.values())}


def tasks_for(user: Any) -> QuerySet[Task]:
    return (
        Task.objects.filter(project__in=visible_projects(user))
        .select_related("video", "assignee", "reviewer")
        .annotate(masklet_count=Count("video__masklets", distinct=True))
    )


def my_tasks(user: Any) -> QuerySet[Task]:
    return tasks_for(user).filter(Q(assignee=user) | Q(reviewer=user))


def task_get(user: Any, pk: Any) -> Task:
    return _get(tasks_for(user), pk, "task")


def jobs_for(user: Any) -> QuerySet[Job]:
    return Job.objects.filter(project__in=visible_projects(user))


def job_get(user: Any, pk: Any) -> Job:
    return _get(jobs_for(user), pk, "job")


def issues_of(video: Video) -> QuerySet[ReviewIssue]:
    return ReviewIssue.objects.filter(video=video).select_related("author").prefetch_related(
        Prefetch("comments", queryset=ReviewComment.objects.select_related("author"))
    )


def issue_get(user: Any, pk: Any) -> ReviewIssue:
    return _get(
        ReviewIssue.objects.filter(video__project__in=visible_projects(user)).select_related("video"), pk, "issue"
    )
