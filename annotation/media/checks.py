"""Limit checks shared by videos and zips of frames; each raises IngestError in plain words."""

from __future__ import annotations

from annotation.media.errors import IngestError
from annotation.media.settings import IngestLimits


def check_file_size(size_bytes: int, limits: IngestLimits) -> None:
    if size_bytes == 0:
        raise IngestError("The file is empty (0 bytes).", code="file_empty")
    if size_bytes > limits.max_bytes:
        raise IngestError(
            f"The file is {_gb(size_bytes)}, more than the limit of {_gb(limits.max_bytes)}.",
            code="file_too_large",
        )


def check_dimensions(width: int, height: int, limits: IngestLimits) -> None:
    """Width and height in pixels of the upright picture."""
    if width <= 0 or height <= 0:
        raise IngestError("The video frames have no size (0 pixels).", code="no_frames")
    if width > limits.max_width or height > limits.max_height:
        raise IngestError(
            f"The frames are {width}x{height} pixels, larger than the limit of "
            f"{limits.max_width}x{limits.max_height}. Downscale the video and upload it again.",
            code="too_wide",
        )
    if width * height > limits.max_pixels:
        raise IngestError(
            f"The frames are {width}x{height} pixels ({width * height / 1e6:.1f} megapixels), "
            f"more than the limit of {limits.max_pixels / 1e6:.1f} megapixels. Downscale the video "
            "and upload it again.",
            code="too_wide",
        )


def check_duration(duration_s: float, limits: IngestLimits) -> None:
    if duration_s > limits.max_duration_s:
        raise IngestError(
            f"The video is {_clock(duration_s)} long, more than the limit of "
            f"{_clock(limits.max_duration_s)}. Cut it into shorter clips.",
            code="too_long",
        )


def check_frame_count(annotated_frames: int, limits: IngestLimits) -> None:
    if annotated_frames > limits.max_frames:
        raise IngestError(
            f"The video would give {annotated_frames:,} frames to annotate, more than the limit of "
            f"{limits.max_frames:,}. Cut it into shorter clips or lower the project's annotation "
            "frame rate.",
            code="too_many_frames",
        )


def _gb(size_bytes: float) -> str:
    if size_bytes >= 1024**3:
        return f"{size_bytes / 1024**3:,.1f} GB"
    return f"{size_bytes / 1024**2:,.1f} MB"


def _clock(seconds: float) -> str:
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d} (h:mm:ss)"
    return f"{minutes}:{secs:02d} (m:ss)"
