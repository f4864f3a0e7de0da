"""The pipelined propagation (inference/bridge/propagation.py, pipeline.py, frames.py), run by the
job runner in this process on the OpenCV backend, against the real PostgreSQL and Redis:

- a resumed job whose checkpoint frame holds an empty mask (the object was hidden there) keeps
  tracking the object from where it was last seen;
- `frames_stored` counts the frames stored, not those skipped (a person's edit);
- a frame missing from storage, read by the prefetching thread, fails the job with a clear
  message; the batches before it are stored and no pipeline thread outlives the job;
- batches hold RLEs, never full-size masks, and the bridge's buffers do not grow with the number
  of objects beyond one frame of the model's output (tracemalloc, 1 vs 10 objects at 1080p).

The writer thread has its own database connection, so these tests commit (transactional_db); the
jobs are created by the service in a transaction whose on-commit send is dropped, so no worker
takes them: the test runs them with `run_job`, as a worker's task would.
"""

from __future__ import annotations

import threading
import tracemalloc
from typing import Any

import cv2
import numpy as np
import pytest
from django.core.files.storage import default_storage
from django.db import transaction

import maskcodec
from annotation.jobs.runner import run_job
from annotation.models import FrameMask, Job
from annotation.models.masklets import MaskSource
from annotation.services import jobs as job_services
from annotation.services.masklets import NewMask, frame_masks_store, masklet_create
from annotation.services.videos import propagation_start
from inference.bridge.pipeline import Failure, MaskEncoder, StageClock
from inference.bridge.propagation import propagation_job
from inference.engine.base import EngineError, FrameMasks
from inference.engine.lazy_masks import LazyMasks
from inference.engine.postprocess import PostprocessParams
from tests.factories import make_team

pytestmark = pytest.mark.usefixtures("transactional_db")


def square(frame: int, width: int = 96, height: int = 64) -> np.ndarray:
    """The bright square of tests/factories.py:synthetic_frames on `frame`."""
    mask = np.zeros((height, width), bool)
    x = 10 + 3 * frame
    mask[20:44, x : x + 24] = True
    return mask


def _store(masklet: Any, frame: int, mask: np.ndarray, source: str) -> None:
    frame_masks_store(masklet=masklet, masks=[NewMask(frame=frame, rle=maskcodec.encode(mask), source=source)])


def _queued_job(team: Any, masklet: Any) -> Job:
    """A propagate job as `POST /propagations/` makes it, never sent to a worker."""
    with transaction.atomic():
        job = propagation_start(video=team.video, user=team.annotator, masklets=[masklet.pk], start_frame=0,
                                direction="forward", max_frames=None)
        transaction.get_connection().run_on_commit.clear()
    return job


def _pipeline_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith(("frames-", "masklet-encode", "job-"))]


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / max(1, (a | b).sum()))


def test_a_resumed_job_whose_checkpoint_mask_is_empty_keeps_tracking() -> None:
    team = make_team(frames=12)
    masklet = masklet_create(video=team.video, user=team.annotator)
    _store(masklet, 0, square(0), MaskSource.PROMPT)
    job = _queued_job(team, masklet)
    # What a killed first attempt left: frames 1-5 stored, the object hidden (empty) on frame 5.
    for frame in range(1, 5):
        _store(masklet, frame, square(frame), MaskSource.PROPAGATED)
    _store(masklet, 5, np.zeros((64, 96), bool), MaskSource.PROPAGATED)
    job_services.job_progress(job=job, progress=0.4, frame=5, checkpoint={"forward": 5, "stored": 5})

    assert run_job(job.pk, propagation_job, task_id="resume", user_errors=(EngineError,)) == "succeeded"
    job.refresh_from_db()
    assert job.result == {"masklets": [masklet.pk], "frames_stored": 11}  # 1-5 before the crash, 6-11 now
    masks = {m.frame: m for m in FrameMask.objects.filter(masklet=masklet)}
    assert sorted(masks) == list(range(12))
    assert all(masks[f].version == 1 for f in range(12))  # nothing stored twice
    assert masks[5].area == 0  # the first attempt's frames are left as they were
    # Conditioned on the empty frame 5, frames 6-11 would all be empty. Tracked again from frame 4,
    # where the square was last seen, the OpenCV tracker holds it for the next frames (it lags
    # behind this moving square and loses it after a few frames, resumed or not).
    ious = [_iou(maskcodec.decode(masks[frame].rle), square(frame)) for frame in range(6, 12)]
    assert min(ious[:3]) > 0.6, ious
    assert not _pipeline_threads()


