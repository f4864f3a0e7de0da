"""maskcodec against pycocotools (the reference COCO implementation) and on masks whose area,
box and overlap are known by construction. Masks are bool (height, width); RLE is column-major."""

from __future__ import annotations

import json

import numpy as np
import pytest
from pycocotools import mask as coco_mask

import maskcodec
from tests.data_paths import SAV_EXAMPLE

SHAPES = [(1, 1), (1, 7), (7, 1), (3, 4), (48, 64), (540, 960)]


def rectangle(height: int, width: int, top: int, left: int, rows: int, columns: int) -> np.ndarray:
    mask = np.zeros((height, width), dtype=bool)
    mask[top : top + rows, left : left + columns] = True
    return mask


def reference_rle(mask: np.ndarray) -> dict:
    return coco_mask.encode(np.asfortranarray(mask.astype(np.uint8)))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("density", [0.0, 0.03, 0.5, 1.0])
def test_round_trip_matches_pycocotools(shape: tuple[int, int], density: float) -> None:
    rng = np.random.default_rng(hash((shape, density)) & 0xFFFF)
    mask = rng.random(shape) < density
    rle = maskcodec.encode(mask)
    reference = reference_rle(mask)

    assert rle == {"size": [shape[0], shape[1]], "counts": reference["counts"].decode("ascii")}
    assert isinstance(rle["counts"], str) and all(isinstance(v, int) for v in rle["size"])
    decoded = maskcodec.decode(rle)
    assert decoded.dtype == bool and decoded.shape == shape and np.array_equal(decoded, mask)
    assert np.array_equal(coco_mask.decode(reference).astype(bool), decoded)
    assert maskcodec.area(rle) == int(mask.sum()) == int(coco_mask.area(reference))
    assert maskcodec.bbox(rle) == [float(v) for v in coco_mask.toBbox(reference)]
    assert maskcodec.validate(rle) == rle


def test_rle_is_column_major() -> None:
    # 2x3 with one pixel at row 0, column 1: column-major index 1*2 + 0 = 2, so runs 2 off, 1 on, 3 off.
    mask = np.zeros((2, 3), dtype=bool)
    mask[0, 1] = True
    assert maskcodec.validate({"size": [2, 3], "counts": [2, 1, 3]}) == maskcodec.encode(mask)
    # Row-major order would put the pixel at index 1: runs 1 off, 1 on, 4 off, another mask.
    assert maskcodec.validate({"size": [2, 3], "counts": [1, 1, 4]}) != maskcodec.encode(mask)


def test_encode_accepts_any_truthy_dtype_and_refuses_other_ranks() -> None:
    mask = rectangle(6, 8, 1, 2, 3, 4)
    assert maskcodec.encode(mask.astype(np.uint8) * 255) == maskcodec.encode(mask)
    assert maskcodec.encode(np.ascontiguousarray(mask)) == maskcodec.encode(np.asfortranarray(mask))
    with pytest.raises(ValueError, match="2-D"):
        maskcodec.encode(np.zeros((2, 3, 1), dtype=bool))


def test_area_and_bbox_of_crafted_masks() -> None:
    square = maskcodec.encode(rectangle(10, 12, 2, 3, 4, 7))
    assert maskcodec.area(square) == 28
    assert maskcodec.bbox(square) == [3.0, 2.0, 7.0, 4.0]  # [x, y, width, height] in pixels

    ell = rectangle(20, 30, 5, 5, 10, 2) | rectangle(20, 30, 13, 5, 2, 12)  # an L: 20 + 24 - 4
    assert maskcodec.area(maskcodec.encode(ell)) == 40
    assert maskcodec.bbox(maskcodec.encode(ell)) == [5.0, 5.0, 12.0, 10.0]

    corners = np.zeros((9, 11), dtype=bool)
    corners[0, 0] = corners[8, 10] = True
    assert maskcodec.area(maskcodec.encode(corners)) == 2
    assert maskcodec.bbox(maskcodec.encode(corners)) == [0.0, 0.0, 11.0, 9.0]

    full = maskcodec.encode(np.ones((5, 4), dtype=bool))
    assert maskcodec.area(full) == 20 and maskcodec.bbox(full) == [0.0, 0.0, 4.0, 5.0]


