import io
import json
import zipfile

import numpy as np
import pytest
from formats_testdata import small_video
from PIL import Image

from annotation.formats.davis import davis_palette, parse_davis, write_davis
from annotation.formats.errors import FormatError
from annotation.formats.model import ImportTarget

TARGET = ImportTarget(height=12, width=16, annotated_frame_count=6)


def _export(**kwargs):
    export, truth = small_video(**kwargs)
    out = io.BytesIO()
    manifest = write_davis(out, [export])
    return out, truth, manifest


def _zip(entries: dict[str, bytes]) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out


def _png(array, mode=None) -> bytes:
    buffer = io.BytesIO()
    image = Image.fromarray(array)
    if mode == "P":
        image = image.convert("P")
        image.putpalette(davis_palette())  # without a palette Pillow renumbers the colours
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_palette_is_davis():
    palette = davis_palette()
    assert palette[:12] == [0, 0, 0, 128, 0, 0, 0, 128, 0, 128, 128, 0]


def test_write_then_parse_gives_identical_masks():
    out, truth, manifest = _export()
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        stored = json.loads(archive.read("manifest.json"))
    assert "Annotations/clip/00003.png" in names
    assert "Annotations_objects/clip/005/00001.png" in names  # absent frame: empty PNG
    assert stored["totals"] == {"videos": 1, "masklets": 3, "frames": 6, "masks": 13}
    assert manifest.videos[0].details["palette"] == {"1": 1, "2": 2, "5": 5}
    parsed = parse_davis(out, TARGET)
    assert parsed.to_dict() == {str(k): v for k, v in truth.items()}


def test_palette_only_zip_round_trips_without_overlaps():
    out, truth, _ = _export()
    with zipfile.ZipFile(out) as archive:
        palette_only = {
            n: archive.read(n) for n in archive.namelist() if n.startswith("Annotations/")
        }
    parsed = parse_davis(_zip(palette_only), TARGET)
    assert parsed.to_dict() == {str(k): v for k, v in truth.items()}


def test_overlaps_are_reported_and_kept_whole_per_object():
    out, truth, manifest = _export(overlap=True)
    assert manifest.videos[0].details["overlap_frames"] == 3
    assert any("overlap" in note for note in manifest.videos[0].notes)
    assert parse_davis(out, TARGET).to_dict() == {str(k): v for k, v in truth.items()}


def test_frame_step_and_bare_layouts():
    labels = np.zeros((12, 16), dtype=np.uint8)
    labels[2:5, 3:6] = 4
    zipped = _zip({"00000.png": _png(labels, "P"), "00008.png": _png(labels, "L")})
    parsed = parse_davis(zipped, TARGET, frame_step=4)
    assert [(m.external_id, m.first_frame, m.last_frame) for m in parsed.masklets] == [("4", 0, 2)]
    with pytest.raises(FormatError, match="not a multiple of the frame step 3"):
        parse_davis(zipped, TARGET, frame_step=3)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"../evil/00000.png": b""}, "unsafe path"),
        ({"/abs/00000.png": b""}, "unsafe path"),
        ({"v/..\\00000.png": b""}, "unsafe path"),
        ({"v/00000.jpg": b"x"}, "only PNG files"),
        ({"v/readme.txt": b"x"}, "only PNG files"),
        ({"v/frame.png": b"x"}, "frame numbers"),
        ({"v/00006.png": b"x"}, "beyond this video's 6 annotated frames"),
        ({"v/00000.png": b"not png"}, "not a readable PNG"),
        ({"v/00000.png": _png(np.zeros((12, 15), dtype=np.uint8))}, "15x12"),
        ({"v/00000.png": _png(np.zeros((12, 16, 3), dtype=np.uint8))}, "the PNG is RGB"),
        (
            {"a/00000.png": _png(np.zeros((12, 16), dtype=np.uint8)), "b/00000.png": b""},
            r"2 videos \(a, b\)",
        ),
        ({"v/0/1/2/00000.png": b""}, "unexpected folder layout"),
        ({"v/00000.png": b"", "v/0.png": b""}, "two PNGs are for frame 0"),
    ],
)
def test_zip_errors(entries, message):
    with pytest.raises(FormatError, match=message):
        parse_davis(_zip(entries), TARGET)


def test_not_a_zip():
    with pytest.raises(FormatError, match="not a readable zip"):
        parse_davis(io.BytesIO(b"hello"), TARGET)


def test_exported_folders_evaluate_to_100(tmp_path):
    from annotation.evaluation.jf import evaluate_folders

    out, truth, _ = _export(overlap=True)
    with zipfile.ZipFile(out) as archive:
        archive.extractall(tmp_path / "gt")
        archive.extractall(tmp_path / "pred")
    result = evaluate_folders(tmp_path / "gt", tmp_path / "pred")
    assert result.jf == 100.0
    assert {o.object_id for o in result.objects} == {"1", "2", "5"}
    # drop masklet 5 from the prediction: its J and F become 0 on the 3 frames it is visible
    (tmp_path / "pred" / "Annotations_objects" / "clip" / "005" / "00000.png").unlink()
    result = evaluate_folders(tmp_path / "gt", tmp_path / "pred")
    by_object = {o.object_id: o for o in result.objects}
    assert by_object["5"].j == pytest.approx(100 * 5 / 6)
