"""`ws /ws/videos/{id}/`: live masks, jobs, review changes and presence for one video.

Handshake: every socket is accepted (with the `masklet` subprotocol when offered), then a refused
one is closed with its code: 4401 without credentials or with bad ones, 4403 for a non-member or
an unknown video (the same answer, so outsiders learn nothing) and for a session cookie sent from
a foreign origin (annotation.realtime.auth). Closing before accepting would be an HTTP 403, which
browsers report as a bare network error, and then retry.

Client messages: `{"type": "presence", "frame": n | null}`, also the heartbeat that keeps the
user present (annotation.realtime.presence). Each message is rate-limited per socket, size-limited
and re-checked against the permission policy. Presence broadcasts are throttled per video
(annotation.realtime.presence_broadcast). Anything the consumer cannot take (invalid JSON,
nesting deep enough to raise RecursionError, a binary frame, a frame over
MASKLET["WS_MAX_MESSAGE_BYTES"], one message too many, or a failure while handling it) answers an
`error` event to that socket alone, and the socket stays open. uvicorn's own frame limit
(--ws-max-size, 16 MiB by default) lets a 1 MB frame reach the consumer; only frames beyond it are
closed by uvicorn itself (code 1009).

Membership changes reach every socket of the user through a per-user group
(annotation.realtime.publish.notify_membership_changed): a removed member's sockets close with
4403 within moments, the others are told the new role.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any, Literal, TypeVar, cast

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from annotation.permissions import role_in
from annotation.realtime.auth import FORBIDDEN, SUBPROTOCOL, UNAUTHORIZED
from annotation.realtime.events import (
    ErrorEvent,
    MembershipChangedEvent,
    PresenceEvent,
    PresenceUser,
)
from annotation.realtime.presence import presence_leave, presence_touch
from annotation.realtime.presence_broadcast import broadcaster
from annotation.realtime.publish import user_group, video_group
from annotation.selectors.videos import video_watch_facts

log = logging.getLogger(__name__)

Role = Literal["manager", "annotator", "reviewer"]
T = TypeVar("T")


async def _in_redis(fn: Callable[..., T], *args: Any) -> T:
    """Run a presence call (Redis only) off the one thread that runs the consumers' queries."""
    return await sync_to_async(fn, thread_sensitive=False)(*args)


