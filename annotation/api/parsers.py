"""JSON request parsing that answers 400, never 500, for bodies PostgreSQL or Python cannot take."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# Deeper than any body of the API (RLE, point lists, settings) and far below Python's recursion limit.
MAX_DEPTH = 64


def _check(value: Any) -> None:
    """Refuse NUL characters (PostgreSQL text and jsonb cannot store them) and absurd nesting."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ParseError(
                f"JSON parse error - the body is nested more than {MAX_DEPTH} levels deep"
            )
        if isinstance(item, str):
            if "\x00" in item:
                raise ParseError("JSON parse error - text may not contain NUL (\\u0000) characters")
        elif isinstance(item, dict):
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


class JSONParser(parsers.JSONParser):
    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                f"JSON parse error - the body is nested more than {MAX_DEPTH} levels deep"
            ) from None
        _check(data)
        return data