def test_iou_of_crafted_masks() -> None:
    a = maskcodec.encode(rectangle(20, 20, 0, 0, 10, 10))  # 100 px
    b = maskcodec.encode(rectangle(20, 20, 5, 5, 10, 10))  # 100 px, 25 shared
    assert maskcodec.iou(a, b) == pytest.approx(25 / 175)
    assert maskcodec.iou(b, a) == pytest.approx(25 / 175)
    assert maskcodec.iou(a, a) == 1.0
    inner = maskcodec.encode(rectangle(20, 20, 2, 2, 5, 5))  # 25 px inside a
    assert maskcodec.iou(a, inner) == pytest.approx(0.25)
    apart = maskcodec.encode(rectangle(20, 20, 15, 15, 5, 5))
    assert maskcodec.iou(a, apart) == 0.0


def test_empty_masks() -> None:
    empty = maskcodec.empty(4, 6)
    assert empty == maskcodec.encode(np.zeros((4, 6), dtype=bool))
    assert empty["size"] == [4, 6]
    assert not maskcodec.decode(empty).any() and maskcodec.decode(empty).shape == (4, 6)
    assert maskcodec.area(empty) == 0
    assert maskcodec.bbox(empty) == [0.0, 0.0, 0.0, 0.0]
    assert maskcodec.validate(empty) == empty
    # Two empty masks are the same mask; an empty one against a non-empty one shares nothing.
    assert maskcodec.iou(empty, maskcodec.empty(4, 6)) == 1.0
    assert maskcodec.iou(empty, maskcodec.encode(rectangle(4, 6, 1, 1, 2, 2))) == 0.0


def test_validate_converts_uncompressed_counts() -> None:
    # 5x7, rows 1-3 of columns 2-3, in column-major runs starting with background:
    # 2 columns + 1 pixel off, 3 on, 2 off, 3 on, the rest (1 + 3 columns) off.
    mask = rectangle(5, 7, 1, 2, 3, 2)
    counts = [11, 3, 2, 3, 16]
    assert maskcodec.validate({"size": [5, 7], "counts": counts}) == maskcodec.encode(mask)
    reference = coco_mask.frPyObjects({"size": [5, 7], "counts": counts}, 5, 7)
    assert np.array_equal(coco_mask.decode(reference).astype(bool), mask)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not a dict", "must be an object"),
        ({"size": [2, 2]}, "must be an object"),
        ({"size": [2, 2], "counts": "04", "extra": 1}, "must be an object"),
        ({"size": [2], "counts": "04"}, "size must be"),
        ({"size": [2, True], "counts": "04"}, "size must be"),
        ({"size": [2, -1], "counts": "04"}, "size must be"),
        ({"size": [20001, 1], "counts": "04"}, "size must be"),
        ({"size": [2, 2], "counts": [1, 2]}, "add up to height"),
        ({"size": [2, 2], "counts": [1, -1, 4]}, "add up to height"),
        ({"size": [2, 2], "counts": 4}, "compressed string"),
        ({"size": [2, 2], "counts": "é"}, "compressed string"),
        ({"size": [2, 2], "counts": "0 4"}, "alphabet"),
        ({"size": [2, 3], "counts": maskcodec.empty(2, 2)["counts"]}, "do not cover"),
    ],
)
def test_validate_refuses_what_is_not_an_rle(value: object, message: str) -> None:
    with pytest.raises(maskcodec.RLEError, match=message):
        maskcodec.validate(value)
    assert issubclass(maskcodec.RLEError, ValueError)


def test_sav_example_masks_round_trip_unchanged() -> None:
    # SA-V's own RLEs (sav_000001, 848x480): each validates, and decode then encode gives it back.
    data = json.loads((SAV_EXAMPLE / "sav_000001_manual.json").read_text())
    checked = 0
    for frame in data["masklet"][::10]:
        for rle in frame:
            assert maskcodec.validate(rle) == rle
            mask = maskcodec.decode(rle)
            assert mask.shape == (848, 480)
            assert maskcodec.encode(mask) == rle
            assert maskcodec.area(rle) == int(mask.sum())
            checked += 1
    assert checked == 13 * 5
