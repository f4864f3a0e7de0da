"""Propagation: a plan (which masklets, from which frame, which way, how far, with which
clean-up) and its masks stored in batches, each batch in one transaction with the job's
checkpoint, so a killed worker's job resumes from the last stored frame."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Q

import maskcodec as rle_utils
from annotation.jobs.runner import JobCancelled, JobContext
from annotation.models import FrameMask, Job, Masklet, Video
from annotation.models.masklets import USER_SOURCES, MaskSource
from annotation.services.masklets import NewMask, frame_masks_store
from inference.bridge.engine import backend, postprocess_params
from inference.bridge.frames import StorageFrameSource
from inference.engine.base import EngineError, FrameMasks, Session
from inference.engine.postprocess import PostprocessParams, postprocess_mask

log = logging.getLogger(__name__)

# The engine's directions for each direction a propagation request may name.
DIRECTIONS: dict[str, tuple[str, ...]] = {
    "forward": ("forward",),
    "backward": ("backward",),
    "both": ("forward", "backward"),
}


@dataclass(frozen=True)
class PropagationPlan:
    """What one propagation does. Frames are annotated-frame indices; masks are cleaned up with
    `postprocess` (pixels) and stored `batch_size` frames per transaction."""

    masklet_ids: list[int]  # sorted, without repeats
    start_frame: int
    directions: tuple[str, ...]  # "forward" and/or "backward", in that order
    max_frames: int | None  # per direction, counting the start frame; None = to the end
    postprocess: PostprocessParams
    batch_size: int
    source: str = MaskSource.PROPAGATED

    def end_frame(self, direction: str, frame_count: int) -> int:
        """The last frame this plan reaches in `direction` in a video of `frame_count` frames."""
        span = (self.max_frames or frame_count) - 1
        if direction == "forward":
            return min(frame_count - 1, self.start_frame + span)
        return max(0, self.start_frame - span)


def propagation_plan(
    *, video: Video, masklets: list[int], start_frame: int, direction: str, max_frames: int | None
) -> PropagationPlan:
    """The one place a propagation's plan is made: from a propagate job's params and for the
    masklets an automask job created. `direction` is "forward", "backward" or "both"; the
    clean-up is the project's and the batch size the deployment's (MASKLET["MASK_BATCH_SIZE"])."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    return PropagationPlan(
        masklet_ids=sorted(set(masklets)),
        start_frame=int(start_frame),
        directions=DIRECTIONS[direction],
        max_frames=max_frames,
        postprocess=postprocess_params(video),
        batch_size=max(1, int(settings.MASKLET["MASK_BATCH_SIZE"])),
    )


def propagation_job(job: Job, ctx: JobContext) -> dict[str, Any]:
    """The body of a propagate job: its plan from the params `propagation_start` stored."""
    p = job.params
    video = job.video
    assert video is not None  # a propagate job always names its video
    plan = propagation_plan(
        video=video,
        masklets=p["masklets"],
        start_frame=p["start_frame"],
        direction=p["direction"],
        max_frames=p["max_frames"],
    )
    return propagate_into_db(video=video, plan=plan, ctx=ctx)


class _Progress:
    """Where a propagation stands: the job's checkpoint and the share of its frames done."""

    def __init__(self, plan: PropagationPlan, ctx: JobContext, frame_count: int, span: tuple[float, float]):
        self.plan = plan
        self.ctx = ctx
        self.checkpoint = dict(ctx.job.checkpoint or {})
        self.ends = {d: plan.end_frame(d, frame_count) for d in plan.directions}
        self.total = sum(abs(end - plan.start_frame) for end in self.ends.values()) or 1
        self.span = span

    def done(self, direction: str) -> bool:
        return direction in self.checkpoint.get("done", [])

    def resume_frame(self, direction: str) -> int:
        return int(self.checkpoint.get(direction, self.plan.start_frame))

    @property
    def stored(self) -> int:
        return int(self.checkpoint.get("stored", 0))

    def fraction(self) -> float:
        frames = sum(
            abs((self.ends[d] if self.done(d) else self.resume_frame(d)) - self.plan.start_frame)
            for d in self.plan.directions
        )
        lo, hi = self.span
        return lo + (hi - lo) * min(1.0, frames / self.total)

    def stored_up_to(self, direction: str, frame: int, count: int) -> None:
        """Record (inside the batch's transaction) that frames up to `frame` are stored."""
        self.checkpoint[direction] = frame
        self.checkpoint["stored"] = self.stored + count
        self.ctx.progress(self.fraction(), frame=frame, checkpoint=dict(self.checkpoint))

    def finished(self, direction: str) -> None:
        self.checkpoint["done"] = sorted({*self.checkpoint.get("done", []), direction})
        self.ctx.progress(self.fraction(), checkpoint=dict(self.checkpoint))


