"""Ingest of real and synthetic videos: counts, timestamps, pixels, renditions, formats."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from media_helpers import (
    BEDROOM_SHA256,
    DictStore,
    barcode_frame,
    decode_jpeg,
    psnr,
    read_barcode,
    write_video,
)

from annotation.media import (
    THUMBNAIL_NAME,
    IngestResult,
    RenditionOptions,
    display_name,
    frame_name,
    ingest,
    probe,
)
from tests.data_paths import BEDROOM_FRAMES, BEDROOM_MP4


@pytest.fixture(scope="module")
def bedroom_native() -> tuple[IngestResult, DictStore]:
    store = DictStore()
    result = ingest(BEDROOM_MP4, annotation_fps=None, store=store)
    return result, store


def test_bedroom_at_native_rate_gives_200_frames(
    bedroom_native: tuple[IngestResult, DictStore],
) -> None:
    result, store = bedroom_native
    assert result.kind == "video"
    assert (result.width, result.height) == (960, 540)
    assert result.source_fps == 30.0
    assert result.source_frame_count == 200
    assert result.annotated_frame_count == 200
    assert result.annotation_fps is None
    assert result.duration_s == pytest.approx(200 / 30)
    assert result.frame_times == pytest.approx([i / 30 for i in range(200)])
    assert result.source_frame_numbers == list(range(200))
    assert result.codec == "h264"
    assert result.sha256 == BEDROOM_SHA256
    assert result.rotation == 0
    expected_names = {frame_name(i) for i in range(200)} | {display_name(i) for i in range(200)}
    assert set(store.files) == expected_names | {THUMBNAIL_NAME}
    assert result.stored_names == tuple(store.files)
    assert list(store.files)[:3] == ["frames/000000.jpg", "display/000000.jpg", "thumbnail.jpg"]


def test_every_bedroom_frame_matches_its_reference_jpeg(
    bedroom_native: tuple[IngestResult, DictStore],
) -> None:
    _, store = bedroom_native
    scores = []
    for index in range(200):
        stored = decode_jpeg(store.files[frame_name(index)])
        reference = decode_jpeg((BEDROOM_FRAMES / f"{index:05d}.jpg").read_bytes())
        assert stored.shape == reference.shape == (540, 960, 3)
        scores.append(psnr(stored, reference))
    assert min(scores) > 35, f"worst frame {int(np.argmin(scores))}: {min(scores):.1f} dB"
    # Frame i is best matched by reference i, not a neighbour (no off-by-one in sampling).
    for index in (1, 100, 198):
        stored = decode_jpeg(store.files[frame_name(index)])
        neighbours = [
            psnr(stored, decode_jpeg((BEDROOM_FRAMES / f"{j:05d}.jpg").read_bytes()))
            for j in (index - 1, index, index + 1)
        ]
        assert int(np.argmax(neighbours)) == 1


def test_bedroom_thumbnail_and_display(bedroom_native: tuple[IngestResult, DictStore]) -> None:
    result, store = bedroom_native
    assert decode_jpeg(store.files[THUMBNAIL_NAME]).shape == (180, 320, 3)
    assert (result.thumbnail_width, result.thumbnail_height) == (320, 180)
    # 960 px is below the 1280 px cap: the display copy is the full frame, never upscaled.
    assert (result.display_width, result.display_height) == (960, 540)
    assert store.files[display_name(5)] == store.files[frame_name(5)]


def test_bedroom_30_to_10_fps_gives_67_frames_with_timestamps() -> None:
    store = DictStore()
    result = ingest(BEDROOM_MP4, annotation_fps=10, store=store)
    assert result.annotated_frame_count == 67
    assert result.annotation_fps == 10.0
    assert result.source_frame_count == 200
    assert result.source_frame_numbers == list(range(0, 200, 3))
    assert result.frame_times == pytest.approx([k / 10 for k in range(67)])
    assert len([name for name in store.files if name.startswith("frames/")]) == 67
    stored = decode_jpeg(store.files[frame_name(10)])
    assert psnr(stored, decode_jpeg((BEDROOM_FRAMES / "00030.jpg").read_bytes())) > 35


def test_display_copy_long_side_is_capped() -> None:
    store = DictStore()
    result = ingest(
        BEDROOM_MP4, annotation_fps=3, store=store, rendition=RenditionOptions(display_max_side=480)
    )
    assert (result.display_width, result.display_height) == (480, 270)
    assert decode_jpeg(store.files[display_name(0)]).shape == (270, 480, 3)
    assert decode_jpeg(store.files[frame_name(0)]).shape == (540, 960, 3)


def test_default_display_cap_is_1280(tmp_path: Path) -> None:
    path = write_video(tmp_path / "wide.mp4", 3, size=(1600, 900))
    store = DictStore()
    result = ingest(path, annotation_fps=None, store=store)
    assert (result.width, result.height) == (1600, 900)
    assert decode_jpeg(store.files[display_name(2)]).shape == (720, 1280, 3)
    assert decode_jpeg(store.files[frame_name(2)]).shape == (900, 1600, 3)
    assert decode_jpeg(store.files[THUMBNAIL_NAME]).shape == (180, 320, 3)


def test_24_fps_clip_sampled_at_6_fps_keeps_every_fourth_frame(clip_24fps: Path) -> None:
    store = DictStore()
    result = ingest(clip_24fps, annotation_fps=6, store=store)
    assert result.annotated_frame_count == 13  # ceil(50 / 4)
    assert result.source_frame_numbers == list(range(0, 50, 4))
    assert result.frame_times == pytest.approx([k / 6 for k in range(13)])
    pictures = [read_barcode(decode_jpeg(store.files[frame_name(i)])) for i in range(13)]
    assert pictures == list(range(0, 50, 4))


def test_24_fps_clip_every_frame(clip_24fps: Path) -> None:
    store = DictStore()
    result = ingest(clip_24fps, annotation_fps=0, store=store)
    assert result.annotated_frame_count == 50
    pictures = [read_barcode(decode_jpeg(store.files[frame_name(i)])) for i in range(50)]
    assert pictures == list(range(50))


@pytest.mark.parametrize(
    ("suffix", "container_format", "codec", "expected_codec"),
    [
        ("mp4", "mp4", "libx264", "h264"),
        ("mov", "mov", "libx264", "h264"),
        ("webm", "webm", "libvpx-vp9", "vp9"),
        ("mkv", "matroska", "libx264", "h264"),
        ("avi", "avi", "mpeg4", "mpeg4"),
    ],
)
def test_accepted_containers(
    tmp_path: Path, suffix: str, container_format: str, codec: str, expected_codec: str
) -> None:
    # A misleading name: detection is by content, not extension.
    path = write_video(
        tmp_path / "upload.bin", 24, fps=24, codec=codec, container_format=container_format
    )
    store = DictStore()
    result = ingest(path, annotation_fps=6, store=store)
    assert result.codec == expected_codec
    assert result.source_frame_count == 24
    assert result.source_frame_numbers == [0, 4, 8, 12, 16, 20]
    pictures = [read_barcode(decode_jpeg(store.files[frame_name(i)])) for i in range(6)]
    assert pictures == [0, 4, 8, 12, 16, 20]


def test_ten_bit_hevc(tmp_path: Path) -> None:
    path = write_video(tmp_path / "hevc10.mp4", 12, codec="libx265", pixel_format="yuv420p10le")
    store = DictStore()
    result = ingest(path, annotation_fps=6, store=store)
    assert result.codec == "hevc"
    pictures = [read_barcode(decode_jpeg(store.files[frame_name(i)])) for i in range(3)]
    assert pictures == [0, 4, 8]


def test_variable_frame_rate_follows_the_timestamp_rule(tmp_path: Path) -> None:
    pts = [0, 10, 50, 200, 210, 400, 700, 720, 1000]  # milliseconds
    path = write_video(
        tmp_path / "vfr.mkv",
        len(pts),
        container_format="matroska",
        pts=pts,
        time_base=Fraction(1, 1000),
    )
    store = DictStore()
    result = ingest(path, annotation_fps=5, store=store)
    assert result.source_frame_numbers == [0, 3, 5, 6, 8]
    assert result.frame_times == pytest.approx([0.0, 0.2, 0.4, 0.7, 1.0])
    pictures = [read_barcode(decode_jpeg(store.files[frame_name(i)])) for i in range(5)]
    assert pictures == [0, 3, 5, 6, 8]


def test_rotation_flag_is_applied(tmp_path: Path) -> None:
    def marked(_: int) -> np.ndarray:
        picture = np.zeros((64, 128, 3), np.uint8)
        picture[:16, :16] = 255  # a white square in the top-left corner
        return picture

    path = write_video(tmp_path / "rotated.mp4", 2, rotation=90, picture=marked)
    info = probe(path)
    assert (info.width, info.height, info.rotation) == (64, 128, 90)
    store = DictStore()
    result = ingest(path, annotation_fps=None, store=store, info=info)
    upright = decode_jpeg(store.files[frame_name(0)])
    assert upright.shape == (128, 64, 3)
    # Turned 90 degrees counter-clockwise, the top-left corner ends bottom-left.
    assert upright[-16:, :16].mean() > 200
    assert upright[:16, :16].mean() < 50
    assert result.rotation == 90


def test_progress_reports_every_frame(clip_24fps: Path) -> None:
    calls: list[tuple[int, int]] = []
    ingest(
        clip_24fps, annotation_fps=6, store=DictStore(), progress=lambda d, t: calls.append((d, t))
    )
    assert [done for done, _ in calls] == list(range(1, 14))
    assert all(total >= done for done, total in calls)
    assert calls[-1] == (13, 13)


def test_exception_from_store_propagates_and_names_are_tracked(clip_24fps: Path) -> None:
    class Cancelled(Exception):
        pass

    stored: list[str] = []

    def store(name: str, data: bytes) -> None:
        if name == frame_name(2):
            raise Cancelled

    with pytest.raises(Cancelled):
        ingest(clip_24fps, annotation_fps=None, store=store, stored_names=stored)
    assert stored == [
        frame_name(0),
        display_name(0),
        THUMBNAIL_NAME,
        frame_name(1),
        display_name(1),
        frame_name(2),
    ]


def test_barcode_helper_round_trips() -> None:
    assert [read_barcode(barcode_frame(i)) for i in (0, 1, 77, 255)] == [0, 1, 77, 255]
