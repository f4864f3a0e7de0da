"""A request that cannot get a database connection in time answers 503, never 500.

Every process draws its connections from a bounded pool (config/settings/base.py). When all of
them stay busy for longer than the pool's timeout, psycopg_pool raises PoolTimeout (which Django
wraps in its OperationalError); the client is told to retry instead of seeing a server error.
"""

from __future__ import annotations

import logging

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.deprecation import MiddlewareMixin
from psycopg_pool import PoolTimeout, TooManyRequests

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def is_pool_exhausted(exception: BaseException) -> bool:
    """True when `exception` is the pool giving up (timeout, or too many requests waiting)."""
    pool_errors = (PoolTimeout, TooManyRequests)
    if isinstance(exception, pool_errors):
        return True
    return isinstance(exception, OperationalError) and isinstance(exception.__cause__, pool_errors)


class DatabaseBusyMiddleware(MiddlewareMixin):
    """Turn an exhausted connection pool into 503 + Retry-After with the API's `{"detail"}` body.

    Views are where a request first asks for a connection (sessions and users load lazily), so
    `process_exception` sees every pool timeout; later middleware reuses the request's connection.
    MiddlewareMixin keeps it usable by the async (ASGI) handler without a thread switch.
    """

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_pool_exhausted(exception):
            return None
        log.warning("database connection pool exhausted: %s %s answered 503", request.method, request.path)
        response = JsonResponse(
            {"detail": "The server is busy (every database connection is in use); try again in a few seconds."},
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
