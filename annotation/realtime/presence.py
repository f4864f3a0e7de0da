"""Who watches which video, on which frame, kept alive by heartbeats.

Per video, two Redis keys: a sorted set of connections (channel names) scored by the time each
last spoke, and a hash of their entries (user id, username, frame). Every read first prunes the
connections silent for more than MASKLET["PRESENCE_TTL"] seconds, so a socket whose disconnect
handler never ran (its server was killed, its client vanished) stops counting by itself; the
client's `presence` message is the heartbeat that keeps its connection in. Both keys expire
after the same time, so a video nobody watches leaves nothing behind. Scores are the web
processes' clocks (keep them in sync, as NTP does).
"""

from __future__ import annotations

import json
import time
from typing import Any

from django.conf import settings

from annotation.jobs.redis_client import redis_client
from annotation.realtime.events import PresenceUser


def _keys(video_id: int) -> tuple[str, str]:
    return f"masklet:presence:{video_id}:seen", f"masklet:presence:{video_id}:entries"


def _ttl() -> int:
    options: dict[str, Any] = settings.MASKLET
    return int(options["PRESENCE_TTL"])


def presence_touch(video_id: int, connection: str, entry: PresenceUser) -> list[PresenceUser]:
    """Record that `connection` spoke now (a heartbeat), with its user and frame; who is present."""
    seen, entries = _keys(video_id)
    pipe = redis_client().pipeline()
    pipe.zadd(seen, {connection: time.time()})
    pipe.hset(entries, connection, json.dumps(entry))
    return _prune_and_list(pipe, video_id)


def presence_leave(video_id: int, connection: str) -> list[PresenceUser]:
    """Forget `connection` (its socket closed); who is still present."""
    seen, entries = _keys(video_id)
    pipe = redis_client().pipeline()
    pipe.zrem(seen, connection)
    pipe.hdel(entries, connection)
    return _prune_and_list(pipe, video_id)


def presence_list(video_id: int) -> list[PresenceUser]:
    """Who is present: one entry per user (their most recently heard connection), by username."""
    return _prune_and_list(redis_client().pipeline(), video_id)


def _prune_and_list(pipe: Any, video_id: int) -> list[PresenceUser]:
    """Run `pipe` (one MULTI transaction) with the prune and the read appended."""
    seen, entries = _keys(video_id)
    ttl = _ttl()
    pipe.zremrangebyscore(seen, "-inf", time.time() - ttl)
    pipe.zrange(seen, 0, -1, withscores=True)
    pipe.hgetall(entries)
    pipe.expire(seen, ttl)
    pipe.expire(entries, ttl)
    *_, live, stored, _, _ = pipe.execute()
    last_seen = dict(live)
    stale = [connection for connection in stored if connection not in last_seen]
    if stale:  # entries of pruned connections
        redis_client().hdel(entries, *stale)
    latest: dict[int, tuple[float, PresenceUser]] = {}
    for connection, score in last_seen.items():
        raw = stored.get(connection)
        if raw is None:
            continue
        entry: PresenceUser = json.loads(raw)
        if entry["id"] not in latest or score >= latest[entry["id"]][0]:
            latest[entry["id"]] = (score, entry)
    users = [entry for _, entry in latest.values()]
    return sorted(users, key=lambda entry: (entry["username"], entry["id"]))
