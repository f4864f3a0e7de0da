"""Automatic masklets (the SA-V data engine): proposals on a key frame, each a new masklet,
then propagated both ways through the video."""

from __future__ import annotations

from typing import Any

from django.db import transaction

import maskcodec as rle_utils
from annotation.jobs.runner import JobContext
from annotation.models import Job
from annotation.models.masklets import MaskletOrigin, MaskletStatus, MaskSource
from annotation.services.masklets import NewMask, frame_masks_store, masklet_create
from inference.bridge.engine import backend, postprocess_params
from inference.bridge.frames import StorageFrameSource
from inference.bridge.propagation import propagate_into_db, propagation_plan
from inference.engine.base import AutoMaskParams
from inference.engine.postprocess import postprocess_mask


def auto_mask_params(params: dict[str, Any]) -> AutoMaskParams:
    """Engine parameters from a job's automask settings (project defaults merged with the request).

    `points_per_side[i]` is the grid of crop layer i (SA-V: [32, 16, 4]); `crop_n_layers` cuts the
    list; areas are pixels of the key frame.
    """
    layers = int(params.get("crop_n_layers", len(params["points_per_side"]) - 1))
    return AutoMaskParams(
        grid_sizes=tuple(int(g) for g in params["points_per_side"][: layers + 1]),
        pred_iou_thresh=float(params["pred_iou_thresh"]),
        stability_score_thresh=float(params["stability_score_thresh"]),
        box_nms_thresh=float(params["box_nms_thresh"]),
        min_area=int(params["min_mask_region_area"]),
        max_masks=int(params["max_masklets"]),
    )


def automasklets_job(job: Job, ctx: JobContext) -> dict[str, Any]:
    """The body of an automask job: automatic masks on the job's key frame, each a new masklet
    (origin auto, status needs_verification), then propagated both ways through the video.

    The masklets are created in one transaction with the checkpoint that names them, so a
    resumed job never creates them twice and carries on with their propagation.
    """
    video = job.video
    assert video is not None  # an automask job always names its video
    p = job.params
    key = int(p["key_frame"])
    checkpoint = dict(job.checkpoint or {})
    if "masklets" not in checkpoint:
        frames = StorageFrameSource(video)
        proposals = backend().auto_masks(frames.read(key), auto_mask_params(p))
        ctx.check_cancel()
        pp = postprocess_params(video)
        created = []
        with transaction.atomic():
            for proposal in proposals[: int(p["max_masklets"])]:
                mask = postprocess_mask(proposal.mask, pp)
                if not mask.any():
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
                    masks=[NewMask(frame=key, rle=rle_utils.encode(mask), source=MaskSource.AUTO, score=proposal.score)],
                    job_id=job.pk,
                    provenance_id=job.provenance_id,
                )
                created.append(masklet.pk)
            checkpoint = {"masklets": created, "proposals": len(proposals)}
            ctx.progress(0.2, frame=key, checkpoint=checkpoint)
    created = checkpoint["masklets"]
    if not created:
        return {"masklets": [], "frames_stored": 0, "proposals": checkpoint.get("proposals", 0)}
    plan = propagation_plan(
        video=video, masklets=created, start_frame=key, direction="both", max_frames=p.get("max_frames")
    )
    result = propagate_into_db(video=video, plan=plan, ctx=ctx, progress_span=(0.2, 1.0))
    return result | {"proposals": checkpoint.get("proposals", len(created))}
