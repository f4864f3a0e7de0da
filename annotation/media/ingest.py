"""``ingest``: turn a probed upload into stored annotated-frame JPEGs, streaming.

Stored names (relative; the caller chooses the prefix, e.g. ``videos/<id>/``):

* ``frames/000000.jpg`` ... full-resolution frames, index = annotated-frame index (0..N-1);
* ``display/000000.jpg`` ... display copies, long side <= ``RenditionOptions.display_max_side``;
* ``thumbnail.jpg`` from the first annotated frame, long side <= ``thumbnail_max_side``.

Order of ``store`` calls: frame 0, display 0, thumbnail, frame 1, display 1, ...
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from annotation.media.checks import check_duration, check_frame_count
from annotation.media.errors import IngestError
from annotation.media.frames_zip import iter_zip_images
from annotation.media.jpeg import downscale, encode_jpeg, fit_within
from annotation.media.probe import MediaInfo, probe
from annotation.media.sampling import FrameSampler
from annotation.media.settings import (
    DEFAULT_LIMITS,
    DEFAULT_RENDITION,
    IngestLimits,
    RenditionOptions,
)
from annotation.media.video import (
    DecodedFrame,
    first_video_stream,
    iter_decoded_frames,
    open_video,
)

THUMBNAIL_NAME = "thumbnail.jpg"
EXIF_ORIENTATION_TAG = 0x0112

Store = Callable[[str, bytes], None]
Progress = Callable[[int, int], None]


def frame_name(index: int) -> str:
    """Stored name of annotated frame ``index`` at full resolution."""
    return f"frames/{index:06d}.jpg"


def display_name(index: int) -> str:
    """Stored name of annotated frame ``index``'s display copy."""
    return f"display/{index:06d}.jpg"


@dataclass(frozen=True)
class AnnotatedFrame:
    """One annotated frame, ready to store.

    ``timestamp_s`` is seconds since the first decoded source frame (frame 0 is at 0.0);
    ``source_frame_number`` counts decoded source frames from 0 in presentation order.
    """

    index: int
    timestamp_s: float
    source_frame_number: int
    jpeg: bytes
    display_jpeg: bytes
    rgb: np.ndarray = field(repr=False)


@dataclass(frozen=True)
class IngestResult:
    """What ingest produced. Sizes in pixels; times in seconds; frame_times[i] is the source
    timestamp of annotated frame i, relative to the first decoded frame.

    ``source_frame_count`` and ``duration_s`` are what was actually decoded (for a zip:
    images and images / fps). ``annotation_fps`` is None when every source frame was kept.
    """

    kind: str
    width: int
    height: int
    source_fps: float | None
    source_frame_count: int
    duration_s: float
    annotated_frame_count: int
    annotation_fps: float | None
    frame_times: list[float]
    source_frame_numbers: list[int]
    sha256: str
    codec: str
    container: str
    size_bytes: int
    rotation: int
    start_time_s: float
    display_width: int
    display_height: int
    thumbnail_width: int
    thumbnail_height: int
    stored_names: tuple[str, ...]


@dataclass
class DecodeStats:
    """Running counts of decoded source frames, filled in by ``iter_annotated_frames``."""

    source_frames: int = 0
    first_timestamp_s: float | None = None
    last_timestamp_s: float | None = None


