"""Corrections with the object's memory, bounded conditioning and propagation-filled features,
checked against sam2's own SAM2VideoPredictor (the official class, not ours) fed the same calls.

Random weights (SAM 2.1 tiny at 256 px) make the masks meaningless but deterministic, so
equality is bit for bit: every mask of every call, every frame of every pass.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.sam2

SIZE = 256
A, B = 11, 22  # object ids: the caller's own integers, as masklet ids are


@pytest.fixture(scope="module")
def official_factory(sam2_config):
    """sam2.sam2_video_predictor.SAM2VideoPredictor with our config overrides and the same
    weights: `official(max_cond_frames)`."""
    from hydra.utils import instantiate

    from inference.engine.config import resolve_model_config
    from inference.engine.sam2_model import compose_model_config, read_state_dict

    built = {}

    def official(max_cond_frames: int, size: int = SIZE):
        if (max_cond_frames, size) not in built:
            cfg = compose_model_config(
                resolve_model_config("tiny"),
                size,
                target="sam2.sam2_video_predictor.SAM2VideoPredictor",
                max_cond_frames=max_cond_frames,
            )
            model = instantiate(cfg.model, _recursive_=True)
            model.load_state_dict(read_state_dict(sam2_config.checkpoint), strict=True)
            built[max_cond_frames, size] = model.eval()
        return built[max_cond_frames, size]

    return official


@pytest.fixture(scope="module")
def jpeg_clip(clip, tmp_path_factory):
    """The clip as the JPEG folder sam2's init_state reads, and a frame source that decodes the
    same files with PIL as sam2's loader does (identical pixels on both sides)."""
    from inference.engine.frames import write_frame_folder

    folder = write_frame_folder(clip.frames[:12], tmp_path_factory.mktemp("clip") / "frames")
    return _jpeg_source(folder)


def _jpeg_source(folder):
    from PIL import Image

    from inference.engine.frames import CallableFrameSource

    paths = sorted(folder.iterdir())

    def source():
        return CallableFrameSource(
            len(paths), 240, 320, lambda i: np.array(Image.open(paths[i]).convert("RGB"))
        )

    return folder, source


def _centre(clip, frame, dx=0.0, dy=0.0):
    x0, y0, x1, y1 = clip.boxes[frame]
    return [(x0 + x1) / 2 + dx, (y0 + y1) / 2 + dy]


class Official:
    """Drives the official predictor and keeps, per call, the masks it answered."""

    def __init__(self, model, folder):
        from inference.engine.sam2_model import inference_context

        self.model = model
        self._ctx = inference_context
        with self._ctx(model.device):
            self.state = model.init_state(str(folder))

    def click(self, obj, frame, points=None, labels=None, box=None):
        with self._ctx(self.model.device):
            _, obj_ids, masks = self.model.add_new_points_or_box(
                self.state, frame_idx=frame, obj_id=obj, points=points, labels=labels, box=box
            )
        return (masks[obj_ids.index(obj), 0] > 0).cpu().numpy()

    def propagate(self, start, reverse=False):
        with self._ctx(self.model.device):
            return {
                f: {o: (m[i, 0] > 0).cpu().numpy() for i, o in enumerate(ids)}
                for f, ids, m in self.model.propagate_in_video(
                    self.state, start_frame_idx=start, reverse=reverse
                )
            }


def _ours(session, start, direction="forward"):
    return {fm.frame: fm.masks for fm in session.propagate(start, direction)}


def _assert_same(ours, official, what):
    assert sorted(ours) == sorted(official), what
    differing = [
        (f, o)
        for f in official
        for o in official[f]
        if not np.array_equal(ours[f][o], official[f][o])
    ]
    assert not differing, f"{what}: (frame, object) masks differing from sam2's own: {differing}"


