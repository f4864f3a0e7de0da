"""Masklet inference engine: SAM 2 (or classical OpenCV) segmentation behind one small interface.

No Django here, and importing this package never imports torch or sam2: only `sam2_backend` /
`sam2_model` / `sam2_predictor` / `sam2_automask` do, and `get_backend` imports them when SAM 2
is chosen. The Celery bridge (`inference/tasks.py`) is the only caller that touches the database.

Units: coordinates are pixels of the original video frame, frame indices are 0-based indices
into the FrameSource, masks are bool numpy arrays (height, width) of the original frame; RLE
(the `maskcodec` package) is COCO compressed, column-major.

Interface
---------
Configuration and loading (one backend per process, loaded on first use)::

    config = EngineConfig(backend="auto", checkpoint="/models/sam2.1_hiera_tiny.pt",
                          model_config="tiny", image_size=None, device="auto",
                          feature_cache_bytes=512 * 2**20)
    backend = get_backend(config)            # or get_backend() -> EngineConfig.from_env()
    backend.name                             # "sam2" or "opencv"
    backend.label                            # human-readable, for API/UI

    "auto" = SAM 2 when a checkpoint is configured, else OpenCV. Model config: tiny, small,
    base_plus, large, or a package-relative sam2 config name. Errors a user/operator can cause
    raise `CheckpointError` (missing file, no "model" entry, checkpoint/config mismatch,
    unknown config), `BackendUnavailable` (CUDA asked but absent, torch missing) or
    `PromptError` (bad prompt); all are `EngineError` with a plain-words message.

Frames (lazy; nothing reads the whole video)::

    FrameSource protocol: len(src), src.height, src.width, src.read(i) -> RGB uint8 (H, W, 3),
        optional src.cache_key: str | None (stable name of the video: image features cached by
        one session are reused by later sessions on the same key).
    FolderFrameSource(path)                  # sorted 00000.jpg ... folder (cache_key = path)
    ArrayFrameSource(array_or_list, cache_key=None)
    CallableFrameSource(length, height, width, read, cache_key=None)

Sessions::

    session = backend.open_session(frames)   # context manager; session.close() frees memory
    r = session.add_points(obj_id, frame, [[x, y], ...], [1, 0, ...], box=[x0, y0, x1, y1],
                           clear_old=True)   # -> MaskResult(frame, object_id, mask, score)
    r = session.add_mask(obj_id, frame, mask_bool_hw)   # -> MaskResult (score 1.0)
    for fm in session.propagate(start_frame, "forward" | "backward", max_frames=None,
                                should_cancel=lambda: False):
        fm.frame, fm.masks                   # FrameMasks: {obj_id: bool (H, W)} for every object
    propagate_both(session, start_frame, max_frames, should_cancel)   # forward then backward

    - `add_points` with clear_old=True: the clicks given are all clicks on that frame for that
      object (the earlier mask still guides the result); clear_old=False appends clicks.
    - A prompt on an already tracked frame makes it a conditioning frame: re-propagation keeps it.
    - `propagate` yields `start_frame` first, at most `max_frames` frames in all, checks
      `should_cancel()` before each frame and just stops when it returns True. Memory does not
      grow with video length; store masks as they come.
    - Resuming in a new session: add the stored masks (`add_mask`) on the conditioning frames
      (frames that had user input) and on the last stored frame, then propagate from that frame.

Automatic masks on a key frame (then `add_mask` per mask and `propagate`)::

    backend.auto_masks(frame_rgb, AutoMaskParams(grid_sizes=(32, 16, 4), ...))
        -> list[AutoMask(mask bool (H, W), score, stability, bbox [x, y, w, h])], best first

Post-processing in pixels: `postprocess.postprocess_mask(mask, PostprocessParams(...))`.
Random-weights checkpoint for tests/demos: `python -m inference.engine.random_checkpoint
--model tiny --out PATH [--seed 0]`.
"""

from __future__ import annotations

from .base import (
    AutoMask,
    AutoMaskParams,
    Backend,
    BackendUnavailable,
    CheckpointError,
    Direction,
    EngineError,
    FrameMasks,
    FrameSource,
    MaskResult,
    PromptError,
    Session,
    propagate_both,
)
from .config import EngineConfig, get_backend, load_backend, reset_backends
from .frames import ArrayFrameSource, CallableFrameSource, FolderFrameSource
from .postprocess import PostprocessParams, postprocess_mask

__all__ = [
    "ArrayFrameSource",
    "AutoMask",
    "AutoMaskParams",
    "Backend",
    "BackendUnavailable",
    "CallableFrameSource",
    "CheckpointError",
    "Direction",
    "EngineConfig",
    "EngineError",
    "FolderFrameSource",
    "FrameMasks",
    "FrameSource",
    "MaskResult",
    "PostprocessParams",
    "PromptError",
    "Session",
    "get_backend",
    "load_backend",
    "postprocess_mask",
    "propagate_both",
    "reset_backends",
]
