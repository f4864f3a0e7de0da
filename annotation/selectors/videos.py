"""Videos as project members see them, and the per-video summaries the editor reads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Case, IntegerField, OuterRef, QuerySet, Subquery, When

from annotation.models import FrameMask, Job, Masklet, Project, Prompt, Video
from annotation.models.jobs import JobKind, JobStatus
from annotation.permissions import visible_projects
from annotation.selectors.base import get_or_404
from annotation.selectors.jobs import kinds_sharing_queue_with, queued_up_to

if TYPE_CHECKING:
    from annotation.permissions import AnyUser


def videos_for(user: AnyUser) -> QuerySet[Video]:
    """The user's videos, each with `ingest_job`: the id of its latest ingest job (or None), and
    `queue_position`: while that job waits, its place among the jobs waiting on the cpu queue
    (1 = next; None once it runs). Three subqueries, no query per video."""
    latest_ingest = Job.objects.filter(video=OuterRef("pk"), kind=JobKind.INGEST).order_by("-id")
    return (
        Video.objects.filter(project__in=visible_projects(user))
        .select_related("project")
        .annotate(
            ingest_job=Subquery(latest_ingest.values("id")[:1]),
            ingest_job_status=Subquery(latest_ingest.values("status")[:1]),
        )
        .annotate(
            queue_position=Case(
                When(
                    ingest_job_status=JobStatus.QUEUED,
                    then=queued_up_to(OuterRef("ingest_job"), kinds_sharing_queue_with(JobKind.INGEST)),
                ),
                default=None,
                output_field=IntegerField(),
            )
        )
    )


def videos_of(user: AnyUser, project: Project) -> QuerySet[Video]:
    return videos_for(user).filter(project=project)


def video_get(user: AnyUser, pk: Any) -> Video:
    return get_or_404(videos_for(user), pk, "video")


def video_in_project(user: AnyUser, project: Project, pk: Any) -> Video | None:
    """The project's video `pk`, or None when the project has no such video."""
    return videos_of(user, project).filter(pk=pk).first()


def video_watch_facts(video_id: int) -> tuple[int, int] | None:
    """(project id, frame count) of a video, for the websocket to admit members; None if gone."""
    return Video.objects.filter(pk=video_id).values_list("project_id", "frame_count").first()


def video_project_id(video_id: int) -> int | None:
    """The project of a video (None once it is gone), to send its events to the project's page."""
    return Video.objects.filter(pk=video_id).values_list("project_id", flat=True).first()


def timeline_of(video: Video) -> dict[str, Any]:
    """Per masklet: [frame, source, area] of every stored mask and the frames holding prompts.

    Three queries whatever the number of masklets; frames are annotated-frame indices, area pixels.
    Each query sees what was committed when it ran: a masklet created meanwhile (a job adding
    masklets while people read the timeline) appears with what the later queries saw of it.
    """
    rows: dict[int, dict[str, Any]] = {}

    def row(masklet_id: int) -> dict[str, Any]:
        if masklet_id not in rows:
            rows[masklet_id] = {"id": masklet_id, "frames": [], "prompt_frames": []}
        return rows[masklet_id]

    for masklet_id in Masklet.objects.filter(video=video).values_list("pk", flat=True):
        row(masklet_id)
    for masklet_id, frame, source, area in (
        FrameMask.objects.filter(masklet__video=video)
        .order_by("masklet_id", "frame")
        .values_list("masklet_id", "frame", "source", "area")
    ):
        row(masklet_id)["frames"].append([frame, source, area])
    for masklet_id, frame in (
        Prompt.objects.filter(masklet__video=video)
        .values_list("masklet_id", "frame")
        .distinct()
        .order_by("masklet_id", "frame")
    ):
        row(masklet_id)["prompt_frames"].append(frame)
    return {"frame_count": video.frame_count, "masklets": list(rows.values())}
