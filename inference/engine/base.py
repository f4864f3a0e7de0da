"""The engine's public types: frame sources, results, and the Backend / Session protocols.

Pure numpy: importing this module never imports torch, sam2 or Django.

Units everywhere: coordinates are pixels of the original video frame (x to the right, y down,
origin at the top-left pixel corner), frame indices are 0-based indices into the FrameSource,
masks are boolean numpy arrays of shape (height, width) of the original frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

import numpy as np

Direction = Literal["forward", "backward"]


class EngineError(Exception):
    """Base class of the errors the engine raises on purpose, with a message a user can read."""


class CheckpointError(EngineError):
    """The configured checkpoint, model folder or model config cannot be used (missing, malformed,
    mismatched); the message names the file or folder."""


class PromptError(EngineError, ValueError):
    """A prompt (points, box, mask, frame index) that the engine cannot use."""


class BackendUnavailable(EngineError):
    """The requested backend cannot run here (e.g. sam2/torch not installed, CUDA asked but absent)."""


# ---------------------------------------------------------------------------------------------
# Frame sources


@runtime_checkable
class FrameSource(Protocol):
    """A video as a lazy sequence of RGB frames.

    `read(index)` returns an RGB uint8 array of shape (height, width, 3). Frames are read when
    needed, never all at once. An optional attribute `cache_key: str | None` names the video
    stably across sessions (e.g. a storage path): image features cached for one session are
    then reused by a later session on the same video, which lets a worker open a new session per
    click request and still skip the image encoder on a frame it has seen.
    """

    height: int
    width: int

    def __len__(self) -> int: ...

    def read(self, index: int) -> np.ndarray: ...


@dataclass(frozen=True)
class MaskResult:
    """The mask of one object on one frame after a prompt.

    `mask`: bool (height, width) in original pixels. `score`: the model's own quality estimate
    in [0, 1] (SAM 2: predicted IoU of the chosen mask; OpenCV: a heuristic, see that backend).
    """

    frame: int
    object_id: int
    mask: np.ndarray
    score: float


@dataclass(frozen=True)
class FrameMasks:
    """Masks of all propagated objects on one frame: {object_id: bool (height, width)}.

    A backend may make each mask when it is read (SAM 2: `lazy_masks.LazyMasks`), so that a frame
    never holds every object's full-size mask at once: read each mask once, from any thread.
    """

    frame: int
    masks: Mapping[int, np.ndarray]


@dataclass(frozen=True)
class ConceptFrame:
    """Every instance of a text concept found on one frame (SAM 3 concept prompts).

    `masks`: instance id -> bool (height, width) in original pixels; an instance keeps its id for
    the whole run of `concept_propagate`. `scores`: instance id -> the model's detection score in
    [0, 1] on this frame. Instances below the run's score threshold are left out.
    """

    frame: int
    masks: Mapping[int, np.ndarray]
    scores: Mapping[int, float]


@dataclass(frozen=True)
class AutoMask:
    """One automatic mask proposal on a key frame.

    `mask`: bool (height, width) of the frame given. `score`: predicted quality in [0, 1].
    `stability`: stability score in [0, 1] (SAM 2: IoU of the mask thresholded at +-offset;
    OpenCV: a boundary-contrast heuristic). `bbox`: [x, y, width, height] in pixels (COCO).
    """

    mask: np.ndarray
    score: float
    stability: float
    bbox: list[float]


@dataclass(frozen=True)
class AutoMaskParams:
    """Parameters of automatic masks on one frame.

    SAM 2 (SA-V data-engine grid by default): `grid_sizes[0]` points per side on the full frame,
    `grid_sizes[i]` points per side on each crop of crop layer i (layer i has 4**i crops,
    2**i per side), so (32, 16, 4) is the 32x32 / 16x16-on-4 / 4x4-on-16 grid. Quality filters
    `pred_iou_thresh` and `stability_score_thresh` drop masks the model itself doubts; duplicates
    are removed by box NMS (`box_nms_thresh`) and then by mask IoU (`mask_iou_thresh`).
    Areas are in pixels of the frame given. OpenCV ignores the grid and uses the area and score
    bounds only.
    """

    grid_sizes: tuple[int, ...] = (32, 16, 4)
    points_per_batch: int = 64
    pred_iou_thresh: float = 0.8
    stability_score_thresh: float = 0.95
    stability_score_offset: float = 1.0
    box_nms_thresh: float = 0.7
    crop_nms_thresh: float = 0.7
    crop_overlap_ratio: float = 512 / 1500
    mask_iou_thresh: float = 0.8
    min_area: int = 0
    max_area_fraction: float = 0.95
    max_masks: int | None = None
    use_m2m: bool = False

    def __post_init__(self) -> None:
        if not self.grid_sizes or any(int(g) < 1 for g in self.grid_sizes):
            raise ValueError("grid_sizes must hold at least one positive points-per-side value")


@dataclass
class PropagationStats:
    """Counters a session keeps about its own work, for tests and progress logs."""

    frames_propagated: int = 0
    encoder_runs: int = 0
    dropped_frame_states: int = 0
    extra: dict[str, float] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Sessions and backends


class Session(Protocol):
    """Tracking state of one video: prompts, tracked objects, and propagation.

    Object ids are the caller's own integers (e.g. masklet ids). A session is used from one
    thread at a time. Call `close()` (or use it as a context manager) to free its memory.
    """

    @property
    def frames(self) -> FrameSource: ...

    def add_points(
        self,
        object_id: int,
        frame: int,
        points: Sequence[Sequence[float]] | np.ndarray | None,
        labels: Sequence[int] | np.ndarray | None,
        box: Sequence[float] | None = None,
        *,
        clear_old: bool = True,
    ) -> MaskResult:
        """Prompt `object_id` on `frame` with clicks and/or a box; return its new mask.

        `points`: [[x, y], ...] in original pixels; `labels`: 1 = object, 0 = background.
        `box`: [x0, y0, x1, y1] in pixels. With `clear_old=True` (default) the clicks given are
        all the clicks on this frame for this object (earlier ones are replaced; the previous
        mask still guides the result); with False they are added to earlier clicks (no box then).
        A frame that was already tracked becomes a conditioning frame: propagation keeps the
        corrected mask there.
        """
        ...

    def add_mask(self, object_id: int, frame: int, mask: np.ndarray) -> MaskResult:
        """Give `object_id` a mask (bool (height, width), original pixels) on `frame`.

        The frame becomes a conditioning frame. Used for brush edits, for automatic masklets
        (one mask per object on the key frame), and to resume a propagation in a new session:
        add the stored masks of the conditioning frames and of the last stored frame, then
        propagate from that last frame.
        """
        ...

    def propagate(
        self,
        start_frame: int,
        direction: Direction = "forward",
        max_frames: int | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[FrameMasks]:
        """Track every prompted object from `start_frame`, yielding masks frame by frame.

        Yields `start_frame` first, then frames in `direction`, at most `max_frames` frames in
        all (None: to the end of the video). `should_cancel()` is checked before every frame;
        when it returns True the iterator stops (no exception). Memory does not grow with the
        number of frames: tracked state outside the model's memory window is dropped as the
        propagation advances, so the caller stores the masks as they come.
        """
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Session: ...

    def __exit__(self, *exc: object) -> None: ...


# What a backend can do; `Backend.capabilities` is a subset.
CAPABILITIES = frozenset({"points", "boxes", "masks", "propagate", "auto_masks", "concepts"})
NO_TEXT_PROMPTS = "this model does not take text prompts"


class Backend(Protocol):
    """A segmentation engine, loaded once per process (see `inference.engine.get_backend`).

    `name` is "opencv", "sam2", "edgetam" or "sam3"; `label` is a human-readable line for API and
    UI, so users can tell model masks from classical ones; `capabilities` is the subset of
    `CAPABILITIES` it offers ("concepts": `concept_propagate` takes text prompts).
    """

    name: str
    label: str
    capabilities: frozenset[str]

    def open_session(self, frames: FrameSource) -> Session: ...

    def auto_masks(
        self, frame_rgb: np.ndarray, params: AutoMaskParams | None = None
    ) -> list[AutoMask]:
        """Automatic mask proposals on one RGB uint8 frame, best first."""
        ...

    def concept_propagate(
        self,
        frames: FrameSource,
        text: str,
        start_frame: int,
        max_frames: int | None = None,
        should_cancel: Callable[[], bool] | None = None,
        score_threshold: float = 0.5,
    ) -> Iterator[ConceptFrame]:
        """Every instance of the concept `text` (a noun phrase), frame by frame, forward.

        Yields `start_frame` first, then later frames, at most `max_frames` in all (None: to the
        end). `should_cancel()` is checked before every frame; True stops the iterator quietly.
        Instances scoring below `score_threshold` on a frame are left out of that frame. Frames are
        read lazily and memory stays flat in the number of frames. Backends without "concepts" in
        their capabilities raise PromptError(NO_TEXT_PROMPTS).
        """
        ...


def propagate_both(
    session: Session,
    start_frame: int,
    max_frames: int | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> Iterator[FrameMasks]:
    """Propagate forward, then backward, from `start_frame`; yields the start frame once.

    `max_frames` bounds each direction separately (each counts the start frame).
    """
    yield from session.propagate(start_frame, "forward", max_frames, should_cancel)
    if should_cancel is not None and should_cancel():
        return
    backward = session.propagate(start_frame, "backward", max_frames, should_cancel)
    for index, item in enumerate(backward):
        if index == 0:
            continue  # the start frame was already yielded by the forward pass
        yield item


# ---------------------------------------------------------------------------------------------
# Small helpers shared by the backends


def reject_text_prompts(*_args: object, **_kwargs: object) -> Iterator[ConceptFrame]:
    """`concept_propagate` of a backend without "concepts": raises PromptError when called."""
    raise PromptError(NO_TEXT_PROMPTS)


def check_frame_index(frames: FrameSource, frame: int) -> int:
    """Return `frame` as int, or raise PromptError when it is outside the video."""
    n = len(frames)
    if (
        isinstance(frame, bool)
        or not isinstance(frame, int | np.integer)
        or not 0 <= int(frame) < n
    ):
        raise PromptError(f"frame {frame!r} is outside the video (it has frames 0 to {n - 1})")
    return int(frame)


def check_points(
    points: Sequence[Sequence[float]] | np.ndarray | None,
    labels: Sequence[int] | np.ndarray | None,
    box: Sequence[float] | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Validate a click/box prompt; return (points float32 (N, 2), labels int32 (N,), box or None)."""
    if points is None and labels is None:
        pts = np.zeros((0, 2), dtype=np.float32)
        lbs = np.zeros((0,), dtype=np.int32)
    elif points is None or labels is None:
        raise PromptError("points and labels must be given together")
    else:
        pts = (
            np.asarray(points, dtype=np.float32).reshape(-1, 2)
            if len(points)
            else np.zeros((0, 2), np.float32)
        )
        lbs = np.asarray(labels, dtype=np.int32).reshape(-1)
        if len(pts) != len(lbs):
            raise PromptError(f"got {len(pts)} points but {len(lbs)} labels")
        if not np.isin(lbs, (0, 1)).all():
            raise PromptError("point labels must be 1 (object) or 0 (background)")
        if not np.isfinite(pts).all():
            raise PromptError("point coordinates must be finite numbers")
    bx = None
    if box is not None:
        bx = np.asarray(box, dtype=np.float32).reshape(-1)
        if bx.shape != (4,) or not np.isfinite(bx).all():
            raise PromptError("a box must be [x0, y0, x1, y1] in pixels")
        if bx[2] <= bx[0] or bx[3] <= bx[1]:
            raise PromptError("a box must have x1 > x0 and y1 > y0")
    if len(pts) == 0 and bx is None:
        raise PromptError("give at least one point or a box")
    return pts, lbs, bx