def test_frames_stored_counts_stored_frames_not_a_persons_edit() -> None:
    team = make_team(frames=8)
    masklet = masklet_create(video=team.video, user=team.annotator)
    _store(masklet, 0, square(0), MaskSource.PROMPT)
    _store(masklet, 3, square(3), MaskSource.EDITED)
    job = _queued_job(team, masklet)

    assert run_job(job.pk, propagation_job, task_id="edit", user_errors=(EngineError,)) == "succeeded"
    job.refresh_from_db()
    assert job.result == {"masklets": [masklet.pk], "frames_stored": 6}  # 1, 2, 4, 5, 6, 7: not 3
    assert job.checkpoint["stored"] == 6
    masks = {m.frame: m for m in FrameMask.objects.filter(masklet=masklet)}
    assert (masks[3].source, masks[3].version) == (MaskSource.EDITED, 1)
    assert {masks[f].source for f in (1, 2, 4, 5, 6, 7)} == {MaskSource.PROPAGATED}


def test_a_frame_missing_from_storage_fails_the_job_and_keeps_the_batches_before_it(settings: Any) -> None:
    settings.MASKLET = {**settings.MASKLET, "MASK_BATCH_SIZE": 2}
    team = make_team(frames=10)
    masklet = masklet_create(video=team.video, user=team.annotator)
    _store(masklet, 0, square(0), MaskSource.PROMPT)
    default_storage.delete(team.video.frame_path(7, full=True))
    job = _queued_job(team, masklet)

    assert run_job(job.pk, propagation_job, task_id="missing", user_errors=(EngineError,)) == "failed"
    job.refresh_from_db()
    assert job.error == f"frame 7 of video {team.video.pk} is missing from storage"
    stored = sorted(FrameMask.objects.filter(masklet=masklet).values_list("frame", flat=True))
    assert stored == list(range(job.checkpoint["forward"] + 1))  # whole batches, up to the checkpoint
    assert job.checkpoint["forward"] == 6  # batches 1-2, 3-4, 5-6: everything before the missing frame
    assert not _pipeline_threads()


def _bridge_peak(objects: int, *, lazy: bool, frames: int = 24, size: tuple[int, int] = (1080, 1920)
                 ) -> tuple[int, list[Any]]:
    """Peak bytes traced while `frames` frames of `objects` 1080p masks go through the encoder
    into batches of 8 (as propagate_into_db does), and the batches' contents. The masks of a
    frame come as the engines give them: `lazy`, made from a small low-res mask when read (as
    SAM 2's LazyMasks upsample its logits), or all made at once (the OpenCV backend)."""
    clock, failure = StageClock(), Failure()
    params = PostprocessParams(fill_holes_below=64, remove_regions_below=32)
    encoder = MaskEncoder(params, threads=2, clock=clock, failure=failure)
    seen: list[Any] = []
    tracemalloc.start()
    try:
        batch: list[Any] = []
        for frame in range(frames):
            low = np.zeros((objects, 64, 64), np.uint8)  # the model's per-object output
            for obj in range(objects):
                low[obj, 4 + obj * 5 : 8 + obj * 5, 6 + frame : 14 + frame] = 1

            def make(i: int, low: np.ndarray = low) -> np.ndarray:
                return cv2.resize(low[i], size[::-1], interpolation=cv2.INTER_NEAREST).astype(bool)

            masks = LazyMasks(range(objects), make) if lazy else {obj: make(obj) for obj in range(objects)}
            item = FrameMasks(frame=frame, masks=masks)
            del masks, low
            encoder.submit(item)
            del item
            for encoded in encoder.ready(wait=frame == frames - 1):
                batch.append(encoded)
                if len(batch) == 8:
                    seen.extend(v for _, rles in batch for v in rles.values())
                    batch = []  # handed to the writer
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        encoder.close()
    failure.check()
    return peak, seen


