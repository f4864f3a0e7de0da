"""COCO JSON with video fields: writer (streaming) and parser.

Written layout (one file for a whole export):

    info, licenses, categories [{id, name, supercategory}], videos [{id, name, width, height,
    length}], images: one per annotated frame [{id, file_name "{video}/{frame:05d}.jpg", width,
    height, video_id, frame_index}], annotations: one per non-empty frame mask [{id, image_id,
    category_id, segmentation (COCO compressed RLE), area, bbox [x, y, w, h], iscrowd 0,
    track_id (masklet number within its video), video_id, frame_index}].

`frame_index` is the annotated-frame index. Masklets without a label go to category
"unlabeled". Image ids are assigned in video order, so images are written before any mask is
read and annotations stream straight to the output.
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

import numpy as np
from pycocotools import mask as mask_utils

import maskcodec
from maskcodec import RLE

from ._io import JsonStream, open_source, revalidated_rle
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

UNLABELED = "unlabeled"


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode("utf-8")


def write_coco(
    out: IO[bytes], videos: Iterable[VideoExport], *, categories: Sequence[str] = ()
) -> Manifest:
    """Write one COCO JSON file for the given videos to a binary file, streaming the masks.

    `categories` fixes the order (and ids, from 1) of label names; labels of masklets not in it
    are appended. Video metadata and masklet lists are read first (they are small); each
    video's frame rows are then read once, in order.
    """
    items = list(videos)
    names = list(dict.fromkeys(categories))
    for item in items:
        for m in item.masklets:
            name = m.label if m.label is not None else UNLABELED
            if name not in names:
                names.append(name)
    category_id = {name: i + 1 for i, name in enumerate(names)}

    out.write(b'{"info":' + _dumps({"description": "Masklet export", "version": "1.0"}))
    out.write(b',"licenses":[],"categories":')
    out.write(_dumps([{"id": category_id[n], "name": n, "supercategory": ""} for n in names]))
    out.write(b',"videos":')
    out.write(
        _dumps(
            [
                {
                    "id": vi + 1,
                    "name": item.video.video_id,
                    "width": item.video.width,
                    "height": item.video.height,
                    "length": item.video.annotated_frame_count,
                }
                for vi, item in enumerate(items)
            ]
        )
    )
    out.write(b',"images":[')
    first_image_id: list[int] = []
    image_id = 0
    for vi, item in enumerate(items):
        first_image_id.append(image_id + 1)
        v = item.video
        for frame in range(v.annotated_frame_count):
            image_id += 1
            image = {
                "id": image_id,
                "file_name": f"{v.video_id}/{frame:05d}.jpg",
                "width": v.width,
                "height": v.height,
                "video_id": vi + 1,
                "frame_index": frame,
            }
            out.write((b"," if image_id > 1 else b"") + _dumps(image))
    out.write(b'],"annotations":[')

    manifest = Manifest(format="coco")
    annotation_id = 0
    for vi, item in enumerate(items):
        v = item.video
        entry = ManifestVideo(
            video_id=v.video_id, masklets=len(item.masklets), frames=v.annotated_frame_count
        )
        label_of = {
            m.masklet_id: category_id[m.label if m.label is not None else UNLABELED]
            for m in item.masklets
        }
        attributes_of = {m.masklet_id: dict(m.attributes) for m in item.masklets if m.attributes}
        for raw in item.frames([m.masklet_id for m in item.masklets]):
            row = frame_row(raw)
            if not 0 <= row.frame < v.annotated_frame_count:
                raise FormatError(f"frame {row.frame} is outside video {v.video_id}")
            for masklet_id, rle in row.masks.items():
                if rle is None:
                    continue
                if masklet_id not in label_of:
                    raise FormatError(
                        f"frame {row.frame} has a mask of unknown masklet {masklet_id}"
                    )
                if list(rle["size"]) != [v.height, v.width]:
                    raise FormatError(
                        f"mask of masklet {masklet_id} on frame {row.frame} is {rle['size']}, "
                        f"the video is [{v.height}, {v.width}]"
                    )
                area = maskcodec.area(rle)
                if not area:
                    continue
                annotation_id += 1
                annotation = {
                    "id": annotation_id,
                    "image_id": first_image_id[vi] + row.frame,
                    "category_id": label_of[masklet_id],
                    "segmentation": {"size": [v.height, v.width], "counts": rle["counts"]},
                    "area": area,
                    "bbox": maskcodec.bbox(rle),
                    "iscrowd": 0,
                    "track_id": masklet_id,
                    "video_id": vi + 1,
                    "frame_index": row.frame,
                }
                if masklet_id in attributes_of:  # CVAT's COCO puts them here
                    annotation["attributes"] = attributes_of[masklet_id]
                out.write((b"," if annotation_id > 1 else b"") + _dumps(annotation))
                entry.masks += 1
        manifest.videos.append(entry)
    out.write(b"]}")
    return manifest


# ---------------------------------------------------------------------------------------------
# Parsing


class _ImageTable:
    """image id -> (video, frame), compact: integer ids (the usual case) live in sorted numpy
    columns, other ids in a dict, so 100k images cost a few megabytes."""

    def __init__(self) -> None:
        self.videos: dict[str, int] = {}
        self._ids = array("q")
        self._video = array("q")
        self._frame = array("q")
        self._other: dict[Any, tuple[int, int]] = {}
        self._sorted: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def add(self, image_id: Any, video: str, frame: int) -> None:
        v = self.videos.setdefault(video, len(self.videos))
        if _is_int(image_id) and -(2**63) <= image_id < 2**63:
            self._ids.append(image_id)
            self._video.append(v)
            self._frame.append(frame)
        elif image_id in self._other:
            raise FormatError(f"image id {image_id!r} repeats")
        else:
            self._other[image_id] = (v, frame)

    def finish(self) -> None:
        ids = np.frombuffer(self._ids, dtype=np.int64) if len(self._ids) else np.zeros(0, np.int64)
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        repeats = np.flatnonzero(np.diff(ids) == 0)
        if len(repeats):
            raise FormatError(f"image id {int(ids[repeats[0]])} repeats")
        video = np.frombuffer(self._video, dtype=np.int64)[order] if len(ids) else ids
        frame = np.frombuffer(self._frame, dtype=np.int64)[order] if len(ids) else ids
        self._sorted = (ids, video, frame)
        self._ids = self._video = self._frame = array("q")

    def get(self, image_id: Any) -> tuple[int, int] | None:
        assert self._sorted is not None
        if _is_int(image_id):
            ids, video, frame = self._sorted
            at = int(np.searchsorted(ids, image_id))
            if at < len(ids) and ids[at] == image_id:
                return int(video[at]), int(frame[at])
            return None
        try:
            return self._other.get(image_id)
        except TypeError:  # an unhashable id (a list or object) is simply not an image
            return None

    def frames_of(self, video: int) -> Iterator[tuple[Any, int]]:
        """(image id, frame) of every image of a video."""
        assert self._sorted is not None
        ids, videos, frames = self._sorted
        for i in np.flatnonzero(videos == video):
            yield int(ids[i]), int(frames[i])
        for image_id, (v, frame) in self._other.items():
            if v == video:
                yield image_id, frame


_DIGITS = re.compile(r"(\d+)(?=\.[A-Za-z0-9]+$|$)")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _image_frame(image: dict, where: str) -> int:
    for key in ("frame_index", "frame_id"):
        if key in image:
            frame = image[key]
            if not _is_int(frame):
                raise FormatError(f"{key} must be a whole number", where=where)
            return frame
    name = image.get("file_name")
    if isinstance(name, str):
        match = _DIGITS.search(name.rsplit("/", 1)[-1])
        if match:
            return int(match.group(1))
    raise FormatError(
        "image has no frame_index and its file_name does not end in a frame number", where=where
    )


def _segmentation_rle(segmentation: object, target: ImportTarget, where: str) -> RLE:
    if isinstance(segmentation, dict):
        try:
            rle = maskcodec.validate(segmentation)
        except maskcodec.RLEError as exc:
            raise FormatError(f"malformed mask: {exc}", where=where) from None
        if rle["size"] != [target.height, target.width]:
            raise FormatError(
                f"mask size {rle['size']} (height, width) does not match the video's "
                f"[{target.height}, {target.width}]",
                where=where,
            )
        return rle
    if isinstance(segmentation, list) and segmentation:
        polygons = segmentation
        ok = all(
            isinstance(p, list)
            and len(p) >= 6
            and len(p) % 2 == 0
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in p)
            for p in polygons
        )
        if not ok:
            raise FormatError("polygons must be lists of at least 3 x, y pixel pairs", where=where)
        parts = mask_utils.frPyObjects(polygons, target.height, target.width)
        merged = mask_utils.merge(parts)
        return {"size": [target.height, target.width], "counts": merged["counts"].decode("ascii")}
    raise FormatError("segmentation must be an RLE object or a list of polygons", where=where)


def parse_coco(source: Any, target: ImportTarget, *, video: str | None = None) -> ParsedImport:
    """Validate a COCO JSON file (path or seekable binary file) for one target video.

    Images give the frame (`frame_index`, `frame_id`, or the number ending `file_name`);
    annotations give the mask (RLE or polygons), the label (category name) and the masklet
    (`track_id`, else `instance_id`, else the annotation's own id). A file with several videos
    needs `video` (name or id). Everything is checked before ParsedImport is returned; its
    iter_masks() re-reads the file one annotation at a time. The file is streamed; memory
    holds a few numbers per image and per mask, never the masks.
    """
    categories: dict[Any, str] = {}
    video_names: dict[str, str] = {}  # video id (as str) -> name
    images = _ImageTable()
    with open_source(source) as f:
        stream = JsonStream(f, "COCO file")
        if stream.peek() != "{":
            raise FormatError("a COCO file must be a JSON object")
        seen = set()
        for key in stream.keys():
            seen.add(key)
            if key == "categories":
                for i, cat in enumerate(_items(stream, key)):
                    if (
                        not isinstance(cat, dict)
                        or "id" not in cat
                        or not isinstance(cat.get("name"), str)
                    ):
                        raise FormatError(
                            "a category needs an id and a name", where=f"categories[{i}]"
                        )
                    categories[cat["id"]] = cat["name"]
            elif key == "videos":
                for i, v in enumerate(_items(stream, key)):
                    if not isinstance(v, dict) or "id" not in v:
                        raise FormatError("a video needs an id", where=f"videos[{i}]")
                    video_names[str(v["id"])] = str(v.get("name", v["id"]))
            elif key == "images":
                for i, image in enumerate(_items(stream, key)):
                    where = f"images[{i}]"
                    if not isinstance(image, dict) or "id" not in image:
                        raise FormatError("an image needs an id", where=where)
                    for dim, expected in (("width", target.width), ("height", target.height)):
                        if dim in image and image[dim] != expected:
                            raise FormatError(
                                f"image {dim} {image[dim]} does not match the video's {dim} {expected}",
                                where=where,
                            )
                    try:
                        images.add(
                            image["id"], str(image.get("video_id", "")), _image_frame(image, where)
                        )
                    except TypeError:
                        raise FormatError(
                            "image ids must be numbers or strings", where=where
                        ) from None
            else:
                stream.skip()
        stream.end()
    if "annotations" not in seen or "images" not in seen:
        raise FormatError('a COCO file needs "images" and "annotations" lists')
    images.finish()

    chosen = _choose_video(images.videos, video_names, video)
    frames_seen: dict[int, Any] = {}
    for image_id, frame in images.frames_of(chosen):
        if not 0 <= frame < target.annotated_frame_count:
            raise FormatError(
                f"image {image_id} is frame {frame}, but this video has annotated frames "
                f"0 to {target.annotated_frame_count - 1}"
            )
        if frame in frames_seen:
            raise FormatError(f"images {frames_seen[frame]} and {image_id} are both frame {frame}")
        frames_seen[frame] = image_id
    frames_seen.clear()

    masklets: dict[str, ImportedMasklet] = {}
    track_index: dict[str, int] = {}
    keys = array("q")  # track index << 32 | frame, one per annotation: finds repeats cheaply
    positions = array("q")
    unknown_labels: set[str] = set()
    for i, annotation, frame in _annotations(source, images, chosen):
        where = f"annotations[{i}]"
        try:
            label = categories[annotation.get("category_id")]
        except (KeyError, TypeError):
            raise FormatError(
                f"category {annotation.get('category_id')!r} is not defined", where=where
            ) from None
        if target.known_labels is not None and label not in target.known_labels:
            unknown_labels.add(label)
        track = _track(annotation, where)
        rle = _segmentation_rle(annotation.get("segmentation"), target, where)
        m = masklets.setdefault(track, ImportedMasklet(external_id=track, label=label))
        if m.label != label:
            raise FormatError(
                f"masklet {track} is labelled both {m.label!r} and {label!r}", where=where
            )
        keys.append(track_index.setdefault(track, len(track_index)) << 32 | frame)
        positions.append(i)
        if maskcodec.area(rle):
            m.mask_count += 1
            m.first_frame = frame if m.first_frame is None else min(m.first_frame, frame)
            m.last_frame = frame if m.last_frame is None else max(m.last_frame, frame)
    if len(keys):
        key_column = np.frombuffer(keys, dtype=np.int64)
        order = np.argsort(key_column, kind="stable")
        repeats = np.flatnonzero(np.diff(key_column[order]) == 0)
        if len(repeats):
            second = int(order[repeats[0] + 1])
            repeated = int(key_column[second])
            name = next(t for t, k in track_index.items() if k == repeated >> 32)
            raise FormatError(
                f"masklet {name} has two masks on frame {repeated & 0xFFFFFFFF}",
                where=f"annotations[{positions[second]}]",
            )
    del keys, positions
    if unknown_labels:
        raise FormatError(
            "the file uses labels this project does not have: "
            + ", ".join(sorted(unknown_labels))
            + "; add them to the project first"
        )

    def read() -> Iterator[ImportedMask]:
        for i, annotation, frame in _annotations(source, images, chosen):
            segmentation = annotation["segmentation"]
            if isinstance(segmentation, dict):
                rle = revalidated_rle(segmentation)
            else:  # polygons: rasterize again
                rle = _segmentation_rle(segmentation, target, f"annotations[{i}]")
            if maskcodec.area(rle):
                yield ImportedMask(_track(annotation, ""), frame, rle)

    return ParsedImport(
        format="coco",
        height=target.height,
        width=target.width,
        masklets=list(masklets.values()),
        _reader=read,
    )


def _items(stream: JsonStream, key: str) -> Iterator[Any]:
    if stream.peek() != "[":
        raise FormatError(f"{key} must be a list", where=key)
    return stream.items()


def _track(annotation: dict, where: str) -> str:
    for key in ("track_id", "instance_id", "id"):
        value = annotation.get(key)
        if value is not None:
            if not (_is_int(value) or isinstance(value, str)):
                raise FormatError(f"{key} must be a whole number or a string", where=where)
            return str(value)
    raise FormatError("annotation has no track_id, instance_id or id", where=where)


def _choose_video(videos: dict[str, int], names: dict[str, str], video: str | None) -> int:
    """Index of the video to import among the images' video ids."""
    if video is not None:
        for vid, index in videos.items():
            if video in (vid, names.get(vid)):
                return index
        raise FormatError(f"the file has no video {video!r}")
    if len(videos) > 1:
        listed = ", ".join(names.get(v, v) for v in sorted(videos))
        raise FormatError(f"the file holds {len(videos)} videos ({listed}); choose one to import")
    return 0


def _annotations(source: Any, images: _ImageTable, chosen: int) -> Iterator[tuple[int, dict, int]]:
    """Yield (position, annotation, frame) for the annotations of the chosen video."""
    with open_source(source) as f:
        stream = JsonStream(f, "COCO file")
        for key in stream.keys():
            if key != "annotations":
                stream.skip()
                continue
            for i, annotation in enumerate(_items(stream, key)):
                where = f"annotations[{i}]"
                if not isinstance(annotation, dict):
                    raise FormatError("an annotation must be an object", where=where)
                image = images.get(annotation.get("image_id"))
                if image is None:
                    raise FormatError(
                        f"annotation refers to image {annotation.get('image_id')!r}, which is not listed",
                        where=where,
                    )
                if image[0] == chosen:
                    yield i, annotation, image[1]
            return
