"""Video trackers from transformers (EdgeTAM, SAM 3's tracker) behind the engine's Backend/Session API.

Imports torch and transformers; `config.load_backend` imports this module only when "edgetam" or
"sam3" is chosen. `hf_edgetam` and `hf_sam3` hold the model-specific parts.

The models are transformers' own (`EdgeTamVideoModel`, `Sam3TrackerVideoModel`), driven the
documented way: the processor's `add_inputs_to_inference_session`, then `model(inference_session,
frame_idx=...)` per frame, as `propagate_in_video_iterator` does. Three differences, all for memory:

- The inference session never holds the video: its `processed_frames` is a `LazyProcessedFrames`
  that reads and preprocesses a frame (the folder's own video processor) when the model asks.
- As propagation advances, tracked (non-conditioning) outputs farther from the current frame than
  the model's memory window (`num_maskmem`, object pointers) are dropped, so memory stays flat
  with video length; the caller stores masks as they are yielded.
- Propagation runs frame by frame here (not through the iterator), so `should_cancel` is checked
  before every frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import torch

from .base import (
    AutoMask,
    AutoMaskParams,
    CheckpointError,
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
from .config import EngineConfig
from .hf_folders import ModelFolder

TRACKER_CAPABILITIES = frozenset({"points", "boxes", "masks", "propagate"})


# ---------------------------------------------------------------------------------------------
# Model folders


def load_pretrained(model_class: Any, folder: ModelFolder, what: str, **kwargs: Any) -> Any:
    """`model_class.from_pretrained(folder, local_files_only=True)`; every failure or weight
    mismatch becomes a CheckpointError naming the folder and what is wrong."""
    try:
        loaded, info = model_class.from_pretrained(
            str(folder.path), local_files_only=True, output_loading_info=True, **kwargs
        )
    except (OSError, ValueError, RuntimeError, KeyError, TypeError) as exc:
        weights = ", ".join(p.name for p in folder.weights)
        if "mismatched" in str(exc):  # transformers: tensor shapes differ from the config's
            raise CheckpointError(
                f"{what} weights {weights} in {str(folder.path)!r} do not match its config.json "
                "(tensor shapes differ: weights of another model size or variant?)"
            ) from exc
        raise CheckpointError(f"{what} model folder {str(folder.path)!r} cannot be loaded ({weights}): {exc}") from exc
    faults = [
        f"{name.replace('_', ' ')}: {', '.join(map(str, list(keys)[:3]))}"
        for name in ("missing_keys", "mismatched_keys")
        if (keys := info.get(name))
    ]
    if faults:
        weights = ", ".join(p.name for p in folder.weights)
        raise CheckpointError(
            f"{what} weights {weights} in {str(folder.path)!r} do not match its config.json ({'; '.join(faults)})"
        )
    return loaded.eval()


def load_processor(processor_class: Any, folder: ModelFolder, what: str) -> Any:
    try:
        return processor_class.from_pretrained(str(folder.path), local_files_only=True)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CheckpointError(f"{what} processor files in {str(folder.path)!r} cannot be loaded: {exc}") from exc


def resolve_device(device: str) -> torch.device:
    from .base import BackendUnavailable

    if device == "cuda" and not torch.cuda.is_available():
        raise BackendUnavailable("CUDA was asked for (MASKLET_DEVICE=cuda) but no CUDA device is available")
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


# ---------------------------------------------------------------------------------------------
# Lazy frames


class LazyProcessedFrames(Mapping[int, torch.Tensor]):
    """Stands in for an inference session's `processed_frames` dict: frame i is read from the
    FrameSource and preprocessed (the model folder's video processor: resize, rescale,
    normalise) each time the model asks for it. `reads` counts those reads."""

    def __init__(self, frames: FrameSource, video_processor: Any, dtype: torch.dtype = torch.float32):
        self.frames = frames
        self.video_processor = video_processor
        self.dtype = dtype
        self.reads = 0

    def __len__(self) -> int:
        return len(self.frames)

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.frames)))

    def __getitem__(self, index: int) -> torch.Tensor:
        if not isinstance(index, int | np.integer) or not 0 <= int(index) < len(self.frames):
            raise KeyError(index)
        rgb = np.ascontiguousarray(self.frames.read(int(index)))
        self.reads += 1
        processed = self.video_processor(videos=[rgb[None]], return_tensors="pt")
        return processed.pixel_values_videos[0][0].to(self.dtype)


def lazy_inference_session(processor: Any, frames: FrameSource, device: torch.device) -> Any:
    """The processor's own `init_video_session` (no video given), then the lazy frames plugged in."""
    if len(frames) == 0:
        raise EngineError("the video has no frames")
    session = processor.init_video_session(inference_device=device, video_storage_device="cpu")
    session.video_height, session.video_width = int(frames.height), int(frames.width)
    session.processed_frames = LazyProcessedFrames(frames, processor.video_processor)
    return session