def ingest(
    source_path: str | os.PathLike[str],
    *,
    annotation_fps: float | None,
    store: Store,
    limits: IngestLimits = DEFAULT_LIMITS,
    rendition: RenditionOptions = DEFAULT_RENDITION,
    frames_fps: float | None = None,
    progress: Progress | None = None,
    info: MediaInfo | None = None,
    stored_names: list[str] | None = None,
) -> IngestResult:
    """Probe (unless ``info`` is given), then decode and store every annotated frame, streaming.

    With ``info`` (from ``probe``) the file at ``info.path`` is read and not probed or hashed again.

    ``annotation_fps``: frames per second to keep (see ``annotation.media.sampling``; None or 0
    keeps every frame). ``store(name, data)`` persists one file; ``progress(done, total_estimate)``
    is called after each annotated frame (``total_estimate`` >= ``done``; throttle on your side).
    ``frames_fps`` is the frame rate of a zip of frames (default: annotation_fps, else 24).

    Errors: IngestError for anything wrong with the file. Probe failures store nothing. A failure
    found while decoding (truncated or damaged data) raises IngestError whose ``stored_names``
    lists what was already stored: the caller must delete those. Exceptions raised by ``store`` or
    ``progress`` (e.g. a cancellation) propagate unchanged; pass your own ``stored_names`` list to
    know what to delete then: each name is appended to it just before ``store`` is called.
    """
    if info is None:
        info = probe(source_path, limits, annotation_fps=annotation_fps, frames_fps=frames_fps)
    names: list[str] = stored_names if stored_names is not None else []
    start = len(names)
    total_estimate = max(1, info.estimated_annotated_frames(annotation_fps))

    def put(name: str, data: bytes) -> None:
        names.append(name)
        store(name, data)

    frame_times: list[float] = []
    source_numbers: list[int] = []
    display_size = fit_within(info.width, info.height, rendition.display_max_side)
    thumbnail_size = fit_within(info.width, info.height, rendition.thumbnail_max_side)
    stats = DecodeStats()
    try:
        for frame in iter_annotated_frames(
            info, annotation_fps=annotation_fps, limits=limits, rendition=rendition, stats=stats
        ):
            put(frame_name(frame.index), frame.jpeg)
            put(display_name(frame.index), frame.display_jpeg)
            if frame.index == 0:
                thumbnail = downscale(frame.rgb, rendition.thumbnail_max_side)
                put(THUMBNAIL_NAME, encode_jpeg(thumbnail, rendition.thumbnail_jpeg_quality))
            frame_times.append(frame.timestamp_s)
            source_numbers.append(frame.source_frame_number)
            if progress is not None:
                progress(frame.index + 1, max(total_estimate, frame.index + 1))
    except IngestError as error:
        raise error.with_stored_names(names[start:]) from error.__cause__

    sampler_keeps_all = FrameSampler(annotation_fps, info.source_fps).every_frame
    return IngestResult(
        kind=info.kind,
        width=info.width,
        height=info.height,
        source_fps=info.source_fps,
        source_frame_count=stats.source_frames,
        duration_s=_decoded_duration(stats, info.source_fps),
        annotated_frame_count=len(frame_times),
        annotation_fps=None if sampler_keeps_all else float(annotation_fps or 0),
        frame_times=frame_times,
        source_frame_numbers=source_numbers,
        sha256=info.sha256,
        codec=info.codec,
        container=info.container,
        size_bytes=info.size_bytes,
        rotation=info.rotation,
        start_time_s=stats.first_timestamp_s or 0.0,
        display_width=display_size[0],
        display_height=display_size[1],
        thumbnail_width=thumbnail_size[0],
        thumbnail_height=thumbnail_size[1],
        stored_names=tuple(names[start:]),
    )


def iter_annotated_frames(
    info: MediaInfo,
    *,
    annotation_fps: float | None,
    limits: IngestLimits = DEFAULT_LIMITS,
    rendition: RenditionOptions = DEFAULT_RENDITION,
    stats: DecodeStats | None = None,
) -> Iterator[AnnotatedFrame]:
    """Yield the annotated frames of a probed upload one at a time, encoded as JPEG.

    Enforces ``max_frames`` and ``max_duration_s`` on what is actually decoded (containers can
    lie), and after the last frame raises IngestError(code="truncated") when a video decoded to
    less than ``limits.min_decoded_fraction`` of its declared duration or frame count.
    """
    stats = stats if stats is not None else DecodeStats()
    if info.kind == "frames":
        source = _zip_pictures(info, rendition)
    else:
        source = _video_pictures(info)
    sampler = FrameSampler(annotation_fps, info.source_fps)
    index = 0
    for number, timestamp, load in source:
        stats.source_frames = number + 1
        if stats.first_timestamp_s is None:
            stats.first_timestamp_s = timestamp
        stats.last_timestamp_s = timestamp
        relative = timestamp - stats.first_timestamp_s
        check_duration(relative, limits)
        if not sampler.accept(timestamp):
            continue
        check_frame_count(index + 1, limits)
        picture, original_jpeg = load()
        jpeg = original_jpeg or encode_jpeg(picture, rendition.jpeg_quality)
        display = downscale(picture, rendition.display_max_side)
        display_jpeg = (
            jpeg if display is picture else encode_jpeg(display, rendition.display_jpeg_quality)
        )
        yield AnnotatedFrame(index, relative, number, jpeg, display_jpeg, picture)
        index += 1
    if info.kind == "video":
        _check_not_truncated(info, stats, limits)