def _store_batch(
    masklet_ids: list[int], batch: list[tuple[int, dict[int, np.ndarray]]], source: str, job: Job
) -> None:
    """Upsert one batch of frames of every masklet (call inside a transaction)."""
    # A masklet deleted while the job runs is simply no longer written.
    for masklet in Masklet.objects.filter(pk__in=masklet_ids):
        new = [
            NewMask(frame=frame, rle=rle_utils.encode(masks[masklet.pk]), source=source)
            for frame, masks in batch
            if masklet.pk in masks
        ]
        frame_masks_store(masklet=masklet, masks=new, job_id=job.pk, provenance_id=job.provenance_id)


class _BatchClock:
    """Seconds spent per batch in the model (waiting for the next frame), post-processing and storing."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {"model": 0.0, "post-process": 0.0, "store": 0.0}

    def timed(self, items: Iterator[FrameMasks]) -> Iterator[FrameMasks]:
        while True:
            started = time.perf_counter()
            item = next(items, None)
            self.seconds["model"] += time.perf_counter() - started
            if item is None:
                return
            yield item

    @contextlib.contextmanager
    def measure(self, part: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[part] += time.perf_counter() - started

    def log(self, job_id: int, batch: list[tuple[int, dict[int, np.ndarray]]]) -> None:
        log.info(
            "job %s stored frames %s-%s: %s",
            job_id, batch[0][0], batch[-1][0], ", ".join(f"{k} {v:.3f} s" for k, v in self.seconds.items()),
        )
        self.seconds = dict.fromkeys(self.seconds, 0.0)


def propagate_into_db(
    *, video: Video, plan: PropagationPlan, ctx: JobContext, progress_span: tuple[float, float] = (0.0, 1.0)
) -> dict[str, Any]:
    """Propagate masklets through the video, storing masks in batches as they come.

    Each batch is one transaction holding the masks and the job's checkpoint (the last stored
    frame per direction), so a killed worker leaves the database at a batch boundary. A resumed
    run opens a new session conditioned as the first run was (start-frame masks, every frame a
    person prompted or edited in range) plus the mask stored at the checkpoint, propagates from
    there and never stores a frame twice. Frames holding a person's prompt or edit are never
    overwritten, so corrections stay in force.
    """
    frames = StorageFrameSource(video)
    masklet_ids = plan.masklet_ids
    progress = _Progress(plan, ctx, len(frames), progress_span)

    for direction in plan.directions:
        if progress.done(direction):
            continue
        start, end = progress.resume_frame(direction), progress.ends[direction]
        batch: list[tuple[int, dict[int, np.ndarray]]] = []
        with backend().open_session(frames) as session:
            if not _condition(session, masklet_ids, plan.start_frame, start, end):
                raise EngineError("none of the masklets has a mask to propagate from any more")
            items = session.propagate(start, direction, abs(end - start) + 1, should_cancel=ctx.cancelled)  # type: ignore[arg-type]
            clock = _BatchClock()
            for item in clock.timed(items):
                if item.frame == start:
                    continue  # the conditioning input: already stored
                with clock.measure("post-process"):
                    batch.append((item.frame, {k: postprocess_mask(v, plan.postprocess) for k, v in item.masks.items()}))
                if len(batch) >= plan.batch_size or item.frame == end:
                    with clock.measure("store"), transaction.atomic():
                        _store_batch(masklet_ids, batch, plan.source, ctx.job)
                        progress.stored_up_to(direction, batch[-1][0], len(batch))
                    clock.log(ctx.job.pk, batch)
                    batch = []
            if batch:  # cancelled mid-batch: keep what was computed
                with transaction.atomic():
                    _store_batch(masklet_ids, batch, plan.source, ctx.job)
                    progress.stored_up_to(direction, batch[-1][0], len(batch))
        if ctx.cancelled():
            raise JobCancelled
        progress.finished(direction)
    return {"masklets": masklet_ids, "frames_stored": progress.stored}


def _condition(session: Session, masklet_ids: list[int], plan_start: int, start: int, end: int) -> int:
    """Give the session each masklet's masks on the plan's start frame, on `start` (where a
    resumed run carries on) and on every frame a person prompted or edited between the plan's
    start and `end`. Returns how many masklets were given a mask."""
    lo, hi = min(plan_start, end), max(plan_start, end)
    rows = (
        FrameMask.objects.filter(masklet_id__in=masklet_ids)
        .filter(Q(frame__in={plan_start, start}) | Q(frame__gte=lo, frame__lte=hi, source__in=USER_SOURCES))
        .order_by("masklet_id", "frame")
        .values_list("masklet_id", "frame", "rle")
    )
    conditioned = set()
    for masklet_id, frame, rle in rows:
        session.add_mask(masklet_id, frame, rle_utils.decode(rle))
        conditioned.add(masklet_id)
    return len(conditioned)
