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
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import numpy as np
from PIL import Image

import maskcodec

from ._io import open_source
from ._zip import StreamingZipWriter, ZipEntry, iter_zip_entries, read_zip_entry
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


def _store(archive: StreamingZipWriter, name: str, data: bytes) -> None:
    archive.writestr(name, data)  # stored: PNG is already compressed


def write_davis(out: IO[bytes], videos: Iterable[VideoExport]) -> Manifest:
    """Write a zip of DAVIS palette PNGs plus per-masklet 1-bit PNGs (layout in module doc).

    Each video's frame rows are read once, in order; one frame is decoded at a time.
    """
    manifest = Manifest(format="davis")
    with StreamingZipWriter(out) as archive:
        for item in videos:
            manifest.videos.append(_write_video(archive, item))
        manifest_dict = manifest.to_dict()
        manifest_dict["layout"] = {
            "palette": f"{PALETTE_ROOT}/{{video}}/{{frame:05d}}.png",
            "objects": f"{OBJECTS_ROOT}/{{video}}/{{masklet:03d}}/{{frame:05d}}.png",
            "frames": "annotated-frame index",
        }
        archive.writestr(
            "manifest.json", json.dumps(manifest_dict, indent=2).encode(), compress=True
        )
    return manifest


def _write_video(archive: StreamingZipWriter, item: VideoExport) -> ManifestVideo:
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
            mask = maskcodec.decode(rle)
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
_PALETTE_OBJECT = -1  # object column value of a palette PNG


def _check_name(entry: ZipEntry) -> str:
    name = entry.name
    parts = name.split("/")
    if (
        "\\" in name
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(p in ("..", ".") for p in parts)
        or "\x00" in name
    ):
        raise FormatError("the zip entry has an unsafe path (absolute or with '..')", where=name)
    if entry.flags & 0x1:
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


def _classify(name: str, frame_step: int, target: ImportTarget) -> tuple[str, int, int]:
    """(video, object or _PALETTE_OBJECT, frame) of a PNG entry."""
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
        return (rest[0] if len(rest) == 2 else ""), _PALETTE_OBJECT, frame
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


def _decode_png(data: bytes, name: str, target: ImportTarget) -> np.ndarray:
    try:
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


@dataclass
class _Layout:
    """Which PNGs of the zip to read: one video, in its per-object or palette layout."""

    video: str
    objects: bool  # True: per-object PNGs; False: palette PNGs
    frame_step: int
    target: ImportTarget


def _png_entries(f: IO[bytes], layout: _Layout) -> Iterator[tuple[ZipEntry, int, int]]:
    """(entry, object or _PALETTE_OBJECT, frame) of the chosen PNGs, in zip order.

    Walks the central directory again on every call instead of keeping an index, so memory
    does not depend on the number of entries.
    """
    for entry in iter_zip_entries(f):
        if entry.is_dir or entry.name == "manifest.json":
            continue
        video, obj, frame = _classify(entry.name, layout.frame_step, layout.target)
        if video == layout.video and (obj != _PALETTE_OBJECT) == layout.objects:
            yield entry, obj, frame


def _choose_layout(
    f: IO[bytes], frame_step: int, target: ImportTarget, video: str | None
) -> _Layout:
    """Check every entry (safe path, PNG only, name, size) and pick the video and layout."""
    has_objects: dict[str, bool] = {}
    for entry in iter_zip_entries(f):
        name = _check_name(entry)
        if entry.is_dir or name == "manifest.json":
            continue
        if not name.lower().endswith(".png"):
            raise FormatError("only PNG files may be in the zip", where=name)
        if entry.size > MAX_PNG_BYTES:
            raise FormatError("the PNG is too large", where=name)
        video_name, obj, _ = _classify(name, frame_step, target)
        has_objects[video_name] = has_objects.get(video_name, False) or obj != _PALETTE_OBJECT
    if not has_objects:
        raise FormatError("the zip has no PNG masks")
    if video is None:
        if len(has_objects) > 1:
            raise FormatError(
                f"the zip holds {len(has_objects)} videos ({', '.join(sorted(has_objects))}); "
                "choose one"
            )
        video = next(iter(has_objects))
    elif video not in has_objects:
        raise FormatError(f"the zip has no video {video!r}")
    # per-object PNGs keep overlaps, so they win over palette PNGs of the same video
    return _Layout(video, has_objects[video], frame_step, target)


def _read_png(f: IO[bytes], entry: ZipEntry, target: ImportTarget) -> np.ndarray:
    name, data = read_zip_entry(
        f, entry.offset, entry.method, entry.compressed_size, entry.size, entry.crc
    )
    return _decode_png(data, name, target)


def _objects_in(frame_pixels: np.ndarray) -> np.ndarray:
    return np.flatnonzero(np.bincount(frame_pixels.ravel().astype(np.int64)))[1:]


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
    decoded before ParsedImport is returned; `manifest.json` at the root is ignored. Memory
    holds a few numbers per entry, not the masks.
    """
    if frame_step < 1:
        raise ValueError("frame_step must be at least 1")
    masklets: dict[int, ImportedMasklet] = {}

    def note(obj: int, frame: int) -> None:
        m = masklets.setdefault(obj, ImportedMasklet(external_id=str(obj)))
        m.mask_count += 1
        m.first_frame = frame if m.first_frame is None else min(m.first_frame, frame)
        m.last_frame = frame if m.last_frame is None else max(m.last_frame, frame)

    with open_source(source) as f:
        layout = _choose_layout(f, frame_step, target, video)
        keys = array("q")  # (object + 1) << 32 | frame per PNG: finds two PNGs for one frame
        for _, obj, frame in _png_entries(f, layout):
            keys.append((obj + 1) << 32 | frame)
        ordered = np.sort(np.frombuffer(keys, dtype=np.int64)) if len(keys) else None
        if ordered is not None and (repeats := np.flatnonzero(np.diff(ordered) == 0)).size:
            key = int(ordered[repeats[0]])
            names = [e.name for e, o, fr in _png_entries(f, layout) if (o + 1) << 32 | fr == key]
            raise FormatError(
                f"two PNGs are for frame {key & 0xFFFFFFFF}: {names[0]}", where=names[1]
            )
        del keys, ordered
        for entry, obj, frame in _png_entries(f, layout):
            pixels = _read_png(f, entry, target)
            if obj == _PALETTE_OBJECT:
                for value in _objects_in(pixels):
                    note(int(value), frame)
            elif pixels.any():
                note(obj, frame)
            else:
                masklets.setdefault(obj, ImportedMasklet(external_id=str(obj)))

    def read() -> Iterator[ImportedMask]:
        with open_source(source) as f:
            for entry, obj, frame in _png_entries(f, layout):
                pixels = _read_png(f, entry, target)
                if obj == _PALETTE_OBJECT:
                    for value in _objects_in(pixels):
                        yield ImportedMask(str(value), frame, maskcodec.encode(pixels == value))
                elif pixels.any():
                    yield ImportedMask(str(obj), frame, maskcodec.encode(pixels != 0))

    return ParsedImport(
        format="davis",
        height=target.height,
        width=target.width,
        masklets=[masklets[k] for k in sorted(masklets)],
        _reader=read,
    )