def test_the_correction_story_equals_sams_own_predictor(
    sam2_backend, official_factory, clip, jpeg_clip
):
    """Click A on 0, propagate, add B on 5, correct A on tracked frame 9, re-propagate both ways
    from 5: every answer and every frame equals SAM2VideoPredictor's, bit for bit."""
    folder, source = jpeg_clip
    official = Official(official_factory(8), folder)
    session = sam2_backend.open_session(source())
    point_a, box_b = [_centre(clip, 0)], clip.boxes[5].tolist()
    correction = [_centre(clip, 9), _centre(clip, 9, 25, 10)], [1, 0]

    first = session.add_points(A, 0, point_a, [1])
    assert np.array_equal(first.mask, official.click(A, 0, point_a, [1]))
    _assert_same(_ours(session, 0), official.propagate(0), "first pass")

    added = session.add_points(B, 5, None, None, box=box_b)
    assert np.array_equal(added.mask, official.click(B, 5, box=box_b))

    assert session.tracked_direction(A, 9) == "forward"
    corrected = session.add_points(A, 9, *correction)
    assert np.array_equal(corrected.mask, official.click(A, 9, *correction))
    # The same clicks on one image alone (what a click on a tracked frame used to be) differ:
    # the answer uses the object's memory of the tracked frames.
    with sam2_backend.open_session(source()) as alone:
        assert not np.array_equal(alone.add_points(A, 9, *correction).mask, corrected.mask)

    _assert_same(_ours(session, 5), official.propagate(5), "forward again")
    _assert_same(_ours(session, 5, "backward"), official.propagate(5, reverse=True), "backward")
    assert session.stored_frames(A)["cond"] == [0, 9] and session.stored_frames(B)["cond"] == [5]
    session.close()


@pytest.fixture(scope="module")
def backend_128(sam2_config):
    """128 px: the tests that need many frames or many conditioning frames stay short."""
    from dataclasses import replace

    from inference.engine import get_backend

    return get_backend(replace(sam2_config, image_size=128))


def test_twelve_corrections_attend_to_the_nearest_eight(
    backend_128, official_factory, clip, tmp_path, monkeypatch
):
    """With MASKLET_MAX_COND_FRAMES=8 (default) a tracked frame reads the 8 conditioning frames
    nearest in time, as sam2's max_cond_frames_in_attn; every corrected frame keeps its mask."""
    import sam2.modeling.sam2_base as sam2_base

    from inference.engine.frames import write_frame_folder

    assert backend_128.model.max_cond_frames_in_attn == 8
    selections: list[tuple[int, list[int], list[int]]] = []
    original = sam2_base.select_closest_cond_frames

    def recording(frame_idx, cond_outputs, max_num):
        selected, unselected = original(frame_idx, cond_outputs, max_num)
        selections.append((frame_idx, sorted(selected), sorted(cond_outputs)))
        return selected, unselected

    folder, source = _jpeg_source(write_frame_folder(clip.frames[:20], tmp_path / "frames"))
    official = Official(official_factory(8, 128), folder)
    session = backend_128.open_session(source())
    point = [_centre(clip, 0)]
    session.add_points(A, 0, point, [1])
    official.click(A, 0, point, [1])
    _assert_same(_ours(session, 0), official.propagate(0), "first pass")

    corrected = {}
    for frame in range(2, 14):  # twelve corrections on tracked frames
        clicks = [_centre(clip, frame, 15, -10), _centre(clip, frame)], [0, 1]
        corrected[frame] = session.add_points(A, frame, *clicks).mask
        assert np.array_equal(corrected[frame], official.click(A, frame, *clicks))

    monkeypatch.setattr(sam2_base, "select_closest_cond_frames", recording)
    ours = _ours(session, 0)
    ours_selections, selections[:] = list(selections), []
    _assert_same(ours, official.propagate(0), "after twelve corrections")
    assert ours_selections == selections

    assert {len(available) for _, _, available in ours_selections} == {13}  # frame 0 + twelve
    for frame, selected, available in ours_selections:
        assert len(selected) == 8
        unselected = [t for t in available if t not in selected]
        # the nearest in time (sam2 takes the nearest before and after, then the nearest others)
        assert max(abs(t - frame) for t in selected) <= min(abs(t - frame) for t in unselected)
    for frame, mask in corrected.items():
        assert np.array_equal(ours[frame][A], mask), f"correction on frame {frame} did not stick"
    assert session.stored_frames(A)["cond"] == [0, *range(2, 14)]
    session.close()