def check_mask(frames: FrameSource, mask: np.ndarray) -> np.ndarray:
    """Return `mask` as a bool (height, width) array, or raise PromptError if its shape is wrong."""
    mask = np.asarray(mask)
    if mask.shape != (frames.height, frames.width):
        raise PromptError(
            f"mask is {mask.shape[1] if mask.ndim > 1 else '?'}x{mask.shape[0] if mask.ndim else '?'} "
            f"pixels but the video is {frames.width}x{frames.height}"
        )
    return mask.astype(bool)


def mask_bbox(mask: np.ndarray) -> list[float]:
    """[x, y, width, height] in pixels of a bool mask (COCO convention); zeros if empty."""
    ys, xs = np.nonzero(mask)
    if len(xs) == 0:
        return [0.0, 0.0, 0.0, 0.0]
    x0, x1, y0, y1 = xs.min(), xs.max(), ys.min(), ys.max()
    return [float(x0), float(y0), float(x1 - x0 + 1), float(y1 - y0 + 1)]


def check_inside(
    frames: FrameSource, points: np.ndarray, box: np.ndarray | None
) -> np.ndarray | None:
    """Raise PromptError for a point outside the frame; return the box clipped to the frame."""
    w, h = frames.width, frames.height
    if len(points):
        outside = (
            (points[:, 0] < -1)
            | (points[:, 0] > w + 1)
            | (points[:, 1] < -1)
            | (points[:, 1] > h + 1)
        )
        if outside.any():
            x, y = points[np.argmax(outside)]
            raise PromptError(f"point ({x:g}, {y:g}) lies outside the {w}x{h} frame")
    if box is None:
        return None
    clipped = np.array(
        [
            np.clip(box[0], 0, w),
            np.clip(box[1], 0, h),
            np.clip(box[2], 0, w),
            np.clip(box[3], 0, h),
        ],
        dtype=np.float32,
    )
    if clipped[2] <= clipped[0] or clipped[3] <= clipped[1]:
        raise PromptError(f"box {box.tolist()} lies outside the {w}x{h} frame")
    return clipped
