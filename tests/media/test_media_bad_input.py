"""Bad uploads: each gives IngestError with a plain message and leaves nothing stored.

Probe-time failures store nothing at all. Failures found mid-stream (a truncated file whose index
sits at its start) report in ``stored_names`` exactly what was stored, so the caller can delete it.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest
from media_helpers import DictStore, barcode_frame, image_bytes, write_video, write_zip

from annotation.media import ERROR_CODES, IngestError, IngestLimits, ingest, probe
from tests.data_paths import BEDROOM_FRAMES, BEDROOM_MP4

BEDROOM_JPEG = (BEDROOM_FRAMES / "00000.jpg").read_bytes()


def expect_refused(
    path: Path, code: str, words: str, *, annotation_fps: float | None = None, **kwargs: object
) -> IngestError:
    """Ingest must fail with ``code`` and a message containing ``words``, storing nothing."""
    store = DictStore()
    with pytest.raises(IngestError) as caught:
        ingest(path, annotation_fps=annotation_fps, store=store, **kwargs)  # type: ignore[arg-type]
    error = caught.value
    assert error.code == code, str(error)
    assert error.code in ERROR_CODES
    assert words.lower() in str(error).lower(), str(error)
    assert "Traceback" not in str(error) and str(path) not in str(error)
    assert list(error.stored_names) == list(store.files), "stored_names must list what was stored"
    if error.stored_names:
        assert code in {"truncated", "decode_failed", "bad_zip"}
    return error


def truncate(source: Path, target: Path, share: float = 0.5) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * share)])
    return target


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width`` x ``height`` but whose pixel data is a few bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(bytes(64)))
        + chunk(b"IEND", b"")
    )


# --- not a video at all -------------------------------------------------------------------


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "video.mp4"
    path.write_bytes(np.random.default_rng(0).integers(0, 256, 100_000, np.uint8).tobytes())
    expect_refused(path, "not_media", "not a video or a zip of images")


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Shot list:\n1. bedroom, wide\n2. kitchen\n" * 20)
    expect_refused(path, "not_media", "not a video or a zip of images")


def test_text_file_named_like_a_video(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    path.write_text("this is not a video\n")
    expect_refused(path, "not_media", "not a video")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.mp4"
    path.write_bytes(b"")
    expect_refused(path, "file_empty", "empty")


def test_missing_file(tmp_path: Path) -> None:
    expect_refused(tmp_path / "gone.mp4", "file_missing", "missing")


def test_single_image(tmp_path: Path) -> None:
    path = tmp_path / "frame.mp4"
    path.write_bytes(BEDROOM_JPEG)
    expect_refused(path, "single_image", "single image")


def test_refused_container(tmp_path: Path) -> None:
    path = tmp_path / "clip.gif"
    frames = [barcode_frame(i) for i in range(3)]
    from PIL import Image

    Image.fromarray(frames[0]).save(
        path, "GIF", save_all=True, append_images=[Image.fromarray(f) for f in frames[1:]]
    )
    expect_refused(path, "unsupported_container", "format we do not accept")


# --- truncated ------------------------------------------------------------------------------


def test_truncated_mp4_with_its_index_at_the_end(tmp_path: Path) -> None:
    # bedroom.mp4 keeps its moov box last: half the file has no index at all.
    path = truncate(BEDROOM_MP4, tmp_path / "half.mp4")
    expect_refused(path, "truncated", "seems truncated")


def test_truncated_mp4_with_its_index_first(tmp_path: Path) -> None:
    full = write_video(tmp_path / "fast.mp4", 240, container_options={"movflags": "faststart"})
    path = truncate(full, tmp_path / "half.mp4")
    probe(path)  # the header is intact: only decoding finds the missing end
    error = expect_refused(path, "truncated", "seems truncated")
    assert error.stored_names, "frames before the cut were stored and must be reported"
    assert "of its declared 10.0 s" in str(error)


@pytest.mark.parametrize(
    ("suffix", "container_format", "codec"),
    [("mkv", "matroska", "libx264"), ("webm", "webm", "libvpx-vp9"), ("avi", "avi", "mpeg4")],
)
def test_truncated_other_containers(
    tmp_path: Path, suffix: str, container_format: str, codec: str
) -> None:
    full = write_video(
        tmp_path / f"full.{suffix}", 240, codec=codec, container_format=container_format
    )
    expect_refused(truncate(full, tmp_path / f"half.{suffix}"), "truncated", "seems truncated")


def test_cut_inside_the_header(tmp_path: Path) -> None:
    full = write_video(tmp_path / "full.mkv", 24, container_format="matroska")
    path = tmp_path / "head.mkv"
    path.write_bytes(full.read_bytes()[:300])
    expect_refused(path, "decode_failed", "starts like an MKV/WebM video but could not be opened")


# --- no frames ------------------------------------------------------------------------------


def test_audio_only(tmp_path: Path) -> None:
    import av

    path = tmp_path / "audio.mp4"
    output = av.open(str(path), "w")
    stream = output.add_stream("aac", rate=48000)
    for index in range(20):
        samples = av.AudioFrame.from_ndarray(
            np.zeros((1, 1024), np.float32), format="fltp", layout="mono"
        )
        samples.sample_rate, samples.pts = 48000, index * 1024
        for packet in stream.encode(samples):
            output.mux(packet)
    for packet in stream.encode():
        output.mux(packet)
    output.close()
    expect_refused(path, "no_video_track", "no video track")


def test_video_track_without_frames(tmp_path: Path) -> None:
    # A video track is declared, but only audio packets follow.
    import av

    path = tmp_path / "silent.mkv"
    output = av.open(str(path), "w", format="matroska")
    video = output.add_stream("libx264", rate=24)
    video.width, video.height = 128, 64
    audio = output.add_stream("aac", rate=48000)
    for index in range(10):
        samples = av.AudioFrame.from_ndarray(
            np.zeros((1, 1024), np.float32), format="fltp", layout="mono"
        )
        samples.sample_rate, samples.pts = 48000, index * 1024
        for packet in audio.encode(samples):
            output.mux(packet)
    output.close()
    assert video.frames == 0
    expect_refused(path, "no_frames", "no frames")


def test_header_only_video(tmp_path: Path) -> None:
    import av

    path = tmp_path / "empty.mkv"
    output = av.open(str(path), "w", format="matroska")
    stream = output.add_stream("libx264", rate=24)
    stream.width, stream.height = 128, 64
    output.start_encoding()
    output.close()
    expect_refused(path, "no_frames", "empty")


# --- codec ----------------------------------------------------------------------------------


def test_unsupported_codec(tmp_path: Path) -> None:
    source = write_video(tmp_path / "ok.avi", 10, codec="mpeg4", container_format="avi")
    data = source.read_bytes()
    header = data.find(b"strh")
    fourcc = data[header + 12 : header + 16]  # the stream's codec tag, e.g. FMP4
    path = tmp_path / "unknown_codec.avi"
    path.write_bytes(data.replace(fourcc, b"QQQQ"))
    expect_refused(path, "unsupported_codec", "codec we cannot decode")


# --- limits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "limits",
    [IngestLimits(max_width=640), IngestLimits(max_height=480), IngestLimits(max_pixels=500_000)],
)
def test_dimensions_past_limits(limits: IngestLimits) -> None:
    expect_refused(BEDROOM_MP4, "too_wide", "960x540 pixels", limits=limits)


def test_duration_past_limit() -> None:
    expect_refused(
        BEDROOM_MP4,
        "too_long",
        "more than the limit of 0:05",
        limits=IngestLimits(max_duration_s=5),
    )


def test_frame_count_past_limit() -> None:
    expect_refused(
        BEDROOM_MP4, "too_many_frames", "200 frames", limits=IngestLimits(max_frames=100)
    )
    # The limit is on annotated frames: 67 at 10 fps fit under 100.
    result = ingest(
        BEDROOM_MP4, annotation_fps=10, store=DictStore(), limits=IngestLimits(max_frames=100)
    )
    assert result.annotated_frame_count == 67


def test_file_size_past_limit() -> None:
    expect_refused(
        BEDROOM_MP4,
        "file_too_large",
        "more than the limit",
        limits=IngestLimits(max_bytes=1_000_000),
    )


# --- zips -----------------------------------------------------------------------------------


def test_zip_with_mixed_image_sizes(tmp_path: Path) -> None:
    members = {f"{i:05d}.jpg": image_bytes(barcode_frame(i)) for i in range(5)}
    members["00003.jpg"] = image_bytes(barcode_frame(3, 64, 32))
    error = expect_refused(
        write_zip(tmp_path / "mixed.zip", members), "zip_mixed_sizes", "same size"
    )
    assert "'00003.jpg' is 64x32" in str(error)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notes.txt", b"frame notes"),
        ("annotations.json", b"{}"),
        ("00002.jpg", b"not really a jpeg"),
    ],
)
def test_zip_with_a_file_that_is_not_an_image(tmp_path: Path, name: str, data: bytes) -> None:
    members = {f"{i:05d}.jpg": image_bytes(barcode_frame(i)) for i in range(3)}
    members[name] = data
    error = expect_refused(
        write_zip(tmp_path / "extra.zip", members), "zip_not_image", "not a JPEG or PNG image"
    )
    assert name in str(error)


def test_zip_holding_a_video(tmp_path: Path) -> None:
    members = {"clip.mp4": BEDROOM_MP4.read_bytes()}
    path = write_zip(tmp_path / "video.zip", members)
    expect_refused(path, "zip_not_image", "upload the video file itself")


@pytest.mark.parametrize(
    "name",
    ["../evil.jpg", "frames/../../evil.jpg", "/etc/evil.jpg", "C:\\evil.jpg", "..\\evil.jpg"],
)
def test_zip_with_an_unsafe_name(tmp_path: Path, name: str) -> None:
    members = {"00000.jpg": image_bytes(barcode_frame(0)), name: image_bytes(barcode_frame(1))}
    expect_refused(write_zip(tmp_path / "unsafe.zip", members), "zip_unsafe_name", "unsafe name")


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    # 3 x 64 MiB of zeros compress to about 200 KB; the declared sizes give the bomb away.
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(3):
            with archive.open(f"{index:05d}.png", "w", force_zip64=True) as member:
                for _ in range(64):
                    member.write(bytes(1024 * 1024))
    assert os.path.getsize(path) < 2_000_000
    limits = IngestLimits(max_zip_uncompressed_bytes=100 * 1024 * 1024)
    expect_refused(path, "zip_too_large", "would unpack to", limits=limits)
    expect_refused(
        path, "zip_too_large", "per image", limits=IngestLimits(max_image_bytes=32 * 1024 * 1024)
    )


@pytest.mark.parametrize(
    ("width", "height", "code"), [(10_000, 10_000, "too_wide"), (20_000, 20_000, "too_wide")]
)
def test_zip_with_an_image_declaring_huge_dimensions(
    tmp_path: Path, width: int, height: int, code: str
) -> None:
    path = write_zip(tmp_path / "huge.zip", {"00000.png": png_header_only(width, height)})
    expect_refused(path, code, "limit")


def test_zip_limit_on_unpacked_size(bedroom_zip: Path) -> None:
    limits = IngestLimits(max_zip_uncompressed_bytes=5 * 1024 * 1024)
    expect_refused(bedroom_zip, "zip_too_large", "would unpack to", limits=limits)


def test_empty_zip(tmp_path: Path) -> None:
    path = tmp_path / "empty.zip"
    zipfile.ZipFile(path, "w").close()
    expect_refused(path, "zip_empty", "holds no images")


def test_zip_with_only_system_files(tmp_path: Path) -> None:
    members = {"frames/": b"", "frames/.DS_Store": b"\x00", "__MACOSX/frames/._00000.jpg": b"\x00"}
    expect_refused(write_zip(tmp_path / "junk.zip", members), "zip_empty", "holds no images")


def test_zip_with_two_folders(tmp_path: Path) -> None:
    members = {
        "a/00000.jpg": image_bytes(barcode_frame(0)),
        "b/00000.jpg": image_bytes(barcode_frame(1)),
    }
    expect_refused(write_zip(tmp_path / "two.zip", members), "zip_mixed_folders", "several folders")


def test_damaged_zip(bedroom_zip: Path, tmp_path: Path) -> None:
    # Cut before the central directory: the zip cannot be opened at all.
    expect_refused(truncate(bedroom_zip, tmp_path / "cut.zip"), "bad_zip", "damaged or incomplete")


def test_zip_with_a_damaged_image_part_way(tmp_path: Path) -> None:
    members = {f"{i:05d}.jpg": BEDROOM_JPEG for i in range(4)}
    members["00002.jpg"] = BEDROOM_JPEG[: len(BEDROOM_JPEG) // 2]  # the header still reads fine
    error = expect_refused(
        write_zip(tmp_path / "cut_image.zip", members), "decode_failed", "'00002.jpg'"
    )
    assert error.stored_names[:3] == ("frames/000000.jpg", "display/000000.jpg", "thumbnail.jpg")


def test_zip_entry_corrupted_after_its_header(bedroom_zip: Path, tmp_path: Path) -> None:
    # Flip bytes in the middle of a stored member: the CRC check fails while reading it.
    data = bytearray(bedroom_zip.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        member = archive.getinfo("bedroom/00100.jpg")
    start = member.header_offset + 30 + len(member.filename) + 20_000
    data[start : start + 64] = bytes(64)
    path = tmp_path / "crc.zip"
    path.write_bytes(bytes(data))
    error = expect_refused(path, "bad_zip", "'bedroom/00100.jpg'")
    assert len(error.stored_names) == 100 * 2 + 1


def test_error_codes_are_documented() -> None:
    assert all(isinstance(text, str) and text for text in ERROR_CODES.values())
