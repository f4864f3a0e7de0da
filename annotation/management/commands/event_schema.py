"""Write the JSON Schema of the realtime events (annotation/realtime/events.py) for the browser app.

`make api-types` runs it and generates frontend/src/api/events.ts from the file it writes;
tests/frontend/test_generated_types.py fails when the committed copy is stale. Development tool:
pydantic (a dev dependency) is imported only when the command runs.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict

from django.core.management.base import BaseCommand, CommandParser

from annotation.realtime import events


def event_schema() -> dict[str, Any]:
    """The union of every event the server pushes to a video's group, as one JSON Schema document.

    Each event object lists exactly its keys (`additionalProperties: false`), as `check_event` does.
    """
    from pydantic import TypeAdapter
    from pydantic.json_schema import GenerateJsonSchema

    class EventSchema(GenerateJsonSchema):
        def field_title_should_be_set(self, schema: Any) -> bool:
            return False  # property titles would become stray named types in the TypeScript

        def typed_dict_schema(self, schema: Any) -> dict[str, Any]:
            out = super().typed_dict_schema(schema)
            out["additionalProperties"] = False
            return out

    body = TypeAdapter(_portable(events.Event, {})).json_schema(
        mode="serialization", schema_generator=EventSchema
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "RealtimeEvent",
        "description": "An event the server sends on /ws/videos/{id}/ (annotation/realtime/events.py).",
        **body,
    }


def _portable(hint: Any, memo: dict[Any, Any]) -> Any:
    """The same type with typing_extensions' TypedDict, which pydantic needs on Python < 3.12."""
    import typing_extensions

    if is_typeddict(hint):
        if hint not in memo:
            fields = {key: _portable(value, memo) for key, value in get_type_hints(hint).items()}
            portable = typing_extensions.TypedDict(hint.__name__, fields)  # type: ignore[misc]
            portable.__doc__ = hint.__doc__
            memo[hint] = portable
        return memo[hint]
    origin, args = get_origin(hint), get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_portable(arg, memo) for arg in args)]  # noqa: UP007 (built at run time)
    if origin is list:
        return list[_portable(args[0], memo)]  # type: ignore[misc]
    return hint


def event_schema_text() -> str:
    """The schema as the committed file holds it: two-space indent, final newline."""
    return json.dumps(event_schema(), indent=2) + "\n"


class Command(BaseCommand):
    help = "Write the JSON Schema of the realtime events (default: stdout)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", help="write here instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        text = event_schema_text()
        if options["file"]:
            Path(options["file"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
