"""Celery tasks of the inference workers. Each takes an id, loads, calls the worker bridge.

Queues: `interactive` (segment_prompt: a click answered synchronously), `batch` (propagation,
automatic masklets), `cpu` (recovery of dead workers' jobs; ingest and delivery live in
annotation/tasks.py). The model is loaded once per worker process: when a solo or threads worker
on a model queue is ready, else (prefork children) on first use, after the fork.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.db import transaction

from annotation.job_runner import JobContext, recover_orphaned_jobs, run_job
from annotation.models import FrameMask, Job, Masklet, Prompt
from annotation.models.masklets import MaskletOrigin, MaskletStatus, MaskSource
from annotation.services.masklets import (
    NewMask,
    frame_masks_store,
    mask_payload,
    masklet_create,
    prompts_in_force,
)
from inference.engine import masks as rle_utils
from inference.engine.base import AutoMaskParams, EngineError
from inference.engine.postprocess import postprocess_mask
from inference.worker import (
    PropagationPlan,
    StorageFrameSource,
    backend,
    click_sessions,
    lock_heartbeat,
    postprocess_params,
    propagate_into_db,
    segment_frame,
)

log = logging.getLogger(__name__)

MODEL_QUEUES = {"interactive", "batch"}


@shared_task(name="inference.tasks.segment_prompt", acks_late=False)
def segment_prompt(prompt_id: int) -> dict[str, Any]:
    """Segment one masklet on one frame from the clicks in force there; store and return the mask.

    The masklet's current mask on the frame guides the clicks (a correction refines what is
    there), unless this prompt starts over (`reset`). An engine error withdraws the prompt, so
    a click the model cannot use does not stay in force.
    """
    prompt = Prompt.objects.select_related("masklet__video__project", "user").filter(pk=prompt_id).first()
    if prompt is None:
        return {"error": "the prompt no longer exists (the masklet was deleted?)"}
    masklet = prompt.masklet
    video = masklet.video
    started = time.perf_counter()
    points, labels, box = prompts_in_force(masklet=masklet, frame=prompt.frame)
    current = None
    if not prompt.reset:
        row = FrameMask.objects.filter(masklet=masklet, frame=prompt.frame).values_list("version", "rle").first()
        current = None if row is None else (row[0], rle_utils.decode(row[1]))
    loaded = time.perf_counter()
    try:
        answer = segment_frame(
            video=video, object_id=masklet.pk, frame=prompt.frame, points=points, labels=labels, box=box, current=current
        )
    except EngineError as error:
        Prompt.objects.filter(pk=prompt.pk).delete()
        return {"error": str(error)}
    segmented = time.perf_counter()
    try:
        mask = postprocess_mask(answer.result.mask, postprocess_params(video))
        rle = rle_utils.encode(mask)
        score = round(float(answer.result.score), 4)
        encoded = time.perf_counter()
        with transaction.atomic():
            if not Masklet.objects.select_for_update().filter(pk=masklet.pk).exists():
                answer.session.close()
                return {"error": "the masklet was deleted"}
            stored = frame_masks_store(
                masklet=masklet,
                masks=[NewMask(frame=prompt.frame, rle=rle, source=MaskSource.PROMPT, score=score)],
                user=prompt.user,
                keep_user_edits=False,
            )
            Prompt.objects.filter(pk=prompt.pk).update(score=score)
    except BaseException:
        answer.session.close()
        raise
    click_sessions.keep((masklet.pk, prompt.frame), stored[0].version, answer.session)
    log.info(
        "click on masklet %s frame %s: read %.3f s, model %.3f s (features %s), post-process %.3f s, store %.3f s",
        masklet.pk, prompt.frame, loaded - started, segmented - loaded, answer.features, encoded - segmented,
        time.perf_counter() - encoded,
    )
    return {
        "frame": prompt.frame,
        "rle": rle,
        "score": score,
        "backend": backend().name,
        "image_features": answer.features,
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
        with lock_heartbeat(ctx):
            return propagate_into_db(video=job.video, plan=plan, ctx=ctx)

    return run_job(job_id, body, task_id=self.request.id, user_errors=(EngineError,))


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


@shared_task(name="inference.tasks.run_automasklets", bind=True, acks_late=True, reject_on_worker_lost=True)
def run_automasklets(self: Any, job_id: int) -> str:
    """SA-V data engine: automatic masks on a key frame, then propagation of each through the video.

    Masklets are created with origin auto and status needs_verification, in one transaction with
    the checkpoint that names them, so a resumed job never creates them twice.
    """

    def body(job: Job, ctx: JobContext) -> dict:
        with lock_heartbeat(ctx):
            return _automasklets(job, ctx)

    return run_job(job_id, body, task_id=self.request.id, user_errors=(EngineError,))


def _automasklets(job: Job, ctx: JobContext) -> dict:
    video = job.video
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
                )
                created.append(masklet.pk)
            checkpoint = {"masklets": created, "proposals": len(proposals)}
            ctx.progress(0.2, frame=key, checkpoint=checkpoint)
    created = checkpoint["masklets"]
    if not created:
        return {"masklets": [], "frames_stored": 0, "proposals": checkpoint.get("proposals", 0)}
    plan = PropagationPlan(
        masklet_ids=created, start_frame=key, directions=["forward", "backward"], max_frames=p.get("max_frames")
    )
    result = propagate_into_db(video=video, plan=plan, ctx=ctx, progress_span=(0.2, 1.0))
    return result | {"proposals": checkpoint.get("proposals", len(created))}


@shared_task(name="inference.tasks.recover_orphaned_jobs")
def recover_orphaned_jobs_task() -> list[int]:
    return recover_orphaned_jobs()


def _consumes_model_queues(consumer: Any) -> bool:
    try:
        names = {queue.name for queue in consumer.task_consumer.queues}
    except AttributeError:
        return True
    return bool(names & MODEL_QUEUES)


def preload_backend() -> None:
    """Load the model now rather than on the first click; a broken checkpoint only logs here
    (each task then fails with the checkpoint's message)."""
    try:
        loaded = backend()
    except EngineError as error:
        log.error("inference backend not loaded: %s", error)
        return
    log.info("inference backend ready: %s", loaded.label)


@worker_ready.connect
def _on_worker_ready(sender: Any = None, **kwargs: Any) -> None:
    """A worker that starts loads its model (solo/threads pools run tasks in this process) and
    looks for jobs whose worker died, once their lock has lapsed."""
    pool = type(getattr(sender, "pool", None)).__module__
    if _consumes_model_queues(sender) and not pool.endswith("prefork"):
        preload_backend()
    recover_orphaned_jobs_task.apply_async(countdown=settings.MASKLET["JOB_LOCK_TTL"] + 1, queue="cpu")
