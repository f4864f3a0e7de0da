"""Propagation: a plan (which masklets, from which frame, which way, how far, with which
clean-up) and its masks stored in batches, each batch in one transaction with the job's
checkpoint, so a killed worker's job resumes from the last stored frame."""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

import maskcodec as rle_utils
from annotation.jobs.runner import JobCancelled, JobContext
from annotation.jobs.workers import answers_clicks
from annotation.models import FrameMask, Job, Masklet, Video
from annotation.models.masklets import USER_SOURCES, MaskSource
from annotation.services.masklets import NewMask, frame_masks_store
from inference.bridge.engine import pipeline_threads, postprocess_params
from inference.bridge.frames import PrefetchedFrames, StorageFrameSource
from inference.bridge.pipeline import (
    Batches,
    BatchWriter,
    EncodedFrame,
    Failure,
    MaskEncoder,
    StageClock,
)
from inference.bridge.sessions import propagation_session
from inference.engine.base import EngineError, Session
from inference.engine.postprocess import PostprocessParams

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
    # (first, last) frames it may write, inclusive: the task range of the annotator who asked.
    frame_bounds: tuple[int, int] | None = None

    def end_frame(self, direction: str, frame_count: int) -> int:
        """The last frame this plan reaches in `direction` in a video of `frame_count` frames."""
        span = (self.max_frames or frame_count) - 1
        first, last = self.frame_bounds or (0, frame_count - 1)
        if direction == "forward":
            return min(frame_count - 1, last, self.start_frame + span)
        return max(0, first, self.start_frame - span)


