"""`ws /ws/projects/{id}/`: what a project's page shows live (task states, ingest progress, video
status), for the project's members.

The handshake answers as the video socket does (annotation.realtime.consumers): accepted, then
closed with 4401 without (good) credentials and 4403 for a non-member or an unknown project. The
socket only listens: every client message answers an `error` event. Events are the video events a
project page needs (annotation.realtime.publish.PROJECT_EVENT_TYPES), each naming its video; a
member removed from the project is closed with 4403 like on the video socket.
"""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from annotation.permissions import role_in
from annotation.realtime.auth import FORBIDDEN, SUBPROTOCOL, UNAUTHORIZED
from annotation.realtime.events import ErrorEvent
from annotation.realtime.publish import project_group, user_group


class ProjectConsumer(AsyncJsonWebsocketConsumer):
    project_id: int
    group: str | None = None
    closing = False

    async def connect(self) -> None:
        offered = self.scope.get("subprotocols") or []
        await self.accept(SUBPROTOCOL if SUBPROTOCOL in offered else None)
        user = self.scope.get("user")
        if self.scope.get("auth_refusal"):
            await self._close(self.scope["auth_refusal"])
            return
        if user is None or not user.is_authenticated:
            await self._close(UNAUTHORIZED)
            return
        self.project_id = int(self.scope["url_route"]["kwargs"]["project_id"])
        if await self._role() is None:
            await self._close(FORBIDDEN)
            return
        self.group = project_group(self.project_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.channel_layer.group_add(user_group(user.pk), self.channel_name)

    async def disconnect(self, code: int) -> None:
        await self._leave()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        event: ErrorEvent = {"type": "error", "detail": "this socket only sends; it takes no messages"}
        await self.send_json(event)

    async def event_forward(self, message: dict[str, Any]) -> None:
        if not self.closing:
            await self.send_json(message["event"])

    async def membership_changed(self, message: dict[str, Any]) -> None:
        if self.closing or message["project"] != self.project_id:
            return
        if await self._role() is None:
            await self._close(FORBIDDEN)

    async def _close(self, code: int) -> None:
        self.closing = True
        await self.close(code=code)
        await self._leave()

    async def _leave(self) -> None:
        group, self.group = self.group, None
        if group is None:
            return
        await self.channel_layer.group_discard(group, self.channel_name)
        await self.channel_layer.group_discard(user_group(self.scope["user"].pk), self.channel_name)

    @database_sync_to_async
    def _role(self) -> str | None:
        user = self.scope["user"]
        user.__dict__.pop("_masklet_roles", None)  # the policy caches roles per user object
        return role_in(user, self.project_id)
