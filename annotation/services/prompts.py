"""The prompt log: clicks and boxes as people give them, and the answers workers store for them.

A prompt stays in force on its frame until a later prompt there starts over (`reset`); the
inference bridge reads them all to segment the frame, stores the mask and the model's score
with `prompt_answer_store`, and withdraws a click the model could not use.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from annotation.models import FrameMask, InteractionKind, Masklet, Prompt
from annotation.models.masklets import MaskSource
from annotation.services.errors import InvalidInput
from annotation.services.interactions import interaction_record
from annotation.services.masklets import NewMask, check_frame, frame_masks_store
from annotation.services.quality import masklet_frames_changed
from maskcodec import RLE


@transaction.atomic
def prompt_record(
    *,
    masklet: Masklet,
    frame: int,
    user: Any,
    points: list[list[float]] | None = None,
    labels: list[int] | None = None,
    box: list[float] | None = None,
    reset: bool = False,
) -> Prompt:
    """Validate and log a click or box on a frame (coordinates in original-video pixels)."""
    video = masklet.video
    check_frame(video, frame)
    points = points or []
    labels = labels or []
    if not points and box is None:
        raise InvalidInput("give points with labels, a box, or both")
    if len(points) != len(labels):
        raise InvalidInput("points and labels must have the same length")
    if any(label not in (0, 1) for label in labels):
        raise InvalidInput("labels must be 1 (object) or 0 (background)")
    for x, y in points:
        if not (0 <= x < video.width and 0 <= y < video.height):
            raise InvalidInput(f"point ({x}, {y}) lies outside the {video.width}x{video.height} frame")
    if box is not None:
        x0, y0, x1, y1 = box
        if not (0 <= x0 < x1 <= video.width and 0 <= y0 < y1 <= video.height):
            raise InvalidInput("box must be [x0, y0, x1, y1] with x0 < x1, y0 < y1 inside the frame")
    prompt = Prompt.objects.create(
        masklet=masklet, frame=frame, points=points, labels=labels, box=box, reset=reset, user=user
    )
    interaction_record(user=user, video=video, kind=InteractionKind.PROMPT, frame=frame, masklet=masklet)
    return prompt


@transaction.atomic
def prompt_answer_store(
    *, prompt: Prompt, rle: RLE, score: float, provenance_id: int | None = None
) -> FrameMask | None:
    """Store a worker's answer to a click: the mask on the prompt's frame (source "prompt",
    replacing whatever was there, edits included, since the click refines it) and the model's
    score on the prompt, in one transaction.

    `rle` is COCO compressed RLE (column-major) of the original video's size; `provenance_id`
    names the model that answered (services/provenance.py). Returns the stored
    mask, or None when the masklet was deleted meanwhile (then nothing is stored).
    """
    if not Masklet.objects.select_for_update().filter(pk=prompt.masklet_id).exists():
        return None
    stored = frame_masks_store(
        masklet=prompt.masklet,
        masks=[NewMask(frame=prompt.frame, rle=rle, source=MaskSource.PROMPT, score=score)],
        user=prompt.user,
        keep_user_edits=False,
        provenance_id=provenance_id,
    )
    Prompt.objects.filter(pk=prompt.pk).update(score=score)
    masklet_frames_changed(
        masklet_id=prompt.masklet_id, video_id=prompt.masklet.video_id, frames=[prompt.frame]
    )
    return stored[0]


@transaction.atomic
def prompt_withdraw(*, prompt_id: int, unanswered_only: bool = False) -> None:
    """Delete a prompt so it no longer weighs on its frame's next click: the model could not use
    it, or no worker answered it. With `unanswered_only`, a prompt that got its answer (a score)
    stays: the answer may have arrived after the caller stopped waiting."""
    prompts = Prompt.objects.filter(pk=prompt_id)
    if unanswered_only:
        prompts = prompts.filter(score__isnull=True)
    prompts.delete()