def test_propagation_fills_the_feature_cache_so_a_first_correction_runs_no_encoder(
    sam2_backend, clip, jpeg_clip
):
    from inference.engine.frames import CallableFrameSource

    _, source = jpeg_clip
    frames = source()
    keyed = CallableFrameSource(len(frames), 240, 320, frames.read)
    keyed.cache_key = "propagation-fills-cache"
    cache = sam2_backend.feature_cache
    cache.discard_where(lambda k: k[0][0] == "propagation-fills-cache")
    with sam2_backend.open_session(keyed) as session:
        session.add_points(A, 0, [_centre(clip, 0)], [1])
        tracked = {fm.frame: fm.masks[A] for fm in session.propagate(0, max_frames=8)}
        counters = session.counters
        assert counters["encoder_runs"] == 8 and counters["propagation_cached"] == 7
        before = counters["encoder_runs"]
        fixed = session.add_points(A, 6, [_centre(clip, 6, 20, 0)], [0])
        assert session.counters["encoder_runs"] == before, "the correction ran the image encoder"
        assert session.counters["cache_hits"] == 1
        assert fixed.mask.shape == tracked[6].shape

    # A new session (another click request) on the same video finds them too.
    with sam2_backend.open_session(keyed) as later:
        later.add_points(B, 3, [_centre(clip, 3)], [1])
        assert later.counters["encoder_runs"] == 0


def test_a_propagation_where_no_click_can_come_leaves_the_cache_alone(sam2_backend, clip):
    """A batch-only worker (annotation/jobs/workers.py:answers_clicks is False) propagates without
    filling its feature cache: its budget would hold features no click of that process reads, and
    its memory would grow with the video up to the budget (benchmarks/memory.py)."""
    from inference.engine import ArrayFrameSource

    with sam2_backend.open_session(ArrayFrameSource(clip.frames[:6])) as session:
        session.add_points(A, 0, [_centre(clip, 0)], [1])
        cached = len(sam2_backend.feature_cache)
        session.cache_propagated_features = False
        tracked = list(session.propagate(0, max_frames=6))
        assert [fm.frame for fm in tracked] == list(range(6))
        assert session.counters["encoder_runs"] == 6  # every frame encoded, none kept
        assert "propagation_cached" not in session.counters
        assert len(sam2_backend.feature_cache) == cached


def test_propagation_never_evicts_what_clicks_cached(sam2_backend, clip):
    from inference.engine import ArrayFrameSource
    from inference.engine.sam2_backend import SAM2Backend

    probe = SAM2Backend(sam2_backend.loaded, feature_cache_bytes=1 << 30)
    with probe.open_session(ArrayFrameSource(clip.frames[:2])) as session:
        session.add_points(A, 0, [_centre(clip, 0)], [1])
        entry = probe.feature_cache.total_bytes
    small = SAM2Backend(sam2_backend.loaded, feature_cache_bytes=3 * entry)
    with small.open_session(ArrayFrameSource(clip.frames[:8])) as session:
        session.add_points(A, 5, [_centre(clip, 5)], [1])
        session.add_points(A, 6, [_centre(clip, 6)], [1])
        masks = list(session.propagate(6, max_frames=2))
        assert [fm.frame for fm in masks] == [6, 7]
        assert session.counters["propagation_cached"] == 1  # frame 7 fits; nothing was evicted
        assert small.feature_cache.stats.evictions == 0 and len(small.feature_cache) == 3
        session.add_points(A, 2, [_centre(clip, 2)], [1])  # a click makes room: frame 7 goes first
        assert sorted(k[1] for k in small.feature_cache.keys()) == [2, 5, 6]


