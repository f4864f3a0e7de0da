"""Automatic masklets (the SA-V data engine): proposals on key frames, each new one a masklet,
then propagated both ways through the video.

Key frames are the job's `key_frame`, then every `key_frame_every` frames either side of it
(0: the key frame only), in that order. On each key frame a proposal is kept only when it is new:
its mask IoU with every mask already on that frame (masklets made by hand or by earlier runs, and
what this job's earlier key frames propagated there) and with the proposals kept before it is at
most `dedup_iou`. So an object that enters after the first key frame is proposed from the next
key frame that sees it, an object already tracked is not proposed again, and a second run with
the same settings adds nothing. Each key frame's new masklets are propagated before the next key
frame is looked at, which is what lets that frame know what is already tracked.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

import maskcodec as rle_utils
from annotation.jobs.runner import JobContext
from annotation.models import FrameMask, Job, Video
from annotation.models.masklets import MaskletOrigin, MaskletStatus, MaskSource
from annotation.project_settings import AutomaskSettings
from annotation.services.masklets import NewMask, frame_masks_store, masklet_create
from inference.bridge.engine import backend, postprocess_params
from inference.bridge.frames import StorageFrameSource
from inference.bridge.propagation import propagate_into_db, propagation_plan
from inference.engine.base import AutoMaskParams
from inference.engine.dedupe import NoveltyFilter
from inference.engine.postprocess import postprocess_mask

# Keys the propagation of one key frame's masklets keeps in the job's checkpoint (propagation.py);
# cleared when that key frame is done so the next one starts afresh.
PROPAGATION_KEYS = ("forward", "backward", "done", "stored")


def auto_mask_params(params: dict[str, Any]) -> AutoMaskParams:
    """Engine parameters from a job's automask settings (project defaults merged with the request),
    read through the typed schema (annotation/project_settings.py).

    `points_per_side[i]` is the grid of crop layer i (SA-V: [32, 16, 4]); `crop_n_layers` cuts the
    list; areas are pixels of the key frame.
    """
    s = AutomaskSettings.model_validate({k: v for k, v in params.items() if k in AutomaskSettings.model_fields})
    return AutoMaskParams(
        grid_sizes=tuple(s.points_per_side[: s.crop_n_layers + 1]),
        pred_iou_thresh=s.pred_iou_thresh,
        stability_score_thresh=s.stability_score_thresh,
        box_nms_thresh=s.box_nms_thresh,
        min_area=s.min_mask_region_area,
        max_masks=None,  # `max_masklets` caps the new masklets, after de-duplication
    )


def key_frames(first: int, every: int, frame_count: int) -> list[int]:
    """`first`, then every `every` frames after it, then every `every` frames before it
    (0: `first` only)."""
    if every <= 0:
        return [first]
    after = list(range(first + every, frame_count, every))
    before = list(range(first - every, -1, -every))
    return [first, *after, *before]


def _tracked_on(video: Video, frame: int) -> list[dict[str, Any]]:
    """The masks already on `frame` of any masklet of the video (non-empty ones)."""
    return list(
        FrameMask.objects.filter(masklet__video=video, frame=frame, area__gt=0).values_list("rle", flat=True)
    )


def _propose(
    job: Job, ctx: JobContext, key: int, room: int, checkpoint: dict[str, Any], progress: float
) -> dict[str, Any]:
    """Proposals on key frame `key`; the new ones (at most `room`) become masklets, created in one
    transaction with the checkpoint naming them, so a resumed job never creates them twice."""
    video = job.video
    assert video is not None
    p = job.params
    proposals = backend().auto_masks(StorageFrameSource(video).read(key), auto_mask_params(p)) if room > 0 else []
    ctx.check_cancel()
    pp = postprocess_params(video)
    round_: dict[str, Any] = {"key": key, "proposals": len(proposals), "masklets": [], "dropped": 0, "unexamined": 0}
    with transaction.atomic():
        novelty = NoveltyFilter(_tracked_on(video, key), float(p["dedup_iou"]))
        for examined, proposal in enumerate(proposals):
            if len(round_["masklets"]) >= room:  # max_masklets reached: the rest is not looked at
                round_["unexamined"] = len(proposals) - examined
                break
            rle = rle_utils.encode(postprocess_mask(proposal.mask, pp))
            if not novelty.admit(rle):
                round_["dropped"] += 1  # already tracked there (or empty once cleaned up)
                continue
            masklet = masklet_create(
                video=video,
                user=job.created_by,
                origin=MaskletOrigin.AUTO,
                status=MaskletStatus.NEEDS_VERIFICATION,
                stability_scores={str(key): round(proposal.stability, 6)},  # type: ignore[arg-type]
            )
            frame_masks_store(
                masklet=masklet,
                masks=[NewMask(frame=key, rle=rle, source=MaskSource.AUTO, score=proposal.score)],
                job_id=job.pk,
                provenance_id=job.provenance_id,
            )
            round_["masklets"].append(masklet.pk)
        checkpoint = {**checkpoint, "rounds": [*checkpoint.get("rounds", []), round_]}
        ctx.progress(progress, frame=key, checkpoint=checkpoint)
    return round_


def _legacy_rounds(checkpoint: dict[str, Any], key: int) -> dict[str, Any]:
    """A checkpoint written before key frames (one key frame: {"masklets", "proposals"})."""
    if "masklets" in checkpoint and "rounds" not in checkpoint:
        rest = {k: v for k, v in checkpoint.items() if k not in ("masklets", "proposals")}
        return {**rest, "rounds": [{"key": key, "masklets": checkpoint["masklets"], "proposals": checkpoint.get("proposals", 0)}]}
    return checkpoint


def automasklets_job(job: Job, ctx: JobContext) -> dict[str, Any]:
    """The body of an automask job (see module docstring): per key frame, the new proposals
    become masklets (origin auto, status needs_verification) propagated both ways."""
    video = job.video
    assert video is not None  # an automask job always names its video
    p = job.params
    keys = key_frames(int(p["key_frame"]), int(p.get("key_frame_every") or 0), video.frame_count)
    bounds = p.get("frame_bounds")  # an annotator's task range: key frames and propagation stay inside
    if bounds is not None:
        keys = [k for k in keys if bounds[0] <= k <= bounds[1]] or keys[:1]
    checkpoint = _legacy_rounds(dict(job.checkpoint or {}), keys[0])
    share = 1.0 / len(keys)
    for number, key in enumerate(keys):
        if key in checkpoint.get("keys_done", []):
            continue
        round_ = next((r for r in checkpoint.get("rounds", []) if r["key"] == key), None)
        if round_ is None:
            room = int(p["max_masklets"]) - sum(len(r["masklets"]) for r in checkpoint.get("rounds", []))
            round_ = _propose(job, ctx, key, room, checkpoint, share * (number + 0.2))
            checkpoint = dict(job.checkpoint)
        stored = 0
        if round_["masklets"]:
            plan = propagation_plan(
                video=video, masklets=round_["masklets"], start_frame=key, direction="both", max_frames=p.get("max_frames"),
                frame_bounds=bounds,
            )
            span = (share * (number + 0.2), share * (number + 1))
            stored = int(propagate_into_db(video=video, plan=plan, ctx=ctx, progress_span=span)["frames_stored"])
            checkpoint = dict(job.checkpoint)
        checkpoint = {k: v for k, v in checkpoint.items() if k not in PROPAGATION_KEYS}
        checkpoint["keys_done"] = [*checkpoint.get("keys_done", []), key]
        checkpoint["frames_stored"] = int(checkpoint.get("frames_stored", 0)) + stored
        ctx.progress(share * (number + 1), frame=key, checkpoint=checkpoint)
    rounds = checkpoint.get("rounds", [])
    return {
        "masklets": [pk for r in rounds for pk in r["masklets"]],
        "frames_stored": int(checkpoint.get("frames_stored", 0)),
        "proposals": sum(int(r["proposals"]) for r in rounds),
        "key_frames": [
            {"frame": r["key"], "proposals": r["proposals"], "new": len(r["masklets"]),
             "dropped": r.get("dropped", 0), "unexamined": r.get("unexamined", 0)}
            for r in rounds
        ],
    }