# Each source yields (source frame number, timestamp in s, load) where load() decodes the picture
# into (RGB array, original JPEG bytes to store as-is or None): lazy, so that frames the sampler
# skips are never converted.
_Picture = tuple[int, float, Callable[[], tuple[np.ndarray, bytes | None]]]


def _video_pictures(info: MediaInfo) -> Iterator[_Picture]:
    container = open_video(info.path)
    with container:
        stream = first_video_stream(container)
        stream.thread_type = "AUTO"
        for decoded in iter_decoded_frames(container, stream, info.source_fps):

            def load(decoded: DecodedFrame = decoded) -> tuple[np.ndarray, bytes | None]:
                return decoded.to_rgb(info.width, info.height, info.rotation), None

            yield decoded.source_frame_number, decoded.timestamp_s, load


def _zip_pictures(info: MediaInfo, rendition: RenditionOptions) -> Iterator[_Picture]:
    assert info.zip_scan is not None and info.source_fps
    for number, (image, data) in enumerate(iter_zip_images(info.path, info.zip_scan)):

        def load(name: str = image.name, data: bytes = data) -> tuple[np.ndarray, bytes | None]:
            return _decode_zip_image(name, data, info, rendition)

        yield number, number / info.source_fps, load


def _decode_zip_image(
    name: str, data: bytes, info: MediaInfo, rendition: RenditionOptions
) -> tuple[np.ndarray, bytes | None]:
    try:
        picture = Image.open(io.BytesIO(data))
        picture.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise IngestError(
            f"The image {name!r} in the zip is damaged and could not be decoded.",
            code="decode_failed",
        ) from exc
    if picture.size != (info.width, info.height):
        raise IngestError(
            f"The images in the zip do not all have the same size: {name!r} is "
            f"{picture.size[0]}x{picture.size[1]}, not {info.width}x{info.height}.",
            code="zip_mixed_sizes",
        )
    keep = rendition.keep_original_jpeg and _is_plain_rgb_jpeg(picture)
    rgb = picture if picture.mode == "RGB" else picture.convert("RGB")
    return np.asarray(rgb), data if keep else None


def _is_plain_rgb_jpeg(picture: Image.Image) -> bool:
    """True for an RGB JPEG with no EXIF rotation: browsers show its pixels as stored."""
    if picture.format != "JPEG" or picture.mode != "RGB":
        return False
    orientation = picture.getexif().get(EXIF_ORIENTATION_TAG, 1)
    return orientation in (0, 1)


def _decoded_duration(stats: DecodeStats, fps: float | None) -> float:
    if stats.first_timestamp_s is None or stats.last_timestamp_s is None:
        return 0.0
    interval = 1.0 / fps if fps else 0.0
    return stats.last_timestamp_s - stats.first_timestamp_s + interval


def _check_not_truncated(info: MediaInfo, stats: DecodeStats, limits: IngestLimits) -> None:
    share = limits.min_decoded_fraction
    decoded_s = _decoded_duration(stats, info.source_fps)
    declared_s = info.declared_duration_s
    frames_short = bool(info.declared_frame_count) and (
        stats.source_frames < share * info.declared_frame_count  # type: ignore[operator]
    )
    duration_short = bool(declared_s) and decoded_s < share * declared_s  # type: ignore[operator]
    if frames_short or duration_short:
        declared_text = (
            f"{declared_s:.1f} s" if declared_s else f"{info.declared_frame_count} frames"
        )
        raise IngestError(
            f"The file seems truncated: only {decoded_s:.1f} s ({stats.source_frames} frames) "
            f"of its declared {declared_text} could be decoded. Upload the complete file.",
            code="truncated",
        )
