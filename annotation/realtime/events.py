"""One typed schema per realtime event (README.md, Realtime), and a checker for tests."""

from __future__ import annotations

from typing import Any, Literal, TypedDict, get_args, get_type_hints


class PresenceUser(TypedDict):
    id: int
    username: str
    frame: int | None


class PresenceEvent(TypedDict):
    type: Literal["presence"]
    video: int
    users: list[PresenceUser]


class MaskUpdatedEvent(TypedDict):
    type: Literal["mask.updated"]
    video: int
    masklet: int
    frames: list[int]
    versions: list[int]
    areas: list[int]  # pixels of each frame's mask, so a timeline can update without a refetch
    source: Literal["prompt", "propagated", "auto", "edited", "imported"]  # models.MaskSource
    user: int | None


class MaskletChangedEvent(TypedDict):
    type: Literal["masklet.changed"]
    video: int
    masklet: int
    action: Literal["created", "updated", "deleted"]
    version: int


class JobProgressEvent(TypedDict):
    type: Literal["job.progress"]
    video: int
    job: int
    kind: str
    progress: float
    frame: int | None


class JobFinishedEvent(TypedDict):
    type: Literal["job.finished"]
    video: int
    job: int
    kind: str
    status: str
    error: str


class ReviewChangedEvent(TypedDict):
    type: Literal["review.changed"]
    video: int
    issue: int | None
    task: int | None
    masklet: int | None


class QAUpdatedEvent(TypedDict):
    """The video's automated QA flags changed (a QA run, or an edit that cleared some): `flags`
    is how many the video has now; GET /api/videos/{id}/qa-flags/ lists them."""

    type: Literal["qa.updated"]
    video: int
    flags: int


class VideoChangedEvent(TypedDict):
    type: Literal["video.changed"]
    video: int
    status: str


class MembershipChangedEvent(TypedDict):
    """The socket's user still belongs to the video's project, now with `role` (a user removed
    from the project is not told: their socket closes with 4403)."""

    type: Literal["membership.changed"]
    video: int
    project: int
    role: Literal["manager", "annotator", "reviewer"]


class ErrorEvent(TypedDict):
    """The answer to a client message the server cannot take (malformed, too large, too many, or
    failing); the connection stays open. Sent to that socket only, never broadcast."""

    type: Literal["error"]
    detail: str


# Published to everyone watching a video (annotation.realtime.publish).
VideoEvent = (
    PresenceEvent
    | MaskUpdatedEvent
    | MaskletChangedEvent
    | JobProgressEvent
    | JobFinishedEvent
    | ReviewChangedEvent
    | QAUpdatedEvent
    | VideoChangedEvent
)

# Everything a socket receives: the video's events, and those meant for that socket alone.
Event = VideoEvent | MembershipChangedEvent | ErrorEvent

SCHEMAS: dict[str, type] = {
    get_args(get_type_hints(cls)["type"])[0]: cls
    for cls in (
        PresenceEvent,
        MaskUpdatedEvent,
        MaskletChangedEvent,
        JobProgressEvent,
        JobFinishedEvent,
        ReviewChangedEvent,
        QAUpdatedEvent,
        VideoChangedEvent,
        MembershipChangedEvent,
        ErrorEvent,
    )
}


def check_event(event: dict[str, Any]) -> None:
    """Raise ValueError unless `event` matches its type's schema exactly (keys and value types)."""
    schema = SCHEMAS.get(event.get("type", ""))
    if schema is None:
        raise ValueError(f"unknown event type {event.get('type')!r}")
    hints = get_type_hints(schema)
    if set(event) != set(hints):
        raise ValueError(f"{event['type']}: keys {sorted(event)} != {sorted(hints)}")
    for key, hint in hints.items():
        if not _matches(event[key], hint):
            raise ValueError(f"{event['type']}.{key}: {event[key]!r} is not {hint}")


def _matches(value: Any, hint: Any) -> bool:
    origin = getattr(hint, "__origin__", None)
    args = get_args(hint)
    if origin is Literal:
        return value in args
    if origin is list:
        return isinstance(value, list) and all(_matches(v, args[0]) for v in value)
    if args and origin is None or type(hint).__name__ == "UnionType":
        return any(_matches(value, a) for a in args)
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type) and hasattr(hint, "__annotations__") and issubclass(hint, dict):
        sub = get_type_hints(hint)
        return isinstance(value, dict) and set(value) == set(sub) and all(_matches(value[k], sub[k]) for k in sub)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True
