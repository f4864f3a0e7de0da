"""J&F equal to the official SA-V evaluator (facebookresearch/sam2
`sav_dataset/utils/sav_benchmark.py`).

Two kinds of tests:

- cases built by hand from the official code's rules (an object is scored from the first
  evaluated frame where it appears in the ground truth or the prediction; objects only the
  prediction has are ignored; empty frames; the first and last frame of each object skipped);
- random PNG folder pairs scored by our `evaluate_folders` and by the official scoring class.
  sav_benchmark.py's `Evaluator` is hkchengrex's vos-benchmark `Evaluator` (the same code, see
  the header of sav_benchmark.py), installed from PyPI as `vos-benchmark`; `_official` below
  drives it the way sav_benchmark's `VideoEvaluator` does (per-object folders: each object's
  own ground-truth PNG list, first and last dropped, `> 0` masks; palette folders: the video's
  PNG list, one evaluator for all palette values) and averages objects into the global score
  as its `benchmark` does.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from vos_benchmark.evaluator import Evaluator  # the official scoring class (dev dependency)

from annotation.evaluation import jf


def box(r0, r1, c0, c1, shape=(10, 10)):
    m = np.zeros(shape, dtype=bool)
    m[r0:r1, c0:c1] = True
    return m


EMPTY = np.zeros((10, 10), dtype=bool)
SQUARE = box(2, 6, 2, 6)
SHIFTED = box(2, 6, 3, 7)  # J = 0.6, F = 1 against SQUARE


# ---------------------------------------------------------------------------------------------
# cases built from the official rules


def test_late_appearing_object_is_scored_from_its_first_frame():
    # frames 0-2 empty on both sides (not scored), then right on 3 and half right on 4
    gt = {"1": {3: SQUARE, 4: SQUARE}}
    pred = {"1": {3: SQUARE, 4: SHIFTED}}
    result = jf.evaluate(gt, pred, range(5))
    (score,) = result.objects
    assert score.frames == 2
    assert score.j == pytest.approx(80.0) and score.f == pytest.approx(100.0)
    strict = jf.evaluate(gt, pred, range(5), protocol=jf.ALL_OBJECTS)
    assert strict.objects[0].frames == 5 and strict.j == pytest.approx(100 * 4.6 / 5)


def test_object_predicted_before_it_appears_counts_from_the_prediction():
    # prediction shows the object on frame 1, the truth only from frame 2
    gt = {"1": {2: SQUARE}}
    pred = {"1": {1: SQUARE, 2: SQUARE}}
    (score,) = jf.evaluate(gt, pred, range(3)).objects
    assert score.frames == 2 and score.j == pytest.approx(50.0) and score.f == pytest.approx(50.0)


def test_prediction_only_object_is_ignored_by_default_and_scored_by_all_objects():
    gt = {"1": {0: SQUARE, 1: SQUARE}}
    pred = {"1": {0: SQUARE, 1: SQUARE}, "2": {1: box(7, 9, 7, 9)}}
    result = jf.evaluate(gt, pred, [0, 1])
    assert [o.object_id for o in result.objects] == ["1"] and result.jf == 100.0
    strict = jf.evaluate(gt, pred, [0, 1], protocol=jf.ALL_OBJECTS)
    by_id = {o.object_id: o for o in strict.objects}
    assert by_id["2"].j == pytest.approx(50.0)  # empty/empty on frame 0, 0 on frame 1
    assert strict.jf == pytest.approx((100 + 50) / 2)


def test_gt_object_empty_on_every_evaluated_frame_is_not_scored():
    # visible only on frame 0, which skip-first-and-last drops
    gt = {"1": {0: SQUARE}, "2": {0: SQUARE, 1: SQUARE, 2: SQUARE}}
    result = jf.evaluate(gt, gt, [1])
    assert [o.object_id for o in result.objects] == ["2"]


def test_empty_frames_after_appearance_score_one_and_vanishing_scores_zero():
    # after the object appears, an empty/empty frame is 1; truth present but prediction empty 0
    gt = {"1": {1: SQUARE, 3: SQUARE}}
    pred = {"1": {1: SQUARE}}
    (score,) = jf.evaluate(gt, pred, range(4)).objects
    # frames 1 (1), 2 (empty/empty: 1), 3 (0)
    assert score.frames == 3 and score.j == pytest.approx(200 / 3)


def test_unknown_protocol_is_refused():
    with pytest.raises(ValueError, match="unknown J&F protocol"):
        jf.evaluate({"1": {0: SQUARE}}, {}, [0], protocol="lenient")


def _save(path: Path, array: np.ndarray, mode: str | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode == "P":
        Image.fromarray(array.astype(np.uint8), mode="P").save(path)
    else:
        Image.fromarray((array > 0).astype(np.uint8) * 255).save(path)


def test_skip_first_and_last_per_object_frames(tmp_path):
    # object 1 has PNGs for frames 0..4, object 2 only for 2..5: each drops its own first/last
    for f in range(5):
        _save(tmp_path / "gt" / "v" / "001" / f"{f:05d}.png", SQUARE)
        _save(tmp_path / "pred" / "v" / "001" / f"{f:05d}.png", SQUARE if f != 2 else SHIFTED)
    for f in range(2, 6):
        _save(tmp_path / "gt" / "v" / "002" / f"{f:05d}.png", SQUARE)
        _save(tmp_path / "pred" / "v" / "002" / f"{f:05d}.png", SQUARE if f != 3 else EMPTY)
    result = jf.evaluate_folders(tmp_path / "gt", tmp_path / "pred", skip_first_and_last=True)
    by_id = {o.object_id: o for o in result.objects}
    assert by_id["1"].frames == 3 and by_id["1"].j == pytest.approx(100 * 2.6 / 3)
    assert by_id["2"].frames == 2 and by_id["2"].j == pytest.approx(50.0)
    assert result.j == pytest.approx((100 * 2.6 / 3 + 50) / 2)
    assert _official(tmp_path / "gt", tmp_path / "pred", skip=True)[0] == pytest.approx(
        result.j, abs=0.01
    )


# ---------------------------------------------------------------------------------------------
# the official scoring, driven as sav_benchmark's VideoEvaluator does


def _official(gt_root: Path, pred_root: Path, *, skip: bool) -> tuple[float, float, dict]:
    all_j: list[float] = []
    all_f: list[float] = []
    per_object: dict[tuple[str, str], tuple[float, float]] = {}
    for video in sorted(os.listdir(gt_root)):
        entries = sorted(os.listdir(gt_root / video))
        if all(e.endswith(".png") for e in entries):
            jobs = [(entries, None, gt_root / video, pred_root / video, False)]
        else:
            jobs = [
                (
                    sorted(os.listdir(gt_root / video / o)),
                    o,
                    gt_root / video / o,
                    pred_root / video / o,
                    True,
                )
                for o in entries
            ]
        for frames, obj, gt_path, pred_path, per_object_layout in jobs:
            if skip:
                frames = frames[1:-1]
            evaluator = Evaluator(name=video)
            for name in frames:
                gt_array = np.array(Image.open(gt_path / name))
                pred_array = np.array(Image.open(pred_path / name))
                if per_object_layout:
                    gt_array, pred_array = gt_array > 0, pred_array > 0
                evaluator.feed_frame(mask=pred_array, gt=gt_array)
            iou, boundary = evaluator.conclude()
            for key in iou:
                label = str(int(obj)) if per_object_layout else str(int(key))
                per_object[(video, label)] = (float(iou[key]), float(boundary[key]))
                all_j.append(float(iou[key]))
                all_f.append(float(boundary[key]))
    return float(np.mean(all_j)), float(np.mean(all_f)), per_object


def _blob(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """A random ellipse, sometimes with a second piece or a hole."""
    h, w = shape
    y, x = np.ogrid[:h, :w]
    cy, cx = rng.uniform(0, h), rng.uniform(0, w)
    ry, rx = rng.uniform(2, h / 3), rng.uniform(2, w / 3)
    mask = ((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2 <= 1
    if rng.random() < 0.3:
        mask |= rng.random(shape) < 0.02
    if rng.random() < 0.2:
        mask &= ~(((y - cy) / (ry / 3)) ** 2 + ((x - cx) / (rx / 3)) ** 2 <= 1)
    return mask


def _perturb(rng: np.random.Generator, mask: np.ndarray) -> np.ndarray:
    choice = rng.random()
    if choice < 0.15:
        return np.zeros_like(mask)
    if choice < 0.3:
        return _blob(rng, mask.shape)
    dy, dx = rng.integers(-3, 4, size=2)
    out = np.roll(mask, (int(dy), int(dx)), axis=(0, 1))
    return out ^ (rng.random(mask.shape) < 0.01)


def _visible(rng: np.random.Generator, n_frames: int) -> list[bool]:
    """Frames where an object is visible: from a random first frame, with gaps."""
    first = int(rng.integers(0, n_frames))
    return [f >= first and rng.random() > 0.15 for f in range(n_frames)]


def _random_pair(root: Path, rng: np.random.Generator) -> None:
    for v in range(3):
        shape = (int(rng.integers(24, 64)), int(rng.integers(24, 64)))
        n_frames = int(rng.integers(3, 9))
        video = f"video{v}"
        if v == 2:  # palette (DAVIS) layout: objects 1..3, the prediction adds object 7
            for f in range(n_frames):
                gt = np.zeros(shape, np.uint8)
                pred = np.zeros(shape, np.uint8)
                for obj in (1, 2, 3):
                    if rng.random() < 0.7 and f >= obj - 1:
                        m = _blob(rng, shape)
                        gt[m] = obj
                        pred[_perturb(rng, m)] = obj
                if rng.random() < 0.3:
                    pred[_blob(rng, shape)] = 7
                _save(root / "gt" / video / f"{f:05d}.png", gt, "P")
                _save(root / "pred" / video / f"{f:05d}.png", pred, "P")
            continue
        for obj in range(int(rng.integers(1, 5))):
            seen = _visible(rng, n_frames)
            if not any(seen[1:-1]):
                seen[n_frames // 2] = True  # the official code asserts on never-seen objects
            for f in range(n_frames):
                m = _blob(rng, shape) if seen[f] else np.zeros(shape, bool)
                p = _perturb(rng, m) if seen[f] else (
                    _blob(rng, shape) if rng.random() < 0.2 else np.zeros(shape, bool)
                )
                _save(root / "gt" / video / f"{obj:03d}" / f"{f:05d}.png", m)
                _save(root / "pred" / video / f"{obj:03d}" / f"{f:05d}.png", p)
        # an object only the prediction has: ignored by the official evaluator
        _save(root / "pred" / video / "050" / "00000.png", _blob(rng, shape))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("skip", [True, False])
def test_random_folder_pairs_equal_the_official_evaluator(tmp_path, seed, skip):
    rng = np.random.default_rng(seed)
    _random_pair(tmp_path, rng)
    official_j, official_f, official_objects = _official(
        tmp_path / "gt", tmp_path / "pred", skip=skip
    )
    ours = jf.evaluate_folders(tmp_path / "gt", tmp_path / "pred", skip_first_and_last=skip)
    assert {(o.video, o.object_id) for o in ours.objects} == set(official_objects)
    for o in ours.objects:
        j, f = official_objects[(o.video, o.object_id)]
        assert o.j == pytest.approx(j, abs=0.01) and o.f == pytest.approx(f, abs=0.01)
    assert ours.j == pytest.approx(official_j, abs=0.01)
    assert ours.f == pytest.approx(official_f, abs=0.01)
    assert ours.jf == pytest.approx((official_j + official_f) / 2, abs=0.01)
