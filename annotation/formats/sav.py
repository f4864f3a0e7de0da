"""SA-V dataset JSON: writer (streaming, byte-compatible with the released files) and parser.

Layout, as in the released `{video_id}_manual.json` / `{video_id}_auto.json` (checked against
sav_000001 byte for byte): one JSON object written with `json.dumps` defaults, keys in this order:

    video_id str, video_duration float (s), video_frame_count float (source frames),
    video_height float, video_width float, video_resolution float (H*W), video_environment str,
    video_split str, masklet [annotated frame][masklet] COCO RLE (an empty RLE where a masklet
    is absent), then per masklet: masklet_id int, masklet_size_rel, masklet_size_abs,
    masklet_size_bucket, masklet_visibility_changes, masklet_first_appeared_frame,
    masklet_frame_count, masklet_edited_frame_count, masklet_type, masklet_stability_score,
    and masklet_num int.

The statistics, reverse-engineered from the example (they reproduce all 5 manual and 9 auto
masklets exactly):

- size_abs: mean mask area in pixels over the annotated frames where the mask is non-empty;
- size_rel: size_abs / (H*W);
- size_bucket: "small" below 32**2, "medium" below 96**2, else "large" (COCO thresholds);
- visibility_changes: visible<->invisible switches between consecutive annotated frames,
  counted only from the first appearance on (so an object that appears late and stays has 0);
- first_appeared_frame: annotated-frame index (not source frame) of the first non-empty mask;
- frame_count: the number of annotated frames of the video (121 for every masklet, also one
  that appears at frame 113);
- edited_frame_count: given by the caller (human-edited frames; 0 for auto).

Conventions that differ between the two files and are kept: in manual files size_abs/size_rel
are rounded to 10 decimals and first_appeared_frame is a float (113.0), stability scores are
one null per masklet; in auto files sizes are full precision, first_appeared_frame an int,
and masklet_stability_score is [annotated frame][masklet] floats (1.0 where the mask is empty).
A masklet that is never visible gets size 0.0, bucket "small" and first_appeared_frame null.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

import maskcodec
from maskcodec import RLE

from ._io import JsonStream, open_source, revalidated_rle
from .errors import FormatError
from .model import (
    FrameRows,
    ImportedMask,
    ImportedMasklet,
    ImportTarget,
    Manifest,
    ManifestVideo,
    MaskletMeta,
    MaskletType,
    ParsedImport,
    VideoExport,
    VideoMeta,
    frame_row,
)

SMALL_MAX_AREA = 32**2  # pixels; below: "small"
MEDIUM_MAX_AREA = 96**2  # pixels; below: "medium", else "large"


@dataclass
class MaskletStatistics:
    """Running SA-V statistics of one masklet, fed one annotated frame at a time, in order."""

    frame_count: int = 0
    visible_frames: int = 0
    area_sum: int = 0
    first_appeared_frame: int | None = None
    visibility_changes: int = 0
    _visible: bool = False

    def add(self, area: int) -> None:
        """Feed the mask area (pixels) of the next annotated frame; 0 means absent."""
        visible = area > 0
        if self.first_appeared_frame is None:
            if visible:
                self.first_appeared_frame = self.frame_count
        elif visible != self._visible:
            self.visibility_changes += 1
        self._visible = visible
        self.frame_count += 1
        if visible:
            self.visible_frames += 1
            self.area_sum += area

    @property
    def size_abs(self) -> float:
        return self.area_sum / self.visible_frames if self.visible_frames else 0.0

    def size_rel(self, resolution: int) -> float:
        return self.size_abs / resolution if resolution else 0.0

    @property
    def size_bucket(self) -> str:
        return size_bucket(self.size_abs)


def size_bucket(size_abs: float) -> str:
    """SA-V size bucket of a mean mask area in pixels."""
    if size_abs < SMALL_MAX_AREA:
        return "small"
    if size_abs < MEDIUM_MAX_AREA:
        return "medium"
    return "large"


def masklet_statistics(areas: Iterable[int]) -> MaskletStatistics:
    """Statistics of one masklet from its area (pixels) on every annotated frame, in order."""
    stats = MaskletStatistics()
    for area in areas:
        stats.add(int(area))
    return stats


def _dumps(value: Any) -> bytes:
    return json.dumps(value).encode("ascii")


def write_sav(
    out: IO[bytes],
    video: VideoMeta,
    masklets: Sequence[MaskletMeta],
    frames: FrameRows,
    *,
    kind: MaskletType | None = None,
) -> ManifestVideo:
    """Write one SA-V JSON file (`{video_id}_{kind}.json`) to a binary file, streaming.

    `frames` yields FrameRow (annotated frame index, {masklet_id: RLE or None}[, scores]) in
    increasing frame order; frames it skips are written as empty for every masklet. Only one
    frame is held at a time; per-frame stability scores (auto files) are spooled to a temporary
    file because they come after the masks. `kind` defaults to the masklets' common type.
    """
    kinds = {m.type for m in masklets}
    if kind is None:
        if len(kinds) > 1:
            raise FormatError("an SA-V file holds either manual or auto masklets, not both")
        kind = next(iter(kinds), "manual")
    if kind not in ("manual", "auto"):
        raise FormatError(f'SA-V masklet type must be "manual" or "auto", not {kind!r}')
    ids = [m.masklet_id for m in masklets]
    if len(set(ids)) != len(ids):
        raise FormatError(f"masklet ids repeat in video {video.video_id}")
    position = {masklet_id: i for i, masklet_id in enumerate(ids)}
    height, width = video.height, video.width
    empty = maskcodec.empty(height, width)
    empty_json = _dumps(empty)
    stats = [MaskletStatistics() for _ in masklets]
    mask_count = 0

    header = {
        "video_id": video.video_id,
        "video_duration": float(video.duration),
        "video_frame_count": float(video.source_frame_count),
        "video_height": float(height),
        "video_width": float(width),
        "video_resolution": float(height * width),
        "video_environment": video.environment,
        "video_split": video.split,
    }
    out.write(_dumps(header)[:-1] + b', "masklet": [')

    with tempfile.TemporaryFile() as score_spool:
        next_frame = 0

        def write_frame(index: int, cells: list[bytes], scores: list[float | None]) -> None:
            if index:
                out.write(b", ")
                score_spool.write(b", ")
            out.write(b"[" + b", ".join(cells) + b"]")
            score_spool.write(_dumps(scores))

        for raw in frames:
            row = frame_row(raw)
            if row.frame < next_frame or row.frame >= video.annotated_frame_count:
                raise FormatError(
                    f"frame rows must be in increasing order within 0..{video.annotated_frame_count - 1}, "
                    f"got frame {row.frame} after {next_frame - 1}"
                )
            for missing in range(next_frame, row.frame):
                for s in stats:
                    s.add(0)
                write_frame(missing, [empty_json] * len(ids), [1.0] * len(ids))
            unknown = [k for k in row.masks if k not in position]
            if unknown:
                raise FormatError(f"frame {row.frame} has masks of unknown masklets {unknown}")
            cells = [empty_json] * len(ids)
            scores: list[float | None] = [1.0] * len(ids)
            for masklet_id, rle in row.masks.items():
                i = position[masklet_id]
                area = 0
                if rle is not None:
                    if list(rle["size"]) != [height, width]:
                        raise FormatError(
                            f"mask of masklet {masklet_id} on frame {row.frame} is {rle['size']} "
                            f"(height, width), the video is [{height}, {width}]"
                        )
                    area = maskcodec.area(rle)
                score = row.scores.get(masklet_id) if row.scores else None
                if area and rle is not None:
                    cells[i] = _dumps({"size": [height, width], "counts": rle["counts"]})
                    mask_count += 1
                    scores[i] = None  # a visible mask without a score is written as null
                if score is not None:
                    scores[i] = float(score)
                stats[i].add(area)
            for i in range(len(ids)):
                if stats[i].frame_count == row.frame:  # masklet absent from this row
                    stats[i].add(0)
            write_frame(row.frame, cells, scores)
            next_frame = row.frame + 1
        for missing in range(next_frame, video.annotated_frame_count):
            for s in stats:
                s.add(0)
            write_frame(missing, [empty_json] * len(ids), [1.0] * len(ids))

        resolution = height * width
        manual = kind == "manual"

        def size(value: float) -> float:
            return round(value, 10) if manual else value

        tail: dict[str, Any] = {
            "masklet_id": ids,
            "masklet_size_rel": [size(s.size_rel(resolution)) for s in stats],
            "masklet_size_abs": [size(s.size_abs) for s in stats],
            "masklet_size_bucket": [s.size_bucket for s in stats],
            "masklet_visibility_changes": [s.visibility_changes for s in stats],
            "masklet_first_appeared_frame": [
                None
                if s.first_appeared_frame is None
                else (float(s.first_appeared_frame) if manual else s.first_appeared_frame)
                for s in stats
            ],
            "masklet_frame_count": [s.frame_count for s in stats],
            "masklet_edited_frame_count": [
                0 if kind == "auto" else m.edited_frame_count for m in masklets
            ],
            "masklet_type": [kind] * len(ids),
        }
        if any(m.attributes for m in masklets):  # SA-V has no attributes: an extension key, only when used
            tail["masklet_attributes"] = [dict(m.attributes) for m in masklets]
        out.write(b"], " + _dumps(tail)[1:-1] + b', "masklet_stability_score": ')
        if manual:
            out.write(_dumps([None] * len(ids)))
        else:
            out.write(b"[")
            score_spool.seek(0)
            while chunk := score_spool.read(1 << 16):
                out.write(chunk)
            out.write(b"]")
        out.write(b', "masklet_num": ' + _dumps(len(ids)) + b"}")

    return ManifestVideo(
        video_id=video.video_id,
        masklets=len(ids),
        frames=video.annotated_frame_count,
        masks=mask_count,
        files=[f"{video.video_id}_{kind}.json"],
    )


def write_sav_export(out: IO[bytes], videos: Iterable[VideoExport]) -> Manifest:
    """Write a zip of SA-V files, `{video_id}_manual.json` and `{video_id}_auto.json` per video
    (a file per masklet type present; a video without masklets gets an empty manual file),
    plus manifest.json. Streams: one video file is open at a time."""
    manifest = Manifest(format="sav")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in videos:
            entry = ManifestVideo(
                video_id=item.video.video_id, frames=item.video.annotated_frame_count
            )
            groups: list[tuple[MaskletType, list[MaskletMeta]]] = [
                (kind, [m for m in item.masklets if m.type == kind]) for kind in ("manual", "auto")
            ]
            groups = [g for g in groups if g[1]] or [("manual", [])]
            for kind, group in groups:
                name = f"{item.video.video_id}_{kind}.json"
                with archive.open(name, "w", force_zip64=True) as f:
                    part = write_sav(
                        f, item.video, group, item.frames([m.masklet_id for m in group]), kind=kind
                    )
                entry.masklets += part.masklets
                entry.masks += part.masks
                entry.files.append(name)
            manifest.videos.append(entry)
        archive.writestr("manifest.json", json.dumps(manifest.to_dict(), indent=2))
    return manifest


# ---------------------------------------------------------------------------------------------
# Parsing


def _as_rle(value: object, where: str, target: ImportTarget) -> RLE:
    try:
        rle = maskcodec.validate(value)
    except maskcodec.RLEError as exc:
        raise FormatError(f"malformed mask: {exc}", where=where) from None
    if rle["size"] != [target.height, target.width]:
        raise FormatError(
            f"mask size {rle['size']} (height, width) does not match the video's "
            f"[{target.height}, {target.width}]",
            where=where,
        )
    return rle


def _check_video_size(key: str, value: object, expected: int) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise FormatError(f"{key} must be a number", where=key)
    if value != expected:
        name = "height" if key == "video_height" else "width"
        raise FormatError(
            f"the file is for a video of {name} {value:g} pixels, but this video's {name} is {expected}",
            where=key,
        )


def parse_sav(source: Any, target: ImportTarget) -> ParsedImport:
    """Validate an SA-V JSON file (path or seekable binary file) against the target video.

    Checks everything first (JSON, video size, one mask list per annotated frame, every RLE,
    ids) and raises FormatError; then returns a ParsedImport whose iter_masks() re-reads the
    file and yields each non-empty mask with its stability score (auto files).
    The file is streamed: memory does not grow with its number of masks.
    """
    frame_total = 0
    positions: list[ImportedMasklet] = []
    header: dict[str, Any] = {}
    score_spool = tempfile.TemporaryFile()
    scores_seen = False
    with open_source(source) as f:
        stream = JsonStream(f, "SA-V file")
        if stream.peek() != "{":
            raise FormatError("an SA-V file must be a JSON object")
        seen_masklet = False
        for key in stream.keys():
            if key in ("video_height", "video_width"):
                value = stream.value()
                _check_video_size(
                    key, value, target.height if key == "video_height" else target.width
                )
            elif key == "masklet":
                seen_masklet = True
                if stream.peek() != "[":
                    raise FormatError("masklet must be a list of frames", where="masklet")
                for frame, cells in enumerate(stream.arrays()):
                    if frame >= target.annotated_frame_count:
                        raise FormatError(
                            f"the file has more annotated frames than the video's {target.annotated_frame_count}",
                            where="masklet",
                        )
                    count = 0
                    for j, cell in enumerate(cells):
                        where = f"masklet[{frame}][{j}]"
                        if frame == 0:
                            positions.append(ImportedMasklet(external_id=str(j)))
                        elif j >= len(positions):
                            raise FormatError(
                                "frames list different numbers of masklets", where=where
                            )
                        rle = _as_rle(cell, where, target)
                        if maskcodec.area(rle):
                            m = positions[j]
                            m.mask_count += 1
                            m.first_frame = frame if m.first_frame is None else m.first_frame
                            m.last_frame = frame
                        count += 1
                    if count != len(positions):
                        raise FormatError(
                            "frames list different numbers of masklets", where=f"masklet[{frame}]"
                        )
                    frame_total = frame + 1
            elif key == "masklet_stability_score":
                if stream.peek() != "[":
                    stream.value()
                    continue
                for frame, value in enumerate(stream.items()):
                    if value is None:
                        continue
                    if not isinstance(value, list) or not all(
                        v is None or (isinstance(v, int | float) and not isinstance(v, bool))
                        for v in value
                    ):
                        raise FormatError(
                            "stability scores must be lists of numbers",
                            where=f"masklet_stability_score[{frame}]",
                        )
                    scores_seen = True
                    score_spool.write(json.dumps([frame, value]).encode("ascii") + b"\n")
            elif key in ("masklet_id", "masklet_type", "masklet_edited_frame_count", "masklet_num"):
                header[key] = stream.value()
            else:
                stream.skip()
        stream.end()
    if not seen_masklet:
        raise FormatError('the file has no "masklet" list; is it an SA-V annotation file?')
    if frame_total != target.annotated_frame_count:
        raise FormatError(
            f"the file has masks for {frame_total} annotated frames, but this video has "
            f"{target.annotated_frame_count}; SA-V files list every annotated frame"
        )
    _apply_sav_masklet_fields(positions, header)

    def read() -> Iterator[ImportedMask]:
        return _read_sav_masks(source, positions, score_spool if scores_seen else None)

    return ParsedImport(
        format="sav", height=target.height, width=target.width, masklets=positions, _reader=read
    )


def _apply_sav_masklet_fields(positions: list[ImportedMasklet], header: dict[str, Any]) -> None:
    n = len(positions)
    ids = header.get("masklet_id")
    if ids is not None:
        if not isinstance(ids, list) or len(ids) != n:
            raise FormatError(f"masklet_id must list one id per masklet ({n})", where="masklet_id")
        if not all(isinstance(i, int | str) and not isinstance(i, bool) for i in ids):
            raise FormatError("masklet ids must be whole numbers or strings", where="masklet_id")
        if len({str(i) for i in ids}) != n:
            raise FormatError("masklet ids repeat", where="masklet_id")
        for m, i in zip(positions, ids, strict=True):
            m.external_id = str(i)
    num = header.get("masklet_num")
    if num is not None and num != n:
        raise FormatError(
            f"masklet_num says {num} but the masks list {n} masklets", where="masklet_num"
        )
    types = header.get("masklet_type")
    if types is not None:
        if (
            not isinstance(types, list)
            or len(types) != n
            or not all(t in ("manual", "auto") for t in types)
        ):
            raise FormatError(
                'masklet_type must list "manual" or "auto" per masklet', where="masklet_type"
            )
        for m, t in zip(positions, types, strict=True):
            m.type = t
    edited = header.get("masklet_edited_frame_count")
    if edited is not None:
        if (
            not isinstance(edited, list)
            or len(edited) != n
            or not all(isinstance(e, int) and not isinstance(e, bool) and e >= 0 for e in edited)
        ):
            raise FormatError(
                "masklet_edited_frame_count must list a whole number per masklet",
                where="masklet_edited_frame_count",
            )
        for m, e in zip(positions, edited, strict=True):
            m.edited_frame_count = e


def _read_sav_masks(
    source: Any, positions: list[ImportedMasklet], score_spool: IO[bytes] | None
) -> Iterator[ImportedMask]:
    next_scores: tuple[int, list] | None = None
    if score_spool is not None:
        score_spool.seek(0)
    with open_source(source) as f:
        stream = JsonStream(f, "SA-V file")
        for key in stream.keys():
            if key != "masklet":
                stream.skip()
                continue
            for frame, cells in enumerate(stream.arrays()):
                scores: list | None = None
                if score_spool is not None:
                    if next_scores is None or next_scores[0] < frame:
                        line = score_spool.readline()
                        next_scores = tuple(json.loads(line)) if line else (1 << 62, [])  # type: ignore[assignment]
                    if next_scores[0] == frame:
                        scores = next_scores[1]
                for j, cell in enumerate(cells):
                    rle = revalidated_rle(cell)
                    if maskcodec.area(rle):
                        score = scores[j] if scores is not None and j < len(scores) else None
                        yield ImportedMask(positions[j].external_id, frame, rle, score)
            return
