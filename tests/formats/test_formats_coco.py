import io
import json

import numpy as np
import pytest
from formats_testdata import small_video
from pycocotools.coco import COCO

import maskcodec
from annotation.formats.coco import parse_coco, write_coco
from annotation.formats.errors import FormatError
from annotation.formats.model import ImportTarget

TARGET = ImportTarget(height=12, width=16, annotated_frame_count=6)


def _export(**kwargs) -> tuple[bytes, dict]:
    export, truth = small_video(**kwargs)
    out = io.BytesIO()
    manifest = write_coco(out, [export], categories=["dog", "person"])
    assert manifest.masks == sum(len(v) for v in truth.values())
    return out.getvalue(), truth


def test_write_then_parse_gives_identical_masks():
    data, truth = _export()
    parsed = parse_coco(io.BytesIO(data), TARGET)
    assert parsed.to_dict() == {str(k): v for k, v in truth.items()}
    labels = {m.external_id: m.label for m in parsed.masklets}
    assert labels == {"1": "person", "2": "dog", "5": "unlabeled"}


def test_written_file_is_plain_coco(tmp_path):
    data, truth = _export()
    path = tmp_path / "coco.json"
    path.write_bytes(data)
    coco = COCO(str(path))
    assert [c["name"] for c in coco.loadCats(coco.getCatIds())] == ["dog", "person", "unlabeled"]
    assert len(coco.getImgIds()) == 6  # one image per annotated frame
    annotation = coco.loadAnns(coco.getAnnIds())[0]
    expected = truth[annotation["track_id"]][annotation["frame_index"]]
    assert np.array_equal(coco.annToMask(annotation).astype(bool), maskcodec.decode(expected))
    assert annotation["bbox"] == maskcodec.bbox(expected)
    assert annotation["area"] == maskcodec.area(expected)


def _doc(**changes) -> dict:
    data, _ = _export()
    doc = json.loads(data)
    doc.update(changes)
    return doc


def _parse(doc, target=TARGET, **kwargs):
    return parse_coco(io.BytesIO(json.dumps(doc).encode()), target, **kwargs)


def test_polygons_and_file_name_frames():
    doc = {
        "images": [{"id": 10, "file_name": "frames/00003.jpg", "width": 16, "height": 12}],
        "categories": [{"id": 1, "name": "box"}],
        "annotations": [
            {"id": 1, "image_id": 10, "category_id": 1, "segmentation": [[2, 2, 8, 2, 8, 6, 2, 6]]}
        ],
    }
    parsed = _parse(doc)
    (mask,) = list(parsed.iter_masks())
    assert mask.frame == 3 and mask.external_id == "1"
    assert maskcodec.area(mask.rle) > 0


def test_unknown_labels_are_listed():
    target = ImportTarget(12, 16, 6, known_labels={"person"})
    with pytest.raises(FormatError, match="labels this project does not have: dog, unlabeled"):
        _parse(_doc(), target)


def test_several_videos_need_a_choice():
    export_a, _ = small_video(video_id="a")
    export_b, truth_b = small_video(video_id="b")
    out = io.BytesIO()
    write_coco(out, [export_a, export_b])
    with pytest.raises(FormatError, match=r"2 videos \(a, b\); choose one"):
        parse_coco(out, TARGET)
    assert parse_coco(out, TARGET, video="b").to_dict() == {str(k): v for k, v in truth_b.items()}


@pytest.mark.parametrize(
    ("change", "target", "message"),
    [
        ({}, ImportTarget(12, 17, 6), "image width 16 does not match"),
        ({}, ImportTarget(12, 16, 5), "is frame 5, but this video has annotated frames 0 to 4"),
        ({"categories": []}, TARGET, "category 2 is not defined"),
        ({"images": []}, TARGET, "not listed"),
        ({"annotations": "x"}, TARGET, "annotations must be a list"),
    ],
)
def test_parse_errors(change, target, message):
    with pytest.raises(FormatError, match=message):
        _parse(_doc(**change), target)


def test_bad_masks_and_duplicates():
    doc = _doc()
    doc["annotations"][0]["segmentation"]["counts"] = "not~rle"
    with pytest.raises(FormatError, match=r"annotations\[0\]: malformed mask"):
        _parse(doc)
    doc = _doc()
    doc["annotations"].append(dict(doc["annotations"][0], id=999))
    with pytest.raises(FormatError, match="two masks on frame 0"):
        _parse(doc)
    with pytest.raises(FormatError, match="not valid JSON"):
        parse_coco(io.BytesIO(b'{"images": [{"id": 1, "frame_index": 0}, {"id'), TARGET)
