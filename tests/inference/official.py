"""sam2's own SAM2VideoPredictor (the official class, not ours) on a video of the platform, to
compare what the workers stored with what sam2 gives for the same calls.

The official predictor gets the same weights, config overrides and pixels as the worker: the
worker decodes stored JPEG frames with OpenCV, so those exact RGB frames are written losslessly
(PNG) and loaded by sam2's own `_load_img_as_tensor` and normalised as `load_video_frames` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

import maskcodec
from annotation.models import FrameMask, Video
from tests.inference.conftest import SAM2_IMAGE_SIZE


def official_model(checkpoint: Path, max_cond_frames: int = 8) -> Any:
    from hydra.utils import instantiate

    from inference.engine.config import resolve_model_config
    from inference.engine.sam2_model import compose_model_config, read_state_dict

    cfg = compose_model_config(
        resolve_model_config("tiny"), SAM2_IMAGE_SIZE,
        target="sam2.sam2_video_predictor.SAM2VideoPredictor", max_cond_frames=max_cond_frames,
    )
    model = instantiate(cfg.model, _recursive_=True)
    model.load_state_dict(read_state_dict(checkpoint), strict=True)
    return model.eval()


class OfficialVideo:
    """An inference state of the official predictor on a platform video, and the masks it gave."""

    def __init__(self, model: Any, video: Video, folder: Path) -> None:
        import torch
        from PIL import Image
        from sam2.utils.misc import _load_img_as_tensor

        from inference.bridge.frames import StorageFrameSource
        from inference.engine.frames import write_frame_folder

        self.model = model
        source = StorageFrameSource(video)
        rgb = [source.read(i) for i in range(len(source))]
        jpegs = write_frame_folder(np.stack(rgb), folder / "jpeg")  # init_state wants a JPEG folder
        (folder / "png").mkdir()
        images = torch.zeros(len(rgb), 3, SAM2_IMAGE_SIZE, SAM2_IMAGE_SIZE, dtype=torch.float32)
        for i, frame in enumerate(rgb):
            Image.fromarray(frame).save(folder / "png" / f"{i:05d}.png")
            images[i], _, _ = _load_img_as_tensor(folder / "png" / f"{i:05d}.png", SAM2_IMAGE_SIZE)
        images -= torch.tensor((0.485, 0.456, 0.406), dtype=torch.float32)[:, None, None]
        images /= torch.tensor((0.229, 0.224, 0.225), dtype=torch.float32)[:, None, None]
        with torch.inference_mode():
            self.state = model.init_state(str(jpegs))
        self.state["images"] = images  # the worker's pixels (JPEG decoders differ in the last bit)
        self.state["cached_features"] = {}
        self.masks: dict[int, dict[int, np.ndarray]] = {}  # object -> frame -> latest mask

    def click(self, obj: int, frame: int, points: Any = None, labels: Any = None, box: Any = None) -> np.ndarray:
        import torch

        with torch.inference_mode():
            _, ids, masks = self.model.add_new_points_or_box(
                self.state, frame_idx=frame, obj_id=obj, points=points, labels=labels, box=box
            )
        mask = (masks[list(ids).index(obj), 0] > 0).cpu().numpy()
        self.masks.setdefault(obj, {})[frame] = mask
        return mask

    def add_mask(self, obj: int, frame: int, mask: np.ndarray) -> None:
        import torch

        with torch.inference_mode():
            self.model.add_new_mask(self.state, frame_idx=frame, obj_id=obj, mask=torch.from_numpy(mask))

    def propagate(self, start: int, reverse: bool = False, max_frames: int | None = None) -> None:
        import torch

        with torch.inference_mode():
            for frame, ids, masks in self.model.propagate_in_video(
                self.state, start_frame_idx=start, reverse=reverse, max_frame_num_to_track=max_frames
            ):
                for i, obj in enumerate(ids):
                    self.masks.setdefault(obj, {})[frame] = (masks[i, 0] > 0).cpu().numpy()


def stored_masks(masklet_id: int) -> dict[int, np.ndarray]:
    return {m.frame: maskcodec.decode(m.rle) for m in FrameMask.objects.filter(masklet_id=masklet_id)}


def differing(stored: dict[int, np.ndarray], official: dict[int, np.ndarray]) -> list[int]:
    """Frames where the stored mask is not the official one, bit for bit (a missing frame too)."""
    frames = sorted(set(stored) | set(official))
    return [f for f in frames if f not in stored or f not in official or not np.array_equal(stored[f], official[f])]