def drop_far_outputs(output_dict_per_obj: Mapping[int, Any], frame: int, window: int) -> int:
    """Drop tracked (non-conditioning) outputs more than `window` frames from `frame`; return how many."""
    dropped = 0
    for outputs in output_dict_per_obj.values():
        tracked = outputs["non_cond_frame_outputs"]
        for index in [i for i in tracked if abs(i - frame) > window]:
            del tracked[index]
            dropped += 1
    return dropped


# ---------------------------------------------------------------------------------------------
# Sessions and backends


class TrackerSession:
    """Prompts and propagation on one video with a transformers video tracker (see base.Session)."""

    def __init__(self, backend: TrackerBackend, frames: FrameSource):
        self._backend = backend
        self._frames = frames
        self.inference_session = lazy_inference_session(backend.processor, frames, backend.device)
        self.dropped_frame_states = 0
        self.frames_propagated = 0
        self._closed = False

    @property
    def frames(self) -> FrameSource:
        return self._frames

    @property
    def object_ids(self) -> list[int]:
        return list(self._live().obj_ids)

    @property
    def frame_reads(self) -> int:
        return int(self._live().processed_frames.reads)

    def stored_frame_states(self) -> int:
        """Per-frame outputs the session holds now, over all objects (tests: bounded)."""
        outputs = self._live().output_dict_per_obj.values()
        return sum(len(o["cond_frame_outputs"]) + len(o["non_cond_frame_outputs"]) for o in outputs)

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
        session = self._live()
        frame = check_frame_index(self._frames, frame)
        pts, lbs, bx = check_points(points, labels, box)
        bx = check_inside(self._frames, pts, bx)
        if bx is not None and not clear_old:
            raise PromptError("a box replaces the clicks on its frame; send it with clear_old=True")
        self._backend.processor.add_inputs_to_inference_session(
            inference_session=session,
            frame_idx=frame,
            obj_ids=int(object_id),
            input_points=[[pts.tolist()]] if len(pts) else None,
            input_labels=[[lbs.tolist()]] if len(pts) else None,
            input_boxes=[[bx.tolist()]] if bx is not None else None,
            clear_old_inputs=clear_old,
        )
        return self._answer(object_id, frame)

    def add_mask(self, object_id: int, frame: int, mask: np.ndarray) -> MaskResult:
        session = self._live()
        frame = check_frame_index(self._frames, frame)
        mask = check_mask(self._frames, mask)
        self._backend.processor.add_inputs_to_inference_session(
            inference_session=session, frame_idx=frame, obj_ids=int(object_id), input_masks=mask
        )
        return self._answer(object_id, frame)

    def _answer(self, object_id: int, frame: int) -> MaskResult:
        with torch.inference_mode():
            out = self._backend.model(inference_session=self.inference_session, frame_idx=frame)
        index = list(out.object_ids).index(int(object_id))
        masks = self._to_video(out.pred_masks[index : index + 1])
        logit = out.object_score_logits.reshape(-1)[index]
        return MaskResult(frame, int(object_id), masks[0], float(torch.sigmoid(logit)))

    def _to_video(self, pred_masks: torch.Tensor) -> np.ndarray:
        """Low-resolution logits (N, 1, h, w) -> bool (N, H, W) masks of the original frame."""
        size = [[int(self._frames.height), int(self._frames.width)]]
        full = self._backend.processor.post_process_masks([pred_masks.float().cpu()], size, binarize=False)[0]
        return (full[:, 0] > 0).numpy()

    def propagate(
        self,
        start_frame: int,
        direction: Direction = "forward",
        max_frames: int | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[FrameMasks]:
        session = self._live()
        start_frame = check_frame_index(self._frames, start_frame)
        if direction not in ("forward", "backward"):
            raise PromptError(f'direction must be "forward" or "backward", not {direction!r}')
        if session.get_obj_num() == 0:
            raise PromptError("nothing to propagate: prompt an object first")
        if max_frames is not None and max_frames < 1:
            return iter(())
        return self._propagate(start_frame, direction == "backward", max_frames, should_cancel)

    def _propagate(
        self, start: int, reverse: bool, max_frames: int | None, should_cancel: Callable[[], bool] | None
    ) -> Iterator[FrameMasks]:
        n = len(self._frames)
        end = max(start - (max_frames or n) + 1, 0) if reverse else min(start + (max_frames or n) - 1, n - 1)
        order = range(start, end - 1, -1) if reverse else range(start, end + 1)
        window = self._backend.memory_window
        for frame in order:
            if should_cancel is not None and should_cancel():
                return
            with torch.inference_mode():
                out = self._backend.model(inference_session=self._live(), frame_idx=frame, reverse=reverse)
                masks = self._to_video(out.pred_masks)
            self.frames_propagated += 1
            self.dropped_frame_states += drop_far_outputs(self.inference_session.output_dict_per_obj, frame, window)
            yield FrameMasks(frame, {int(o): masks[i] for i, o in enumerate(out.object_ids)})

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.inference_session.reset_inference_session()

    def _live(self) -> Any:
        if self._closed:
            raise EngineError("this session is closed")
        return self.inference_session

    def __enter__(self) -> TrackerSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class TrackerBackend:
    """A transformers video tracker loaded once; sessions share its weights (see base.Backend)."""

    name = ""
    capabilities: frozenset[str] = TRACKER_CAPABILITIES
    concept_propagate: Callable[..., Iterator[Any]] = reject_text_prompts  # SAM 3 overrides it

    def __init__(self, model: Any, processor: Any, folder: ModelFolder, device: torch.device, label: str):
        self.model = model.to(device)
        self.processor = processor
        self.folder = folder
        self.device = device
        self.image_size = int(processor.target_size)
        self.label = label
        config = model.config
        # Frames of tracked state the model reads behind the current frame (memories, pointers).
        self.memory_window = max(int(config.num_maskmem), int(config.max_object_pointers_in_encoder)) + 1
        align_mask_output_scores(self.model)

    def open_session(self, frames: FrameSource) -> TrackerSession:
        return TrackerSession(self, frames)

    def auto_masks(self, frame_rgb: np.ndarray, params: AutoMaskParams | None = None) -> list[AutoMask]:
        raise PromptError(f"{self.name} does not make automatic masks here; use SAM 2 or OpenCV for them")


def align_mask_output_scores(model: Any) -> None:
    """Give mask prompts' object scores the decoder's shape (batch, 1, 1), on this model instance.

    transformers 5.23's `_use_mask_as_output` returns them as (batch, 1), so a frame where one
    object has a mask prompt and another a click or a tracked mask fails in `forward`'s
    `torch.cat` ("Tensors must have same number of dimensions"); every consumer of the scores
    broadcasts either shape the same way.
    """
    original = model._use_mask_as_output

    def use_mask_as_output(*args: Any, **kwargs: Any) -> Any:
        output = original(*args, **kwargs)
        if output.object_score_logits.dim() == 2:
            output.object_score_logits = output.object_score_logits[..., None]
        return output

    model._use_mask_as_output = use_mask_as_output


def load_hf_backend(config: EngineConfig) -> Any:
    """Build the EdgeTAM or SAM 3 backend of `config` (slow: loads the weights)."""
    if config.torch_threads:
        torch.set_num_threads(int(config.torch_threads))
    if config.resolved_backend == "edgetam":
        from .hf_edgetam import EdgeTAMBackend

        return EdgeTAMBackend.from_config(config)
    from .hf_sam3 import SAM3Backend

    return SAM3Backend.from_config(config)
