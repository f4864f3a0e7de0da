"""``probe``: identify and validate an upload before anything is stored."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from typing import Literal

from annotation.media.checks import (
    check_dimensions,
    check_duration,
    check_file_size,
    check_frame_count,
)
from annotation.media.errors import IngestError
from annotation.media.frames_zip import FramesZipScan, is_zip, scan_frames_zip
from annotation.media.sampling import estimate_annotated_count
from annotation.media.settings import DEFAULT_FRAMES_FPS, DEFAULT_LIMITS, IngestLimits
from annotation.media.video import (
    codec_name,
    declared_duration_s,
    first_video_stream,
    iter_decoded_frames,
    open_video,
    stream_fps,
)

HASH_CHUNK_BYTES = 1024 * 1024
MediaKind = Literal["video", "frames"]


@dataclass(frozen=True)
class MediaInfo:
    """What ``probe`` learned about an upload. Sizes in pixels of the upright picture.

    ``declared_*`` values come from the container (None when it does not say); the counts that
    ingest actually decodes are in ``IngestResult``. For a zip, ``source_fps`` is the frame rate
    the caller chose and ``declared_frame_count`` the number of images.
    """

    kind: MediaKind
    path: str
    size_bytes: int
    sha256: str
    container: str
    codec: str
    width: int
    height: int
    rotation: int
    source_fps: float | None
    declared_frame_count: int | None
    declared_duration_s: float | None
    zip_scan: FramesZipScan | None = field(default=None, repr=False)

    def estimated_annotated_frames(self, annotation_fps: float | None) -> int:
        """How many annotated frames ingest should give at ``annotation_fps`` (an estimate)."""
        frames = self.declared_frame_count
        if not frames and self.declared_duration_s and self.source_fps:
            frames = round(self.declared_duration_s * self.source_fps)
        return estimate_annotated_count(frames or 0, self.source_fps, annotation_fps)


def probe(
    source_path: str | os.PathLike[str],
    limits: IngestLimits = DEFAULT_LIMITS,
    *,
    annotation_fps: float | None = None,
    frames_fps: float | None = None,
    sha256: str | None = None,
) -> MediaInfo:
    """Identify the upload (video or zip of frames, by content) and check it against ``limits``.

    Reads container headers (and decodes the first video frame, or reads every image header of a
    zip), then hashes the file; stores nothing. With ``annotation_fps`` the frame limit is checked
    on the estimated annotated-frame count, else on the source frame count. ``frames_fps`` is the
    frame rate given to a zip of frames (default: ``annotation_fps``, else 24). ``sha256``, when
    the caller already hashed the file (while it was uploaded), is taken as the hash and the file
    is not read a second time. Raises IngestError with a message for the user.
    """
    path = os.fspath(source_path)
    if not os.path.isfile(path):
        raise IngestError("The uploaded file is missing.", code="file_missing")
    size = os.path.getsize(path)
    check_file_size(size, limits)
    with open(path, "rb") as handle:
        head = handle.read(64)

    if is_zip(head):
        info = _probe_zip(path, size, limits, resolve_frames_fps(frames_fps, annotation_fps))
    else:
        info = _probe_video(path, size, limits)
    check_frame_count(info.estimated_annotated_frames(annotation_fps), limits)
    if sha256:
        return replace(info, sha256=sha256)
    return _with_hash(info)


def resolve_frames_fps(frames_fps: float | None, annotation_fps: float | None) -> float:
    """The frame rate of a zip of frames: the caller's, else the project's annotation rate, else 24."""
    for rate in (frames_fps, annotation_fps):
        if rate and rate > 0:
            return float(rate)
    return DEFAULT_FRAMES_FPS


def sha256_file(path: str) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks (memory does not grow with the file)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _with_hash(info: MediaInfo) -> MediaInfo:
    return replace(info, sha256=sha256_file(info.path))


def _probe_zip(path: str, size: int, limits: IngestLimits, frames_fps: float) -> MediaInfo:
    scan = scan_frames_zip(path, limits)
    count = len(scan.images)
    duration = count / frames_fps
    check_duration(duration, limits)
    return MediaInfo(
        kind="frames",
        path=path,
        size_bytes=size,
        sha256="",
        container="zip",
        codec=scan.formats,
        width=scan.width,
        height=scan.height,
        rotation=0,
        source_fps=frames_fps,
        declared_frame_count=count,
        declared_duration_s=duration,
        zip_scan=scan,
    )


def _probe_video(path: str, size: int, limits: IngestLimits) -> MediaInfo:
    container = open_video(path)
    with container:
        stream = first_video_stream(container)
        fps = stream_fps(stream)
        duration = declared_duration_s(container, stream)
        frames = stream.frames or None
        if duration is None and frames and fps:
            duration = frames / fps
        if duration is not None:
            check_duration(duration, limits)

        first = next(iter_decoded_frames(container, stream, fps), None)
        if first is None:
            raise IngestError(
                "The video track holds no frames we could decode (it is empty or damaged).",
                code="no_frames",
            )
        rotation = _rotation_of(first.frame)
        width, height = first.frame.width, first.frame.height
        if round(rotation / 90) % 2 == 1:
            width, height = height, width
        check_dimensions(width, height, limits)
        return MediaInfo(
            kind="video",
            path=path,
            size_bytes=size,
            sha256="",
            container=container.format.name,
            codec=codec_name(stream),
            width=width,
            height=height,
            rotation=rotation,
            source_fps=fps,
            declared_frame_count=frames,
            declared_duration_s=duration,
        )


def _rotation_of(frame: object) -> int:
    """The frame's display-matrix rotation, snapped to a multiple of 90 degrees (counter-clockwise)."""
    try:
        rotation = float(getattr(frame, "rotation", 0) or 0)
    except (TypeError, ValueError):
        return 0
    return int(round(rotation / 90) * 90) % 360
