"""Classical OpenCV backend, used when no SAM 2 checkpoint is configured. No neural network.

- Clicks and boxes: GrabCut (colour GMMs + graph cut) seeded by the box, by the object's
  previous mask on that frame, or by a region around the positive clicks; clicks are hard
  constraints.
- Propagation: the object's motion between frames comes from Lucas-Kanade feature tracks on
  the visible object (forward-backward checked, similarity transform by RANSAC; the last motion
  is kept when the object is hidden). A shape prior (the last unoccluded mask, moved along) and
  the previous mask give a trimap, and GrabCut re-segments the frame with the object's colour
  model frozen and a background model learnt on the current frame. Occluders are cut out
  because their colours fit the background model better; the shape prior lets the object grow
  back when the occluder leaves.
- Automatic proposals: mean-shift filtering, colour clustering and connected regions, filtered
  by size.

Everything runs on a working copy of each frame scaled to at most `work_side` pixels; masks are
returned at the original resolution.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from .base import (
    AutoMask,
    AutoMaskParams,
    Direction,
    EngineError,
    FrameMasks,
    FrameSource,
    MaskResult,
    PromptError,
    check_frame_index,
    check_inside,
    check_mask,
    check_points,
    mask_bbox,
    reject_text_prompts,
)
from .dedupe import dedupe_masks
from .grabcut import (
    GC_BGD,
    GC_FGD,
    GC_PR_BGD,
    GC_PR_FGD,
    box_pixels,
    colour_regions,
    colour_separation,
    disk,
    grabcut_until_stable,
    is_object,
    keep_components,
    learn_models,
    refine_region,
    roi,
)
from .postprocess import fill_holes

_RECENT_MASKS = 16  # tracked masks kept per object, for corrections on recent frames


@dataclass
class _Tracker:
    """Per-object propagation state at working resolution."""

    gray: np.ndarray  # previous frame, gray
    mask: np.ndarray  # previous visible mask (bool)
    prior: np.ndarray  # full object shape from the last unoccluded frame, moved along (bool)
    object_model: np.ndarray  # GrabCut GMM of the object's colours (1 x 65)
    motion: np.ndarray = field(default_factory=lambda: np.eye(2, 3, dtype=np.float64))
    steady_frames: int = 0  # consecutive frames whose result matched the previous one


class OpenCVSession:
    """Prompts and propagation with classical OpenCV (see the module docstring and base.Session)."""

    def __init__(self, backend: OpenCVBackend, frames: FrameSource):
        if len(frames) == 0:
            raise EngineError("the video has no frames")
        self._backend = backend
        self._frames = frames
        side = max(frames.height, frames.width)
        self.scale = min(1.0, backend.work_side / side)
        self.work_size = (
            max(1, round(frames.width * self.scale)),
            max(1, round(frames.height * self.scale)),
        )
        self._object_ids: list[int] = []
        self._prompts: dict[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray | None]] = {}
        self._cond: dict[int, dict[int, np.ndarray]] = {}  # object -> frame -> work-res mask
        self._recent: dict[
            int, OrderedDict[int, np.ndarray]
        ] = {}  # object -> frame -> work-res mask
        self._closed = False

    @property
    def frames(self) -> FrameSource:
        return self._frames

    @property
    def object_ids(self) -> list[int]:
        return list(self._object_ids)

    # -- frames and scaling ------------------------------------------------------------------------

    def _work_frame(self, index: int) -> np.ndarray:
        rgb = self._frames.read(index)
        if self.scale < 1.0:
            rgb = cv2.resize(rgb, self.work_size, interpolation=cv2.INTER_AREA)
        return np.ascontiguousarray(rgb)

    def _to_full(self, mask: np.ndarray) -> np.ndarray:
        if self.scale >= 1.0:
            return mask.astype(bool)
        full = cv2.resize(
            mask.astype(np.float32),
            (self._frames.width, self._frames.height),
            interpolation=cv2.INTER_LINEAR,
        )
        return full > 0.5

    def _to_work(self, mask: np.ndarray) -> np.ndarray:
        if self.scale >= 1.0:
            return mask.astype(bool)
        return (
            cv2.resize(mask.astype(np.float32), self.work_size, interpolation=cv2.INTER_AREA) > 0.5
        )

    def _register(self, object_id: int) -> None:
        if object_id not in self._cond:
            self._object_ids.append(object_id)
            self._cond[object_id] = {}
            self._recent[object_id] = OrderedDict()

    def _remember(self, object_id: int, frame: int, mask: np.ndarray) -> None:
        recent = self._recent[object_id]
        recent[frame] = mask
        recent.move_to_end(frame)
        while len(recent) > _RECENT_MASKS:
            recent.popitem(last=False)

    def _mask_on(self, object_id: int, frame: int) -> np.ndarray | None:
        if object_id not in self._cond:
            return None
        mask = self._cond[object_id].get(frame)
        return mask if mask is not None else self._recent[object_id].get(frame)

    def forget(self, object_id: int) -> None:
        """Remove `object_id` and everything the session holds about it."""
        if object_id in self._cond:
            self._object_ids.remove(object_id)
            del self._cond[object_id], self._recent[object_id]
        self._prompts = {k: v for k, v in self._prompts.items() if k[0] != object_id}

    def clear_frame(self, object_id: int, frame: int) -> None:
        """Forget `object_id`'s prompts and mask on `frame`: a prompt that starts over."""
        self._prompts.pop((object_id, frame), None)
        if object_id in self._cond:
            self._cond[object_id].pop(frame, None)
            self._recent[object_id].pop(frame, None)

    # -- prompts -----------------------------------------------------------------------------------

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
        self._check_open()
        frame = check_frame_index(self._frames, frame)
        pts, lbs, bx = check_points(points, labels, box)
        bx = check_inside(self._frames, pts, bx)
        if bx is not None and not clear_old:
            raise PromptError("a box replaces the clicks on its frame; send it with clear_old=True")
        self._register(object_id)
        previous = self._prompts.get((object_id, frame))
        if not clear_old and previous is not None:
            pts = np.concatenate([previous[0], pts])
            lbs = np.concatenate([previous[1], lbs])
            bx = previous[2]
        self._prompts[(object_id, frame)] = (pts, lbs, bx)
        image = self._work_frame(frame)
        prev_mask = self._mask_on(object_id, frame)
        mask = self._segment_prompt(
            image, pts * self.scale, lbs, None if bx is None else bx * self.scale, prev_mask
        )
        self._cond[object_id][frame] = mask
        return MaskResult(frame, object_id, self._to_full(mask), colour_separation(image, mask))

    def add_mask(self, object_id: int, frame: int, mask: np.ndarray) -> MaskResult:
        self._check_open()
        frame = check_frame_index(self._frames, frame)
        mask = check_mask(self._frames, mask)
        self._register(object_id)
        self._prompts.pop((object_id, frame), None)
        self._cond[object_id][frame] = self._to_work(mask)
        return MaskResult(frame, object_id, mask.copy(), 1.0)

    def _segment_prompt(
        self,
        image: np.ndarray,
        points: np.ndarray,
        labels: np.ndarray,
        box: np.ndarray | None,
        prev_mask: np.ndarray | None,
    ) -> np.ndarray:
        """GrabCut from clicks (work-res pixels), an optional box and an optional previous mask."""
        h, w = image.shape[:2]
        positive = points[labels == 1]
        trimap = np.full((h, w), GC_PR_BGD, np.uint8)
        if prev_mask is not None and prev_mask.any():
            trimap[prev_mask] = GC_PR_FGD
            if box is not None:
                trimap[:] = GC_BGD
                x0, y0, x1, y1 = box_pixels(box, w, h)
                region = trimap[y0:y1, x0:x1]
                region[:] = np.where(prev_mask[y0:y1, x0:x1], GC_PR_FGD, GC_PR_BGD)
        elif box is not None:
            trimap[:] = GC_BGD
            x0, y0, x1, y1 = box_pixels(box, w, h)
            trimap[y0:y1, x0:x1] = GC_PR_FGD
        elif len(positive):
            # No box and no earlier mask: guess a region around the clicks; GrabCut refines it.
            half = 0.15 * min(h, w)
            x0, y0 = positive.min(axis=0) - half
            x1, y1 = positive.max(axis=0) + half
            trimap[:] = GC_BGD
            gx0, gy0, gx1, gy1 = box_pixels(
                np.array([x0 - half, y0 - half, x1 + half, y1 + half]), w, h
            )
            trimap[gy0:gy1, gx0:gx1] = GC_PR_BGD
            bx0, by0, bx1, by1 = box_pixels(np.array([x0, y0, x1, y1]), w, h)
            trimap[by0:by1, bx0:bx1] = GC_PR_FGD
        else:
            raise PromptError("give at least one positive click or a box for a new object")
        radius = max(2, round(0.012 * min(h, w)))
        for (x, y), label in zip(points, labels, strict=True):
            cv2.circle(
                trimap,
                (round(float(x)), round(float(y))),
                radius,
                GC_FGD if label == 1 else GC_BGD,
                -1,
            )
        if not (trimap == GC_BGD).any():
            # keep a frame border as background so the background model has samples
            trimap[[0, -1], :] = np.where(
                is_object(trimap[[0, -1], :]), trimap[[0, -1], :], GC_BGD
            )
            trimap[:, [0, -1]] = np.where(
                is_object(trimap[:, [0, -1]]), trimap[:, [0, -1]], GC_BGD
            )
        x0, y0, x1, y1 = roi(is_object(trimap) | (trimap == GC_PR_BGD), w, h, margin=0.1)
        sub = trimap[y0:y1, x0:x1].copy()
        if (sub == GC_BGD).sum() < 10:
            x0, y0, x1, y1 = 0, 0, w, h
            sub = trimap.copy()
        try:
            # At most 5 iterations, fewer once the cut settles: a correction next to a mask it
            # already has settles after about 2 (half the time of a click, same mask to 99%).
            grabcut_until_stable(np.ascontiguousarray(image[y0:y1, x0:x1]), sub, 5)
        except cv2.error:
            pass  # too few samples for a colour model: keep the initial guess
        result = np.zeros((h, w), bool)
        result[y0:y1, x0:x1] = is_object(sub)
        guide = None
        if box is not None:
            guide = np.zeros((h, w), bool)
            bx0, by0, bx1, by1 = box_pixels(box, w, h)
            guide[by0:by1, bx0:bx1] = True
        result = keep_components(result, positive if len(positive) else None, guide)
        return fill_holes(result, max(16, int(0.01 * result.sum())))

    # -- propagation -------------------------------------------------------------------------------

    def propagate(
        self,
        start_frame: int,
        direction: Direction = "forward",
        max_frames: int | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[FrameMasks]:
        self._check_open()
        start_frame = check_frame_index(self._frames, start_frame)
        if direction not in ("forward", "backward"):
            raise PromptError(f'direction must be "forward" or "backward", not {direction!r}')
        if max_frames is not None and max_frames < 1:
            raise PromptError("max_frames must be at least 1")
        if not self._object_ids:
            raise PromptError(
                "no object has a prompt in this session yet; add points, a box or a mask first"
            )
        step = 1 if direction == "forward" else -1
        end = len(self._frames) if step == 1 else -1
        order = range(start_frame, end, step)
        if max_frames is not None:
            order = order[:max_frames]
        return self._propagate(order, should_cancel)

    def _propagate(
        self, order: range, should_cancel: Callable[[], bool] | None
    ) -> Iterator[FrameMasks]:
        trackers: dict[int, _Tracker] = {}
        for frame in order:
            if should_cancel is not None and should_cancel():
                return
            image = self._work_frame(frame)
            gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
            masks: dict[int, np.ndarray] = {}
            for object_id in self._object_ids:
                given = self._cond[object_id].get(frame)
                if given is None and frame == order[0]:
                    given = self._recent[object_id].get(frame)  # start frame: last tracked mask
                if given is not None:
                    tracker = self._start_tracker(image, gray, given)
                    trackers.pop(object_id, None)
                    if tracker is not None:
                        trackers[object_id] = tracker
                    mask = given
                elif object_id in trackers:
                    mask = self._track(trackers[object_id], image, gray)
                else:
                    mask = np.zeros(gray.shape, bool)
                if object_id in trackers or given is not None:
                    self._remember(object_id, frame, mask)
                masks[object_id] = self._to_full(mask)
            yield FrameMasks(frame=frame, masks=masks)

    def _start_tracker(
        self, image: np.ndarray, gray: np.ndarray, mask: np.ndarray
    ) -> _Tracker | None:
        if mask.sum() < 10:
            return None
        trimap = np.where(mask, GC_FGD, GC_BGD).astype(np.uint8)
        x0, y0, x1, y1 = roi(mask, mask.shape[1], mask.shape[0], margin=0.5)
        models = learn_models(np.ascontiguousarray(image[y0:y1, x0:x1]), trimap[y0:y1, x0:x1])
        if models is None:
            models = learn_models(image, trimap)
        if models is None:
            return None
        return _Tracker(gray=gray, mask=mask.copy(), prior=mask.copy(), object_model=models[1])

    def _estimate_motion(self, tracker: _Tracker, gray: np.ndarray) -> np.ndarray:
        """Similarity transform (2x3) moving the previous frame onto this one, for the object."""
        area = int(tracker.mask.sum())
        if area >= 30:
            core = cv2.erode(tracker.mask.astype(np.uint8), disk(1))
            corners = cv2.goodFeaturesToTrack(
                tracker.gray, maxCorners=200, qualityLevel=0.01, minDistance=4, mask=core
            )
            if corners is not None and len(corners) >= 6:
                lk = {
                    "winSize": (15, 15),
                    "maxLevel": 3,
                    "criteria": (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 20, 0.03),
                }
                moved, status, _ = cv2.calcOpticalFlowPyrLK(tracker.gray, gray, corners, None, **lk)
                back, status_back, _ = cv2.calcOpticalFlowPyrLK(
                    gray, tracker.gray, moved, None, **lk
                )
                fb_error = np.linalg.norm((back - corners).reshape(-1, 2), axis=1)
                good = (status.ravel() == 1) & (status_back.ravel() == 1) & (fb_error < 1.0)
                if good.sum() >= 5:
                    motion, inliers = cv2.estimateAffinePartial2D(
                        corners[good], moved[good], method=cv2.RANSAC, ransacReprojThreshold=2.0
                    )
                    if motion is not None and inliers is not None:
                        if self._plausible(
                            motion, tracker.motion, int(inliers.sum()), int(good.sum()), area
                        ):
                            return motion
        # Too few trustworthy tracks (object hidden or flat): keep moving as before.
        return tracker.motion

    @staticmethod
    def _plausible(
        motion: np.ndarray, previous: np.ndarray, inliers: int, tracks: int, area: int
    ) -> bool:
        """Reject a transform that scales wildly, or jumps from the last motion on weak evidence
        (tracks near an occluder's edge tend to follow the occluder)."""
        scale = float(np.hypot(motion[0, 0], motion[1, 0]))
        if inliers < 4 or not 0.85 < scale < 1.15:
            return False
        jump = float(np.linalg.norm(motion[:, 2] - previous[:, 2]))
        strong = inliers >= 12 and inliers >= 0.6 * tracks
        return strong or jump <= max(6.0, 0.5 * np.sqrt(area / np.pi))

    def _track(self, tracker: _Tracker, image: np.ndarray, gray: np.ndarray) -> np.ndarray:
        h, w = gray.shape
        motion = self._estimate_motion(tracker, gray)

        def warp(mask: np.ndarray) -> np.ndarray:
            moved = cv2.warpAffine(mask.astype(np.uint8), motion, (w, h), flags=cv2.INTER_NEAREST)
            return moved.astype(bool)

        prior, previous = warp(tracker.prior), warp(tracker.mask)
        tracker.motion, tracker.gray = motion, gray
        prior_area = int(prior.sum())
        if prior_area < 10:  # left the frame
            tracker.prior, tracker.mask = prior, np.zeros_like(prior)
            return tracker.mask
        radius = np.sqrt(prior_area / np.pi)
        band = cv2.dilate(prior.astype(np.uint8), disk(max(3, round(0.25 * radius)))).astype(bool)
        core = cv2.erode(
            (previous & prior).astype(np.uint8), disk(max(2, round(0.35 * radius)))
        ).astype(bool)
        trimap = np.full((h, w), GC_BGD, np.uint8)
        trimap[band] = GC_PR_BGD
        trimap[prior] = GC_PR_FGD
        trimap[core] = GC_FGD
        x0, y0, x1, y1 = roi(band, w, h, margin=0.3)
        sub_image = np.ascontiguousarray(image[y0:y1, x0:x1])
        sub = trimap[y0:y1, x0:x1].copy()
        learnt = learn_models(sub_image, sub)
        if learnt is None:
            result = prior & previous if (prior & previous).any() else prior
        else:
            background_model = learnt[0]
            try:
                cv2.grabCut(
                    sub_image,
                    sub,
                    None,
                    background_model,
                    tracker.object_model.copy(),
                    1,
                    cv2.GC_EVAL_FREEZE_MODEL,
                )
            except cv2.error:
                pass
            result = np.zeros((h, w), bool)
            result[y0:y1, x0:x1] = is_object(sub)
            result = keep_components(result, None, prior)
            result = fill_holes(result, max(16, int(0.02 * prior_area)))
        # An unoccluded result becomes the new shape prior and colour model. A result clearly
        # smaller than the prior is taken as occluded, so a gradual occlusion cannot wear the
        # prior away frame by frame (scale changes are in the motion, so the prior follows them).
        union = np.logical_or(result, prior).sum()
        iou = np.logical_and(result, prior).sum() / union if union else 0.0
        # A result that stays the same for a few frames is trusted even when smaller (the prior
        # was wrong, or the object really shrank).
        steady_union = np.logical_or(result, previous).sum()
        steady = steady_union and np.logical_and(result, previous).sum() / steady_union > 0.9
        tracker.steady_frames = tracker.steady_frames + 1 if steady else 0
        if (iou > 0.85 and result.sum() >= 0.95 * prior_area) or tracker.steady_frames >= 5:
            tracker.prior = result
            if iou > 0.9:
                trimap_now = np.where(result, GC_FGD, GC_BGD).astype(np.uint8)
                models = learn_models(sub_image, trimap_now[y0:y1, x0:x1])
                if models is not None:
                    tracker.object_model = models[1]
        else:
            tracker.prior = prior
        tracker.mask = result
        return result

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        self._closed = True
        self._cond.clear()
        self._recent.clear()
        self._prompts.clear()

    def __enter__(self) -> OpenCVSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise EngineError("this session is closed")


class OpenCVBackend:
    """Classical segmentation with OpenCV: no model weights, CPU only, clearly not SAM 2."""

    name = "opencv"
    label = "OpenCV classical segmentation (GrabCut + optical flow), no neural model"
    capabilities = frozenset({"points", "boxes", "masks", "propagate", "auto_masks"})
    concept_propagate = reject_text_prompts

    def __init__(self, work_side: int = 512):
        self.work_side = int(work_side)

    def open_session(self, frames: FrameSource) -> OpenCVSession:
        return OpenCVSession(self, frames)

    def auto_masks(
        self, frame_rgb: np.ndarray, params: AutoMaskParams | None = None
    ) -> list[AutoMask]:
        """Region proposals: colour regions at two smoothing levels, each refined by GrabCut.

        Texture is smoothed away (Gaussian blur, mean-shift filtering), colours are clustered
        (k-means in Lab) and connected regions become coarse proposals; GrabCut then fits each
        to the frame's edges. `score` is the colour contrast with the surround, `stability` the
        agreement (IoU) of coarse and refined region. Uses `min_area` (pixels of the frame
        given; at least 0.3% of the frame), `max_area_fraction`, `mask_iou_thresh` and
        `max_masks` of `params`; the SAM 2 grid settings do not apply.
        """
        params = params or AutoMaskParams()
        frame_rgb = np.asarray(frame_rgb, dtype=np.uint8)
        if frame_rgb.ndim != 3 or frame_rgb.shape[2] != 3:
            raise EngineError(
                f"automatic masks need an RGB (height, width, 3) frame, got shape {frame_rgb.shape}"
            )
        h, w = frame_rgb.shape[:2]
        scale = min(1.0, 320 / max(h, w))
        small = cv2.resize(
            frame_rgb,
            (max(1, round(w * scale)), max(1, round(h * scale))),
            interpolation=cv2.INTER_AREA,
        )
        pixels = small.shape[0] * small.shape[1]
        min_area = max(params.min_area * scale * scale, 0.003 * pixels)
        max_area = params.max_area_fraction * pixels
        coarse = [
            r for blur in (3.0, 6.0) for r in colour_regions(small, blur, min_area, max_area)
        ]
        coarse = [coarse[i] for i in dedupe_masks(coarse, [float(r.sum()) for r in coarse], 0.9)]
        candidates: list[tuple[np.ndarray, float, float]] = []
        for region in coarse:
            refined = refine_region(small, region)
            area = refined.sum()
            if not min_area <= area <= max_area:
                continue
            agreement = np.logical_and(refined, region).sum() / max(
                1, np.logical_or(refined, region).sum()
            )
            candidates.append((refined, colour_separation(small, refined), float(agreement)))
        scores = [score * stability for _, score, stability in candidates]
        keep = dedupe_masks([c[0] for c in candidates], scores, params.mask_iou_thresh)
        if params.max_masks is not None:
            keep = keep[: params.max_masks]
        out = []
        for i in keep:
            full = cv2.resize(
                candidates[i][0].astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST
            ).astype(bool)
            out.append(
                AutoMask(
                    mask=full,
                    score=candidates[i][1],
                    stability=candidates[i][2],
                    bbox=mask_bbox(full),
                )
            )
        return out
