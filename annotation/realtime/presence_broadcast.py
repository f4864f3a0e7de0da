"""Presence broadcasts, throttled per video in each web process.

Every presence change (a frame change, a join, a leave) used to send the whole list to every
socket on the video at once: with 40 people scrubbing one video that is a few hundred events a
second, most of them superseded within the second. Here a change asks for a broadcast; the first
one in a quiet period goes out at once, later ones are folded into one broadcast at most every
MASKLET["PRESENCE_BROADCAST_INTERVAL"] seconds that reads the list as it is then. Nothing is lost:
the last change always reaches everyone, a moment later.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings

from annotation.realtime.events import PresenceEvent
from annotation.realtime.presence import presence_list
from annotation.realtime.publish import video_group

log = logging.getLogger(__name__)


class PresenceBroadcaster:
    """One per event loop (per web process): the pending broadcast and last send per video."""

    def __init__(self) -> None:
        self.pending: dict[int, asyncio.Task[None]] = {}
        self.last_sent: dict[int, float] = {}

    @staticmethod
    def interval() -> float:
        options: dict[str, Any] = settings.MASKLET
        return float(options["PRESENCE_BROADCAST_INTERVAL"])

    def request(self, video_id: int, channel_layer: Any) -> None:
        """Ask for the video's presence list to be sent to its sockets (now, or folded into the
        next broadcast when one went out less than an interval ago)."""
        if video_id in self.pending:
            return
        wait = max(0.0, self.last_sent.get(video_id, 0.0) + self.interval() - time.monotonic())
        self.pending[video_id] = asyncio.get_running_loop().create_task(self._send_after(video_id, wait, channel_layer))

    async def _send_after(self, video_id: int, wait: float, channel_layer: Any) -> None:
        try:
            if wait:
                await asyncio.sleep(wait)
        finally:
            # Cleared before the read: a change that comes while the list is read asks anew.
            self.pending.pop(video_id, None)
        self.last_sent[video_id] = time.monotonic()
        if len(self.last_sent) > 10_000:  # videos long quiet need no memory of their last send
            horizon = time.monotonic() - self.interval()
            self.last_sent = {v: t for v, t in self.last_sent.items() if t > horizon}
        try:
            users = await sync_to_async(presence_list, thread_sensitive=False)(video_id)
            event: PresenceEvent = {"type": "presence", "video": video_id, "users": users}
            await channel_layer.group_send(video_group(video_id), {"type": "event.forward", "event": event})
        except Exception:  # a broadcast is advisory: the next change or heartbeat sends another
            log.exception("presence broadcast for video %s failed", video_id)


_broadcasters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, PresenceBroadcaster] = weakref.WeakKeyDictionary()


def broadcaster() -> PresenceBroadcaster:
    """The broadcaster of the running event loop (its tasks live and die with the loop)."""
    loop = asyncio.get_running_loop()
    found = _broadcasters.get(loop)
    if found is None:
        found = _broadcasters[loop] = PresenceBroadcaster()
    return found
