"""A logging filter that keeps API tokens and invitation keys out of logs.

Scripts may pass their token as `?token=<key>` on the websocket URL (browsers cannot set headers
on a websocket), and uvicorn writes every request's path with its query string, on `uvicorn.access`
for HTTP and on `uvicorn.error` for websocket handshakes. The filter rewrites the record's message
and arguments in place, so it works on a handler (where it sees the records of every logger that
reaches it) and keeps uvicorn's formatters, which unpack the arguments, working.

Standard library only: uvicorn imports it from its log config (config/uvicorn-logging.json) before
Django is set up.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

REDACTED = "[redacted]"

_PATTERNS = (
    # ?token=…, &token=…, &auth_token=… in a URL
    re.compile(r"(?i)([?&;][\w.-]*token=)[^&;#\s\"']+"),
    # Authorization: Token …  /  Bearer …
    re.compile(r"(?i)(\b(?:token|bearer)\s+)[\w.~+/-]{20,}=*"),
    # the Sec-WebSocket-Protocol entry token.<key>
    re.compile(r"(?i)(\btoken\.)[\w-]{20,}"),
    # an invitation link's secret: /invitations/<key> (the page) and /api/invitations/<key>/
    re.compile(r"(/invitations/)[\w-]{20,}"),
)


def redact(text: str) -> str:
    """`text` with every token value replaced by [redacted]."""
    lowered = text.lower()
    if "token" not in lowered and "bearer" not in lowered and "/invitations/" not in lowered:
        return text  # the common case, without running the patterns
    for pattern in _PATTERNS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


def _redact_value(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class RedactTokens(logging.Filter):
    """Replace token values in a record's message and arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, Mapping):
            record.args = {key: _redact_value(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_redact_value(value) for value in record.args)
        return True