class TokenBucket:
    """`rate` messages per second on average, up to `burst` at once."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.capacity = float(burst)
        self.tokens = float(burst)
        self.updated = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class VideoConsumer(AsyncJsonWebsocketConsumer):
    video_id: int
    project_id: int
    frame_count: int
    limiter: TokenBucket
    group: str | None = None  # set once admitted, cleared once left
    closing = False
    last_presence: list[PresenceUser] | None = None  # the last list this socket sent or saw
    sent_presence: list[PresenceUser] | None = None  # the last list sent to this socket

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
        self.video_id = int(self.scope["url_route"]["kwargs"]["video_id"])
        if await self._role() is None:
            await self._close(FORBIDDEN)
            return
        options: dict[str, Any] = settings.MASKLET
        self.limiter = TokenBucket(options["WS_MESSAGES_PER_SECOND"], options["WS_MESSAGE_BURST"])
        self.group = video_group(self.video_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.channel_layer.group_add(user_group(user.pk), self.channel_name)
        await self._heartbeat(frame=None, announce=True)
        # The API's promise: the current presence is the first message of an admitted socket.
        # The broadcast to the video is deferred (folded per interval), and events published
        # meanwhile would come first: this socket gets its own copy now.
        event: PresenceEvent = {"type": "presence", "video": self.video_id, "users": self.last_presence or []}
        self.sent_presence = event["users"]
        await self.send_json(event)

    async def disconnect(self, code: int) -> None:
        await self._leave()

    # --- client messages ------------------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        if self.closing or self.group is None:
            return
        try:
            await self._receive(text_data)
        except Exception:  # the socket outlives any one message
            log.exception("websocket message on video %s failed", self.video_id)
            await self._error("the server could not handle this message")

    async def _receive(self, text_data: str | None) -> None:
        options: dict[str, Any] = settings.MASKLET
        if not self.limiter.take():
            await self._error(f"too many messages: at most {options['WS_MESSAGES_PER_SECOND']:g} per second")
            return
        if text_data is None:
            await self._error("send JSON text frames, not binary ones")
            return
        limit = options["WS_MAX_MESSAGE_BYTES"]
        if len(text_data) > limit or len(text_data.encode()) > limit:
            await self._error(f"message too large: at most {limit} bytes")
            return
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):
            await self._error("send one JSON object, not nested too deeply")
            return
        await self.receive_json(content)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or content.get("type") != "presence":
            await self._error('only {"type": "presence", "frame": n} is accepted')
            return
        frame = content.get("frame")
        if frame is not None and (not isinstance(frame, int) or isinstance(frame, bool) or frame < 0):
            await self._error("frame must be a whole number from 0")
            return
        # Membership can be revoked while connected: check per message.
        if await self._role() is None:
            await self._close(FORBIDDEN)
            return
        if frame is not None and frame >= self.frame_count:
            await self._error(f"frame must be below the video's {self.frame_count} frames")
            return
        await self._heartbeat(frame=frame)

    # --- server events --------------------------------------------------------------------------

    async def event_forward(self, message: dict[str, Any]) -> None:
        """One handler for every server event published by services and workers."""
        if self.closing:
            return
        event = message["event"]
        if event["type"] == "presence":
            self.last_presence = event["users"]
            if event["users"] == self.sent_presence:
                return  # this socket has it already (its own copy on connect)
            self.sent_presence = event["users"]
        await self.send_json(event)

    async def membership_changed(self, message: dict[str, Any]) -> None:
        """The user's membership of some project changed: re-check this socket's access."""
        if self.closing or message["project"] != self.project_id:
            return
        role = await self._role()
        if role is None:
            await self._close(FORBIDDEN)
            return
        event: MembershipChangedEvent = {
            "type": "membership.changed", "video": self.video_id, "project": self.project_id, "role": cast(Role, role),
        }
        await self.send_json(event)

    # --- helpers --------------------------------------------------------------------------------

    async def _error(self, detail: str) -> None:
        event: ErrorEvent = {"type": "error", "detail": detail}
        await self.send_json(event)

    async def _close(self, code: int) -> None:
        """Close with an application code; an admitted socket leaves its groups and presence now."""
        self.closing = True
        await self.close(code=code)
        await self._leave()

    async def _heartbeat(self, frame: int | None, announce: bool = False) -> None:
        """Renew this connection's presence; tell the video when who-is-where changed."""
        user = self.scope["user"]
        entry: PresenceUser = {"id": user.pk, "username": user.get_username(), "frame": frame}
        users = await _in_redis(presence_touch, self.video_id, self.channel_name, entry)
        if announce or users != self.last_presence:
            self.last_presence = users
            broadcaster().request(self.video_id, self.channel_layer)

    async def _leave(self) -> None:
        group, self.group = self.group, None
        if group is None:
            return
        await self.channel_layer.group_discard(group, self.channel_name)
        await self.channel_layer.group_discard(user_group(self.scope["user"].pk), self.channel_name)
        await _in_redis(presence_leave, self.video_id, self.channel_name)
        broadcaster().request(self.video_id, self.channel_layer)

    @database_sync_to_async
    def _role(self) -> str | None:
        """The user's role in the video's project (None for an outsider or an unknown video),
        read afresh; also refreshes the video's project and frame count."""
        row = video_watch_facts(self.video_id)
        if row is None:
            return None
        self.project_id, self.frame_count = row
        user = self.scope["user"]
        user.__dict__.pop("_masklet_roles", None)  # the policy caches roles per user object
        return role_in(user, self.project_id)
