"""J&F, the DAVIS / SA-V video segmentation score, for masks held in memory or in PNG folders.

Definitions (DAVIS 2017 toolkit, as used by SA-V's `sav_dataset/utils/sav_benchmark.py`):

- J: region similarity, the IoU of one object's predicted and true mask on one frame; an empty
  prediction against an empty truth scores 1.
- F: boundary F-measure. Boundaries are one-pixel maps (`seg2bmap`); a boundary pixel matches
  when the other boundary, dilated by a disk of radius ceil(bound_th * image diagonal) pixels
  (bound_th = 0.008), covers it; precision and recall over boundary pixels give F. Both empty
  gives 1; one empty gives 0.
- Per object: mean J and mean F over its scored frames, x100; J&F = (J + F) / 2.
  Per video: mean over its objects. Overall: mean over all objects of all videos (SA-V's
  "global score"), so a video with many objects weighs more.

Two protocols (`PROTOCOLS`):

- "sav" (the default) is the official evaluator's: an object is scored only from the first
  evaluated frame where it appears in the ground truth or in the prediction (earlier frames,
  empty on both sides, are not counted), and only objects that appear in the ground truth on
  some evaluated frame are reported, so objects only the prediction has are ignored. (The
  official code stops with an assertion on an object folder whose ground truth is empty on every
  evaluated frame; here such an object is left out, the same as it would be in the palette
  layout.)
- "all-objects" is stricter, for comparing two annotation sets: every object of either side is
  scored on every evaluated frame (absent = empty; empty against empty = 1), so an object only
  the prediction has scores J = 0 where it shows up.

Pure (numpy, OpenCV, Pillow; no Django). Its users: annotation/services/evaluation.py (two sets of
masklets of a video), annotation/services/quality.py (ground-truth matching) and
`python manage.py evaluate_jf GT_DIR PRED_DIR` (folders of exported PNGs).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import cv2
import numpy as np
from PIL import Image

import maskcodec as rle_ops
from annotation.formats.errors import FormatError
from maskcodec import RLE

BOUND_TH = 0.008  # boundary tolerance, fraction of the image diagonal
SAV = "sav"
ALL_OBJECTS = "all-objects"
PROTOCOLS = (SAV, ALL_OBJECTS)

MaskLike = Any  # np.ndarray (HxW, non-zero = object), an RLE dict, or None (absent)


def seg2bmap(mask: np.ndarray) -> np.ndarray:
    """One-pixel-wide boundary map of a binary mask (DAVIS `_seg2bmap`, same size).

    A pixel is on the boundary when it differs from its east, south or south-east neighbour;
    the last row and column compare only along themselves. Boundaries sit half a pixel
    towards the origin of the true contour.
    """
    seg = mask.astype(bool)
    east = np.zeros_like(seg)
    south = np.zeros_like(seg)
    south_east = np.zeros_like(seg)
    east[:, :-1] = seg[:, 1:]
    south[:-1, :] = seg[1:, :]
    south_east[:-1, :-1] = seg[1:, 1:]
    boundary = (seg ^ east) | (seg ^ south) | (seg ^ south_east)
    boundary[-1, :] = seg[-1, :] ^ east[-1, :]
    boundary[:, -1] = seg[:, -1] ^ south[:, -1]
    boundary[-1, -1] = False
    return boundary


def disk(radius: int) -> np.ndarray:
    """Disk structuring element: offsets (dy, dx) with dy**2 + dx**2 <= radius**2."""
    y, x = np.ogrid[-radius : radius + 1, -radius : radius + 1]
    return (x * x + y * y <= radius * radius).astype(np.uint8)


def boundary_radius(shape: Sequence[int], bound_th: float = BOUND_TH) -> int:
    """Tolerance in pixels: bound_th itself when >= 1, else ceil(bound_th * diagonal)."""
    if bound_th >= 1:
        return int(bound_th)
    return int(math.ceil(bound_th * math.hypot(shape[0], shape[1])))


def region_j(gt: np.ndarray, pred: np.ndarray) -> float:
    """IoU of two binary masks; 1.0 when both are empty."""
    gt, pred = gt.astype(bool), pred.astype(bool)
    union = int(np.count_nonzero(gt | pred))
    if union == 0:
        return 1.0
    return int(np.count_nonzero(gt & pred)) / union


def boundary_f(gt: np.ndarray, pred: np.ndarray, bound_th: float = BOUND_TH) -> float:
    """Boundary F-measure of two binary masks of the same size (DAVIS `f_measure`)."""
    gt_boundary = seg2bmap(gt)
    pred_boundary = seg2bmap(pred)
    n_gt = int(np.count_nonzero(gt_boundary))
    n_pred = int(np.count_nonzero(pred_boundary))
    if n_gt == 0 and n_pred == 0:
        return 1.0
    if n_gt == 0 or n_pred == 0:
        return 0.0  # precision or recall is 0 and the other 1
    kernel = disk(boundary_radius(gt.shape, bound_th))
    gt_dilated = cv2.dilate(gt_boundary.astype(np.uint8), kernel).astype(bool)
    pred_dilated = cv2.dilate(pred_boundary.astype(np.uint8), kernel).astype(bool)
    precision = np.count_nonzero(pred_boundary & gt_dilated) / n_pred
    recall = np.count_nonzero(gt_boundary & pred_dilated) / n_gt
    if precision + recall == 0:
        return 0.0
    return float(2 * precision * recall / (precision + recall))


@dataclass(frozen=True)
class ObjectScore:
    video: str
    object_id: str
    j: float  # mean IoU over frames, x100
    f: float  # mean boundary F over frames, x100
    frames: int

    @property
    def jf(self) -> float:
        return (self.j + self.f) / 2


@dataclass(frozen=True)
class VideoScore:
    video: str
    j: float
    f: float
    jf: float
    objects: int


@dataclass
class JFResult:
    """Scores x100. `j`, `f`, `jf` are means over all objects (NaN when there are none)."""

    j: float
    f: float
    jf: float
    videos: dict[str, VideoScore] = field(default_factory=dict)
    objects: list[ObjectScore] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "j": self.j,
            "f": self.f,
            "jf": self.jf,
            "videos": {k: asdict(v) for k, v in self.videos.items()},
            "objects": [{**asdict(o), "jf": o.jf} for o in self.objects],
        }

    def table(self) -> str:
        """Plain-text report: one line per object, then the global score."""
        width = max([len("Global score"), *(len(o.video) for o in self.objects)])
        lines = [f"{'video':<{width}} {'obj':>5} {'J&F':>6} {'J':>6} {'F':>6}"]
        for o in self.objects:
            lines.append(f"{o.video:<{width}} {o.object_id:>5} {o.jf:6.1f} {o.j:6.1f} {o.f:6.1f}")
        lines.append(
            f"{'Global score':<{width}} {'':>5} {self.jf:6.1f} {self.j:6.1f} {self.f:6.1f}"
        )
        return "\n".join(lines)


def as_array(mask: MaskLike) -> np.ndarray | None:
    """A boolean HxW array of a mask (array, RLE dict), or None for an absent one."""
    if mask is None:
        return None
    if isinstance(mask, dict):
        return rle_ops.decode(mask)  # type: ignore[arg-type]
    array = np.asarray(mask)
    if array.ndim != 2:
        raise ValueError(f"a mask must be 2-D (H, W), got shape {array.shape}")
    return array != 0


def _check_protocol(protocol: str) -> None:
    if protocol not in PROTOCOLS:
        raise ValueError(f"unknown J&F protocol {protocol!r}; use one of {', '.join(PROTOCOLS)}")


def _nonempty(mask: np.ndarray | None) -> bool:
    return mask is not None and bool(mask.any())


def score_object(
    gt: Mapping[int, MaskLike],
    pred: Mapping[int, MaskLike],
    frames: Iterable[int],
    *,
    video: str = "video",
    object_id: str = "0",
    bound_th: float = BOUND_TH,
    protocol: str = SAV,
) -> ObjectScore | None:
    """J and F of one object over the given frames (in order); a frame missing from a side is
    empty. With protocol "sav", frames before the object first appears on either side are not
    scored, and None is returned when the ground truth is empty on every frame."""
    _check_protocol(protocol)
    js: list[float] = []
    fs: list[float] = []
    started = protocol == ALL_OBJECTS
    in_gt = False
    for frame in frames:
        g = as_array(gt.get(frame))
        p = as_array(pred.get(frame))
        g_present, p_present = _nonempty(g), _nonempty(p)
        in_gt = in_gt or g_present
        started = started or g_present or p_present
        if not started:
            continue
        if not g_present and not p_present:
            js.append(1.0)
            fs.append(1.0)
            continue
        if g is None:
            g = np.zeros(p.shape, dtype=bool)  # type: ignore[union-attr]
        if p is None:
            p = np.zeros(g.shape, dtype=bool)
        if g.shape != p.shape:
            raise ValueError(
                f"object {object_id} frame {frame}: masks differ in size {g.shape} vs {p.shape}"
            )
        js.append(region_j(g, p))
        fs.append(boundary_f(g, p, bound_th))
    if protocol == SAV and not in_gt:
        return None
    if not js:
        raise ValueError("no frames to evaluate")
    return ObjectScore(
        video=video,
        object_id=str(object_id),
        j=100 * float(np.mean(js)),
        f=100 * float(np.mean(fs)),
        frames=len(js),
    )


def summarize(objects: Sequence[ObjectScore]) -> JFResult:
    """Combine per-object scores into per-video and overall means."""
    result = JFResult(j=math.nan, f=math.nan, jf=math.nan, objects=list(objects))
    if objects:
        result.j = float(np.mean([o.j for o in objects]))
        result.f = float(np.mean([o.f for o in objects]))
        result.jf = (result.j + result.f) / 2
    by_video: dict[str, list[ObjectScore]] = {}
    for o in objects:
        by_video.setdefault(o.video, []).append(o)
    for name, scores in by_video.items():
        j = float(np.mean([o.j for o in scores]))
        f = float(np.mean([o.f for o in scores]))
        result.videos[name] = VideoScore(video=name, j=j, f=f, jf=(j + f) / 2, objects=len(scores))
    return result


def evaluate(
    gt: Mapping[Any, Mapping[int, MaskLike]],
    pred: Mapping[Any, Mapping[int, MaskLike]],
    frames: Iterable[int] | None = None,
    *,
    video: str = "video",
    bound_th: float = BOUND_TH,
    protocol: str = SAV,
) -> JFResult:
    """J&F of one video: `gt` and `pred` map object -> frame -> mask (array, RLE or None).

    `frames` are the frames to score, in order (default: every frame either side mentions).
    "sav": the ground truth's objects, each from its first appearance on either side; objects
    only the prediction has are ignored. "all-objects": the union of both sides, every frame.
    """
    _check_protocol(protocol)
    if frames is None:
        frame_list = sorted({f for side in (gt, pred) for per in side.values() for f in per})
    else:
        frame_list = list(frames)
    keys = [*gt.keys(), *pred.keys()] if protocol == ALL_OBJECTS else list(gt.keys())
    scores = []
    for obj in dict.fromkeys(keys):
        score = score_object(
            gt.get(obj, {}),
            pred.get(obj, {}),
            frame_list,
            video=video,
            object_id=str(obj),
            bound_th=bound_th,
            protocol=protocol,
        )
        if score is not None:
            scores.append(score)
    return summarize(scores)


# ---------------------------------------------------------------------------------------------
# Folders of PNGs

_EXPORT_ROOTS = ("Annotations_objects", "Annotations_6fps", "Annotations")


def _videos_root(root: str) -> str:
    """Accept an export's root (holding Annotations_objects/ or Annotations/) or a video root."""
    for name in _EXPORT_ROOTS:
        candidate = os.path.join(root, name)
        if os.path.isdir(candidate):
            return candidate
    return root


