"""J&F against values computed by hand on 10x10 masks (tolerance radius ceil(0.008*14.14) = 1,
a 3x3 cross)."""

import math
from io import StringIO

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from PIL import Image

import maskcodec
from annotation.evaluation import jf


def box(r0, r1, c0, c1, shape=(10, 10)):
    m = np.zeros(shape, dtype=bool)
    m[r0:r1, c0:c1] = True
    return m


def test_tolerance_and_disk_follow_davis():
    assert jf.boundary_radius((10, 10)) == 1
    assert jf.boundary_radius((480, 854)) == math.ceil(0.008 * math.hypot(480, 854)) == 8
    assert jf.disk(1).tolist() == [[0, 1, 0], [1, 1, 1], [0, 1, 0]]


def test_boundary_of_a_square_by_hand():
    # 4x4 square at rows/cols 2..5: inside, row 5 and col 5 (7 px); outside, row 1 cols 1..5
    # and col 1 rows 2..5 (9 px): 16 boundary pixels.
    b = jf.seg2bmap(box(2, 6, 2, 6))
    assert b.sum() == 16
    assert b[5, 2:6].all() and b[2:6, 5].all() and b[1, 1:6].all() and b[1:6, 1].all()
    single = jf.seg2bmap(box(5, 6, 5, 6))
    assert sorted(zip(*np.nonzero(single), strict=True)) == [(4, 4), (4, 5), (5, 4), (5, 5)]


def test_identical_sets_score_100():
    gt = {1: {0: box(2, 6, 2, 6), 1: box(3, 7, 3, 7)}, 2: {0: box(0, 2, 0, 10)}}
    result = jf.evaluate(gt, gt, [0, 1])
    assert (result.j, result.f, result.jf) == (100.0, 100.0, 100.0)


def test_one_pixel_shift():
    # square 4x4 vs the same moved one column right: IoU 12/20; every boundary pixel lies
    # within one pixel of the other boundary, so F = 1.
    gt, pred = box(2, 6, 2, 6), box(2, 6, 3, 7)
    assert jf.region_j(gt, pred) == pytest.approx(0.6)
    assert jf.boundary_f(gt, pred) == 1.0
    result = jf.evaluate({"a": {0: gt}}, {"a": {0: maskcodec.encode(pred)}})
    assert result.j == pytest.approx(60.0) and result.f == pytest.approx(100.0)
    assert result.jf == pytest.approx(80.0)


def test_single_pixels_two_apart():
    # boundaries are the 2x2 blocks rows 4-5 x cols 4-5 and rows 4-5 x cols 6-7; the cross
    # reaches one column across, so half of each boundary matches: P = R = 0.5, F = 0.5; J = 0.
    gt, pred = box(5, 6, 5, 6), box(5, 6, 7, 8)
    assert jf.region_j(gt, pred) == 0.0
    assert jf.boundary_f(gt, pred) == pytest.approx(0.5)


def test_far_apart_and_empty_cases():
    a, b = box(0, 2, 0, 2), box(7, 9, 7, 9)
    empty = np.zeros((10, 10), dtype=bool)
    assert (jf.region_j(a, b), jf.boundary_f(a, b)) == (0.0, 0.0)
    assert (jf.region_j(empty, empty), jf.boundary_f(empty, empty)) == (1.0, 1.0)
    assert (jf.region_j(a, empty), jf.boundary_f(a, empty)) == (0.0, 0.0)
    assert (jf.region_j(empty, a), jf.boundary_f(empty, a)) == (0.0, 0.0)


def test_absent_frames_and_objects_count_as_empty():
    square = box(2, 6, 2, 6)
    gt = {1: {0: square, 1: square}}
    # object 1: right on frame 0, missing on frame 1 -> J = F = (1 + 0) / 2
    # object 2: only predicted, on frame 1 -> frame 0 empty/empty = 1, frame 1 = 0
    pred = {1: {0: square}, 2: {1: box(7, 9, 7, 9)}}
    result = jf.evaluate(gt, pred, [0, 1], video="v", protocol=jf.ALL_OBJECTS)
    by_object = {o.object_id: o for o in result.objects}
    assert by_object["1"].j == pytest.approx(50.0) and by_object["1"].f == pytest.approx(50.0)
    assert by_object["2"].j == pytest.approx(50.0) and by_object["2"].f == pytest.approx(50.0)
    assert result.jf == pytest.approx(50.0)
    assert result.videos["v"].objects == 2
    # the official protocol ignores object 2, which only the prediction has
    official = jf.evaluate(gt, pred, [0, 1], video="v")
    assert [o.object_id for o in official.objects] == ["1"] and official.jf == pytest.approx(50.0)


def test_means_per_object_then_over_objects():
    gt = {1: {0: box(2, 6, 2, 6)}, 2: {0: box(5, 6, 5, 6)}}
    pred = {1: {0: box(2, 6, 3, 7)}, 2: {0: box(5, 6, 7, 8)}}
    result = jf.evaluate(gt, pred)
    assert result.j == pytest.approx((60.0 + 0.0) / 2)
    assert result.f == pytest.approx((100.0 + 50.0) / 2)
    assert result.jf == pytest.approx((30.0 + 75.0) / 2)


def _write_objects(root, video, objects):
    for obj, frames in objects.items():
        folder = root / video / f"{obj:03d}"
        folder.mkdir(parents=True)
        for frame, mask in frames.items():
            Image.fromarray(mask).save(folder / f"{frame:05d}.png")


def test_folders_sav_and_davis_layouts(tmp_path):
    square = box(2, 6, 2, 6)
    _write_objects(tmp_path / "gt", "v1", {0: {0: square, 4: square, 8: square}})
    _write_objects(tmp_path / "pred", "v1", {0: {0: square, 4: box(2, 6, 3, 7)}})
    result = jf.evaluate_folders(tmp_path / "gt", tmp_path / "pred")
    # frames 0, 4, 8: J = (1 + 0.6 + 0) / 3, F = (1 + 1 + 0) / 3
    assert result.j == pytest.approx(160 / 3) and result.f == pytest.approx(200 / 3)
    skipped = jf.evaluate_folders(tmp_path / "gt", tmp_path / "pred", skip_first_and_last=True)
    assert skipped.j == pytest.approx(60.0)

    # DAVIS layout: palette PNGs with object numbers as pixel values
    labels = np.zeros((10, 10), dtype=np.uint8)
    labels[square] = 1
    labels[8:10, 8:10] = 2
    for side in ("gt2", "pred2"):
        (tmp_path / side / "v").mkdir(parents=True)
        Image.fromarray(labels, mode="P").save(tmp_path / side / "v" / "00000.png")
    assert jf.evaluate_folders(tmp_path / "gt2", tmp_path / "pred2").jf == 100.0

    out = StringIO()
    call_command("evaluate_jf", str(tmp_path / "gt"), str(tmp_path / "pred"), stdout=out)
    assert "Global score" in out.getvalue()
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match="no folder for videos: v1"):
        call_command("evaluate_jf", str(tmp_path / "gt"), str(tmp_path / "empty"))
