"""Ingest of zips of frame images (SAM 2 / DAVIS / YouTube-VOS JPEG-folder layout)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from media_helpers import (
    DictStore,
    barcode_frame,
    decode_jpeg,
    image_bytes,
    psnr,
    read_barcode,
    write_zip,
)

from annotation.media import THUMBNAIL_NAME, display_name, frame_name, ingest, probe, sha256_file
from tests.data_paths import BEDROOM_FRAMES


def test_bedroom_frame_folder_zip_gives_200_identical_frames(bedroom_zip: Path) -> None:
    store = DictStore()
    result = ingest(bedroom_zip, annotation_fps=None, store=store)
    assert result.kind == "frames"
    assert result.codec == "jpeg"
    assert (result.width, result.height) == (960, 540)
    assert result.source_frame_count == result.annotated_frame_count == 200
    assert (
        result.source_fps == 24.0
    )  # the default when neither frames_fps nor annotation_fps is set
    assert result.frame_times == pytest.approx([i / 24 for i in range(200)])
    assert result.sha256 == sha256_file(str(bedroom_zip))
    for index in range(200):
        # Plain RGB JPEGs are stored as uploaded: bit-exact, no generation loss.
        assert store.files[frame_name(index)] == (BEDROOM_FRAMES / f"{index:05d}.jpg").read_bytes()
    assert decode_jpeg(store.files[THUMBNAIL_NAME]).shape == (180, 320, 3)
    assert decode_jpeg(store.files[display_name(199)]).shape == (540, 960, 3)


def test_zip_frame_rate_comes_from_the_caller_or_the_project(bedroom_zip: Path) -> None:
    info = probe(bedroom_zip, annotation_fps=6)
    assert info.source_fps == 6.0 and info.declared_duration_s == pytest.approx(200 / 6)
    result = ingest(bedroom_zip, annotation_fps=6, store=DictStore(), info=info)
    assert result.annotated_frame_count == 200  # every image is a frame at the project's rate
    assert result.frame_times[1] == pytest.approx(1 / 6)

    store = DictStore()
    result = ingest(bedroom_zip, annotation_fps=10, frames_fps=30, store=store)
    assert result.source_fps == 30.0
    assert result.annotated_frame_count == 67  # a 30 fps frame folder sampled at 10 fps
    assert result.source_frame_numbers[:3] == [0, 3, 6]
    assert store.files[frame_name(1)] == (BEDROOM_FRAMES / "00003.jpg").read_bytes()


def test_png_frames_at_the_zip_root_in_natural_order(tmp_path: Path) -> None:
    members = {f"frame_{i}.png": image_bytes(barcode_frame(i), "PNG") for i in range(12)}
    members[".DS_Store"] = b"\x00\x00\x00\x01Bud1"
    members["__MACOSX/._frame_1.png"] = b"\x00\x05\x16\x07"
    path = write_zip(tmp_path / "pngs.zip", members)
    store = DictStore()
    result = ingest(path, annotation_fps=None, store=store)
    assert result.codec == "png"
    assert result.annotated_frame_count == 12
    # frame_2 comes before frame_10: digit runs compare as numbers.
    pictures = [read_barcode(decode_jpeg(store.files[frame_name(i)])) for i in range(12)]
    assert pictures == list(range(12))
    stored = decode_jpeg(store.files[frame_name(5)])
    assert psnr(stored, barcode_frame(5)) > 35


def test_rgba_grayscale_and_exif_rotated_images_are_reencoded(tmp_path: Path) -> None:
    from PIL import Image

    rgba = np.dstack([barcode_frame(0), np.full((64, 128), 255, np.uint8)])
    gray = barcode_frame(1)[:, :, 0]
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display": browsers would turn it, SAM 2 would not
    rotated_jpeg = image_bytes(barcode_frame(2), "JPEG", exif=exif.tobytes(), quality=95)
    members = {
        "seq/00000.png": image_bytes(rgba, "PNG"),
        "seq/00001.jpg": image_bytes(gray, "JPEG", quality=95),
        "seq/00002.jpg": rotated_jpeg,
    }
    store = DictStore()
    result = ingest(write_zip(tmp_path / "mixed.zip", members), annotation_fps=None, store=store)
    assert result.codec == "jpeg,png"
    assert store.files[frame_name(2)] != rotated_jpeg
    for index in range(3):
        picture = decode_jpeg(store.files[frame_name(index)])
        assert picture.shape == (64, 128, 3)
        assert read_barcode(picture) == index
