"""Celery tasks of the inference workers. Each takes an id, loads, calls the worker bridge.

Queues: `interactive` (segment_prompt: a click answered synchronously), `batch` (propagation,
automatic masklets). The model is loaded once per worker process, on first use after fork.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from celery.signals import worker_ready
from django.db import transaction

from annotation.job_runner import JobContext, recover_orphaned_jobs, run_job
from annotation.models import Job, Masklet, Prompt
from annotation.models.masklets import MaskletOrigin, MaskletStatus, MaskSource
from annotation.services.masklets import NewMask, frame_masks_store, mask_payload, masklet_create, prompts_in_force
from inference.engine import masks as rle_utils
from inference.engine.base import AutoMaskParams, EngineError
from inference.engine.postprocess import postprocess_mask
from inference.worker import (
    PropagationPlan,
    StorageFrameSource,
    backend,
    interactive_sessions,
    postprocess_params,
    propagate_into_db,
)

log = logging.getLogger(__name__)


@shared_task(name="inference.tasks.segment_prompt", acks_late=False)
def segment_prompt(prompt_id: int) -> dict[str, Any]:
    """Segment one masklet on one frame from the clicks in force there; store and return the mask."""
    prompt = Prompt.objects.select_related("masklet__video__project").filter(pk=prompt_id).first()
    if prompt is None:
        return {"error": "the prompt no longer exists"}
    masklet = prompt.masklet
    video = masklet.video
    points, labels, box = prompts_in_force(masklet=masklet, frame=prompt.frame)
    try:
        with interactive_sessions.lock:
            session = interactive_sessions.get(video)
            result = session.add_points(masklet.pk, prompt.frame, points or None, labels or None, box, clear_old=True)
    except EngineError as error:
        return {"error": str(error)}
    mask = postprocess_mask(result.mask, postprocess_params(video))
    rle = rle_utils.encode(mask)
    with transaction.atomic():
        stored = frame_masks_store(
            masklet=masklet,
            masks=[NewMask(frame=prompt.frame, rle=rle, source=MaskSource.PROMPT, score=result.score)],
            user=prompt.user,
            keep_user_edits=False,
        )
        Prompt.objects.filter(pk=prompt.pk).update(score=result.score)
    return {
        "frame": prompt.frame,
        "rle": rle,
        "score": round(float(result.score), 4),
        "backend": backend().name,
        "mask": mask_payload(stored[0]),
    }


@shared_task(name="inference.tasks.run_propagation", bind=True, acks_late=True, reject_on_worker_lost=True)
def run_propagation(self: Any, job_id: int) -> str:
    def body(job: Job, ctx: JobContext) -> dict:
        p = job.params
        directions = ["forward", "backward"] if p["direction"] == "both" else [p["direction"]]
        plan = PropagationPlan(
            masklet_ids=p["masklets"], start_frame=p["start_frame"], directions=directions, max_frames=p["max_frames"]
        )
        return propagate_into_db(video=job.video, plan=plan, ctx=ctx)

    return run_job(job_id, body, task_id=self.request.id, user_errors=(EngineError,))


def _auto_params(params: dict[str, Any], frame_pixels: int) -> AutoMaskParams:
    return AutoMaskParams(
        grid_sizes=tuple(int(g) for g in params["points_per_side"][: int(params["crop_n_layers"]) + 1]),
        pred_iou_thresh=float(params["pred_iou_thresh"]),
        stability_score_thresh=float(params["stability_score_thresh"]),
        box_nms_thresh=float(params["box_nms_thresh"]),
        min_area=int(params["min_mask_region_area"]),
        max_masks=int(params["max_masklets"]),
    )


@shared_task(name="inference.tasks.run_automasklets", bind=True, acks_late=True, reject_on_worker_lost=True)
def run_automasklets(self: Any, job_id: int) -> str:
    """SA-V data engine: automatic masks on a key frame, then propagation of each through the video."""

    def body(job: Job, ctx: JobContext) -> dict:
        video = job.video
        p = job.params
        key = int(p["key_frame"])
        checkpoint = dict(job.checkpoint or {})
        if "masklets" not in checkpoint:
            frames = StorageFrameSource(video)
            proposals = backend().auto_masks(frames.read(key), _auto_params(p, frames.height * frames.width))
            ctx.check_cancel()
            pp = postprocess_params(video)
            with transaction.atomic():
                created = []
                for proposal in proposals[: int(p["max_masklets"])]:
                    mask = postprocess_mask(proposal.mask, pp)
                    if not mask.any():
                        continue
                    masklet = masklet_create(
                        video=video, user=job.created_by, origin=MaskletOrigin.AUTO, status=MaskletStatus.NEEDS_VERIFICATION
                    )
                    Masklet.objects.filter(pk=masklet.pk).update(stability_scores={str(key): round(proposal.stability, 6)})
                    frame_masks_store(
                        masklet=masklet,
                        masks=[NewMask(frame=key, rle=rle_utils.encode(mask), source=MaskSource.AUTO, score=proposal.score)],
                        job_id=job.pk,
                    )
                    created.append(masklet.pk)
                checkpoint = {"masklets": created}
                ctx.progress(0.2, frame=key, checkpoint=checkpoint)
        created = checkpoint["masklets"]
        if not created:
            return {"masklets": [], "frames_stored": 0}
        plan = PropagationPlan(
            masklet_ids=created, start_frame=key, directions=["forward", "backward"], max_frames=p.get("max_frames")
        )
        result = propagate_into_db(video=video, plan=plan, ctx=ctx, progress_span=(0.2, 1.0))
        return result

    return run_job(job_id, body, task_id=self.request.id, user_errors=(EngineError,))


@shared_task(name="inference.tasks.recover_orphaned_jobs")
def recover_orphaned_jobs_task() -> list[int]:
    return recover_orphaned_jobs()


@worker_ready.connect
def _recover_after_start(sender: Any = None, **kwargs: Any) -> None:
    """A worker that starts looks for jobs whose worker died, once their lock has lapsed."""
    from django.conf import settings

    recover_orphaned_jobs_task.apply_async(countdown=settings.MASKLET["JOB_LOCK_TTL"] + 1, queue="cpu")
