"""Masklets and their frame masks (optimistic concurrency by version); the prompt log is
written by services/prompts.py."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

import maskcodec
from annotation.models import FrameMask, InteractionKind, Label, Masklet, Video
from annotation.models.masklets import MaskletOrigin, MaskletStatus, MaskSource
from annotation.realtime.publish import publish
from annotation.services.attributes import attribute_values_clean, attribute_values_kept
from annotation.services.errors import Conflict, InvalidInput, VideoNotReady
from annotation.services.interactions import interaction_record

# Which status may follow which; anything else answers 409.
MASKLET_TRANSITIONS: dict[str, set[str]] = {
    MaskletStatus.DRAFT: {MaskletStatus.NEEDS_VERIFICATION, MaskletStatus.VERIFIED, MaskletStatus.REJECTED},
    MaskletStatus.NEEDS_VERIFICATION: {MaskletStatus.DRAFT, MaskletStatus.VERIFIED, MaskletStatus.REJECTED},
    MaskletStatus.VERIFIED: {MaskletStatus.DRAFT, MaskletStatus.REJECTED},
    MaskletStatus.REJECTED: {MaskletStatus.DRAFT, MaskletStatus.NEEDS_VERIFICATION, MaskletStatus.VERIFIED},
}


def _changed(masklet: Masklet, action: str) -> None:
    publish(
        {
            "type": "masklet.changed",
            "video": masklet.video_id,
            "masklet": masklet.pk,
            "action": action,  # type: ignore[typeddict-item]
            "version": masklet.version,
        }
    )


def _check_label(video: Video, label: Label | int | None) -> Label | None:
    if label is None:
        return None
    label_id = label if isinstance(label, int) else label.pk
    found = Label.objects.filter(project_id=video.project_id, pk=label_id).first()
    if found is None:
        raise InvalidInput(f"label {label_id} does not belong to this project")
    return found


@transaction.atomic
def masklet_create(
    *,
    video: Video,
    user: Any = None,
    label: Label | int | None = None,
    name: str = "",
    origin: str = MaskletOrigin.MANUAL,
    status: str = MaskletStatus.DRAFT,
    stability_scores: list | None = None,
    concept: str = "",
) -> Masklet:
    """Create a masklet with the next free number of its video (`concept`: the text prompt that
    proposed it)."""
    if not video.is_ready:
        raise VideoNotReady("the video is not ready yet: masklets can be added once it is processed")
    Video.objects.select_for_update().filter(pk=video.pk).first()  # serialise numbering
    number = (Masklet.objects.filter(video=video).aggregate(n=Max("number"))["n"] or 0) + 1
    masklet = Masklet.objects.create(
        video=video,
        label=_check_label(video, label),
        number=number,
        name=name or f"object {number}",
        origin=origin,
        status=status,
        created_by=user,
        stability_scores=stability_scores,
        concept=concept[:200],
    )
    _changed(masklet, "created")
    return masklet


@transaction.atomic
def masklet_update(*, masklet: Masklet, **fields: Any) -> Masklet:
    masklet = Masklet.objects.select_for_update().get(pk=masklet.pk)
    if "label" in fields:
        masklet.label = _check_label(masklet.video, fields["label"])
        # values of the old label's attributes stay only where the new label has them too
        masklet.attributes = attribute_values_kept(masklet.label.attributes if masklet.label else [], masklet.attributes)
    if "name" in fields:
        masklet.name = fields["name"]
    if "attributes" in fields:
        schema = masklet.label.attributes if masklet.label else []
        masklet.attributes = {**masklet.attributes, **attribute_values_clean(schema, fields["attributes"])}
    masklet.version += 1
    masklet.save()
    _changed(masklet, "updated")
    return masklet


@transaction.atomic
def masklet_set_status(*, masklet: Masklet, status: str, user: Any, comment: str = "") -> Masklet:
    """Move a masklet through its statuses; rejecting needs a reason."""
    masklet = Masklet.objects.select_for_update().get(pk=masklet.pk)
    if status not in MaskletStatus.values:
        raise InvalidInput(f"status must be one of {', '.join(MaskletStatus.values)}")
    if status not in MASKLET_TRANSITIONS[masklet.status]:
        raise Conflict(f"a {masklet.status} masklet cannot become {status}")
    if status == MaskletStatus.REJECTED and not comment.strip():
        raise InvalidInput("say why the masklet is rejected (comment)")
    masklet.status = status
    if status in (MaskletStatus.VERIFIED, MaskletStatus.REJECTED):
        masklet.reviewed_by = user
        masklet.review_comment = comment
    masklet.version += 1
    masklet.save()
    _changed(masklet, "updated")
    publish({"type": "review.changed", "video": masklet.video_id, "issue": None, "task": None, "masklet": masklet.pk})
    return masklet


@transaction.atomic
def masklet_delete(*, masklet: Masklet) -> None:
    video_id, masklet_id, version = masklet.video_id, masklet.pk, masklet.version
    masklet.delete()
    publish({"type": "masklet.changed", "video": video_id, "masklet": masklet_id, "action": "deleted", "version": version})


def check_frame(video: Video, frame: int) -> None:
    """Refuse a frame outside the video (annotated-frame index)."""
    if not 0 <= frame < video.frame_count:
        raise InvalidInput(f"frame must be between 0 and {video.frame_count - 1}")


def _check_rle(video: Video, rle: Any) -> maskcodec.RLE:
    try:
        checked = maskcodec.validate(rle)
    except maskcodec.RLEError as error:
        raise InvalidInput(str(error)) from error
    if checked["size"] != [video.height, video.width]:
        raise InvalidInput(
            f"mask size {checked['size']} does not match the video's [height, width] = [{video.height}, {video.width}]"
        )
    return checked


def _mask_event(masklet_id: int, video_id: int, masks: list[FrameMask], source: str, user: Any) -> None:
    publish(
        {
            "type": "mask.updated",
            "video": video_id,
            "masklet": masklet_id,
            "frames": [m.frame for m in masks],
            "versions": [m.version for m in masks],
            "areas": [m.area for m in masks],
            "source": source,
            "user": getattr(user, "pk", None),
        }
    )


@transaction.atomic
def frame_mask_put(
    *, masklet: Masklet, frame: int, rle: Any, version: int | None, user: Any, source: str = MaskSource.EDITED
) -> FrameMask:
    """Store a brush/eraser edit. `version` is the version the editor saw (0 or None: no mask yet).

    A stale version raises Conflict carrying the current mask, and changes nothing.
    """
    video = masklet.video
    check_frame(video, frame)
    checked = _check_rle(video, rle)
    current = FrameMask.objects.select_for_update().filter(masklet=masklet, frame=frame).first()
    seen = version or 0
    if (current.version if current else 0) != seen:
        raise Conflict(
            "someone changed this mask since you loaded it",
            extra={"current": mask_payload(current) if current else None},
        )
    if current is None:
        current = FrameMask(masklet=masklet, frame=frame, version=0)
    current.rle = checked
    current.area = maskcodec.area(checked)
    current.bbox = maskcodec.bbox(checked)
    current.source = source
    current.version += 1
    current.updated_by = user
    current.job = None
    current.provenance = None  # a person's edit: no model produced it
    try:
        with transaction.atomic():  # savepoint: the race below must not break the outer transaction
            current.save()
    except IntegrityError:
        # Another editor created this frame's mask after our read (no row to lock then): stale too.
        winner = FrameMask.objects.get(masklet=masklet, frame=frame)
        raise Conflict(
            "someone changed this mask since you loaded it", extra={"current": mask_payload(winner)}
        ) from None
    interaction_record(user=user, video=video, kind=InteractionKind.EDIT, frame=frame, masklet=masklet)
    _mask_event(masklet.pk, video.pk, [current], source, user)
    from annotation.services.quality import masklet_frames_changed  # imports job services

    masklet_frames_changed(masklet_id=masklet.pk, video_id=video.pk, frames=[frame])
    return current


def mask_payload(mask: FrameMask) -> dict[str, Any]:
    return {
        "masklet": mask.masklet_id,
        "frame": mask.frame,
        "rle": mask.rle,
        "bbox": mask.bbox,
        "area": mask.area,
        "source": mask.source,
        "version": mask.version,
        "provenance": mask.provenance_id,
    }


@dataclass(frozen=True)
class NewMask:
    """A mask produced by a worker, an import or an automatic proposal."""

    frame: int
    rle: maskcodec.RLE
    source: str
    score: float | None = None


@transaction.atomic
def frame_masks_store(
    *,
    masklet: Masklet,
    masks: Iterable[NewMask],
    user: Any = None,
    job_id: int | None = None,
    keep_user_edits: bool = True,
    provenance_id: int | None = None,
) -> list[FrameMask]:
    """Upsert a batch of masks of one masklet in one transaction (idempotent per frame).

    With `keep_user_edits`, frames holding a prompt or an edit are left as they are: a person's
    correction outranks propagation. `provenance_id` names the model that produced the masks
    (services/provenance.py); None for a person's edit or an import.
    """
    masks = list(masks)
    if not masks:
        return []
    existing = {
        m.frame: m
        for m in FrameMask.objects.select_for_update().filter(masklet=masklet, frame__in=[n.frame for n in masks])
    }
    to_create: list[FrameMask] = []
    to_update: list[FrameMask] = []
    for new in masks:
        current = existing.get(new.frame)
        if current is not None and keep_user_edits and current.source in (MaskSource.PROMPT, MaskSource.EDITED):
            continue
        fields = {
            "rle": new.rle,
            "area": maskcodec.area(new.rle),
            "bbox": maskcodec.bbox(new.rle),
            "source": new.source,
            "score": new.score,
            "job_id": job_id,
            "provenance_id": provenance_id,
            "updated_by": user,
        }
        if current is None:
            to_create.append(FrameMask(masklet=masklet, frame=new.frame, version=1, **fields))
        else:
            for key, value in fields.items():
                setattr(current, key, value)
            current.version += 1
            current.updated_at = timezone.now()  # bulk_update skips auto_now
            to_update.append(current)
    FrameMask.objects.bulk_create(to_create)
    FrameMask.objects.bulk_update(
        to_update,
        ["rle", "area", "bbox", "source", "score", "job_id", "provenance_id", "updated_by", "version", "updated_at"],
    )
    stored = sorted(to_create + to_update, key=lambda m: m.frame)
    if stored:
        _mask_event(masklet.pk, masklet.video_id, stored, stored[0].source, user)
    return stored


