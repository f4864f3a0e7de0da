import io
import json
import tracemalloc
import zipfile

import numpy as np
import pytest
from formats_testdata import SAV_AUTO, SAV_MANUAL, sav_video_meta, small_video

import maskcodec
from annotation.formats import _io
from annotation.formats.errors import FormatError
from annotation.formats.model import FrameRow, ImportTarget, MaskletMeta, VideoMeta
from annotation.formats.sav import (
    masklet_statistics,
    parse_sav,
    size_bucket,
    write_sav,
    write_sav_export,
)

TARGET = ImportTarget(height=848, width=480, annotated_frame_count=121)
STAT_KEYS = [
    "masklet_size_rel",
    "masklet_size_abs",
    "masklet_size_bucket",
    "masklet_visibility_changes",
    "masklet_first_appeared_frame",
    "masklet_frame_count",
    "masklet_edited_frame_count",
    "masklet_type",
]


def _rows(parsed):
    """Regroup a parse's masks (yielded in frame order) into frame rows."""
    current, masks, scores = None, {}, {}
    for mask in parsed.iter_masks():
        if current is not None and mask.frame != current:
            yield FrameRow(current, masks, scores)
            masks, scores = {}, {}
        current = mask.frame
        masks[int(mask.external_id)] = mask.rle
        if mask.score is not None:
            scores[int(mask.external_id)] = mask.score
    if current is not None:
        yield FrameRow(current, masks, scores)


@pytest.mark.parametrize("path", [SAV_MANUAL, SAV_AUTO], ids=["manual", "auto"])
def test_round_trip_gives_back_the_released_file(path):
    original = json.loads(path.read_text())
    parsed = parse_sav(path, TARGET)
    assert [m.external_id for m in parsed.masklets] == [str(i) for i in original["masklet_id"]]

    # RLE for RLE: every non-empty mask of the file, as the same string
    masks = parsed.to_dict()
    for f, frame in enumerate(original["masklet"]):
        for j, rle in enumerate(frame):
            got = masks[str(j)].get(f)
            if maskcodec.area(rle):
                assert got == rle
            else:
                assert got is None

    masklets = [
        MaskletMeta(int(m.external_id), m.type, None, m.edited_frame_count) for m in parsed.masklets
    ]
    out = io.BytesIO()
    manifest = write_sav(out, sav_video_meta(), masklets, _rows(parsed))
    written = json.loads(out.getvalue())
    assert list(written) == list(original)
    for key in STAT_KEYS:
        if key in ("masklet_size_rel", "masklet_size_abs"):
            assert written[key] == pytest.approx(original[key], rel=1e-9), key
        else:
            assert written[key] == original[key], key
    assert written == original
    assert out.getvalue() == path.read_bytes()  # byte for byte, key order and float forms
    assert manifest.masks == sum(m.mask_count for m in parsed.masklets)


@pytest.mark.parametrize("path", [SAV_MANUAL, SAV_AUTO], ids=["manual", "auto"])
def test_statistics_reproduce_the_example(path):
    data = json.loads(path.read_text())
    resolution = data["video_resolution"]
    manual = data["masklet_type"][0] == "manual"
    for j in range(data["masklet_num"]):
        stats = masklet_statistics(maskcodec.area(frame[j]) for frame in data["masklet"])
        size_abs, size_rel = stats.size_abs, stats.size_rel(int(resolution))
        if manual:  # the manual file rounds to 10 decimals
            size_abs, size_rel = round(size_abs, 10), round(size_rel, 10)
        assert size_abs == data["masklet_size_abs"][j]
        assert size_rel == data["masklet_size_rel"][j]
        assert stats.size_bucket == data["masklet_size_bucket"][j]
        assert stats.visibility_changes == data["masklet_visibility_changes"][j]
        assert stats.first_appeared_frame == data["masklet_first_appeared_frame"][j]
        assert stats.frame_count == data["masklet_frame_count"][j]


def test_statistics_rules():
    s = masklet_statistics([0, 0, 5, 0, 7, 6, 0])
    assert s.first_appeared_frame == 2  # annotated-frame index
    assert s.visibility_changes == 3  # after the first appearance only
    assert s.size_abs == 6.0 and s.frame_count == 7
    never = masklet_statistics([0, 0])
    assert never.first_appeared_frame is None and never.size_abs == 0.0
    assert [size_bucket(a) for a in (1, 1023.9, 1024, 9215, 9216)] == [
        "small",
        "small",
        "medium",
        "medium",
        "large",
    ]


def test_writer_fills_gaps_and_rejects_bad_rows():
    video = VideoMeta("v", width=4, height=3, annotated_frame_count=4, source_frame_count=16)
    mask = maskcodec.encode(np.ones((3, 4), dtype=bool))
    out = io.BytesIO()
    write_sav(out, video, [MaskletMeta(7, "auto")], [FrameRow(2, {7: mask}, {7: 0.25})])
    data = json.loads(out.getvalue())
    assert len(data["masklet"]) == 4
    assert data["masklet"][2] == [mask] and data["masklet"][0] == [maskcodec.empty(3, 4)]
    assert data["masklet_stability_score"] == [[1.0], [1.0], [0.25], [1.0]]
    assert data["masklet_first_appeared_frame"] == [2]
    assert data["masklet_frame_count"] == [4]
    with pytest.raises(FormatError, match="increasing order"):
        write_sav(io.BytesIO(), video, [MaskletMeta(7)], [(2, {}), (1, {})])
    with pytest.raises(FormatError, match="unknown masklets"):
        write_sav(io.BytesIO(), video, [MaskletMeta(7)], [(0, {8: mask})])
    with pytest.raises(FormatError, match="height, width"):
        write_sav(io.BytesIO(), video, [MaskletMeta(7)], [(0, {7: maskcodec.empty(4, 3)})])
    with pytest.raises(FormatError, match="either manual or auto"):
        write_sav(io.BytesIO(), video, [MaskletMeta(1, "manual"), MaskletMeta(2, "auto")], [])


