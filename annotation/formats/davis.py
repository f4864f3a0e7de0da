"""DAVIS / YouTube-VOS PNG masks in a zip: writer (streaming) and parser.

Written zip layout, for every video and every annotated frame (frame numbers are annotated-frame
indices, 5 digits):

    Annotations/{video}/{frame:05d}.png
        palette PNG (DAVIS palette), pixel value = object number, 0 = background. The object
        number is the masklet number when every number of the video lies in 1..255, else the
        masklet's position (1-based, by number); manifest.json maps numbers to masklets. Where
        masks overlap, the masklet listed later wins the pixel; at most 255 objects fit.
    Annotations_objects/{video}/{masklet:03d}/{frame:05d}.png
        1-bit PNG per masklet and frame (the SA-V val/test layout), written for every video:
        overlaps are only known after a whole video has streamed past, and a lossless copy
        costs little (empty frames share one cached PNG). sav_evaluator and
        `annotation.formats.jf` read this folder directly.
    manifest.json
        counts per video, the palette mapping, and notes on overlaps or objects left out of
        the palette.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import numpy as np
from PIL import Image

from inference.engine import masks as rle_ops

from .errors import FormatError
from .model import (
    ImportedMask,
    ImportedMasklet,
    ImportTarget,
    Manifest,
    ManifestVideo,
    ParsedImport,
    VideoExport,
    frame_row,
)

PALETTE_ROOT = "Annotations"
OBJECTS_ROOT = "Annotations_objects"
_OBJECT_ROOTS = (OBJECTS_ROOT, "Annotations_6fps")  # the second is SA-V val/test's name
MAX_PNG_BYTES = 64 * 1024 * 1024
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same export gives the same bytes


def davis_palette() -> list[int]:
    """The DAVIS (PASCAL VOC) colour map: 256 RGB triplets, flattened."""
    palette: list[int] = []
    for index in range(256):
        r = g = b = 0
        c = index
        for bit in range(8):
            r |= ((c >> 0) & 1) << (7 - bit)
            g |= ((c >> 1) & 1) << (7 - bit)
            b |= ((c >> 2) & 1) << (7 - bit)
            c >>= 3
        palette += [r, g, b]
    return palette


_PALETTE = davis_palette()


def palette_png(labels: np.ndarray) -> bytes:
    """Encode an HxW uint8 object-number image as a DAVIS palette PNG."""
    image = Image.fromarray(labels.astype(np.uint8), mode="P")
    image.putpalette(_PALETTE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def binary_png(mask: np.ndarray) -> bytes:
    """Encode an HxW boolean mask as a 1-bit PNG."""
    buffer = io.BytesIO()
    Image.fromarray(mask.astype(bool)).save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def _store(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_STORED  # PNG is already compressed
    archive.writestr(info, data)


def write_davis(out: IO[bytes], videos: Iterable[VideoExport]) -> Manifest:
    """Write a zip of DAVIS palette PNGs plus per-masklet 1-bit PNGs (layout in module doc).

    Each video's frame rows are read once, in order; one frame is decoded at a time.
    """
    manifest = Manifest(format="davis")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for item in videos:
            manifest.videos.append(_write_video(archive, item))
        manifest_dict = manifest.to_dict()
        manifest_dict["layout"] = {
            "palette": f"{PALETTE_ROOT}/{{video}}/{{frame:05d}}.png",
            "objects": f"{OBJECTS_ROOT}/{{video}}/{{masklet:03d}}/{{frame:05d}}.png",
            "frames": "annotated-frame index",
        }
        archive.writestr("manifest.json", json.dumps(manifest_dict, indent=2))
    return manifest


def _write_video(archive: zipfile.ZipFile, item: VideoExport) -> ManifestVideo:
    v = item.video
    if not v.video_id or "/" in v.video_id or "\\" in v.video_id or v.video_id in (".", ".."):
        raise FormatError(f"video name {v.video_id!r} cannot be a folder name")
    ids = sorted(m.masklet_id for m in item.masklets)
    if len(set(ids)) != len(ids) or any(i < 0 for i in ids):
        raise FormatError(
            f"masklet numbers of video {v.video_id} must be distinct and not negative"
        )
    if all(1 <= i <= 255 for i in ids):
        value_of = {i: i for i in ids}
    else:
        value_of = {i: pos + 1 for pos, i in enumerate(ids) if pos < 255}
    entry = ManifestVideo(video_id=v.video_id, masklets=len(ids), frames=v.annotated_frame_count)
    left_out = [i for i in ids if i not in value_of]
    if left_out:
        entry.notes.append(
            f"{len(left_out)} masklets do not fit the 255 palette values and are only in "
            f"{OBJECTS_ROOT}: {left_out}"
        )
    empty_object_png = binary_png(np.zeros((v.height, v.width), dtype=bool))
    empty_palette_png = palette_png(np.zeros((v.height, v.width), dtype=np.uint8))
    overlap_frames = 0
    next_frame = 0

    def write_empty(frame: int) -> None:
        _store(archive, f"{PALETTE_ROOT}/{v.video_id}/{frame:05d}.png", empty_palette_png)
        for i in ids:
            _store(
                archive, f"{OBJECTS_ROOT}/{v.video_id}/{i:03d}/{frame:05d}.png", empty_object_png
            )

    for raw in item.frames(ids):
        row = frame_row(raw)
        if row.frame < next_frame or row.frame >= v.annotated_frame_count:
            raise FormatError(
                f"frame rows must be in increasing order within 0..{v.annotated_frame_count - 1}, "
                f"got frame {row.frame}"
            )
        for missing in range(next_frame, row.frame):
            write_empty(missing)
        labels = np.zeros((v.height, v.width), dtype=np.uint8)
        covered = np.zeros((v.height, v.width), dtype=bool)
        overlap = False
        present = {k: r for k, r in row.masks.items() if r is not None}
        unknown = [k for k in present if k not in value_of and k not in left_out]
        if unknown:
            raise FormatError(f"frame {row.frame} has masks of unknown masklets {unknown}")
        for i in ids:
            rle = present.get(i)
            name = f"{OBJECTS_ROOT}/{v.video_id}/{i:03d}/{row.frame:05d}.png"
            if rle is None:
                _store(archive, name, empty_object_png)
                continue
            if list(rle["size"]) != [v.height, v.width]:
                raise FormatError(
                    f"mask of masklet {i} on frame {row.frame} is {rle['size']}, "
                    f"the video is [{v.height}, {v.width}]"
                )
            mask = rle_ops.decode(rle)
            if not mask.any():
                _store(archive, name, empty_object_png)
                continue
            entry.masks += 1
            _store(archive, name, binary_png(mask))
            if i in value_of:
                overlap = overlap or bool((covered & mask).any())
                covered |= mask
                labels[mask] = value_of[i]
        overlap_frames += overlap
        _store(
            archive,
            f"{PALETTE_ROOT}/{v.video_id}/{row.frame:05d}.png",
            palette_png(labels) if covered.any() else empty_palette_png,
        )
        next_frame = row.frame + 1
    for missing in range(next_frame, v.annotated_frame_count):
        write_empty(missing)
    if overlap_frames:
        entry.notes.append(
            f"masks overlap on {overlap_frames} frames: the palette PNGs keep the later masklet "
            f"on shared pixels; {OBJECTS_ROOT} has every mask whole"
        )
    entry.files = [f"{PALETTE_ROOT}/{v.video_id}/", f"{OBJECTS_ROOT}/{v.video_id}/"]
    entry.details["palette"] = {str(value): masklet for masklet, value in value_of.items()}
    entry.details["overlap_frames"] = overlap_frames
    return entry


# ---------------------------------------------------------------------------------------------
# Parsing

_NUMBER = re.compile(r"^\d{1,9}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_PIXEL_MODES = ("1", "L", "P", "I", "I;16")


@dataclass
class _VideoEntries:
    palette: dict[int, str] = field(default_factory=dict)  # frame -> zip entry
    objects: dict[int, dict[int, str]] = field(default_factory=dict)  # object -> frame -> entry


def _check_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    parts = name.split("/")
    if (
        "\\" in name
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(p in ("..", ".") for p in parts)
        or "\x00" in name
    ):
        raise FormatError("the zip entry has an unsafe path (absolute or with '..')", where=name)
    if info.flag_bits & 0x1:
        raise FormatError("encrypted zip entries are not supported", where=name)
    return name


def _frame_number(stem: str, frame_step: int, target: ImportTarget, where: str) -> int:
    if not _NUMBER.match(stem):
        raise FormatError("PNG names must be frame numbers such as 00012.png", where=where)
    number = int(stem)
    if number % frame_step:
        raise FormatError(
            f"frame {number} is not a multiple of the frame step {frame_step}", where=where
        )
    frame = number // frame_step
    if frame >= target.annotated_frame_count:
        raise FormatError(
            f"frame {frame} is beyond this video's {target.annotated_frame_count} annotated frames",
            where=where,
        )
    return frame


def _classify(name: str, frame_step: int, target: ImportTarget) -> tuple[str, int | None, int]:
    """(video, object or None for a palette PNG, frame) of a PNG entry."""
    parts = name.split("/")
    root = parts[0] if len(parts) > 1 else ""
    if root in _OBJECT_ROOTS:
        rest, layout = parts[1:], "objects"
    elif root == PALETTE_ROOT:
        rest, layout = parts[1:], "palette"
    else:
        rest = parts
        layout = "objects" if len(parts) == 3 else "palette"
    stem = rest[-1][: -len(".png")]
    frame = _frame_number(stem, frame_step, target, name)
    if layout == "palette" and len(rest) in (1, 2):
        return (rest[0] if len(rest) == 2 else ""), None, frame
    if layout == "objects" and len(rest) in (2, 3):
        obj = rest[-2]
        if not _NUMBER.match(obj):
            raise FormatError("object folders must be numbers such as 003", where=name)
        return (rest[0] if len(rest) == 3 else ""), int(obj), frame
    raise FormatError(
        "unexpected folder layout; use {video}/{frame}.png (palette) or "
        "{video}/{object}/{frame}.png (one mask per object)",
        where=name,
    )


def _open_zip(source: Any) -> zipfile.ZipFile:
    try:
        if hasattr(source, "seek"):
            source.seek(0)
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FormatError("the file is not a readable zip archive") from exc


def _read_png(archive: zipfile.ZipFile, name: str, target: ImportTarget) -> np.ndarray:
    info = archive.getinfo(name)
    if info.file_size > MAX_PNG_BYTES:
        raise FormatError("the PNG is too large", where=name)
    try:
        data = archive.read(name)
        image = Image.open(io.BytesIO(data), formats=["PNG"])
        if image.size != (target.width, target.height):
            raise FormatError(
                f"the PNG is {image.size[0]}x{image.size[1]} (width x height), "
                f"the video is {target.width}x{target.height}",
                where=name,
            )
        if image.mode not in _PIXEL_MODES:
            raise FormatError(
                f"the PNG is {image.mode}; masks must be palette, grayscale or 1-bit PNGs "
                "with the object number (or 1) as pixel value",
                where=name,
            )
        return np.asarray(image)
    except FormatError:
        raise
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise FormatError("the file is not a readable PNG", where=name) from exc


def parse_davis(
    source: Any, target: ImportTarget, *, video: str | None = None, frame_step: int = 1
) -> ParsedImport:
    """Validate a zip of DAVIS-style PNG masks (path or seekable binary file) for one video.

    Accepted layouts (frame file numbers divided by `frame_step` give annotated frames, e.g. 4
    for SA-V val's 00000, 00004, ... at 24 fps):
      `Annotations/{video}/{frame}.png` or `{video}/{frame}.png` or `{frame}.png`: palette or
      grayscale PNGs, pixel value = object number;
      `Annotations_objects/{video}/{object}/{frame}.png`, `Annotations_6fps/...`, or
      `{video}/{object}/{frame}.png`: one mask per object (any non-zero pixel).
    When both exist for a video the per-object PNGs are used (they keep overlaps). Every entry
    is checked (safe path, PNG only, size, frame range) and every PNG of the chosen layout is
    decoded before ParsedImport is returned; `manifest.json` at the root is ignored.
    """
    if frame_step < 1:
        raise ValueError("frame_step must be at least 1")
    videos: dict[str, _VideoEntries] = {}
    with _open_zip(source) as archive:
        for info in archive.infolist():
            name = _check_name(info)
            if info.is_dir() or name == "manifest.json":
                continue
            if not name.lower().endswith(".png"):
                raise FormatError("only PNG files may be in the zip", where=name)
            video_name, obj, frame = _classify(name, frame_step, target)
            entries = videos.setdefault(video_name, _VideoEntries())
            slot = entries.palette if obj is None else entries.objects.setdefault(obj, {})
            if frame in slot:
                raise FormatError(f"two PNGs are for frame {frame}: {slot[frame]}", where=name)
            slot[frame] = name
        if not videos:
            raise FormatError("the zip has no PNG masks")
        if video is None:
            if len(videos) > 1:
                raise FormatError(
                    f"the zip holds {len(videos)} videos ({', '.join(sorted(videos))}); choose one"
                )
            chosen = next(iter(videos.values()))
        elif video in videos:
            chosen = videos[video]
        else:
            raise FormatError(f"the zip has no video {video!r}")

        masklets: dict[int, ImportedMasklet] = {}

        def note(obj: int, frame: int) -> None:
            m = masklets.setdefault(obj, ImportedMasklet(external_id=str(obj)))
            m.mask_count += 1
            m.first_frame = frame if m.first_frame is None else min(m.first_frame, frame)
            m.last_frame = frame if m.last_frame is None else max(m.last_frame, frame)

        for frame, obj, pixels in _iter_pngs(archive, chosen, target):
            if obj is None:
                for value in np.flatnonzero(np.bincount(pixels.ravel().astype(np.int64)))[1:]:
                    note(int(value), frame)
            elif pixels.any():
                note(obj, frame)
            else:
                masklets.setdefault(obj, ImportedMasklet(external_id=str(obj)))

    def read() -> Iterator[ImportedMask]:
        with _open_zip(source) as archive:
            for frame, obj, pixels in _iter_pngs(archive, chosen, target):
                if obj is None:
                    for value in np.flatnonzero(np.bincount(pixels.ravel().astype(np.int64)))[1:]:
                        yield ImportedMask(str(value), frame, rle_ops.encode(pixels == value))
                elif pixels.any():
                    yield ImportedMask(str(obj), frame, rle_ops.encode(pixels != 0))

    return ParsedImport(
        format="davis",
        height=target.height,
        width=target.width,
        masklets=[masklets[k] for k in sorted(masklets)],
        _reader=read,
    )


def _iter_pngs(
    archive: zipfile.ZipFile, entries: _VideoEntries, target: ImportTarget
) -> Iterator[tuple[int, int | None, np.ndarray]]:
    """(frame, object or None, pixels) in frame order, from the per-object PNGs if any."""
    if entries.objects:
        frames = sorted({f for per_frame in entries.objects.values() for f in per_frame})
        for frame in frames:
            for obj in sorted(entries.objects):
                name = entries.objects[obj].get(frame)
                if name is not None:
                    yield frame, obj, _read_png(archive, name, target)
    else:
        for frame in sorted(entries.palette):
            yield frame, None, _read_png(archive, entries.palette[frame], target)
