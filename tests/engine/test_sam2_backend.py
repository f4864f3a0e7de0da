"""The SAM 2 backend on the real SAM 2.1 hiera-tiny architecture with random weights (256 px).

Random weights make the masks meaningless, so these tests check mechanics: loading and its
errors, feature caching, lazy frames, bounded state, conditioning corrections, resumption,
equivalence with sam2's own predictor loop, and the automatic mask generator's plumbing.
"""

from __future__ import annotations

import numpy as np
import pytest

from inference.engine import (
    ArrayFrameSource,
    CheckpointError,
    PromptError,
    get_backend,
    load_backend,
    propagate_both,
)
from inference.engine.synthetic import iou

from .conftest import CountingFrames

pytestmark = pytest.mark.sam2


def _centre(clip, frame):
    x0, y0, x1, y1 = clip.boxes[frame]
    return [[(x0 + x1) / 2, (y0 + y1) / 2]]


# -- loading ---------------------------------------------------------------------------------------


def test_backend_loads_once_per_process_with_the_correction_flag(sam2_backend, sam2_config):
    assert get_backend(sam2_config) is sam2_backend
    assert sam2_backend.name == "sam2" and "SAM 2" in sam2_backend.label
    assert sam2_backend.image_size == 256 and sam2_backend.device.type == "cpu"
    assert sam2_backend.model.add_all_frames_to_correct_as_cond is True
    assert not sam2_backend.model.training


def test_checkpoint_errors_are_plain(tmp_path, random_checkpoint, sam2_config):
    from dataclasses import replace

    import torch

    with pytest.raises(CheckpointError, match="does not exist"):
        load_backend(replace(sam2_config, checkpoint=str(tmp_path / "missing.pt")))

    no_model = tmp_path / "no_model.pt"
    torch.save({"state_dict": {}}, no_model)
    with pytest.raises(CheckpointError, match='has no "model" entry'):
        load_backend(replace(sam2_config, checkpoint=str(no_model)))

    garbage = tmp_path / "garbage.pt"
    garbage.write_bytes(b"not a checkpoint")
    with pytest.raises(CheckpointError, match="not a readable PyTorch checkpoint"):
        load_backend(replace(sam2_config, checkpoint=str(garbage)))

    with pytest.raises(
        CheckpointError, match="does not match the model config configs/sam2.1/sam2.1_hiera_s.yaml"
    ):
        load_backend(replace(sam2_config, model_config="small"))


# -- interactive clicks ----------------------------------------------------------------------------


def test_second_click_on_a_frame_does_not_rerun_the_image_encoder(sam2_backend, clip):
    model = sam2_backend.model
    calls = []
    original = model.forward_image
    model.forward_image = lambda img: calls.append(img.shape) or original(img)
    try:
        frames = CountingFrames(clip.frames, cache_key="clip-click-test")
        session = sam2_backend.open_session(frames)
        assert frames.reads == [], "opening a session reads no frame"
        first = session.add_points(1, 3, _centre(clip, 3), [1])
        assert len(calls) == 1 and frames.reads == [3]
        second = session.add_points(1, 3, _centre(clip, 3) + [[5.0, 5.0]], [1, 0])
        box = session.add_points(2, 3, None, None, box=clip.boxes[3].tolist())
        assert len(calls) == 1, "later prompts on the same frame reuse the cached features"
        for result in (first, second, box):
            assert (
                result.mask.shape == (clip.frames.shape[1], clip.frames.shape[2])
                and result.mask.dtype == bool
            )
            assert 0.0 <= result.score <= 1.0
        session.close()

        # A new session on the same video (same cache_key) reuses them too: a worker may open
        # one session per click request.
        again = sam2_backend.open_session(CountingFrames(clip.frames, cache_key="clip-click-test"))
        again.add_points(1, 3, _centre(clip, 3), [1])
        assert len(calls) == 1 and again.counters["cache_hits"] == 1
        again.add_points(1, 4, _centre(clip, 4), [1])
        assert len(calls) == 2
        again.close()
    finally:
        del model.forward_image