def _frame_of(file_name: str, where: str) -> int:
    stem = file_name[: -len(".png")]
    if not stem.isdigit():
        raise FormatError("PNG names must be frame numbers such as 00012.png", where=where)
    return int(stem)


def _load_png(path: str) -> np.ndarray:
    try:
        with Image.open(path) as image:
            if image.mode not in ("1", "L", "P", "I", "I;16"):
                raise FormatError(
                    f"the PNG is {image.mode}; masks must be palette, grayscale or 1-bit",
                    where=path,
                )
            return np.asarray(image)
    except FormatError:
        raise
    except Exception as exc:
        raise FormatError("the file is not a readable PNG", where=path) from exc


def read_video_folder(path: str) -> tuple[dict[str, dict[int, RLE]], dict[str, list[int]], bool]:
    """Read one video folder: per-object `{object}/{frame}.png` (SA-V) or palette
    `{frame}.png` (DAVIS). Returns (object -> frame -> RLE, object -> frames in file-name
    order, whether the layout is per-object). Object ids are the folder numbers (leading zeros
    dropped) or the palette values. In the palette layout every object's frame order is the
    video's (all its PNGs), as in the official evaluator."""
    names = sorted(os.listdir(path))
    objects: dict[str, dict[int, RLE]] = {}
    orders: dict[str, list[int]] = {}
    if names and all(n.lower().endswith(".png") for n in names):
        video_frames = []
        for name in names:
            pixels = _load_png(os.path.join(path, name))
            frame = _frame_of(name, os.path.join(path, name))
            video_frames.append(frame)
            for value in np.flatnonzero(np.bincount(pixels.ravel().astype(np.int64)))[1:]:
                objects.setdefault(str(value), {})[frame] = rle_ops.encode(pixels == value)
        return objects, {obj: video_frames for obj in objects} | {"": video_frames}, False
    for obj in names:
        obj_path = os.path.join(path, obj)
        if not os.path.isdir(obj_path):
            raise FormatError("expected object folders or frame PNGs only", where=obj_path)
        key = str(int(obj)) if obj.isdigit() else obj
        per = objects.setdefault(key, {})
        order = orders.setdefault(key, [])
        for name in sorted(os.listdir(obj_path)):
            if not name.lower().endswith(".png"):
                raise FormatError("only PNG files may be in an object folder", where=obj_path)
            frame = _frame_of(name, os.path.join(obj_path, name))
            pixels = _load_png(os.path.join(obj_path, name))
            order.append(frame)
            if pixels.any():
                per[frame] = rle_ops.encode(pixels != 0)
    return objects, orders, True


