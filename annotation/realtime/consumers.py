"""`ws /ws/videos/{id}/`: live masks, jobs, review changes and presence for one video.

Authenticates on connect (session cookie or token) and admits project members only (close code
4403 otherwise, the same for a video that does not exist, so outsiders learn nothing).
"""

from __future__ import annotations

import json
import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from annotation.permissions import is_member
from annotation.realtime.presence import presence_leave, presence_list, presence_set
from annotation.realtime.publish import video_group
from annotation.selectors.videos import video_watch_facts

FORBIDDEN = 4403


class VideoConsumer(AsyncJsonWebsocketConsumer):
    video_id: int
    frame_count: int
    group: str

    async def connect(self) -> None:
        user = self.scope.get("user")
        self.video_id = int(self.scope["url_route"]["kwargs"]["video_id"])
        if user is None or not user.is_authenticated or not await self._may_watch(user):
            await self.close(code=FORBIDDEN)
            return
        # Set only once admitted: disconnect() of a refused socket must not touch the group.
        self.group = video_group(self.video_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self._presence_update(frame=None)

    async def disconnect(self, code: int) -> None:
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await database_sync_to_async(presence_leave)(self.video_id, self.channel_name)
            await self._broadcast_presence()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        # The base class raises (and drops the connection) on binary or empty frames; answer instead.
        if not text_data:
            await self._error("send JSON text frames")
            return
        await self.receive_json(await self.decode_json(text_data), **kwargs)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or content.get("type") != "presence":
            await self._error('only {"type": "presence", "frame": n} is accepted')
            return
        frame = content.get("frame")
        if frame is not None and (not isinstance(frame, int) or isinstance(frame, bool) or frame < 0):
            await self._error("frame must be a whole number from 0")
            return
        # Membership can be revoked while connected: check per message.
        if not await self._may_watch(self.scope["user"]):
            await self.close(code=FORBIDDEN)
            return
        if frame is not None and frame >= self.frame_count:
            await self._error(f"frame must be below the video's {self.frame_count} frames")
            return
        await self._presence_update(frame=frame)

    async def _error(self, detail: str) -> None:
        await self.send_json({"type": "error", "detail": detail})

    async def decode_json(self, text_data: str) -> Any:
        try:
            return json.loads(text_data)
        except ValueError:
            return None

    async def event_forward(self, message: dict[str, Any]) -> None:
        """One handler for every server event published by services and workers."""
        await self.send_json(message["event"])

    async def _presence_update(self, frame: int | None) -> None:
        user = self.scope["user"]
        await database_sync_to_async(presence_set)(
            self.video_id, self.channel_name, {"id": user.pk, "username": user.get_username(), "frame": frame, "at": time.time()}
        )
        await self._broadcast_presence()

    async def _broadcast_presence(self) -> None:
        users = await database_sync_to_async(presence_list)(self.video_id)
        event = {"type": "presence", "video": self.video_id, "users": users}
        await self.channel_layer.group_send(self.group, {"type": "event.forward", "event": event})

    @database_sync_to_async
    def _may_watch(self, user: Any) -> bool:
        row = video_watch_facts(self.video_id)
        if row is None:
            return False
        project_id, self.frame_count = row
        user.__dict__.pop("_masklet_roles", None)
        return is_member(user, project_id)
