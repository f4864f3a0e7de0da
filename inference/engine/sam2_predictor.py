"""SAM2VideoPredictor with a byte-bounded, cross-session image-feature cache and IoU capture.

Imports torch and sam2: import this module only from the SAM 2 backend, never from the web
process. The model class is instantiated by Hydra (see `sam2_model.build_video_model`), so the
official modules, config and checkpoint layout are used unchanged; only two hooks differ:

- `_get_image_feature`: the official code keeps the features of the single most recent frame.
  Here, interactive calls also look up / store features in the session's `ByteLRUCache`
  (keys: (video cache key, image size, frame)), so a second click on a frame, even from a new
  session on the same video, runs only the prompt encoder and mask decoder. Propagation stores
  the features of the frames it visits too, but only while the budget has room (never
  evicting, and as the first entries to go), so a first correction on a propagated frame runs
  the prompt encoder and mask decoder only.
- `_forward_sam_heads`: remembers the predicted IoU of the last chosen mask, which the official
  API does not return, so a click can answer with a score.
"""

from __future__ import annotations

from typing import Any

import torch
from sam2 import sam2_video_predictor as _official
from sam2.sam2_video_predictor import SAM2VideoPredictor

from .feature_cache import ByteLRUCache


def _no_progress_bar(iterable: Any, *args: Any, **kwargs: Any) -> Any:
    return iterable


# propagate_in_video wraps its frame loop in tqdm; in workers that writes a progress bar line to
# stderr on every frame. Progress is reported through the job instead.
_official.tqdm = _no_progress_bar

# Keys this module adds to the official inference_state dict.
CACHE = "masklet_feature_cache"  # ByteLRUCache or None
CACHE_KEY = "masklet_cache_key"  # hashable naming the video and image size
PROPAGATING = "masklet_propagating"  # bool: do not store features in the LRU; low-res output
FILL_CACHE = "masklet_fill_cache"  # bool: a propagation leaves features in the cache while it has room
SINGLE_OBJECT = "masklet_single_object"  # obj_idx a prompt call answers for, or None
COUNTERS = "masklet_counters"  # dict[str, int]: encoder_runs, cache_hits


def _memory_in_feature_dtype(
    module: torch.nn.Module, args: tuple, kwargs: dict
) -> tuple[tuple, dict]:
    """Give memory attention its memory in the features' dtype.

    sam2 stores memory features as bfloat16 and relies on CUDA autocast. On the CPU (fp32) the
    memory is usually promoted to float32 by concatenation with the float object pointers, but a
    frame with no pointer in reach (e.g. tracked before its object's only conditioning frame)
    gets pure bfloat16 memory and the first linear layer fails on mixed dtypes.
    """
    memory, curr = kwargs.get("memory"), kwargs.get("curr")
    if memory is not None and curr is not None:
        dtype = (curr[0] if isinstance(curr, list | tuple) else curr).dtype
        if memory.dtype != dtype:
            kwargs["memory"] = memory.to(dtype)
    return args, kwargs