def test_export_zip_splits_manual_and_auto():
    export, truth = small_video()
    out = io.BytesIO()
    manifest = write_sav_export(out, [export])
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["clip_auto.json", "clip_manual.json", "manifest.json"]
        manual = json.loads(archive.read("clip_manual.json"))
        auto = json.loads(archive.read("clip_auto.json"))
        assert json.loads(archive.read("manifest.json"))["totals"]["masks"] == manifest.masks
    assert manual["masklet_id"] == [1, 2] and auto["masklet_id"] == [5]
    assert manual["masklet_edited_frame_count"] == [2, 0]
    assert manifest.masks == sum(len(v) for v in truth.values())
    target = ImportTarget(height=12, width=16, annotated_frame_count=6)
    with zipfile.ZipFile(out) as archive:
        back = parse_sav(io.BytesIO(archive.read("clip_manual.json")), target).to_dict()
    assert back == {"1": truth[1], "2": truth[2]}


def _sav_bytes(**changes) -> bytes:
    data = json.loads(SAV_MANUAL.read_text())
    data.update(changes)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("payload", "target", "message"),
    [
        (SAV_MANUAL.read_bytes(), ImportTarget(848, 481, 121), "width is 481"),
        (SAV_MANUAL.read_bytes(), ImportTarget(800, 480, 121), "height is 800"),
        (SAV_MANUAL.read_bytes(), ImportTarget(848, 480, 120), "more annotated frames"),
        (SAV_MANUAL.read_bytes(), ImportTarget(848, 480, 122), "121 annotated frames"),
        (SAV_MANUAL.read_bytes()[:5000], TARGET, "not valid JSON"),
        (b"[1, 2]", TARGET, "must be a JSON object"),
        (b"\xff\xfe{", TARGET, "not UTF-8"),
        (_sav_bytes(masklet_num=4), TARGET, "masklet_num says 4"),
        (_sav_bytes(masklet_id=[0, 1, 1, 2, 3]), TARGET, "ids repeat"),
        (
            _sav_bytes(
                masklet=[[maskcodec.empty(848, 480)] * 5] + [[maskcodec.empty(848, 480)] * 4] * 120
            ),
            TARGET,
            "different numbers",
        ),
        (
            _sav_bytes(masklet=[[{"size": [848, 480], "counts": "P`]<x~"}] * 5] * 121),
            TARGET,
            "malformed mask",
        ),
        (
            _sav_bytes(masklet=[[{"size": [848, 480], "counts": "P`];"}] * 5] * 121),
            TARGET,
            "malformed mask",
        ),
        (
            _sav_bytes(masklet=[[maskcodec.empty(800, 480)] * 5] * 121),
            TARGET,
            "does not match",
        ),
        (b'{"video_id": "x"}', TARGET, 'no "masklet" list'),
    ],
)
def test_parse_errors_are_plain(payload, target, message):
    with pytest.raises(FormatError, match=message):
        parse_sav(io.BytesIO(payload), target)


def test_parser_copes_with_tiny_read_chunks(monkeypatch):
    monkeypatch.setattr(_io, "_CHUNK", 7)
    parsed = parse_sav(SAV_AUTO, TARGET)
    monkeypatch.setattr(_io, "_CHUNK", 1 << 16)
    assert parsed.to_dict() == parse_sav(SAV_AUTO, TARGET).to_dict()


def _synthetic_rows(frames: int, masklets: int, size: int):
    for f in range(frames):
        masks = {}
        for m in range(masklets):
            mask = np.zeros((size, size), dtype=bool)
            mask[(f + m) % size, : (m % size) + 1] = True
            masks[m] = maskcodec.encode(mask)
        yield FrameRow(f, masks, {m: 0.9 for m in masks})


def _peak(frames: int) -> tuple[int, bytes]:
    video = VideoMeta("big", width=24, height=24, annotated_frame_count=frames)
    masklets = [MaskletMeta(m, "auto") for m in range(10)]
    out = io.BytesIO()
    tracemalloc.start()
    write_sav(out, video, masklets, _synthetic_rows(frames, 10, 24))
    written = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    data = out.getvalue()
    out.close()
    target = ImportTarget(24, 24, frames)
    tracemalloc.start()
    count = sum(1 for _ in parse_sav(io.BytesIO(data), target).iter_masks())
    parsed = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == frames * 10
    return max(written - len(data) * 2, parsed - len(data) * 2), data


def test_writer_and_parser_memory_does_not_grow_with_masks():
    # Python allocations beyond the output buffer itself, at 10x the masks
    small, _ = _peak(100)
    large, _ = _peak(1000)
    assert large < small * 1.5 + 200_000
