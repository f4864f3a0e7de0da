"""The worker side of the bridge: frames from Django storage, the backend from settings,
clicks answered from the prompts in the database, and propagation of masklets into the database.

inference/engine/ knows nothing of Django; this module and inference/tasks.py are the only places
that join the two. No state lives between tasks except the backend (the model, loaded once per
process) and its image-feature cache; everything a task needs is read from the database, so any
worker can answer any click and a killed worker's job resumes anywhere.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q

import maskcodec as rle_utils
from annotation.job_runner import JobCancelled, JobContext
from annotation.models import FrameMask, Job, Masklet, Prompt, Video
from annotation.models.masklets import USER_SOURCES, MaskletOrigin, MaskletStatus, MaskSource
from annotation.services import jobs as job_services
from annotation.services.masklets import (
    NewMask,
    frame_masks_store,
    mask_payload,
    masklet_create,
    prompts_in_force,
)
from annotation.services.projects import project_settings
from inference.engine.base import (
    AutoMaskParams,
    Backend,
    EngineError,
    FrameMasks,
    MaskResult,
    Session,
)
from inference.engine.config import EngineConfig, get_backend
from inference.engine.postprocess import PostprocessParams, postprocess_mask

log = logging.getLogger(__name__)


class StorageFrameSource:
    """Annotated frames of a video, read lazily from Django storage at source resolution.

    `cache_key` names the video's content, so image features computed for one click are reused
    by the next click on the same frame (each click opens a new engine session).
    """

    def __init__(self, video: Video) -> None:
        self.video_id = video.pk
        self.height = int(video.height or 0)
        self.width = int(video.width or 0)
        self._count = int(video.frame_count)
        self._video = video
        self.cache_key = f"video:{video.pk}:{video.content_hash}"

    def __len__(self) -> int:
        return self._count

    def read(self, index: int) -> np.ndarray:
        if not 0 <= index < self._count:
            raise IndexError(index)
        path = self._video.frame_path(index, full=True)
        try:
            with default_storage.open(path, "rb") as handle:
                data = np.frombuffer(handle.read(), dtype=np.uint8)
        except (FileNotFoundError, OSError) as error:
            raise EngineError(f"frame {index} of video {self.video_id} is missing from storage") from error
        bgr = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
        if bgr is None:
            raise EngineError(f"frame {index} of video {self.video_id} cannot be decoded")
        return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def engine_config() -> EngineConfig:
    conf = settings.MASKLET
    return EngineConfig(
        backend=conf["INFERENCE_BACKEND"],
        checkpoint=conf["SAM2_CHECKPOINT"] or None,
        model_config=conf["SAM2_CONFIG"],
        image_size=conf["SAM2_IMAGE_SIZE"],
        device=conf["INFERENCE_DEVICE"],
        feature_cache_bytes=conf["FEATURE_CACHE_BYTES"],
        torch_threads=conf["TORCH_THREADS"],
    )


def backend() -> Backend:
    """The process's backend, loaded on first use (after the worker forked)."""
    return get_backend(engine_config())


def postprocess_params(video: Video) -> PostprocessParams:
    """The project's mask clean-up settings, in pixels of the original video."""
    pp = project_settings(video.project)["postprocess"]
    return PostprocessParams(
        fill_holes_below=int(pp["fill_holes_px"]),
        remove_regions_below=int(pp["min_region_px"]),
        open_kernel=int(pp["open_px"]),
        close_kernel=int(pp["close_px"]),
    )


# ---------------------------------------------------------------------------------------------
# Clicks


class ClickSessions:
    """Engine sessions kept between clicks on one masklet's frame: a cache, never the truth.

    The session that answered a click holds the model's own prediction on that frame, the best
    guide for the next click (SAM 2 refines its previous logits; one decoder run). It is reused
    only while the frame's stored mask is still the one it produced (same version): a brush
    edit, a propagation or a click answered by another worker make it stale, and the next click
    opens a new session guided by the stored mask instead. Least recently used sessions are
    closed beyond settings.MASKLET["INTERACTIVE_SESSIONS"].
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple[int, int], tuple[int, Session]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: tuple[int, int], version: int) -> Session | None:
        """The session that produced `version` of the mask at `key` (masklet, frame), if kept."""
        with self._lock:
            entry = self._entries.pop(key, None)
        if entry is None:
            return None
        if entry[0] != version:
            entry[1].close()
            return None
        return entry[1]

    def keep(self, key: tuple[int, int], version: int, session: Session) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            self._entries[key] = (version, session)
            evicted = []
            while len(self._entries) > max(0, int(settings.MASKLET["INTERACTIVE_SESSIONS"])):
                evicted.append(self._entries.popitem(last=False)[1][1])
        for stale in ([old[1]] if old and old[1] is not session else []) + evicted:
            stale.close()

    def clear(self) -> None:
        with self._lock:
            entries, self._entries = list(self._entries.values()), OrderedDict()
        for _, session in entries:
            session.close()


click_sessions = ClickSessions()


@dataclass
class Click:
    """A click's answer: the raw mask, whether image features were "cached" or "computed" (None
    for a backend without an image encoder), and the session to keep for the next click."""

    result: MaskResult
    features: str | None
    session: Session


def segment_frame(
    *,
    video: Video,
    object_id: int,
    frame: int,
    points: list[list[float]] | None,
    labels: list[int] | None,
    box: list[float] | None,
    current: tuple[int, np.ndarray] | None,
) -> Click:
    """The mask of one object on one frame from every click in force there (pixels).

    `current` is the (version, mask) stored on the frame, or None (none yet, or the click
    starts over). The session kept from the click that stored that version is reused; otherwise
    a new session is given the stored mask first, so the clicks refine what is there (a
    propagated, edited or clicked mask). Either way the frame's image features come from the
    backend's cache after the first click, so only the prompt encoder and mask decoder run.
    The caller keeps `Click.session` (see `click_sessions`) or closes it.
    """
    key = (object_id, frame)
    session = click_sessions.take(key, current[0]) if current is not None else None
    if current is None:
        click_sessions.take(key, -1)  # starting over: a kept session is stale
    fresh = session is None
    if session is None:
        session = backend().open_session(StorageFrameSource(video))
    try:
        encoder_runs = _encoder_runs(session)
        if fresh and current is not None:
            session.add_mask(object_id, frame, current[1])
        result = session.add_points(object_id, frame, points or None, labels or None, box, clear_old=True)
        after = _encoder_runs(session)
    except BaseException:
        session.close()
        raise
    features = None if after is None else ("computed" if after > (encoder_runs or 0) else "cached")
    return Click(result=result, features=features, session=session)


def _encoder_runs(session: Session) -> int | None:
    counters = getattr(session, "counters", None)
    return None if counters is None else int(counters.get("encoder_runs", 0))


def answer_prompt(*, prompt_id: int) -> dict[str, Any]:
    """Segment a prompt's masklet on its frame from the clicks in force there; store and return it.

    Answers `{"frame", "rle", "score", "backend", "image_features", "mask"}` or `{"error"}`. The
    masklet's current mask on the frame guides the clicks (a correction refines what is there)
    unless the prompt starts over (`reset`). An engine error withdraws the prompt, so a click the
    model cannot use does not stay in force.
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


