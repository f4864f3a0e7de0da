"""Effort analytics computed from the interaction log (annotation/models/analytics.py).

Definitions (README "Effort analytics"):
- active seconds: per person, the gaps between consecutive interactions, each gap of 60 s or
  less counted to the later interaction's group; a longer gap is a pause and counts nothing;
- annotated frames: distinct (masklet, frame) pairs the group produced, by hand (a prompt or an
  edit on that frame) or by propagation (masks its propagation jobs wrote that still stand);
- clicks: prompt requests; corrections: prompts and edits on a masklet after the first one the
  scope saw on it; per masklet: over the masklets the group prompted or edited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from annotation.models import FrameMask, Interaction, Project
from annotation.models.analytics import InteractionKind
from annotation.models.masklets import MaskSource
from annotation.permissions import can_manage

if TYPE_CHECKING:
    from annotation.permissions import AnyUser

MAX_GAP_SECONDS = 60.0
GROUPS = ("annotator", "task", "day", "project")
HAND_KINDS = (InteractionKind.PROMPT, InteractionKind.EDIT)


@dataclass
class _Tally:
    label: str
    active_seconds: float = 0.0
    clicks: int = 0
    corrections: int = 0
    edits: int = 0
    propagations: int = 0
    hand: set[tuple[int, int]] = field(default_factory=set)
    propagated: set[tuple[int, int]] = field(default_factory=set)
    masklets: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class EffortRow:
    """One group's effort: `key` is a user id, task id (None: outside tasks), ISO day or project id."""

    key: int | str | None
    label: str
    active_seconds: float
    annotated_frames: int
    hand_frames: int
    propagated_frames: int
    clicks: int
    corrections: int
    edits: int
    propagations: int
    masklets: int
    clicks_per_masklet: float | None
    corrections_per_masklet: float | None
    seconds_per_frame: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ratio(numerator: float, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def _grouping(group: str, project: Project) -> Callable[[Mapping[str, Any]], tuple[Any, str]]:
    if group == "annotator":
        return lambda row: (row["user_id"], row["user__username"])
    if group == "task":
        return lambda row: (row["task_id"], f"task {row['task_id']}" if row["task_id"] else "outside tasks")
    if group == "day":
        return lambda row: (row["at"].astimezone(dt.UTC).date().isoformat(),) * 2
    if group == "project":
        return lambda row: (project.pk, project.name)
    raise ValueError(f"group must be one of {', '.join(GROUPS)}")


def effort_log(
    viewer: AnyUser, project: Project, since: dt.date | None = None, until: dt.date | None = None
) -> QuerySet[Interaction]:
    """The interactions of the project the viewer may analyse: all for a manager, else their own."""
    log = Interaction.objects.filter(project=project)
    if not can_manage(viewer, project):
        log = log.filter(user=viewer)
    if since is not None:
        log = log.filter(at__date__gte=since)
    if until is not None:
        log = log.filter(at__date__lte=until)
    return log


def effort_report(
    viewer: AnyUser, project: Project, *, group: str, since: dt.date | None = None, until: dt.date | None = None
) -> list[EffortRow]:
    """Effort per annotator, task, day (UTC) or for the project, from the log the viewer may see."""
    keyed = _grouping(group, project)
    rows = list(
        effort_log(viewer, project, since, until)
        .order_by("user_id", "at", "id")
        .values("user_id", "user__username", "task_id", "masklet_id", "job_id", "kind", "frame", "at")
    )
    return effort_sorted(_tally(rows, keyed))


def _tally(rows: Iterable[Mapping[str, Any]], keyed: Callable[[Mapping[str, Any]], tuple[Any, str]]) -> list[EffortRow]:
    tallies: dict[Any, _Tally] = {}
    job_keys: dict[int, Any] = {}
    touched: set[int] = set()  # masklets whose first prompt or edit the scope has seen
    previous: Mapping[str, Any] | None = None
    for row in rows:
        key, label = keyed(row)
        tally = tallies.setdefault(key, _Tally(label=label))
        if previous is not None and previous["user_id"] == row["user_id"]:
            gap = (row["at"] - previous["at"]).total_seconds()
            if gap <= MAX_GAP_SECONDS:
                tally.active_seconds += gap
        previous = row
        masklet, kind = row["masklet_id"], row["kind"]
        if kind == InteractionKind.PROMPT:
            tally.clicks += 1
        elif kind == InteractionKind.EDIT:
            tally.edits += 1
        elif kind == InteractionKind.PROPAGATE:
            tally.propagations += 1
            if row["job_id"] is not None:
                job_keys[row["job_id"]] = key
        if kind in HAND_KINDS and masklet is not None:
            tally.masklets.add(masklet)
            if row["frame"] is not None:
                tally.hand.add((masklet, row["frame"]))
            if masklet in touched:
                tally.corrections += 1
            touched.add(masklet)
    if job_keys:
        propagated = FrameMask.objects.filter(job_id__in=job_keys, source=MaskSource.PROPAGATED)
        for job_id, masklet, frame in propagated.values_list("job_id", "masklet_id", "frame"):
            tallies[job_keys[job_id]].propagated.add((masklet, frame))
    return [_row(key, tally) for key, tally in tallies.items()]


def _row(key: Any, tally: _Tally) -> EffortRow:
    annotated = len(tally.hand | tally.propagated)
    masklets = len(tally.masklets)
    return EffortRow(
        key=key,
        label=tally.label,
        active_seconds=round(tally.active_seconds, 3),
        annotated_frames=annotated,
        hand_frames=len(tally.hand),
        propagated_frames=len(tally.propagated - tally.hand),
        clicks=tally.clicks,
        corrections=tally.corrections,
        edits=tally.edits,
        propagations=tally.propagations,
        masklets=masklets,
        clicks_per_masklet=_ratio(tally.clicks, masklets),
        corrections_per_masklet=_ratio(tally.corrections, masklets),
        seconds_per_frame=_ratio(tally.active_seconds, annotated),
    )


def effort_sorted(rows: list[EffortRow]) -> list[EffortRow]:
    """Rows in a stable order: by key as text (days in date order), outside-task rows last."""
    return sorted(rows, key=lambda row: (row.key is None, str(row.key).zfill(12)))
