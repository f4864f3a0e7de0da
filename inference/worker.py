"""The worker side of the bridge: frames from Django storage, the backend from settings,
interactive sessions kept between clicks, and propagation of masklets into the database.

inference/engine/ knows nothing of Django; this module and inference/tasks.py are the only places
that join the two.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import cv2
import numpy as np
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction

from annotation.job_runner import JobCancelled, JobContext
from annotation.models import FrameMask, Masklet, Video
from annotation.models.masklets import USER_SOURCES, MaskSource
from annotation.services.masklets import NewMask, frame_masks_store
from annotation.services.projects import project_settings
from inference.engine import masks as rle_utils
from inference.engine.base import Backend, Session
from inference.engine.config import EngineConfig, get_backend
from inference.engine.postprocess import PostprocessParams, postprocess_mask


class StorageFrameSource:
    """Annotated frames of a video, read lazily from Django storage at source resolution."""

    def __init__(self, video: Video) -> None:
        self.video_id = video.pk
        self.height = int(video.height or 0)
        self.width = int(video.width or 0)
        self._count = int(video.frame_count)
        self._paths = [video.frame_path(i, full=True) for i in range(self._count)]
        self.cache_key = f"video:{video.pk}:{video.content_hash}"

    def __len__(self) -> int:
        return self._count

    def read(self, index: int) -> np.ndarray:
        with default_storage.open(self._paths[index], "rb") as handle:
            data = np.frombuffer(handle.read(), dtype=np.uint8)
        bgr = cv2.imdecode(data, cv2.IMREAD_COLOR)
        if bgr is None:
            raise RuntimeError(f"frame {index} of video {self.video_id} cannot be decoded")
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
    pp = project_settings(video.project)["postprocess"]
    return PostprocessParams(
        fill_holes_below=int(pp["fill_holes_px"]),
        remove_regions_below=int(pp["min_region_px"]),
        open_kernel=int(pp["open_px"]),
        close_kernel=int(pp["close_px"]),
    )


class InteractiveSessions:
    """One open session per video, least recently used closed first; one click at a time."""

    def __init__(self) -> None:
        self._sessions: OrderedDict[tuple[int, str], Session] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, video: Video) -> Session:
        key = (video.pk, video.content_hash)
        session = self._sessions.pop(key, None)
        if session is None:
            session = backend().open_session(StorageFrameSource(video))
        self._sessions[key] = session
        while len(self._sessions) > settings.MASKLET["INTERACTIVE_SESSIONS"]:
            _, old = self._sessions.popitem(last=False)
            old.close()
        return session

    def forget(self, video_id: int) -> None:
        for key in [k for k in self._sessions if k[0] == video_id]:
            self._sessions.pop(key).close()


interactive_sessions = InteractiveSessions()


def stored_mask(masklet_id: int, frame: int) -> np.ndarray | None:
    row = FrameMask.objects.filter(masklet_id=masklet_id, frame=frame).values_list("rle", flat=True).first()
    return None if row is None else rle_utils.decode(row)


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


def propagate_into_db(
    *, video: Video, plan: PropagationPlan, ctx: JobContext, progress_span: tuple[float, float] = (0.0, 1.0)
) -> dict:
    """Propagate masklets through the video, storing masks in batches as they come.

    Resumable: the job's checkpoint holds the last stored frame per direction; a resumed run
    opens a new session, conditions it on the stored mask there and on every frame a person
    prompted or edited in range (so corrections stay in force), and carries on. Masks are
    upserted per (masklet, frame), so no frame is stored twice.
    """
    frames = StorageFrameSource(video)
    params = postprocess_params(video)
    batch_size = settings.MASKLET["MASK_BATCH_SIZE"]
    checkpoint = dict(ctx.job.checkpoint or {})
    done_dirs = set(checkpoint.get("done", []))
    masklets = {m.pk: m for m in Masklet.objects.filter(pk__in=plan.masklet_ids, video=video)}
    ends = {d: _end_frame(plan, d, len(frames)) for d in plan.directions}
    total = sum(abs(ends[d] - plan.start_frame) for d in plan.directions) or 1
    stored_count = int(checkpoint.get("stored", 0))
    lo, hi = progress_span

    for direction in plan.directions:
        if direction in done_dirs:
            continue
        start = int(checkpoint.get(direction, plan.start_frame))
        end = ends[direction]
        step = 1 if direction == "forward" else -1
        session = backend().open_session(frames)
        try:
            _condition(session, masklets, start, end, step)
            remaining = abs(end - start) + 1
            pending: list[tuple[int, dict[int, np.ndarray]]] = []

            def flush(last_frame: int) -> None:
                nonlocal stored_count
                with transaction.atomic():
                    for masklet_id, masklet in masklets.items():
                        new = [
                            NewMask(frame=f, rle=rle_utils.encode(masks[masklet_id]), source=plan.source)
                            for f, masks in pending
                            if masklet_id in masks
                        ]
                        frame_masks_store(masklet=masklet, masks=new, job_id=ctx.job.pk)
                    stored_count += len(pending)
                    checkpoint[direction] = last_frame
                    checkpoint["stored"] = stored_count
                    done = sum(abs(int(checkpoint.get(d, plan.start_frame)) - plan.start_frame) for d in plan.directions)
                    ctx.progress(lo + (hi - lo) * min(1.0, done / total), frame=last_frame, checkpoint=dict(checkpoint))
                pending.clear()

            cancelled = False
            for item in session.propagate(start, direction, remaining, should_cancel=ctx.cancelled):  # type: ignore[arg-type]
                if item.frame == start:
                    continue  # conditioning input, already stored
                pending.append((item.frame, {k: postprocess_mask(v, params) for k, v in item.masks.items()}))
                if len(pending) >= batch_size:
                    flush(item.frame)
            if pending:
                flush(pending[-1][0])
            if ctx.cancelled():
                cancelled = True
        finally:
            session.close()
        if cancelled:
            raise JobCancelled
        done_dirs.add(direction)
        checkpoint["done"] = sorted(done_dirs)
        ctx.progress(lo + (hi - lo) * min(1.0, sum(abs(ends[d] - plan.start_frame) for d in done_dirs) / total),
                     checkpoint=dict(checkpoint))
    return {"masklets": plan.masklet_ids, "frames_stored": stored_count}


def _condition(session: Session, masklets: dict[int, Masklet], start: int, end: int, step: int) -> None:
    """Give the session every masklet's mask on `start` and on its prompted or edited frames in range."""
    lo, hi = min(start, end), max(start, end)
    for masklet_id in masklets:
        start_mask = stored_mask(masklet_id, start)
        if start_mask is None:
            continue
        session.add_mask(masklet_id, start, start_mask)
        user_frames: Iterable[tuple[int, dict]] = FrameMask.objects.filter(
            masklet_id=masklet_id, frame__gt=lo - 1, frame__lt=hi + 1, source__in=USER_SOURCES
        ).exclude(frame=start).values_list("frame", "rle")
        for frame, rle in user_frames:
            session.add_mask(masklet_id, frame, rle_utils.decode(rle))
