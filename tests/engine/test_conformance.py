"""One conformance suite of the engine interface, run against every backend.

OpenCV (no model), SAM 2.1 hiera-tiny (the sam2 package, random weights, 256 px), EdgeTAM and SAM 3
(transformers, tiny random-weight folders written by `write_random_hf_model`, tokenizer built in
process). Random weights make masks meaningless: these tests check the contract (shapes, frames,
directions, limits, cancel, lazy frames, bounded state, errors), and, where an official way to
drive the model exists, that the backend's answer is that way's answer.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from inference.engine import (
    CheckpointError,
    EngineConfig,
    PromptError,
    get_backend,
    load_backend,
    propagate_both,
)
from inference.engine.base import CAPABILITIES, ConceptFrame

from .conftest import ROOT, CountingFrames

BACKENDS = ["opencv", "sam2", "edgetam", "sam3"]
NUM_FRAMES = 40


@pytest.fixture(params=BACKENDS)
def backend(request):
    if request.param == "opencv":
        return get_backend(EngineConfig(backend="opencv"))
    fixture = {"sam2": "sam2_backend", "edgetam": "edgetam_config", "sam3": "sam3_config"}[request.param]
    value = request.getfixturevalue(fixture)
    return value if request.param == "sam2" else get_backend(value)


@pytest.fixture(scope="module")
def frames40(clip):
    return clip.frames[:NUM_FRAMES]


def _centre(clip, frame):
    x0, y0, x1, y1 = clip.boxes[frame].tolist()
    return [[(x0 + x1) / 2, (y0 + y1) / 2]]


def held_frame_states(session) -> int:
    """Per-frame tracking states a session holds now (the thing that must not grow with frames)."""
    if hasattr(session, "stored_frame_states"):  # EdgeTAM, SAM 3
        return session.stored_frame_states()
    if hasattr(session, "_recent"):  # OpenCV: recent and conditioning masks per object
        return sum(len(v) for v in session._recent.values()) + sum(len(v) for v in session._cond.values())
    outputs = session.state.inference_state["output_dict_per_obj"].values()  # SAM 2
    return sum(len(o["cond_frame_outputs"]) + len(o["non_cond_frame_outputs"]) for o in outputs)


# -- what a backend says about itself ----------------------------------------------------------------


def test_name_label_and_capabilities(backend):
    assert backend.name in BACKENDS and backend.label
    assert backend.capabilities <= CAPABILITIES
    assert {"points", "boxes", "masks", "propagate"} <= backend.capabilities
    assert ("concepts" in backend.capabilities) == (backend.name == "sam3")


def test_backends_without_concepts_refuse_text(backend, frames40):
    if "concepts" in backend.capabilities:
        pytest.skip("this backend takes text prompts")
    from inference.engine import ArrayFrameSource

    with pytest.raises(PromptError, match="does not take text prompts"):
        backend.concept_propagate(ArrayFrameSource(frames40), "car", 0)


# -- prompts -------------------------------------------------------------------------------------------


def test_points_box_and_mask_prompts_answer_on_their_frame(backend, clip, frames40):
    frames = CountingFrames(frames40)
    with backend.open_session(frames) as session:
        clicked = session.add_points(1, 4, _centre(clip, 4), [1])
        boxed = session.add_points(2, 4, None, None, box=clip.boxes[4].tolist())
        brushed = session.add_mask(3, 6, clip.masks[6])
        for result, object_id, frame in ((clicked, 1, 4), (boxed, 2, 4), (brushed, 3, 6)):
            assert (result.object_id, result.frame) == (object_id, frame)
            assert result.mask.shape == (240, 320) and result.mask.dtype == bool
            assert 0.0 <= result.score <= 1.0
        added = session.add_points(1, 4, [[10, 10]], [0], clear_old=False)
        assert added.mask.shape == (240, 320)
        with pytest.raises(PromptError):
            session.add_points(1, NUM_FRAMES, [[1, 2]], [1])
        with pytest.raises(PromptError):
            session.add_mask(1, 0, np.zeros((10, 10), bool))
    assert set(frames.reads) <= {4, 6}, "a prompt reads its own frame only"


# -- propagation ---------------------------------------------------------------------------------------


def test_propagation_both_ways_with_max_frames(backend, clip, frames40):
    frames = CountingFrames(frames40)
    with backend.open_session(frames) as session:
        session.add_points(1, 10, _centre(clip, 10), [1])
        session.add_points(2, 10, None, None, box=clip.boxes[10].tolist())
        forward = list(session.propagate(10, "forward", max_frames=4))
        assert [fm.frame for fm in forward] == [10, 11, 12, 13]
        assert all(set(fm.masks) == {1, 2} for fm in forward)
        assert all(m.shape == (240, 320) and m.dtype == bool for fm in forward for m in fm.masks.values())
        backward = list(session.propagate(10, "backward", max_frames=4))
        assert [fm.frame for fm in backward] == [10, 9, 8, 7]
        assert [fm.frame for fm in propagate_both(session, 2, max_frames=3)] == [2, 3, 4, 1, 0]
        assert set(frames.reads) <= set(range(14)), "propagation reads only the frames it tracks"
        assert [fm.frame for fm in session.propagate(NUM_FRAMES - 2, "forward")] == [NUM_FRAMES - 2, NUM_FRAMES - 1]


def test_cancel_stops_within_a_frame(backend, clip, frames40):
    frames = CountingFrames(frames40)
    with backend.open_session(frames) as session:
        session.add_points(1, 0, _centre(clip, 0), [1])
        yielded: list[int] = []
        reads_at_cancel: list[int] = []

        def should_cancel() -> bool:
            if len(yielded) >= 3:
                reads_at_cancel.append(len(frames.reads))
                return True
            return False

        for fm in session.propagate(0, "forward", should_cancel=should_cancel):
            yielded.append(fm.frame)
        assert yielded == [0, 1, 2]
        assert len(frames.reads) == reads_at_cancel[0], "no frame is read once cancel is asked"


def test_frames_are_read_lazily(backend, clip, frames40):
    frames = CountingFrames(frames40)
    with backend.open_session(frames) as session:
        assert frames.reads == [], "opening a session reads no frame"
        session.add_points(1, 20, _centre(clip, 20), [1])
        assert set(frames.reads) == {20}
        seen = []
        for fm in session.propagate(20, "forward", max_frames=5):
            seen.append(fm.frame)
            assert max(frames.reads) <= fm.frame + 1, "no frame is read before it is needed"
        assert seen == [20, 21, 22, 23, 24]
        assert set(frames.reads) <= set(range(20, 26)) and len(set(frames.reads)) < NUM_FRAMES


@pytest.fixture(scope="module")
def long_clip():
    from inference.engine.synthetic import make_clip

    return make_clip(num_frames=80, seed=3)


def test_state_stays_flat_over_twice_the_frames(backend, long_clip, sam2_config):
    """Past the model's memory window (SAM 2.1: 16 frames around the current and the prompted
    frame) the state held stops growing: 40 and 80 frames propagated hold the same."""
    if backend.name == "sam2":  # the same model at 128 px: 120 frames in a test's time
        from dataclasses import replace

        backend = get_backend(replace(sam2_config, image_size=128))
    held = {}
    for length in (40, 80):
        with backend.open_session(CountingFrames(long_clip.frames)) as session:
            session.add_points(1, 0, _centre(long_clip, 0), [1])
            session.add_points(2, 0, None, None, box=long_clip.boxes[0].tolist())
            assert len(list(session.propagate(0, "forward", max_frames=length))) == length
            held[length] = held_frame_states(session)
    assert held[80] <= held[40], f"frame states held grow with frames propagated: {held}"
    assert held[80] < 80, held


# -- concept prompts (SAM 3) -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sam3(sam3_config):
    return get_backend(sam3_config)


def test_concepts_give_stable_instances_frame_by_frame(sam3, frames40):
    frames = CountingFrames(frames40)
    got = list(sam3.concept_propagate(frames, "red car", 5, max_frames=8, score_threshold=0.0))
    assert all(isinstance(cf, ConceptFrame) for cf in got)
    assert [cf.frame for cf in got] == list(range(5, 13))
    assert set(frames.reads) == set(range(5, 13)), "frames are read lazily, only those of the run"
    for cf in got:
        assert set(cf.masks) == set(cf.scores)
        assert all(m.shape == (240, 320) and m.dtype == bool for m in cf.masks.values())
        assert all(0.0 <= s <= 1.0 for s in cf.scores.values())
    frames_of = {}
    for cf in got:
        for instance in cf.masks:
            frames_of.setdefault(instance, []).append(cf.frame)
    assert frames_of, "the tiny model's thresholds are 0, so it finds instances"
    assert max(len(f) for f in frames_of.values()) >= 4, f"an instance keeps its id frame after frame: {frames_of}"
    strict = list(sam3.concept_propagate(frames, "red car", 5, max_frames=3, score_threshold=1.0))
    assert [cf.frame for cf in strict] == [5, 6, 7] and not any(cf.masks for cf in strict)


def test_concept_cancel_and_errors(sam3, frames40):
    frames = CountingFrames(frames40)
    count = []

    def should_cancel() -> bool:
        count.append(1)
        return len(count) > 4

    got = [cf.frame for cf in sam3.concept_propagate(frames, "car", 0, should_cancel=should_cancel, score_threshold=0.0)]
    assert set(frames.reads) == set(range(4)), "the run stopped before reading a fifth frame"
    assert got == sorted(got) and len(got) <= 4  # the hotstart delay may hold back the last ones
    with pytest.raises(PromptError, match="text prompt"):
        sam3.concept_propagate(frames, "  ", 0)
    with pytest.raises(PromptError):
        sam3.concept_propagate(frames, "car", NUM_FRAMES)


def test_concept_state_stays_flat(sam3, frames40, monkeypatch):
    from inference.engine import ArrayFrameSource, hf_sam3

    held = {}
    original = hf_sam3.forget_old_frames

    def spy(session, frame, *args):
        original(session, frame, *args)
        outputs = session.output_dict_per_obj.values()
        held[frame] = sum(len(o["cond_frame_outputs"]) + len(o["non_cond_frame_outputs"]) for o in outputs) + len(
            session.obj_id_to_tracker_score_frame_wise
        )

    monkeypatch.setattr(hf_sam3, "forget_old_frames", spy)
    assert len(list(sam3.concept_propagate(ArrayFrameSource(frames40), "car", 0, score_threshold=0.0))) == NUM_FRAMES
    assert held[NUM_FRAMES - 1] <= held[NUM_FRAMES // 2 - 1] + 2, held


# -- equality with transformers driven the documented way ---------------------------------------------


@pytest.mark.parametrize("name", ["edgetam", "sam3"])
def test_session_answers_as_transformers_documented_loop(name, request, clip):
    import torch

    backend = get_backend(request.getfixturevalue(f"{name}_config"))
    frames = clip.frames[:6]
    processor, model = backend.processor, backend.model
    official = processor.init_video_session(video=list(frames), inference_device="cpu")
    processor.add_inputs_to_inference_session(
        inference_session=official, frame_idx=0, obj_ids=1, input_points=[[_centre(clip, 0)]], input_labels=[[[1]]]
    )
    with torch.inference_mode():
        first = model(inference_session=official, frame_idx=0)
        expected = [processor.post_process_masks([first.pred_masks], [[240, 320]], binarize=False)[0][0, 0] > 0]
        for out in model.propagate_in_video_iterator(official, start_frame_idx=0, max_frame_num_to_track=3):
            if out.frame_idx > 0:
                expected.append(processor.post_process_masks([out.pred_masks], [[240, 320]], binarize=False)[0][0, 0] > 0)
    from inference.engine import ArrayFrameSource

    with backend.open_session(ArrayFrameSource(frames)) as session:
        result = session.add_points(1, 0, _centre(clip, 0), [1])
        got = [result.mask] + [fm.masks[1] for fm in session.propagate(0, max_frames=4)][1:]
    assert len(got) == len(expected) == 4
    for mine, theirs in zip(got, expected, strict=True):
        np.testing.assert_array_equal(mine, theirs.numpy())


# -- model folders: errors that name the file -------------------------------------------------------------


def test_model_folder_errors_name_the_path(tmp_path, hf_model_dirs, edgetam_config, sam3_config):
    from dataclasses import replace

    missing = tmp_path / "nowhere"
    with pytest.raises(CheckpointError, match=f"{missing}.*does not exist"):
        load_backend(replace(edgetam_config, edgetam_model=str(missing)))
    with pytest.raises(CheckpointError, match="MASKLET_SAM3_MODEL"):
        load_backend(replace(sam3_config, sam3_model=None))
    with pytest.raises(CheckpointError, match="model type 'sam3_video', not 'edgetam_video'"):
        load_backend(replace(edgetam_config, edgetam_model=str(hf_model_dirs["sam3-tiny"])))

    broken = tmp_path / "edgetam"
    shutil.copytree(hf_model_dirs["edgetam-tiny"], broken)
    (broken / "model.safetensors").unlink()
    with pytest.raises(CheckpointError, match=f"{broken}.*has no weights"):
        load_backend(replace(edgetam_config, edgetam_model=str(broken)))
    shutil.copy(hf_model_dirs["edgetam-tiny"] / "model.safetensors", broken)
    config = json.loads((broken / "config.json").read_text())
    config["mask_decoder_config"]["iou_head_hidden_dim"] = 24  # weights saved with 16
    (broken / "config.json").write_text(json.dumps(config))
    with pytest.raises(CheckpointError, match=f"model.safetensors.*{broken}"):
        load_backend(replace(edgetam_config, edgetam_model=str(broken)))
    (broken / "config.json").unlink()
    with pytest.raises(CheckpointError, match=f"{broken}.*has no config.json"):
        load_backend(replace(edgetam_config, edgetam_model=str(broken)))


def test_random_model_folder_command_writes_a_loadable_folder(tmp_path):
    out = tmp_path / "edgetam-tiny"
    subprocess.run(
        [sys.executable, "-m", "inference.engine.random_checkpoint", "--model", "edgetam-tiny", "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "2", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
             "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert {"config.json", "model.safetensors", "processor_config.json"} <= {p.name for p in out.iterdir()}
    backend = load_backend(EngineConfig(backend="edgetam", edgetam_model=str(out), device="cpu"))
    assert backend.name == "edgetam" and backend.image_size == 128