def test_feature_cache_evicts_by_bytes(sam2_backend, clip):
    from inference.engine.sam2_backend import SAM2Backend

    probe = SAM2Backend(sam2_backend.loaded, feature_cache_bytes=1 << 30)
    with probe.open_session(ArrayFrameSource(clip.frames)) as session:
        session.add_points(1, 0, _centre(clip, 0), [1])
        entry_bytes = probe.feature_cache.total_bytes
    # 256 px: features 32x64x64 + 64x32x32 + 256x16x16 float32; positional encodings shared.
    assert entry_bytes == 4 * (32 * 64 * 64 + 64 * 32 * 32 + 256 * 16 * 16)

    small = SAM2Backend(sam2_backend.loaded, feature_cache_bytes=int(2.5 * entry_bytes))
    session = small.open_session(ArrayFrameSource(clip.frames))
    for frame in (0, 1, 2):
        session.add_points(1, frame, _centre(clip, frame), [1])
    assert (
        len(small.feature_cache) == 2
        and small.feature_cache.total_bytes <= small.feature_cache.budget_bytes
    )
    assert small.feature_cache.stats.evictions == 1
    runs = session.counters["encoder_runs"]
    session.add_points(1, 2, _centre(clip, 2), [1])  # still cached
    assert session.counters["encoder_runs"] == runs
    session.add_points(1, 0, _centre(clip, 0), [1])  # evicted first: computed again
    assert session.counters["encoder_runs"] == runs + 1
    session.close()
    assert len(small.feature_cache) == 0, (
        "a session without a cache_key drops its features on close"
    )


def test_prompt_errors(sam2_backend, clip):
    with sam2_backend.open_session(ArrayFrameSource(clip.frames)) as session:
        with pytest.raises(PromptError):
            session.add_points(1, 0, [[1, 2]], [2])
        with pytest.raises(PromptError, match="outside the video"):
            session.add_points(1, len(clip.frames), [[1, 2]], [1])
        with pytest.raises(PromptError, match="clear_old=True"):
            session.add_points(1, 0, None, None, box=[1, 2, 30, 40], clear_old=False)
        with pytest.raises(PromptError, match="no object"):
            session.propagate(0)


# -- propagation -----------------------------------------------------------------------------------


def test_propagation_directions_limits_and_cancel(sam2_backend, clip):
    frames = CountingFrames(clip.frames[:12])
    with sam2_backend.open_session(frames) as session:
        session.add_points(1, 5, _centre(clip, 5), [1])
        session.add_points(2, 5, None, None, box=clip.boxes[5].tolist())
        assert frames.reads == [5]
        forward = list(session.propagate(5, "forward", max_frames=3))
        assert [fm.frame for fm in forward] == [5, 6, 7]
        assert set(forward[0].masks) == {1, 2} and forward[0].masks[1].shape == (240, 320)
        assert frames.reads == [5, 6, 7], "frames are read lazily, once, when first needed"
        backward = list(session.propagate(5, "backward", max_frames=3))
        assert [fm.frame for fm in backward] == [5, 4, 3]
        ticks = iter(range(100))
        cancelled = list(session.propagate(3, "backward", should_cancel=lambda: next(ticks) >= 2))
        assert [fm.frame for fm in cancelled] == [3, 2]
        assert list(session.propagate(0, "backward", max_frames=5))[0].frame == 0
        both = [fm.frame for fm in propagate_both(session, 1, max_frames=2)]
        assert both == [1, 2, 0]


def test_correction_on_a_tracked_frame_survives_re_propagation(sam2_backend, clip):
    """sam2 issues 546 / 719: without add_all_frames_to_correct_as_cond the correction is lost."""
    with sam2_backend.open_session(ArrayFrameSource(clip.frames[:6])) as session:
        session.add_points(1, 0, _centre(clip, 0), [1])
        tracked = {fm.frame: fm.masks[1] for fm in session.propagate(0)}

        # a click correction on tracked frame 3
        corrected = session.add_points(
            1, 3, _centre(clip, 3) + [[20.0, 20.0], [300.0, 200.0]], [1, 0, 1]
        )
        # a mask correction on tracked frame 5: a rectangle no random-weight model would produce
        rectangle = np.zeros((240, 320), bool)
        rectangle[40:120, 100:220] = True
        session.add_mask(1, 5, rectangle)
        assert session.stored_frames(1)["cond"] == [0]  # corrections wait in temp until propagation

        again = {fm.frame: fm.masks[1] for fm in session.propagate(0)}
        assert session.stored_frames(1)["cond"] == [0, 3, 5]
        assert np.array_equal(again[3], corrected.mask)
        assert iou(again[5], rectangle) > 0.95
        assert iou(tracked[5], rectangle) < 0.9, "the test needs a correction that changes the mask"