def load_video_folder(path: str) -> dict[str, dict[int, RLE]]:
    """object -> frame -> RLE of one video folder (see `read_video_folder`)."""
    return read_video_folder(path)[0]


def evaluate_folders(
    gt_dir: str | os.PathLike[str],
    pred_dir: str | os.PathLike[str],
    *,
    skip_first_and_last: bool = False,
    bound_th: float = BOUND_TH,
    protocol: str = SAV,
) -> JFResult:
    """J&F of every video folder under `gt_dir` against the same folder under `pred_dir`.

    Each root holds `{video}/` folders (or is an export root holding Annotations_objects/ or
    Annotations/). As in the official evaluator, the frames scored for an object are the frames
    its ground-truth folder has PNGs for (per-object layout) or the video's ground-truth PNGs
    (palette layout), in file-name order; `skip_first_and_last` drops the first and last of
    them, as SA-V val/test and DAVIS semi-supervised evaluation do (the first frame is the
    prompt). A prediction folder missing a video is an error; a missing prediction frame or
    object counts as empty (the official code stops there instead).
    """
    _check_protocol(protocol)
    gt_root = _videos_root(os.fspath(gt_dir))
    pred_root = _videos_root(os.fspath(pred_dir))
    for root in (gt_root, pred_root):
        if not os.path.isdir(root):
            raise FormatError(f"{root} is not a folder")
    videos = sorted(n for n in os.listdir(gt_root) if os.path.isdir(os.path.join(gt_root, n)))
    if not videos:
        raise FormatError(f"{gt_root} has no video folders")
    missing = [v for v in videos if not os.path.isdir(os.path.join(pred_root, v))]
    if missing:
        raise FormatError(f"the predictions have no folder for videos: {', '.join(missing)}")
    scores: list[ObjectScore] = []
    for name in videos:
        gt, orders, _per_object = read_video_folder(os.path.join(gt_root, name))
        pred = load_video_folder(os.path.join(pred_root, name))
        video_frames = sorted({f for order in orders.values() for f in order})
        keys = list(orders) if protocol == SAV else [*orders, *pred]
        for obj in dict.fromkeys(k for k in keys if k != ""):
            frames = orders.get(obj, orders.get("", video_frames))
            if skip_first_and_last:
                frames = frames[1:-1]
            if not frames:
                continue
            score = score_object(
                gt.get(obj, {}),
                pred.get(obj, {}),
                frames,
                video=name,
                object_id=obj,
                bound_th=bound_th,
                protocol=protocol,
            )
            if score is not None:
                scores.append(score)
    return summarize(scores)
