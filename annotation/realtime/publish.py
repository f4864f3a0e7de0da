"""Publish realtime events to a video's group through the Redis channel layer, after commit.

Called by services (web process) and Celery tasks (worker processes) alike, so a worker's masks
reach every browser watching the video.
"""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from annotation.realtime.events import Event

log = logging.getLogger(__name__)


def video_group(video_id: int) -> str:
    return f"video.{video_id}"


def send_now(event: Event) -> None:
    """Send at once (no transaction to wait for); a broken layer never breaks the write."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(video_group(event["video"]), {"type": "event.forward", "event": event})
    except Exception:  # the database write already happened; a lost event is only a lost hint
        log.exception("could not publish %s", event.get("type"))


def publish(event: Event) -> None:
    """Send `event` to everyone watching its video once the current transaction commits."""
    transaction.on_commit(lambda: send_now(event))
