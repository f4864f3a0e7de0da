"""Limits and rendition settings for ingest, as plain frozen dataclasses (no Django)."""

from __future__ import annotations

from dataclasses import dataclass

GIB = 1024**3
MIB = 1024**2


@dataclass(frozen=True)
class IngestLimits:
    """What an upload may be before ingest refuses it. Sizes in bytes, dimensions in pixels.

    Dimensions are those of the upright picture (after applying a rotation flag), so a portrait
    phone video 1080x1920 is checked as width 1080, height 1920.
    ``max_frames`` bounds the number of *annotated* frames (what gets stored), not source frames;
    ``max_duration_s`` bounds the source duration and so the decode time.
    """

    max_bytes: int = 10 * GIB
    max_width: int = 7680
    max_height: int = 7680
    max_pixels: int = 7680 * 4320
    max_duration_s: float = 3600.0
    max_frames: int = 100_000
    # Zips of frames: unpacked total, number of members, and one member (read into memory whole).
    max_zip_uncompressed_bytes: int = 16 * GIB
    max_zip_members: int = 200_000
    max_image_bytes: int = 256 * MIB
    # A video whose decoded length (duration or frames) is below this share of what its container
    # declares is reported as truncated rather than silently ingested short.
    min_decoded_fraction: float = 0.9


@dataclass(frozen=True)
class RenditionOptions:
    """How annotated frames are written. Sides in pixels, quality on libjpeg's 1..100 scale.

    ``jpeg_quality`` 95 keeps a decoded frame above ~40 dB PSNR against the source pixels.
    Display copies and the thumbnail are downscaled (never upscaled) so their long side is at most
    ``display_max_side`` / ``thumbnail_max_side``; a frame that already fits gets a display copy
    identical to its full-resolution JPEG.
    """

    jpeg_quality: int = 95
    display_max_side: int = 1280
    display_jpeg_quality: int = 90
    thumbnail_max_side: int = 320
    thumbnail_jpeg_quality: int = 85
    # Zips of frames: store a member's original bytes when it is an RGB JPEG without an EXIF
    # rotation, so frames from a frame folder are stored bit-exact (no generation loss).
    keep_original_jpeg: bool = True


DEFAULT_LIMITS = IngestLimits()
DEFAULT_RENDITION = RenditionOptions()
# Frame rate assumed for a zip of frames when neither the caller nor the project names one.
DEFAULT_FRAMES_FPS = 24.0
