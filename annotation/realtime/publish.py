"""Publish realtime events to a video's group through the Redis channel layer, after commit.

Called by services (web process) and Celery tasks (worker processes) alike, so a worker's masks
reach every browser watching the video.
"""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from annotation.realtime.events import VideoEvent
from annotation.selectors.videos import video_project_id

log = logging.getLogger(__name__)


def video_group(video_id: int) -> str:
    return f"video.{video_id}"


def project_group(project_id: int) -> str:
    """Every open project page of the project (annotation.realtime.project_consumer)."""
    return f"project.{project_id}"


# What a project page shows live: task states, video status and ingest (cpu queue) progress.
PROJECT_EVENT_TYPES = ("review.changed", "video.changed", "job.progress", "job.finished")
PROJECT_JOB_KINDS = ("ingest", "export", "import")


def _for_project_page(event: VideoEvent) -> bool:
    if event["type"] not in PROJECT_EVENT_TYPES:
        return False
    if event["type"] in ("job.progress", "job.finished"):
        return event["kind"] in PROJECT_JOB_KINDS  # type: ignore[typeddict-item]
    return event["type"] != "review.changed" or event["task"] is not None  # type: ignore[typeddict-item]


def user_group(user_id: int) -> str:
    """Every open socket of one user, whatever the video (annotation.realtime.consumers)."""
    return f"user.{user_id}"


def _group_send(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # the database write already happened; a lost event is only a lost hint
        log.exception("could not publish %s to %s", message.get("type"), group)


def send_now(event: VideoEvent) -> None:
    """Send at once (no transaction to wait for); a broken layer never breaks the write."""
    _group_send(video_group(event["video"]), {"type": "event.forward", "event": event})
    if _for_project_page(event):
        project_id = video_project_id(event["video"])
        if project_id is not None:
            _group_send(project_group(project_id), {"type": "event.forward", "event": event})


def publish(event: VideoEvent) -> None:
    """Send `event` to everyone watching its video once the current transaction commits."""
    transaction.on_commit(lambda: send_now(event))


def notify_membership_changed(*, project_id: int, user_id: int) -> None:
    """Once the current transaction commits, make the user's open sockets re-check their access
    to the project: closed (4403) when no longer a member, told their new role otherwise."""
    message = {"type": "membership.changed", "project": project_id}
    transaction.on_commit(lambda: _group_send(user_group(user_id), message))
