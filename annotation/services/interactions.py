"""The interaction log: what people do in the workspace, recorded where it happens.

Prompts, mask edits and propagation requests are recorded by the services that carry them out,
in their transaction (an action rolled back leaves no trace); frame views come from the
workspace's activity heartbeat, the one way to see time spent looking without clicking.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from annotation.models import Interaction, Job, Masklet, Task, Video
from annotation.models.analytics import InteractionKind
from annotation.services.errors import InvalidInput


def _task_of(user: Any, video: Video, frame: int | None) -> Task | None:
    """The user's task on this video whose range holds the frame (the newest if several)."""
    tasks = Task.objects.filter(video=video, assignee=user)
    if frame is not None:
        tasks = tasks.filter(frame_start__lte=frame).filter(Q(frame_end__isnull=True) | Q(frame_end__gte=frame))
    return tasks.order_by("-pk").first()


@transaction.atomic
def interaction_record(
    *,
    user: Any,
    video: Video,
    kind: str,
    frame: int | None = None,
    masklet: Masklet | None = None,
    job: Job | None = None,
) -> Interaction | None:
    """Log one interaction of a person (None for the system: workers and imports log nothing).

    `frame` is an annotated-frame index (the clicked or edited frame, a propagation's start frame).
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if kind not in InteractionKind.values:
        raise InvalidInput(f"unknown interaction kind {kind!r}")
    return Interaction.objects.create(
        user=user,
        project_id=video.project_id,
        video=video,
        task=_task_of(user, video, frame),
        masklet=masklet,
        job=job,
        kind=kind,
        frame=frame,
    )


@transaction.atomic
def activity_record(*, user: Any, video: Video, frame: int) -> Interaction | None:
    """The workspace's heartbeat: the user is looking at `frame` (annotated-frame index)."""
    if not 0 <= frame < max(video.frame_count, 1):
        raise InvalidInput(f"frame must be between 0 and {max(video.frame_count - 1, 0)}")
    return interaction_record(user=user, video=video, kind=InteractionKind.VIEW, frame=frame)
