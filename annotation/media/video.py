"""Reading video files with PyAV: safe opening, probing and a frame-by-frame generator.

Memory stays bounded whatever the video length: packets are demuxed and decoded one at a time
and each frame is converted to RGB only when the caller asks for it.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import av
import av.container
import av.error
import av.video.stream
import numpy as np

from annotation.media.errors import IngestError
from annotation.media.jpeg import rotate_upright

# Demuxers FFmpeg may use for an upload. Anything else (image2, tty, hls, concat...) is refused
# before it runs: some demuxers read other files or URLs named inside the upload.
ACCEPTED_DEMUXERS = ("mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm", "avi")
OPEN_OPTIONS = {
    "format_whitelist": ",".join(ACCEPTED_DEMUXERS),
    "protocol_whitelist": "file",
}
ACCEPTED_FORMATS_TEXT = "an MP4, MOV, WebM, MKV or AVI video, or a zip of JPEG or PNG frames"


@dataclass(frozen=True)
class DecodedFrame:
    """One decoded source frame: timestamp in seconds (container clock), 0-based source number."""

    source_frame_number: int
    timestamp_s: float
    frame: av.VideoFrame

    def to_rgb(self, width: int, height: int, rotation: int) -> np.ndarray:
        """RGB uint8 array of the upright picture at ``width`` x ``height`` pixels (upright sizes)."""
        turned = round(rotation / 90) % 2 == 1
        coded_width, coded_height = (height, width) if turned else (width, height)
        # reformat is a plain pixel-format conversion unless the stream changed size mid-way, in
        # which case the frame is scaled to the first frame's size (SAM 2 needs one size).
        rgb = self.frame.reformat(width=coded_width, height=coded_height, format="rgb24")
        return rotate_upright(rgb.to_ndarray(), rotation)


def open_video(path: str) -> av.container.InputContainer:
    """Open ``path`` with the accepted demuxers only; raises IngestError when it is not a video."""
    try:
        return av.open(path, mode="r", options=dict(OPEN_OPTIONS))
    except av.error.EOFError as exc:
        raise IngestError(
            "The file ends before its first video frame: it is empty or truncated.",
            code="no_frames",
        ) from exc
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise _not_a_video_error(path) from exc


def first_video_stream(container: av.container.InputContainer) -> av.video.stream.VideoStream:
    """The first video track, checked to have a decoder; raises IngestError otherwise."""
    if not container.streams.video:
        kinds = sorted({stream.type for stream in container.streams})
        holds = f" (it holds {' and '.join(kinds)} only)" if kinds else ""
        raise IngestError(
            f"The file has no video track{holds}, so there is nothing to annotate.",
            code="no_video_track",
        )
    stream = container.streams.video[0]
    codec_context = stream.codec_context
    if codec_context is None or codec_context.codec is None:
        raise IngestError(
            "The video uses a codec we cannot decode. Convert it to H.264, H.265, VP9 or AV1 "
            "and upload it again.",
            code="unsupported_codec",
        )
    return stream


def codec_name(stream: av.video.stream.VideoStream) -> str:
    """The codec's common name (``h264``, ``av1``), not the decoder's (``libdav1d``)."""
    codec = stream.codec_context.codec
    return str(getattr(codec, "canonical_name", None) or codec.name)


def stream_fps(stream: av.video.stream.VideoStream) -> float | None:
    """Nominal frame rate (frames per second) from the container, or None if it does not say."""
    for rate in (stream.average_rate, stream.guessed_rate, stream.base_rate):
        if rate and 0 < float(rate) < 1000:
            return float(rate)
    return None


def declared_duration_s(
    container: av.container.InputContainer, stream: av.video.stream.VideoStream
) -> float | None:
    """The video track's duration in seconds as the container states it, or None if unknown.

    The container-level duration is only trusted when the video is the only stream: with audio it
    is the longest track, which may outlast the video and fake a truncation.
    """
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    tag = (stream.metadata or {}).get("DURATION") or (stream.metadata or {}).get("duration")
    if tag:
        parsed = _parse_clock(tag)
        if parsed:
            return parsed
    if container.duration and len(container.streams) == 1:
        return container.duration / av.time_base
    return None


def iter_decoded_frames(
    container: av.container.InputContainer,
    stream: av.video.stream.VideoStream,
    fps_hint: float | None,
) -> Iterator[DecodedFrame]:
    """Yield the stream's frames in presentation order, one at a time.

    A frame without a timestamp gets the previous one plus one nominal frame interval.
    Raises IngestError(code="decode_failed") when FFmpeg reports damaged data.
    """
    interval = 1.0 / fps_hint if fps_hint else 1.0 / 30.0
    time_base = stream.time_base or Fraction(1, 90000)
    previous: float | None = None
    number = 0
    frames = container.decode(stream)
    while True:
        try:
            frame = next(frames)
        except StopIteration:
            return
        except (av.error.FFmpegError, OSError) as exc:
            raise IngestError(
                f"The video could not be decoded after source frame {number}: the file seems "
                "damaged or truncated. Export it again and re-upload it.",
                code="decode_failed",
            ) from exc
        if frame.pts is not None:
            timestamp = float(frame.pts * time_base)
        else:
            timestamp = 0.0 if previous is None else previous + interval
        previous = timestamp
        yield DecodedFrame(source_frame_number=number, timestamp_s=timestamp, frame=frame)
        number += 1


def _not_a_video_error(path: str) -> IngestError:
    head = _read_head(path, 64)
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n"):
        return IngestError(
            "The file is a single image, not a video. Upload a video, or a zip of the frame "
            "images (00000.jpg, 00001.jpg, ...).",
            code="single_image",
        )
    if _iso_bmff_truncated(path):
        return IngestError(
            "The file seems truncated: it is an MP4/MOV video whose end is missing (the upload "
            "or copy was probably cut short). Upload the complete file.",
            code="truncated",
        )
    container_name = _accepted_container_by_magic(head)
    if container_name:
        return IngestError(
            f"The file starts like {container_name} video but could not be opened: it seems "
            "damaged or truncated. Export it again and re-upload it.",
            code="decode_failed",
        )
    if _is_known_media(head):
        return IngestError(
            f"The file is a media format we do not accept. Upload {ACCEPTED_FORMATS_TEXT}.",
            code="unsupported_container",
        )
    return IngestError(
        f"The file is not a video or a zip of images (we could not read it as a video). "
        f"Upload {ACCEPTED_FORMATS_TEXT}.",
        code="not_media",
    )


def _read_head(path: str, size: int) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def _accepted_container_by_magic(head: bytes) -> str | None:
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "an MKV/WebM"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "an AVI"
    if head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free"):
        return "an MP4/MOV"
    return None


def _is_known_media(head: bytes) -> bool:
    """Containers FFmpeg knows but we refuse: MPEG-PS, FLV, Ogg, GIF, WAV, MP3."""
    if head.startswith(b"RIFF"):
        return head[8:12] == b"WAVE"
    return head.startswith(
        (b"\x00\x00\x01\xba", b"FLV", b"OggS", b"GIF87a", b"GIF89a", b"ID3", b"\xff\xfb")
    )


def _iso_bmff_truncated(path: str) -> bool:
    """True when ``path`` starts like an MP4/MOV file but a top-level box runs past the file end.

    This is what an MP4 cut short looks like when its index (moov) was written last: FFmpeg then
    only says "moov atom not found", which would otherwise read as "not a video".
    """
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(12)
            if len(head) < 8 or head[4:8] not in (b"ftyp", b"free", b"mdat", b"wide", b"moov"):
                return False
            offset = 0
            seen_moov = False
            while offset + 8 <= size:
                handle.seek(offset)
                header = handle.read(16)
                box_size, box_type = struct.unpack(">I4s", header[:8])
                if box_size == 1 and len(header) >= 16:
                    box_size = struct.unpack(">Q", header[8:16])[0]
                elif box_size == 0:  # the box runs to the end of the file
                    box_size = size - offset
                if box_size < 8:
                    return False
                seen_moov = seen_moov or box_type == b"moov"
                if offset + box_size > size:
                    return True
                offset += box_size
            return not seen_moov
    except (OSError, struct.error):
        return False


def _parse_clock(text: str) -> float | None:
    """Seconds from a Matroska ``HH:MM:SS.fffffffff`` duration tag."""
    try:
        hours, minutes, seconds = text.strip().split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    except ValueError:
        return None