class MaskletVideoPredictor(SAM2VideoPredictor):
    """The official video predictor plus the two hooks described in the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.last_pred_iou: float | None = None
        self._shared_pos_enc: dict[tuple[int | str, ...], torch.Tensor] = {}
        self.memory_attention.register_forward_pre_hook(_memory_in_feature_dtype, with_kwargs=True)

    def _forward_sam_heads(self, *args: Any, **kwargs: Any):  # type: ignore[override]
        outputs = super()._forward_sam_heads(*args, **kwargs)
        ious = outputs[2]
        # With multimask output the decoder keeps the mask of highest predicted IoU.
        self.last_pred_iou = float(ious.detach().float().max(dim=-1).values.mean().clamp(0, 1))
        return outputs

    def _use_mask_as_output(self, *args: Any, **kwargs: Any):  # type: ignore[override]
        outputs = super()._use_mask_as_output(*args, **kwargs)
        self.last_pred_iou = 1.0  # a mask prompt is taken as given
        return outputs

    def _consolidate_temp_output_across_obj(  # type: ignore[override]
        self, inference_state, frame_idx, is_cond, consolidate_at_video_res=False
    ):
        """For a prompt, build the video-resolution mask of the prompted object only.

        The official method fills a float32 [num_objects, 1, H, W] tensor at video resolution on
        every click (400 MB for 50 automatic masklets at 1080p). The row computed here is the
        same bilinear upsampling of the same logits.
        """
        obj_idx = inference_state.get(SINGLE_OBJECT)
        if obj_idx is None or not consolidate_at_video_res:
            return super()._consolidate_temp_output_across_obj(
                inference_state, frame_idx, is_cond, consolidate_at_video_res
            )
        storage_key = "cond_frame_outputs" if is_cond else "non_cond_frame_outputs"
        out = inference_state["temp_output_dict_per_obj"][obj_idx][storage_key].get(frame_idx)
        obj_output = inference_state["output_dict_per_obj"][obj_idx]
        if out is None:
            out = obj_output["cond_frame_outputs"].get(frame_idx)
        if out is None:
            out = obj_output["non_cond_frame_outputs"].get(frame_idx)
        size = (inference_state["video_height"], inference_state["video_width"])
        if out is None:
            masks = torch.full((1, 1, *size), _official.NO_OBJ_SCORE, dtype=torch.float32)
        else:
            masks = out["pred_masks"]
            if masks.shape[-2:] != size:
                masks = torch.nn.functional.interpolate(
                    masks, size=size, mode="bilinear", align_corners=False
                )
        return {"pred_masks_video_res": masks.to(inference_state["storage_device"])}

    def _get_orig_video_res_output(self, inference_state, any_res_masks):  # type: ignore[override]
        """During propagation return low-res logits; the session upsamples one object at a time."""
        if inference_state.get(PROPAGATING, False) and not self.non_overlap_masks:
            return any_res_masks, any_res_masks
        return super()._get_orig_video_res_output(inference_state, any_res_masks)

    def _get_image_feature(self, inference_state, frame_idx, batch_size):  # type: ignore[override]
        cache: ByteLRUCache | None = inference_state.get(CACHE)
        counters: dict[str, int] = inference_state.setdefault(
            COUNTERS, {"encoder_runs": 0, "cache_hits": 0}
        )
        slot = inference_state["cached_features"]
        computed = False
        if frame_idx not in slot:
            entry = (
                cache.get((inference_state[CACHE_KEY], frame_idx)) if cache is not None else None
            )
            if entry is not None:
                inference_state["cached_features"] = {frame_idx: entry}
                counters["cache_hits"] += 1
            else:
                computed = True
                counters["encoder_runs"] += 1
        features = super()._get_image_feature(inference_state, frame_idx, batch_size)
        if computed and cache is not None:
            image, backbone_out = inference_state["cached_features"][frame_idx]
            compact = self._compact_features(backbone_out)
            inference_state["cached_features"] = {frame_idx: compact}
            key, size = (inference_state[CACHE_KEY], frame_idx), self._feature_bytes(compact)
            if inference_state.get(PROPAGATING, False):
                if not inference_state.get(FILL_CACHE, True):
                    return features  # no click in this process would read them
                # while the budget allows, without evicting frames people are working on
                counters["propagation_cached"] = counters.get("propagation_cached", 0) + int(
                    cache.put_if_room(key, compact, size=size)
                )
            else:
                cache.put(key, compact, size=size)
        return features

    def _compact_features(
        self, backbone_out: dict[str, Any]
    ) -> tuple[torch.Tensor, dict[str, Any]]:
        """The cache entry of one frame: features only, positional encodings shared.

        The normalised input image is not needed after the encoder ran (callers of
        `_get_image_feature` ignore it), and the positional encodings depend only on the feature
        size, so one copy per size serves every frame.
        """
        pos_enc = []
        for pos in backbone_out["vision_pos_enc"]:
            # sam2's PositionEmbeddingSine is a pure function of the feature size (it caches by
            # size itself): the key needs no comparison of values, which cost about 8 ms a frame.
            key = (*pos.shape, str(pos.device), str(pos.dtype))
            shared = self._shared_pos_enc.get(key)
            if shared is None:
                self._shared_pos_enc[key] = shared = pos
            pos_enc.append(shared)
        compact = {
            "vision_features": backbone_out["vision_features"],
            "vision_pos_enc": pos_enc,
            "backbone_fpn": list(backbone_out["backbone_fpn"]),
        }
        placeholder = torch.zeros(1, 3, 1, 1, device=backbone_out["vision_features"].device)
        return placeholder, compact

    @staticmethod
    def _feature_bytes(entry: tuple[torch.Tensor, dict[str, Any]]) -> int:
        """Bytes of an entry's own tensors (shared positional encodings not counted)."""
        seen: set[int] = set()
        total = 0
        _, backbone_out = entry
        for tensor in [backbone_out["vision_features"], *backbone_out["backbone_fpn"]]:
            storage = tensor.untyped_storage()
            if storage.data_ptr() in seen:
                continue
            seen.add(storage.data_ptr())
            total += storage.nbytes()
        return total
