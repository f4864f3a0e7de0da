"""SAM 2 backend: the official `sam2` video predictor behind the engine's Backend/Session API.

Imports torch and sam2; `config.get_backend` imports this module only when SAM 2 is chosen.

Differences from driving `SAM2VideoPredictor` directly, all for memory and latency:

- No `init_state(path)`: `SAM2Session` builds the same state dict, but `images` is a
  `LazyVideoFrames` that reads, resizes and normalises a frame only when its features are
  computed (init_state holds every frame as float32: 12 MiB per frame at 1024 px).
- Image features live in a byte-bounded LRU shared by the process (see `sam2_predictor`).
- As propagation advances, per-frame tracking state farther than the model's memory window
  from the current frame and from every conditioning frame leaves memory for a byte-bounded
  spill on local disk (`sam2_spill`), so memory stays flat with video length; it is read back
  around a frame before a prompt there or a propagation from there, so answers stay sam2's
  own. The caller stores the masks as they are yielded.
"""

from __future__ import annotations

import contextlib
import itertools
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from PIL import Image

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
    reject_text_prompts,
)
from .config import SAM21_CONFIGS, EngineConfig
from .feature_cache import ByteLRUCache
from .lazy_masks import LazyMasks
from .sam2_model import LoadedModel, build_video_model, inference_context
from .sam2_predictor import (
    CACHE,
    CACHE_KEY,
    COUNTERS,
    FILL_CACHE,
    PROPAGATING,
    SINGLE_OBJECT,
    MaskletVideoPredictor,
)
from .sam2_spill import StateSpill

# sam2.utils.misc.load_video_frames normalisation (ImageNet mean and std).
IMG_MEAN = (0.485, 0.456, 0.406)
IMG_STD = (0.229, 0.224, 0.225)

_session_numbers = itertools.count(1)


class LazyVideoFrames:
    """Stands in for init_state's [N, 3, S, S] image tensor; one frame is read per access.

    `frames[i]` is frame i resized to S x S (PIL's default bicubic, as sam2's JPEG loader does)
    and normalised with ImageNet mean/std: a float32 tensor [3, S, S] on the CPU.
    """

    def __init__(self, frames: FrameSource, image_size: int):
        self.frames = frames
        self.image_size = int(image_size)
        self.reads = 0
        self._mean = torch.tensor(IMG_MEAN, dtype=torch.float32)[:, None, None]
        self._std = torch.tensor(IMG_STD, dtype=torch.float32)[:, None, None]

    def __len__(self) -> int:
        return len(self.frames)

    def __getitem__(self, index: int) -> torch.Tensor:
        if not isinstance(index, int | np.integer):
            raise TypeError("LazyVideoFrames supports integer indices only")
        rgb = self.frames.read(int(index))
        self.reads += 1
        size = (self.image_size, self.image_size)
        resized = np.asarray(Image.fromarray(rgb).resize(size))
        image = torch.from_numpy(resized / 255.0).permute(2, 0, 1).float()
        return (image - self._mean) / self._std


@dataclass
class SAM2SessionState:
    """Typed view of one session; `inference_state` is the official predictor's state dict."""

    inference_state: dict[str, Any]
    frames: FrameSource
    cache_key: tuple[str, int]
    owns_cache_key: bool  # True when the key is unique to this session (dropped on close)
    memory_window: int  # frames of non-conditioning state kept around the current frame
    dropped_frame_states: int = 0
    frames_propagated: int = 0
    closed: bool = False
    scores: dict[tuple[int, int], float] = field(default_factory=dict)


