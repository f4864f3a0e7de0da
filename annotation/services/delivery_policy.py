"""What an export may hold: the project's delivery policy, then the export's own filters.

Policies (project setting `delivery.policy`):

- "verified_or_accepted" (default): verified masklets whole, and, of the other masklets, the
  frames inside tasks a reviewer accepted. Never pending proposals (automatic masklets nobody
  verified), never rejected masklets.
- "verified": verified masklets only.
- "not_rejected": every masklet except rejected ones and pending proposals (drafts included).

Filters narrow that further: masklet status, label, task state (only frames inside tasks in one
of those states) and an annotated-frame range. A masklet left without any frame mask by a frame
restriction (a task or the range) is left out; with no frame restriction, a masklet the policy
takes is exported even when it has no masks yet (as before).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q

from annotation.models import FrameMask, Masklet, Project, Task, Video
from annotation.models.masklets import PROPOSAL_ORIGINS, MaskletStatus
from annotation.models.tasks import TaskState
from annotation.selectors.projects import project_settings
from annotation.services.errors import InvalidInput

POLICIES: tuple[str, ...] = ("verified_or_accepted", "verified", "not_rejected")
DEFAULT_POLICY = "verified_or_accepted"
STATUSES: tuple[str, ...] = tuple(MaskletStatus.values)
TASK_STATES: tuple[str, ...] = tuple(TaskState.values)


def project_policy(project: Project) -> str:
    """The project's delivery policy (typed project settings: annotation/project_settings.py)."""
    return project_settings(project).delivery.policy


def filters_check(filters: dict[str, Any]) -> dict[str, Any]:
    """The export filters, checked and normalised (sorted lists, frames as given or None)."""
    statuses = sorted(set(filters.get("statuses") or []))
    bad = set(statuses) - set(STATUSES)
    if bad:
        raise InvalidInput(f"unknown masklet statuses {sorted(bad)}; use {', '.join(STATUSES)}")
    states = sorted(set(filters.get("task_states") or []))
    bad = set(states) - set(TASK_STATES)
    if bad:
        raise InvalidInput(f"unknown task states {sorted(bad)}; use {', '.join(TASK_STATES)}")
    start, end = filters.get("frame_start"), filters.get("frame_end")
    if start is not None and start < 0 or end is not None and end < 0:
        raise InvalidInput("frame_start and frame_end must be 0 or more")
    if start is not None and end is not None and end < start:
        raise InvalidInput("frame_end must not be before frame_start")
    return {"statuses": statuses, "task_states": states, "frame_start": start, "frame_end": end}


def _ranges_q(tasks: list[Task]) -> Q:
    """Frames inside any of the tasks' ranges (none: no frame)."""
    q = Q(frame__lt=0)  # no frame: frames are never negative
    for task in tasks:
        part = Q(frame__gte=task.frame_start)
        if task.frame_end is not None:
            part &= Q(frame__lte=task.frame_end)
        q |= part
    return q


@dataclass
class Selection:
    """What of one video an export holds: the masklets, and which of their frame masks."""

    masklets: list[Masklet]
    masks: Q  # over FrameMask: the frame masks of `masklets` to export

    def frame_masks(self) -> Any:
        return FrameMask.objects.filter(self.masks, masklet__in=[m.pk for m in self.masklets])


def video_selection(video: Video, params: dict[str, Any]) -> Selection:
    """The masklets and frame masks of `video` that the job's policy and filters let through."""
    policy = params.get("policy", DEFAULT_POLICY)
    filters = params.get("filters") or {}
    masklets = Masklet.objects.filter(video=video).exclude(status=MaskletStatus.REJECTED)
    # A pending proposal: an automatic or concept masklet nobody verified.
    masklets = masklets.exclude(Q(origin__in=PROPOSAL_ORIGINS) & ~Q(status=MaskletStatus.VERIFIED))
    if params.get("only_verified") or policy == "verified":
        masklets = masklets.filter(status=MaskletStatus.VERIFIED)
    if filters.get("statuses"):
        masklets = masklets.filter(status__in=filters["statuses"])
    if params.get("labels"):
        masklets = masklets.filter(label_id__in=params["labels"])

    restricted = False
    frames = Q()
    if filters.get("frame_start") is not None:
        frames &= Q(frame__gte=filters["frame_start"])
        restricted = True
    if filters.get("frame_end") is not None:
        frames &= Q(frame__lte=filters["frame_end"])
        restricted = True
    if filters.get("task_states"):
        tasks = list(Task.objects.filter(video=video, state__in=filters["task_states"]))
        frames &= _ranges_q(tasks)
        restricted = True
    if policy == "verified_or_accepted":
        accepted = list(Task.objects.filter(video=video, state=TaskState.ACCEPTED))
        masks = frames & (Q(masklet__status=MaskletStatus.VERIFIED) | _ranges_q(accepted))
    else:
        masks = frames
    has_masks = Exists(FrameMask.objects.filter(masks, masklet=OuterRef("pk")))
    if restricted:
        chosen = masklets.filter(has_masks)
    elif policy == "verified_or_accepted":
        chosen = masklets.filter(Q(status=MaskletStatus.VERIFIED) | Q(has_masks))
    else:
        chosen = masklets
    return Selection(list(chosen.select_related("label").order_by("number")), masks)