# ---------------------------------------------------------------------------------------------
# Jobs


@contextlib.contextmanager
def lock_heartbeat(ctx: JobContext) -> Iterator[None]:
    """Keep the job's lock alive while the body runs, however long one frame or step takes.

    The lock lapses only when the process dies (a killed worker stops beating), which is what
    lets `recover_orphaned_jobs` tell a dead worker's job from a slow one.
    """
    ttl = float(settings.MASKLET["JOB_LOCK_TTL"])
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(max(0.2, ttl / 3)):
            try:
                job_services.job_lock_refresh(job_id=ctx.job.pk, owner=ctx.owner)
            except Exception:  # Redis away for a moment: the next beat tries again
                log.warning("could not refresh the lock of job %s", ctx.job.pk, exc_info=True)

    thread = threading.Thread(target=beat, name=f"job-{ctx.job.pk}-lock", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


@dataclass
class PropagationPlan:
    masklet_ids: list[int]
    start_frame: int
    directions: list[str]
    max_frames: int | None  # per direction, counting the start frame; None = to the end
    source: str = MaskSource.PROPAGATED


def _end_frame(plan: PropagationPlan, direction: str, frame_count: int) -> int:
    span = (plan.max_frames or frame_count) - 1
    if direction == "forward":
        return min(frame_count - 1, plan.start_frame + span)
    return max(0, plan.start_frame - span)


class _Progress:
    """Where a propagation stands: the job's checkpoint and the share of its frames done."""

    def __init__(self, plan: PropagationPlan, ctx: JobContext, frame_count: int, span: tuple[float, float]):
        self.plan = plan
        self.ctx = ctx
        self.checkpoint = dict(ctx.job.checkpoint or {})
        self.ends = {d: _end_frame(plan, d, frame_count) for d in plan.directions}
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
    masklet_ids: list[int], batch: list[tuple[int, dict[int, np.ndarray]]], source: str, job_id: int
) -> None:
    """Upsert one batch of frames of every masklet (call inside a transaction)."""
    # A masklet deleted while the job runs is simply no longer written.
    for masklet in Masklet.objects.filter(pk__in=masklet_ids):
        new = [
            NewMask(frame=frame, rle=rle_utils.encode(masks[masklet.pk]), source=source)
            for frame, masks in batch
            if masklet.pk in masks
        ]
        frame_masks_store(masklet=masklet, masks=new, job_id=job_id)


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
) -> dict:
    """Propagate masklets through the video, storing masks in batches as they come.

    Each batch is one transaction holding the masks and the job's checkpoint (the last stored
    frame per direction), so a killed worker leaves the database at a batch boundary. A resumed
    run opens a new session conditioned as the first run was (start-frame masks, every frame a
    person prompted or edited in range) plus the mask stored at the checkpoint, propagates from
    there and never stores a frame twice. Frames holding a person's prompt or edit are never
    overwritten, so corrections stay in force.
    """
    frames = StorageFrameSource(video)
    params = postprocess_params(video)
    batch_size = max(1, int(settings.MASKLET["MASK_BATCH_SIZE"]))
    masklet_ids = sorted(set(plan.masklet_ids))
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
                    batch.append((item.frame, {k: postprocess_mask(v, params) for k, v in item.masks.items()}))
                if len(batch) >= batch_size or item.frame == end:
                    with clock.measure("store"), transaction.atomic():
                        _store_batch(masklet_ids, batch, plan.source, ctx.job.pk)
                        progress.stored_up_to(direction, batch[-1][0], len(batch))
                    clock.log(ctx.job.pk, batch)
                    batch = []
            if batch:  # cancelled mid-batch: keep what was computed
                with transaction.atomic():
                    _store_batch(masklet_ids, batch, plan.source, ctx.job.pk)
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


def automasklets_into_db(*, job: Job, ctx: JobContext) -> dict:
    """Automatic masks on the job's key frame, each a new masklet (origin auto, status
    needs_verification), then propagated both ways through the video.

    The masklets are created in one transaction with the checkpoint that names them, so a
    resumed job never creates them twice and carries on with their propagation.
    """
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
