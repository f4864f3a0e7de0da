"""SAM 3 (transformers) as an engine backend: clicks and boxes through `Sam3TrackerVideoModel`,
text concept prompts through `Sam3VideoModel` + `Sam3VideoProcessor`.

One model folder (model type "sam3_video": a local copy of the gated facebook/sam3, or one written
by `python -m inference.engine.random_checkpoint --model sam3-tiny`) serves both: transformers
maps the detector's vision backbone and the tracker's weights onto `Sam3TrackerVideoModel`. The
tracker is loaded with the backend; the detector model (text encoder, DETR) on the first concept
prompt, so a worker that only answers clicks never holds it.

Concept runs drive `Sam3VideoModel` frame by frame as its `propagate_in_video_iterator` does
(including the hotstart delay: a frame's output is held back `hotstart_delay` frames, so that
instances found to be spurious can still be hidden), with three changes: `should_cancel` is checked
before every frame, frames are read lazily (`hf_backends.LazyProcessedFrames`), and per-frame state
outside the model's reach is dropped as the run advances (tracked outputs beyond the memory window;
conditioning outputs beyond the `max_cond_frame_num` nearest, which transformers would otherwise keep
and read object pointers from; per-frame score and suppression records older than the hotstart
window), so memory stays flat in the number of frames.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import torch

from .base import ConceptFrame, FrameSource, PromptError, check_frame_index
from .config import EngineConfig
from .hf_backends import (
    TRACKER_CAPABILITIES,
    ModelFolder,
    TrackerBackend,
    drop_far_outputs,
    lazy_inference_session,
    load_pretrained,
    load_processor,
    resolve_device,
)
from .hf_folders import check_hf_folder

WHAT = "SAM 3"


class SAM3Backend(TrackerBackend):
    """SAM 3: points, boxes, masks, propagation both ways, and text concepts (`concept_propagate`)."""

    name = "sam3"
    capabilities = TRACKER_CAPABILITIES | {"concepts"}

    def __init__(self, model: Any, processor: Any, folder: ModelFolder, device: torch.device, label: str):
        super().__init__(model, processor, folder, device, label)
        self._concept: tuple[Any, Any] | None = None
        self._concept_lock = threading.Lock()

    @classmethod
    def from_config(cls, config: EngineConfig) -> SAM3Backend:
        from transformers import Sam3TrackerVideoModel, Sam3TrackerVideoProcessor

        folder = check_hf_folder(config)
        device = resolve_device(config.device)
        model = load_pretrained(Sam3TrackerVideoModel, folder, WHAT)
        processor = load_processor(Sam3TrackerVideoProcessor, folder, WHAT)
        size = int(processor.target_size)
        return cls(model, processor, folder, device, f"SAM 3 ({folder.path.name}, {size} px input, {device.type})")

    def concept_model(self) -> tuple[Any, Any]:
        """(Sam3VideoModel, Sam3VideoProcessor) of the folder, loaded on first use."""
        with self._concept_lock:
            if self._concept is None:
                from transformers import Sam3VideoModel, Sam3VideoProcessor

                model = load_pretrained(Sam3VideoModel, self.folder, WHAT).to(self.device)
                self._concept = (model, load_processor(Sam3VideoProcessor, self.folder, WHAT))
            return self._concept

    def concept_propagate(
        self,
        frames: FrameSource,
        text: str,
        start_frame: int,
        max_frames: int | None = None,
        should_cancel: Callable[[], bool] | None = None,
        score_threshold: float = 0.5,
    ) -> Iterator[ConceptFrame]:
        """Every instance of `text` from `start_frame` forward (see base.Backend.concept_propagate).

        Detection itself uses the folder's thresholds (`score_threshold_detection`, `new_det_thresh`
        in config.json); `score_threshold` then drops instances scoring below it on a frame.
        """
        text = (text or "").strip() if isinstance(text, str) else ""
        if not text:
            raise PromptError("give a text prompt: a short noun phrase such as \"red car\"")
        start_frame = check_frame_index(frames, start_frame)
        if not 0.0 <= float(score_threshold) <= 1.0:
            raise PromptError("score_threshold must lie in [0, 1]")
        if max_frames is not None and max_frames < 1:
            return iter(())
        model, processor = self.concept_model()
        session = lazy_inference_session(processor, frames, self.device)
        processor.add_text_prompt(session, text)
        return self._concept_frames(model, processor, session, start_frame, max_frames, should_cancel, score_threshold)

    def _concept_frames(
        self,
        model: Any,
        processor: Any,
        session: Any,
        start: int,
        max_frames: int | None,
        should_cancel: Callable[[], bool] | None,
        score_threshold: float,
    ) -> Iterator[ConceptFrame]:
        n = len(session.processed_frames)
        end = min(start + (max_frames or n) - 1, n - 1)
        delay = int(model.hotstart_delay)
        tracker = model.tracker_model.config
        window = max(int(tracker.num_maskmem), int(tracker.max_object_pointers_in_encoder)) + 1
        keep_conds = int(tracker.max_cond_frame_num)
        held: list[Any] = []  # outputs held back by the hotstart delay
        try:
            for frame in range(start, end + 1):
                if should_cancel is not None and should_cancel():
                    return
                with torch.inference_mode():
                    out = model(inference_session=session, frame_idx=frame)
                forget_old_frames(session, frame, window, keep_conds, delay + 2)
                if delay > 0:  # as propagate_in_video_iterator: hold outputs back `delay` frames
                    session.hotstart_removed_obj_ids.update(out.removed_obj_ids)
                    held.append(out)
                    if frame == end:
                        ready, held = held, []
                    elif len(held) >= delay:
                        ready, held = held[:1], held[1:]
                    else:
                        ready = []
                else:
                    ready = [out]
                for done in ready:
                    yield self._concept_frame(processor, session, done, score_threshold)
        finally:
            session.reset_inference_session()

    @staticmethod
    def _concept_frame(processor: Any, session: Any, out: Any, score_threshold: float) -> ConceptFrame:
        with torch.inference_mode():
            post = processor.postprocess_outputs(session, out)
        ids = [int(i) for i in post["object_ids"].tolist()]
        scores = [float(s) for s in post["scores"].tolist()]
        masks = post["masks"].cpu().numpy().astype(bool)
        keep = [k for k, s in enumerate(scores) if s >= score_threshold]
        return ConceptFrame(
            frame=int(out.frame_idx),
            masks={ids[k]: np.ascontiguousarray(masks[k]) for k in keep},
            scores={ids[k]: min(1.0, max(0.0, scores[k])) for k in keep},
        )


def forget_old_frames(session: Any, frame: int, window: int, keep_conds: int, history: int) -> None:
    """Drop per-frame state of a forward concept run that the model no longer reads (see module doc)."""
    drop_far_outputs(session.output_dict_per_obj, frame, window)
    if keep_conds > 0:
        for outputs in session.output_dict_per_obj.values():
            conds = outputs["cond_frame_outputs"]
            first = min(conds, default=None)  # the detection that started the instance stays
            for index in sorted(conds, key=lambda i: abs(i - frame))[keep_conds:]:
                if index != first:
                    del conds[index]
    oldest = frame - history
    for per_frame in (session.obj_id_to_tracker_score_frame_wise, session.suppressed_obj_ids):
        for index in [i for i in per_frame if i < oldest]:
            del per_frame[index]
    for per_key in (session.unmatched_frame_inds, session.overlap_pair_to_frame_inds):
        for key in list(per_key):
            per_key[key] = [i for i in per_key[key] if i >= oldest]
    for tracked in session.frames_tracked_per_obj.values():
        for index in [i for i in tracked if i < oldest]:
            del tracked[index]
