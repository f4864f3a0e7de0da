"""Engine configuration, model-name resolution, and the per-process backend singleton.

No torch import here: `get_backend` imports the SAM 2 backend module, or the transformers
backends (EdgeTAM, SAM 3), only when one of them is chosen.
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .base import BackendUnavailable, CheckpointError

if TYPE_CHECKING:
    from .base import Backend

# Short names of the four SAM 2.1 models -> package-relative hydra config names.
SAM21_CONFIGS: dict[str, str] = {
    "tiny": "configs/sam2.1/sam2.1_hiera_t.yaml",
    "small": "configs/sam2.1/sam2.1_hiera_s.yaml",
    "base_plus": "configs/sam2.1/sam2.1_hiera_b+.yaml",
    "large": "configs/sam2.1/sam2.1_hiera_l.yaml",
}
_ALIASES = {
    "t": "tiny", "hiera_t": "tiny", "hiera_tiny": "tiny",
    "s": "small", "hiera_s": "small", "hiera_small": "small",
    "b+": "base_plus", "base+": "base_plus", "base-plus": "base_plus", "baseplus": "base_plus",
    "hiera_b+": "base_plus", "hiera_base_plus": "base_plus",
    "l": "large", "hiera_l": "large", "hiera_large": "large",
}  # fmt: skip

BACKENDS = ("auto", "sam2", "opencv", "edgetam", "sam3")
DEFAULT_FEATURE_CACHE_BYTES = 512 * 1024 * 1024
COMPILE_MODES = ("off", "encoder", "vos")
# sam2's max_cond_frames_in_attn: conditioning frames a tracked frame attends to (nearest in time).
DEFAULT_MAX_COND_FRAMES = 8
# Local disk a SAM 2 session may fill with tracking state outside its memory window.
DEFAULT_STATE_SPILL_BYTES = 2 * 1024 * 1024 * 1024


@dataclass(frozen=True)
class EngineConfig:
    """What backend to run and how; one frozen value per process (it keys the singleton).

    backend: "auto" (SAM 2 when a checkpoint is configured, else OpenCV), "sam2", "opencv",
      "edgetam" or "sam3" (the last two through transformers, from local model folders).
    checkpoint: path of an official-layout checkpoint file ({"model": state_dict}).
    model_config: "tiny", "small", "base_plus", "large" or a package-relative sam2 config name
      such as "configs/sam2.1/sam2.1_hiera_t.yaml"; None: inferred from the checkpoint file name
      (sam2.1_hiera_tiny.pt -> tiny).
    image_size: model input side in pixels (multiple of 32); None: the config's own (1024).
      Smaller sizes are for tests and benchmarks on CPU.
    device: "auto" (CUDA if present), "cpu" or "cuda". CUDA runs under bfloat16 autocast.
    feature_cache_bytes: budget of the per-frame image-feature LRU cache, in bytes.
    torch_threads: torch intra-op threads (None: leave torch's default).
    compile: "off", "encoder" (torch.compile of the image encoder, as sam2's
      `compile_image_encoder`) or "vos" (sam2's VOS-optimised predictor: image encoder, memory
      attention, memory encoder, prompt encoder and mask decoder compiled, as
      `build_sam2_video_predictor(vos_optimized=True)`). For GPUs: the first frames run slowly
      while torch compiles.
    max_cond_frames: conditioning frames (prompted or corrected) memory attention reads when it
      tracks a frame: the nearest in time, as sam2's `max_cond_frames_in_attn` (at least 2;
      -1: all of them, sam2's default, which makes attention grow with every correction).
    state_spill_bytes: local disk per SAM 2 session for tracking state outside the memory window
      (read back when a frame there is corrected; see `sam2_spill`). 0: none (such a correction
      then cannot be sam2's own answer and callers rebuild).
    edgetam_model: a local Hugging Face model folder of EdgeTAM (config.json of model type
      "edgetam_video", model.safetensors, processor files), e.g. a copy of facebook/EdgeTAM.
    sam3_model: a local Hugging Face model folder of SAM 3 (model type "sam3_video"), e.g. a copy
      of facebook/sam3. Both load with local_files_only=True: nothing is downloaded. Their input
      size is the folder's own (`image_size` applies to SAM 2 only).
    """

    backend: Literal["auto", "sam2", "opencv", "edgetam", "sam3"] = "auto"
    checkpoint: str | None = None
    model_config: str | None = None
    image_size: int | None = None
    device: Literal["auto", "cpu", "cuda"] = "auto"
    feature_cache_bytes: int = DEFAULT_FEATURE_CACHE_BYTES
    torch_threads: int | None = None
    compile: Literal["off", "encoder", "vos"] = "off"
    max_cond_frames: int = DEFAULT_MAX_COND_FRAMES
    state_spill_bytes: int = DEFAULT_STATE_SPILL_BYTES
    edgetam_model: str | None = None
    sam3_model: str | None = None

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {self.backend!r}")
        if self.device not in ("auto", "cpu", "cuda"):
            raise ValueError(f'device must be "auto", "cpu" or "cuda", not {self.device!r}')
        if self.image_size is not None and (self.image_size < 64 or self.image_size % 32):
            raise ValueError(
                f"image_size must be a multiple of 32 and at least 64, not {self.image_size}"
            )
        if self.compile not in COMPILE_MODES:
            raise ValueError(f"compile must be one of {', '.join(COMPILE_MODES)}, not {self.compile!r}")
        if self.feature_cache_bytes < 0:
            raise ValueError("feature_cache_bytes must be >= 0")
        if self.state_spill_bytes < 0:
            raise ValueError("state_spill_bytes must be >= 0")
        if self.max_cond_frames != -1 and self.max_cond_frames < 2:
            # sam2.modeling.sam2_utils.select_closest_cond_frames asserts at least 2
            raise ValueError(f"max_cond_frames must be -1 (no bound) or at least 2, not {self.max_cond_frames}")

    @property
    def resolved_backend(self) -> Literal["sam2", "opencv", "edgetam", "sam3"]:
        if self.backend == "auto":
            return "sam2" if self.checkpoint else "opencv"
        return self.backend

    @classmethod
    def from_env(cls, prefix: str = "MASKLET_") -> EngineConfig:
        """Read MASKLET_BACKEND, MASKLET_SAM2_CHECKPOINT, MASKLET_SAM2_CONFIG, MASKLET_SAM2_IMAGE_SIZE,
        MASKLET_DEVICE, MASKLET_FEATURE_CACHE_MB, MASKLET_TORCH_THREADS, MASKLET_COMPILE,
        MASKLET_MAX_COND_FRAMES, MASKLET_STATE_SPILL_MB, MASKLET_EDGETAM_MODEL and
        MASKLET_SAM3_MODEL (all optional)."""
        env = os.environ
        size = env.get(prefix + "SAM2_IMAGE_SIZE")
        cache_mb = env.get(prefix + "FEATURE_CACHE_MB")
        threads = env.get(prefix + "TORCH_THREADS")
        max_cond = env.get(prefix + "MAX_COND_FRAMES")
        spill_mb = env.get(prefix + "STATE_SPILL_MB")
        return cls(
            backend=env.get(prefix + "BACKEND", "auto"),  # type: ignore[arg-type]
            checkpoint=env.get(prefix + "SAM2_CHECKPOINT") or None,
            model_config=env.get(prefix + "SAM2_CONFIG") or None,
            image_size=int(size) if size else None,
            device=env.get(prefix + "DEVICE", "auto"),  # type: ignore[arg-type]
            feature_cache_bytes=int(float(cache_mb) * 1024 * 1024)
            if cache_mb
            else DEFAULT_FEATURE_CACHE_BYTES,
            torch_threads=int(threads) if threads else None,
            compile=env.get(prefix + "COMPILE") or "off",  # type: ignore[arg-type]
            max_cond_frames=int(max_cond) if max_cond else DEFAULT_MAX_COND_FRAMES,
            state_spill_bytes=int(float(spill_mb) * 1024 * 1024)
            if spill_mb
            else DEFAULT_STATE_SPILL_BYTES,
            edgetam_model=env.get(prefix + "EDGETAM_MODEL") or None,
            sam3_model=env.get(prefix + "SAM3_MODEL") or None,
        )


def sam2_package_dir() -> Path | None:
    """Folder of the installed sam2 package, found without importing it (no Hydra init)."""
    spec = importlib.util.find_spec("sam2")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def resolve_model_config(model_config: str | None, checkpoint: str | None = None) -> str:
    """Return the package-relative sam2 config name for a short name, alias or config name.

    Raises CheckpointError with the accepted names when `model_config` is unknown, or when it is
    None and the checkpoint file name does not say which model it is.
    """
    accepted = (
        ", ".join(SAM21_CONFIGS) + ', or a config name such as "configs/sam2.1/sam2.1_hiera_t.yaml"'
    )
    if model_config is None:
        inferred = _model_from_checkpoint_name(checkpoint)
        if inferred is None:
            raise CheckpointError(
                f"cannot tell which SAM 2 model the checkpoint {checkpoint!r} is from its file name; "
                f"set the model config ({accepted})"
            )
        return SAM21_CONFIGS[inferred]
    name = model_config.strip()
    short = _ALIASES.get(name.lower(), name.lower())
    if short in SAM21_CONFIGS:
        return SAM21_CONFIGS[short]
    package = sam2_package_dir()
    relative = name.removeprefix("sam2/") if name.startswith("sam2/configs/") else name
    if not relative.endswith(".yaml"):
        relative += ".yaml"
    candidates = [relative]
    if "/" not in relative:  # a bare file name: look it up in the config folders
        candidates = [f"configs/sam2.1/{relative}", f"configs/sam2/{relative}"]
    for candidate in candidates:
        if package is None or (package / candidate).is_file():
            if candidate.startswith("configs/"):
                return candidate
    raise CheckpointError(f"unknown SAM 2 model config {model_config!r}; use {accepted}")


def _model_from_checkpoint_name(checkpoint: str | None) -> str | None:
    if not checkpoint:
        return None
    stem = Path(checkpoint).stem.lower()
    for short, pattern in (
        ("base_plus", r"base[_+-]?plus|b\+"),
        ("tiny", r"tiny|hiera_t\b"),
        ("small", r"small|hiera_s\b"),
        ("large", r"large|hiera_l\b"),
    ):
        if re.search(pattern, stem):
            return short
    return None


# ---------------------------------------------------------------------------------------------
# Per-process singleton

_backends: dict[EngineConfig, Backend] = {}
_lock = threading.Lock()


def load_backend(config: EngineConfig) -> Backend:
    """Build a new backend for `config` (loads the model: slow). Prefer `get_backend`."""
    if config.resolved_backend == "opencv":
        from .opencv_backend import OpenCVBackend

        return OpenCVBackend()
    if config.resolved_backend in ("edgetam", "sam3"):
        try:
            from .hf_backends import load_hf_backend
        except ImportError as exc:  # torch or transformers not installed here
            raise BackendUnavailable(
                f"the {config.resolved_backend} backend needs the 'inference' extra (torch, transformers): {exc}"
            ) from exc
        return load_hf_backend(config)
    if not config.checkpoint:
        raise CheckpointError("the SAM 2 backend needs a checkpoint path; none is configured")
    try:
        from .sam2_backend import SAM2Backend
    except ImportError as exc:  # torch or sam2 not installed in this process's environment
        raise BackendUnavailable(
            f"the SAM 2 backend needs the 'inference' extra (torch, sam2) installed: {exc}"
        ) from exc
    return SAM2Backend.from_config(config)


def get_backend(config: EngineConfig | None = None) -> Backend:
    """The backend for `config`, loaded once per process and then reused.

    Call it in the worker process after fork (not at import time). `config=None` reads
    `EngineConfig.from_env()`.
    """
    config = EngineConfig.from_env() if config is None else config
    with _lock:
        backend = _backends.get(config)
        if backend is None:
            backend = load_backend(config)
            _backends[config] = backend
        return backend


def reset_backends() -> None:
    """Forget every loaded backend (tests; a worker reconfigured at run time)."""
    with _lock:
        _backends.clear()