@pytest.mark.parametrize("lazy", [True, False], ids=["lazy masks (SAM 2)", "masks made at once (OpenCV)"])
def test_batches_hold_rles_and_bridge_memory_does_not_grow_with_objects(lazy: bool) -> None:
    mask_bytes = 1080 * 1920
    peak_1, seen_1 = _bridge_peak(1, lazy=lazy)
    peak_10, seen_10 = _bridge_peak(10, lazy=lazy)
    assert len(seen_1) == 24 and len(seen_10) == 240
    for rle in seen_10:  # what the writer gets: RLEs only
        assert maskcodec.validate(rle) == rle and not isinstance(rle, np.ndarray)
    growth = peak_10 - peak_1
    print(f"\nbridge peak ({'lazy' if lazy else 'eager'}): 1 object {peak_1 / 2**20:.1f} MiB, "
          f"10 objects {peak_10 / 2**20:.1f} MiB")
    if lazy:
        # At most 2 x threads full-size masks are made at a time, whatever the number of objects.
        assert growth < 2 * mask_bytes, growth / 2**20
    else:
        # Nine more objects cost the frames the engine made at once (the one handed over and the
        # one being encoded); buffering 8 frames of full-size masks, as batches did, costs 4x that.
        assert growth < 3 * 9 * mask_bytes, growth / 2**20


def _encode_all(threads: int, frames: list[dict[int, np.ndarray]], params: PostprocessParams) -> list[Any]:
    clock, failure = StageClock(), Failure()
    encoder = MaskEncoder(params, threads=threads, clock=clock, failure=failure)
    out: list[Any] = []
    try:
        for index, masks in enumerate(frames):
            encoder.submit(FrameMasks(frame=index, masks=LazyMasks(list(masks), lambda i, m=masks: list(m.values())[i])))
            out.extend(encoder.ready())
        out.extend(encoder.ready(wait=True))
    finally:
        encoder.close()
    failure.check()
    return out


def test_the_encoder_without_threads_gives_what_the_threaded_one_gives(settings: Any) -> None:
    """MASKLET_PIPELINE_THREADS=0 (the default where the model's threads fill the CPU's cores:
    inference/bridge/engine.py:pipeline_threads) cleans up and encodes in the model's thread,
    between frames: same frames in the same order, same RLEs, no thread started; a mask that
    fails is kept in `failure` and raised by `check`, as from a pool thread."""
    rng = np.random.default_rng(3)
    frames = [{obj: rng.random((48, 64)) > 0.6 for obj in (3, 1, 7)} for _ in range(5)]
    params = PostprocessParams(fill_holes_below=20, remove_regions_below=5, open_kernel=2)
    before = set(_pipeline_threads())
    inline = _encode_all(0, frames, params)
    assert set(_pipeline_threads()) == before
    threaded = _encode_all(2, frames, params)
    assert [f for f, _ in inline] == [0, 1, 2, 3, 4] and inline == threaded
    with pytest.raises(ValueError):
        _encode_all(0, [{1: np.zeros((4, 4, 3))}], params)  # not a 2-D mask

    settings.MASKLET = {**settings.MASKLET, "PIPELINE_THREADS": 0}
    from inference.bridge.engine import pipeline_threads

    assert pipeline_threads() == 0
    settings.MASKLET = {**settings.MASKLET, "PIPELINE_THREADS": 3}
    assert pipeline_threads() == 3
