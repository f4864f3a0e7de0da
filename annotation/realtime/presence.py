"""Who watches which video, on which frame: a Redis hash per video, one field per connection."""

from __future__ import annotations

import json
import time
from typing import Any

from annotation.jobs.redis_client import redis_client

STALE_SECONDS = 3600  # a connection silent this long (crashed server) no longer counts


def _key(video_id: int) -> str:
    return f"masklet:presence:{video_id}"


def presence_set(video_id: int, connection: str, entry: dict[str, Any]) -> None:
    redis_client().hset(_key(video_id), connection, json.dumps(entry))
    redis_client().expire(_key(video_id), STALE_SECONDS)


def presence_leave(video_id: int, connection: str) -> None:
    redis_client().hdel(_key(video_id), connection)


def presence_list(video_id: int) -> list[dict[str, Any]]:
    """One entry per user (their most recent connection): id, username, frame."""
    now = time.time()
    users: dict[int, dict[str, Any]] = {}
    for raw in redis_client().hvals(_key(video_id)):
        entry = json.loads(raw)
        if now - entry.get("at", now) > STALE_SECONDS:
            continue
        if entry["id"] not in users or entry["at"] >= users[entry["id"]]["at"]:
            users[entry["id"]] = entry
    return [{"id": e["id"], "username": e["username"], "frame": e["frame"]} for e in sorted(users.values(), key=lambda e: e["username"])]