def test_resume_from_stored_masks_in_a_new_session(sam2_backend, clip):
    with sam2_backend.open_session(ArrayFrameSource(clip.frames[:10])) as first:
        first.add_points(1, 0, _centre(clip, 0), [1])
        stored = {fm.frame: fm.masks[1] for fm in first.propagate(0, max_frames=6)}

    with sam2_backend.open_session(ArrayFrameSource(clip.frames[:10])) as second:
        second.add_mask(1, 0, stored[0])  # conditioning frame (had user input)
        second.add_mask(1, 5, stored[5])  # last stored frame
        resumed = list(second.propagate(5))
        assert [fm.frame for fm in resumed] == [5, 6, 7, 8, 9]
        # a mask prompt passes through the model's low-res mask (image_size / 4), so fine
        # detail of these random-weight masks is smoothed
        assert iou(resumed[0].masks[1], stored[5]) > 0.8


@pytest.fixture(scope="module")
def sam2_backend_128(sam2_config):
    """A 128 px backend: the equivalence test needs more frames than the memory window."""
    from dataclasses import replace

    return get_backend(replace(sam2_config, image_size=128))


def test_state_stays_bounded_and_matches_sams_own_predictor(sam2_backend_128, clip, tmp_path):
    """Lazy frames + dropping state outside the memory window give the same masks as sam2's
    own init_state / propagate_in_video loop, with bounded state."""
    import torch
    from PIL import Image

    from inference.engine.frames import CallableFrameSource, write_frame_folder
    from inference.engine.sam2_model import inference_context

    num = 36
    folder = write_frame_folder(clip.frames[:num], tmp_path / "frames")
    paths = sorted(folder.iterdir())
    # Read frames exactly as sam2's JPEG loader does (PIL), so both sides see identical pixels.
    source = CallableFrameSource(
        num, 240, 320, lambda i: np.array(Image.open(paths[i]).convert("RGB"))
    )
    point, label = _centre(clip, 0), [1]

    session = sam2_backend_128.open_session(source)
    assert session.state.memory_window == 15
    session.add_points(1, 0, point, label)
    ours, stored_counts = {}, []
    for fm in session.propagate(0):
        ours[fm.frame] = fm.masks[1]
        stored_counts.append(len(session.stored_frames(1)["non_cond"]))
    assert session.state.dropped_frame_states > 0
    assert max(stored_counts) <= 2 * session.state.memory_window + 1
    session.close()

    model = sam2_backend_128.model
    with inference_context(sam2_backend_128.device):
        state = model.init_state(str(folder))
        model.add_new_points_or_box(state, frame_idx=0, obj_id=1, points=point, labels=label)
        official = {f: (m[0, 0] > 0).cpu().numpy() for f, _, m in model.propagate_in_video(state)}
    assert len(state["output_dict_per_obj"][0]["non_cond_frame_outputs"]) == num - 1
    del state
    torch.set_num_threads(2)
    assert sorted(official) == sorted(ours)
    mismatched = [f for f in ours if not np.array_equal(ours[f], official[f])]
    assert not mismatched, f"frames differing from sam2's own loop: {mismatched}"


# -- automatic masks -------------------------------------------------------------------------------


def test_auto_masks_on_the_sa_v_grid_shape_with_tiny_grids(sam2_backend, clip):
    from sam2.utils import amg

    from inference.engine import AutoMaskParams

    original_cat = amg.MaskData.cat
    # two tiers (full frame + 4 crops) keep the test short; the three-tier grid is checked below
    params = AutoMaskParams(
        grid_sizes=(4, 2), pred_iou_thresh=0.0, stability_score_thresh=0.0, mask_iou_thresh=0.5
    )
    masks = sam2_backend.auto_masks(clip.frames[0], params)
    assert amg.MaskData.cat is original_cat, "the shallow-copy patch is scoped"
    assert masks, "with no quality filter the tiny grid yields masks"
    for m in masks:
        assert m.mask.shape == (240, 320) and m.mask.dtype == bool
        assert 0 <= m.score <= 1 and len(m.bbox) == 4
    for i in range(len(masks)):
        for j in range(i + 1, len(masks)):
            assert iou(masks[i].mask, masks[j].mask) <= 0.5
    strict = sam2_backend.auto_masks(
        clip.frames[0], AutoMaskParams(grid_sizes=(2,), pred_iou_thresh=1.01)
    )
    assert strict == []


def test_generator_builds_the_sa_v_grids(sam2_backend):
    from inference.engine import AutoMaskParams
    from inference.engine.sam2_automask import build_generator

    generator = build_generator(sam2_backend, AutoMaskParams())
    assert [len(g) for g in generator.point_grids] == [32 * 32, 16 * 16, 4 * 4]
    assert generator.crop_n_layers == 2
    assert generator.predictor._bb_feat_sizes == [(64, 64), (32, 32), (16, 16)]
