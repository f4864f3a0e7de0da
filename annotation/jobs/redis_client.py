"""The process's one Redis client (settings.REDIS_URL), made on first use: job locks and
realtime presence share its connection pool. redis-py clients are safe to share between threads
(the heartbeat beats from a side thread)."""

from __future__ import annotations

import redis
from django.conf import settings

_redis: redis.Redis | None = None


def redis_client() -> redis.Redis:
    global _redis
    if _redis is None:
        _redis = redis.Redis.from_url(settings.REDIS_URL)
    return _redis