def test_a_correction_outside_the_memory_window_reads_the_spilled_state_back(
    backend_128, official_factory, clip, tmp_path
):
    """Memory stays flat (state outside the window leaves for disk), yet a correction on a frame
    whose state had left is sam2's own answer, and so is the propagation after it. 128 px: the
    clip must be longer than the 15-frame memory window on both sides of the corrected frame."""
    from inference.engine.frames import write_frame_folder

    backend = backend_128
    folder, source = _jpeg_source(write_frame_folder(clip.frames[:40], tmp_path / "frames"))
    official = Official(official_factory(8, 128), folder)
    session = backend.open_session(source())
    point = [_centre(clip, 0)]
    session.add_points(A, 0, point, [1])
    official.click(A, 0, point, [1])
    _assert_same(_ours(session, 0), official.propagate(0), "first pass")
    assert 20 not in session.stored_frames(A)["non_cond"] and session.spill.written > 0
    assert session.memory_complete(A, 20)

    clicks = [_centre(clip, 20), _centre(clip, 20, 20, 5)], [1, 0]
    corrected = session.add_points(A, 20, *clicks)
    assert session.spill.read > 0
    assert np.array_equal(corrected.mask, official.click(A, 20, *clicks))
    _assert_same(_ours(session, 10), official.propagate(10), "from frame 10 again")
    session.close()

    starved = backend.__class__(backend.loaded, feature_cache_bytes=0, state_spill_bytes=0)
    with starved.open_session(source()) as poor:
        poor.add_points(A, 0, point, [1])
        list(poor.propagate(0))
        assert not poor.memory_complete(A, 20) and poor.memory_complete(A, 39)


def test_deferred_corrections_reach_the_model_when_needed_with_the_same_masks(backend_128, clip):
    """A propagation conditioned on twenty stored masks runs the image encoder for the ten
    nearest (max_cond_frames + 2) before its first frame, not for all twenty, and yields the
    masks that giving all of them first yields, both directions."""
    from inference.engine import ArrayFrameSource

    frames = clip.frames[:40]
    with backend_128.open_session(ArrayFrameSource(frames)) as first:
        first.add_points(A, 0, [_centre(clip, 0)], [1])
        stored = {fm.frame: fm.masks[A] for fm in first.propagate(0)}
    corrected = range(0, 40, 2)

    def run(defer: bool):
        session = backend_128.open_session(ArrayFrameSource(frames))
        for frame in corrected:
            if defer and frame != 38:
                session.defer_mask(A, frame, lambda frame=frame: stored[frame])
            else:
                session.add_mask(A, frame, stored[frame])
        passes = []
        for start, direction in ((39, "backward"), (0, "forward")):
            items = session.propagate(start, direction)
            first_item = next(items)
            since_opened = session.counters["encoder_runs"]  # image encoder runs so far
            passes.append(({first_item.frame: first_item.masks, **_ours_from(items)}, since_opened))
        assert session.stored_frames(A)["cond"] == list(corrected)
        session.close()
        return passes

    eager, deferred = run(defer=False), run(defer=True)
    assert eager[0][1] == 20 + 1  # every conditioning frame, then frame 39
    assert deferred[0][1] <= 10 + 1  # the ten nearest to frame 39, then frame 39
    # The same masks up to float rounding: deferred frames are encoded later and in another
    # order than eager ones, and summation order moves a logit at the threshold now and then
    # (one pixel of 60,000 on two frames, on some CPUs). A wrong or missing conditioning frame
    # changes thousands.
    for (ours, _), (theirs, _) in zip(deferred, eager, strict=True):
        assert sorted(ours) == sorted(theirs)
        flipped = {(f, o): int((ours[f][o] != theirs[f][o]).sum()) for f in theirs for o in theirs[f]}
        assert max(flipped.values()) <= 8, f"deferred against eager conditioning: pixels differing {flipped}"


def _ours_from(items):
    return {fm.frame: fm.masks for fm in items}