def propagation_plan(
    *, video: Video, masklets: list[int], start_frame: int, direction: str, max_frames: int | None,
    frame_bounds: list[int] | tuple[int, int] | None = None,
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
        frame_bounds=(int(frame_bounds[0]), int(frame_bounds[1])) if frame_bounds else None,
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
        frame_bounds=p.get("frame_bounds"),
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


def _store_batch(masklet_ids: list[int], batch: list[EncodedFrame], source: str, job: Job) -> set[int]:
    """Upsert one batch of frames of every masklet (call inside a transaction), each mask naming the
    model the job runs on; returns the frames where at least one mask was stored (a frame holding
    a person's prompt or edit is skipped)."""
    stored: set[int] = set()
    # A masklet deleted while the job runs is simply no longer written.
    for masklet in Masklet.objects.filter(pk__in=masklet_ids):
        new = [NewMask(frame=frame, rle=rles[masklet.pk], source=source) for frame, rles in batch if masklet.pk in rles]
        stored |= {
            m.frame
            for m in frame_masks_store(masklet=masklet, masks=new, job_id=job.pk, provenance_id=job.provenance_id)
        }
    return stored


def propagate_into_db(
    *, video: Video, plan: PropagationPlan, ctx: JobContext, progress_span: tuple[float, float] = (0.0, 1.0)
) -> dict[str, Any]:
    """Propagate masklets through the video, storing masks in batches as they come.

    Each batch is one transaction holding the masks and the job's checkpoint (the last stored
    frame per direction), so a killed worker leaves the database at a batch boundary. A resumed
    run opens a new session conditioned as the first run was (start-frame masks, every frame a
    person prompted or edited in range) and carries on from the nearest frame before the
    checkpoint where each masklet still had a non-empty mask (`_resume_from`), never storing a
    frame twice. Frames holding a person's prompt or edit are never overwritten, so corrections
    stay in force.

    The model runs in this thread; frames are read ahead, masks cleaned up and RLE-encoded in a
    pool and batches written by a writer thread (`pipeline`), so none of them waits for another.
    When this process holds the video's warm session with every masklet as stored
    (inference/bridge/sessions.py), the propagation continues that session instead, as sam2's own
    predictor would (the start frame is tracked again and stored for masklets without a prompt or
    edit there).
    """
    frames = StorageFrameSource(video)
    masklet_ids = plan.masklet_ids
    progress = _Progress(plan, ctx, len(frames), progress_span)
    conf = settings.MASKLET
    clock = StageClock()

    for direction in plan.directions:
        if progress.done(direction):
            continue
        checkpoint, end = progress.resume_frame(direction), progress.ends[direction]
        start, given = _resume_from(masklet_ids, plan.start_frame, checkpoint)
        step = 1 if direction == "forward" else -1
        failure = Failure()

        def store(batch: list[EncodedFrame], direction: str = direction) -> None:
            with transaction.atomic():
                stored = _store_batch(masklet_ids, batch, plan.source, ctx.job)
                progress.stored_up_to(direction, batch[-1][0], len(stored))
            log.info("job %s stored frames %s-%s", ctx.job.pk, batch[0][0], batch[-1][0])

        def stop(failure: Failure = failure) -> bool:
            return failure.error is not None or ctx.cancelled()

        with contextlib.ExitStack() as stack:
            source = stack.enter_context(PrefetchedFrames(
                frames, range(start, end + step, step), depth=conf["FRAME_PREFETCH"],
                on_read=lambda s: clock.add("read", s), on_wait=lambda s: clock.wait("reader", s),
            ))
            running = stack.enter_context(propagation_session(
                video=video, frames=source, masklet_ids=masklet_ids, start=start,
                resumed=start != plan.start_frame, job_id=ctx.job.pk,
            ))
            session = running.session
            if hasattr(session, "cache_propagated_features"):  # SAM 2: only where clicks may read them
                session.cache_propagated_features = answers_clicks()
            encoder = MaskEncoder(plan.postprocess, threads=pipeline_threads(), clock=clock, failure=failure)
            stack.callback(encoder.close)
            writer = BatchWriter(store, depth=2, clock=clock, failure=failure, name=f"job-{ctx.job.pk}-writer")
            stack.callback(writer.close)  # on the way out: writes what is queued, unless a stage failed
            if not running.warm:  # a warm session continues sam2's own history instead
                with clock.measure("model"):  # the start frame's encoder run, each mask as input
                    conditioned = _condition(session, masklet_ids, plan.start_frame, end, given)
                if not conditioned:
                    raise EngineError("none of the masklets has a mask to propagate from any more")
            items = session.propagate(start, direction, abs(end - start) + 1, should_cancel=stop)  # type: ignore[arg-type]
            batches = Batches(writer, plan.batch_size)
            try:
                for item in clock.timed(items):
                    failure.check()
                    if item.frame == start:  # the conditioning input; a warm session's retracked masks
                        start_masks = running.start_frame_masks(item)
                        if start_masks is not None:
                            encoder.submit(start_masks)
                    elif (item.frame - checkpoint) * step > 0:  # frames up to the checkpoint are stored
                        encoder.submit(item)
                    del item  # the full-size masks live only in the pool now
                    batches.extend(encoder.ready())
            except Exception:
                if failure.error is None:  # the engine failed: keep the frames it tracked before
                    with contextlib.suppress(Exception):
                        batches.extend(encoder.ready(wait=True))
                        batches.flush()
                raise
            batches.extend(encoder.ready(wait=True))  # the last frames, or what a cancel left
            batches.flush()
        failure.check()
        if ctx.cancelled():
            raise JobCancelled
        progress.finished(direction)
    log.info("job %s propagation stages %s", ctx.job.pk, json.dumps(clock.report()))
    return {"masklets": masklet_ids, "frames_stored": progress.stored}


# How far before its checkpoint a resumed run starts tracking again, at most (frames).
MAX_REWIND = 16


def _resume_from(masklet_ids: list[int], plan_start: int, checkpoint: int) -> tuple[int, dict[int, int]]:
    """Where a run carries on and, per masklet, the stored frame it is conditioned on there.

    A fresh run starts on the plan's start frame. A resumed run (the checkpoint is past the
    start) conditions each masklet on its nearest stored non-empty mask at or before the
    checkpoint, never on an empty one: a masklet hidden at the checkpoint (an occlusion) would
    otherwise vanish for the rest of the pass. Tracking restarts at the earliest of those frames
    within MAX_REWIND frames of the checkpoint, so a masklet hidden briefly is tracked through
    the frames after it was last seen again, as in the first run (those frames are not stored
    again); a masklet hidden longer is conditioned where it was last seen, which SAM 2's memory
    attention reads as a conditioning frame. A masklet with no non-empty mask since the plan's
    start has its start-frame mask only.
    """
    if checkpoint == plan_start:
        return plan_start, {}
    lo, hi = min(plan_start, checkpoint), max(plan_start, checkpoint)
    order = "-frame" if checkpoint > plan_start else "frame"  # nearest to the checkpoint first
    given = dict(
        FrameMask.objects.filter(masklet_id__in=masklet_ids, frame__gte=lo, frame__lte=hi, area__gt=0)
        .order_by("masklet_id", order)
        .distinct("masklet_id")
        .values_list("masklet_id", "frame")
    )
    recent = [frame for frame in given.values() if abs(checkpoint - frame) <= MAX_REWIND]
    start = min(recent, key=lambda frame: abs(frame - plan_start)) if recent else checkpoint
    return start, given


def _condition(session: Session, masklet_ids: list[int], plan_start: int, end: int, given: dict[int, int]) -> int:
    """Give the session each masklet's masks on the plan's start frame, on the frame `given`
    names for it (where a resumed run picks it up again) and on every frame a person prompted or
    edited between the plan's start and `end`. Returns how many masklets were given a mask."""
    lo, hi = min(plan_start, end), max(plan_start, end)
    resumed = Q()
    for masklet_id, frame in given.items():
        resumed |= Q(masklet_id=masklet_id, frame=frame)
    rows = (
        FrameMask.objects.filter(masklet_id__in=masklet_ids)
        .filter(Q(frame=plan_start) | resumed | Q(frame__gte=lo, frame__lte=hi, source__in=USER_SOURCES))
        .order_by("masklet_id", "frame")
        .values_list("masklet_id", "frame", "rle")
    )
    conditioned = set()
    defer = getattr(session, "defer_mask", None)  # SAM 2: corrections reach the model when needed
    for masklet_id, frame, rle in rows:
        if defer is not None and frame != plan_start and given.get(masklet_id) != frame:
            defer(masklet_id, frame, lambda rle=rle: rle_utils.decode(rle))
        else:
            session.add_mask(masklet_id, frame, rle_utils.decode(rle))
        conditioned.add(masklet_id)
    return len(conditioned)
