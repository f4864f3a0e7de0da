"""Build the SAM 2 video model from an official config and checkpoint, strictly.

Imports torch and sam2 (Hydra initialises on `import sam2`): only the SAM 2 backend imports
this module. Mirrors `sam2.build_sam.build_sam2_video_predictor` with our own error messages and
three deliberate differences: `add_all_frames_to_correct_as_cond=true` (corrections on tracked
frames stay conditioning; sam2 issues 546, 719), `fill_hole_area=0` (its hole filling needs
sam2's CUDA extension; `postprocess.py` does ours) and `max_cond_frames_in_attn` from the
configuration (default 8: attention reads the nearest conditioning frames, not every one).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch
from sam2.sam2_video_predictor import SAM2VideoPredictorVOS

from .base import BackendUnavailable, CheckpointError
from .config import EngineConfig, resolve_model_config
from .sam2_predictor import MaskletVideoPredictor


class MaskletVideoPredictorVOS(MaskletVideoPredictor, SAM2VideoPredictorVOS):
    """Our predictor with sam2's VOS-optimised compilation (MASKLET_COMPILE=vos): sam2's
    `SAM2VideoPredictorVOS` compiles memory encoder, memory attention, prompt encoder and mask
    decoder when built, and clones their outputs for torch.compile; our overrides run first."""


def _target(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


PREDICTOR_TARGET = _target(MaskletVideoPredictor)
# MASKLET_COMPILE -> (the predictor class Hydra builds, extra overrides), as sam2's
# build_sam2_video_predictor(vos_optimized=True) does for "vos".
COMPILE_TARGETS: dict[str, tuple[str, list[str]]] = {
    "off": (PREDICTOR_TARGET, []),
    "encoder": (PREDICTOR_TARGET, ["++model.compile_image_encoder=true"]),
    "vos": (_target(MaskletVideoPredictorVOS), ["++model.compile_image_encoder=true"]),
}

# The same post-processing overrides build_sam2_video_predictor applies, minus hole filling.
VIDEO_OVERRIDES = [
    "++model.sam_mask_decoder_extra_args.dynamic_multimask_via_stability=true",
    "++model.sam_mask_decoder_extra_args.dynamic_multimask_stability_delta=0.05",
    "++model.sam_mask_decoder_extra_args.dynamic_multimask_stability_thresh=0.98",
    "++model.binarize_mask_from_pts_for_mem_enc=true",
    "++model.fill_hole_area=0",
    "++model.add_all_frames_to_correct_as_cond=true",
]


@dataclass(frozen=True)
class LoadedModel:
    model: MaskletVideoPredictor
    config_name: str
    checkpoint: str
    device: torch.device
    image_size: int


def pick_device(requested: str) -> torch.device:
    if requested == "cuda" or (requested == "auto" and torch.cuda.is_available()):
        if not torch.cuda.is_available():
            raise BackendUnavailable(
                "device 'cuda' was requested but no CUDA GPU is available to torch"
            )
        return torch.device("cuda")
    return torch.device("cpu")


def compose_model_config(
    config_name: str,
    image_size: int | None,
    target: str | None = PREDICTOR_TARGET,
    compile: str = "off",
    max_cond_frames: int | None = None,
):
    """Compose the Hydra config of a sam2 model with our overrides; returns an OmegaConf node.

    `compile` ("off", "encoder", "vos"; see EngineConfig) adds the compile overrides and, for
    "vos", builds MaskletVideoPredictorVOS in place of `target`. `max_cond_frames` sets sam2's
    `max_cond_frames_in_attn` (None: the config's own, -1)."""
    import sam2  # noqa: F401  (initialises Hydra's config search path on first import)
    from hydra import compose
    from hydra.errors import HydraException
    from omegaconf import OmegaConf

    overrides = list(VIDEO_OVERRIDES)
    if target is not None and compile != "off":
        target, extra = COMPILE_TARGETS[compile]
        overrides += extra
    if target is not None:
        overrides.insert(0, f"++model._target_={target}")
    if image_size is not None:
        overrides.append(f"++model.image_size={int(image_size)}")
    if max_cond_frames is not None:
        overrides.append(f"++model.max_cond_frames_in_attn={int(max_cond_frames)}")
    try:
        cfg = compose(config_name=config_name, overrides=overrides)
    except HydraException as exc:
        raise CheckpointError(f"sam2 cannot read the model config {config_name!r}: {exc}") from exc
    OmegaConf.resolve(cfg)
    return cfg


def read_state_dict(checkpoint: str | os.PathLike[str]) -> dict[str, torch.Tensor]:
    """Read the "model" state dict of an official-layout checkpoint, or raise CheckpointError."""
    path = Path(checkpoint)
    if not path.is_file():
        raise CheckpointError(f"SAM 2 checkpoint file {path} does not exist")
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except (RuntimeError, pickle.UnpicklingError, zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CheckpointError(
            f"SAM 2 checkpoint {path.name} is not a readable PyTorch checkpoint ({type(exc).__name__}: {exc})"
        ) from exc
    if not isinstance(payload, dict) or "model" not in payload:
        keys = sorted(payload)[:5] if isinstance(payload, dict) else type(payload).__name__
        raise CheckpointError(
            f'SAM 2 checkpoint {path.name} has no "model" entry (found {keys}); the official '
            'checkpoints store the weights as {"model": state_dict}'
        )
    state_dict = payload["model"]
    if not isinstance(state_dict, dict):
        raise CheckpointError(
            f'the "model" entry of SAM 2 checkpoint {path.name} is not a state dict'
        )
    return state_dict


def load_state_dict_strict(
    model: torch.nn.Module, state_dict: dict[str, torch.Tensor], checkpoint: str, config_name: str
) -> None:
    """Load all weights or raise CheckpointError naming how the checkpoint and config differ."""
    own = model.state_dict()
    missing = [k for k in own if k not in state_dict]
    unexpected = [k for k in state_dict if k not in own]
    mismatched = [
        k for k in own if k in state_dict and tuple(own[k].shape) != tuple(state_dict[k].shape)
    ]
    if missing or unexpected or mismatched:
        detail = []
        if missing:
            detail.append(f"{len(missing)} weights missing (e.g. {missing[0]})")
        if unexpected:
            detail.append(f"{len(unexpected)} unexpected weights (e.g. {unexpected[0]})")
        if mismatched:
            k = mismatched[0]
            detail.append(
                f"{len(mismatched)} weights of another shape (e.g. {k}: "
                f"{tuple(state_dict[k].shape)} in the file, {tuple(own[k].shape)} in the model)"
            )
        raise CheckpointError(
            f"SAM 2 checkpoint {Path(checkpoint).name} does not match the model config {config_name}: "
            + "; ".join(detail)
            + ". Is it a checkpoint of another model size (tiny, small, base_plus, large)?"
        )
    model.load_state_dict(state_dict, strict=True)


def build_video_model(config: EngineConfig) -> LoadedModel:
    """Build the video predictor named by `config`, load its checkpoint strictly, eval mode."""
    if not config.checkpoint:
        raise CheckpointError("the SAM 2 backend needs a checkpoint path; none is configured")
    from hydra.utils import instantiate

    if config.torch_threads:
        torch.set_num_threads(int(config.torch_threads))
    config_name = resolve_model_config(config.model_config, config.checkpoint)
    device = pick_device(config.device)
    state_dict = read_state_dict(config.checkpoint)  # before building: fail fast on a bad file
    cfg = compose_model_config(
        config_name, config.image_size, compile=config.compile, max_cond_frames=config.max_cond_frames
    )
    model = instantiate(cfg.model, _recursive_=True)
    load_state_dict_strict(model, state_dict, config.checkpoint, config_name)
    del state_dict
    model = model.to(device).eval()
    return LoadedModel(
        model=model,
        config_name=config_name,
        checkpoint=str(config.checkpoint),
        device=device,
        image_size=int(model.image_size),
    )


@contextlib.contextmanager
def inference_context(device: torch.device) -> Iterator[None]:
    """inference_mode, plus bfloat16 autocast on CUDA (fp32 on CPU)."""
    with torch.inference_mode():
        if device.type == "cuda":
            with torch.autocast("cuda", dtype=torch.bfloat16):
                yield
        else:
            yield