class SAM2Session:
    """Prompts and propagation on one video with the SAM 2 video predictor (see base.Session)."""

    def __init__(self, backend: SAM2Backend, frames: FrameSource):
        self._backend = backend
        self._model: MaskletVideoPredictor = backend.model
        stable_key = getattr(frames, "cache_key", None)
        key = stable_key or f"session-{next(_session_numbers)}-{uuid.uuid4().hex}"
        model = self._model
        stride = max(1, int(model.memory_temporal_stride_for_eval))
        window = model.num_maskmem * stride
        if model.use_obj_ptrs_in_encoder:
            window = max(window, model.max_obj_ptrs_in_encoder - 1)
        self.state = SAM2SessionState(
            inference_state=self._new_inference_state(frames, (key, backend.image_size)),
            frames=frames,
            cache_key=(key, backend.image_size),
            owns_cache_key=not stable_key,
            memory_window=window,
        )
        self._spill = StateSpill(backend.state_spill_bytes)
        # Whether a propagation leaves the frames' image features in the feature cache while its
        # budget has room (for a first correction there): worth it only in a process that also
        # answers clicks; a batch-only worker would fill its budget for nobody.
        self.cache_propagated_features = True
        # conditioning masks given to the model only when a tracked frame first needs them
        self._deferred: dict[int, dict[int, Callable[[], np.ndarray]]] = {}

    # -- the official init_state, without reading any frame ------------------------------------

    def _new_inference_state(
        self, frames: FrameSource, cache_key: tuple[str, int]
    ) -> dict[str, Any]:
        if len(frames) == 0:
            raise EngineError("the video has no frames")
        device = self._backend.device
        return {
            "images": LazyVideoFrames(frames, self._backend.image_size),
            "num_frames": len(frames),
            "offload_video_to_cpu": False,
            "offload_state_to_cpu": False,
            "video_height": int(frames.height),
            "video_width": int(frames.width),
            "device": device,
            "storage_device": device,
            "point_inputs_per_obj": {},
            "mask_inputs_per_obj": {},
            "cached_features": {},
            "constants": {},
            "obj_id_to_idx": OrderedDict(),
            "obj_idx_to_id": OrderedDict(),
            "obj_ids": [],
            "output_dict_per_obj": {},
            "temp_output_dict_per_obj": {},
            "frames_tracked_per_obj": {},
            CACHE: self._backend.feature_cache,
            CACHE_KEY: cache_key,
            PROPAGATING: False,
            COUNTERS: {"encoder_runs": 0, "cache_hits": 0},
        }

    # -- Session API -----------------------------------------------------------------------------

    @property
    def frames(self) -> FrameSource:
        return self.state.frames

    @property
    def object_ids(self) -> list[int]:
        return list(self._live_state()["obj_ids"])

    @property
    def counters(self) -> dict[str, int]:
        """encoder_runs and cache_hits of this session (for tests and logs)."""
        return dict(self._live_state()[COUNTERS])

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
        state = self._live_state()
        frame = check_frame_index(self.frames, frame)
        pts, lbs, bx = check_points(points, labels, box)
        bx = check_inside(self.frames, pts, bx)
        if bx is not None and not clear_old:
            raise PromptError("a box replaces the clicks on its frame; send it with clear_old=True")
        self._restore_around([object_id], frame)
        with inference_context(self._backend.device):
            self._add_due_masks(frame, reverse=self.tracked_direction(object_id, frame) == "backward", commit=False)
        with inference_context(self._backend.device), self._answering_for(object_id):
            _, _, video_res_masks = self._model.add_new_points_or_box(
                state,
                frame_idx=frame,
                obj_id=object_id,
                points=pts if len(pts) else None,
                labels=lbs if len(pts) else None,
                clear_old_points=clear_old,
                box=bx,
            )
            mask = (video_res_masks[0, 0] > 0).cpu().numpy()
        score = float(self._model.last_pred_iou if self._model.last_pred_iou is not None else 0.0)
        self.state.scores[(object_id, frame)] = score
        return MaskResult(frame=frame, object_id=object_id, mask=mask, score=score)

    def add_mask(self, object_id: int, frame: int, mask: np.ndarray) -> MaskResult:
        state = self._live_state()
        frame = check_frame_index(self.frames, frame)
        mask = check_mask(self.frames, mask)
        self._deferred.get(object_id, {}).pop(frame, None)
        with inference_context(self._backend.device), self._answering_for(object_id):
            _, _, video_res_masks = self._model.add_new_mask(
                state, frame_idx=frame, obj_id=object_id, mask=torch.from_numpy(mask)
            )
            out = (video_res_masks[0, 0] > 0).cpu().numpy()
        return MaskResult(frame=frame, object_id=object_id, mask=out, score=1.0)

    def defer_mask(self, object_id: int, frame: int, load: Callable[[], np.ndarray]) -> None:
        """`add_mask` for a conditioning frame a propagation reaches later: `load()` (the mask,
        bool (height, width)) is called and given to the model only when a frame being tracked
        first needs it (among the max_cond_frames nearest, the nearest on either side, or within
        the memory window behind it), so a propagation does not run the image encoder for every
        correction before its first frame. The masks yielded are those of eager `add_mask` calls
        in frame order (tests/engine/test_sam2_corrections.py)."""
        self._live_state()
        frame = check_frame_index(self.frames, frame)
        self._deferred.setdefault(object_id, {})[frame] = load

    def _add_due_masks(self, frame: int, reverse: bool, commit: bool) -> None:
        """Give the model the deferred masks a call on `frame` may read; `commit` runs sam2's
        preflight (memory encoder) on them, needed once a propagation has started."""
        if not self._deferred:
            return
        state = self.state.inference_state
        bound = int(self._model.max_cond_frames_in_attn)
        window = self.state.memory_window
        touched = []
        for obj_id in list(self._deferred):
            pending = self._deferred[obj_id]
            obj_idx = state["obj_id_to_idx"].get(obj_id)
            given = set()
            if obj_idx is not None:
                given = set(state["output_dict_per_obj"][obj_idx]["cond_frame_outputs"])
                given |= set(state["temp_output_dict_per_obj"][obj_idx]["cond_frame_outputs"])
            every = given | set(pending)
            due = {max((t for t in every if t < frame), default=None)}
            due.add(min((t for t in every if t >= frame), default=None))
            nearest = sorted(every, key=lambda t: abs(t - frame))
            due.update(nearest if bound < 0 else nearest[: bound + 2])  # ties either side
            behind = (lambda t: frame < t <= frame + window) if reverse else (lambda t: frame - window <= t < frame)
            due.update(t for t in pending if behind(t))
            if obj_idx is None and pending:
                due.add(nearest[0])  # an object the model does not know yet
            for t in sorted(t for t in due if t in pending):
                mask = check_mask(self.frames, pending.pop(t)())
                with self._answering_for(obj_id):
                    self._model.add_new_mask(state, frame_idx=t, obj_id=obj_id, mask=torch.from_numpy(mask))
                touched.append(obj_id)
            if not pending:
                del self._deferred[obj_id]
        if commit and touched:
            self._model.propagate_in_video_preflight(state)
        for obj_id in set(touched):  # frame order, as eager add_mask calls in frame order leave it
            outputs = state["output_dict_per_obj"][state["obj_id_to_idx"][obj_id]]
            outputs["cond_frame_outputs"] = dict(sorted(outputs["cond_frame_outputs"].items()))

    @contextlib.contextmanager
    def _answering_for(self, object_id: int) -> Iterator[None]:
        """Make the predictor return only `object_id`'s mask from a prompt call."""
        state = self.state.inference_state
        # a new object gets the next index inside the official call
        state[SINGLE_OBJECT] = state["obj_id_to_idx"].get(object_id, len(state["obj_id_to_idx"]))
        try:
            yield
        finally:
            state[SINGLE_OBJECT] = None

    def propagate(
        self,
        start_frame: int,
        direction: Direction = "forward",
        max_frames: int | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[FrameMasks]:
        state = self._live_state()
        start_frame = check_frame_index(self.frames, start_frame)
        if direction not in ("forward", "backward"):
            raise PromptError(f'direction must be "forward" or "backward", not {direction!r}')
        if max_frames is not None and max_frames < 1:
            raise PromptError("max_frames must be at least 1")
        if not state["obj_ids"] and not self._deferred:
            raise PromptError(
                "no object has a prompt in this session yet; add points, a box or a mask first"
            )
        self._restore_around(list(state["obj_ids"]), start_frame)
        return self._propagate(start_frame, direction, max_frames, should_cancel)

    def _propagate(
        self,
        start_frame: int,
        direction: Direction,
        max_frames: int | None,
        should_cancel: Callable[[], bool] | None,
    ) -> Iterator[FrameMasks]:
        state = self.state.inference_state
        reverse = direction == "backward"
        # sam2 tracks frames start..start+max_frame_num_to_track inclusive, and skips a backward
        # pass that starts on frame 0; we count frames yielded and always yield the start frame.
        track = None if max_frames is None else max_frames - 1
        if reverse and start_frame == 0:
            reverse, track = False, 0
        with inference_context(self._backend.device):
            self._add_due_masks(start_frame, reverse, commit=False)
        step = -1 if reverse else 1
        upcoming = start_frame
        official = self._model.propagate_in_video(
            state, start_frame_idx=start_frame, max_frame_num_to_track=track, reverse=reverse
        )
        state[PROPAGATING] = True
        state[FILL_CACHE] = self.cache_propagated_features
        try:
            while True:
                if should_cancel is not None and should_cancel():
                    return
                with inference_context(self._backend.device):
                    if upcoming != start_frame:
                        self._add_due_masks(upcoming, reverse, commit=True)
                    try:
                        frame_idx, obj_ids, low_res_masks = next(official)
                    except StopIteration:
                        return
                    except RuntimeError as exc:
                        raise EngineError(f"SAM 2 propagation failed: {exc}") from exc
                    # Each object's full-size mask is made when read (LazyMasks), from any thread.
                    masks = LazyMasks(obj_ids, lambda i, low=low_res_masks: self._to_video_mask(low[i : i + 1]))
                self._spill.lost -= {(obj_id, int(frame_idx)) for obj_id in obj_ids}
                self._drop_state_outside_window(frame_idx)
                self.state.frames_propagated += 1
                upcoming = int(frame_idx) + step
                yield FrameMasks(frame=int(frame_idx), masks=masks)
        finally:
            official.close()
            state[PROPAGATING] = False
            # Only the current frame's features were kept during propagation; let them go.
            state["cached_features"] = {}

    def _to_video_mask(self, logits: torch.Tensor) -> np.ndarray:
        """Upsample one object's [1, 1, h, w] logits to the video size (bilinear, as sam2 does)
        and threshold at 0; one object at a time keeps the float buffer to one frame."""
        size = (self.frames.height, self.frames.width)
        if logits.shape[-2:] != size:
            logits = torch.nn.functional.interpolate(
                logits, size=size, mode="bilinear", align_corners=False
            )
        return (logits[0, 0] > 0).cpu().numpy()

    def _drop_state_outside_window(self, frame_idx: int) -> None:
        """Forget non-conditioning outputs no later frame can attend to.

        Memory attention reads the conditioning frames, the last `num_maskmem - 1` frames and
        object pointers of the last `max_obj_ptrs_in_encoder - 1` frames in the tracking
        direction. Outputs near a conditioning frame are kept too, so a later pass the other way
        from that frame sees the same memory as sam2's own predictor.
        """
        window = self.state.memory_window
        state = self.state.inference_state
        for obj_idx, obj_output in state["output_dict_per_obj"].items():
            obj_id = state["obj_idx_to_id"][obj_idx]
            cond_frames = list(obj_output["cond_frame_outputs"])
            non_cond = obj_output["non_cond_frame_outputs"]
            for f in [f for f in non_cond if abs(f - frame_idx) > window]:
                if not any(abs(f - c) <= window for c in cond_frames):
                    self._spill.put(obj_id, f, non_cond.pop(f))
                    self.state.dropped_frame_states += 1

    def _restore_around(self, object_ids: list[int], frame: int) -> None:
        """Read back the spilled outputs sam2 may read for a call at `frame`: the memory window
        on both sides (memory and object pointers of the frames tracked before it in either
        direction, and the frame's own previous mask)."""
        state = self.state.inference_state
        window = self.state.memory_window
        for obj_id in object_ids:
            obj_idx = state["obj_id_to_idx"].get(obj_id)
            if obj_idx is None:
                continue
            outputs = state["output_dict_per_obj"][obj_idx]
            for f in range(frame - window, frame + window + 1):
                if (obj_id, f) in self._spill and f not in outputs["non_cond_frame_outputs"]:
                    if f in outputs["cond_frame_outputs"]:
                        self._spill.discard((obj_id, f))
                    else:
                        outputs["non_cond_frame_outputs"][f] = self._spill.take(
                            obj_id, f, state["constants"], state["storage_device"]
                        )

    def memory_complete(self, object_id: int, frame: int) -> bool:
        """False when the spill budget pushed out outputs sam2 would read for a prompt on
        `frame` (then the answer would not be sam2's own: rebuild the object instead)."""
        window = self.state.memory_window
        return not any((object_id, f) in self._spill.lost for f in range(frame - window, frame + window + 1))

    @property
    def spill(self) -> StateSpill:
        return self._spill

    def tracked_direction(self, object_id: int, frame: int) -> Direction | None:
        """How `frame` was last tracked for `object_id` ("forward"/"backward"), None if never.

        A prompt on a tracked frame is a correction: sam2 answers it with the object's memory
        of the frames tracked before it in that direction (see `add_points`)."""
        state = self._live_state()
        obj_idx = state["obj_id_to_idx"].get(object_id)
        if obj_idx is None:
            return None
        entry = state["frames_tracked_per_obj"][obj_idx].get(int(frame))
        if entry is None:
            return None
        return "backward" if entry["reverse"] else "forward"

    def track_frame(self, object_id: int, frame: int, direction: Direction) -> np.ndarray:
        """Track `object_id` alone on `frame` from its memory, as sam2's propagate_in_video does
        for one object on one frame, and return its mask; other objects are left as they are.

        Used to rebuild a correction's context: after this the frame counts as tracked, so a
        prompt there is answered with the object's memory. Pending prompts of every object are
        committed first (sam2's propagation preflight, which every propagation runs anyway)."""
        state = self._live_state()
        frame = check_frame_index(self.frames, frame)
        obj_idx = state["obj_id_to_idx"].get(object_id)
        if obj_idx is None:
            raise PromptError(f"object {object_id} has no prompt in this session")
        reverse = direction == "backward"
        self._restore_around([object_id], frame)
        with inference_context(self._backend.device):
            self._add_due_masks(frame, reverse, commit=False)
            try:
                self._model.propagate_in_video_preflight(state)
            except RuntimeError as exc:  # an object without any conditioning frame
                raise EngineError(f"SAM 2 cannot track yet: {exc}") from exc
            outputs = state["output_dict_per_obj"][obj_idx]
            if frame in outputs["cond_frame_outputs"]:
                logits = outputs["cond_frame_outputs"][frame]["pred_masks"]
            else:
                current, logits = self._model._run_single_frame_inference(
                    inference_state=state,
                    output_dict=outputs,
                    frame_idx=frame,
                    batch_size=1,
                    is_init_cond_frame=False,
                    point_inputs=None,
                    mask_inputs=None,
                    reverse=reverse,
                    run_mem_encoder=True,
                )
                outputs["non_cond_frame_outputs"][frame] = current
            state["frames_tracked_per_obj"][obj_idx][frame] = {"reverse": reverse}
            return self._to_video_mask(logits.to(self._backend.device))

    def clear_frame(self, object_id: int, frame: int) -> None:
        """Forget `object_id`'s prompts on `frame` (sam2's clear_all_prompts_in_frame): a prompt
        that starts over. A conditioning output there becomes an ordinary tracked output."""
        state = self._live_state()
        if object_id not in state["obj_id_to_idx"]:
            return
        frame = check_frame_index(self.frames, frame)
        with inference_context(self._backend.device):
            self._model.clear_all_prompts_in_frame(state, frame, object_id, need_output=False)

    def forget(self, object_id: int) -> None:
        """Remove `object_id` and everything the session holds about it (sam2's remove_object)."""
        state = self._live_state()
        with inference_context(self._backend.device):
            self._model.remove_object(state, object_id, strict=False, need_output=False)
        self._spill.forget(object_id)
        self._deferred.pop(object_id, None)
        self.state.scores = {k: v for k, v in self.state.scores.items() if k[0] != object_id}

    def stored_frames(self, object_id: int) -> dict[str, list[int]]:
        """Frames with stored tracking state for an object: {"cond": [...], "non_cond": [...]}."""
        state = self._live_state()
        obj_idx = state["obj_id_to_idx"].get(object_id)
        if obj_idx is None:
            return {"cond": [], "non_cond": []}
        out = state["output_dict_per_obj"][obj_idx]
        return {
            "cond": sorted(out["cond_frame_outputs"]),
            "non_cond": sorted(out["non_cond_frame_outputs"]),
        }

    def close(self) -> None:
        if self.state.closed:
            return
        self.state.closed = True
        self.state.inference_state.clear()
        self._spill.close()
        self._deferred.clear()
        if self.state.owns_cache_key:
            key = self.state.cache_key
            self._backend.feature_cache.discard_where(lambda k: k[0] == key)

    def __enter__(self) -> SAM2Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _live_state(self) -> dict[str, Any]:
        if self.state.closed:
            raise EngineError("this session is closed")
        return self.state.inference_state


class SAM2Backend:
    """The official SAM 2 model, loaded once; sessions share its weights and feature cache."""

    name = "sam2"
    capabilities = frozenset({"points", "boxes", "masks", "propagate", "auto_masks"})
    concept_propagate = reject_text_prompts

    def __init__(self, loaded: LoadedModel, feature_cache_bytes: int, state_spill_bytes: int = 2 << 30):
        self.loaded = loaded
        self.state_spill_bytes = int(state_spill_bytes)
        self.model: MaskletVideoPredictor = loaded.model
        self.device: torch.device = loaded.device
        self.image_size: int = loaded.image_size
        self.feature_cache = ByteLRUCache(feature_cache_bytes)
        short = next(
            (k for k, v in SAM21_CONFIGS.items() if v == loaded.config_name), loaded.config_name
        )
        self.label = f"SAM 2 ({short}, {self.image_size} px input, {self.device.type})"

    @classmethod
    def from_config(cls, config: EngineConfig) -> SAM2Backend:
        return cls(build_video_model(config), config.feature_cache_bytes, config.state_spill_bytes)

    def open_session(self, frames: FrameSource) -> SAM2Session:
        return SAM2Session(self, frames)

    def auto_masks(
        self, frame_rgb: np.ndarray, params: AutoMaskParams | None = None
    ) -> list[AutoMask]:
        from .sam2_automask import generate_auto_masks

        return generate_auto_masks(self, frame_rgb, params or AutoMaskParams())
