"""Masklets of a video, their masks, and the prompts in force on a frame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from annotation.models import FrameMask, Masklet, Prompt, Video
from annotation.permissions import visible_projects
from annotation.selectors.base import get_or_404

if TYPE_CHECKING:
    from annotation.permissions import AnyUser


def masklets_of(video: Video) -> QuerySet[Masklet]:
    return Masklet.objects.filter(video=video).select_related("label")


def masklet_get(user: AnyUser, pk: Any) -> Masklet:
    return get_or_404(
        Masklet.objects.filter(video__project__in=visible_projects(user)).select_related("video", "video__project"),
        pk,
        "masklet",
    )


def mask_frames(masklet: Masklet) -> list[int]:
    """The annotated-frame indices on which the masklet has a stored mask, ascending."""
    return list(FrameMask.objects.filter(masklet=masklet).order_by("frame").values_list("frame", flat=True))


def masks_in_range(masklets: QuerySet[Masklet] | Masklet, start: int | None, end: int | None) -> QuerySet[FrameMask]:
    """Masks ordered by masklet then frame; `end` inclusive (annotated-frame indices)."""
    queryset = (
        FrameMask.objects.filter(masklet=masklets)
        if isinstance(masklets, Masklet)
        else FrameMask.objects.filter(masklet__in=masklets)
    )
    if start is not None:
        queryset = queryset.filter(frame__gte=start)
    if end is not None:
        queryset = queryset.filter(frame__lte=end)
    return queryset.order_by("masklet_id", "frame")


# MaskOut's fields, in its order, and the columns they are read from
_MASK_OUT = (("masklet", "masklet_id"), ("frame", "frame"), ("rle", "rle"), ("bbox", "bbox"), ("area", "area"),
             ("source", "source"), ("score", "score"), ("version", "version"), ("provenance", "provenance_id"))


def mask_rows_in_range(masklets: QuerySet[Masklet] | Masklet, start: int | None, end: int | None) -> list[dict[str, Any]]:
    """`masks_in_range` as the API answers it (MaskOut's fields, RLE and bbox as stored), read as
    plain rows without model instances or a serializer per mask: the workspace asks for windows of
    thousands (200 masklets x 32 frames), and its first paint waits for one."""
    names = [name for name, _ in _MASK_OUT]
    rows = masks_in_range(masklets, start, end).values_list(*(column for _, column in _MASK_OUT))
    return [dict(zip(names, row, strict=True)) for row in rows]


def prompts_in_force(*, masklet: Masklet, frame: int) -> tuple[list[list[float]], list[int], list[float] | None]:
    """The clicks (pixels of the original video, labels 1 object / 0 background) and box that
    define this masklet's mask on this frame: all since the last reset."""
    points: list[list[float]] = []
    labels: list[int] = []
    box: list[float] | None = None
    for prompt in Prompt.objects.filter(masklet=masklet, frame=frame).order_by("id"):
        if prompt.reset:
            points, labels, box = [], [], None
        points += prompt.points
        labels += prompt.labels
        if prompt.box is not None:
            box = prompt.box
    return points, labels, box
