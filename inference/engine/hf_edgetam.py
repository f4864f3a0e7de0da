"""EdgeTAM (transformers `EdgeTamVideoModel` + `Sam2VideoProcessor`) as an engine backend.

EdgeTAM is SAM 2 with a RepViT image encoder and a 2D spatial perceiver on its memories: the same
prompts (points, boxes, masks) and memory-based propagation, much faster. The model folder is a
local copy of facebook/EdgeTAM (Apache-2.0) or one written by
`python -m inference.engine.random_checkpoint --model edgetam-tiny`. Sessions: `hf_backends`.
"""

from __future__ import annotations

from .config import EngineConfig
from .hf_backends import (
    TrackerBackend,
    load_pretrained,
    load_processor,
    resolve_device,
)
from .hf_folders import check_hf_folder

WHAT = "EdgeTAM"


class EdgeTAMBackend(TrackerBackend):
    """EdgeTAM: points, boxes, masks and propagation both ways; no text, no automatic masks."""

    name = "edgetam"

    @classmethod
    def from_config(cls, config: EngineConfig) -> EdgeTAMBackend:
        from transformers import EdgeTamVideoModel, Sam2VideoProcessor

        folder = check_hf_folder(config)
        device = resolve_device(config.device)
        model = load_pretrained(EdgeTamVideoModel, folder, WHAT)
        processor = load_processor(Sam2VideoProcessor, folder, WHAT)
        size = int(processor.target_size)
        return cls(model, processor, folder, device, f"EdgeTAM ({folder.path.name}, {size} px input, {device.type})")
